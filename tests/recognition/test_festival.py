"""The festival's guests and awards are records: edited on the festival page, they feed the order «о проведении
итогового мероприятия», the order on rewards and the certificates; the public page names nobody without consent."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from docx import Document

from nastavnik.documents.services import order_render
from nastavnik.orgs.models import Role
from nastavnik.people.models import Guardianship, Person
from nastavnik.recognition import selectors, services
from nastavnik.recognition.models import FestivalAward, FestivalGuest, Nomination
from tests.factories import (
    MentorshipFactory,
    OrganizationFactory,
    PersonFactory,
    ProgramFactory,
    assert_sent_back_without_a_file,
    person_with_login,
)
from tests.recognition.factories import publication_consent

G = FestivalGuest.Category


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


@pytest.fixture
def world(db):
    org = OrganizationFactory()
    program = ProgramFactory(organization=org)
    winner = PersonFactory(organization=org, last_name="Победова", first_name="Алла", middle_name="Игоревна")
    pair = MentorshipFactory(program=program, mentor=winner)
    contest = services.contest_create(organization=org, title="Наставник года — 2026", year=2026)
    nomination = services.nomination_add(contest=contest, kind=Nomination.Kind.MENTOR_OF_YEAR)
    application = services.application_submit(nomination=nomination, person=winner)
    services.juror_add(contest=contest, person=PersonFactory(organization=org))
    services.contest_start_judging(contest=contest)
    services.score_submit(juror=contest.jurors.get(), application=application, values=[9, 9, 9])
    services.contest_finish(contest=contest)
    festival = services.festival_create(organization=org, title="Фестиваль наставничества",
                                        held_on=dt.date(2027, 5, 20), place="Актовый зал")
    curator = person_with_login(role=Role.CURATOR, organization=org)
    person_with_login(role=Role.DIRECTOR, organization=org)
    return {"org": org, "winner": winner, "pair": pair, "application": application, "festival": festival,
            "curator": curator}


def test_guests_are_records_that_feed_the_event_order(world):
    festival = world["festival"]
    services.festival_guest_add(festival=festival, name="Управление образования", category=G.AUTHORITIES)
    services.festival_guest_add(festival=festival, name="Городская газета", category=G.MEDIA)
    with pytest.raises(ValidationError, match="уже в списке"):
        services.festival_guest_add(festival=festival, name="управление  образования", category=G.AUTHORITIES)
    services.festival_orders_issue(festival=festival, date=dt.date(2027, 5, 1), signed_by=None)
    text = _text(order_render(order=festival.event_order))
    assert "представители органов власти — Управление образования" in text
    assert "журналисты региональных СМИ и лидеры мнений — Городская газета" in text


def test_awards_from_results_and_rating_feed_the_reward_order_and_certificates(world):
    festival, winner, pair = world["festival"], world["winner"], world["pair"]
    assert services.festival_awards_from_results(festival=festival) == 1
    assert services.festival_awards_from_results(festival=festival) == 0  # not twice
    award = festival.awards.get()
    assert award.person == winner and award.application == world["application"]
    assert award.title == "«Наставник года», 1 место"
    services.festival_award_add(festival=festival, kind=FestivalAward.Kind.LETTER, mentorship=pair, rating_place=2)
    with pytest.raises(ValidationError, match="одного из двух"):
        services.festival_award_add(festival=festival, kind="certificate", title="За участие")
    services.festival_orders_issue(festival=festival, date=dt.date(2027, 5, 1), signed_by=None)
    text = _text(order_render(order=festival.reward_order))
    assert "«Наставник года», 1 место — Победова Алла Игоревна (грамота)" in text
    assert "2 место в рейтинге наставников 2026–2027" in text
    with pytest.raises(ValidationError, match="уже подготовлен"):
        services.festival_award_remove(award=award)
    client = Client()
    client.force_login(world["curator"].user)
    response = client.get(f"/recognition/awards/{award.pk}.docx")
    assert response.status_code == 200
    text = _text(response.content)
    assert "ГРАМОТА" in text and "Победова Алла Игоревна" in text
    # the same words as the contest's certificate, and the head who signs it by name
    assert "за 1 место в номинации «Наставник года» конкурса «Наставник года — 2026»" in text
    assert "за «Наставник года», 1 место" not in text
    assert "Директор ________________" in text and "Руководитель организации" not in text


def test_a_festival_title_with_its_own_quotes_is_not_quoted_again(world):
    festival = world["festival"]
    festival.title = "Фестиваль наставничества «Вместе к успеху»"
    festival.save()
    award = services.festival_award_add(festival=festival, kind="letter", person=world["winner"],
                                        title="Помощь в подготовке фестиваля")
    client = Client()
    client.force_login(world["curator"].user)
    text = _text(client.get(f"/recognition/awards/{award.pk}.docx").content)
    assert "Фестиваль наставничества «Вместе к успеху»" in text and "»»" not in text


def test_a_parents_letter_for_a_pupil_mentor_only(world):
    org, festival = world["org"], world["festival"]
    pupil = PersonFactory(organization=org, category=Person.Category.PUPIL, last_name="Юнова", first_name="Вера",
                          middle_name="Олеговна", school_class="9Б")
    father = PersonFactory(organization=org, category=Person.Category.PARENT, last_name="Юнов", first_name="Олег",
                           middle_name="Петрович")
    Guardianship.objects.create(guardian=father, child=pupil)
    with pytest.raises(ValidationError, match="наставника-обучающегося"):
        services.festival_award_add(festival=festival, kind="parents", person=world["winner"], title="За помощь")
    award = services.festival_award_add(festival=festival, kind="parents", person=pupil,
                                        title="«Наставник +», 1 место")
    client = Client()
    client.force_login(world["curator"].user)
    text = _text(client.get(f"/recognition/awards/{award.pk}.docx").content)
    assert "Юнову Олегу Петровичу" in text and "дочери" in text and "Юновой Веры Олеговны" in text


def test_the_festival_page_edits_guests_and_awards(world):
    festival = world["festival"]
    client = Client()
    client.force_login(world["curator"].user)
    url = f"/recognition/festivals/{festival.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"form": "guest", "name": "", "category": "media", "status": "invited"})
    assert response.status_code == 400 and not festival.guest_list.exists()
    client.post(url, {"form": "guest", "name": "Выпускники 2020 года", "category": "graduates",
                      "status": "invited"})
    guest = festival.guest_list.get()
    client.post(url, {"form": "guest_mark", "guest": guest.pk, "status": "came"})
    guest.refresh_from_db()
    assert guest.status == FestivalGuest.Status.CAME
    response = client.post(url, {"form": "award", "kind": "certificate", "application": world["application"].pk})
    assert response.status_code == 302 and festival.awards.get().person == world["winner"]
    page = client.get(url).content.decode()
    assert "Выпускники 2020 года" in page and "«Наставник года», 1 место" in page


def test_the_public_page_names_awarded_people_only_with_consent(world):
    festival = world["festival"]
    services.festival_guest_add(festival=festival, name="Иванов Пётр, журналист", category=G.MEDIA)
    services.festival_awards_from_results(festival=festival)
    rows = selectors.festival_awards(festival)
    assert rows == [("«Наставник года», 1 место", "имя не публикуется")]
    publication_consent(world["winner"], "name")
    assert selectors.festival_awards(festival) == [("«Наставник года», 1 место", "Победова Алла")]
    # Guests appear by category only, never by name.
    assert selectors.festival_guest_categories(festival) == ["Журналисты региональных СМИ и лидеры мнений"]


def test_without_libreoffice_a_pdf_award_sends_back_to_the_festival(world, no_libreoffice):
    festival = world["festival"]
    services.festival_awards_from_results(festival=festival)
    services.festival_orders_issue(festival=festival, date=dt.date(2027, 5, 1), signed_by=None)
    client = Client()
    client.force_login(world["curator"].user)
    assert_sent_back_without_a_file(
        client,
        f"/recognition/awards/{festival.awards.get().pk}.pdf",
        to=reverse("recognition_festival", args=[festival.pk]),
        says="Скачайте DOCX",
    )
