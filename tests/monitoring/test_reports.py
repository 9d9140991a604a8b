"""The quarterly control report and the final analytical report: downloaded from the programme's monitoring page,
opened again and read — sections, figures, the SWOT, the verdict in words; the download is logged."""

import html
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document

from nastavnik.mentorships.models import Meeting
from nastavnik.monitoring.swot_services import swot_approve
from nastavnik.privacy.models import AccessLog
from tests.factories import MeetingFactory, assert_sent_back_without_a_file
from tests.monitoring.factories import measure, programme

pytestmark = pytest.mark.django_db


def _read(response) -> tuple[str, Document]:
    doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts), doc


def _world():
    program, curator, pairs = programme(pairs=7)
    for number, m in enumerate(pairs):
        measure(m, "motivation", 2.0 + number * 0.1, 3.0 + number * 0.2)
    for _ in range(2):
        MeetingFactory(mentorship=pairs[0], status=Meeting.Status.HELD, scheduled_at=timezone.now())
    MeetingFactory(mentorship=pairs[0], status=Meeting.Status.PLANNED, scheduled_at=timezone.now())
    swot_approve(
        program=program,
        strengths=["Доверие в парах"],
        weaknesses=["Мало времени на встречи"],
        opportunities=["Выпускники-наставники"],
        threats=["Нагрузка перед экзаменами"],
        approved_by=curator.user,
    )
    return program, curator, pairs


def test_the_quarterly_report_has_every_section_with_its_figures_and_is_logged(client):
    program, curator, pairs = _world()
    client.force_login(curator.user)
    page = client.get(reverse("monitoring_program", args=[program.pk])).content.decode()
    url = reverse("monitoring_report", args=[program.pk, "quarterly", "docx"])
    assert url in page
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment")
    text, doc = _read(response)
    assert "Квартальный контрольный отчёт" in text and f"наставничества {program.title}\n" in text
    for heading in (
        "1. Программа",
        "2. Пары и встречи",
        "3. SWOT-анализ программы",
        "4. Показатели эффективности",
        "5. Динамика участников: вход и выход",
        "6. Состояние работающих пар",
    ):
        assert heading in text
    assert "Всего пар: 7" in text
    assert "Встреч проведено: 2; запланировано в графиках пар: 3;" in text
    assert "– Доверие в парах" in text and "– Нагрузка перед экзаменами" in text
    assert "Наставляемые в парах и группах (охват)" in text
    assert "Показатель вырос, и это вряд ли случайность; это улучшение." in text
    assert "g ≈ 0,21" in text
    assert "Размер эффекта: большой (r = 1,00, 95% интервал от 0,17 до 1,00)." in text
    assert "(как g в метаанализах): d больше 2,00, 95% интервал от 0,35 до 2 и выше — " in text
    assert len(doc.inline_shapes) == 1  # the chart of the one measure, as an image
    assert "Выводы и предложения" not in text  # the final report's part
    assert pairs[0].mentee.full_name in text
    assert AccessLog.objects.filter(user=curator.user, person=pairs[0].mentee, action="monitoring.report").exists()


def test_the_final_report_ends_with_conclusions_from_the_figures(client):
    program, curator, _pairs = _world()
    program.curators.add(curator)
    client.force_login(curator.user)
    text, _doc = _read(client.get(reverse("monitoring_report", args=[program.pk, "final", "docx"])))
    assert "Итоговый аналитический отчёт" in text
    assert "8. Выводы и предложения" in text  # after the strategy comparison (7)
    assert "– Использовать возможность: выпускники-наставники" in text
    assert "– Учесть риск: нагрузка перед экзаменами" in text
    # a conclusion goes on after the colon in lower case, and the curator signs under her own name
    assert "(наставляемые): показатель вырос" in text
    signer = f"{curator.first_name[0]}. {curator.middle_name[0]}. {curator.last_name}" if curator.middle_name else ""
    assert f"Куратор программы ____________________ / {signer}" in text
    assert f"не реже одного раза в {program.meeting_interval_days} дн" in text and " дн.\n" not in text


@pytest.mark.parametrize("kind", ["quarterly", "final"])
def test_the_reports_give_the_effect_as_d_with_its_interval_the_way_the_page_does(client, kind):
    program, curator, pairs = programme(pairs=8)
    for m, change in zip(pairs, [0.5, -0.3, -0.2, 0.4, 0.1, -0.1, 0.6, 0.2], strict=True):
        measure(m, "motivation", 3.0, 3.0 + change)
    client.force_login(curator.user)
    page = html.unescape(client.get(reverse("monitoring_program", args=[program.pk])).content.decode())
    text, doc = _read(client.get(reverse("monitoring_report", args=[program.pk, kind, "docx"])))
    d = "В единицах стандартного отклонения (как g в метаанализах): d ≈ 0,99, 95% интервал от -0,61 до 2 и выше — "
    [paragraph] = [p.text for p in doc.paragraphs if p.text.startswith(d)]
    assert paragraph in page  # the page's own sentence, interval and comparison with g included
    assert "сопоставимо со средним эффектом наставничества" in paragraph
    assert "Размер эффекта: заметный (r = 0,44, 95% интервал от -0,29 до 0,85)." in text


def test_without_an_approved_swot_the_report_says_so(client):
    program, curator, _pairs = programme(pairs=1)
    client.force_login(curator.user)
    text, _doc = _read(client.get(reverse("monitoring_report", args=[program.pk, "quarterly", "docx"])))
    assert "SWOT-анализ программы ещё не утверждён куратором." in text
    assert "Входных и итоговых измерений пока нет." in text


def test_the_report_compares_how_the_pairs_were_made(client):
    program, curator, _pairs = programme(pairs=3)
    client.force_login(curator.user)
    text = _read(client.get(reverse("monitoring_report", args=[program.pk, "quarterly", "docx"])))[0]
    assert "7. Какие способы формирования пар оправдали себя" in text
    assert "Как сформирована пара" in text and "Ролевая модель" in text and "Совместимость при подборе" in text
    # Three pairs are far below the comparison's threshold: the figures are not pretended.
    assert "мало данных" in text


def test_an_unknown_kind_or_format_is_not_found(client):
    program, curator, _pairs = programme(pairs=1)
    client.force_login(curator.user)
    assert client.get(reverse("monitoring_report", args=[program.pk, "yearly", "docx"])).status_code == 404
    assert client.get(reverse("monitoring_report", args=[program.pk, "final", "odt"])).status_code == 404


def test_the_final_report_is_also_a_pdf(client):
    program, curator, _pairs = programme(pairs=1)
    client.force_login(curator.user)
    response = client.get(reverse("monitoring_report", args=[program.pk, "final", "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_without_libreoffice_the_pdf_report_sends_back_to_the_programme(client, no_libreoffice):
    program, curator, _pairs = programme(pairs=1)
    client.force_login(curator.user)
    assert_sent_back_without_a_file(
        client,
        reverse("monitoring_report", args=[program.pk, "final", "pdf"]),
        to=reverse("monitoring_program", args=[program.pk]),
        says="Скачайте документ в формате DOCX",
    )
