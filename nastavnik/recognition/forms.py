from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nastavnik.forms import DATE_INPUT, StyledForm, style_fields
from nastavnik.people.picker import picker_for
from nastavnik.recognition.models import Closure, FestivalAward, FestivalGuest, Nomination, Practice
from nastavnik.recognition.services import CLOSURE_STEPS


class ClosureForm(StyledForm):
    kind = forms.ChoiceField(label=_("Как завершена"), choices=Closure.Kind.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Причина досрочного завершения"), required=False, max_length=400)
    closed_on = forms.DateField(label=_("Дата завершения"), widget=DATE_INPUT)
    no_answer_reason = forms.CharField(
        label=_("Почему завершаете без итоговой анкеты"), required=False, max_length=400,
        help_text=_("Нужно, только если кто-то из пары ещё не заполнил итоговую анкету. Ссылка на неё всё равно "
                    "будет отправлена."),
    )
    steps_done = forms.MultipleChoiceField(
        label=_("Шаги завершения"), choices=list(CLOSURE_STEPS.items()), widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    conclusion = forms.CharField(label=_("Заключение куратора"), widget=forms.Textarea(attrs={"rows": 3}),
                                 required=False)
    next_step = forms.ChoiceField(label=_("Что дальше"), choices=Closure.Next.choices)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"closed_on": timezone.localdate(), "kind": Closure.Kind.PLANNED})
        super().__init__(*args, **kwargs)


class ClosingMeetingForm(StyledForm):
    held_on = forms.DateField(label=_("Дата итоговой встречи"), widget=DATE_INPUT)
    attended = forms.IntegerField(label=_("Присутствовало участников"), min_value=0, max_value=10000)
    results = forms.CharField(label=_("Представленные результаты"), widget=forms.Textarea(attrs={"rows": 3}))


class NextCycleForm(StyledForm):
    title = forms.CharField(label=_("Название новой программы"), required=False, max_length=300)
    starts_on = forms.DateField(label=_("Начало"), widget=DATE_INPUT)
    ends_on = forms.DateField(label=_("Окончание"), widget=DATE_INPUT)


