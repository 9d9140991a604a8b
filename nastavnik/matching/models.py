"""Mentor Match sessions: who takes part, the rotation, the preference cards, the curator's decisions and the
engine's proposals. The proposals become pairs and groups (mentorships) when the curator confirms one."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nastavnik.locking import Versioned

MINUTES_MIN, MINUTES_MAX = 5, 10  # seed 000: every mentor talks with every mentee for 5–10 minutes


class Side(models.TextChoices):
    MENTOR = "mentor", _("Наставник")
    MENTEE = "mentee", _("Наставляемый")


class Objective(models.TextChoices):
    WELFARE = "welfare", _("Наибольшая совместимость")
    STABLE = "stable", _("Устойчивые пары по карточкам")


def new_card_token() -> str:
    return secrets.token_urlsafe(24)


class MatchSession(Versioned):
    """A Mentor Match session (сессия Mentor Match) of one programme."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Подготовка: выбор участников")
        ROTATION = "rotation", _("Ротация составлена")
        CARDS = "cards", _("Сбор карточек предпочтений")
        PROPOSED = "proposed", _("Предложения пар готовы")
        CONFIRMED = "confirmed", _("Пары и группы сформированы")

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="match_sessions", verbose_name=_("Организация")
    )
    program = models.ForeignKey(
        "programs.Program", on_delete=models.PROTECT, related_name="match_sessions", verbose_name=_("Программа")
    )
    date = models.DateField(_("Дата сессии"))
    start_time = models.TimeField(_("Начало"), null=True, blank=True)
    place = models.CharField(_("Место"), max_length=200, blank=True)
    minutes_per_round = models.PositiveSmallIntegerField(_("Минут на одну беседу"), default=7)
    status = models.CharField(_("Статус"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    confirmed_objective = models.CharField(
        _("Утверждённое предложение"), max_length=10, choices=Objective.choices, blank=True
    )
    # Cards, decisions and the list of participants change what the engine would propose: proposals older than
    # this are stale and the page says so.
    inputs_changed_at = models.DateTimeField(null=True, blank=True)
    mentorships = models.ManyToManyField(
        "mentorships.Mentorship", blank=True, related_name="+", verbose_name=_("Сформированные пары и группы")
    )
    orders = models.ManyToManyField(
        "documents.Order", blank=True, related_name="+", verbose_name=_("Приказы об утверждении пар и групп")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("сессия Mentor Match")
        verbose_name_plural = _("сессии Mentor Match")
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes_per_round__gte=MINUTES_MIN, minutes_per_round__lte=MINUTES_MAX),
                name="match_session_minutes_range",
            )
        ]

    def __str__(self) -> str:
        return f"Mentor Match {self.date:%d.%m.%Y} — {self.program}"


class SessionMentor(models.Model):
    """A mentor of the approved registry taking part, with the number of mentees they take in this session."""

    session = models.ForeignKey(MatchSession, on_delete=models.CASCADE, related_name="mentors")
    candidate = models.ForeignKey(
        "intake.MentorCandidate", on_delete=models.CASCADE, related_name="+", verbose_name=_("Наставник")
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    capacity = models.PositiveSmallIntegerField(_("Сколько наставляемых возьмёт"), default=1)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("наставник в сессии")
        verbose_name_plural = _("наставники в сессии")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "candidate"], name="session_mentor_once"),
            models.CheckConstraint(condition=Q(capacity__gte=1, capacity__lte=30), name="session_mentor_capacity"),
        ]

    def __str__(self) -> str:
        return str(self.person)


class SessionMentee(models.Model):
    """A mentee of the base (their request) taking part."""

    session = models.ForeignKey(MatchSession, on_delete=models.CASCADE, related_name="mentees")
    request = models.ForeignKey(
        "intake.MenteeRequest", on_delete=models.CASCADE, related_name="+", verbose_name=_("Запрос")
    )
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    # The curator's decision for a mentee left without a pair: the search goes on, with a psychologist's support.
    keep_searching = models.BooleanField(_("Поиск наставника продолжается"), default=False)

    class Meta:
        verbose_name = _("наставляемый в сессии")
        verbose_name_plural = _("наставляемые в сессии")
        ordering = ["session", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["session", "request"], name="session_mentee_once")]

    def __str__(self) -> str:
        return str(self.person)


