"""Automatic invitations: entry instruments when a pair is formed, exit instruments at its final meeting; never
twice; refused without the consents, with the reason shown to the curator; one reminder for an unfilled link."""

import datetime as dt

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from nastavnik.mentorships import services as mentorship_services
from nastavnik.mentorships.models import Meeting, Mentorship
from nastavnik.monitoring import invitations, services
from nastavnik.monitoring.models import MeasurementRequest
from tests.factories import ConsentFactory, MeetingFactory, PersonFactory
from tests.mentorships.factories import consent
from tests.monitoring.factories import PSYCH, programme

pytestmark = pytest.mark.django_db


def _people(program):
    mentor = PersonFactory(organization=program.organization, email="mentor@example.org")
    mentee = PersonFactory(organization=program.organization, email="mentee@example.org")
    consent(mentor)
    consent(mentee)
    return mentor, mentee


def _form_pair(program, mentor, mentee, captured, starts_on=None) -> Mentorship:
    with captured(execute=True):
        return mentorship_services.mentorship_create(
            program=program, mentor=mentor, mentees=[mentee], starts_on=starts_on or timezone.localdate()
        )


def test_entry_instruments_go_out_when_a_pair_is_formed_and_never_twice(django_capture_on_commit_callbacks):
    program, _curator, _ = programme()
    services.plan_set(program=program, items=[("soft_skills", "mentee", "entry"), ("satisfaction", "mentor", "entry")])
    mentor, mentee = _people(program)

    pair = _form_pair(program, mentor, mentee, django_capture_on_commit_callbacks)

    requests = MeasurementRequest.objects.filter(program=program, wave="entry")
    assert {(r.person_id, r.instrument) for r in requests} == {(mentee.pk, "soft_skills"), (mentor.pk, "satisfaction")}
    assert all(r.invitation_id and r.automatic and r.mentorship_id == pair.pk for r in requests)
    assert sorted(m.to[0] for m in mail.outbox) == ["mentee@example.org", "mentor@example.org"]
    assert settings.SITE_URL in mail.outbox[0].body  # the personal link, outside any request

    # the same person paired again in the programme (a new mentor after a change): not invited again
    other = PersonFactory(organization=program.organization)
    consent(other)
    with django_capture_on_commit_callbacks(execute=True):
        pair.status = Mentorship.Status.TERMINATED
        pair.save()
    _form_pair(program, other, mentee, django_capture_on_commit_callbacks)
    assert MeasurementRequest.objects.filter(person=mentee, wave="entry").count() == 1


def test_a_pair_entered_afterwards_with_a_past_start_is_not_an_entry(django_capture_on_commit_callbacks):
    program, _curator, _ = programme()
    services.plan_set(program=program, items=[("soft_skills", "mentee", "entry")])
    mentor, mentee = _people(program)
    _form_pair(
        program, mentor, mentee, django_capture_on_commit_callbacks, timezone.localdate() - dt.timedelta(days=30)
    )
    assert not MeasurementRequest.objects.exists()


def test_psychological_diagnostics_is_refused_with_the_reason_shown_then_sent_after_consent(
    client, django_capture_on_commit_callbacks
):
    program, curator, _ = programme()
    services.plan_set(program=program, items=[("burnout", "mentor", "entry")])
    mentor, mentee = _people(program)

    pair = _form_pair(program, mentor, mentee, django_capture_on_commit_callbacks)

    (request,) = MeasurementRequest.objects.filter(person=mentor)
    assert request.invitation is None
    assert request.refusal == "это психологическая диагностика, а письменного согласия на неё нет"
    assert mail.outbox == []
    client.force_login(curator.user)
    page = client.get(reverse("monitoring_plan", args=[program.pk])).content.decode()
    assert mentor.last_name in page and "письменного согласия на неё нет" in page
    assert reverse("monitoring_program", args=[program.pk]) in page

    ConsentFactory(person=mentor, purpose=PSYCH)
    pair.refresh_from_db()
    pair.status = Mentorship.Status.APPROVED
    pair.save(update_fields=["status"])
    result = services.invitations_send(program=program, wave="entry", link_for=invitations.link_for)
    request.refresh_from_db()
    assert [r.pk for r in result.sent] == [request.pk]
    assert request.invitation_id and request.refusal == ""
    assert len(mail.outbox) == 1


