"""The access policy as a matrix: every role × page or action × own/other organisation and own/other object.

One world: organisation A (and B, in the same municipality) each with a pair. Personas hold one role each in A.
Pages are asked over HTTP and must answer with the exact status; refusals never reveal existence (404 where the
object is not theirs to see, 403 where they may see it but not act).
"""

import pytest
from django.test import Client
from django.urls import reverse

from nastavnik import policy
from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Guardianship, Person
from tests.factories import (
    MentorshipFactory,
    OrganizationFactory,
    PersonFactory,
    ProgramFactory,
    PupilFactory,
    UserFactory,
    person_with_login,
)

A = policy.Action
PERSONAS = [
    "director", "coordinator", "curator", "psychologist", "method_head", "mentor", "other_mentor", "mentee",
    "guardian", "municipal", "outsider", "b_curator",
]


@pytest.fixture
def world(db):
    org_a = OrganizationFactory(code="orga")
    org_b = OrganizationFactory(code="orgb", municipality=org_a.municipality)
    program_a = ProgramFactory(organization=org_a)
    program_b = ProgramFactory(organization=org_b)
    people = {
        role: person_with_login(role=role, organization=org_a, username=role)
        for role in ["director", "coordinator", "curator", "psychologist", "method_head"]
    }
    people["mentor"] = person_with_login(role=Role.MENTOR, organization=org_a, username="mentor")
    people["other_mentor"] = person_with_login(role=Role.MENTOR, organization=org_a, username="other_mentor")
    mentee = PupilFactory(organization=org_a, user=UserFactory(username="mentee"))
    Membership.objects.create(person=mentee, role=Role.MENTEE, organization=org_a)
    people["mentee"] = mentee
    guardian = person_with_login(role=Role.GUARDIAN, organization=org_a, username="guardian",
                                 category=Person.Category.PARENT)
    Guardianship.objects.create(guardian=guardian, child=mentee)
    people["guardian"] = guardian
    people["municipal"] = person_with_login(role=Role.MUNICIPAL_COORDINATOR, organization=org_b,
                                            username="municipal")
    people["outsider"] = person_with_login(role=None, organization=org_a, username="outsider")
    people["b_curator"] = person_with_login(role=Role.CURATOR, organization=org_b, username="b_curator")
    pair_a = MentorshipFactory(program=program_a, mentor=people["mentor"], mentee=mentee)
    other_pair = MentorshipFactory(program=program_a, mentor=people["other_mentor"])
    pair_b = MentorshipFactory(program=program_b)
    return {
        "org_a": org_a, "org_b": org_b, "program_a": program_a, "program_b": program_b, "people": people,
        "pair_a": pair_a, "other_pair": other_pair, "pair_b": pair_b, "teacher_a": PersonFactory(organization=org_a),
    }


def _get(persona: str, url: str) -> int:
    client = Client()
    client.login(username=persona, password="pass")
    return client.get(url).status_code


# --- pages: (url builder, {persona: expected status}) -----------------------------------------------------------

STAFF = {"director", "coordinator", "curator", "psychologist", "method_head"}


def _expect(allowed: set[str], *, refused: int = 404, overrides: dict[str, int] | None = None) -> dict[str, int]:
    table = {p: (200 if p in allowed else refused) for p in PERSONAS}
    table.update(overrides or {})
    return table


