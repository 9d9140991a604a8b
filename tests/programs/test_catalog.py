import pytest
from django.core.validators import validate_slug

from nastavnik.orgs.models import Role
from nastavnik.people.models import Person
from nastavnik.programs import catalog
from nastavnik.programs.models import MentoringForm, RoleModel, Stage
from nastavnik.programs.services import catalog_install

pytestmark = pytest.mark.django_db

LYCEUM = catalog.ROADMAP_TEMPLATES["lyceum_2023"]
SCHOOL = catalog.ROADMAP_TEMPLATES["school_plan"]
# Names from the seeds that must never reach the product (COMMON.md).
REAL_NAMES = ("Долгих", "технолицей", "Никульшин", "№ 54", "Томск", "№ 62", "Антошка", "Норильск", "Арсентьева")


def test_it_has_the_catalogue_in_a_fresh_database():
    # post_migrate installed it when the test database was migrated.
    assert set(MentoringForm.objects.values_list("code", flat=True)) == {f.code for f in catalog.FORMS}
    assert RoleModel.objects.count() == sum(len(f.role_models) for f in catalog.FORMS)


def test_it_installs_the_catalogue_idempotently():
    catalog_install()
    counts = (MentoringForm.objects.count(), RoleModel.objects.count())
    catalog_install()
    assert (MentoringForm.objects.count(), RoleModel.objects.count()) == counts


def test_it_restores_a_renamed_form_and_keeps_an_organisation_s_own_role_model():
    form = MentoringForm.objects.get(code="teacher_teacher")
    form.name = "Испорчено"
    form.save()
    own = RoleModel.objects.create(form=form, code="own_model", name="Своя модель")
    catalog_install()
    assert MentoringForm.objects.get(code="teacher_teacher").name == "Учитель – учитель"
    assert RoleModel.objects.filter(pk=own.pk).exists()


def test_it_gives_every_form_role_models_with_slug_tags():
    categories = set(Person.Category.values)
    for form in MentoringForm.objects.prefetch_related("role_models"):
        assert set(form.mentor_categories) <= categories, form.code
        assert set(form.mentee_categories) <= categories, form.code
        models = list(form.role_models.all())
        assert models, form.code
        for role_model in models:
            validate_slug(role_model.mentor_tag)
            validate_slug(role_model.mentee_tag)
            assert role_model.description


def test_it_lists_the_forms_and_role_models_the_domain_names():
    names = set(RoleModel.objects.values_list("name", flat=True))
    for expected in (
        "Успевающий – неуспевающий",
        "Лидер – пассивный",
        "Равный – равному",
        "Адаптированный – неадаптированный",
        "Опытный педагог – молодой специалист",
        "Педагог-новатор – консервативный педагог",
        "Лидер педагогического сообщества – педагог, испытывающий затруднения",
        "Опытный предметник – неопытному предметнику",
        "Современный – опытному",
        "Физик – русисту",
        "Новичок – мастер",
    ):
        assert expected in names
    kindergarten_form = MentoringForm.objects.get(code="pedagogue_pedagogue")
    assert kindergarten_form.name == "Педагог – педагог"
    assert kindergarten_form.mentee_categories == ["teacher"]


def test_it_shares_tags_between_the_school_and_kindergarten_teacher_forms():
    school = RoleModel.objects.get(form__code="teacher_teacher", code="experienced_young")
    kindergarten = RoleModel.objects.get(form__code="pedagogue_pedagogue", code="experienced_young")
    assert (school.mentor_tag, school.mentee_tag) == (kindergarten.mentor_tag, kindergarten.mentee_tag)


def test_it_copies_every_stage_of_the_lyceum_roadmap():
    titles = {a.stage_title for a in LYCEUM.activities}
    assert "Подготовительный этап" in titles
    for number in range(1, 8):
        assert any(t.startswith(f"Этап {number}.") for t in titles), number
    counts = {}
    for a in LYCEUM.activities:
        counts[a.number.split(".")[0]] = counts.get(a.number.split(".")[0], 0) + 1
    assert counts == {"0": 1, "1": 6, "2": 6, "3": 3, "4": 3, "5": 6, "6": 8, "7": 8}
    # Stage 0 and stage 1 are both the preparation of the cycle.
    assert {a.stage for a in LYCEUM.activities if a.number.split(".")[0] in {"0", "1"}} == {Stage.PREPARATION}
    assert [a.stage for a in LYCEUM.activities if a.number == "5.5"] == [Stage.MATCHING]


def test_it_keeps_results_and_control_points_of_the_lyceum_roadmap():
    assert all(a.expected_result.strip() for a in LYCEUM.activities)
    assert [a.number for a in LYCEUM.activities if a.control_point] == ["1.6", "2.6", "5.6", "6.6"]
    assert all(a.period_text.startswith("КТ") for a in LYCEUM.activities if a.control_point)


def test_it_copies_the_school_plan_of_37_items():
    assert [a.number for a in SCHOOL.activities] == [str(n) for n in range(1, 38)]
    assert all(a.expected_result.strip() for a in SCHOOL.activities)
    stages = [a.stage for a in SCHOOL.activities]
    assert stages.index(Stage.MENTEE_BASE) == 8 and stages[-1] == Stage.COMPLETION


@pytest.mark.parametrize("template", [LYCEUM, SCHOOL], ids=lambda t: t.code)
def test_it_keeps_template_data_consistent(template):
    roles = set(Role.values)
    for a in template.activities:
        assert a.stage in Stage.values
        assert 0 <= a.start <= a.end < template.months, a.number
        assert set(a.responsible_roles) <= roles, a.number
        assert a.responsible_text and a.period_text and a.title, a.number
    positions = [list(Stage.values).index(a.stage) for a in template.activities if a.stage != Stage.COMPLETION]
    assert positions == sorted(positions)


@pytest.mark.parametrize("template", [LYCEUM, SCHOOL], ids=lambda t: t.code)
def test_it_keeps_real_names_out_of_the_templates(template):
    text = " ".join(f"{a.title} {a.expected_result} {a.responsible_text} {a.stage_title}" for a in template.activities)
    text += template.title + template.description
    for name in REAL_NAMES:
        assert name.lower() not in text.lower(), name


def test_it_keeps_real_names_out_of_the_forms():
    text = " ".join(f"{f.description} " + " ".join(r.description for r in f.role_models) for f in catalog.FORMS)
    for name in REAL_NAMES:
        assert name.lower() not in text.lower(), name
