"""The curator's pages of Mentor Match and the participant's card page, through the Django test client."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from nastavnik.documents.models import Order
from nastavnik.documents.services import order_sign
from nastavnik.matching.models import MatchSession, PairDecision, PreferenceCard, Side
from nastavnik.mentorships.models import Mentorship
from nastavnik.orgs.models import Role
from nastavnik.privacy.models import AccessLog
from tests.factories import OrganizationFactory, person_with_login
from tests.matching.conftest import mentee_of, mentor_of, session_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def curator_client(client, world):
    client.force_login(world.curator.user)
    return client


# --- access ---------------------------------------------------------------------------------------------------------


def test_it_lets_the_curator_in_refuses_a_mentor_and_hides_sessions_of_another_organisation(client, world):
    session = session_of(world)
    pages = [
        reverse("matching_sessions", args=[world.org.code]),
        reverse("matching_participants", args=[session.pk]),
        reverse("matching_rotation", args=[session.pk]),
        reverse("matching_cards", args=[session.pk]),
        reverse("matching_proposals", args=[session.pk]),
        reverse("matching_order", args=[session.pk]),
    ]
    client.force_login(world.curator.user)
    assert [client.get(url).status_code for url in pages] == [200] * len(pages)

    mentor = person_with_login(role=Role.MENTOR, organization=world.org)
    client.force_login(mentor.user)
    assert {client.get(url).status_code for url in pages} == {403}
    assert client.post(reverse("matching_proposals", args=[session.pk])).status_code == 403

    stranger = person_with_login(role=Role.CURATOR, organization=OrganizationFactory())
    client.force_login(stranger.user)
    assert {client.get(url).status_code for url in pages} == {404}
    assert client.post(reverse("matching_confirm", args=[session.pk]), {"objective": "welfare"}).status_code == 404


def test_it_sends_anonymous_visitors_to_the_login_page(client, world):
    session = session_of(world)
    response = client.get(reverse("matching_proposals", args=[session.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


# --- from a new session to the timetable ----------------------------------------------------------------------------


def test_it_creates_a_session_picks_participants_and_shows_the_timetable(curator_client, world):
    response = curator_client.post(
        reverse("matching_sessions", args=[world.org.code]),
        {"program": world.program.pk, "date": "2026-11-30", "start_time": "15:00", "minutes_per_round": 7},
    )
    session = MatchSession.objects.get()
    assert response["Location"] == reverse("matching_participants", args=[session.pk])

    data = {"mentors": [c.pk for c in world.mentors[:2]], "mentees": [r.pk for r in world.mentees[:3]]}
    data |= {f"capacity_{c.pk}": 2 for c in world.mentors[:2]}
    response = curator_client.post(reverse("matching_participants", args=[session.pk]), data)
    assert response["Location"] == reverse("matching_rotation", args=[session.pk])
    assert list(session.mentors.values_list("capacity", flat=True)) == [2, 2]

    page = curator_client.get(reverse("matching_rotation", args=[session.pk])).content.decode()
    assert "Раунд 3" in page and "Раунд 4" not in page  # max(2, 3) rounds
    assert "15:14" in page  # the third round starts after two rounds of 7 minutes
    assert "Кленова А. П." in page and "Незабудкина М. Ю." in page and "Перерыв" in page
    printable = curator_client.get(reverse("matching_rotation_print", args=[session.pk])).content.decode()
    assert 'class="page-rotation-print"' in printable and "Раунд 1" in printable


def test_it_refuses_minutes_outside_five_to_ten_with_a_russian_message(curator_client, world):
    response = curator_client.post(
        reverse("matching_sessions", args=[world.org.code]),
        {"program": world.program.pk, "date": "2026-11-30", "minutes_per_round": 15},
    )
    assert response.status_code == 400
    assert "меньше либо равно 10" in response.content.decode()
    assert not MatchSession.objects.exists()


# --- cards ----------------------------------------------------------------------------------------------------------


def test_it_lets_the_curator_type_in_a_paper_card_and_explains_a_repeated_place(curator_client, world):
    session = session_of(world)
    card = session.cards.get(side=Side.MENTEE, session_mentee=mentee_of(session, world, 0))
    m0, m1, m2 = (mentor_of(session, world, i) for i in range(3))
    url = reverse("matching_card_enter", args=[session.pk, card.pk])

    response = curator_client.post(url, {f"o_{m0.pk}": "1", f"o_{m1.pk}": "1"})
    assert response.status_code == 400
    assert "Место 1 уже отдано" in response.content.decode()

    response = curator_client.post(url, {f"o_{m0.pk}": "2", f"o_{m1.pk}": "1", f"o_{m2.pk}": "no"})
    assert response.status_code == 302
    card.refresh_from_db()
    assert card.ranked == [m1.pk, m0.pk] and card.refused == [m2.pk]
    assert card.entered_by == PreferenceCard.EnteredBy.CURATOR and card.recorded_by == world.curator.user
    assert AccessLog.objects.filter(person=card.person, action="matching.card").exists()
    page = curator_client.get(reverse("matching_cards", args=[session.pk])).content.decode()
    assert "Заполнено карточек: 1 из 7." in page


def test_it_emails_the_personal_links_to_those_with_an_address(curator_client, world):
    session = session_of(world)
    person = world.mentees[0].person
    person.email = "romashkina@example.org"
    person.save()

    curator_client.post(reverse("matching_cards", args=[session.pk]))

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["romashkina@example.org"]
    card = session.cards.get(person=person)
    assert f"/card/{card.token}/" in mail.outbox[0].body
    assert card.__class__.objects.get(pk=card.pk).sent_at is not None


def test_it_opens_a_card_by_its_token_only_for_its_person_and_only_once(client, world):
    session = session_of(world)
    mentee = mentee_of(session, world, 1)
    card = session.cards.get(side=Side.MENTEE, session_mentee=mentee)
    other = session.cards.get(side=Side.MENTEE, session_mentee=mentee_of(session, world, 2))
    m0 = mentor_of(session, world, 0)
    url = reverse("matching_card_public", args=[card.token])

    page = client.get(url).content.decode()
    assert "Здравствуйте, Лев!" in page  # the card's own person, no login needed
    assert "Кленова Арина Павловна" in page  # the other side to choose from
    assert "Ромашкина" not in page and "Незабудкина" not in page  # nobody of its own side

    response = client.post(url, {f"o_{m0.pk}": "1"})
    assert response.status_code == 200 and "Спасибо" in response.content.decode()
    card.refresh_from_db()
    other.refresh_from_db()
    assert card.ranked == [m0.pk] and card.entered_by == PreferenceCard.EnteredBy.SELF
    assert other.filled_at is None and other.ranked == []

    assert client.get(url).status_code == 410
    assert client.post(url, {f"o_{m0.pk}": "2"}).status_code == 410
    assert client.get(reverse("matching_card_public", args=["no-such-token"])).status_code == 404


# --- proposals, decisions, confirmation and the order -----------------------------------------------------------------


def test_it_shows_both_proposals_side_by_side_with_metrics_and_logs_the_view(curator_client, world):
    session = session_of(world)
    curator_client.post(reverse("matching_proposals", args=[session.pk]))

    page = curator_client.get(reverse("matching_proposals", args=[session.pk])).content.decode()

    assert 'id="proposal-welfare"' in page and 'id="proposal-stable"' in page
    assert "Доля наставляемых с парой" in page and "75 %" in page
    assert "Почему эта пара" in page and "Общие интересы" in page
    assert "Подходящие наставники заняты другими наставляемыми" in page
    logged = set(AccessLog.objects.filter(action="matching.proposals").values_list("person_id", flat=True))
    assert logged == {c.person_id for c in world.mentors} | {r.person_id for r in world.mentees}


def test_it_locks_a_pair_through_htmx_and_re_runs_for_the_rest(curator_client, world):
    session = session_of(world)
    curator_client.post(reverse("matching_proposals", args=[session.pk]))
    m2, e3 = mentor_of(session, world, 2), mentee_of(session, world, 3)

    response = curator_client.post(
        reverse("matching_decision", args=[session.pk]),
        {"action": "lock", "mentor": m2.pk, "mentee": e3.pk},
        HTTP_HX_REQUEST="true",
    )

    page = response.content.decode()
    assert response.status_code == 200 and 'id="proposals"' in page
    assert "закреплена" in page and "Открепить" in page
    assert PairDecision.objects.get().kind == PairDecision.Kind.LOCK
    latest = session.proposals.order_by("-pk").first()
    assert {"mentor": m2.pk, "mentee": e3.pk} in [
        {"mentor": p["mentor"], "mentee": p["mentee"]} for p in latest.result["pairs"]
    ]


def test_it_forbids_a_pair_without_javascript_and_comes_back_to_the_page(curator_client, world):
    session = session_of(world)
    curator_client.post(reverse("matching_proposals", args=[session.pk]))
    m0, e0 = mentor_of(session, world, 0), mentee_of(session, world, 0)

    response = curator_client.post(
        reverse("matching_decision", args=[session.pk]), {"action": "forbid", "mentor": m0.pk, "mentee": e0.pk}
    )

    assert response.status_code == 302 and response["Location"].endswith("/proposals/#proposals")
    for proposal in session.proposals.order_by("-pk")[:2]:
        assert (m0.pk, e0.pk) not in {(p["mentor"], p["mentee"]) for p in proposal.result["pairs"]}
    page = curator_client.get(reverse("matching_proposals", args=[session.pk])).content.decode()
    assert "Запрещённые пары" in page and "снять запрет" in page


def test_it_confirms_a_proposal_and_issues_the_order_with_a_docx_to_download(curator_client, world):
    session = session_of(world)
    curator_client.post(reverse("matching_proposals", args=[session.pk]))

    response = curator_client.post(reverse("matching_confirm", args=[session.pk]), {"objective": "stable"})
    assert response["Location"] == reverse("matching_order", args=[session.pk])
    pairs = list(Mentorship.objects.all())
    assert len(pairs) == 3 and {p.status for p in pairs} == {"proposed"}

    page = curator_client.get(reverse("matching_order", args=[session.pk])).content.decode()
    assert "Предложена" in page and "Передать приказ на подпись" in page
    data = {"date": "2026-11-24", "mentorships": [p.pk for p in pairs]}
    refused = curator_client.post(reverse("matching_order", args=[session.pk]), data)
    assert refused.status_code == 400 and "не подтверждена встречей-знакомством" in refused.content.decode()
    # Each pair not yet confirmed by its acquaintance goes in only as the curator's exception.
    response = curator_client.post(
        reverse("matching_order", args=[session.pk]), data | {"exceptions": data["mentorships"]}
    )
    assert response.status_code == 302
    order = session.orders.get()
    assert order.status == Order.Status.DRAFT and set(Mentorship.objects.values_list("status", flat=True)) != {
        "approved"
    }
    order = order_sign(order=order, date=dt.date(2026, 11, 24))
    assert set(Mentorship.objects.values_list("status", flat=True)) == {"approved"}
    page = curator_client.get(reverse("matching_order", args=[session.pk])).content.decode()
    assert f"№ {order.display_number}" in page and reverse("order_detail", args=[order.pk]) in page
    download = curator_client.get(reverse("order_docx", args=[order.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"


def test_a_long_list_of_session_mentors_gets_a_search_box_and_still_assigns_through_htmx(
    curator_client, world, monkeypatch
):
    import re

    from nastavnik.matching import forms as matching_forms
    from nastavnik.matching.selectors import session_mentors

    session = session_of(world)
    curator_client.post(reverse("matching_proposals", args=[session.pk]))
    url = reverse("matching_proposals", args=[session.pk])
    page = curator_client.get(url).content.decode()
    assert "data-filter-options" not in page  # a short list stays a plain select

    monkeypatch.setattr(matching_forms, "LONG_LIST", 1)
    page = curator_client.get(url).content.decode()
    assert "data-filter-options" in page and "js/filter-options.js" in page
    # The list holds the session's mentors only, each once per «Назначить» form.
    form = re.search(r'name="action" value="assign">.*?</form>', page, re.S).group(0)
    offered = {int(v) for v in re.findall(r'<option value="(\d+)"', form)}
    assert offered == {m.pk for m in session_mentors(session)}

    # The assignment still goes through htmx with the optimistic-locking version.
    mentee = int(re.search(r'name="mentee" value="(\d+)"', form).group(1))
    session.refresh_from_db()
    response = curator_client.post(
        reverse("matching_decision", args=[session.pk]),
        {"action": "assign", "mentee": mentee, "mentor": min(offered), "version": session.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and 'id="proposals"' in response.content.decode()
    assert PairDecision.objects.filter(kind=PairDecision.Kind.LOCK, mentee_id=mentee).exists()
