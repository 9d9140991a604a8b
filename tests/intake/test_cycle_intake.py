"""Issue 10 §2: intake as the first cycle's curator met it — each test failed before its fix."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from nastavnik.intake.models import Interview, MentorCandidate
from nastavnik.orgs.models import Role
from nastavnik.privacy.models import Consent
from nastavnik.surveys.models import Invitation
from tests.factories import OrganizationFactory, PupilFactory, person_with_login
from tests.intake.factories import CandidateFactory, participant
from tests.surveys.factories import questionnaire_consent

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def school():
    org = OrganizationFactory()
    return org, person_with_login(role=Role.CURATOR, organization=org)


def test_the_curator_is_refused_a_link_without_consent_and_offered_to_prepare_it(client, school):
    org, curator = school
    pupil = PupilFactory(organization=org, last_name="Брусникин", first_name="Лев")
    participant_consent = Consent.Purpose.PARTICIPATION
    from tests.factories import ConsentFactory

    ConsentFactory(person=pupil, purpose=participant_consent)
    client.force_login(curator.user)
    url = reverse("intake_invite", args=[org.code, "mentee"])
    response = client.post(url, {"person": pupil.pk, "days": 14})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Ссылка не создана: нет действующего согласия на анкетирование" in html
    assert reverse("privacy_consents", args=[pupil.pk]) in html
    assert not Invitation.objects.exists()


def test_the_interview_protocol_starts_from_the_interview_and_its_type_reaches_the_candidate(client, school):
    org, curator = school
    teacher = participant(org)
    questionnaire_consent(teacher)
    candidate = CandidateFactory(person=teacher)
    interviewer = participant(org, last_name="Калинова", first_name="Дарья", middle_name="Петровна")
    held_on = TODAY - dt.timedelta(days=2)
    interview = Interview.objects.create(
        candidate=candidate, date=held_on, outcome="recommended", interviewer=interviewer
    )
    client.force_login(curator.user)
    url = reverse("intake_interview_protocol", args=[interview.pk])
    page = client.get(url).content.decode()
    assert f'value="{held_on.isoformat()}"' in page and 'value="Калинова Дарья Петровна"' in page
    answers = {
        "held_on": held_on.isoformat(),
        "interviewers": "Калинова Дарья Петровна",
        "format": "Очно",
        "motivation": "Хочет делиться опытом",
        "has_time": "yes",
        **{
            q: "4" for q in ("acceptance", "listening", "asking", "openness", "reliability", "empathy", "communication")
        },
        "readiness": "Высокий",
        "recommendation": "Включить в базу отобранных наставников",
        "mentor_type": "Предметник",
    }
    assert client.post(url, answers).status_code == 302
    candidate.refresh_from_db()
    assert candidate.mentor_type == MentorCandidate.MentorType.SUBJECT


def test_a_guardian_preparing_a_consent_is_asked_to_sign_it_not_to_print_it(client, school):
    from nastavnik.people.models import Guardianship, Person

    org, _curator = school
    child = PupilFactory(organization=org)
    parent = person_with_login(role=Role.GUARDIAN, organization=org, category=Person.Category.PARENT)
    Guardianship.objects.create(guardian=parent, child=child)
    client.force_login(parent.user)
    url = reverse("privacy_consents", args=[child.pk])
    response = client.post(
        url, {"purpose": Consent.Purpose.QUESTIONNAIRES, "given_by": parent.pk, "guardian_basis": ""}, follow=True
    )
    html = response.content.decode()
    assert "распечатайте" not in html and "отметьте подписание" not in html
    assert "Прочитайте его и подпишите" in html
    consent = Consent.objects.get(person=child)
    assert response.redirect_chain[-1][0] == reverse("privacy_consent_sign", args=[consent.pk])


def test_a_pupil_is_greeted_as_a_pupil_and_not_shown_the_teachers_options(client, school):
    from nastavnik.surveys import services as survey_services
    from nastavnik.surveys.audience import option_fits
    from nastavnik.surveys.selectors import latest_version

    org, _curator = school
    pupil = PupilFactory(organization=org, first_name="Лев", birth_date=TODAY.replace(year=TODAY.year - 11))
    questionnaire_consent(pupil)
    invitation = survey_services.invitation_create(version=latest_version(code="mentee_request"), person=pupil)
    page = client.get(reverse("survey_public", args=[invitation.token])).content.decode()
    assert "Привет, Лев!" in page and "Здравствуйте, Лев!" not in page
    assert "Для педагогов" not in page
    assert "Учёба по отдельным предметам" in page
    teacher = participant(org, first_name="Вера")
    questionnaire_consent(teacher)
    invitation = survey_services.invitation_create(version=latest_version(code="mentee_request"), person=teacher)
    page = client.get(reverse("survey_public", args=[invitation.token])).content.decode()
    assert "Здравствуйте, Вера!" in page and "Для педагогов: методика преподавания" in page
    assert option_fits("Для педагогов: документы", audience="staff")
    assert not option_fits("Для педагогов: документы", audience="pupil")


def test_the_criteria_page_shows_how_each_candidate_meets_each_criterion(client, school):
    from nastavnik.intake import services
    from nastavnik.intake.rules import criterion_evidence
    from nastavnik.privacy.models import AccessLog

    org, curator = school
    services.criterion_add(organization=org, text="Владение цифровыми инструментами и ИКТ")
    services.criterion_add(organization=org, text="Опыт подготовки к олимпиадам и конкурсам")
    fits = CandidateFactory(
        person=participant(org, last_name="Цифрова"), competencies=["Цифровые инструменты на уроке"]
    )
    CandidateFactory(person=participant(org, last_name="Пустова"), competencies=["Классное руководство"])
    client.force_login(curator.user)
    page = client.get(reverse("intake_criteria", args=[org.code])).content.decode()
    section = page[page.index('id="criteria-comparison"') :]
    assert section.index("Цифрова") < section.index("Пустова"), "the best-fitting candidate first"
    assert "соответствует 1 критерию из 2" in section and "Цифровые инструменты на уроке" in section
    assert "соответствует 0 критериям из 2" in section and "не подтверждено" in section
    assert AccessLog.objects.filter(person=fits.person).exists()
    assert criterion_evidence(criterion="Опыт подготовки к олимпиадам", phrases=["Готовлю к олимпиадам"]) == (
        "Готовлю к олимпиадам"
    )
