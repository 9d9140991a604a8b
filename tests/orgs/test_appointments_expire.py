"""An appointment whose end date has passed stops giving its role: at once for access checks, and the role itself
is removed by the task the hourly `nastavnik remind` queues; the appointment stays in the history."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from nastavnik import policy
from nastavnik.orgs.models import Appointment, Membership, Role
from nastavnik.orgs.services import appointment_make, appointments_expire
from nastavnik.orgs.tasks import expire_appointments
from tests.documents.factories import school_with_director
from tests.factories import person_with_login

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY = TODAY - dt.timedelta(days=1)
START = TODAY - dt.timedelta(days=90)
DB_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def _curator_until(org, ends_on):
    person = person_with_login(role=None, organization=org, last_name="Тисова")
    appointment_make(organization=org, person=person, role=Role.CURATOR, starts_on=START, ends_on=ends_on)
    return person


def _fresh_user(person):
    return type(person.user).objects.get(pk=person.user_id)  # a new request: the policy reads the roles again


def test_a_lapsed_appointment_gives_no_access_even_before_the_job_runs():
    org, _director = school_with_director()
    lapsed = _curator_until(org, YESTERDAY)
    current = _curator_until(org, TODAY)  # ends today: still a curator today
    assert Membership.objects.filter(person=lapsed, role=Role.CURATOR).exists()  # the job has not run
    assert not policy.can(_fresh_user(lapsed), policy.Action.ORG_MANAGE_INTAKE, org)
    assert policy.can(_fresh_user(current), policy.Action.ORG_MANAGE_INTAKE, org)


# The worker closes connections between tasks as in production: that needs real commits, not the test's transaction.
@pytest.mark.django_db(transaction=True)
def test_the_hourly_remind_queues_the_job_and_the_worker_ends_the_roles(settings):
    settings.TASKS = DB_QUEUE
    org, director = school_with_director()
    lapsed = _curator_until(org, YESTERDAY)
    open_ended = _curator_until(org, None)
    out = io.StringIO()
    call_command("remind", stdout=out)
    assert "Окончание назначений" in out.getvalue()
    queued = DBTaskResult.objects.filter(task_path="nastavnik.orgs.tasks.expire_appointments")
    assert queued.count() == 1
    call_command("db_worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())
    assert queued.get().status == "SUCCESSFUL"
    assert not Membership.objects.filter(person=lapsed, role=Role.CURATOR).exists()
    assert Membership.objects.filter(person=open_ended, role=Role.CURATOR).exists()
    assert Membership.objects.filter(person=director, role=Role.DIRECTOR).exists()  # no appointment: untouched
    assert Appointment.objects.get(person=lapsed).ends_on == YESTERDAY  # the history stays


def test_another_current_appointment_to_the_same_role_keeps_it():
    org, _director = school_with_director()
    person = _curator_until(org, YESTERDAY)
    Appointment.objects.create(organization=org, person=person, role=Role.CURATOR, starts_on=TODAY)
    assert appointments_expire(today=TODAY) == 0
    assert Membership.objects.filter(person=person, role=Role.CURATOR).exists()
    assert policy.can(_fresh_user(person), policy.Action.ORG_MANAGE_INTAKE, org)


def test_the_task_counts_what_it_ended_and_running_it_again_changes_nothing():
    org, _director = school_with_director()
    _curator_until(org, YESTERDAY)
    assert expire_appointments.call() == 1
    assert expire_appointments.call() == 0


def test_a_role_given_again_after_the_appointment_ended_stays():
    org, _director = school_with_director()
    person = _curator_until(org, YESTERDAY)
    # A signed order makes them curator again today (the order's effect gives the role without an appointment).
    Membership.objects.filter(person=person, role=Role.CURATOR).update(appointed_on=TODAY)
    assert policy.can(_fresh_user(person), policy.Action.ORG_MANAGE_INTAKE, org)
    assert appointments_expire(today=TODAY) == 0
    assert Membership.objects.filter(person=person, role=Role.CURATOR).exists()


def test_a_signed_appointment_order_gives_a_lapsed_role_anew():
    from nastavnik.documents.models import Order
    from nastavnik.documents.services import order_issue

    org, director = school_with_director()
    coordinator = person_with_login(role=Role.COORDINATOR, organization=org)
    person = _curator_until(org, YESTERDAY)  # the job has not run: the role is still there, lapsed
    order_issue(
        organization=org,
        kind=Order.Kind.APPOINT_COORDINATOR,
        date=TODAY,
        payload={"coordinator_id": coordinator.pk, "curators": [person.pk]},
        created_by=director.user,
    )
    assert policy.can(_fresh_user(person), policy.Action.ORG_MANAGE_INTAKE, org)
    assert appointments_expire(today=TODAY) == 0
