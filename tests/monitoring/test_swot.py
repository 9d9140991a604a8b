"""The programme's SWOT: the quality questionnaires go out by personal links, the answers make a proposal with the
figures behind each line, the curator edits and approves it, the history stays and the DOCX prints it."""

import io

import pytest
from django.urls import reverse
from docx import Document

from nastavnik.intake.models import MentorCandidate
from nastavnik.mentorships.models import Mentorship
from nastavnik.monitoring import quality, swot_selectors
from nastavnik.monitoring.models import SwotAnalysis
from nastavnik.monitoring.swot_services import quality_invitations_send
from nastavnik.orgs.models import Role
from nastavnik.surveys.models import Invitation
from nastavnik.surveys.services import invitation_use
from tests.factories import person_with_login
from tests.mentorships.factories import consent
from tests.monitoring.factories import programme

pytestmark = pytest.mark.django_db


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def _answer_all(program, values: dict[str, int], survey: str = quality.PARTICIPANT_SURVEY) -> None:
    for invitation in Invitation.objects.filter(version__survey__code=survey, object_id=program.pk):
        invitation_use(invitation=invitation, answers={**values, quality.OPEN_GOOD: "Встречи по пятницам"})


def test_curator_sends_the_questionnaires_once_and_hears_who_was_refused(client):
    program, curator, pairs = programme(pairs=2)
    client.force_login(curator.user)
    response = client.post(reverse("monitoring_swot_send", args=[program.pk]), follow=True)
    page = response.content.decode()
    participant = Invitation.objects.filter(version__survey__code=quality.PARTICIPANT_SURVEY)
    assert set(participant.values_list("person_id", flat=True)) == {p.pk for m in pairs for p in (m.mentor, m.mentee)}
    assert all(inv.subject == program for inv in participant)
    # the curator has not consented to questionnaires: she is told, nothing is sent to her
    assert not Invitation.objects.filter(version__survey__code=quality.CURATOR_SURVEY).exists()
    assert f"{curator.full_name}: анкета не отправлена." in page
    consent(curator)
    client.post(reverse("monitoring_swot_send", args=[program.pk]))
    assert Invitation.objects.filter(version__survey__code=quality.CURATOR_SURVEY, person=curator).count() == 1
    assert participant.count() == 4  # nobody invited twice


def test_the_answers_make_a_proposal_with_the_figures_behind_each_line():
    program, _curator, _pairs = programme(pairs=2)
    quality_invitations_send(program=program)
    _answer_all(program, {"p_regular": 5, "p_trust": 4, "p_time": 2, "p_materials": 3})
    proposal = swot_selectors.proposal(program=program)
    assert proposal.lines["strengths"] == [
        "Регулярность встреч пар — среднее 5,00 из 5 (участники, ответов: 4)",
        "Доверие в парах — среднее 4,00 из 5 (участники, ответов: 4)",
    ]
    assert proposal.lines["weaknesses"] == [
        "Время на встречи в расписании — среднее 2,00 из 5 (участники, ответов: 4)",
        "Полезность материалов программы — среднее 3,00 из 5 (участники, ответов: 4)",
    ]
    assert proposal.basis()["items"]["p_time"] == {"mean": 2.0, "n": 4}
    assert swot_selectors.open_answers(program=program)[quality.OPEN_GOOD] == [("Встречи по пятницам", 4)]


def test_premature_closures_and_full_mentors_are_suggested_as_threats():
    program, _curator, pairs = programme(pairs=3)
    pairs[0].status = Mentorship.Status.TERMINATED
    pairs[0].save(update_fields=["status"])
    MentorCandidate.objects.create(
        person=pairs[1].mentor, organization=program.organization, category="teacher", status="approved", capacity=1
    )
    lines = swot_selectors.proposal(program=program).lines["threats"]
    assert "Наставники на пределе нагрузки: 1 из 2 — риск перегрузки и выгорания" in lines
    assert "Досрочно прекращена работа 1 из 1 закрытых пар (100 %)" in lines


