"""Data versions follow every committed write of the project's tables, bulk ones too, and nothing else."""

import pytest
from django.db import transaction
from django.utils import timezone

from nastavnik import freshness
from nastavnik.mentorships.models import Mentorship
from nastavnik.privacy.models import AccessLog
from tests.mentorships.factories import pair

# Real commits: the versions move after a commit, which a test wrapped in one transaction never reaches.
pytestmark = pytest.mark.django_db(transaction=True)

PAIRS = Mentorship._meta.db_table


def _version(table=PAIRS) -> int:
    return freshness.versions(tables=[table])[0]


def test_a_committed_save_renews_its_table_and_any():
    p = pair()
    before, any_before = _version(), _version(freshness.ANY)
    p.mentorship.goal = "Новая цель"
    p.mentorship.save()
    assert (_version(), _version(freshness.ANY)) == (before + 1, any_before + 1)


def test_bulk_writes_without_signals_renew_too():
    p = pair()
    before = _version()
    Mentorship.objects.filter(pk=p.mentorship.pk).update(goal="Массовая правка")
    assert _version() == before + 1
    with transaction.atomic():
        Mentorship.objects.filter(pk=p.mentorship.pk).update(goal="Ещё одна")
        Mentorship.objects.filter(pk=p.mentorship.pk).update(goal="И ещё")
        assert _version() == before + 1  # not before the commit
    assert _version() == before + 2  # once per transaction


def test_a_rolled_back_write_renews_nothing():
    p = pair()
    before = _version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Mentorship.objects.filter(pk=p.mentorship.pk).update(goal="Откатится")
        raise RuntimeError
    assert _version() == before
    assert Mentorship.objects.get(pk=p.mentorship.pk).goal != "Откатится"


def test_the_access_log_and_a_sign_in_stamp_renew_nothing():
    p = pair()
    before = _version(freshness.ANY)
    AccessLog.objects.create(user=p.curator.user, person=p.mentee, action="test.view", path="/")
    user = p.curator.user
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    assert _version(freshness.ANY) == before
    # Any other change of the account does renew (roles, names, deactivation are shown on pages).
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert _version(freshness.ANY) == before + 1
