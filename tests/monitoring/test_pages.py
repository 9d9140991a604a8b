"""The monitoring pages: who may open them (role × action, GET and POST), what a curator sees, the access log."""

import pytest
from django.urls import reverse

from nastavnik.monitoring.models import PlanItem
from nastavnik.orgs.models import Role
from nastavnik.privacy.models import AccessLog
from tests.factories import person_with_login
from tests.mentorships.factories import staff
from tests.monitoring.factories import measure, programme

pytestmark = pytest.mark.django_db


def test_curator_sees_dynamics_with_verdict_in_words_and_benchmark(client):
    program, curator, pairs = programme(pairs=7)
    for number, m in enumerate(pairs):
        measure(m, "motivation", 2.0 + number * 0.1, 3.0 + number * 0.2)
    client.force_login(curator.user)
    page = client.get(reverse("monitoring_program", args=[program.pk])).content.decode()
    assert "Мотивация к учёбе" in page
    assert "Показатель вырос, и это вряд ли случайность; это улучшение." in page
    assert "Размер эффекта: большой" in page
    assert "g ≈ 0,21 (метаанализ 70 исследований)" in page
    assert "p =" not in page and "p-value" not in page
    assert reverse("monitoring_chart", args=[program.pk, "motivation", "mentee"]) in page
    svg = client.get(reverse("monitoring_chart", args=[program.pk, "motivation", "mentee"]))
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert b"<svg" in svg.content


def test_too_few_participants_are_said_in_words(client):
    program, curator, pairs = programme(pairs=3)
    for m in pairs:
        measure(m, "belonging", 3, 4)
    client.force_login(curator.user)
    page = client.get(reverse("monitoring_program", args=[program.pk])).content.decode()
    assert "Недостаточно данных, чтобы судить: участников с входным и итоговым значением — 3, нужно хотя бы 6." in page


def test_per_person_page_lists_names_and_logs_the_access(client):
    program, curator, pairs = programme(pairs=2)
    measure(pairs[0], "motivation", 2, 4)
    client.force_login(curator.user)
    page = client.get(reverse("monitoring_measure", args=[program.pk, "motivation", "mentee"])).content.decode()
    assert pairs[0].mentee.last_name in page
    assert AccessLog.objects.filter(user=curator.user, person=pairs[0].mentee, action="monitoring.view").exists()


@pytest.mark.parametrize(
    ("role", "view_status", "manage_status"),
    [
        (Role.CURATOR, 200, 302),
        (Role.COORDINATOR, 200, 302),
        (Role.DIRECTOR, 200, 302),
        (Role.PSYCHOLOGIST, 200, 302),
        (Role.METHOD_HEAD, 404, 404),
        (Role.MENTOR, 404, 404),
    ],
)
def test_access_by_role_for_reading_and_for_changing_the_plan(client, role, view_status, manage_status):
    program, _curator, pairs = programme(pairs=1)
    user = staff(program.organization, role).user
    client.force_login(user)
    assert client.get(reverse("monitoring_program", args=[program.pk])).status_code == view_status
    assert client.get(reverse("monitoring_pair", args=[pairs[0].pk])).status_code == view_status
    response = client.post(reverse("monitoring_plan", args=[program.pk]), {"item": "motivation:mentee:entry"})
    assert response.status_code == manage_status
    assert PlanItem.objects.filter(program=program).exists() == (manage_status == 302)


def test_a_curator_of_another_organisation_gets_404_everywhere(client):
    program, _curator, pairs = programme(pairs=1)
    stranger = person_with_login(role=Role.CURATOR)
    client.force_login(stranger.user)
    for name, arg in [
        ("monitoring_program", program.pk),
        ("monitoring_plan", program.pk),
        ("monitoring_grades", program.pk),
        ("monitoring_measurement_add", program.pk),
        ("monitoring_pair", pairs[0].pk),
    ]:
        assert client.get(reverse(name, args=[arg])).status_code == 404
    assert (
        client.post(reverse("monitoring_invite", args=[program.pk]), {"wave": "entry", "days": 14}).status_code == 404
    )
    assert client.get(reverse("monitoring_chart", args=[program.pk, "motivation", "mentee"])).status_code == 404


def test_anonymous_is_sent_to_login(client):
    program, _curator, _pairs = programme()
    response = client.get(reverse("monitoring_program", args=[program.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_index_and_attention_list_open_for_the_curator(client):
    program, curator, _pairs = programme(pairs=1, started_days_ago=40)
    client.force_login(curator.user)
    assert program.title in client.get(reverse("monitoring")).content.decode()
    page = client.get(reverse("monitoring_attention")).content.decode()
    assert "ни одной встречи с начала работы пары" in page


def test_a_programme_without_working_pairs_says_so_instead_of_zero_filters(client):
    from nastavnik.mentorships.models import Mentorship

    program, curator, pairs = programme(pairs=2)
    Mentorship.objects.filter(pk__in=[m.pk for m in pairs]).update(status=Mentorship.Status.COMPLETED)
    client.force_login(curator.user)
    page = client.get(reverse("monitoring_program", args=[program.pk])).content.decode()
    assert "Пар в работе нет: состояние оценивается только у работающих пар." in page
    assert "нужна проверка (0)" not in page
