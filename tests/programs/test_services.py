import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from nastavnik.orgs.models import Organization
from nastavnik.programs import periods
from nastavnik.programs.models import Activity, Kind, MentoringForm, Program, Roadmap, RoleModel, Stage
from nastavnik.programs.selectors import activity_overdue, roadmap_by_stage, roadmap_progress, roadmap_templates
from nastavnik.programs.services import (
    activity_status_set,
    program_create,
    program_stage_set,
    program_update,
    roadmap_approve,
    roadmap_create_from_template,
)
from tests.factories import MentorshipFactory, OrganizationFactory, PersonFactory, ProgramFactory

pytestmark = pytest.mark.django_db

START = dt.date(2026, 9, 1)


def _teacher_form() -> MentoringForm:
    return MentoringForm.objects.get(code="teacher_teacher")


def _create(**overrides) -> Program:
    form = overrides.pop("form", None) or _teacher_form()
    kwargs = {
        "organization": overrides.pop("organization", None) or OrganizationFactory(),
        "form": form,
        "role_models": form.role_models.filter(code="experienced_young"),
        "title": "Программа «Учитель – учитель»",
        "starts_on": START,
        "ends_on": dt.date(2027, 5, 31),
        "kind": Kind.TRADITIONAL,
    }
    return program_create(**(kwargs | overrides))


def _error_fields(excinfo) -> set[str]:
    return set(excinfo.value.message_dict)


# --- roadmaps from templates ------------------------------------------------------------------------------------


def test_it_dates_the_lyceum_roadmap_from_its_start():
    org = OrganizationFactory(kind=Organization.Kind.LYCEUM)
    roadmap = roadmap_create_from_template(organization=org, template_code="lyceum_2023", starts_on=START)
    acts = {a.number: a for a in roadmap.activities.all()}
    assert len(acts) == 41
    assert (roadmap.starts_on, roadmap.ends_on) == (START, dt.date(2029, 8, 31))
    assert (acts["1.1"].starts_on, acts["1.1"].ends_on) == (START, dt.date(2026, 10, 31))
    assert acts["1.1"].period_text == "Сентябрь – октябрь 2026 г."
    assert (acts["1.6"].starts_on, acts["1.6"].ends_on) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert acts["1.6"].period_text == "КТ – ноябрь 2026 г."
    assert (acts["4.1"].starts_on, acts["4.1"].ends_on) == (dt.date(2026, 12, 1), dt.date(2027, 1, 31))
    assert acts["4.1"].period_text == "Декабрь 2026 г. – январь 2027 г."
    assert acts["5.2"].ends_on == dt.date(2027, 2, 28)
    assert acts["6.6"].period_text == "КТ – май 2028 г., далее – ежемесячно"
    assert (acts["7.1"].starts_on, acts["7.1"].ends_on) == (dt.date(2029, 8, 1), dt.date(2029, 8, 31))
    assert acts["1.2"].responsible_roles == ["director", "curator", "method_head"]
    assert "проектная команда" in acts["1.2"].responsible_text
    assert acts["1.6"].control_point and acts["1.6"].stage == Stage.PREPARATION
    assert roadmap.status == Roadmap.Status.DRAFT and roadmap.template_code == "lyceum_2023"
    assert "2026–2029" in roadmap.title


def test_it_never_starts_an_activity_before_the_roadmap():
    roadmap = roadmap_create_from_template(
        organization=OrganizationFactory(), template_code="lyceum_2023", starts_on=dt.date(2027, 9, 15)
    )
    first = roadmap.activities.order_by("starts_on").first()
    assert first.starts_on == dt.date(2027, 9, 15)
    assert roadmap.activities.get(number="1.6").starts_on == dt.date(2027, 11, 1)


def test_it_dates_the_school_plan_and_links_it_to_a_programme():
    program = ProgramFactory()
    roadmap = roadmap_create_from_template(
        organization=program.organization,
        template_code="school_plan",
        starts_on=dt.date(2026, 8, 1),
        program=program,
        title="План на 2026–2029 годы",
    )
    assert roadmap.program == program and roadmap.title == "План на 2026–2029 годы"
    assert roadmap.activities.count() == 37
    # Laid inside the programme's period: nothing silently spills years past its end.
    assert roadmap.ends_on == program.ends_on
    assert roadmap.activities.get(number="22").ends_on == program.ends_on
    assert roadmap.activities.get(number="22").period_text.startswith("Август 2026 г. – ")
    late = [a for a in roadmap.activities.select_related("roadmap__program") if a.outside_program]
    assert late and all(a.starts_on > program.ends_on or a.starts_on < program.starts_on for a in late)
    assert roadmap.activities.get(number="37").outside_program


