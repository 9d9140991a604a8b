"""Completion and recognition: closing pairs and programmes, the festival, points, contests with a jury,
the honour board, best practices and news for the public «Наставничество» page.

Nothing here copies a person's publication consent: public pages ask `privacy.selectors.publication_allowed`
at render time, so a withdrawn or lapsed consent removes the person everywhere at once.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nastavnik.recognition.photos import honour_photo_path, private_storage

# --- level 1 and 2 of completion ----------------------------------------------------------------------------


class Closure(models.Model):
    """The closure record of one pair or group (level 1 of completion)."""

    class Kind(models.TextChoices):
        PLANNED = "planned", _("Плановое завершение")
        PREMATURE = "premature", _("Досрочное завершение")

    class Next(models.TextChoices):
        END = "end", _("Работа пары закончена")
        CONTINUE = "continue", _("Продолжить работу в следующем цикле")
        NEW_GOALS = "new_goals", _("Новые цели с тем же наставником")
        JOIN_MENTORS = "join_mentors", _("Наставляемый становится кандидатом в наставники")

    mentorship = models.OneToOneField(
        "mentorships.Mentorship", on_delete=models.CASCADE, related_name="closure", verbose_name=_("Пара или группа")
    )
    kind = models.CharField(_("Как завершена"), max_length=20, choices=Kind.choices, default=Kind.PLANNED)
    reason = models.CharField(_("Причина досрочного завершения"), max_length=400, blank=True)
    closed_on = models.DateField(_("Дата завершения"), default=timezone.localdate)
    # The final questionnaires themselves are survey responses attached to the pair (see `questionnaires.py`);
    # the closure keeps only why the curator closed without one, and the sides ticked as filled on paper before the
    # questionnaires moved into the system (kept by the data migration, never set again).
    no_answer_reason = models.CharField(
        _("Почему завершено без итоговой анкеты"), max_length=400, blank=True
    )
    paper_questionnaires = models.JSONField(_("Итоговые анкеты, заполненные на бумаге"), default=list, blank=True)
    steps_done = models.JSONField(_("Выполненные шаги завершения"), default=list, blank=True)
    conclusion = models.TextField(_("Заключение куратора"), blank=True)
    next_step = models.CharField(_("Что дальше"), max_length=20, choices=Next.choices, default=Next.END)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("завершение работы пары")
        verbose_name_plural = _("завершения работы пар")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="planned") | ~Q(reason=""), name="closure_premature_needs_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentorship} — {self.get_kind_display()}"


class ClosingMeeting(models.Model):
    """The programme's closing meeting of all participants (level 2 of completion)."""

    program = models.OneToOneField(
        "programs.Program", on_delete=models.CASCADE, related_name="closing_meeting", verbose_name=_("Программа")
    )
    held_on = models.DateField(_("Дата"))
    attended = models.PositiveIntegerField(_("Присутствовало участников"), default=0)
    results = models.TextField(_("Представленные результаты"), blank=True)

    class Meta:
        verbose_name = _("итоговая встреча программы")
        verbose_name_plural = _("итоговые встречи программ")

    def __str__(self) -> str:
        return f"{self.program} — {self.held_on:%d.%m.%Y}"


class Festival(models.Model):
    """The public final event of the year (level 3 of completion)."""

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="festivals", verbose_name=_("Организация")
    )
    title = models.CharField(_("Название"), max_length=300)
    held_on = models.DateField(_("Дата"))
    place = models.CharField(_("Место"), max_length=300, blank=True)
    programme = models.TextField(_("Программа мероприятия"), blank=True)
    practices = models.ManyToManyField(
        "Practice", blank=True, related_name="festivals", verbose_name=_("Представленные практики")
    )
    event_order = models.ForeignKey(
        "documents.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("Приказ о проведении"),
    )
    reward_order = models.ForeignKey(
        "documents.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("Приказ о поощрении"),
    )

    class Meta:
        verbose_name = _("итоговое мероприятие")
        verbose_name_plural = _("итоговые мероприятия")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title


