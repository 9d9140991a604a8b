"""Forms of the intake pages. They only parse input; the rules live in services."""

from __future__ import annotations

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nastavnik.documents.selectors import staff_people
from nastavnik.forms import DATE_INPUT, StyledForm
from nastavnik.intake.models import Interview, MenteeRequest, MentorCandidate
from nastavnik.intake.vocabulary import PupilCategory, TeacherCategory, clean_phrases
from nastavnik.orgs.models import Organization
from nastavnik.people.models import Person
from nastavnik.people.picker import picker_for
from nastavnik.programs.models import Program

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
PHRASES_HELP = _("По одному на строку")

CATEGORY_CHOICES = [
    (_("Обучающиеся"), PupilCategory.choices),
    (_("Педагоги"), TeacherCategory.choices),
]


class PersonChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("empty_label", _("— выберите —"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Person) -> str:
        detail = obj.school_class or obj.subject or obj.workplace or obj.get_category_display()
        external = "" if obj.organization_id else f" ({_('внешний участник')})"
        return f"{obj.full_name}, {detail}{external}"


class PhrasesField(forms.CharField):
    """A textarea of short phrases, one per line, stored as a list."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", PHRASES_HELP)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list | tuple) else value

    def to_python(self, value) -> list[str]:
        return clean_phrases(super().to_python(value) or "")


def mentee_people(organization: Organization) -> QuerySet[Person]:
    return Person.objects.filter(
        organization=organization,
        anonymised_at__isnull=True,
        category__in=[Person.Category.PUPIL, Person.Category.STUDENT, Person.Category.TEACHER],
    )


def mentor_people(organization: Organization) -> QuerySet[Person]:
    """People of the organisation, and external people (no organisation of their own) who may mentor there."""
    return Person.objects.filter(
        Q(organization=organization) | Q(organization__isnull=True), anonymised_at__isnull=True
    ).select_related("organization")


def org_programs(organization: Organization) -> QuerySet[Program]:
    return Program.objects.filter(organization=organization).exclude(status=Program.Status.COMPLETED)


class CategoriesMixin(StyledForm):
    """Two checkbox lists (seed 003 §4.6 for pupils, §4.7 for teachers) read as one list of category codes."""

    pupil_categories = forms.MultipleChoiceField(
        label=_("Категории обучающегося"),
        choices=PupilCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    teacher_categories = forms.MultipleChoiceField(
        label=_("Категории педагога"),
        choices=TeacherCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    @staticmethod
    def split_categories(codes: list[str]) -> dict[str, list[str]]:
        return {
            "pupil_categories": [c for c in codes if c in PupilCategory.values],
            "teacher_categories": [c for c in codes if c in TeacherCategory.values],
        }

    def clean(self) -> dict:
        cleaned = super().clean()
        cleaned["categories"] = [*cleaned.get("pupil_categories", []), *cleaned.get("teacher_categories", [])]
        if not cleaned["categories"]:
            self.add_error(None, _("Отметьте хотя бы одну категорию наставляемого."))
        return cleaned


class RequestForm(CategoriesMixin):
    person = PersonChoiceField(label=_("Наставляемый"), queryset=Person.objects.none())
    program = forms.ModelChoiceField(
        label=_("Программа"), queryset=Program.objects.none(), required=False, empty_label=_("— любая —")
    )
    needs = forms.CharField(label=_("Запрос (трудности, потребности)"), widget=forms.Textarea(attrs={"rows": 4}))
    deficit_competencies = PhrasesField(label=_("Дефицитные компетенции"))
    interests = PhrasesField(label=_("Интересы"))
    free_time = PhrasesField(label=_("Свободное время"), help_text=_("Например: «вт 15–17»; по одному на строку"))
    source = forms.ChoiceField(label=_("Кто сообщил о запросе"), choices=MenteeRequest.Source.choices)

    def __init__(self, *args, organization: Organization, initial: dict | None = None, **kwargs) -> None:
        if initial and "categories" in initial:
            initial = {**initial, **self.split_categories(initial["categories"])}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["person"].queryset = mentee_people(organization)
        picker_for(self, "person", organization=organization, scope="mentees")
        self.fields["program"].queryset = org_programs(organization)


class AnalysisForm(CategoriesMixin):
    analysis = forms.CharField(label=_("Анализ куратора"), widget=forms.Textarea(attrs={"rows": 5}))
    deficit_competencies = PhrasesField(label=_("Дефицитные компетенции"))
    needs_psychologist = forms.BooleanField(label=_("Нужна поддержка педагога-психолога"), required=False)

    def __init__(self, *args, request_obj: MenteeRequest, **kwargs) -> None:
        kwargs.setdefault(
            "initial",
            {
                "analysis": request_obj.curator_analysis,
                **self.split_categories(request_obj.categories),
                "deficit_competencies": request_obj.deficit_competencies,
                "needs_psychologist": request_obj.needs_psychologist,
            },
        )
        super().__init__(*args, **kwargs)


class CandidateForm(StyledForm):
    person = PersonChoiceField(label=_("Кандидат"), queryset=Person.objects.none())
    category = forms.ChoiceField(label=_("Категория наставника"), choices=MentorCandidate.Category.choices)
    mentor_type = forms.ChoiceField(
        label=_("Тип наставника"),
        choices=[("", _("— не определён —")), *MentorCandidate.MentorType.choices],
        required=False,
    )
    experience = forms.CharField(
        label=_("Жизненный и профессиональный опыт"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    competencies = PhrasesField(label=_("Компетенции"))
    interests = PhrasesField(label=_("Интересы и хобби"))
    free_time = PhrasesField(label=_("Свободное время"))
    preferred_age_from = forms.IntegerField(
        label=_("Возраст наставляемых от"), min_value=5, max_value=80, required=False
    )
    preferred_age_to = forms.IntegerField(label=_("до"), min_value=5, max_value=80, required=False)
    capacity = forms.IntegerField(label=_("Сколько наставляемых готов вести"), min_value=1, max_value=30, initial=1)
    portfolio = forms.CharField(
        label=_("Портфолио, достижения"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    motivation = forms.CharField(label=_("Мотивация"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = mentor_people(organization)
        picker_for(self, "person", organization=organization, scope="mentors")


class InterviewForm(StyledForm):
    date = forms.DateField(label=_("Дата собеседования"), widget=DATE_INPUT, initial=timezone.localdate)
    interviewer = PersonChoiceField(
        label=_("Кто проводил"), queryset=Person.objects.none(), required=False, empty_label=_("— не указано —")
    )
    outcome = forms.ChoiceField(label=_("Итог"), choices=Interview.Outcome.choices)
    notes = forms.CharField(label=_("Заметки"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interviewer"].queryset = Person.objects.filter(
            organization=organization, category=Person.Category.TEACHER, anonymised_at__isnull=True
        )
        picker_for(self, "interviewer", organization=organization, scope="staff")


class DecisionForm(StyledForm):
    note = forms.CharField(label=_("Комментарий"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AgreementForm(StyledForm):
    date = forms.DateField(label=_("Дата договора"), widget=DATE_INPUT, initial=timezone.localdate)
    term_until = forms.DateField(label=_("Действует до"), widget=DATE_INPUT)


class InviteForm(StyledForm):
    person = PersonChoiceField(label=_("Кому отправить анкету"), queryset=Person.objects.none())
    days = forms.IntegerField(label=_("Ссылка действует, дней"), min_value=1, max_value=60, initial=14)

    def __init__(self, *args, people: QuerySet[Person], organization: Organization, scope: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        picker_for(self, "person", organization=organization, scope=scope)


class CriterionForm(StyledForm):
    text = forms.CharField(
        label=_("Критерий"),
        max_length=300,
        widget=forms.TextInput(
            attrs={"placeholder": _("Свой критерий, например «Готовность встречаться по субботам»")}
        ),
    )


class RegistryOrderForm(StyledForm):
    date = forms.DateField(label=_("Дата приказа"), widget=DATE_INPUT, initial=timezone.localdate)
    signed_by = PersonChoiceField(
        label=_("Подписывает"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("— руководитель организации —"),
    )

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signed_by"].queryset = staff_people(organization=organization)
        picker_for(self, "signed_by", organization=organization, scope="staff")


class TrainingOrderForm(RegistryOrderForm):
    responsible = PersonChoiceField(label=_("Ответственный за обучение"), queryset=Person.objects.none())

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, organization=organization, **kwargs)
        self.fields["responsible"].queryset = staff_people(organization=organization)
        picker_for(self, "responsible", organization=organization, scope="staff")


class TrainingForm(StyledForm):
    title = forms.CharField(label=_("Название"), max_length=300, initial=_("Школа наставника"))
    program = forms.ModelChoiceField(
        label=_("Программа наставничества"), queryset=Program.objects.none(), required=False, empty_label=_("— все —")
    )
    description = forms.CharField(
        label=_("Программа обучения, темы"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    starts_on = forms.DateField(label=_("Начало"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Окончание"), widget=DATE_INPUT)

    def __init__(self, *args, organization: Organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = org_programs(organization)


class SessionForm(StyledForm):
    starts_at = forms.DateTimeField(label=_("Дата и время"), widget=DATETIME_INPUT)
    topic = forms.CharField(label=_("Тема"), max_length=300)
    hours = forms.DecimalField(label=_("Часов"), min_value=0.5, max_value=99, decimal_places=1, initial=2)
    responsible = forms.CharField(label=_("Ведущий"), max_length=200, required=False)


class EnrolForm(StyledForm):
    candidate = forms.ModelChoiceField(
        label=_("Слушатель"), queryset=MentorCandidate.objects.none(), empty_label=_("— выберите —")
    )

    def __init__(self, *args, candidates: QuerySet[MentorCandidate], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = candidates
        self.fields["candidate"].label_from_instance = lambda c: f"{c.person.full_name} ({c.get_status_display()})"


class CompleteForm(StyledForm):
    completed_on = forms.DateField(label=_("Дата завершения"), widget=DATE_INPUT, initial=timezone.localdate)
    certificate_number = forms.CharField(
        label=_("Номер сертификата"), max_length=40, required=False, help_text=_("Пусто — номер присвоится сам")
    )