def test_curator_edits_approves_and_keeps_the_history_and_the_docx_prints_it(client):
    program, curator, _pairs = programme(pairs=1)
    client.force_login(curator.user)
    page = client.get(reverse("monitoring_swot", args=[program.pk])).content.decode()
    assert "Утвердить SWOT-анализ" in page
    data = {
        "strengths": "Регулярные встречи\n\n- Доверие в парах",
        "weaknesses": "Мало времени",
        "opportunities": "Выпускники-наставники",
        "threats": "Нагрузка наставников",
    }
    client.post(reverse("monitoring_swot", args=[program.pk]), data)
    first = SwotAnalysis.objects.get(program=program)
    assert first.strengths == ["Регулярные встречи", "Доверие в парах"]
    assert first.approved_by == curator.user and first.approved_by_name == curator.full_name
    client.post(reverse("monitoring_swot", args=[program.pk]), {**data, "threats": "Смена администрации"})
    assert SwotAnalysis.objects.filter(program=program).count() == 2
    assert swot_selectors.latest(program=program).threats == ["Смена администрации"]
    page = client.get(reverse("monitoring_swot", args=[program.pk])).content.decode()
    assert "История утверждений" in page and "Смена администрации" in page
    response = client.get(reverse("monitoring_swot_docx", args=[first.pk]))
    text = _docx_text(b"".join(response.streaming_content))
    assert "SWOT-анализ программы наставничества" in text
    for line in ("Сильные стороны", "– Регулярные встречи", "– Доверие в парах", "– Нагрузка наставников"):
        assert line in text
    assert "Утверждён «" in text and curator.full_name in text


def test_an_empty_table_is_refused_and_nothing_is_stored(client):
    program, curator, _pairs = programme(pairs=1)
    client.force_login(curator.user)
    empty = {"strengths": " ", "weaknesses": "", "opportunities": "", "threats": ""}
    page = client.post(reverse("monitoring_swot", args=[program.pk]), empty).content.decode()
    assert "Таблица пуста: заполните хотя бы одну из четырёх частей." in page
    assert not SwotAnalysis.objects.exists()


def test_a_mentor_of_the_programme_can_neither_open_nor_approve_nor_send(client):
    program, _curator, _pairs = programme(pairs=1)
    mentor = person_with_login(role=Role.MENTOR, organization=program.organization)
    client.force_login(mentor.user)
    assert client.get(reverse("monitoring_swot", args=[program.pk])).status_code == 404
    assert client.post(reverse("monitoring_swot", args=[program.pk]), {"strengths": "x"}).status_code == 404
    assert client.post(reverse("monitoring_swot_send", args=[program.pk])).status_code == 404
    assert not SwotAnalysis.objects.exists() and not Invitation.objects.exists()


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_swot_page_and_the_report_run_as_many_queries_for_many_pairs_as_for_few(client):
    small, curator_small, _pairs = programme(pairs=1)
    big, curator_big, _pairs = programme(pairs=6)
    for program in (small, big):
        quality_invitations_send(program=program)
        _answer_all(program, {"p_regular": 5, "p_time": 2})
    counts = []
    for program, curator in ((small, curator_small), (big, curator_big)):
        client.force_login(curator.user)
        counts.append(
            (
                _queries(client, reverse("monitoring_swot", args=[program.pk])),
                _queries(client, reverse("monitoring_report", args=[program.pk, "final", "docx"])),
            )
        )
    assert counts[0] == counts[1]


def test_the_demo_answers_the_questionnaires_and_approves_a_swot_once():
    import datetime as dt
    import random

    from nastavnik.monitoring import swot_demo

    program, curator, _pairs = programme(pairs=3)
    consent(curator)
    program.curators.add(curator)
    swot_demo.populate(program=program, today=dt.date(2026, 12, 6), rng=random.Random(1))
    analysis = SwotAnalysis.objects.get(program=program)
    assert analysis.approved_by == curator.user
    assert "Загруженность старшеклассников перед экзаменами" in analysis.threats
    assert any(line.startswith("Поддержка администрации — среднее 5,00") for line in analysis.strengths)
    assert not Invitation.objects.filter(object_id=program.pk, used_at__isnull=True).exists()
    swot_demo.populate(program=program, today=dt.date(2026, 12, 6), rng=random.Random(1))
    assert SwotAnalysis.objects.filter(program=program).count() == 1
