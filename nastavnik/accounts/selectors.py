"""Reads about accounts: what the person page shows about a login."""

from __future__ import annotations

from django.urls import reverse

from nastavnik import policy
from nastavnik.accounts.services import account_refusal
from nastavnik.people.models import Person
from nastavnik.people.selectors import ACCOUNT_STATES, account_state


def account_panel(*, user, person: Person) -> dict | None:
    """The account card of the person page, for staff who may manage it; None for everybody else."""
    if not policy.can(user, policy.Action.PERSON_MANAGE_ACCOUNT, person):
        return None
    state = account_state(person=person)
    refusal = account_refusal(person=person) if state != "active" else None
    return {
        "state": state,
        "state_label": ACCOUNT_STATES[state],
        "login": person.user.username if person.user_id else "",
        "has_email": bool(person.email),
        "refusal": refusal,
        "consent_url": reverse("privacy_consents", args=[person.pk]),
    }
