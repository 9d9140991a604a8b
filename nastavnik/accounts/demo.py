"""Demo accounts: a few pupils of the demo school got their slips and have not signed in yet («приглашён»).

The printed passwords are thrown away: the demo shows the states on the person page and in the people list.
Idempotent: only people without an account are chosen. Called by `nastavnik demo`.
"""

import datetime as dt

from nastavnik.accounts.services import account_issue_slips, account_refusal
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person

SLIPS = 4


def populate(*, today: dt.date) -> None:
    org = Organization.objects.filter(code="school7").first()
    if org is None:
        return
    pupils = Person.objects.filter(
        organization=org, category=Person.Category.PUPIL, user__isnull=True, anonymised_at__isnull=True
    ).order_by("school_class", "last_name", "pk")
    chosen = []
    for pupil in pupils.iterator():
        if account_refusal(person=pupil) is None:
            chosen.append(pupil)
        if len(chosen) == SLIPS:
            break
    account_issue_slips(people=chosen)
