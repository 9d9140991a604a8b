from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "nastavnik.matching"
    label = "matching"

    def ready(self) -> None:
        # A signed pairs order approves the pairs it names (documents runs the hook, matching owns the rule).
        from nastavnik.documents import effects
        from nastavnik.documents.models import Order
        from nastavnik.matching.services import pairs_order_signed

        effects.register(Order.Kind.APPROVE_PAIRS.value, pairs_order_signed)
