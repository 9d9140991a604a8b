"""Orders are drafts until the director signs them: number, date and effect come with the signature."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from nastavnik.documents import effects
from nastavnik.documents.models import Order
from nastavnik.documents.services import (
    order_discard,
    order_prepare,
    order_render,
    order_resubmit,
    order_return,
    order_sign,
)
from nastavnik.orgs.models import Membership, Role
from tests.documents.factories import docx_text, school_with_director, staff
from tests.factories import OrganizationFactory, person_with_login

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 7)


def _draft(org, **kwargs):
    return order_prepare(
        organization=org, kind="other", date=DAY, subject="О дежурстве", payload={"items": ["Пункт"]}, **kwargs
    )


def test_a_draft_has_no_number_no_date_and_says_project():
    org, _ = school_with_director()
    draft = _draft(org)
    assert (draft.status, draft.number, draft.date, draft.year) == (Order.Status.DRAFT, None, None, None)
    text = docx_text(order_render(order=draft))
    assert "ПРОЕКТ" in text and "№ ____" in text and "«___» ____________ 20___ г." in text


def test_signing_gives_the_next_number_and_the_day_of_signing():
    org, director = school_with_director()
    first, second = _draft(org), _draft(org)
    signed = order_sign(order=second, signed_by_user=director.user, date=DAY, comment="Согласовано")
    assert (signed.number, signed.date, signed.year) == (1, DAY, 2026)
    assert signed.signed_by_user == director.user and signed.director_comment == "Согласовано"
    assert order_sign(order=first, date=DAY).number == 2
    text = docx_text(order_render(order=signed))
    assert "ПРОЕКТ" not in text and "№ 1-н" in text and "«7» декабря 2026 г." in text
    assert "Л. М. Гроздева" in text
    with pytest.raises(ValidationError, match="уже подписан"):
        order_sign(order=signed, date=DAY)


def test_returning_needs_a_comment_and_a_returned_draft_cannot_be_signed_until_resubmitted():
    org, _ = school_with_director()
    draft = _draft(org)
    with pytest.raises(ValidationError, match="Напишите, что нужно исправить"):
        order_return(order=draft, comment="  ")
    returned = order_return(order=draft, comment="Уточните сроки дежурства")
    assert returned.status == Order.Status.RETURNED and returned.director_comment == "Уточните сроки дежурства"
    with pytest.raises(ValidationError, match="возвращён на доработку"):
        order_sign(order=returned, date=DAY)
    again = order_resubmit(order=returned, payload_changes={"items": "Дежурить по графику\nОтметить в журнале"})
    assert again.status == Order.Status.DRAFT and again.payload["items"] == [
        "Дежурить по графику",
        "Отметить в журнале",
    ]
    assert order_sign(order=again, date=DAY).number == 1


def test_a_signed_order_stays_and_a_draft_may_be_discarded():
    org, _ = school_with_director()
    signed = order_sign(order=_draft(org), date=DAY)
    with pytest.raises(ValidationError, match="удалить нельзя"):
        order_discard(order=signed)
    draft = _draft(org)
    order_discard(order=draft)
    assert list(Order.objects.values_list("pk", flat=True)) == [signed.pk]


def test_the_appointment_order_makes_roles_only_when_signed():
    org, _ = school_with_director()
    deputy = staff(org, last_name="Филиппов", first_name="Андрей", middle_name="Викторович")
    Membership.objects.create(
        person=deputy, role=Role.METHOD_HEAD, organization=org, position="заместитель директора по УВР"
    )
    curator = staff(org, last_name="Лаптева", first_name="Татьяна", middle_name="Юрьевна", subject="Физика")
    draft = order_prepare(
        organization=org,
        kind=Order.Kind.APPOINT_COORDINATOR,
        date=DAY,
        payload={"coordinator_id": deputy.pk, "curators": [curator.pk]},
    )
    assert not Membership.objects.filter(role=Role.COORDINATOR).exists()
    signed = order_sign(order=draft, date=DAY)
    assert Membership.objects.get(role=Role.COORDINATOR, person=deputy).appointed_on == DAY
    assert Membership.objects.filter(role=Role.CURATOR, person=curator).exists()
    text = docx_text(order_render(order=signed))
    # The real position from the membership, declined: never «педагог» for everybody.
    assert "Филиппова А. В., заместителя директора по УВР." in text
    assert "2.1. Лаптеву Т. Ю., педагога (Физика);" in text or "2.1. Лаптеву Т. Ю., педагога (Физика)." in text


def test_an_effect_that_refuses_leaves_the_draft_unsigned():
    org, _ = school_with_director()
    draft = order_prepare(organization=org, kind=Order.Kind.REWARD, date=DAY, payload={"items": ["Наградить"]})

    def refuse(*, order, signed_by_user):
        raise ValidationError("Нельзя")

    effects.register(Order.Kind.REWARD.value, refuse)
    try:
        with pytest.raises(ValidationError):
            order_sign(order=draft, date=DAY)
    finally:
        effects._HOOKS[Order.Kind.REWARD.value].remove(refuse)
    draft.refresh_from_db()
    assert draft.status == Order.Status.DRAFT and draft.number is None and not draft.file


def test_the_regulation_is_generated_for_the_organisation_and_editable_before_signing():
    org, _ = school_with_director(kind="lyceum", name="Муниципальный лицей № 5", short_name="Лицей № 5")
    draft = order_prepare(organization=org, kind=Order.Kind.APPROVE_REGULATION, payload={})
    titles = [s["title"] for s in draft.payload["sections"]]
    assert "Права и обязанности наставника" in titles and "Согласия участников" in titles
    text = docx_text(order_render(order=draft))
    assert "Муниципальный лицей № 5" in text  # the heading of the order, in the nominative
    assert "1. Утвердить Положение о наставничестве в Муниципальном лицее № 5 (приложение № 1)." in text
    assert "целевой модели наставничества в Муниципальном лицее № 5 (приложение № 2)." in text
    assert "сайте лицея" in text and "сайте школы" not in text
    assert "наставничества в Муниципальном лицее № 5 (далее — Лицей № 5)" in text  # declined, not «в Муниципальный»
    assert _regulation_title(order_render(order=draft)) == "ПОЛОЖЕНИЕ о наставничестве в Муниципальном лицее № 5"
    edited = order_resubmit(
        order=draft,
        payload_changes={"sections": [{"title": "Общие положения", "points": ["Своё первое положение"]}]},
    )
    signed = order_sign(order=edited, date=DAY)
    text = docx_text(order_render(order=signed))
    assert "1.1. Своё первое положение" in text and "Права и обязанности наставника" not in text


def test_the_kindergarten_regulation_speaks_of_teachers_not_pupils():
    org, _ = school_with_director(kind="kindergarten", short_name="Детский сад № 4")
    draft = order_prepare(organization=org, kind=Order.Kind.APPROVE_REGULATION, payload={})
    text = docx_text(order_render(order=draft))
    assert "детского сада" in text and "заведующего" in text
    assert "обучающиеся, родители обучающихся" not in text


# --- pages and the policy matrix: sign / return (director only), prepare (managers) ---------------------------------


@pytest.fixture
def draft_world():
    org, director = school_with_director()
    draft = _draft(org)
    users = {"director": director.user}
    for role in (Role.COORDINATOR, Role.CURATOR, Role.PSYCHOLOGIST, Role.METHOD_HEAD, Role.MENTOR):
        users[role] = person_with_login(role=role, organization=org).user
    users["stranger"] = person_with_login(role=Role.DIRECTOR, organization=OrganizationFactory()).user
    return org, draft, users


@pytest.mark.parametrize(
    ("who", "get_status", "sign_status"),
    [
        ("director", 200, 302),
        (Role.COORDINATOR, 200, 403),
        (Role.CURATOR, 200, 403),
        (Role.PSYCHOLOGIST, 200, 403),
        (Role.METHOD_HEAD, 200, 403),
        (Role.MENTOR, 403, 403),  # sees the organisation, not its register
        ("stranger", 404, 404),
    ],
)
def test_only_the_director_signs(client, draft_world, who, get_status, sign_status):
    org, draft, users = draft_world
    client.force_login(users[who])
    url = reverse("order_detail", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == get_status
    if get_status == 200:
        assert ("Подписать" in page.content.decode()) == (who == "director")
    other = _draft(org)
    assert client.post(url, {"action": "sign"}).status_code == sign_status
    other_url = reverse("order_detail", args=[other.pk])
    assert client.post(other_url, {"action": "return", "comment": "Исправьте"}).status_code == sign_status
    draft.refresh_from_db()
    other.refresh_from_db()
    assert draft.is_signed == (who == "director")
    assert (other.status == Order.Status.RETURNED) == (who == "director")


@pytest.mark.parametrize(
    ("who", "status"),
    [("director", 302), (Role.COORDINATOR, 302), (Role.CURATOR, 302), (Role.PSYCHOLOGIST, 403), (Role.MENTOR, 403)],
)
def test_managers_discard_drafts(client, draft_world, who, status):
    _org, draft, users = draft_world
    client.force_login(users[who])
    assert client.post(reverse("order_detail", args=[draft.pk]), {"action": "discard"}).status_code == status
    assert Order.objects.filter(pk=draft.pk).exists() == (status != 302)


def test_the_director_returns_with_a_comment_and_the_curator_resubmits(client, draft_world):
    _org, draft, users = draft_world
    client.force_login(users["director"])
    url = reverse("order_detail", args=[draft.pk])
    empty = client.post(url, {"action": "return", "comment": ""})
    assert "Напишите, что нужно исправить" in empty.content.decode()
    client.post(url, {"action": "return", "comment": "Добавьте пункт о журнале"})
    draft.refresh_from_db()
    assert draft.status == Order.Status.RETURNED
    client.force_login(users[Role.CURATOR])
    page = client.get(url).content.decode()
    assert "Добавьте пункт о журнале" in page
    client.post(url, {"action": "resubmit", "items": "Пункт\nВести журнал дежурств"})
    draft.refresh_from_db()
    assert draft.status == Order.Status.DRAFT and draft.payload["items"][-1] == "Вести журнал дежурств"


def test_the_directors_home_counts_drafts_waiting(client, draft_world):
    org, draft, users = draft_world
    _draft(org)
    client.force_login(users["director"])
    page = client.get(reverse("home")).content.decode()
    assert "2 проекта приказов ждут вашей подписи" in page
    assert reverse("order_detail", args=[draft.pk]) in page
    client.force_login(users[Role.CURATOR])
    assert "ждут вашей подписи" not in client.get(reverse("home")).content.decode()


def test_an_abbreviated_organisation_name_is_not_mangled_in_the_regulation():
    from nastavnik.documents.wording import regulation_sections

    point = regulation_sections(name="МБОУ СОШ № 3", short_name="СОШ № 3", kind="school")[0]["points"][0]
    assert "наставничества в МБОУ СОШ № 3 (далее — СОШ № 3)" in point


def test_every_field_of_a_draft_being_edited_is_styled_like_the_rest():
    """The Положение's text, the roadmap lines and «ознакомлены» are added to the form for this kind of order; they
    once rendered as bare textareas beside inline labels, which read as broken."""
    from nastavnik.documents.forms import OrderEditForm

    org, _ = school_with_director()
    draft = order_prepare(organization=org, kind=Order.Kind.APPROVE_REGULATION, payload={})
    form = OrderEditForm(order=draft)
    for name in ("regulation_text", "acquainted", "subject", "grounds"):
        assert "form-control" in form.fields[name].widget.attrs.get("class", ""), name


def _regulation_title(data: bytes) -> str:
    """The bold centred title of the appendix, read from the DOCX as Word would show it."""
    [title] = [p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.startswith("ПОЛОЖЕНИЕ")]
    return title


@pytest.mark.parametrize(
    ("name", "title"),
    [
        (
            "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 3»",
            "ПОЛОЖЕНИЕ о наставничестве в Муниципальном бюджетном общеобразовательном учреждении "
            "«Средняя общеобразовательная школа № 3»",
        ),
        ("МБОУ СОШ № 3", "ПОЛОЖЕНИЕ о наставничестве в МБОУ СОШ № 3"),  # an abbreviation is left as written
    ],
)
def test_the_regulation_title_declines_the_full_name_as_its_first_point_does(name, title):
    org, _ = school_with_director(name=name, short_name="Школа № 3")
    draft = order_prepare(organization=org, kind=Order.Kind.APPROVE_REGULATION, payload={})
    data = order_render(order=draft)
    assert _regulation_title(data) == title
    first_point = title.removeprefix("ПОЛОЖЕНИЕ о наставничестве в ")
    assert f"1.1. Настоящее Положение определяет порядок организации наставничества в {first_point} " in docx_text(data)
