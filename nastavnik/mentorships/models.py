"""Pairs and groups (mentorships), their meetings, personalised programme, wishes and goals, diaries,
requests to change the mentor, reminders and calendar feeds."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from nastavnik.people.names import Gender, gender_of
from nastavnik.programs.models import Kind as ProgramKind


class Mentorship(models.Model):
    """A pair or a group. The lead mentor and the first mentee are columns, so the database itself guarantees
    at least one of each and that nobody mentors themselves; further members of a group are MentorshipMember rows."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Предложена")
        CONFIRMED = "confirmed", _("Подтверждена после знакомства")
        APPROVED = "approved", _("Утверждена приказом")
        COMPLETED = "completed", _("Завершена")
        TERMINATED = "terminated", _("Прекращена досрочно")

    class Origin(models.TextChoices):
        """How the pair was made (seed 000: «анализ и корректировка сформированных стратегий образования пар»)."""

        WELFARE = "welfare", _("Предложение «наибольшая совместимость»")
        STABLE = "stable", _("Предложение «устойчивые пары»")
        CURATOR = "curator", _("Выбор куратора (изменил предложение)")
        DIRECT = "direct", _("Прямое назначение")

    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="mentorships", verbose_name=_("Программа")
    )
    role_model = models.ForeignKey(
        "programs.RoleModel",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ролевая модель"),
    )
    mentor = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="led_mentorships", verbose_name=_("Наставник")
    )
    mentee = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="first_mentee_in", verbose_name=_("Наставляемый")
    )
    status = models.CharField(_("Статус"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    starts_on = models.DateField(_("Начало"))
    ends_on = models.DateField(_("Окончание"), null=True, blank=True)
    goal = models.TextField(_("Цель"), blank=True)
    end_reason = models.CharField(_("Причина завершения"), max_length=300, blank=True)
    # Recorded when the pair is formed, so that monitoring can compare the ways of forming pairs afterwards.
    origin = models.CharField(_("Как сформирована"), max_length=10, choices=Origin.choices, default=Origin.DIRECT)
    match_score = models.FloatField(_("Совместимость при подборе, 0–100"), null=True, blank=True)
    match_criteria = models.JSONField(_("Критерии совместимости при подборе"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("наставническая пара / группа")
        verbose_name_plural = _("наставнические пары и группы")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=~Q(mentor=F("mentee")), name="mentorship_nobody_mentors_self"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="mentorship_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"


class MentorshipMember(models.Model):
    """Further mentors or mentees of a group beyond the lead pair."""

    class Side(models.TextChoices):
        MENTOR = "mentor", _("Наставник")
        MENTEE = "mentee", _("Наставляемый")

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="mentorship_memberships")
    side = models.CharField(_("Сторона"), max_length=10, choices=Side.choices)
    joined_on = models.DateField(_("С"), null=True, blank=True)

    class Meta:
        verbose_name = _("участник группы")
        verbose_name_plural = _("участники группы")
        # One row per person and group: nobody is on both sides of the same group.
        constraints = [models.UniqueConstraint(fields=["mentorship", "person"], name="member_once_per_mentorship")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_side_display()})"


class MemberChange(models.Model):
    """Somebody joined a formed group or left it: the group's page shows its changes of membership, who made them,
    when and why. Kept after the member row itself is gone (a member who left has no MentorshipMember row)."""

    class Kind(models.TextChoices):
        JOINED = "joined", _("Присоединился(ась) к группе")
        LEFT = "left", _("Выбыл(а) из группы")

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="member_changes")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("Кто"))
    side = models.CharField(_("Сторона"), max_length=10, choices=MentorshipMember.Side.choices)
    kind = models.CharField(_("Изменение"), max_length=10, choices=Kind.choices)
    on = models.DateField(_("Дата"))
    reason = models.CharField(_("Причина"), max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("изменение состава группы")
        verbose_name_plural = _("изменения состава группы")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_kind_display()}"

    def summary(self) -> str:
        """«выбыла из группы», «присоединился к группе»: the verb agrees with the person (not «выбыл(а)»)."""
        return member_change_words(person=self.person, kind=self.kind)

    def recorded_by(self) -> str:
        """«внесла Кураторова О. А.» — who recorded the change, the verb agreeing with them; "" when unknown."""
        who = getattr(self.by, "person", None) if self.by_id else None
        if who is None:
            return ""
        words = _("внесла %(who)s") if gender_of(who) == Gender.FEMALE else _("внёс %(who)s")
        return str(words) % {"who": who.short_name}


def member_change_words(*, person, kind: str) -> str:
    female = gender_of(person) == Gender.FEMALE
    if kind == MemberChange.Kind.JOINED:
        return str(_("присоединилась к группе") if female else _("присоединился к группе"))
    return str(_("выбыла из группы") if female else _("выбыл из группы"))


