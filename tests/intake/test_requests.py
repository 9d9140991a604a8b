"""The mentee base: requests enter only with consent, follow the cycle, and keep to the category vocabulary."""

import pytest
from django.core.exceptions import ValidationError

from nastavnik.intake import services
from nastavnik.intake.models import MenteeRequest
from nastavnik.people.models import Person
from tests.factories import OrganizationFactory, PersonFactory, PupilFactory
from tests.intake.factories import MenteeRequestFactory, participant, pupil_with_guardian_consent

pytestmark = pytest.mark.django_db
Status = MenteeRequest.Status


def _request(person, **kwargs):
    defaults = {
        "person": person,
        "organization": person.organization,
        "categories": ["young_specialist"],
        "needs": "Не складываются отношения с классом",
    }
    return services.request_create(**{**defaults, **kwargs})


def test_it_creates_a_new_request_with_cleaned_lists():
    teacher = participant(OrganizationFactory(), experience_years=1)
    req = _request(
        teacher, deficit_competencies=[" управление классом ", "Управление классом", ""], free_time="вт 15-17"
    )
    assert req.status == Status.NEW
    assert req.deficit_competencies == ["управление классом"]
    assert req.free_time == ["вт 15-17"]
    assert req.category_labels == ["Молодой специалист (стаж 0–3 года)"]


def test_it_refuses_base_entry_without_participation_consent_and_writes_nothing():
    teacher = participant(OrganizationFactory(), consent=False)
    with pytest.raises(ValidationError) as error:
        _request(teacher)
    assert error.value.code == "consent_missing"
    assert "нет действующего согласия" in error.value.messages[0]
    assert not MenteeRequest.objects.exists()


def test_it_accepts_a_minor_whose_guardian_consented():
    pupil = pupil_with_guardian_consent(OrganizationFactory())
    req = _request(pupil, categories=["low_results", "disengaged"])
    assert req.categories == ["low_results", "disengaged"]


def test_it_refuses_a_minor_without_the_guardians_consent_naming_the_guardian():
    pupil = PupilFactory()
    with pytest.raises(ValidationError) as error:
        _request(pupil, categories=["gifted"])
    assert "законного представителя" in error.value.messages[0]


@pytest.mark.parametrize(
    ("category", "categories"),
    [
        (Person.Category.PUPIL, ["young_specialist"]),  # a teacher's category for a pupil
        (Person.Category.TEACHER, ["gifted"]),  # a pupil's category for a teacher
        (Person.Category.TEACHER, ["astronaut"]),  # not in the vocabulary at all
        (Person.Category.TEACHER, []),  # none given
    ],
)
def test_it_refuses_categories_outside_the_vocabulary_of_the_person(category, categories):
    org = OrganizationFactory()
    person = participant(org, category=category, school_class="7А" if category == "pupil" else "")
    with pytest.raises(ValidationError):
        _request(person, categories=categories)
    assert not MenteeRequest.objects.exists()


def test_it_refuses_a_second_open_request_in_the_same_programme():
    teacher = participant(OrganizationFactory())
    _request(teacher)
    with pytest.raises(ValidationError, match="уже есть открытый запрос"):
        _request(teacher)


def test_it_refuses_a_person_of_another_organisation():
    teacher = participant(OrganizationFactory())
    with pytest.raises(ValidationError, match="не относится к организации"):
        _request(teacher, organization=OrganizationFactory())


def test_it_moves_a_request_through_the_whole_cycle():
    teacher = participant(OrganizationFactory())
    req = _request(teacher)
    services.request_analyse(request=req, analysis="Нужен опытный предметник", needs_psychologist=True)
    assert req.status == Status.ANALYSED and req.needs_psychologist and req.analysed_at
    for status in (Status.IN_BASE, Status.SEARCHING, Status.MATCHED, Status.SEARCHING, Status.MATCHED, Status.CLOSED):
        services.request_status_set(request=req, status=status)
        req.refresh_from_db()
        assert req.status == status
    assert services.request_next_statuses(request=req) == []


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (Status.NEW, Status.IN_BASE),  # not analysed yet
        (Status.NEW, Status.MATCHED),
        (Status.ANALYSED, Status.MATCHED),  # must be in the base first
        (Status.CLOSED, Status.IN_BASE),  # closed is final
        (Status.WITHDRAWN, Status.NEW),
    ],
)
def test_it_refuses_transitions_the_cycle_does_not_allow(start, target):
    req = MenteeRequestFactory(person=participant(OrganizationFactory()), status=start)
    with pytest.raises(ValidationError) as error:
        services.request_status_set(request=req, status=target)
    assert "Нельзя перевести запрос" in error.value.messages[0]
    req.refresh_from_db()
    assert req.status == start


def test_it_rechecks_consent_when_the_request_enters_the_base():
    teacher = PersonFactory()  # the consent lapsed (or never was): the analysed request must not enter the base
    req = MenteeRequestFactory(person=teacher, status=Status.ANALYSED, curator_analysis="Анализ")
    with pytest.raises(ValidationError):
        services.request_status_set(request=req, status=Status.IN_BASE)
    req.refresh_from_db()
    assert req.status == Status.ANALYSED


def test_it_offers_only_the_allowed_next_statuses():
    req = MenteeRequestFactory(person=participant(OrganizationFactory()), status=Status.IN_BASE)
    assert services.request_next_statuses(request=req) == ["matched", "searching", "closed", "withdrawn"]


def test_it_refuses_an_empty_analysis():
    req = MenteeRequestFactory(person=participant(OrganizationFactory()), status=Status.NEW)
    with pytest.raises(ValidationError):
        services.request_analyse(request=req, analysis="  ")
    req.refresh_from_db()
    assert req.status == Status.NEW
