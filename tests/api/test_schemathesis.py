"""Schemathesis against the WSGI app with a demo token: no 5xx, every response matches the schema, and
refusals are 401/403/404 as documented. Runs inside pytest, no server needed (the same as `.ci/run`)."""

import json

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from nastavnik.api.tokens import api_token_create
from nastavnik.api.v1 import api
from tests.factories import MeetingFactory
from tests.municipal.factories import territory

# The schema the API serves at /api/v1/openapi.json, run against the WSGI app itself.
schema = schemathesis.openapi.from_dict(json.loads(json.dumps(api.get_openapi_schema(), default=str)))
schema.app = get_wsgi_application()
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def demo_token(db, settings):
    # Like Django's test client: the test's transaction must outlive each request (PostgreSQL closes otherwise).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield _demo_token(settings)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _demo_token(settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 100000
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]  # the host schemathesis' WSGI client sends
    cache.clear()
    world = territory()
    for pair in world["school"].programs.get().mentorships.all()[:3]:
        MeetingFactory(mentorship=pair)
    return api_token_create(user=world["director"].user, name="schemathesis", may_write=False)[1]


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_every_generated_call_as_its_schema_says(case, demo_token):
    response = case.call(headers={"Authorization": f"Bearer {demo_token}"})
    assert response.status_code < 500
    case.validate_response(response, checks=CHECKS)
