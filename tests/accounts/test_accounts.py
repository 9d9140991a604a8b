"""Staff give accounts: e-mail invitations, printed slips, forced change, the minor-consent rule, disabling."""

import io
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from docx import Document

from nastavnik.accounts import services
from nastavnik.orgs.models import Membership, Role
from nastavnik.people.models import Guardianship, Person, User
from nastavnik.people.services import account_disable_for_person
from nastavnik.privacy.purge import person_purge
from tests.accounts.factories import pupil_with_consent
from tests.factories import OrganizationFactory, PersonFactory, PupilFactory, person_with_login

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Kedr-Sosna-2026!"


@pytest.fixture
def org():
    return OrganizationFactory()


@pytest.fixture
def curator(client, org):
    person = person_with_login(role=Role.CURATOR, organization=org)
    client.force_login(person.user)
    return person


def _docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs)


def _link_from(message) -> str:
    return re.search(r"https?://\S+(/accounts/set/\S+/)", message.body).group(1)


# --- e-mail invitations -------------------------------------------------------------------------------------------


def test_invitation_mail_carries_a_link_that_sets_the_password(client, curator, org, settings):
    settings.SITE_URL = "https://school.example"
    teacher = PersonFactory(organization=org, last_name="Рябинин", first_name="Олег", middle_name="Ильич",
                            email="ryabinin@example.org")
    response = client.post(reverse("account_invite", args=[teacher.pk]), follow=True)
    assert "Приглашение отправлено на ryabinin@example.org" in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ryabinin@example.org"] and "Приглашение" in message.subject
    assert "Логин: ryabinin.oi" in message.body and "https://school.example/accounts/set/" in message.body
    teacher.refresh_from_db()
    assert teacher.user.password_change_required and not teacher.user.has_usable_password()
    page = client.get(reverse("person", args=[teacher.pk]))
    assert "приглашён, пароль ещё не задан" in page.content.decode()

    anonymous = Client()
    form = anonymous.get(_link_from(message), follow=True)
    anonymous.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert anonymous.post("/login/", {"username": "ryabinin.oi", "password": NEW_PASSWORD}).status_code == 302
    assert anonymous.get("/").status_code == 200  # no detour: the password is their own
    assert "работает" in client.get(reverse("person", args=[teacher.pk])).content.decode()


