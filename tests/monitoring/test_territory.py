"""The municipal contour's monitoring figures: by quarter, over organisations, in a constant number of queries,
and shown (with small counts suppressed) on the municipal dashboard, in the statistics workbook and in the API."""

import datetime as dt
import io

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from nastavnik.mentorships.models import Mentorship
from nastavnik.monitoring import selectors, territory
from nastavnik.monitoring.models import Measurement
from tests.factories import MentorshipFactory, OrganizationFactory, ProgramFactory
from tests.monitoring.factories import measure
from tests.municipal.factories import territory as municipal_territory

pytestmark = pytest.mark.django_db

YEAR = 2026
Q1_END = dt.date(2026, 11, 30)


def _current_quarter() -> int | None:
    today = timezone.localdate()
    return next((i for i, (s, e) in enumerate(territory.quarters(YEAR)) if s <= today <= e), None)


def _by_title(items):
    return {item["title"]: item for item in items}


def test_quarters_match_the_municipal_contour():
    from nastavnik.municipal.selectors import quarters_of

    assert territory.quarters(YEAR) == [(q.starts_on, q.ends_on) for q in quarters_of(YEAR)]


def test_pairs_in_force_premature_share_health_and_verdicts_by_quarter():
    org = OrganizationFactory()
    program = ProgramFactory(organization=org)
    working = [MentorshipFactory(program=program, starts_on=dt.date(2026, 10, 1)) for _ in range(6)]
    for status in [Mentorship.Status.COMPLETED] * 10 + [Mentorship.Status.TERMINATED] * 10:
        MentorshipFactory(program=program, status=status, starts_on=dt.date(2026, 9, 2), ends_on=dt.date(2026, 11, 15))
    for number, m in enumerate(working):
        measure(m, "soft_skills", 2.0, 3.0 + number * 0.1)
    Measurement.objects.update(recorded_at=timezone.make_aware(dt.datetime(2026, 11, 1, 12)))

    items = _by_title(selectors.municipal_indicators(organization_ids=[org.pk], school_year=YEAR))

    in_force = items["Пары в работе на конец квартала"]
    assert in_force["is_count_of_people"] and in_force["by_quarter"][0] == 6
    premature = items["Досрочно прекращённые пары среди завершивших работу в квартале"]
    assert premature["unit"] == "%" and not premature["is_count_of_people"]
    assert premature["by_quarter"][0] == 50.0
    check = items["Пары, которым нужна проверка (на сегодня)"]["by_quarter"]
    current = _current_quarter()
    assert check == [6 if i == current else None for i in range(4)]  # no meeting since the start: all six
    up = items["Программы: участники улучшили результаты (по входной и итоговой диагностике)"]["by_quarter"]
    assert up[0] == 1 and items["Программы: результаты участников ухудшились"]["by_quarter"][0] == 0
    if current is not None:
        assert all(v is None for v in in_force["by_quarter"][current + 1 :])  # quarters to come: nothing yet


def test_a_share_of_small_counts_is_suppressed():
    org = OrganizationFactory()
    program = ProgramFactory(organization=org)
    for status in [Mentorship.Status.COMPLETED] * 12 + [Mentorship.Status.TERMINATED] * 3:
        MentorshipFactory(program=program, status=status, starts_on=dt.date(2026, 9, 2), ends_on=dt.date(2026, 11, 15))
    items = _by_title(selectors.municipal_indicators(organization_ids=[org.pk], school_year=YEAR))
    assert items["Досрочно прекращённые пары среди завершивших работу в квартале"]["by_quarter"][0] is None


def test_the_number_of_queries_does_not_grow_with_organisations():
    def queries(orgs: int) -> int:
        ids = []
        for _ in range(orgs):
            program = ProgramFactory()
            MentorshipFactory(program=program, starts_on=dt.date(2026, 10, 1))
            ids.append(program.organization_id)
        with CaptureQueriesContext(connection) as captured:
            selectors.municipal_indicators(organization_ids=ids, school_year=YEAR)
        return len(captured)

    assert queries(2) == queries(7)


def test_dashboard_workbook_and_api_show_them_with_small_counts_suppressed(client):
    cache.clear()  # the API's rate limit and the cached overview
    world = municipal_territory(big_teachers=3, small_teachers=2)  # five pairs in force: «<10»
    client.login(username="mun", password="pass")
    title = "Пары в работе на конец квартала"

    page = client.get(reverse("municipal_indicators", args=[world["municipality"].pk]), {"year": YEAR})
    html = page.content.decode()
    assert title in html and "Программы: заметных изменений нет" in html
    row = html[html.index(title) : html.index("</tr>", html.index(title))]
    assert "&lt;10" in row and ">5<" not in row

    response = client.get(reverse("municipal_export", args=[world["municipality"].pk]), {"year": YEAR})
    sheet = load_workbook(io.BytesIO(response.content))["Показатели по кварталам"]
    rows = {r[0]: r for r in sheet.iter_rows(values_only=True) if r and r[0]}
    assert rows[f"{title}, пар"][1] == "<10"

    from nastavnik.api.tokens import api_token_create  # the API reads the same figures

    raw = api_token_create(user=world["coordinator"].user, name="проверка", may_write=False)[1]
    body = client.get(
        f"/api/v1/municipalities/{world['municipality'].pk}/aggregates",
        {"year": YEAR},
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    ).json()
    monitoring = {i["title"]: i for i in body["monitoring"]}
    assert monitoring[title]["by_quarter"][0] == "<10"
    current = _current_quarter()
    if current is not None and current < 3:
        assert monitoring[title]["by_quarter"][3] is None  # a quarter to come is no «0»
