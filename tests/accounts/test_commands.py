"""`nastavnik create-org` and `create-municipal-coordinator`: from an empty database to a director who signs in."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from nastavnik.cli import COMMANDS
from nastavnik.orgs.models import Membership, Municipality, Organization, Role
from nastavnik.people.models import Person, User

pytestmark = pytest.mark.django_db

ARGS = [
    "school7",
    "--name",
    "Муниципальное бюджетное общеобразовательное учреждение «Средняя школа № 7»",
    "--short",
    "СОШ № 7",
    "--kind",
    "school",
    "--municipality",
    "Городской округ Вымышленный",
    "--director",
    "Берестов Игорь Павлович",
    "--email",
    "director@school7.example",
]
NEW_PASSWORD = "Kedr-Sosna-2026!"


def _link(output: str, site: str) -> str:
    match = re.search(re.escape(site) + r"(/accounts/set/\S+/)", output)
    assert match, output
    return match.group(1)


def test_create_org_makes_everything_and_the_link_sets_the_password(capsys, settings):
    settings.SITE_URL = "https://nastavnik.example"
    call_command("create_org", *ARGS)  # what `nastavnik create-org …` runs (run_from_argv would close the test DB)
    output = capsys.readouterr().out
    org = Organization.objects.get(code="school7")
    assert org.short_name == "СОШ № 7" and org.kind == "school"
    assert org.municipality.name == "Городской округ Вымышленный"
    director = Person.objects.get(last_name="Берестов", first_name="Игорь", middle_name="Павлович")
    assert director.email == "director@school7.example" and director.organization == org
    assert Membership.objects.filter(person=director, role=Role.DIRECTOR, organization=org).exists()
    user = director.user
    assert user.username == "berestov.ip" and "berestov.ip" in output
    assert not user.has_usable_password() and user.password_change_required

    client = Client()
    page = client.get(_link(output, settings.SITE_URL), follow=True)
    assert "Задайте пароль" in page.content.decode()
    set_url = page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True)
    assert "Пароль сохранён" in done.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) and not user.password_change_required

    assert client.post("/login/", {"username": "berestov.ip", "password": NEW_PASSWORD}).status_code == 302
    assert "СОШ № 7" in client.get("/").content.decode()
    # The link was for one use only.
    again = Client().get(_link(output, settings.SITE_URL), follow=True)
    assert "Ссылка больше не действует" in again.content.decode()


def test_the_municipality_is_reused_when_it_exists(capsys):
    Municipality.objects.create(name="Городской округ Вымышленный")
    call_command("create_org", *ARGS)
    assert Municipality.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--kind": "zoo"}, "Неизвестный тип «zoo»"),
        ({"--director": "Berestov Igor"}, "не похоже на «Фамилия Имя Отчество»"),
        ({"--email": "нет-адреса"}, "записан с ошибкой"),
        ({"--short": " "}, "Нужны и полное, и краткое название"),
    ],
)
def test_bad_input_is_refused_in_russian_with_exit_code_2_and_nothing_written(change, message):
    args = list(ARGS)
    for key, value in change.items():
        args[args.index(key) + 1] = value
    with pytest.raises(CommandError) as caught:
        call_command("create_org", *args)
    assert caught.value.returncode == 2
    assert message in str(caught.value) and "Ничего не создано" in str(caught.value)
    assert not Organization.objects.exists() and not Person.objects.exists() and not User.objects.exists()
    assert not Municipality.objects.exists()


def test_a_taken_code_is_refused(capsys):
    call_command("create_org", *ARGS)
    args = list(ARGS)
    args[args.index("--email") + 1] = "other@school7.example"
    with pytest.raises(CommandError, match="уже есть"):
        call_command("create_org", *args)
    assert Organization.objects.count() == 1 and Person.objects.count() == 1


def test_create_municipal_coordinator(capsys, settings):
    settings.SITE_URL = "https://nastavnik.example"
    call_command(
        "create_municipal_coordinator",
        "--municipality",
        "Городской округ Вымышленный",
        "--name",
        "Ольхова Дарья Сергеевна",
        "--email",
        "olkhova@example.org",
    )
    output = capsys.readouterr().out
    person = Person.objects.get(last_name="Ольхова")
    membership = Membership.objects.get(person=person)
    assert membership.role == Role.MUNICIPAL_COORDINATOR
    assert membership.municipality.name == "Городской округ Вымышленный"
    assert person.user.username == "olkhova.ds"
    assert _link(output, settings.SITE_URL)


def test_logins_are_unique():
    call_command("create_org", *ARGS)
    args = list(ARGS)
    args[0] = "school8"
    call_command("create_org", *args)
    assert sorted(User.objects.values_list("username", flat=True)) == ["berestov.ip", "berestov.ip2"]


def test_the_console_lists_both_commands():
    assert "create-org" in COMMANDS and "create-municipal-coordinator" in COMMANDS
