"""Withdrawal end to end: processing stops at once, the purge destroys the data after the legal period."""

import datetime as dt
import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from nastavnik.intake.models import MenteeRequest, MentorCandidate
from nastavnik.matching.models import MatchSession, PreferenceCard, SessionMentee, SessionMentor
from nastavnik.mentorships.models import Meeting, Mentorship
from nastavnik.people.models import Guardianship
from nastavnik.privacy import selectors, services
from nastavnik.privacy.export import personal_data_export
from nastavnik.privacy.models import Consent, DestructionRecord
from nastavnik.privacy.purge import purge_run
from nastavnik.surveys.models import Invitation, Response, Survey, SurveyVersion
from tests.privacy.factories import school, signed_consent

pytestmark = pytest.mark.django_db
P = Consent.Purpose


@pytest.fixture
def world():
    s = school()
    s.participation = signed_consent(s.pupil, P.PARTICIPATION, given_by=s.parent)
    s.questionnaires = signed_consent(s.pupil, P.QUESTIONNAIRES, given_by=s.parent)
    signed_consent(s.mentor, P.PARTICIPATION)
    version = SurveyVersion.objects.create(
        survey=Survey.objects.create(code="entry", title="Входная анкета"), number=1, published_at=timezone.now()
    )
    s.response = Response.objects.create(version=version, organization=s.org, about=s.pupil, respondent=s.parent)
    s.invitation = Invitation.objects.create(
        version=version, person=s.pupil, expires_at=timezone.now() + dt.timedelta(days=14)
    )
    return s


def test_it_stops_processing_at_once_when_participation_consent_is_withdrawn(world):
    s = world
    when = timezone.now()
    services.consent_withdraw(consent=s.participation, withdrawn_by=s.parent.user, when=when)

    s.participation.refresh_from_db()
    assert s.participation.withdrawn_at == when and s.participation.withdrawn_by == s.parent.user
    assert not selectors.consent_active(person=s.pupil, purpose=P.PARTICIPATION)
    s.request.refresh_from_db()
    assert s.request.status == MenteeRequest.Status.WITHDRAWN
    s.mentorship.refresh_from_db()
    assert s.mentorship.status == Mentorship.Status.TERMINATED
    assert s.mentorship.end_reason == "Отзыв согласия на обработку персональных данных"
    assert s.mentorship.ends_on == timezone.localdate()
    s.meeting.refresh_from_db()
    assert s.meeting.status == Meeting.Status.CANCELLED
    s.invitation.refresh_from_db()
    assert not s.invitation.is_open
    # The mentor's own candidacy is untouched: only the pupil withdrew.
    assert MentorCandidate.objects.get(person=s.mentor).status == MentorCandidate.Status.APPROVED
    with pytest.raises(ValidationError, match="уже отозвано"):
        services.consent_withdraw(consent=s.participation, withdrawn_by=None)


def test_it_keeps_participation_when_only_the_questionnaire_consent_is_withdrawn(world):
    s = world
    services.consent_withdraw(consent=s.questionnaires, withdrawn_by=s.parent.user)
    s.request.refresh_from_db()
    s.mentorship.refresh_from_db()
    assert s.request.status == MenteeRequest.Status.IN_BASE
    assert s.mentorship.status == Mentorship.Status.APPROVED
    s.invitation.refresh_from_db()
    assert not s.invitation.is_open  # no more questionnaires


def test_it_destroys_the_data_after_the_legal_period_with_a_destruction_record(world, settings):
    s = world
    settings.PURGE_AFTER_DAYS = 30
    now = timezone.now()
    today = timezone.localdate()
    services.consent_withdraw(consent=s.participation, withdrawn_by=s.parent.user, when=now)

    # One consent is still in force: nothing is destroyed, however long we wait.
    assert purge_run(today=today + dt.timedelta(days=90)) == []
    services.consent_withdraw(consent=s.questionnaires, withdrawn_by=s.parent.user, when=now)

    # Before the period has passed: nothing.
    assert purge_run(today=today + dt.timedelta(days=29)) == []
    assert DestructionRecord.objects.count() == 0

    later = now + dt.timedelta(days=30)
    results = purge_run(today=today + dt.timedelta(days=30), now=later)
    assert [r.person_ref for r in results] == [f"P-{s.pupil.pk}"]

    pupil = type(s.pupil).objects.get(pk=s.pupil.pk)
    assert pupil.last_name == "Обезличено" and pupil.first_name == "" and pupil.middle_name == ""
    assert pupil.birth_date is None and pupil.school_class == "" and pupil.anonymised_at == later
    pupil.user.refresh_from_db()
    assert not pupil.user.is_active and "Кедрова" not in pupil.user.username
    assert not Guardianship.objects.filter(child=pupil).exists()
    s.request.refresh_from_db()
    assert s.request.needs == "" and s.request.interests == []
    assert not Response.objects.filter(pk=s.response.pk).exists()
    s.mentorship.refresh_from_db()
    assert s.mentorship.goal == ""

    record = DestructionRecord.objects.get()
    assert record.person_ref == f"P-{s.pupil.pk}"
    assert record.organization == s.org and record.organization_name == s.org.name
    assert record.reason == "Отзыв согласия / истечение срока"
    assert record.performed_by == "nastavnik purge" and record.performed_at == later
    joined = " | ".join(record.categories)
    assert "фамилия, имя, отчество" in joined
    assert "запросы наставляемого" in joined
    assert "ответы на анкеты" in joined
    assert "Кедрова" not in joined

    # The mentor, the parent and the other people keep their data.
    s.mentor.refresh_from_db()
    s.parent.refresh_from_db()
    assert s.mentor.last_name == "Рябинина" and s.parent.last_name == "Кедров"

    # Idempotent: a second run finds nothing and writes no second record.
    assert purge_run(today=today + dt.timedelta(days=31)) == []
    assert DestructionRecord.objects.count() == 1


