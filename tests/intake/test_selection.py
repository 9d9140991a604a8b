"""Candidates: into the mentor base with consent, interview, approval, the registry order and the agreement."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nastavnik.documents.models import Order
from nastavnik.documents.services import order_sign
from nastavnik.intake import selectors, services
from nastavnik.intake.models import Agreement, Interview, MentorCandidate
from nastavnik.orgs.models import Role
from nastavnik.people.models import Person
from tests.factories import OrganizationFactory, PupilFactory
from tests.intake.factories import (
    CandidateFactory,
    director_of,
    docx_text,
    external,
    participant,
    pupil_with_guardian_consent,
    staff,
)

pytestmark = pytest.mark.django_db
Status = MentorCandidate.Status
TODAY = timezone.localdate()


def test_it_puts_a_consenting_teacher_into_the_mentor_base():
    teacher = participant(OrganizationFactory())
    candidate = services.candidate_create(
        person=teacher,
        organization=teacher.organization,
        category=MentorCandidate.Category.TEACHER,
        mentor_type=MentorCandidate.MentorType.SUBJECT,
        competencies=["методика урока", "методика урока", "работа с родителями"],
        preferred_age_from=22,
        preferred_age_to=35,
        capacity=2,
    )
    assert candidate.status == Status.CANDIDATE
    assert candidate.competencies == ["методика урока", "работа с родителями"]
    assert not candidate.is_external


def test_it_refuses_the_mentor_base_without_consent_and_writes_nothing():
    teacher = participant(OrganizationFactory(), consent=False)
    with pytest.raises(ValidationError) as error:
        services.candidate_create(person=teacher, organization=teacher.organization, category="teacher")
    assert error.value.code == "consent_missing"
    assert not MentorCandidate.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"capacity": 0}, "от 1 до 30"),
        ({"capacity": 31}, "от 1 до 30"),
        ({"preferred_age_from": 15, "preferred_age_to": 12}, "не может быть больше"),
        ({"category": "pupil"}, "только обучающийся этой организации"),
        ({"mentor_type": "guru"}, "Неизвестный тип"),
    ],
)
def test_it_refuses_impossible_candidate_data(kwargs, message):
    teacher = participant(OrganizationFactory())
    with pytest.raises(ValidationError, match=message):
        services.candidate_create(
            person=teacher, organization=teacher.organization, **{"category": "teacher", **kwargs}
        )


def test_it_accepts_a_pupil_mentor_with_the_guardians_consent():
    pupil = pupil_with_guardian_consent(OrganizationFactory(), school_class="10Б")
    candidate = services.candidate_create(person=pupil, organization=pupil.organization, category="pupil")
    assert candidate.category == "pupil"


def test_it_refuses_the_same_person_twice_in_one_base():
    teacher = participant(OrganizationFactory())
    services.candidate_create(person=teacher, organization=teacher.organization, category="teacher")
    with pytest.raises(ValidationError, match="уже есть в базе наставников"):
        services.candidate_create(person=teacher, organization=teacher.organization, category="veteran")


def test_it_records_an_interview_and_then_approves():
    org = OrganizationFactory()
    candidate = CandidateFactory(person=participant(org))
    curator = staff(org, Role.CURATOR)
    interview = services.interview_record(
        candidate=candidate, date=TODAY, interviewer=curator, outcome=Interview.Outcome.RECOMMENDED, notes="Готов"
    )
    assert interview.interviewer == curator
    candidate.refresh_from_db()
    assert candidate.status == Status.INTERVIEWED
    services.candidate_approve(candidate=candidate, note="Опыт подготовки к олимпиадам")
    candidate.refresh_from_db()
    assert candidate.status == Status.APPROVED
    assert list(selectors.approved_mentors(organization=org)) == [candidate]


def test_it_refuses_approval_without_an_interview_or_after_not_recommended():
    org = OrganizationFactory()
    fresh = CandidateFactory(person=participant(org))
    with pytest.raises(ValidationError, match="прошедшего собеседование"):
        services.candidate_approve(candidate=fresh)
    services.interview_record(candidate=fresh, date=TODAY, interviewer=None, outcome="not_recommended")
    fresh.refresh_from_db()
    with pytest.raises(ValidationError, match="не рекомендован"):
        services.candidate_approve(candidate=fresh)
    fresh.refresh_from_db()
    assert fresh.status == Status.INTERVIEWED


def test_it_approves_a_candidate_recommended_after_training():
    candidate = CandidateFactory(person=participant(OrganizationFactory()))
    services.interview_record(candidate=candidate, date=TODAY, interviewer=None, outcome="needs_training")
    candidate.refresh_from_db()
    services.candidate_approve(candidate=candidate)
    assert candidate.status == Status.APPROVED


def test_it_refuses_an_interview_in_the_future():
    candidate = CandidateFactory(person=participant(OrganizationFactory()))
    with pytest.raises(ValidationError, match="в будущем"):
        services.interview_record(
            candidate=candidate, date=TODAY + dt.timedelta(days=1), interviewer=None, outcome="recommended"
        )
    assert not Interview.objects.exists()


def test_it_rejects_with_a_reason_only():
    candidate = CandidateFactory(person=participant(OrganizationFactory()))
    with pytest.raises(ValidationError, match="причину"):
        services.candidate_reject(candidate=candidate, note="")
    services.candidate_reject(candidate=candidate, note="Нет времени на встречи")
    candidate.refresh_from_db()
    assert candidate.status == Status.REJECTED and candidate.decision_note == "Нет времени на встречи"


def test_it_issues_the_registry_order_listing_the_approved_mentors():
    org = OrganizationFactory()
    director = director_of(org)
    approved = [
        CandidateFactory(
            person=participant(org, last_name=last, first_name=first, middle_name=middle), status=Status.INTERVIEWED
        )
        for last, first, middle in [("Кедрова", "Алла", "Игоревна"), ("Берёзкин", "Глеб", "Ильич")]
    ]
    for candidate in approved:
        services.interview_record(candidate=candidate, date=TODAY, interviewer=None, outcome="recommended")
        candidate.refresh_from_db()
        services.candidate_approve(candidate=candidate)
    left_out = CandidateFactory(person=participant(org, last_name="Ясенев"), status=Status.INTERVIEWED)
    date = TODAY - dt.timedelta(days=2)

    draft = services.registry_approve(organization=org, date=date, signed_by=None)
    assert draft.status == Order.Status.DRAFT and draft.number is None
    order = order_sign(order=draft, date=date)

    assert order.kind == Order.Kind.APPROVE_MENTOR_REGISTRY and order.date == date
    with order.file.open("rb") as fh:
        text = docx_text(fh.read())
    assert f"№ {order.display_number}" in text
    assert f"«{date.day}»" in text and str(date.year) in text
    assert "Кедрова А. И." in text and "Берёзкин Г. И." in text
    assert "Ясенев" not in text
    assert "Л. М. Гроздева" in text, director  # signed by the head of the organisation
    named = selectors.registry_orders(organization=org)
    assert named == {approved[0].pk: order, approved[1].pk: order}
    for candidate in approved:
        candidate.refresh_from_db()
        assert candidate.approved_on == date
    assert left_out.pk not in named
    with pytest.raises(ValidationError, match="утверждён приказом"):
        services.candidate_reject(candidate=approved[0], note="Передумали")


def test_it_refuses_an_empty_registry_and_issues_no_order():
    org = OrganizationFactory()
    director_of(org)
    with pytest.raises(ValidationError, match="нет ни одного"):
        services.registry_approve(organization=org, date=TODAY)
    assert not Order.objects.exists()


def test_it_generates_the_cooperation_agreement_for_an_external_mentor():
    org = OrganizationFactory()
    director_of(org)
    engineer = external(last_name="Кедров", first_name="Пётр", middle_name="Олегович")
    candidate = CandidateFactory(
        person=engineer,
        organization=org,
        category=MentorCandidate.Category.EMPLOYER,
        status=Status.INTERVIEWED,
        competencies=["профориентация", "инженерная графика"],
    )
    assert candidate.is_external

    agreement = services.agreement_issue(candidate=candidate, date=TODAY, term_until=TODAY + dt.timedelta(days=365))

    assert agreement.number == f"1/{TODAY.year}"
    with agreement.file.open("rb") as fh:
        text = docx_text(fh.read())
    assert "П. О. Кедров" in text or "Кедров Пётр Олегович" in text
    assert agreement.number in text
    assert "безвозмезд" in text.lower()
    second = CandidateFactory(person=external(category=Person.Category.GRADUATE), organization=org, category="graduate")
    assert (
        services.agreement_issue(candidate=second, date=TODAY, term_until=TODAY + dt.timedelta(days=30)).number
        == f"2/{TODAY.year}"
    )


def test_it_refuses_an_agreement_with_the_organisations_own_staff():
    org = OrganizationFactory()
    director_of(org)
    veteran_teacher = participant(org, experience_years=40)  # a veteran still teaching here is staff
    candidate = CandidateFactory(person=veteran_teacher, category=MentorCandidate.Category.VETERAN)
    assert not candidate.is_external
    with pytest.raises(ValidationError, match="только с внешними"):
        services.agreement_issue(candidate=candidate, date=TODAY, term_until=TODAY + dt.timedelta(days=90))
    assert not Agreement.objects.exists()


def test_it_counts_a_parent_mentor_as_external():
    org = OrganizationFactory()
    parent = participant(org, category=Person.Category.PARENT)
    candidate = CandidateFactory(person=parent, category=MentorCandidate.Category.PARENT)
    assert candidate.is_external
    assert selectors.external_without_agreement(organization=org) == [candidate]
    pupil_candidate = CandidateFactory(person=PupilFactory(organization=org), category="pupil")
    assert not pupil_candidate.is_external