class FestivalGuest(models.Model):
    """A guest of the festival: a person or an organisation, from seed 000's list of audiences to invite."""

    class Category(models.TextChoices):
        # Seed 000, level 3: «На мероприятие необходимо пригласить следующие возможные целевые аудитории».
        PUPILS_STAFF = "pupils_staff", _("Обучающиеся и сотрудники образовательной организации")
        GRADUATES = "graduates", _("Выпускники")
        FAMILY = "family", _("Друзья и близкие наставляемых")
        PARTNERS = "partners", _("Представители социальных партнёров")
        ORGANISERS = "organisers", _("Специалисты и волонтёры, участвовавшие в организации программы")
        EDUCATION = "education", _("Представители образовательных организаций")
        MEDIA = "media", _("Журналисты региональных СМИ и лидеры мнений")
        AUTHORITIES = "authorities", _("Представители органов власти")
        OTHER = "other", _("Другие гости")

    class Status(models.TextChoices):
        INVITED = "invited", _("Приглашён")
        CAME = "came", _("Пришёл")

    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="guest_list")
    name = models.CharField(_("Гость (имя или организация)"), max_length=300)
    category = models.CharField(_("Категория"), max_length=20, choices=Category.choices, default=Category.OTHER)
    status = models.CharField(_("Отметка"), max_length=10, choices=Status.choices, default=Status.INVITED)

    class Meta:
        verbose_name = _("гость мероприятия")
        verbose_name_plural = _("гости мероприятия")
        ordering = ["festival", "category", "name", "pk"]

    def __str__(self) -> str:
        return self.name


class FestivalAward(models.Model):
    """An award handed at the festival: to a person or a pair/team, for a contest result or a rating place."""

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", _("Грамота")
        LETTER = "letter", _("Благодарственное письмо")
        PARENTS = "parents", _("Благодарственное письмо родителям")

    festival = models.ForeignKey(Festival, on_delete=models.CASCADE, related_name="awards")
    kind = models.CharField(_("Награда"), max_length=20, choices=Kind.choices, default=Kind.CERTIFICATE)
    title = models.CharField(_("За что"), max_length=300)
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="festival_awards",
        verbose_name=_("Кому (человек)"),
    )
    mentorship = models.ForeignKey(
        "mentorships.Mentorship", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("Кому (пара или команда)"),
    )
    application = models.ForeignKey(
        "Application", on_delete=models.SET_NULL, null=True, blank=True, related_name="awards",
        verbose_name=_("По итогам конкурса"),
    )
    rating_place = models.PositiveSmallIntegerField(_("Место в рейтинге"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("Порядок"), default=0)

    class Meta:
        verbose_name = _("награда мероприятия")
        verbose_name_plural = _("награды мероприятия")
        ordering = ["festival", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, mentorship__isnull=True)
                | Q(person__isnull=True, mentorship__isnull=False),
                name="festival_award_one_recipient",
            ),
        ]

    def __str__(self) -> str:
        return self.title


# --- points ---------------------------------------------------------------------------------------------------


class PointRule(models.Model):
    """How many points one kind of achievement earns in an organisation, and the yearly cap per person."""

    class Code(models.TextChoices):
        MEETING_WITH_DIARIES = "meeting_diaries", _("Встреча проведена, дневники заполнены обеими сторонами")
        MEETING_WITHOUT_DIARIES = "meeting_bare", _("Встреча проведена без дневников обеих сторон")
        GOAL_REACHED = "goal_reached", _("Цель пары достигнута")
        SCHOOL_COMPLETED = "school_completed", _("Пройдена «Школа наставника»")
        PRACTICE_PUBLISHED = "practice_published", _("Опубликована наставническая практика")
        CONTEST_PLACE = "contest_place", _("Призовое место в конкурсе")
        PLANNED_CLOSURE = "planned_closure", _("Плановое завершение работы пары")

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="point_rules", verbose_name=_("Организация")
    )
    code = models.CharField(_("За что"), max_length=30, choices=Code.choices)
    points = models.PositiveSmallIntegerField(_("Баллов за единицу"))
    cap = models.PositiveSmallIntegerField(_("Не больше баллов за год"))

    class Meta:
        verbose_name = _("правило начисления баллов")
        verbose_name_plural = _("правила начисления баллов")
        ordering = ["organization", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="point_rule_unique_per_org"),
            models.CheckConstraint(condition=Q(cap__gte=models.F("points")), name="point_rule_cap_covers_one"),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.points}"


