"""Questionnaires feed the bases: a link is sent, the filled answers become a candidate or a request."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from nastavnik.intake import services, surveys_link
from nastavnik.intake.models import Interview, MenteeRequest, MentorCandidate
from nastavnik.orgs.models import Role
from nastavnik.privacy.models import Consent
from nastavnik.surveys import selectors as survey_selectors
from nastavnik.surveys import services as survey_services
from nastavnik.surveys.models import Invitation
from tests.factories import ConsentFactory, OrganizationFactory, person_with_login
from tests.intake.factories import CandidateFactory, participant

pytestmark = pytest.mark.django_db

MENTOR_ANSWERS = {
    "category": "Педагог или специалист образовательной организации",
    "occupation": "Учитель физики",
    "experience_years": 14,
    "life_experience": "Вёл туристический кружок",
    "professional_experience": "Победитель конкурса «Учитель года» муниципального этапа",
    "interests": "походы, шахматы",
    "competencies": ["Подготовка к олимпиадам и конкурсам", "Цифровые навыки и технологии"],
    "can_share": "Как готовить к олимпиадам",
    "mentor_type": "Предметник: помогаю по своему предмету или направлению",
    "mentee_age": ["Подростки (5–9 класс)", "Старшеклассники (10–11 класс)"],
    "mentee_count": 3,
    "time_per_month": "2–4 часа",
    "frequency": "Раз в неделю",
    "meeting_time": ["После уроков"],
    "meeting_format": ["Очно, один на один"],
    "motivation": "Хочу, чтобы ребята полюбили физику",
    "readiness": 8,
    "ready_to_train": True,
}


def _questionnaire_person(org, **kwargs):
    person = participant(org, email="fizik@school.example", **kwargs)
    ConsentFactory(person=person, purpose=Consent.Purpose.QUESTIONNAIRES)
    return person


def test_it_sends_a_one_time_link_to_the_mentor_questionnaire(client, org_with_curator):
    org, curator = org_with_curator
    teacher = _questionnaire_person(org)
    client.force_login(curator.user)
    response = client.post(reverse("intake_invite", args=[org.code, "mentor"]), {"person": teacher.pk, "days": 10})
    invitation = Invitation.objects.get()
    assert invitation.person == teacher and invitation.version.survey.code == "mentor_candidate"
    public = reverse("survey_public", args=[invitation.token])
    assert public in response.text
    assert len(mail.outbox) == 1 and public in mail.outbox[0].body


def test_it_turns_a_filled_questionnaire_into_a_candidate(client, org_with_curator):
    org, curator = org_with_curator
    teacher = _questionnaire_person(org, last_name="Ясенев")
    version = survey_selectors.latest_version(code="mentor_candidate", organization=org)
    filled = survey_services.response_submit(version=version, answers=MENTOR_ANSWERS, respondent=teacher)
    client.force_login(curator.user)

    listing = client.get(reverse("intake_mentors", args=[org.code]))
    new_url = reverse("intake_candidate_new", args=[org.code]) + f"?response={filled.pk}"
    assert new_url in listing.text
    form_page = client.get(new_url)
    assert form_page.context["form"].initial["preferred_age_from"] == 11
    initial = surveys_link.candidate_initial(response=filled)
    assert initial["category"] == "teacher" and initial["mentor_type"] == "subject"
    assert (initial["preferred_age_to"], initial["capacity"]) == (18, 3)
    assert initial["interests"] == ["походы", "шахматы"]

    post = {k: v for k, v in initial.items() if v is not None}
    post.update(
        person=teacher.pk,
        response=filled.pk,
        competencies="\n".join(initial["competencies"]),
        interests="\n".join(initial["interests"]),
        free_time="\n".join(initial["free_time"]),
    )
    created = client.post(reverse("intake_candidate_new", args=[org.code]), post)
    candidate = MentorCandidate.objects.get()
    assert created.status_code == 302
    assert candidate.competencies == MENTOR_ANSWERS["competencies"]
    filled.refresh_from_db()
    assert filled.subject == candidate
    page = client.get(reverse("intake_candidate", args=[candidate.pk]))
    assert "Хочу, чтобы ребята полюбили физику" in page.text  # the answers, read from surveys
    assert new_url not in client.get(reverse("intake_mentors", args=[org.code])).text


def test_it_turns_a_mentee_questionnaire_into_a_request_with_suggested_categories(org_with_curator):
    org, _curator = org_with_curator
    young = _questionnaire_person(org, experience_years=1)
    version = survey_selectors.latest_version(code="mentee_request", organization=org)
    filled = survey_services.response_submit(
        version=version,
        respondent=young,
        answers={
            "role": "Педагог",
            "about_me": "Учитель информатики, первый год в школе",
            "why_join": "Хочу быстрее освоиться",
            "help_areas": [
                "Цифровые программы и технологии",
                "Для педагогов: методика преподавания и подготовка уроков",
            ],
            "problem": "Не успеваю готовить уроки",
            "self_confidence": 4,
            "mentor_expectations": "Терпение",
            "mentor_kind": "Педагога",
            "meeting_format": ["Очно, один на один"],
            "free_time": ["После уроков"],
            "frequency": "Раз в неделю",
            "ready_to_agree": True,
        },
    )
    initial = surveys_link.request_initial(response=filled)
    assert initial["categories"] == ["young_specialist", "digital_skills"]
    assert initial["needs"].startswith("Не успеваю готовить уроки")
    assert initial["deficit_competencies"] == [
        "Цифровые программы и технологии",
        "Методика преподавания и подготовка уроков",
    ]
    req = services.request_create(
        person=young, organization=org, categories=initial["categories"], needs=initial["needs"], response=filled
    )
    filled.refresh_from_db()
    assert filled.subject == req
    assert [r["response"] for r in surveys_link.answered(subject=req)] == [filled]
    assert MenteeRequest.objects.get().categories == ["young_specialist", "digital_skills"]


def test_it_stores_the_interview_protocol_with_the_interview(client, org_with_curator):
    org, curator = org_with_curator
    candidate = CandidateFactory(person=_questionnaire_person(org))
    interview = Interview.objects.create(candidate=candidate, date=timezone.localdate(), outcome="recommended")
    client.force_login(curator.user)
    url = reverse("intake_interview_protocol", args=[interview.pk])
    assert client.get(url).status_code == 200
    answers = {
        "held_on": timezone.localdate().isoformat(),
        "interviewers": "Куратор и педагог-психолог",
        "format": "Очно",
        "motivation": "Хочет делиться опытом",
        "has_time": "yes",
        **{
            q: "4" for q in ("acceptance", "listening", "asking", "openness", "reliability", "empathy", "communication")
        },
        "readiness": "Высокий",
        "recommendation": "Включить в базу отобранных наставников",
    }
    response = client.post(url, answers)
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    (saved,) = survey_selectors.responses_for(subject=interview)
    assert saved.about == candidate.person


@pytest.fixture
def org_with_curator():
    org = OrganizationFactory()
    return org, person_with_login(role=Role.CURATOR, organization=org)


def test_it_links_a_late_questionnaire_to_the_existing_candidacy(client, org_with_curator):
    org, curator = org_with_curator
    teacher = _questionnaire_person(org)
    candidate = CandidateFactory(person=teacher)
    version = survey_selectors.latest_version(code="mentor_candidate", organization=org)
    filled = survey_services.response_submit(version=version, answers=MENTOR_ANSWERS, respondent=teacher)
    client.force_login(curator.user)
    link = reverse("intake_response_link", args=[org.code, "mentor", filled.pk])
    assert link in client.get(reverse("intake_mentors", args=[org.code])).text
    assert client.post(link)["Location"] == reverse("intake_candidate", args=[candidate.pk])
    filled.refresh_from_db()
    assert filled.subject == candidate
    assert client.post(link).status_code == 404  # attached once, never re-tied