def test_it_refuses_an_unknown_template_and_creates_nothing():
    with pytest.raises(ValidationError) as excinfo:
        roadmap_create_from_template(organization=OrganizationFactory(), template_code="nope", starts_on=START)
    assert "Неизвестный шаблон" in str(excinfo.value)
    assert not Roadmap.objects.exists()


def test_it_refuses_a_programme_of_another_organisation():
    with pytest.raises(ValidationError):
        roadmap_create_from_template(
            organization=OrganizationFactory(), template_code="lyceum_2023", starts_on=START, program=ProgramFactory()
        )
    assert not Roadmap.objects.exists()


def test_it_approves_a_roadmap_once():
    roadmap = roadmap_create_from_template(
        organization=OrganizationFactory(), template_code="lyceum_2023", starts_on=START
    )
    today = timezone.localdate()
    roadmap_approve(roadmap=roadmap, approved_on=today)
    roadmap.refresh_from_db()
    assert (roadmap.status, roadmap.approved_on) == (Roadmap.Status.APPROVED, today)
    with pytest.raises(ValidationError, match="уже утверждена"):
        roadmap_approve(roadmap=roadmap, approved_on=today)


def test_it_refuses_to_approve_in_the_future():
    roadmap = roadmap_create_from_template(
        organization=OrganizationFactory(), template_code="lyceum_2023", starts_on=START
    )
    with pytest.raises(ValidationError):
        roadmap_approve(roadmap=roadmap, approved_on=timezone.localdate() + dt.timedelta(days=1))
    roadmap.refresh_from_db()
    assert roadmap.status == Roadmap.Status.DRAFT


def test_it_marks_activities_and_counts_the_overdue():
    start = periods.month_start(timezone.localdate(), -3)
    roadmap = roadmap_create_from_template(
        organization=OrganizationFactory(), template_code="lyceum_2023", starts_on=start
    )
    today = timezone.localdate()
    overdue = [a for a in roadmap.activities.all() if activity_overdue(a, today=today)]
    assert overdue and all(a.ends_on < today for a in overdue)
    assert any(not activity_overdue(a, today=today) for a in roadmap.activities.all())
    first = overdue[0]
    activity_status_set(activity=first, status=Activity.Status.IN_PROGRESS)
    assert activity_overdue(first, today=today)
    activity_status_set(activity=first, status=Activity.Status.DONE)
    first.refresh_from_db()
    assert (first.status, first.done_on) == (Activity.Status.DONE, today)
    assert not activity_overdue(first, today=today)
    progress = roadmap_progress(roadmap=roadmap, today=today)
    assert progress["done"] == 1 and progress["overdue"] == len(overdue) - 1
    by_stage = roadmap_by_stage(roadmap=roadmap, today=today)
    assert by_stage[0]["stage"] == Stage.PREPARATION
    assert sum(group["done"] for group in by_stage) == 1
    flagged = [a for group in by_stage for a in group["activities"] if a.is_overdue]
    assert len(flagged) == len(overdue) - 1
    activity_status_set(activity=first, status=Activity.Status.PLANNED)
    first.refresh_from_db()
    assert first.done_on is None


def test_it_refuses_a_future_done_date_and_an_unknown_status():
    roadmap = roadmap_create_from_template(
        organization=OrganizationFactory(), template_code="lyceum_2023", starts_on=START
    )
    activity = roadmap.activities.first()
    with pytest.raises(ValidationError):
        activity_status_set(activity=activity, status="done", done_on=timezone.localdate() + dt.timedelta(days=2))
    with pytest.raises(ValidationError):
        activity_status_set(activity=activity, status="finished")
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PLANNED


def test_it_describes_the_templates_for_choosing():
    templates = {t["code"]: t for t in roadmap_templates()}
    assert templates["lyceum_2023"]["activity_count"] == 41
    assert templates["lyceum_2023"]["control_points"] == 4
    assert [s["stage"] for s in templates["lyceum_2023"]["stages"]] == list(Stage.values)


# --- programmes -------------------------------------------------------------------------------------------------