class Meeting(models.Model):
    class Kind(models.TextChoices):
        ACQUAINTANCE = "acquaintance", _("Встреча-знакомство")
        TRIAL = "trial", _("Пробная рабочая встреча")
        PLANNING = "planning", _("Встреча-планирование")
        REGULAR = "regular", _("Регулярная встреча")
        FINAL = "final", _("Итоговая встреча")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Запланирована")
        HELD = "held", _("Проведена")
        MISSED = "missed", _("Не состоялась")
        CANCELLED = "cancelled", _("Отменена")
        RESCHEDULED = "rescheduled", _("Перенесена")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("Очно")
        ONLINE = "online", _("Онлайн")

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("Вид встречи"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("Статус"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    format = models.CharField(_("Формат"), max_length=20, choices=Format.choices, default=Format.IN_PERSON)
    scheduled_at = models.DateTimeField(_("Дата и время"))
    duration_minutes = models.PositiveSmallIntegerField(_("Длительность, мин"))
    place = models.CharField(_("Место / ссылка"), max_length=300, blank=True)
    topic = models.CharField(_("Тема"), max_length=300, blank=True)
    notes = models.TextField(_("Итоги встречи"), blank=True)
    curator_present = models.BooleanField(_("Присутствует куратор"), default=False)
    # Rescheduling keeps the old row (status «перенесена») and points the new one at it: the history stays.
    rescheduled_from = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rescheduled_to",
        verbose_name=_("Перенесена с"),
    )
    reason = models.CharField(_("Причина отмены, переноса или срыва"), max_length=400, blank=True)
    # For a group: who is expected at this meeting; empty means the whole group.
    participants = models.ManyToManyField(
        "people.Person", blank=True, related_name="+", verbose_name=_("Участники (если не вся группа)")
    )
    # cycle: seed 000, trial meeting: «Роль куратора: после встречи зафиксировать ее результаты».
    curator_results = models.TextField(_("Результаты, зафиксированные куратором"), blank=True)
    status_changed_at = models.DateTimeField(_("Статус изменён"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("встреча")
        verbose_name_plural = _("встречи")
        ordering = ["scheduled_at"]
        indexes = [
            models.Index(fields=["mentorship", "scheduled_at"]),
            # A pair's last held meeting and the held/planned meetings before a day (attention list, home page).
            models.Index(fields=["mentorship", "status", "scheduled_at"], name="meeting_pair_status_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5, duration_minutes__lte=480), name="meeting_duration_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.scheduled_at:%d.%m.%Y}"


class ContactMode(models.TextChoices):
    """Форма контакта (seed 000, table of forms of mentoring; domain.md vocabulary)."""

    DIRECT = "direct", _("Прямое")
    INDIRECT = "indirect", _("Опосредованное")
    INDIVIDUAL = "individual", _("Индивидуальное")
    GROUP = "group", _("Групповое")
    OPEN = "open", _("Открытое")
    HIDDEN = "hidden", _("Скрытое")
    COLLECTIVE = "collective", _("Коллективно-индивидуальное")


class Side(models.TextChoices):
    MENTOR = "mentor", _("Наставник")
    MENTEE = "mentee", _("Наставляемый")


class PersonalPlan(models.Model):
    """Персонализированная программа наставничества (seeds 002, 004): 3 months to a year, one per pair."""

    mentorship = models.OneToOneField(Mentorship, on_delete=models.CASCADE, related_name="plan")
    starts_on = models.DateField(_("Начало"))
    ends_on = models.DateField(_("Окончание"))
    difficulties = models.TextField(_("Затруднения, которые нужно устранить"), blank=True)
    strengths = models.TextField(_("Сильные стороны, которые нужно поддержать"), blank=True)
    directions = models.TextField(_("Направления наставнической деятельности"), blank=True)
    expected_results = models.TextField(_("Ожидаемые результаты"), blank=True)
    kind = models.CharField(_("Вид наставничества"), max_length=20, choices=ProgramKind.choices)
    contact_mode = models.CharField(
        _("Форма контакта"), max_length=20, choices=ContactMode.choices, default=ContactMode.INDIVIDUAL
    )
    meetings_planned = models.PositiveSmallIntegerField(_("Сколько встреч понадобится"), null=True, blank=True)
    meetings_format = models.CharField(_("Формат встреч"), max_length=300, blank=True)
    approved_on = models.DateField(_("Утверждена"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("персонализированная программа")
        verbose_name_plural = _("персонализированные программы")
        # The 3–12 months rule needs month arithmetic and is checked in services (rules.plan_period_error).
        constraints = [models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="plan_period_ordered")]

    def __str__(self) -> str:
        return f"{self.mentorship}: {self.starts_on:%d.%m.%Y}–{self.ends_on:%d.%m.%Y}"


class PlanActivity(models.Model):
    class Responsible(models.TextChoices):
        MENTOR = "mentor", _("Наставник")
        MENTEE = "mentee", _("Наставляемый")
        BOTH = "both", _("Наставник и наставляемый")
        CURATOR = "curator", _("Куратор")

    plan = models.ForeignKey(PersonalPlan, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("Мероприятие"), max_length=400)
    deadline = models.DateField(_("Срок"))
    responsible = models.CharField(
        _("Ответственный"), max_length=10, choices=Responsible.choices, default=Responsible.BOTH
    )
    result = models.CharField(_("Ожидаемый результат"), max_length=400, blank=True)
    done_on = models.DateField(_("Выполнено"), null=True, blank=True)

    class Meta:
        verbose_name = _("мероприятие программы")
        verbose_name_plural = _("мероприятия программы")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.title


class Wish(models.Model):
    """One row of the wish table «Что я хочу, чтобы у меня было?» (seed 000): five per person."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="wishes")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("Чьё"))
    number = models.PositiveSmallIntegerField(_("№"))
    text = models.CharField(_("Желание"), max_length=400)
    resources_have = models.TextField(_("Какие ресурсы у меня есть, чтобы это получить?"), blank=True)
    resources_lack = models.TextField(_("Каких ресурсов мне не хватает?"), blank=True)
    measure = models.TextField(_("Как измерить результат? Как я пойму, что достиг цели?"), blank=True)
    duration_text = models.CharField(_("Сколько нужно времени?"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("желание")
        verbose_name_plural = _("таблица желаний")
        ordering = ["mentorship", "person", "number"]
        constraints = [
            models.UniqueConstraint(fields=["mentorship", "person", "number"], name="wish_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=5), name="wish_number_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class Goal(models.Model):
    """«Цель № N» of the goal map (seed 000)."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(_("№"))
    title = models.CharField(_("Цель"), max_length=300)
    desired_result = models.TextField(_("Желаемый результат"), blank=True)
    indicator = models.TextField(_("Показатель эффективности"), blank=True)
    wish = models.ForeignKey(
        Wish, on_delete=models.SET_NULL, null=True, blank=True, related_name="goals", verbose_name=_("Из желания")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("цель")
        verbose_name_plural = _("карта целей")
        ordering = ["mentorship", "number"]
        constraints = [models.UniqueConstraint(fields=["mentorship", "number"], name="goal_number_unique")]

    def __str__(self) -> str:
        return f"№ {self.number}. {self.title}"


class GoalStep(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    text = models.CharField(_("Шаг"), max_length=400)
    deadline = models.DateField(_("Срок"), null=True, blank=True)
    done_on = models.DateField(_("Выполнено"), null=True, blank=True)
    mark = models.CharField(_("Отметка о выполнении"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("шаг к цели")
        verbose_name_plural = _("шаги к цели")
        ordering = ["goal", "deadline", "pk"]

    def __str__(self) -> str:
        return self.text


class Reflection(models.Model):
    """A diary entry: one participant's answers to the kind's reflection questions after a held meeting.

    The answers themselves are a questionnaire response (surveys engine); this row says whose diary it is and
    that it was written, which is what the curator's «missing feedback» check reads."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reflections")
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("Автор"))
    side = models.CharField(_("Сторона"), max_length=10, choices=Side.choices)
    # Destroying the answers (consent withdrawn) takes the diary entry with them.
    response = models.OneToOneField(
        "surveys.Response", on_delete=models.CASCADE, related_name="reflection", verbose_name=_("Ответы")
    )
    submitted_at = models.DateTimeField(_("Заполнено"), auto_now_add=True)

    class Meta:
        verbose_name = _("дневник встречи")
        verbose_name_plural = _("дневники встреч")
        ordering = ["meeting", "submitted_at"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="reflection_once_per_person")]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.person_id}"


class ChangeRequest(models.Model):
    """A mentee's request for another mentor or a mentor's request to be released (seed 004 §7)."""

    class Status(models.TextChoices):
        OPEN = "open", _("На рассмотрении")
        APPROVED = "approved", _("Удовлетворено")
        REJECTED = "rejected", _("Отклонено")

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="change_requests")
    requested_by = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("Кто обратился")
    )
    side = models.CharField(_("Сторона"), max_length=10, choices=Side.choices)
    # Whose place in the pair the request is about: the requester, or the ward when a guardian asks.
    subject = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("О ком"))
    reason = models.TextField(_("Причина"))
    status = models.CharField(_("Статус"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("Решение принято"), null=True, blank=True)
    decision_note = models.TextField(_("Решение куратора"), blank=True)

    class Meta:
        verbose_name = _("обращение о замене наставника")
        verbose_name_plural = _("обращения о замене наставника")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentorship", "subject"], condition=Q(status="open"), name="change_request_one_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentorship}: {self.get_side_display()} — {self.get_status_display()}"


class Reminder(models.Model):
    """One e-mail reminder sent: the row is the guarantee that nobody gets the same reminder twice."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("О предстоящей встрече")
        FEEDBACK = "feedback", _("О незаполненной обратной связи")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("напоминание")
        verbose_name_plural = _("напоминания")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind", "person"], name="reminder_once_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.person_id}"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The secret in a person's iCalendar feed URL; rotating it cuts off every old subscription."""

    person = models.OneToOneField("people.Person", on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("ссылка на календарь")
        verbose_name_plural = _("ссылки на календари")

    def __str__(self) -> str:
        return f"{self.person_id}"