def test_exit_instruments_go_out_when_the_final_meeting_is_scheduled_once(django_capture_on_commit_callbacks):
    program, _curator, pairs = programme(pairs=1)
    services.plan_set(program=program, items=[("soft_skills", "mentee", "exit"), ("soft_skills", "mentee", "entry")])
    pair = pairs[0]
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory(mentorship=pair, kind=Meeting.Kind.REGULAR, scheduled_at=timezone.now() + dt.timedelta(days=1))
    assert not MeasurementRequest.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        final = MeetingFactory(
            mentorship=pair, kind=Meeting.Kind.FINAL, scheduled_at=timezone.now() + dt.timedelta(days=3)
        )
    with django_capture_on_commit_callbacks(execute=True):
        final.status = Meeting.Status.HELD
        final.save()

    (request,) = MeasurementRequest.objects.all()
    assert (request.person_id, request.wave, request.instrument) == (pair.mentee_id, "exit", "soft_skills")
    assert request.invitation_id is not None


def test_a_final_meeting_of_long_ago_entered_as_history_invites_nobody(django_capture_on_commit_callbacks):
    program, _curator, pairs = programme(pairs=1)
    services.plan_set(program=program, items=[("soft_skills", "mentee", "exit")])
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory(
            mentorship=pairs[0],
            kind=Meeting.Kind.FINAL,
            status=Meeting.Status.HELD,
            scheduled_at=timezone.now() - dt.timedelta(days=60),
        )
    assert not MeasurementRequest.objects.exists()


def test_one_reminder_for_an_unfilled_link(django_capture_on_commit_callbacks):
    program, _curator, _ = programme()
    services.plan_set(program=program, items=[("soft_skills", "mentee", "entry")])
    mentor, mentee = _people(program)
    _form_pair(program, mentor, mentee, django_capture_on_commit_callbacks)
    mail.outbox.clear()

    assert invitations.reminders_send() == 0  # too early
    later = timezone.now() + dt.timedelta(days=invitations.REMIND_AFTER_DAYS)
    assert invitations.reminders_send(now=later) == 1
    assert invitations.reminders_send(now=later) == 0
    assert [m.to for m in mail.outbox] == [["mentee@example.org"]]


def _member_saved(group, person):
    from nastavnik.mentorships.models import MentorshipMember

    return MentorshipMember.objects.create(mentorship=group, person=person, side="mentee")


def _member_added_by_the_curator(group, person):
    """groups: the curator's way on the group's page (mentorships.services.member_add)."""
    return mentorship_services.member_add(mentorship=group, person=person)


@pytest.mark.parametrize("add", [_member_saved, _member_added_by_the_curator])
def test_a_member_added_to_a_formed_group_is_invited_to_entry_once(django_capture_on_commit_callbacks, add):
    program, _curator, _ = programme()
    program.kind = "group"
    program.save(update_fields=["kind"])
    services.plan_set(program=program, items=[("soft_skills", "mentee", "entry")])
    mentor, mentee = _people(program)
    group = _form_pair(program, mentor, mentee, django_capture_on_commit_callbacks)
    newcomer = PersonFactory(organization=program.organization, email="newcomer@example.org")
    consent(newcomer)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        member = add(group, newcomer)

    request = MeasurementRequest.objects.get(person=newcomer)
    assert (request.instrument, request.wave, request.mentorship_id) == ("soft_skills", "entry", group.pk)
    assert request.invitation_id and request.automatic
    assert [m.to[0] for m in mail.outbox] == ["newcomer@example.org"]  # the others were invited at formation

    # saved again, or the sending repeated: nobody is invited twice
    with django_capture_on_commit_callbacks(execute=True):
        member.save()
    assert invitations.member_entry_invitations_send(member_id=member.pk).already == 1
    assert MeasurementRequest.objects.filter(program=program, wave="entry").count() == 2
    assert len(mail.outbox) == 1


def test_a_member_entered_as_history_is_not_invited(django_capture_on_commit_callbacks):
    from nastavnik.mentorships.models import MentorshipMember

    program, _curator, _ = programme()
    services.plan_set(program=program, items=[("soft_skills", "mentee", "entry")])
    mentor, mentee = _people(program)
    group = _form_pair(program, mentor, mentee, django_capture_on_commit_callbacks)
    earlier = PersonFactory(organization=program.organization)
    consent(earlier)

    with django_capture_on_commit_callbacks(execute=True):
        MentorshipMember.objects.create(
            mentorship=group, person=earlier, side="mentee", joined_on=timezone.localdate() - dt.timedelta(days=30)
        )

    assert not MeasurementRequest.objects.filter(person=earlier).exists()
