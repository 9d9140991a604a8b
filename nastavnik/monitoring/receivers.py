"""Monitoring's answers to other apps' events. Connected by importing this module in MonitoringConfig.ready()."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from nastavnik.surveys.models import Invitation


@receiver(post_save, sender=Invitation, dispatch_uid="monitoring_measurement_from_invitation")
def measurement_from_invitation(sender, instance: Invitation, update_fields=None, **kwargs) -> None:
    """A measurement questionnaire filled by its personal link becomes a measurement at once."""
    if instance.response_id is None or (update_fields is not None and "response" not in update_fields):
        return
    from nastavnik.monitoring.services import measurement_from_response

    measurement_from_response(invitation=instance)
