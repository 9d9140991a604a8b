"""The intake pages: who may open them, and that their forms do what the curator expects."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from nastavnik.documents.models import Order
from nastavnik.documents.services import order_sign
from nastavnik.intake.models import Attendance, Interview, MenteeRequest, MentorCandidate, TrainingEnrolment
from nastavnik.orgs.models import Role
from nastavnik.privacy.models import AccessLog
from tests.factories import OrganizationFactory, person_with_login
from tests.intake.factories import (
    CandidateFactory,
    MenteeRequestFactory,
    TrainingFactory,
    director_of,
    external,
    participant,
    session_on,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def org():
    return OrganizationFactory(code="school7")


@pytest.fixture
def records(org):
    request = MenteeRequestFactory(person=participant(org, last_name="Ольховая"), status=MenteeRequest.Status.NEW)
    candidate = CandidateFactory(person=participant(org, last_name="Кедров"))
    training = TrainingFactory(organization=org)
    return {"request": request, "candidate": candidate, "training": training}


def _client_for(client, org, role):
    person = person_with_login(role=role, organization=org)
    client.force_login(person.user)
    return client


def _pages(org, records):
    return [
        reverse("intake_overview", args=[org.code]),
        reverse("intake_mentees", args=[org.code]),
        reverse("intake_request_new", args=[org.code]),
        reverse("intake_request", args=[records["request"].pk]),
        reverse("intake_mentors", args=[org.code]),
        reverse("intake_candidate_new", args=[org.code]),
        reverse("intake_candidate", args=[records["candidate"].pk]),
        reverse("intake_invite", args=[org.code, "mentor"]),
        reverse("intake_criteria", args=[org.code]),
        reverse("intake_registry", args=[org.code]),
        reverse("intake_trainings", args=[org.code]),
        reverse("intake_training", args=[records["training"].pk]),
    ]


@pytest.mark.parametrize("role", [Role.CURATOR, Role.PSYCHOLOGIST, Role.COORDINATOR, Role.DIRECTOR])
def test_it_opens_every_page_for_intake_staff(client, org, records, role):
    client = _client_for(client, org, role)
    for url in _pages(org, records):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", [Role.MENTOR, Role.MENTEE, Role.METHOD_HEAD])
def test_it_refuses_the_bases_to_other_roles_of_the_organisation(client, org, records, role):
    client = _client_for(client, org, role)
    for url in _pages(org, records):
        assert client.get(url).status_code == 403, url


def test_it_hides_another_organisations_bases_as_not_found(client, org, records):
    client = _client_for(client, OrganizationFactory(), Role.CURATOR)
    for url in _pages(org, records):
        assert client.get(url).status_code == 404, url
    post = client.post(reverse("intake_request_status", args=[records["request"].pk]), {"status": "withdrawn"})
    assert post.status_code == 404
    records["request"].refresh_from_db()
    assert records["request"].status == MenteeRequest.Status.NEW


def test_it_sends_anonymous_visitors_to_the_login(client, org, records):
    response = client.get(reverse("intake_mentees", args=[org.code]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_it_logs_who_viewed_a_persons_request_and_candidacy(client, org, records):
    client = _client_for(client, org, Role.PSYCHOLOGIST)
    client.get(reverse("intake_request", args=[records["request"].pk]))
    client.get(reverse("intake_candidate", args=[records["candidate"].pk]))
    logged = set(AccessLog.objects.values_list("person_id", "action"))
    assert (records["request"].person_id, "intake.request.view") in logged
    assert (records["candidate"].person_id, "intake.candidate.view") in logged


def test_it_filters_the_mentee_base_and_answers_htmx_with_the_table_only(client, org):
    MenteeRequestFactory(
        person=participant(org, category="pupil", school_class="7А", last_name="Черёмухина"), categories=["gifted"]
    )
    MenteeRequestFactory(
        person=participant(org, category="pupil", school_class="8Б", last_name="Облепихин"), categories=["behaviour"]
    )
    client = _client_for(client, org, Role.CURATOR)
    url = reverse("intake_mentees", args=[org.code])
    by_category = client.get(url, {"category": "gifted"}, headers={"HX-Request": "true"})
    assert "Черёмухина" in by_category.text and "Облепихин" not in by_category.text
    assert "<html" not in by_category.text  # the partial only
    by_class = client.get(url, {"class": "8б"})
    assert "Облепихин" in by_class.text and "Черёмухина" not in by_class.text and "<html" in by_class.text
    by_search = client.get(url, {"q": "черём"})
    assert "Черёмухина" in by_search.text and "Облепихин" not in by_search.text


def test_it_creates_a_request_from_the_form(client, org):
    teacher = participant(org, last_name="Берёзкин")
    client = _client_for(client, org, Role.CURATOR)
    response = client.post(
        reverse("intake_request_new", args=[org.code]),
        {
            "person": teacher.pk,
            "teacher_categories": ["young_specialist", "digital_skills"],
            "needs": "Не умею вести электронный журнал",
            "deficit_competencies": "цифровые инструменты\nэлектронный журнал",
            "source": "deputy",
        },
    )
    req = MenteeRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("intake_request", args=[req.pk])
    assert req.categories == ["young_specialist", "digital_skills"]
    assert req.deficit_competencies == ["цифровые инструменты", "электронный журнал"]
    assert req.source == "deputy"


def test_it_shows_which_consent_is_missing_and_where_to_record_it(client, org):
    teacher = participant(org, consent=False)
    client = _client_for(client, org, Role.CURATOR)
    response = client.post(
        reverse("intake_request_new", args=[org.code]),
        {"person": teacher.pk, "teacher_categories": ["burnout"], "needs": "Устал", "source": "self"},
    )
    assert response.status_code == 400
    assert "Участие в программе наставничества и персонифицированный учёт" in response.text
    assert reverse("privacy_consents", args=[teacher.pk]) in response.text
    assert not MenteeRequest.objects.exists()


def test_it_analyses_and_moves_a_request_with_the_buttons(client, org, records):
    req = records["request"]
    client = _client_for(client, org, Role.CURATOR)
    client.post(
        reverse("intake_request_analyse", args=[req.pk]),
        {
            "analysis": "Нужен наставник-предметник",
            "teacher_categories": ["young_specialist"],
            "needs_psychologist": "on",
        },
    )
    req.refresh_from_db()
    assert req.status == MenteeRequest.Status.ANALYSED and req.needs_psychologist
    client.post(reverse("intake_request_status", args=[req.pk]), {"status": "in_base"})
    req.refresh_from_db()
    assert req.status == MenteeRequest.Status.IN_BASE
    refused = client.post(reverse("intake_request_status", args=[req.pk]), {"status": "new"})
    assert refused.status_code == 400 and "Нельзя перевести запрос" in refused.text


def test_it_records_an_interview_and_approves_from_the_candidate_page(client, org, records):
    candidate = records["candidate"]
    client = _client_for(client, org, Role.CURATOR)
    client.post(
        reverse("intake_candidate_interview", args=[candidate.pk]),
        {"date": TODAY.isoformat(), "outcome": "recommended", "notes": "Психологически готов"},
    )
    assert Interview.objects.get().candidate == candidate
    client.post(reverse("intake_candidate_approve", args=[candidate.pk]), {"note": ""})
    candidate.refresh_from_db()
    assert candidate.status == MentorCandidate.Status.APPROVED
    page = client.get(reverse("intake_registry", args=[org.code]))
    assert candidate.person.full_name in page.text


def test_it_lets_the_psychologist_keep_the_base_but_not_issue_the_order(client, org, records):
    director_of(org)
    candidate = records["candidate"]
    candidate.status = MentorCandidate.Status.APPROVED
    candidate.save()
    client = _client_for(client, org, Role.PSYCHOLOGIST)
    url = reverse("intake_registry", args=[org.code])
    assert "Передать приказ на подпись" not in client.get(url).text
    assert client.post(url, {"date": TODAY.isoformat()}).status_code == 403


def test_it_issues_the_registry_order_from_the_registry_page(client, org, records):
    director_of(org)
    candidate = records["candidate"]
    candidate.status = MentorCandidate.Status.APPROVED
    candidate.save()
    client = _client_for(client, org, Role.COORDINATOR)
    response = client.post(reverse("intake_registry", args=[org.code]), {"date": TODAY.isoformat()})
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.approved_on is None  # a draft approves nobody
    order_sign(order=Order.objects.get(), date=TODAY)
    candidate.refresh_from_db()
    assert candidate.approved_on == TODAY
    page = client.get(reverse("intake_registry", args=[org.code]))
    assert "не утверждён" not in page.text and "№ 1-" in page.text


def test_it_downloads_the_agreement_of_an_external_mentor(client, org):
    director_of(org)
    candidate = CandidateFactory(person=external(), organization=org, category="employer", status="interviewed")
    client = _client_for(client, org, Role.CURATOR)
    client.post(
        reverse("intake_agreement_new", args=[candidate.pk]),
        {"date": TODAY.isoformat(), "term_until": (TODAY + dt.timedelta(days=365)).isoformat()},
    )
    agreement = candidate.agreements.get()
    page = client.get(reverse("intake_candidate", args=[candidate.pk]))
    download_url = reverse("intake_agreement_download", args=[agreement.pk])
    assert download_url in page.text
    response = client.get(download_url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content)[:2] == b"PK"


def test_it_ticks_attendance_with_htmx_and_completes(client, org):
    training = TrainingFactory(organization=org)
    sessions = [session_on(training, n, -10 + n) for n in (1, 2, 3, 4)]
    candidate = CandidateFactory(person=participant(org), status="approved")
    enrolment = TrainingEnrolment.objects.create(training=training, candidate=candidate)
    TrainingEnrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=timezone.now() - dt.timedelta(days=30))
    client = _client_for(client, org, Role.CURATOR)
    url = reverse("intake_attendance", args=[training.pk])
    for session in sessions[:3]:
        row = client.post(
            url, {"session": session.pk, "enrolment": enrolment.pk, "present": "on"}, headers={"HX-Request": "true"}
        )
        assert row.status_code == 200 and row.text.strip().startswith("<tr")
    assert "3 из 4" in row.text and "Завершил(а) обучение" in row.text
    client.post(url, {"session": sessions[0].pk, "enrolment": enrolment.pk})  # unticked, without JS
    assert Attendance.objects.get(session=sessions[0]).present is False
    refused = client.post(reverse("intake_enrolment_complete", args=[enrolment.pk]), {"completed_on": TODAY})
    assert refused.status_code == 400 and "не менее 75%" in refused.text
    client.post(url, {"session": sessions[3].pk, "enrolment": enrolment.pk, "present": "on"})
    client.post(url, {"session": sessions[0].pk, "enrolment": enrolment.pk, "present": "on"})
    done = client.post(reverse("intake_enrolment_complete", args=[enrolment.pk]), {"completed_on": TODAY})
    assert done.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.completed_on == TODAY and enrolment.certificate_number


def test_it_issues_the_mentor_school_order_from_the_training_page(client, org):
    director_of(org)
    training = TrainingFactory(organization=org)
    session_on(training, 1, -3)
    responsible = participant(org, last_name="Рябинина")
    url = reverse("intake_training_order", args=[training.pk])
    data = {"date": TODAY.isoformat(), "responsible": responsible.pk}
    psychologist = _client_for(client, org, Role.PSYCHOLOGIST)
    assert psychologist.post(url, data).status_code == 403
    coordinator = person_with_login(role=Role.COORDINATOR, organization=org)
    client.force_login(coordinator.user)
    assert client.post(url, data).status_code == 302
    training.refresh_from_db()
    page = client.get(reverse("intake_training", args=[training.pk]))
    assert reverse("order_detail", args=[training.order.pk]) in page.text and "проект приказа" in page.text


def test_it_issues_an_agreement_from_the_candidate_page_and_explains_a_refusal(client, org):
    director_of(org)
    candidate = CandidateFactory(person=external(), organization=org, category="employer", status="interviewed")
    client = _client_for(client, org, Role.CURATOR)
    url = reverse("intake_agreement_new", args=[candidate.pk])
    empty = client.post(url, {})
    assert empty.status_code == 400 and "Проверьте даты договора." in empty.text
    backwards = client.post(url, {"date": TODAY.isoformat(), "term_until": (TODAY - dt.timedelta(days=1)).isoformat()})
    assert backwards.status_code == 400 and "позже даты заключения" in backwards.text
    assert not candidate.agreements.exists()
    done = client.post(url, {"date": TODAY.isoformat(), "term_until": (TODAY + dt.timedelta(days=365)).isoformat()})
    assert done.status_code == 302 and done["Location"] == reverse("intake_candidate", args=[candidate.pk])
    assert candidate.agreements.count() == 1


def test_it_adds_a_session_and_a_listener_on_the_training_page(client, org):
    training = TrainingFactory(organization=org)
    candidate = CandidateFactory(person=participant(org, last_name="Кленов"), organization=org, status="interviewed")
    client = _client_for(client, org, Role.CURATOR)
    session_url = reverse("intake_session_add", args=[training.pk])
    wrong = client.post(session_url, {"topic": "Роль наставника", "hours": "2"})
    assert wrong.status_code == 400 and "Проверьте форму занятия." in wrong.text
    assert not training.sessions.exists()
    starts = timezone.localtime().replace(microsecond=0) + dt.timedelta(days=3)
    added = client.post(
        session_url, {"starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "topic": "Роль наставника", "hours": "2"}
    )
    assert added.status_code == 302 and training.sessions.get().topic == "Роль наставника"
    enrol_url = reverse("intake_enrol", args=[training.pk])
    nobody = client.post(enrol_url, {})
    assert nobody.status_code == 400 and "Выберите слушателя из списка." in nobody.text
    assert client.post(enrol_url, {"candidate": candidate.pk}).status_code == 302
    assert TrainingEnrolment.objects.filter(training=training, candidate=candidate).exists()