def test_password_reset_from_the_login_page_finds_the_person_by_email(org, settings):
    settings.SITE_URL = "https://school.example"
    person = person_with_login(role=None, organization=org, email="lipa@example.org")
    client = Client()
    assert "Забыли пароль?" in client.get("/login/").content.decode()
    response = client.post(reverse("password_reset"), {"email": "LIPA@example.org"}, follow=True)
    assert "Проверьте почту" in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["LIPA@example.org"]
    form = client.get(_link_from(mail.outbox[0]), follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    person.user.refresh_from_db()
    assert person.user.check_password(NEW_PASSWORD)
    # An unknown address gets the same answer and no mail (nobody learns who is registered).
    client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert len(mail.outbox) == 1


# --- printed slips and the forced change ----------------------------------------------------------------------------


def test_class_slips_as_docx_one_per_person_grouped_by_class_and_the_pupil_must_change(client, curator, org):
    pupils = [pupil_with_consent(organization=org, school_class="7Б") for _ in range(3)]
    other_class = pupil_with_consent(organization=org, school_class="8А")
    response = client.post(reverse("accounts_bulk"), {"class": "7Б", "org": org.pk, "format": "docx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "no-store"
    text = _docx_text(b"".join(response.streaming_content))
    assert "класс 7Б" in text and "класс 8А" not in text
    assert text.count("Одноразовый пароль:") == 3
    other_class.refresh_from_db()
    assert other_class.user is None
    passwords = dict(re.findall(r"Логин: (\S+)\nОдноразовый пароль: (\S+)", text))
    assert len(passwords) == 3
    for pupil in pupils:
        pupil.refresh_from_db()
        assert pupil.full_name in text and pupil.user.username in passwords
        assert pupil.user.password_change_required

    login, password = next(iter(passwords.items()))
    pupil_client = Client()
    assert pupil_client.post("/login/", {"username": login, "password": password}).status_code == 302
    home = pupil_client.get("/")
    assert home.status_code == 302 and home["Location"] == reverse("password_first")
    assert pupil_client.get(reverse("my_calendar")).status_code == 302
    page = pupil_client.get(reverse("password_first"))
    assert "одноразовым паролем" in page.content.decode()
    changed = pupil_client.post(
        reverse("password_first"), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert changed.status_code == 302
    assert pupil_client.get("/").status_code == 200  # still signed in, free to go on
    user = User.objects.get(username=login)
    assert user.check_password(NEW_PASSWORD) and not user.password_change_required


def test_checked_people_with_email_get_invitations_the_others_slips_and_people_without_consent_are_named(
    client, curator, org
):
    with_email = PersonFactory(organization=org, email="graf@example.org")
    teacher = PersonFactory(organization=org, email="")
    no_consent = PupilFactory(organization=org, last_name="Липкина", first_name="Ия", middle_name="Петровна")
    response = client.post(
        reverse("accounts_bulk"), {"person": [with_email.pk, teacher.pk, no_consent.pk], "format": "docx"}
    )
    text = _docx_text(b"".join(response.streaming_content))
    assert teacher.full_name in text and with_email.full_name not in text and no_consent.full_name not in text
    assert [m.to for m in mail.outbox] == [["graf@example.org"]]
    no_consent.refresh_from_db()
    assert no_consent.user is None
    page = client.get(reverse("people")).content.decode()
    assert "Отправлено приглашений по e-mail: 1." in page and "Листков с паролями в файле: 1." in page
    assert "Липкина И. П." in page


def test_a_minor_without_guardian_consent_is_refused_with_the_reason_and_a_link(client, curator, org):
    pupil = PupilFactory(organization=org)
    response = client.post(reverse("account_slip", args=[pupil.pk]), follow=True)
    html = response.content.decode()
    assert "только при действующем согласии законного представителя" in html
    assert reverse("privacy_consents", args=[pupil.pk]) in html
    pupil.refresh_from_db()
    assert pupil.user is None
    # The minor's own consent is not enough.
    from tests.factories import ConsentFactory

    ConsentFactory(person=pupil)
    with pytest.raises(Exception, match="законного представителя"):
        services.account_issue_slips(people=[pupil])
    assert not User.objects.exclude(pk=curator.user_id).exists()


def test_reissue_gives_a_new_password_and_disable_stops_signing_in(client, curator, org):
    teacher = PersonFactory(organization=org, email="")
    first = services.account_issue_slips(people=[teacher])[0]
    response = client.post(reverse("account_slip", args=[teacher.pk]), {"format": "docx"})
    text = _docx_text(b"".join(response.streaming_content))
    second = re.search(r"Одноразовый пароль: (\S+)", text).group(1)
    teacher.refresh_from_db()
    assert second != first.password and teacher.user.check_password(second)
    assert teacher.user.username == first.login  # the login stays

    client.post(reverse("account_disable", args=[teacher.pk]))
    teacher.user.refresh_from_db()
    assert not teacher.user.is_active
    assert Client().post("/login/", {"username": first.login, "password": second}).status_code == 200
    assert "отключена" in client.get(reverse("person", args=[teacher.pk])).content.decode()


def test_people_list_filters_by_account_state(client, curator, org):
    invited = PersonFactory(organization=org, last_name="Вязова", email="v@example.org")
    services.account_invite(person=invited)
    disabled = PersonFactory(organization=org, last_name="Кленова")
    services.account_issue_slips(people=[disabled])
    account_disable_for_person(person=disabled)
    nobody = PersonFactory(organization=org, last_name="Ольхин")

    def names(state):
        return client.get(reverse("people"), {"account": state}).content.decode()

    assert "Вязова" in names("invited") and "Кленова" not in names("invited")
    assert "Кленова" in names("disabled") and "Вязова" not in names("disabled")
    assert nobody.last_name in names("none") and "Вязова" not in names("none")
    assert curator.last_name in names("active")


def test_purge_disables_the_account(org):
    from django.utils import timezone

    teacher = PersonFactory(organization=org, category=Person.Category.PARENT)
    services.account_issue_slips(people=[teacher])
    person_purge(person=teacher, now=timezone.now(), performed_by="test")
    teacher.refresh_from_db()
    assert not teacher.user.is_active


def test_a_guardian_account_sees_the_children(org):
    pupil = pupil_with_consent(organization=org)
    parent = Guardianship.objects.get(child=pupil).guardian
    slip = services.account_issue_slips(people=[parent])[0]
    assert Membership.objects.filter(person=parent, role=Role.GUARDIAN, organization=org).exists()
    client = Client()
    client.post("/login/", {"username": slip.login, "password": slip.password})
    client.post(reverse("password_first"), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert pupil.full_name in client.get("/").content.decode()
    assert client.get(reverse("person", args=[pupil.pk])).status_code == 200


def test_logins_are_transliterated_and_unique():
    org = OrganizationFactory()
    a = PersonFactory(organization=org, last_name="Щукина", first_name="Юлия", middle_name="Ёжиковна")
    b = PersonFactory(organization=org, last_name="Щукина", first_name="Юна", middle_name="Ёсифовна")
    slips = services.account_issue_slips(people=[a, b])
    assert [s.login for s in slips] == ["schukina.ye", "schukina.ye2"]


def test_a_chosen_password_change_asks_for_the_old_password(org):
    person = person_with_login(role=Role.MENTOR, organization=org)
    client = Client()
    client.force_login(person.user)
    assert "Сменить пароль" in client.get("/").content.decode()
    refused = client.post(
        reverse("password_first"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert refused.status_code == 200
    person.user.refresh_from_db()
    assert person.user.check_password("pass")
    client.post(
        reverse("password_first"),
        {"old_password": "pass", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    person.user.refresh_from_db()
    assert person.user.check_password(NEW_PASSWORD)
