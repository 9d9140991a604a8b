"""The personalised programme printed as DOCX in the layout of seeds 002 and 004, reopened and read."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from nastavnik.mentorships import services
from nastavnik.mentorships.plan_docx import plan_docx
from nastavnik.orgs.models import Membership, Role
from tests.factories import PersonFactory
from tests.mentorships.factories import pair

pytestmark = pytest.mark.django_db


def _text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _plan(p):
    m = p.mentorship
    plan = services.plan_save(
        mentorship=m,
        starts_on=dt.date(2026, 12, 1),
        ends_on=dt.date(2027, 5, 31),
        difficulties="Планирование урока\nРабота с родителями",
        strengths="Цифровые инструменты",
        directions="Методика урока",
        expected_results="Открытый урок на уровне МО",
        contact_mode="direct",
        meetings_planned=12,
        meetings_format="очно, в кабинете наставника",
    )
    services.plan_activity_add(
        plan=plan,
        title="Посещение уроков наставника",
        deadline=dt.date(2027, 1, 20),
        responsible="mentee",
        result="Конспект наблюдений",
    )
    goal = services.goal_create(mentorship=m, title="Провести открытый урок", indicator="Отзыв МО")
    step = services.goal_step_add(goal=goal, text="Составить технологическую карту", deadline=dt.date(2027, 2, 1))
    services.goal_step_done(step=step, on=dt.date(2027, 1, 30), mark="Карта согласована")
    return plan


def test_it_prints_the_programme_with_its_parts():
    p = pair()
    org = p.mentorship.program.organization
    director = PersonFactory(organization=org, last_name="Директорова", first_name="Ирина", middle_name="Львовна")
    Membership.objects.create(person=director, role=Role.DIRECTOR, organization=org)
    plan = _plan(p)
    services.plan_approve(plan=plan, on=dt.date(2026, 12, 5))
    text = _text(Document(io.BytesIO(plan_docx(plan))))
    for expected in (
        "Персонализированная",
        "«Учитель – учитель»",
        f"наставник – {p.mentor.short_name}",
        "1. Пояснительная записка",
        "Планирование урока",
        "Работа с родителями",
        "Цифровые инструменты",
        "с 01.12.2026 по 31.05.2027 (6 месяцев)",
        "Форма контакта: прямое",
        "Посещение уроков наставника",
        "20.01.2027",
        "Наставляемый",
        "Провести открытый урок",
        "– Составить технологическую карту (до 01.02.2027)",
        "Карта согласована 30.01.2027",
        "не реже одного раза в 14 дней; запланировано встреч: 12",
        "Открытый урок на уровне МО",
        "Утверждена «5» декабря 2026 г.",
        "И. Л. Директорова",
        "Кураторова",
    ):
        assert expected in text, expected


def test_it_downloads_the_docx_for_those_who_see_the_pair(client):
    p = pair()
    _plan(p)
    url = reverse("plan_download", args=[p.mentorship.pk])
    client.force_login(p.mentee.user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Пояснительная записка" in _text(Document(io.BytesIO(response.content)))
    client.force_login(pair().mentor.user)
    assert client.get(url).status_code == 404