# --- contests ---------------------------------------------------------------------------------------------------


class Contest(models.Model):
    class Status(models.TextChoices):
        APPLICATIONS = "applications", _("Приём заявок")
        JUDGING = "judging", _("Работа жюри")
        FINISHED = "finished", _("Итоги подведены")

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="contests", verbose_name=_("Организация")
    )
    title = models.CharField(_("Название"), max_length=300)
    year = models.PositiveSmallIntegerField(_("Учебный год (начало)"))
    status = models.CharField(_("Этап"), max_length=20, choices=Status.choices, default=Status.APPLICATIONS)
    rounds = models.PositiveSmallIntegerField(_("Туров"), default=1)
    current_round = models.PositiveSmallIntegerField(_("Текущий тур"), default=1)
    results_order = models.ForeignKey(
        "documents.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("Приказ об итогах"),
    )

    class Meta:
        verbose_name = _("конкурс")
        verbose_name_plural = _("конкурсы")
        ordering = ["-year", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(rounds__gte=1, current_round__gte=1), name="contest_rounds_positive"),
            models.CheckConstraint(condition=Q(current_round__lte=models.F("rounds")), name="contest_round_in_range"),
        ]

    def __str__(self) -> str:
        return self.title


class Nomination(models.Model):
    class Kind(models.TextChoices):
        MENTOR_OF_YEAR = "mentor_of_year", _("Наставник года")
        BEST_PAIR = "best_pair", _("Лучшая пара")
        MENTOR_PLUS = "mentor_plus", _("Наставник +")
        BEST_PRACTICE = "best_practice", _("Лучшие наставнические практики")
        OWN = "own", _("Своя номинация")

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="nominations")
    kind = models.CharField(_("Номинация"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("Название"), max_length=200)
    blind = models.BooleanField(_("Слепое оценивание (жюри не видит имён)"), default=False)
    # The rubric: [{"name": "…", "max": 10, "weight": 1}, …]; every juror scores every criterion from 0 to its max;
    # the total is the sum of points times weights (a rubric stored before weights counts each criterion once).
    rubric = models.JSONField(_("Критерии оценки"), default=list)

    class Meta:
        verbose_name = _("номинация")
        verbose_name_plural = _("номинации")
        ordering = ["contest", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def max_total(self) -> int:
        return sum(int(c["max"]) * int(c.get("weight", 1)) for c in self.rubric)


class Application(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="applications")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, null=True, blank=True, related_name="contest_applications",
        verbose_name=_("Участник"),
    )
    mentorship = models.ForeignKey(
        "mentorships.Mentorship", on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("Пара или группа"),
    )
    practice = models.ForeignKey(
        "Practice", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("Практика")
    )
    nominated_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("Кто выдвинул"),
    )
    self_nominated = models.BooleanField(_("Самовыдвижение"), default=False)
    code = models.CharField(_("Шифр заявки"), max_length=12)
    portfolio = models.JSONField(_("Портфолио из системы"), default=dict, blank=True)
    statement = models.TextField(_("О себе / о работе"), blank=True)
    last_round = models.PositiveSmallIntegerField(_("Прошла до тура"), default=1)
    place = models.PositiveSmallIntegerField(_("Место"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("заявка на конкурс")
        verbose_name_plural = _("заявки на конкурс")
        ordering = ["nomination", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | Q(mentorship__isnull=False) | Q(practice__isnull=False),
                name="application_has_subject",
            ),
            models.UniqueConstraint(fields=["nomination", "code"], name="application_code_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class Juror(models.Model):
    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="jurors")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("Член жюри"))
    chair = models.BooleanField(_("Председатель"), default=False)

    class Meta:
        verbose_name = _("член жюри")
        verbose_name_plural = _("жюри")
        constraints = [models.UniqueConstraint(fields=["contest", "person"], name="juror_unique_per_contest")]

    def __str__(self) -> str:
        return str(self.person)


class Score(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    juror = models.ForeignKey(Juror, on_delete=models.CASCADE, related_name="scores")
    round = models.PositiveSmallIntegerField(_("Тур"), default=1)
    values = models.JSONField(_("Баллы по критериям"), default=list)
    total = models.PositiveSmallIntegerField(_("Сумма"))
    comment = models.TextField(_("Комментарий"), blank=True)

    class Meta:
        verbose_name = _("оценка жюри")
        verbose_name_plural = _("оценки жюри")
        constraints = [
            models.UniqueConstraint(fields=["application", "juror", "round"], name="score_once_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.application} — {self.total}"


# --- honour board, practices, news ------------------------------------------------------------------------------


class HonourEntry(models.Model):
    """A place on the honour board «Лучшие наставники», chosen by the curator."""

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="honour_entries", verbose_name=_("Организация")
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="honour_entries", verbose_name=_("Наставник")
    )
    year = models.PositiveSmallIntegerField(_("Учебный год (начало)"))
    title = models.CharField(_("За что"), max_length=300)
    story = models.TextField(_("История"), blank=True)
    # Private: no URL of its own; served only under a consent covering photos (see `photos.py`).
    photo = models.ImageField(
        _("Фотография"), upload_to=honour_photo_path, storage=private_storage, blank=True
    )
    position = models.PositiveSmallIntegerField(_("Порядок"), default=0)

    class Meta:
        verbose_name = _("запись доски почёта")
        verbose_name_plural = _("доска почёта")
        ordering = ["-year", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "person", "year"], name="honour_once_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.title}"

    @property
    def school_year(self) -> str:
        """«2025/26»: the board is kept by school year, and a bare «2025» reads as a calendar year."""
        return f"{self.year}/{(self.year + 1) % 100:02d}"


class Practice(models.Model):
    """A best-practice case: written by a pair, a group or the curator, reviewed, then published."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Черновик")
        REVIEW = "review", _("На проверке у куратора")
        PUBLISHED = "published", _("Опубликована")

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="practices", verbose_name=_("Организация")
    )
    mentorship = models.ForeignKey(
        "mentorships.Mentorship", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("Пара или группа"),
    )
    authors = models.ManyToManyField("people.Person", blank=True, related_name="practices", verbose_name=_("Авторы"))
    title = models.CharField(_("Название"), max_length=300)
    problem = models.TextField(_("Проблема"))
    actions = models.TextField(_("Что было сделано"))
    results = models.TextField(_("Результаты"))
    figures = models.JSONField(_("Цифры из системы"), default=dict, blank=True)
    materials = models.TextField(_("Материалы"), blank=True)
    anonymous = models.BooleanField(_("Публиковать без имён"), default=False)
    status = models.CharField(_("Статус"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    review_note = models.TextField(_("Замечания куратора"), blank=True)
    published_on = models.DateField(_("Опубликована"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("наставническая практика")
        verbose_name_plural = _("наставнические практики")
        ordering = ["-published_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_on__isnull=False), name="practice_published_dated"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class News(models.Model):
    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="news", verbose_name=_("Организация")
    )
    title = models.CharField(_("Заголовок"), max_length=300)
    body = models.TextField(_("Текст"))
    published_on = models.DateField(_("Дата публикации"), default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("новость")
        verbose_name_plural = _("новости")
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return self.title
