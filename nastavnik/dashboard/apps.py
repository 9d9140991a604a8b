from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "nastavnik.dashboard"
    label = "dashboard"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from nastavnik.session_refresh import stamp_on_login

        # perf: the sliding session (nastavnik/session_refresh.py) starts at the login.
        user_logged_in.connect(stamp_on_login, dispatch_uid="nastavnik.session_refresh.stamp_on_login")