def test_it_purges_after_a_consent_expires(world, settings):
    s = world
    settings.PURGE_AFTER_DAYS = 30
    Consent.objects.filter(person=s.pupil).update(valid_until=timezone.localdate() + dt.timedelta(days=10))
    assert purge_run(today=timezone.localdate() + dt.timedelta(days=39)) == []
    results = purge_run(today=timezone.localdate() + dt.timedelta(days=40))
    assert [r.person_ref for r in results] == [f"P-{s.pupil.pk}"]


def test_it_runs_as_a_command_with_a_dry_run_in_russian(world, settings):
    s = world
    settings.PURGE_AFTER_DAYS = 0
    for consent in (s.participation, s.questionnaires):
        services.consent_withdraw(consent=consent, withdrawn_by=None)
    day = (timezone.localdate() + dt.timedelta(days=1)).isoformat()

    out = io.StringIO()
    call_command("purge", "--dry-run", "--today", day, stdout=out)
    assert f"Будет уничтожено: P-{s.pupil.pk}" in out.getvalue()
    assert "Пробный запуск: ничего не изменено." in out.getvalue()
    s.pupil.refresh_from_db()
    assert s.pupil.anonymised_at is None and DestructionRecord.objects.count() == 0

    with pytest.raises(CommandError, match="Укажите ответственного за уничтожение"):
        call_command("purge", "--today", day, stdout=io.StringIO())
    assert DestructionRecord.objects.count() == 0

    out = io.StringIO()
    call_command("purge", "--today", day, "--by", "Ясенева Дарина Павловна", stdout=out)
    assert f"Уничтожено: P-{s.pupil.pk}" in out.getvalue() and "обезличен" in out.getvalue()
    record = DestructionRecord.objects.get()
    assert record.performed_by == "Ясенева Дарина Павловна"  # the responsible person, not the job
    act_path = next(line.split(": ", 1)[1] for line in out.getvalue().splitlines() if line.startswith("Акт"))
    text = "\n".join(p.text for p in docx.Document(act_path).paragraphs)
    table = docx.Document(act_path).tables[0]
    assert "АКТ №" in text and "об уничтожении персональных данных" in text
    assert "Ответственный за уничтожение: Ясенева Дарина Павловна" in text
    assert "Председатель комиссии" in text and "Член комиссии" in text
    assert [c.text for c in table.rows[1].cells][:2] == ["1", f"P-{s.pupil.pk}"]
    assert record.categories[0] in table.rows[1].cells[2].text

    out = io.StringIO()
    call_command("purge", "--today", day, "--by", "Ясенева Д. П.", stdout=out)
    assert "Нет данных к уничтожению" in out.getvalue()


def test_it_keeps_a_staff_members_record_but_destroys_programme_data(settings):
    s = school()
    settings.PURGE_AFTER_DAYS = 0
    consent = signed_consent(s.curator, P.PARTICIPATION)
    from nastavnik.intake.models import MentorCandidate as Candidate

    Candidate.objects.create(person=s.curator, organization=s.org, category="teacher", portfolio="Грамоты")
    services.consent_withdraw(consent=consent, withdrawn_by=None)
    results = purge_run(today=timezone.localdate() + dt.timedelta(days=1))
    assert len(results) == 1 and not results[0].anonymised
    s.curator.refresh_from_db()
    assert s.curator.last_name == "Ясенев" and s.curator.anonymised_at is None
    assert Candidate.objects.get(person=s.curator).portfolio == ""


def test_it_exports_and_then_destroys_the_mentor_match_preference_card(world, settings):
    s = world
    settings.PURGE_AFTER_DAYS = 30
    session = MatchSession.objects.create(organization=s.org, program=s.mentorship.program, date=timezone.localdate())
    candidate = MentorCandidate.objects.get(person=s.mentor)
    mentor_row = SessionMentor.objects.create(session=session, candidate=candidate, person=s.mentor)
    mentee_row = SessionMentee.objects.create(session=session, request=s.request, person=s.pupil)
    card = PreferenceCard.objects.create(
        session=session, side="mentee", person=s.pupil, session_mentee=mentee_row, ranked=[mentor_row.pk]
    )

    book = load_workbook(io.BytesIO(personal_data_export(person=s.pupil)))
    rows = list(book["Карточки предпочтений"].iter_rows(values_only=True))
    assert rows[1][2].startswith("Рябинина Н.")  # the ranked mentor by short name, not by a row id

    now = timezone.now()
    for consent in (s.participation, s.questionnaires):
        services.consent_withdraw(consent=consent, withdrawn_by=s.parent.user, when=now)
    purge_run(today=timezone.localdate() + dt.timedelta(days=30), now=now + dt.timedelta(days=30))
    card.refresh_from_db()
    assert card.ranked == [] and card.refused == []
    assert "карточки предпочтений Mentor Match" in DestructionRecord.objects.get().categories
