from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nastavnik.accounts"
    verbose_name = "Учётные записи"
