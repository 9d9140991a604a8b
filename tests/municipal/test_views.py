"""The municipal coordinator's pages: roadmaps, coverage, remarks that the school sees, numbers only."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from nastavnik.municipal import selectors
from nastavnik.people.models import Person
from nastavnik.programs.models import RoadmapRemark
from tests.municipal.factories import other_coordinator, territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    # As if committed: what runs after a commit (the data versions of kept figures) runs now.
    with django_capture_on_commit_callbacks(execute=True):
        return territory()


def _overview_version():
    from nastavnik import freshness

    return freshness.versions(tables=freshness.tables_of(*selectors.OVERVIEW_FROM))


def _reads(queries, table):
    """Queries that read `table` itself (the data version's query names tables too, as values)."""
    return [q for q in queries.captured_queries if table in q["sql"] and "ops_dataversion" not in q["sql"]]


def _client(client, username):
    client.login(username=username, password="pass")
    return client


def test_the_overview_shows_roadmaps_and_coverage_with_small_counts_hidden(client, world):
    response = _client(client, "mun").get(reverse("municipal"), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Школа без карты" in html and "Садик Тестовый" in html
    cover = response.context["coverage"]
    school, kindergarten, bare = _by_name(cover.rows)
    # The kindergarten: 6 teachers in pairs — hidden, and so is its share.
    assert kindergarten.teachers_in.text == "<10" and kindergarten.teachers_share is None
    assert "&lt;10" in html
    # The municipality's 30 are shown, so the school's 24 must go too, or 30 − 24 would give the kindergarten away.
    assert cover.total.teachers_in.number == 30
    assert school.teachers_in.text == "…" and school.teachers_share is None
    assert bare.teachers_in.number == 0
    # The municipality's share is against all teachers on the rosters (30 in pairs + the directors).
    assert cover.total.teachers_share == pytest.approx(30 / cover.total.teachers.number)


def _by_name(rows):
    by = {r.organization.short_name: r for r in rows}
    return by["Школа Тестовая"], by["Садик Тестовый"], by["Школа без карты"]


def test_roadmap_rows_tell_which_schools_lack_or_lag(world):
    rows = {r.organization.code: r for r in selectors.roadmap_rows(
        organizations=[world["school"], world["bare"]], today=__import__("datetime").date(2026, 10, 1))}
    assert rows["mbare"].roadmap is None and rows["mbare"].lagging
    school = rows["msch"]
    assert school.approved and school.total == 2 and school.done == 1 and school.overdue == 1
    assert school.first_overdue.isoformat() == "2026-09-10"


def test_the_municipal_level_never_sees_a_name(client, world):
    c = _client(client, "mun")
    pages = [reverse("municipal_overview", args=[world["municipality"].pk]),
             reverse("municipal_indicators", args=[world["municipality"].pk])]
    names = [p.short_name for p in Person.objects.all() if p.short_name != world["coordinator"].short_name]
    for url in pages:
        html = c.get(url).content.decode()
        for name in names:
            assert name not in html, (url, name)


def test_a_remark_reaches_the_school_home_page_and_the_school_settles_it(client, world):
    c = _client(client, "mun")
    url = reverse("municipal_remark", args=[world["roadmap"].pk])
    response = c.post(url, {"text": "Добавьте сроки мониторинга", "asks_correction": "on"})
    assert response.status_code == 302
    remark = RoadmapRemark.objects.get()
    assert remark.asks_correction and remark.author == world["coordinator"]
    c.logout()
    c = _client(client, "dir")
    home = c.get(reverse("home")).content.decode()
    assert "Добавьте сроки мониторинга" in home and "просьба исправить" in home
    c.post(reverse("roadmap_remark_resolve", args=[remark.pk]))
    remark.refresh_from_db()
    assert remark.resolved_at is not None
    assert "Добавьте сроки мониторинга" not in c.get(reverse("home")).content.decode()


def test_an_empty_remark_is_refused_with_a_russian_message(client, world):
    response = _client(client, "mun").post(reverse("municipal_remark", args=[world["roadmap"].pk]), {"text": " "})
    assert response.status_code == 200
    assert "Обязательное поле" in response.content.decode() or "Напишите" in response.content.decode()
    assert not RoadmapRemark.objects.exists()


def test_headcount_entered_replaces_the_roster(client, world):
    c = _client(client, "mun")
    year = selectors.school_year_of(__import__("django.utils.timezone", fromlist=["x"]).localdate())
    c.post(reverse("municipal_headcount", args=["msch"]) + f"?year={year}", {"pupils": "400", "teachers": "40"})
    cover = selectors.coverage(organizations=[world["school"]], year=year)
    assert cover.rows[0].entered and cover.rows[0].teachers.number == 40 and cover.rows[0].teachers_share == 0.6


@pytest.mark.parametrize("method", ["get", "post"])
def test_others_are_refused(client, world, method):
    other_coordinator()
    roadmap = world["roadmap"]
    urls = [
        reverse("municipal_overview", args=[world["municipality"].pk]),
        reverse("municipal_indicators", args=[world["municipality"].pk]),
        reverse("municipal_export", args=[world["municipality"].pk]),
        reverse("municipal_remark", args=[roadmap.pk]),
        reverse("municipal_headcount", args=["msch"]),
    ]
    for username, expected in (("stranger", 404), ("dir", 404)):
        c = _client(client, username)
        for url in urls:
            assert getattr(c, method)(url).status_code == expected, (username, url)
        c.logout()
    assert client.get(urls[0]).status_code == 302  # anonymous: to the login page
    assert not RoadmapRemark.objects.exists()


def test_the_overview_query_count_does_not_grow_with_organisations(client, world):
    c = _client(client, "mun")
    url = reverse("municipal_overview", args=[world["municipality"].pk])
    c.get(url)
    with CaptureQueriesContext(connection) as before:
        c.get(url)
    territory_more = __import__("tests.factories", fromlist=["x"])
    for n in range(4):
        org = territory_more.OrganizationFactory(municipality=world["municipality"], code=f"extra{n}")
        territory_more.MentorshipFactory(program=territory_more.ProgramFactory(organization=org))
    with CaptureQueriesContext(connection) as after:
        c.get(url)
    assert len(after) == len(before)
    with CaptureQueriesContext(connection) as before:
        c.get(reverse("municipal_indicators", args=[world["municipality"].pk]))
    territory_more.OrganizationFactory(municipality=world["municipality"], code="extra9")
    with CaptureQueriesContext(connection) as after:
        c.get(reverse("municipal_indicators", args=[world["municipality"].pk]))
    assert len(after) == len(before)


def test_the_cached_overview_is_dropped_when_the_municipal_contour_writes(client, world, settings):
    from django.core.cache import cache

    settings.MUNICIPAL_CACHE_SECONDS = 300
    cache.clear()
    c = _client(client, "mun")
    url = reverse("municipal_overview", args=[world["municipality"].pk])
    c.get(url)
    c.post(reverse("municipal_remark", args=[world["roadmap"].pk]), {"text": "Уточните сроки"})
    rows = {r.organization.code: r for r, _c in c.get(url).context["page"]}
    assert rows["msch"].open_remarks == 1
    cache.clear()


def test_the_organisation_page_gives_the_municipal_level_no_exact_counts(client, world):
    c = _client(client, "mun")
    response = c.get(reverse("org", args=["mdou"]))
    assert response.status_code == 200 and response.context["figures"] is None
    c.logout()
    c = _client(client, "dir")
    assert c.get(reverse("org", args=["msch"])).context["figures"] is not None


# --- munperf: the overview over many organisations ----------------------------------------------------------------


def _on_track(world):
    """An organisation whose roadmap has nothing overdue, named to sort first."""
    org = __import__("tests.factories", fromlist=["x"]).OrganizationFactory(
        municipality=world["municipality"], code="mfine", short_name="Аа лицей в срок"
    )
    import datetime as dt

    from nastavnik.programs.models import Activity, Roadmap

    roadmap = Roadmap.objects.create(organization=org, title="Карта", starts_on=dt.date(2026, 9, 1),
                                     ends_on=dt.date(2030, 8, 31), status=Roadmap.Status.APPROVED,
                                     approved_on=dt.date(2026, 9, 2))
    Activity.objects.create(roadmap=roadmap, stage="preparation", title="Потом", starts_on=dt.date(2026, 9, 1),
                            ends_on=dt.date(2030, 8, 1), status=Activity.Status.PLANNED)
    return org


def test_the_lagging_organisations_come_first_and_can_be_listed_alone(client, world):
    _on_track(world)
    c = _client(client, "mun")
    url = reverse("municipal_overview", args=[world["municipality"].pk])
    response = c.get(url)
    codes = [r.organization.code for r, _c in response.context["page"]]
    # Without a roadmap or with an overdue control point first, then the one on track though its name sorts first.
    assert set(codes[:3]) == {"mbare", "mdou", "msch"} and codes[3] == "mfine"
    assert response.context["lagging"] == 3
    only = c.get(url, {"show": "lagging"})
    assert [r.organization.code for r, _c in only.context["page"]] == codes[:3]
    assert "Аа лицей в срок" not in only.content.decode()
    # The totals still cover the whole territory.
    assert only.context["coverage"].total.teachers_in.number == response.context["coverage"].total.teachers_in.number
    assert only.context["organizations"] == 4


def test_the_cached_overview_follows_writes_of_other_apps(client, world, settings, django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from nastavnik.programs.models import Activity

    settings.MUNICIPAL_CACHE_SECONDS = 300
    cache.clear()
    c = _client(client, "mun")
    url = reverse("municipal_overview", args=[world["municipality"].pk])
    assert {r.organization.code: r for r, _c in c.get(url).context["page"]}["msch"].overdue == 1
    # The school marks its overdue control point done (the programmes app writes, not the municipal contour).
    activity = Activity.objects.get(roadmap=world["roadmap"], status=Activity.Status.PLANNED)
    with django_capture_on_commit_callbacks(execute=True):
        activity.status, activity.done_on = Activity.Status.DONE, activity.ends_on
        activity.save()
        new_org = __import__("tests.factories", fromlist=["x"]).OrganizationFactory(
            municipality=world["municipality"], code="mnew", short_name="Новая школа"
        )
    rows = {r.organization.code: r for r, _c in c.get(url).context["page"]}
    assert rows["msch"].overdue == 0 and not rows["msch"].lagging
    assert new_org.code in rows
    # Without a write the kept figures are served again: no query of the figures' tables.
    with CaptureQueriesContext(connection) as queries:
        c.get(url)
    assert not _reads(queries, "programs_activity")
    cache.clear()


def test_a_form_counts_each_organisation_once(world):
    from tests.factories import ProgramFactory

    program = world["school"].programs.first()
    ProgramFactory(organization=world["school"], form=program.form, title="Вторая программа той же формы")
    orgs = [world["school"], world["kindergarten"], world["bare"]]
    table = selectors.forms_table(organizations=orgs, year=2026)
    row = next(r for r in table.rows if r.label == program.form.name)
    running = program.form.programs.filter(organization__in=orgs)
    assert running.count() == len({p.organization_id for p in running}) + 1  # the school runs it twice
    assert row.plain == [len({p.organization_id for p in running})]


def test_group_members_count_once_beside_the_lead_pairs(world):
    from nastavnik.mentorships.models import Mentorship, MentorshipMember
    from tests.factories import MentorshipMemberFactory, PersonFactory

    orgs = [world["school"], world["kindergarten"], world["bare"]]
    year = selectors.school_year_of(__import__("django.utils.timezone", fromlist=["x"]).localdate())

    def figures():
        cover = selectors.coverage(organizations=orgs, year=year)
        forms = selectors.forms_table(organizations=orgs, year=year)
        mentors = selectors.mentors_by_category(organizations=orgs, year=year)
        return cover.total.teachers_in.number, [c.number for c in forms.totals], mentors.totals[0].number

    before = figures()
    first, second = Mentorship.objects.filter(program__organization=world["school"])[:2]
    # The lead mentor of one pair also mentors in another group of the same form: still one mentor.
    MentorshipMemberFactory(mentorship=second, person=first.mentor, side=MentorshipMember.Side.MENTOR)
    # A teacher of the school who is in no pair joins a group as a mentee: one more teacher taking part.
    MentorshipMemberFactory(mentorship=second, person=PersonFactory(organization=world["school"]))
    # An employer mentors in a group: one more mentor, shown among employers (a small count, hidden).
    employer = PersonFactory(organization=None, category="employer")
    MentorshipMemberFactory(mentorship=second, person=employer, side=MentorshipMember.Side.MENTOR)
    teachers_in, (mentors, mentees), all_mentors = figures()
    assert teachers_in == before[0] + 1
    assert (mentors, mentees) == (before[1][0] + 1, before[1][1] + 1)
    assert all_mentors == before[2] + 1
    table = selectors.mentors_by_category(organizations=orgs, year=year)
    assert next(r for r in table.rows if r.label == "Работодатели").cells[0].text == "<10"


def test_the_indicators_tab_is_kept_and_follows_meetings_without_clearing_the_overview(
    client, world, settings, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.core.cache import cache
    from django.utils import timezone

    from nastavnik.mentorships.models import Meeting, Mentorship
    from tests.factories import MeetingFactory

    settings.MUNICIPAL_CACHE_SECONDS = 300
    cache.clear()
    c = _client(client, "mun")
    url = reverse("municipal_indicators", args=[world["municipality"].pk])
    held = 3  # the column of meetings held
    before = c.get(url).context["quarters"].totals[held].text
    # Without a write the kept figures are served again: no query of the meetings.
    with CaptureQueriesContext(connection) as queries:
        c.get(url)
    assert not _reads(queries, "mentorships_meeting")

    overview_version = _overview_version()
    pair = Mentorship.objects.filter(program__organization__code="msch").first()
    with django_capture_on_commit_callbacks(execute=True):
        for days in range(10):  # ten meetings held this week in the school
            MeetingFactory(
                mentorship=pair,
                kind=Meeting.Kind.REGULAR,
                status=Meeting.Status.HELD,
                scheduled_at=timezone.now() - dt.timedelta(hours=days + 1),
            )
    after = c.get(url).context["quarters"].totals[held].text
    assert (before, after) == ("0", "10")
    # The overview's figures are not made of meetings: its version stays, its kept figures too.
    assert _overview_version() == overview_version
    cache.clear()


def test_shares_read_as_russian_percent_in_every_table_of_the_indicators_tab(client, world):
    import datetime as dt

    from django.core.cache import cache

    from nastavnik.mentorships.models import Mentorship
    from tests.factories import MentorshipFactory, ProgramFactory

    cache.clear()
    program = ProgramFactory(organization=world["school"])
    for status in [Mentorship.Status.COMPLETED] * 14 + [Mentorship.Status.TERMINATED] * 10:
        MentorshipFactory(program=program, status=status, starts_on=dt.date(2026, 9, 2), ends_on=dt.date(2026, 11, 16))
    url = reverse("municipal_indicators", args=[world["municipality"].pk])
    html = _client(client, "mun").get(url, {"year": 2026}).content.decode()
    # Ten of the 24 pairs that ended in the first quarter stopped early: 41,67 %, in both tables alike.
    quarter = html[html.index("1 квартал (09.2026–11.2026)</th>") :]  # the row of the quarters' table
    quarter = quarter[: quarter.index("</tr>")]
    assert "<td class=\"text-end\">41,7 %</td>" in quarter
    title = "Досрочно прекращённые пары среди завершивших работу в квартале"
    row = html[html.index(title) : html.index("</tr>", html.index(title))]
    assert f"{title}</th><td class=\"text-end\">41,7 %</td>" in row
    assert "41,7<" not in html and "42 %" not in html and "%, " not in row
    # The workbook keeps the figures as numbers, for the spreadsheet to compute with.
    response = client.get(reverse("municipal_export", args=[world["municipality"].pk]), {"year": 2026})
    sheet = load_workbook(io.BytesIO(response.content))["Показатели по кварталам"]
    rows = {r[0]: r for r in sheet.iter_rows(values_only=True) if r and r[0]}
    assert rows["1 квартал (09.2026–11.2026)"][5] == pytest.approx(10 / 24)
    assert rows[f"{title}, %"][1] == 41.7
