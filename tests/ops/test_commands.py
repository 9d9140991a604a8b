import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from nastavnik.mentorships.models import Meeting, Mentorship
from nastavnik.ops.demo import DEMO_PASSWORD, LOGIN_ROLES
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person, User
from nastavnik.programs.models import Program
from tests.factories import OrganizationFactory

ROOT = Path(__file__).resolve().parents[2]
SEED_NAMES = ["Арсентьева", "Долгих", "Лямин", "Дударева", "Зуева", "Никульшин"]


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A clean production environment: nothing inherited from the test settings.
    dropped = {"DEBUG", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def test_it_passes_the_deploy_check_in_production_mode(tmp_path):
    result = _run(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x" * 60 + "y7#Qz",
        ALLOWED_HOSTS="nastavnik.example.org",
        NASTAVNIK_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout, result.stdout + result.stderr


def test_it_refuses_to_start_in_production_without_a_secret_key(tmp_path):
    result = _run("manage.py", "check", NASTAVNIK_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_refuses_a_bad_number_in_the_environment(tmp_path):
    result = _run("manage.py", "check", DEBUG="1", SESSION_COOKIE_AGE="two hours", NASTAVNIK_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SESSION_COOKIE_AGE" in result.stderr


def test_it_lists_the_operator_commands():
    result = _run("-m", "nastavnik.cli")
    assert result.returncode == 0
    for command in ["serve", "demo", "worker", "orgs", "match", "import-roster", "purge"]:
        assert command in result.stdout


@pytest.mark.django_db
def test_it_prints_one_organisation_per_line_code_first():
    OrganizationFactory(code="lyceum3", short_name="Лицей № 3")
    OrganizationFactory(code="ds12")
    out = io.StringIO()
    call_command("orgs", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split("\t")[0] for line in lines] == ["ds12", "lyceum3"]


@pytest.mark.django_db
def test_it_builds_a_demo_with_every_role_and_the_stages_of_the_cycle():
    out = io.StringIO()
    call_command("demo", stdout=out)
    for username in LOGIN_ROLES:
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD)
        assert username in out.getvalue()
    assert set(Organization.objects.values_list("kind", flat=True)) >= {"school", "lyceum", "kindergarten"}
    assert 80 <= Person.objects.count() <= 1500  # a municipality of eight organisations, most of them small
    assert len(set(Program.objects.values_list("stage", flat=True))) >= 3
    assert Mentorship.objects.exists() and Meeting.objects.filter(status="held").exists()
    names = " ".join(Person.objects.values_list("last_name", flat=True))
    assert not [name for name in SEED_NAMES if name in names]


@pytest.mark.django_db
def test_it_keeps_an_existing_database_unless_forced():
    call_command("demo", stdout=io.StringIO())
    people = Person.objects.count()
    call_command("demo", "--if-empty", stdout=io.StringIO())
    assert Person.objects.count() == people
    with pytest.raises(CommandError):
        call_command("demo", stdout=io.StringIO())
