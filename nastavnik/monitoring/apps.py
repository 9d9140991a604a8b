from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "nastavnik.monitoring"
    label = "monitoring"

    def ready(self) -> None:
        # A filled measurement questionnaire becomes a measurement (surveys save the invitation, we listen).
        from nastavnik.monitoring import receivers  # noqa: F401
        from nastavnik.monitoring.instruments import INSTRUMENTS
        from nastavnik.surveys.catalog import register

        for instrument in INSTRUMENTS.values():
            register(instrument.spec)
        # The programme-quality questionnaires the SWOT is proposed from (seed 000, stage 1).
        from nastavnik.monitoring.quality import SPECS as QUALITY_SPECS

        for spec in QUALITY_SPECS:
            register(spec)
