from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "nastavnik.intake"
    label = "intake"

    def ready(self) -> None:
        # Consent withdrawal takes a person out of the bases (privacy sends the signal, intake answers it).
        # A signed registry order approves the mentors it names (documents runs the hook, intake owns the rule).
        from nastavnik.documents import effects
        from nastavnik.documents.models import Order
        from nastavnik.intake import receivers  # noqa: F401
        from nastavnik.intake.services import registry_order_signed

        effects.register(Order.Kind.APPROVE_MENTOR_REGISTRY.value, registry_order_signed)