PAGES = {
    "home": (lambda w: reverse("home"), _expect(set(PERSONAS))),
    "municipal": (lambda w: reverse("municipal"), _expect({"municipal"})),
    "own_org": (lambda w: reverse("org", args=[w["org_a"].code]),
                _expect(STAFF | {"mentor", "other_mentor", "mentee", "guardian", "municipal"})),
    "other_org": (lambda w: reverse("org", args=[w["org_b"].code]), _expect({"municipal", "b_curator"})),
    "people_list": (lambda w: reverse("people"), _expect(STAFF | {"b_curator"}, refused=403)),
    "mentee_person": (lambda w: reverse("person", args=[w["people"]["mentee"].pk]),
                      _expect({"director", "coordinator", "curator", "psychologist", "mentor", "mentee", "guardian"})),
    "teacher_person": (lambda w: reverse("person", args=[w["teacher_a"].pk]), _expect(STAFF)),
    "own_program": (lambda w: reverse("program", args=[w["program_a"].pk]),
                    _expect(STAFF | {"mentor", "other_mentor", "mentee", "guardian"})),
    "other_program": (lambda w: reverse("program", args=[w["program_b"].pk]), _expect({"b_curator"})),
    "mentorship_list": (lambda w: reverse("mentorships"), _expect(set(PERSONAS))),
    # A pupils' pair: the method head controls teachers' work, not pupils' (seed 003).
    "own_pair": (lambda w: reverse("mentorship", args=[w["pair_a"].pk]),
                 _expect(STAFF - {"method_head"} | {"mentor", "mentee", "guardian"})),
    "other_pair_same_org": (lambda w: reverse("mentorship", args=[w["other_pair"].pk]),
                            _expect(STAFF | {"other_mentor"})),
    "pair_other_org": (lambda w: reverse("mentorship", args=[w["pair_b"].pk]), _expect({"b_curator"})),
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("page_name", list(PAGES))
def test_it_answers_every_page_with_the_exact_status(world, page_name, persona):
    url_for, expected = PAGES[page_name]
    assert _get(persona, url_for(world)) == expected[persona], f"{persona} → {page_name}"


def test_it_sends_anonymous_visitors_to_the_login_page(world):
    response = Client().get(reverse("mentorship", args=[world["pair_a"].pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_refuses_with_the_same_answer_whether_or_not_the_object_exists(world):
    missing = Person.objects.order_by("-pk").first().pk + 1000
    assert _get("mentor", reverse("person", args=[missing])) == 404
    assert _get("mentor", reverse("person", args=[world["teacher_a"].pk])) == 404


def test_it_never_shows_the_municipal_coordinator_a_name(world):
    client = Client()
    client.login(username="municipal", password="pass")
    pages = [reverse("municipal"), reverse("org", args=["orga"]), reverse("home"), reverse("mentorships")]
    body = "".join(client.get(url).content.decode() for url in pages)
    for person in Person.objects.exclude(pk=world["people"]["municipal"].pk):
        assert person.full_name not in body
        assert person.short_name not in body


def test_it_lists_only_the_people_a_curator_may_see(world):
    client = Client()
    client.login(username="b_curator", password="pass")
    body = client.get(reverse("people")).content.decode()
    assert world["pair_b"].mentor.full_name in body
    assert world["people"]["mentee"].full_name not in body


# --- actions without their own page yet: the policy answers directly ------------------------------------------

ACTIONS = [
    # (action, object key, personas allowed)
    (A.PERSON_EDIT, "mentee", {"director", "coordinator", "curator"}),
    (A.PERSON_EXPORT_DATA, "mentee", {"director", "coordinator", "mentee", "guardian"}),
    (A.PERSON_MANAGE_CONSENT, "mentee", {"director", "coordinator", "curator", "guardian"}),
    (A.PERSON_MANAGE_CONSENT, "teacher_a", {"director", "coordinator", "curator"}),
    (A.MENTORSHIP_WORK, "pair_a", {"director", "coordinator", "curator", "mentor", "mentee"}),
    (A.MENTORSHIP_MANAGE, "pair_a", {"director", "coordinator", "curator"}),
    (A.MENTORSHIP_REQUEST_CHANGE, "pair_a", {"mentor", "mentee", "guardian"}),
    (A.MENTORSHIP_MARK_OUTCOME, "pair_a", {"director", "coordinator", "curator", "mentor"}),
    (A.ORG_VIEW_SECURITY, "org_a", {"director"}),
    (A.MENTORSHIP_WORK, "pair_b", {"b_curator"}),
    # groups: a formed group's membership is changed by its organisation's curator and coordinator only
    (A.MENTORSHIP_MANAGE_MEMBERS, "pair_a", {"coordinator", "curator"}),
    (A.MENTORSHIP_MANAGE_MEMBERS, "pair_b", {"b_curator"}),
    (A.ORG_ISSUE_ORDERS, "org_a", {"director", "coordinator", "curator"}),
    (A.ORG_MANAGE_INTAKE, "org_a", {"director", "coordinator", "curator", "psychologist"}),
    (A.ORG_VIEW_AUDIT, "org_a", {"director", "coordinator"}),
    (A.ORG_EXPORT_PEOPLE, "org_a", {"director", "coordinator", "curator", "method_head"}),  # rosters
    (A.ORG_VIEW_STATS, "org_a", STAFF | {"municipal"}),
    (A.ORG_MANAGE_MATCHING, "org_b", {"b_curator"}),
    (A.PROGRAM_MANAGE, "program_a", {"director", "coordinator", "curator"}),
]


@pytest.mark.parametrize(("action", "key", "allowed"), ACTIONS, ids=lambda v: str(v) if isinstance(v, str) else "")
def test_it_decides_every_action_for_every_role(world, action, key, allowed):
    obj = world["people"][key] if key in world["people"] else world[key]
    decided = {persona for persona in PERSONAS if policy.can(world["people"][persona].user, action, obj)}
    assert decided == allowed


def test_it_hides_a_pupils_family_from_their_pair_partner(world):
    mentee = world["people"]["mentee"]
    client = Client()
    client.login(username="mentor", password="pass")
    body = client.get(reverse("person", args=[mentee.pk])).content.decode()
    assert mentee.full_name in body
    assert world["people"]["guardian"].full_name not in body
    client.login(username="curator", password="pass")
    assert world["people"]["guardian"].full_name in client.get(reverse("person", args=[mentee.pk])).content.decode()