def test_it_creates_a_programme_as_a_draft_at_preparation():
    curator = PersonFactory()
    program = _create(organization=curator.organization, curators=[curator], meeting_interval_days=7)
    assert (program.status, program.stage, program.meeting_interval_days) == ("draft", "preparation", 7)
    assert [r.code for r in program.role_models.all()] == ["experienced_young"]
    assert list(program.curators.all()) == [curator]


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "field"),
    [
        (START, START, "ends_on"),
        (START, dt.date(2026, 8, 1), "ends_on"),
        (START, dt.date(2026, 9, 20), "ends_on"),
        (START, dt.date(2029, 9, 2), "ends_on"),
    ],
    ids=["same_day", "ends_before", "shorter_than_a_month", "longer_than_three_years"],
)
def test_it_refuses_a_bad_period(starts_on, ends_on, field):
    with pytest.raises(ValidationError) as excinfo:
        _create(starts_on=starts_on, ends_on=ends_on)
    assert field in _error_fields(excinfo)
    assert not Program.objects.exists()


def test_it_accepts_one_month_and_three_years():
    assert _create(starts_on=START, ends_on=dt.date(2026, 9, 30))
    assert _create(starts_on=START, ends_on=dt.date(2029, 8, 31))


def test_it_refuses_a_pupils_form_in_a_kindergarten():
    kindergarten = OrganizationFactory(kind=Organization.Kind.KINDERGARTEN)
    pupils = MentoringForm.objects.get(code="pupil_pupil")
    with pytest.raises(ValidationError) as excinfo:
        _create(organization=kindergarten, form=pupils, role_models=[])
    assert "form" in _error_fields(excinfo)
    assert "не подходит" in str(excinfo.value)
    assert _create(
        organization=kindergarten, form=MentoringForm.objects.get(code="pedagogue_pedagogue"), role_models=[]
    )


def test_it_refuses_a_students_form_in_a_school():
    with pytest.raises(ValidationError):
        _create(form=MentoringForm.objects.get(code="employer_student"), role_models=[])


def test_it_refuses_a_role_model_of_another_form():
    other = RoleModel.objects.get(form__code="pupil_pupil", code="leader_passive")
    with pytest.raises(ValidationError) as excinfo:
        _create(role_models=[other])
    assert "role_models" in _error_fields(excinfo)


def test_it_refuses_a_curator_from_another_organisation_and_a_bad_interval():
    with pytest.raises(ValidationError) as excinfo:
        _create(curators=[PersonFactory()], meeting_interval_days=0, title="  ")
    assert {"curators", "meeting_interval_days", "title"} <= _error_fields(excinfo)


def test_it_moves_stages_one_step_forward_or_any_step_back():
    program = _create()
    program_stage_set(program=program, stage=Stage.MENTEE_BASE)
    assert (program.stage, program.status) == (Stage.MENTEE_BASE, Program.Status.ACTIVE)
    with pytest.raises(ValidationError, match="по порядку"):
        program_stage_set(program=program, stage=Stage.MATCHING)
    with pytest.raises(ValidationError, match="уже на этом этапе"):
        program_stage_set(program=program, stage=Stage.MENTEE_BASE)
    for stage in (Stage.MENTOR_BASE, Stage.SELECTION_TRAINING, Stage.MATCHING, Stage.WORK):
        program_stage_set(program=program, stage=stage)
    program_stage_set(program=program, stage=Stage.PREPARATION)
    program.refresh_from_db()
    assert program.stage == Stage.PREPARATION


def test_it_freezes_the_stage_of_a_completed_programme():
    program = ProgramFactory(status=Program.Status.COMPLETED, stage=Stage.COMPLETION)
    with pytest.raises(ValidationError, match="завершена"):
        program_stage_set(program=program, stage=Stage.WORK)


def test_it_updates_a_programme_with_the_same_rules():
    program = _create()
    program_update(program=program, title="Новое название", meeting_interval_days=7, status=Program.Status.ACTIVE)
    program.refresh_from_db()
    assert (program.title, program.meeting_interval_days, program.status) == ("Новое название", 7, "active")
    with pytest.raises(ValidationError):
        program_update(program=program, ends_on=program.starts_on)
    with pytest.raises(ValidationError):
        program_update(program=program, organization=OrganizationFactory())
    program.refresh_from_db()
    assert program.ends_on == dt.date(2027, 5, 31)


def test_it_keeps_the_form_once_pairs_exist():
    pair = MentorshipFactory(program=ProgramFactory(form=_teacher_form()))
    with pytest.raises(ValidationError, match="пары"):
        program_update(program=pair.program, form=MentoringForm.objects.get(code="teacher_pupil"))


def test_it_writes_periods_as_documents_do():
    assert periods.period_text(dt.date(2026, 11, 1), dt.date(2026, 11, 30)) == "Ноябрь 2026 г."
    assert periods.add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert periods.month_end(dt.date(2027, 12, 5), 2) == dt.date(2028, 2, 29)
