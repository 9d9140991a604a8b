"""`nastavnik demo --scale N`: an invented region in realistic proportions, the same for the same seed."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import Count

from nastavnik.mentorships.models import Meeting, Mentorship, Reflection
from nastavnik.ops.region import region_build
from nastavnik.orgs.models import Membership, Organization, Role
from nastavnik.people.models import Person
from nastavnik.privacy.models import Consent

TODAY = dt.date(2026, 11, 23)


@pytest.mark.django_db
def test_it_builds_organisations_with_people_pairs_meetings_and_diaries():
    counts = region_build(organizations=4, seed=3, today=TODAY)

    assert Organization.objects.count() == 4
    per_org = Person.objects.filter(organization__isnull=False).count() / 4
    assert 40 <= per_org <= 500, per_org
    assert Mentorship.objects.count() > 0 and Meeting.objects.count() > Mentorship.objects.count()
    held = Meeting.objects.filter(status=Meeting.Status.HELD).count()
    assert 0.5 * held < Reflection.objects.count() <= 2 * held
    # Every organisation has its staff, and nobody in a pair lacks the participation consent.
    staff = Membership.objects.filter(role=Role.CURATOR).values("organization").annotate(n=Count("id"))
    assert len(staff) == 4
    in_pairs = set(Mentorship.objects.values_list("mentee_id", flat=True))
    consenting = set(Consent.objects.filter(purpose=Consent.Purpose.PARTICIPATION).values_list("person_id", flat=True))
    assert in_pairs <= consenting
    assert counts[str(Meeting._meta.verbose_name_plural)] == Meeting.objects.count()


@pytest.mark.django_db(transaction=True)  # flushed in between, outside a test transaction (PostgreSQL's triggers)
def test_it_builds_the_same_region_for_the_same_seed():
    region_build(organizations=2, seed=5, today=TODAY)
    first = list(Person.objects.order_by("pk").values_list("last_name", "first_name", "birth_date")[:50])
    call_command("flush", interactive=False, verbosity=0)
    region_build(organizations=2, seed=5, today=TODAY)
    assert list(Person.objects.order_by("pk").values_list("last_name", "first_name", "birth_date")[:50]) == first


@pytest.mark.django_db
def test_it_gives_the_region_logins_for_benchmarks():
    region_build(organizations=1, seed=1, today=TODAY)
    usernames = set(Person.objects.filter(user__isnull=False).values_list("user__username", flat=True))
    assert {"region_director", "region_curator", "region_mentor", "region_mentee", "region_municipal"} <= usernames


@pytest.mark.django_db
def test_its_fast_inserts_leave_the_keys_and_values_as_the_orm_expects():
    """The generator writes with executemany and keys taken in advance: the ORM's next insert must still find a
    free key (PostgreSQL's sequence, SQLite's AUTOINCREMENT counter), and dates, times and JSON read back typed."""
    from nastavnik.surveys.models import Answer

    region_build(organizations=1, seed=2, today=TODAY)
    highest = Person.objects.order_by("-pk").values_list("pk", flat=True).first()
    created = Person.objects.create(category=Person.Category.EXTERNAL, last_name="Новикова", first_name="Вера")
    assert created.pk > highest
    meeting = Meeting.objects.order_by("pk").first()
    assert meeting.scheduled_at.tzinfo is not None and isinstance(meeting.mentorship.starts_on, dt.date)
    assert Answer.objects.exclude(value=None).exists()
    assert all(not isinstance(v, str) or v for v in Answer.objects.values_list("value", flat=True)[:200])
