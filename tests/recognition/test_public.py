"""The public «Наставничество» pages: no login, and no person without a consent to dissemination in force.

A crawler starts at the municipality's page and follows every link of the public section; on every page it looks
for the names of everyone the organisation knows and fails on anybody without a publication consent in force.
"""

import datetime as dt
import re
from collections import deque

import pytest
from django.test import Client
from django.utils import timezone

from nastavnik.orgs.models import Membership, Role
from nastavnik.privacy.models import Consent
from nastavnik.privacy.services import consent_withdraw
from nastavnik.recognition.models import Application, Contest, Festival, Nomination
from nastavnik.recognition.services import festival_awards_from_results
from tests.factories import MentorshipFactory, OrganizationFactory, PersonFactory, ProgramFactory
from tests.recognition.factories import (
    honour,
    news,
    publication_consent,
    published_practice,
    pupil_with_guardian,
)

C = Consent.PublishCategory
HREF = re.compile(r'href="(/p/[^"#]*)"')


@pytest.fixture
def world(db):
    org = OrganizationFactory(code="school9", address="ул. Садовая, 1")
    public_teacher = PersonFactory(organization=org, last_name="Открытова", first_name="Дарья")
    name_only = PersonFactory(organization=org, last_name="Безфотова", first_name="Инна")
    silent_teacher = PersonFactory(organization=org, last_name="Скрытнова", first_name="Римма")
    withdrawn = PersonFactory(organization=org, last_name="Отозванов", first_name="Лев")
    pupil_ok, parent_ok = pupil_with_guardian(org, last_name="Согласнов", first_name="Миша")
    pupil_self, _parent = pupil_with_guardian(org, last_name="Самовольнов", first_name="Гоша")
    curator = PersonFactory(organization=org, last_name="Кураторова", first_name="Зоя")
    Membership.objects.create(person=curator, role=Role.CURATOR, organization=org)
    publication_consent(public_teacher)
    publication_consent(name_only, C.NAME)
    withdrawn_consent = publication_consent(withdrawn)
    publication_consent(pupil_ok, given_by=parent_ok)
    for person in (public_teacher, name_only, silent_teacher, withdrawn, pupil_ok, pupil_self, curator):
        honour(person, story=f"История {person.last_name}")
    published_practice(org, authors=[public_teacher, silent_teacher], title="Практика с авторами")
    published_practice(org, authors=[public_teacher, pupil_ok], anonymous=True, title="Анонимная практика")
    news(org)
    program = ProgramFactory(organization=org)
    pair = MentorshipFactory(program=program, mentor=silent_teacher, mentee=pupil_self)
    contest = Contest.objects.create(organization=org, title="Наставник года", year=2026,
                                     status=Contest.Status.FINISHED)
    nomination = Nomination.objects.create(contest=contest, kind="best_pair", title="Лучшая пара",
                                           rubric=[{"name": "Итог", "max": 10}])
    Application.objects.create(nomination=nomination, mentorship=pair, code="З-1001", place=1)
    festival = Festival.objects.create(organization=org, title="Фестиваль наставничества",
                                       held_on=dt.date(2026, 11, 20))
    festival_awards_from_results(festival=festival)  # the pair's award record (its names have no consent)
    return {
        "org": org,
        "shown": [public_teacher, name_only, pupil_ok],
        "hidden": [silent_teacher, withdrawn, pupil_self, curator, parent_ok],
        "withdrawn_consent": withdrawn_consent,
        "withdrawn": withdrawn,
        "public_teacher": public_teacher,
        "name_only": name_only,
    }


def _crawl(start: str) -> dict[str, str]:
    client = Client()
    pages, queue = {}, deque([start])
    while queue:
        url = queue.popleft()
        if url in pages:
            continue
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        pages[url] = html
        queue.extend(link for link in HREF.findall(html) if link not in pages)
    return pages


def test_no_public_page_shows_a_person_without_a_consent_in_force(world):
    consent_withdraw(consent=world["withdrawn_consent"], withdrawn_by=None)
    pages = _crawl(f"/p/m/{world['org'].municipality_id}/")
    assert len(pages) >= 5  # municipality, organisation, two practices, the news item
    for url, html in pages.items():
        for person in world["hidden"]:
            assert person.last_name not in html, f"{person.last_name} on {url}"
    everything = "".join(pages.values())
    for person in world["shown"]:
        assert f"{person.last_name} {person.first_name}" in everything


def test_withdrawal_takes_the_person_off_every_page_at_once(world):
    url = f"/p/{world['org'].code}/"
    client = Client()
    assert world["withdrawn"].last_name in client.get(url).content.decode()
    consent_withdraw(consent=world["withdrawn_consent"], withdrawn_by=None)
    assert world["withdrawn"].last_name not in client.get(url).content.decode()


def test_a_lapsed_consent_is_taken_down_by_itself(world):
    today = timezone.localdate()
    Consent.objects.filter(person=world["public_teacher"]).update(
        valid_from=today - dt.timedelta(days=30), valid_until=today - dt.timedelta(days=1)
    )
    html = Client().get(f"/p/{world['org'].code}/").content.decode()
    assert world["public_teacher"].last_name not in html


def test_only_the_categories_allowed_are_published(world):
    html = Client().get(f"/p/{world['org'].code}/").content.decode()
    assert "История Открытова" in html  # the story was allowed
    assert "Безфотова Инна" in html and "История Безфотова" not in html  # name only: no story, no position


def test_anonymous_case_names_nobody_and_pair_without_consent_is_unnamed(world):
    pages = _crawl(f"/p/{world['org'].code}/")
    anonymous = next(html for html in pages.values() if "<h1 class=\"h3 mb-0\">Анонимная практика" in html)
    assert world["public_teacher"].last_name not in anonymous
    org_page = pages[f"/p/{world['org'].code}/"]
    assert "имя не публикуется" in org_page


def test_public_pages_need_no_login_and_use_no_script(world):
    for html in _crawl(f"/p/m/{world['org'].municipality_id}/").values():
        assert "<script" not in html
        assert "style=" not in html


def test_unknown_organisation_is_404(db):
    assert Client().get("/p/nosuchschool/").status_code == 404


def test_a_minors_publication_consent_comes_from_the_guardian(world):
    from django.core.exceptions import ValidationError

    pupil, _parent = pupil_with_guardian(world["org"])
    with pytest.raises(ValidationError):
        publication_consent(pupil)  # the pupil cannot agree for themselves


def test_a_publication_consent_must_name_what_to_publish(world):
    from django.core.exceptions import ValidationError

    from nastavnik.privacy.services import consent_prepare

    person = PersonFactory(organization=world["org"])
    with pytest.raises(ValidationError):
        consent_prepare(person=person, purpose=Consent.Purpose.PUBLICATION, given_by=person, recorded_by=None)


def test_the_public_page_query_count_does_not_grow_with_data(world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/p/{world['org'].code}/"
    client = Client()
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(6):
        person = PersonFactory(organization=world["org"], last_name=f"Новенький{i}")
        publication_consent(person)
        honour(person)
        published_practice(world["org"], authors=[person], title=f"Практика {i}")
        news(world["org"], title=f"Новость {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