class FestivalForm(StyledForm):
    title = forms.CharField(label=_("Название"), max_length=300)
    held_on = forms.DateField(label=_("Дата"), widget=DATE_INPUT)
    place = forms.CharField(label=_("Место"), max_length=300, required=False)
    programme = forms.CharField(label=_("Программа мероприятия"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))
    practices = forms.ModelMultipleChoiceField(
        label=_("Представляемые практики"), queryset=Practice.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practices"].queryset = organization.practices.all()


class GuestForm(StyledForm):
    name = forms.CharField(label=_("Гость (имя или организация)"), max_length=300)
    category = forms.ChoiceField(label=_("Категория"), choices=FestivalGuest.Category.choices)
    status = forms.ChoiceField(label=_("Отметка"), choices=FestivalGuest.Status.choices,
                               initial=FestivalGuest.Status.INVITED)


class AwardForm(StyledForm):
    kind = forms.ChoiceField(label=_("Награда"), choices=FestivalAward.Kind.choices)
    application = forms.ModelChoiceField(
        label=_("По итогам конкурса"), queryset=None, required=False,
        help_text=_("Кому и за что — подставится из итогов конкурса"),
    )
    rating_place = forms.IntegerField(label=_("Место в рейтинге наставников"), min_value=1, max_value=100,
                                      required=False)
    person = forms.ModelChoiceField(label=_("Кому (человек)"), queryset=None, required=False)
    mentorship = forms.ModelChoiceField(label=_("Кому (пара или команда)"), queryset=None, required=False)
    title = forms.CharField(label=_("За что"), max_length=300, required=False,
                            help_text=_("Можно не заполнять, если награда по итогам конкурса или рейтинга"))

    def __init__(self, *args, applications, people, mentorships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda a: f"{a.nomination.title}, {a.place} — {a.code}"
        self.fields["person"].queryset = people
        self.fields["mentorship"].queryset = mentorships
        style_fields(self)


class SignForm(StyledForm):
    date = forms.DateField(label=_("Дата приказа"), widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ContestForm(StyledForm):
    title = forms.CharField(label=_("Название конкурса"), max_length=300)
    year = forms.IntegerField(label=_("Учебный год (год начала)"), min_value=2000, max_value=2100)
    rounds = forms.IntegerField(label=_("Туров"), min_value=1, max_value=3, initial=1)


class NominationForm(StyledForm):
    kind = forms.ChoiceField(label=_("Номинация"), choices=Nomination.Kind.choices)
    title = forms.CharField(label=_("Название (для своей номинации)"), required=False, max_length=200)
    blind = forms.BooleanField(label=_("Слепое оценивание (жюри не видит имён)"), required=False)


class CriterionForm(StyledForm):
    """One row of a nomination's rubric; a row left without a name is dropped."""

    name = forms.CharField(label=_("Критерий"), max_length=200, required=False)
    max = forms.IntegerField(label=_("Максимальный балл"), min_value=1, max_value=100, required=False)
    weight = forms.IntegerField(label=_("Вес"), min_value=1, max_value=5, required=False)


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, max_num=10, absolute_max=10, validate_max=True)


class PersonChoiceForm(StyledForm):
    person = forms.ModelChoiceField(label=_("Человек"), queryset=None)

    def __init__(self, *args, people, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        if label:
            self.fields["person"].label = label
        style_fields(self)


class ApplicationForm(StyledForm):
    nomination = forms.ModelChoiceField(label=_("Номинация"), queryset=None)
    person = forms.ModelChoiceField(label=_("Участник"), queryset=None, required=False)
    mentorship = forms.ModelChoiceField(label=_("Пара или группа"), queryset=None, required=False)
    practice = forms.ModelChoiceField(label=_("Практика"), queryset=None, required=False)
    statement = forms.CharField(label=_("Представление"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, contest, people, mentorships, practices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = contest.nominations.all()
        self.fields["person"].queryset = people
        self.fields["mentorship"].queryset = mentorships
        self.fields["practice"].queryset = practices
        style_fields(self)


class HonourForm(StyledForm):
    person = forms.ModelChoiceField(label=_("Наставник"), queryset=None)
    year = forms.IntegerField(label=_("Учебный год (год начала)"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("За что"), max_length=300)
    story = forms.CharField(label=_("История"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    photo = forms.ImageField(label=_("Фотография"), required=False)

    def __init__(self, *args, people, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        style_fields(self)
        if organization is not None:
            # The whole staff and pupil list is far more than a select can show: search by surname instead.
            picker_for(self, "person", organization=organization, scope="any")


class HonourPhotoForm(StyledForm):
    photo = forms.ImageField(label=_("Фотография"), help_text=_("JPEG, PNG или WebP, не больше 5 МБ"))


class PracticeForm(StyledForm):
    title = forms.CharField(label=_("Название"), max_length=300)
    problem = forms.CharField(label=_("Проблема"), widget=forms.Textarea(attrs={"rows": 3}))
    actions = forms.CharField(label=_("Что было сделано"), widget=forms.Textarea(attrs={"rows": 4}))
    results = forms.CharField(label=_("Результаты"), widget=forms.Textarea(attrs={"rows": 3}))
    materials = forms.CharField(label=_("Материалы"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    mentorship = forms.ModelChoiceField(
        label=_("Пара или группа (цифры подставятся из системы)"), queryset=None, required=False
    )
    anonymous = forms.BooleanField(label=_("Публиковать без имён"), required=False)

    def __init__(self, *args, mentorships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentorship"].queryset = mentorships
        style_fields(self)


class ReviewForm(StyledForm):
    note = forms.CharField(label=_("Замечания авторам"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NewsForm(StyledForm):
    title = forms.CharField(label=_("Заголовок"), max_length=300)
    body = forms.CharField(
        label=_("Текст"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Не называйте людей, которые не дали согласия на распространение персональных данных"),
    )
    published_on = forms.DateField(label=_("Дата публикации"), widget=DATE_INPUT)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"published_on": timezone.localdate()})
        super().__init__(*args, **kwargs)
