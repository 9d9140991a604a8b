"""The REST API: tokens, policy refusals, pagination, rate limit, suppressed aggregates, the schema."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from nastavnik.api.models import ApiToken
from nastavnik.api.tokens import api_token_create, digest
from nastavnik.orgs.models import Role
from nastavnik.privacy.models import AccessLog
from tests.factories import MeetingFactory, MentorshipFactory, OrganizationFactory, person_with_login
from tests.municipal.factories import territory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


def _token(person, *, may_write=False) -> str:
    return api_token_create(user=person.user, name="проверка", may_write=may_write)[1]


def _get(client, url, token=None, **params):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    return client.get(url, params, **headers)


def test_without_a_valid_token_the_answer_is_401_in_russian(client):
    for token in (None, "nst_wrong", "garbage"):
        response = _get(client, "/api/v1/organizations", token)
        assert response.status_code == 401
        assert "токен" in response.json()["detail"]


def test_a_revoked_token_stops_working_and_tokens_are_stored_hashed(client):
    person = person_with_login(role=Role.CURATOR, organization=OrganizationFactory())
    raw = _token(person)
    stored = ApiToken.objects.get()
    assert raw not in (stored.digest, stored.prefix) and stored.digest == digest(raw)
    assert _get(client, "/api/v1/organizations", raw).status_code == 200
    client.force_login(person.user)
    client.post(reverse("api_token_revoke", args=[stored.pk]))
    client.logout()
    assert _get(client, "/api/v1/organizations", raw).status_code == 401


def test_the_token_page_shows_a_new_token_once(client):
    person = person_with_login(role=Role.MENTOR, organization=OrganizationFactory())
    client.force_login(person.user)
    response = client.post(reverse("api_tokens"), {"name": "региональная система", "may_write": "on"})
    html = response.content.decode()
    token = ApiToken.objects.get()
    assert "Скопируйте его сейчас" in html and token.prefix in html
    assert not token.may_write  # a mentor may not change data through the pages, so not through the API either
    assert "Скопируйте его сейчас" not in client.get(reverse("api_tokens")).content.decode()
    other = person_with_login(role=Role.MENTOR, organization=OrganizationFactory())
    client.force_login(other.user)
    assert client.post(reverse("api_token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_policy_refusals_are_404_and_reads_of_pairs_are_logged(client):
    pair = MentorshipFactory()
    MeetingFactory(mentorship=pair)
    org = pair.program.organization
    curator = person_with_login(role=Role.CURATOR, organization=org)
    stranger = person_with_login(role=Role.CURATOR, organization=OrganizationFactory())
    mine, theirs = _token(curator), _token(stranger)
    for url in (f"/api/v1/mentorships/{pair.pk}", f"/api/v1/mentorships/{pair.pk}/meetings",
                f"/api/v1/programs/{pair.program_id}", f"/api/v1/organizations/{org.code}"):
        assert _get(client, url, theirs).status_code == 404, url
        assert _get(client, url, mine).status_code == 200, url
    assert _get(client, "/api/v1/mentorships", theirs).json()["count"] == 0
    body = _get(client, "/api/v1/mentorships", mine).json()
    assert body["count"] == 1 and body["items"][0]["mentor"]["short_name"] == pair.mentor.short_name
    logged = set(AccessLog.objects.filter(user=curator.user).values_list("person_id", flat=True))
    assert logged == {pair.mentor_id, pair.mentee_id}
    assert not AccessLog.objects.filter(user=stranger.user).exists()


def test_pagination_and_bad_parameters(client):
    municipality = OrganizationFactory().municipality
    for n in range(4):
        OrganizationFactory(municipality=municipality, code=f"p{n}")
    coordinator = person_with_login(role=Role.MUNICIPAL_COORDINATOR,
                                    organization=OrganizationFactory(municipality=municipality))
    token = _token(coordinator)
    first = _get(client, "/api/v1/organizations", token, page=1, page_size=2).json()
    second = _get(client, "/api/v1/organizations", token, page=3, page_size=2).json()
    assert first["count"] == 6 and len(first["items"]) == 2 and len(second["items"]) == 2
    assert {o["code"] for o in first["items"]}.isdisjoint({o["code"] for o in second["items"]})
    bad = _get(client, "/api/v1/organizations", token, page=0)
    assert bad.status_code == 422 and bad.json()["detail"] == "Неверные параметры запроса."


def test_rate_limit_per_token(client, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    person = person_with_login(role=Role.CURATOR, organization=OrganizationFactory())
    token, other = _token(person), _token(person)
    codes = [_get(client, "/api/v1/organizations", token).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert "подождите" in _get(client, "/api/v1/organizations", token).json()["detail"]
    assert _get(client, "/api/v1/organizations", other).status_code == 200


def test_municipal_aggregates_are_suppressed_like_the_pages(client):
    world = territory()
    token = _token(world["coordinator"])
    url = f"/api/v1/municipalities/{world['municipality'].pk}/aggregates"
    body = _get(client, url, token).json()
    rows = {r["organization_id"]: r for r in body["coverage"]}
    assert rows[world["kindergarten"].pk]["teachers_in_mentoring"] == {"value": None, "display": "<10"}
    assert rows[world["kindergarten"].pk]["teachers_share"] is None
    assert rows[world["school"].pk]["teachers_in_mentoring"] == {"value": None, "display": "…"}
    assert body["coverage_total"]["teachers_in_mentoring"] == {"value": 30, "display": "30"}
    director = _token(world["director"])
    assert _get(client, url, director).status_code == 404


def test_the_schema_is_openapi_3_1_and_the_docs_need_no_cdn(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/municipalities/{municipality_id}/aggregates" in schema["paths"]
    docs = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in docs.lower() and "<script" not in docs.split("</main>")[0]
    assert "/api/v1/municipalities/{municipality_id}/aggregates" in docs and "/api/v1/openapi.json" in docs
