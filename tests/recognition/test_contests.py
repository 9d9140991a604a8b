"""Contests with a jury: recusal of linked jurors, blind scoring, rounds, results and documents."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from docx import Document

from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Guardianship, Person
from nastavnik.recognition import services
from nastavnik.recognition.models import Contest, Nomination
from tests.factories import (
    MentorshipFactory,
    OrganizationFactory,
    PersonFactory,
    ProgramFactory,
    assert_sent_back_without_a_file,
    person_with_login,
)


@pytest.fixture
def contest_world(db):
    org = OrganizationFactory()
    program = ProgramFactory(organization=org)
    applicant = PersonFactory(organization=org, last_name="Заявкина", first_name="Ольга", middle_name="Петровна")
    partner = PersonFactory(organization=org)
    pair = MentorshipFactory(program=program, mentor=applicant, mentee=partner)
    contest = services.contest_create(organization=org, title="Наставник года — 2026", year=2026, rounds=2)
    open_nom = services.nomination_add(contest=contest, kind=Nomination.Kind.MENTOR_OF_YEAR)
    blind_nom = services.nomination_add(contest=contest, kind=Nomination.Kind.BEST_PAIR, blind=True)
    application = services.application_submit(nomination=open_nom, person=applicant, nominated_by=applicant)
    pair_application = services.application_submit(nomination=blind_nom, mentorship=pair)
    curator = person_with_login(role=Role.CURATOR, organization=org, username="cur")
    person_with_login(role=Role.DIRECTOR, organization=org, username="dir")
    neutral = person_with_login(role=None, organization=org, username="juror")
    return {
        "org": org, "contest": contest, "applicant": applicant, "partner": partner, "pair": pair,
        "application": application, "pair_application": pair_application, "open_nom": open_nom,
        "blind_nom": blind_nom, "curator": curator, "neutral": neutral,
    }


def _start(w, *jurors):
    made = [services.juror_add(contest=w["contest"], person=p) for p in jurors]
    services.contest_start_judging(contest=w["contest"])
    w["contest"].refresh_from_db()
    return made


def test_self_nomination_takes_the_portfolio_from_the_system(contest_world):
    app = contest_world["application"]
    assert app.self_nominated
    assert app.portfolio["pairs"] == 1 and "meetings_with_diaries" in app.portfolio


@pytest.mark.parametrize("link", ["same_pair", "own_child", "own_department", "self"])
def test_a_linked_juror_must_recuse(contest_world, link):
    w = contest_world
    org = w["org"]
    if link == "same_pair":
        juror_person = w["partner"]
    elif link == "self":
        juror_person = w["applicant"]
    elif link == "own_child":
        juror_person = PersonFactory(organization=org, category=Person.Category.PARENT)
        w["applicant"].category = Person.Category.PUPIL
        w["applicant"].save()
        Guardianship.objects.create(guardian=juror_person, child=w["applicant"])
    else:
        juror_person = PersonFactory(organization=org)
        Membership.objects.create(person=juror_person, role=Role.METHOD_HEAD, organization=org, department="Математика")
        Membership.objects.create(person=w["applicant"], role=Role.MENTOR, organization=org, department="Математика")
    (juror,) = _start(w, juror_person)
    assert services.juror_conflict(juror=juror, application=w["application"])
    with pytest.raises(ValidationError, match="Самоотвод"):
        services.score_submit(juror=juror, application=w["application"], values=[5, 5, 5])


def test_an_unlinked_juror_scores_within_the_rubric(contest_world):
    w = contest_world
    (juror,) = _start(w, w["neutral"])
    assert services.juror_conflict(juror=juror, application=w["application"]) == ""
    with pytest.raises(ValidationError):
        services.score_submit(juror=juror, application=w["application"], values=[11, 5, 5])
    score = services.score_submit(juror=juror, application=w["application"], values=[9, 8, 7])
    assert score.total == 24


def test_blind_scoring_hides_names_from_the_juror_but_not_the_open_nomination(contest_world):
    w = contest_world
    _start(w, w["neutral"])
    client = Client()
    client.force_login(w["neutral"].user)
    html = client.get(f"/recognition/contests/{w['contest'].pk}/judge/").content.decode()
    assert "Заявкина" in html  # open nomination: the applicant is named
    assert w["pair_application"].code in html
    blind_block = html.split(w["pair_application"].code, 1)[1]
    assert w["partner"].last_name not in blind_block and "имена скрыты" in blind_block


def test_the_recused_juror_sees_no_score_form(contest_world):
    w = contest_world
    _start(w, w["partner"])
    w["partner"].user = w["neutral"].user  # log in as the partner
    w["neutral"].user = None
    w["neutral"].save()
    w["partner"].save()
    client = Client()
    client.force_login(w["partner"].user)
    html = client.get(f"/recognition/contests/{w['contest'].pk}/judge/").content.decode()
    assert "Самоотвод" in html
    response = client.post(f"/recognition/contests/{w['contest'].pk}/judge/",
                           {"application": w["application"].pk, "c0": 9, "c1": 9, "c2": 9})
    assert response.status_code == 302
    assert not w["application"].scores.exists()


def test_rounds_results_places_order_and_documents(contest_world, settings):
    w = contest_world
    second = services.application_submit(
        nomination=w["open_nom"], person=PersonFactory(organization=w["org"], last_name="Второва")
    )
    j1, j2 = _start(w, w["neutral"], PersonFactory(organization=w["org"]))
    for juror in (j1, j2):
        services.score_submit(juror=juror, application=w["application"], values=[9, 9, 9])
        services.score_submit(juror=juror, application=second, values=[5, 5, 5])
        services.score_submit(juror=juror, application=w["pair_application"], values=[7, 7, 7])
    services.contest_next_round(contest=w["contest"], keep=1)
    w["contest"].refresh_from_db()
    with pytest.raises(ValidationError):
        services.score_submit(juror=j1, application=second, values=[9, 9, 9])  # did not pass to round 2
    services.score_submit(juror=j1, application=w["application"], values=[10, 10, 10])
    services.contest_finish(contest=w["contest"])
    w["application"].refresh_from_db()
    second.refresh_from_db()
    assert w["application"].place == 1 and second.place is None
    contest = services.contest_results_order_issue(contest=w["contest"], date=dt.date(2026, 11, 30), signed_by=None)
    assert contest.results_order.kind == "reward"
    assert Contest.objects.get(pk=contest.pk).status == Contest.Status.FINISHED
    client = Client()
    client.force_login(w["curator"].user)
    response = client.get(f"/recognition/applications/{w['application'].pk}/letter.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Заявкиной Ольге Петровне" in text  # the dative
    response = client.get(f"/recognition/applications/{w['application'].pk}/certificate.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "ГРАМОТА" in text and "1 место" in text


def test_a_letter_to_the_parents_of_a_pupil_mentor(db):
    org = OrganizationFactory()
    pupil = PersonFactory(organization=org, category=Person.Category.PUPIL, last_name="Ученикова",
                          first_name="Анна", middle_name="Сергеевна", school_class="10А")
    mother = PersonFactory(organization=org, category=Person.Category.PARENT, last_name="Ученикова",
                           first_name="Елена", middle_name="Ивановна")
    Guardianship.objects.create(guardian=mother, child=pupil)
    contest = services.contest_create(organization=org, title="Лучший наставник-ученик", year=2026)
    nomination = services.nomination_add(contest=contest, kind=Nomination.Kind.MENTOR_PLUS)
    application = services.application_submit(nomination=nomination, person=pupil)
    curator = person_with_login(role=Role.CURATOR, organization=org)
    client = Client()
    client.force_login(curator.user)
    response = client.get(f"/recognition/applications/{application.pk}/parents.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Учениковой Елене Ивановне" in text and "дочери" in text and "Учениковой Анны Сергеевны" in text


def test_only_managers_run_a_contest_and_only_its_jurors_score(contest_world):
    w = contest_world
    _start(w, w["neutral"])
    outsider = person_with_login(role=Role.MENTOR, organization=w["org"])
    client = Client()
    client.force_login(outsider.user)
    assert client.get(f"/recognition/contests/{w['contest'].pk}/").status_code == 404
    assert client.get(f"/recognition/contests/{w['contest'].pk}/judge/").status_code == 404
    client.force_login(w["curator"].user)
    assert client.get(f"/recognition/contests/{w['contest'].pk}/").status_code == 200
    assert client.get(f"/recognition/contests/{w['contest'].pk}/judge/").status_code == 403


def test_a_certificate_as_pdf(contest_world):
    w = contest_world
    (juror,) = _start(w, w["neutral"])
    services.score_submit(juror=juror, application=w["application"], values=[9, 9, 9])
    services.contest_finish(contest=w["contest"])
    client = Client()
    client.force_login(w["curator"].user)
    response = client.get(f"/recognition/applications/{w['application'].pk}/certificate.pdf")
    # LibreOffice is part of the setup (`make system`); tests/documents/test_pdf.py fails when it is missing.
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_without_libreoffice_a_pdf_certificate_sends_back_to_the_contest(contest_world, no_libreoffice):
    w = contest_world
    (juror,) = _start(w, w["neutral"])
    services.score_submit(juror=juror, application=w["application"], values=[9, 9, 9])
    services.contest_finish(contest=w["contest"])
    client = Client()
    client.force_login(w["curator"].user)
    assert_sent_back_without_a_file(
        client,
        f"/recognition/applications/{w['application'].pk}/certificate.pdf",
        to=reverse("recognition_contest", args=[w["contest"].pk]),
        says="Скачайте DOCX",
    )
