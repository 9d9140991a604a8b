"""Factories for the whole suite: invented people only (never a name from the seeds)."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from nastavnik.mentorships.models import Meeting, Mentorship, MentorshipMember
from nastavnik.orgs.models import Membership, Municipality, Organization, Role
from nastavnik.people.models import Guardianship, Person, User
from nastavnik.privacy.models import Consent
from nastavnik.programs.models import MentoringForm, Program, RoleModel

TODAY = dt.date(2026, 11, 23)
# Surnames no test spells out, so a page may show factory people without matching a name a test looks for.
LAST_NAMES = ["Тополева", "Калинов", "Самшитова", "Грабов", "Осинова", "Ивушкин"]
FIRST_NAMES = ["Алина", "Пётр", "Вера", "Глеб", "Нина", "Остап"]
MIDDLE_NAMES = ["Игоревна", "Олегович", "Сергеевна", "Ильич", "Павловна", "Юрьевич"]


class MunicipalityFactory(DjangoModelFactory):
    class Meta:
        model = Municipality

    name = factory.Sequence(lambda n: f"Городской округ Тестовый-{n}")
    region = "Тестовая область"


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    municipality = factory.SubFactory(MunicipalityFactory)
    kind = Organization.Kind.SCHOOL
    code = factory.Sequence(lambda n: f"school{n}")
    name = factory.Sequence(lambda n: f"Муниципальное общеобразовательное учреждение «Тестовая школа № {n}»")
    short_name = factory.Sequence(lambda n: f"Тестовая школа № {n}")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True


    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pass")


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    # 6 × 6 × 6 distinct invented full names before any repeats, so tests can look for a name on a page.
    last_name = factory.Sequence(lambda n: LAST_NAMES[n % 6])
    first_name = factory.Sequence(lambda n: FIRST_NAMES[(n // 6) % 6])
    middle_name = factory.Sequence(lambda n: MIDDLE_NAMES[(n // 36) % 6])
    category = Person.Category.TEACHER
    organization = factory.SubFactory(OrganizationFactory)
    birth_date = dt.date(1985, 3, 14)
    subject = "Математика"
    experience_years = 12


class PupilFactory(PersonFactory):
    category = Person.Category.PUPIL
    birth_date = dt.date(2012, 5, 20)
    school_class = "8А"
    subject = ""
    experience_years = None


def person_with_login(*, role: str | None, organization: Organization | None = None, username: str | None = None,
                      **person_kwargs) -> Person:
    """A person with a user account and, when `role` is given, that role in `organization`."""
    person = PersonFactory(organization=organization, **person_kwargs) if organization else PersonFactory(
        **person_kwargs
    )
    person.user = UserFactory(username=username) if username else UserFactory()
    person.save(update_fields=["user"])
    if role == Role.MUNICIPAL_COORDINATOR:
        Membership.objects.create(person=person, role=role, municipality=person.organization.municipality)
    elif role:
        Membership.objects.create(person=person, role=role, organization=person.organization)
    return person


class GuardianshipFactory(DjangoModelFactory):
    class Meta:
        model = Guardianship

    guardian = factory.SubFactory(PersonFactory, category=Person.Category.PARENT, subject="", experience_years=None)
    child = factory.SubFactory(PupilFactory)


class ConsentFactory(DjangoModelFactory):
    class Meta:
        model = Consent

    person = factory.SubFactory(PersonFactory)
    purpose = Consent.Purpose.PARTICIPATION
    data_categories = factory.LazyFunction(lambda: ["ФИО", "дата рождения", "класс"])
    operator = factory.LazyAttribute(lambda o: o.person.organization.name)
    given_by = factory.LazyAttribute(lambda o: o.person)
    valid_from = TODAY
    signed_at = TODAY
    form = Consent.Form.PAPER


class MentoringFormFactory(DjangoModelFactory):
    class Meta:
        model = MentoringForm
        django_get_or_create = ("code",)

    code = "teacher_teacher"
    name = "Учитель – учитель"
    mentor_categories = factory.LazyFunction(lambda: ["teacher"])
    mentee_categories = factory.LazyFunction(lambda: ["teacher"])


class RoleModelFactory(DjangoModelFactory):
    class Meta:
        model = RoleModel
        django_get_or_create = ("form", "code")

    form = factory.SubFactory(MentoringFormFactory)
    code = "experienced_young"
    name = "Опытный педагог – молодой специалист"


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program

    organization = factory.SubFactory(OrganizationFactory)
    form = factory.SubFactory(MentoringFormFactory)
    title = "Программа наставничества «Учитель – учитель»"
    starts_on = dt.date(2026, 9, 1)
    ends_on = dt.date(2027, 5, 31)
    status = Program.Status.ACTIVE
    stage = "work"


class MentorshipFactory(DjangoModelFactory):
    class Meta:
        model = Mentorship

    program = factory.SubFactory(ProgramFactory)
    mentor = factory.SubFactory(PersonFactory, organization=factory.SelfAttribute("..program.organization"))
    mentee = factory.SubFactory(
        PersonFactory, organization=factory.SelfAttribute("..program.organization"), experience_years=1
    )
    status = Mentorship.Status.APPROVED
    starts_on = dt.date(2026, 10, 1)
    goal = "Освоить приёмы формирующего оценивания"


class MentorshipMemberFactory(DjangoModelFactory):
    class Meta:
        model = MentorshipMember

    mentorship = factory.SubFactory(MentorshipFactory)
    person = factory.SubFactory(PersonFactory)
    side = MentorshipMember.Side.MENTEE


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    mentorship = factory.SubFactory(MentorshipFactory)
    kind = Meeting.Kind.REGULAR
    scheduled_at = factory.LazyFunction(lambda: dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC))
    duration_minutes = 60
    topic = "Разбор урока"


# --- documents: a PDF asked for on a server without LibreOffice (fixture `no_libreoffice`) ---


def assert_sent_back_without_a_file(client, url: str, *, to: str, says: str) -> None:
    """Asking for a PDF without LibreOffice: a redirect to the page it came from, no file of any kind, and the
    Russian message there telling to take the DOCX."""
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == to
    assert "Content-Disposition" not in response and not response.get("Content-Type", "").startswith("application/")
    page = client.get(to).content.decode()
    assert says in page
