from django.apps import AppConfig


class MentorshipsConfig(AppConfig):
    name = "nastavnik.mentorships"
    label = "mentorships"

    def ready(self) -> None:
        # Consent withdrawal ends the person's part in pairs (privacy sends the signal, mentorships answers it).
        from nastavnik.mentorships import receivers  # noqa: F401
        from nastavnik.mentorships.reflections import SPECS
        from nastavnik.surveys.catalog import register

        # The diary questionnaires join the catalogue that `catalog_install()` installs after every migrate.
        for spec in SPECS.values():
            register(spec)
