from django.apps import AppConfig


class MunicipalConfig(AppConfig):
    name = "nastavnik.municipal"
    label = "municipal"
    verbose_name = "Муниципальный контур"

    def ready(self) -> None:
        # Writes of the data the figures are made of renew the data version of the kept overviews.
        from nastavnik.municipal import receivers  # noqa: F401