class RotationSlot(models.Model):
    """One line of the timetable: a talk at a table, or somebody's break (no table, the other side empty)."""

    session = models.ForeignKey(MatchSession, on_delete=models.CASCADE, related_name="slots")
    round = models.PositiveSmallIntegerField(_("Раунд"))
    table = models.PositiveSmallIntegerField(_("Стол"), null=True, blank=True)
    mentor = models.ForeignKey(SessionMentor, on_delete=models.CASCADE, null=True, blank=True, related_name="slots")
    mentee = models.ForeignKey(SessionMentee, on_delete=models.CASCADE, null=True, blank=True, related_name="slots")

    class Meta:
        verbose_name = _("строка ротации")
        verbose_name_plural = _("ротация")
        ordering = ["session", "round", "table", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(table__isnull=False, mentor__isnull=False, mentee__isnull=False))
                | Q(table__isnull=True, mentor__isnull=True, mentee__isnull=False)
                | Q(table__isnull=True, mentor__isnull=False, mentee__isnull=True),
                name="rotation_slot_talk_or_break",
            ),
            models.UniqueConstraint(
                fields=["session", "round", "table"], condition=Q(table__isnull=False), name="rotation_table_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round}: {self.table or '—'} {self.mentor_id or '—'} × {self.mentee_id or '—'}"

    @property
    def is_break(self) -> bool:
        return self.table is None


class PreferenceCard(models.Model):
    """A participant's preference card: whom they would like to continue with (ranked) and whom not.

    The ids are SessionMentor / SessionMentee pks of the other side. The token is the one-time link for the
    participant's phone; the curator may also type in a paper card.
    """

    class EnteredBy(models.TextChoices):
        SELF = "self", _("Участник по ссылке")
        CURATOR = "curator", _("Куратор с бумажной карточки")

    session = models.ForeignKey(MatchSession, on_delete=models.CASCADE, related_name="cards")
    side = models.CharField(_("Сторона"), max_length=10, choices=Side.choices)
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    session_mentor = models.OneToOneField(
        SessionMentor, on_delete=models.CASCADE, null=True, blank=True, related_name="card"
    )
    session_mentee = models.OneToOneField(
        SessionMentee, on_delete=models.CASCADE, null=True, blank=True, related_name="card"
    )
    ranked = models.JSONField(_("Хотел бы продолжить (по порядку)"), default=list, blank=True)
    refused = models.JSONField(_("Не хотел бы"), default=list, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_card_token)
    filled_at = models.DateTimeField(_("Заполнена"), null=True, blank=True)
    entered_by = models.CharField(_("Кто внёс"), max_length=10, choices=EnteredBy.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("Ссылка отправлена"), null=True, blank=True)

    class Meta:
        verbose_name = _("карточка предпочтений")
        verbose_name_plural = _("карточки предпочтений")
        ordering = ["session", "side", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(side="mentor", session_mentor__isnull=False, session_mentee__isnull=True)
                | Q(side="mentee", session_mentee__isnull=False, session_mentor__isnull=True),
                name="card_belongs_to_its_side",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_side_display()})"

    @property
    def is_filled(self) -> bool:
        return self.filled_at is not None

    @property
    def participant(self) -> "SessionMentor | SessionMentee":
        return self.session_mentor if self.side == Side.MENTOR else self.session_mentee


class PairDecision(models.Model):
    """The curator's word on a pair: locked (fixed before the engine runs) or forbidden (never proposed)."""

    class Kind(models.TextChoices):
        LOCK = "lock", _("Закреплена")
        FORBID = "forbid", _("Запрещена")

    session = models.ForeignKey(MatchSession, on_delete=models.CASCADE, related_name="decisions")
    mentor = models.ForeignKey(SessionMentor, on_delete=models.CASCADE, related_name="decisions")
    mentee = models.ForeignKey(SessionMentee, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("Решение"), max_length=10, choices=Kind.choices)
    by_hand = models.BooleanField(_("Назначена вручную"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("решение куратора о паре")
        verbose_name_plural = _("решения куратора о парах")
        ordering = ["session", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["mentor", "mentee"], name="pair_decision_once"),
            # A mentee is locked to one mentor at most.
            models.UniqueConstraint(fields=["mentee"], condition=Q(kind="lock"), name="pair_lock_one_per_mentee"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} — {self.mentee}: {self.get_kind_display()}"


class Proposal(models.Model):
    """A snapshot of what the engine proposed (with the locked pairs merged in), kept as JSON.

    ``result``: {"pairs": [{"mentor", "mentee", "score", "criteria", "mentor_rank", "mentee_rank", "locked",
    "by_hand"}], "unmatched": [{"mentee", "reason"}], "metrics": {...}} with SessionMentor / SessionMentee pks.
    """

    session = models.ForeignKey(MatchSession, on_delete=models.CASCADE, related_name="proposals")
    objective = models.CharField(_("Цель подбора"), max_length=10, choices=Objective.choices)
    result = models.JSONField(default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("предложение пар")
        verbose_name_plural = _("предложения пар")
        ordering = ["session", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_objective_display()} {self.created_at:%d.%m.%Y %H:%M}"
