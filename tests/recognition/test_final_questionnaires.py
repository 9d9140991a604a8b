"""The pair's final questionnaires are real survey responses: sent by personal links at closure, shown on the
closure record to staff who may read them (logged), and closing without an answer needs a stated reason."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from nastavnik.mentorships.models import Meeting
from nastavnik.orgs.models import Role
from nastavnik.privacy.models import AccessLog
from nastavnik.recognition import selectors, services
from nastavnik.recognition.models import Closure
from nastavnik.surveys.models import Invitation
from nastavnik.surveys.services import invitation_use
from tests.factories import MeetingFactory, MentorshipFactory, OrganizationFactory, ProgramFactory, person_with_login
from tests.surveys.factories import questionnaire_consent

MENTOR_ANSWERS = {"satisfaction": 9, "mentee_progress": 8, "results": "Открытый урок проведён", "mentor_again": True}
MENTEE_ANSWERS = {"satisfaction": 10, "mentor_help": 9, "results": "Перестал бояться открытых уроков",
                  "become_mentor": False}


@pytest.fixture
def pair(db):
    org = OrganizationFactory()
    program = ProgramFactory(organization=org, starts_on=dt.date(2025, 9, 1), ends_on=dt.date(2026, 5, 31))
    pair = MentorshipFactory(program=program, starts_on=dt.date(2025, 10, 1))
    pair.mentor.email, pair.mentee.email = "mentor@example.org", "mentee@example.org"
    pair.mentor.save(update_fields=["email"])
    pair.mentee.save(update_fields=["email"])
    questionnaire_consent(pair.mentor)
    questionnaire_consent(pair.mentee)
    MeetingFactory(mentorship=pair, kind=Meeting.Kind.FINAL, status=Meeting.Status.HELD,
                   scheduled_at=dt.datetime(2026, 5, 20, 12, tzinfo=dt.UTC))
    pair.curator = person_with_login(role=Role.CURATOR, organization=org)
    return pair


def _answer(pair, side, answers):
    invitation = services.final_questionnaire_invite(mentorship=pair, side=side, link_for=lambda inv: "http://x/")
    return invitation_use(invitation=invitation, answers=answers)


def test_closing_before_a_side_answered_needs_a_stated_reason(pair):
    _answer(pair, "mentor", MENTOR_ANSWERS)
    with pytest.raises(ValidationError, match="Итоговая анкета не заполнена"):
        services.closure_record(mentorship=pair, kind=Closure.Kind.PLANNED, closed_on=dt.date(2026, 5, 25))
    assert not Closure.objects.filter(mentorship=pair).exists()
    closure = services.closure_record(mentorship=pair, kind=Closure.Kind.PLANNED, closed_on=dt.date(2026, 5, 25),
                                      no_answer_reason="Наставляемый на больничном")
    assert closure.no_answer_reason == "Наставляемый на больничном"


def test_both_answers_arrive_through_personal_links_attached_to_the_pair(pair):
    _answer(pair, "mentor", MENTOR_ANSWERS)
    _answer(pair, "mentee", MENTEE_ANSWERS)
    assert {m.to[0] for m in mail.outbox} == {"mentor@example.org", "mentee@example.org"}
    finals = {f.side: f for f in selectors.final_questionnaires(mentorship=pair)}
    assert finals["mentor"].response.respondent == pair.mentor and finals["mentee"].answered
    # Both answered: no reason needed, none stored.
    closure = services.closure_record(mentorship=pair, kind=Closure.Kind.PLANNED, closed_on=dt.date(2026, 5, 25))
    assert closure.no_answer_reason == ""
    with pytest.raises(ValidationError, match="уже заполнил"):
        services.final_questionnaire_invite(mentorship=pair, side="mentor")


def test_an_open_link_is_sent_again_rather_than_doubled(pair):
    first = services.final_questionnaire_invite(mentorship=pair, side="mentee")
    again = services.final_questionnaire_invite(mentorship=pair, side="mentee")
    assert first.pk == again.pk and Invitation.objects.filter(person=pair.mentee).count() == 1


def test_no_link_without_the_consent_to_questionnaires(db):
    pair = MentorshipFactory()
    with pytest.raises(ValidationError, match="нет действующего согласия"):
        services.final_questionnaire_invite(mentorship=pair, side="mentee")


def test_the_page_closes_with_a_reason_and_sends_the_missing_links(pair):
    client = Client()
    client.force_login(pair.curator.user)
    url = f"/recognition/pairs/{pair.pk}/close/"
    form = {"kind": "planned", "closed_on": "2026-05-25", "next_step": "end"}
    response = client.post(url, form)
    assert response.status_code == 400 and "Итоговая анкета не заполнена" in response.content.decode()
    response = client.post(url, {**form, "no_answer_reason": "Каникулы, ответят позже"})
    assert response.status_code == 302
    assert {m.to[0] for m in mail.outbox} == {"mentor@example.org", "mentee@example.org"}
    # An answer after the closure still lands on the closure record.
    invitation_use(invitation=Invitation.objects.get(person=pair.mentee), answers=MENTEE_ANSWERS)
    page = client.get(url).content.decode()
    assert "Перестал бояться открытых уроков" in page and "Каникулы, ответят позже" in page
    assert AccessLog.objects.filter(person=pair.mentee, action="recognition.final_questionnaire").exists()
    assert not AccessLog.objects.filter(person=pair.mentor, action="recognition.final_questionnaire").exists()


def test_the_curator_sends_a_link_from_the_page(pair):
    client = Client()
    client.force_login(pair.curator.user)
    response = client.post(f"/recognition/pairs/{pair.pk}/close/", {"invite": "mentor"}, follow=True)
    assert "ссылка на итоговую анкету отправлена" in response.content.decode()
    assert Invitation.objects.filter(person=pair.mentor, object_id=pair.pk).exists()


def test_a_mentor_sees_neither_the_page_nor_the_answers(pair):
    _answer(pair, "mentee", MENTEE_ANSWERS)
    client = Client()
    mentor = person_with_login(role=Role.MENTOR, organization=pair.program.organization)
    client.force_login(mentor.user)
    response = client.get(f"/recognition/pairs/{pair.pk}/close/")
    assert response.status_code in {403, 404}


def test_the_programme_page_counts_the_answered_sides_in_one_query_for_all_pairs(pair, django_assert_max_num_queries):
    _answer(pair, "mentor", MENTOR_ANSWERS)
    MentorshipFactory(program=pair.program)  # a second pair, nobody answered
    client = Client()
    client.force_login(pair.curator.user)
    url = f"/recognition/programs/{pair.program.pk}/"
    page = client.get(url).content.decode()
    assert "1 из 2" in page and "0 из 2" in page
    with django_assert_max_num_queries(60) as few:
        client.get(url)
    for _ in range(3):
        MentorshipFactory(program=pair.program)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_a_groups_further_members_get_their_own_final_questionnaires_at_closure(pair):
    from nastavnik.mentorships.models import MentorshipMember
    from tests.factories import PersonFactory

    extra = PersonFactory(organization=pair.program.organization, email="extra@example.org")
    questionnaire_consent(extra)
    no_consent = PersonFactory(organization=pair.program.organization, email="silent@example.org")
    MentorshipMember.objects.create(mentorship=pair, person=extra, side="mentee", joined_on=dt.date(2025, 10, 1))
    MentorshipMember.objects.create(mentorship=pair, person=no_consent, side="mentee", joined_on=dt.date(2025, 10, 1))
    _answer(pair, "mentor", MENTOR_ANSWERS)
    _answer(pair, "mentee", MENTEE_ANSWERS)
    mail.outbox.clear()
    client = Client()
    client.force_login(pair.curator.user)
    url = f"/recognition/pairs/{pair.pk}/close/"
    form = {"kind": "planned", "closed_on": "2026-05-25", "next_step": "end"}

    # The members have not answered: the same rule as for the leads — a reason, or wait.
    response = client.post(url, form)
    assert response.status_code == 400 and "Итоговая анкета не заполнена" in response.content.decode()
    response = client.post(url, {**form, "no_answer_reason": "Участники группы ответят после каникул"})
    assert response.status_code == 302

    # Personal links only where the consent allows, the member's own (not the lead mentee's) questionnaire.
    assert [m.to[0] for m in mail.outbox] == ["extra@example.org"]
    assert not Invitation.objects.filter(person=no_consent).exists()
    invitation_use(invitation=Invitation.objects.get(person=extra), answers={**MENTEE_ANSWERS, "results": "Выучил"})
    finals = {f.person.pk: f for f in selectors.final_questionnaires(mentorship=pair)}
    assert finals[extra.pk].answered and finals[extra.pk].member
    assert finals[pair.mentee.pk].response.respondent == pair.mentee  # the lead's answer is still the lead's
    assert not finals[no_consent.pk].answered

    # The closure page shows each member's state, and a link can be sent to one of them by name.
    page = client.get(url).content.decode()
    assert extra.short_name in page and no_consent.short_name in page
    assert f'value="mentee:{no_consent.pk}"' in page
    client.post(url, {"invite": f"mentee:{no_consent.pk}"})
    assert not Invitation.objects.filter(person=no_consent).exists()  # still no consent: refused with the reason


def test_the_programme_page_counts_a_groups_further_members_with_their_own_questionnaires(pair):
    from nastavnik.mentorships.models import MentorshipMember
    from tests.factories import PersonFactory

    org = pair.program.organization
    extra, silent = PersonFactory(organization=org), PersonFactory(organization=org)
    questionnaire_consent(extra)
    for person in (extra, silent):
        MentorshipMember.objects.create(mentorship=pair, person=person, side="mentee", joined_on=dt.date(2025, 10, 1))
    _answer(pair, "mentor", MENTOR_ANSWERS)
    invitation = services.final_questionnaire_invite(mentorship=pair, side="mentee", person_id=extra.pk)
    invitation_use(invitation=invitation, answers=MENTEE_ANSWERS)
    client = Client()
    client.force_login(pair.curator.user)
    page = client.get(f"/recognition/programs/{pair.program.pk}/").content.decode()
    # The lead mentor and one further mentee answered; the lead mentee and the other member not yet.
    assert f'<a href="/recognition/pairs/{pair.pk}/close/">2 из 4</a>' in page and "из 2<" not in page
    assert sum(f.answered for f in selectors.final_questionnaires(mentorship=pair)) == 2  # as on the closure page
