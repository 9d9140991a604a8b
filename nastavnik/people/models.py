"""One record per human (Person), the account they log in with (User), and who is whose guardian."""

import datetime as dt
import re

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ADULT_AGE = 18


class User(AbstractUser):
    """A login. Names and contacts live on the Person, never here, so that purging a person is one place."""

    # Set while the password is one somebody else knows (a printed slip) or none yet (an e-mail invitation):
    # until the person sets their own, they may open nothing but the password page.
    password_change_required = models.BooleanField(_("Нужно сменить пароль"), default=False)

    class Meta:
        verbose_name = _("учётная запись")
        verbose_name_plural = _("учётные записи")


class Person(models.Model):
    class Category(models.TextChoices):
        PUPIL = "pupil", _("Обучающийся")
        STUDENT = "student", _("Студент")
        TEACHER = "teacher", _("Педагог")
        PARENT = "parent", _("Родитель")
        GRADUATE = "graduate", _("Выпускник")
        EMPLOYER = "employer", _("Сотрудник предприятия")
        EXTERNAL = "external", _("Внешний участник")

    last_name = models.CharField(_("Фамилия"), max_length=100)
    first_name = models.CharField(_("Имя"), max_length=100)
    middle_name = models.CharField(_("Отчество"), max_length=100, blank=True)
    birth_date = models.DateField(_("Дата рождения"), null=True, blank=True)
    category = models.CharField(_("Категория"), max_length=20, choices=Category.choices)
    organization = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("Организация"),
        help_text=_("Где человек учится или работает; пусто у внешних наставников"),
    )
    school_class = models.CharField(_("Класс / группа"), max_length=20, blank=True)
    subject = models.CharField(_("Предмет"), max_length=200, blank=True)
    experience_years = models.PositiveSmallIntegerField(_("Педагогический стаж, лет"), null=True, blank=True)
    workplace = models.CharField(_("Место работы, должность"), max_length=300, blank=True)
    email = models.EmailField(_("E-mail"), blank=True)
    phone = models.CharField(_("Телефон"), max_length=40, blank=True)
    user = models.OneToOneField(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="person", verbose_name=_("Учётная запись")
    )
    # Set when consent was withdrawn or expired and the data was destroyed: the row stays only as a hollow key.
    anonymised_at = models.DateTimeField(_("Обезличен"), null=True, blank=True)
    # --- rosters: the next school year ---
    # The school's own identifier (from its information system), when the roster carries one: recognises a person
    # whose name or date of birth was corrected.
    external_id = models.CharField(_("Идентификатор"), max_length=100, blank=True, db_index=True)
    # Set when the person left the organisation (not in next year's roster): kept with their history, out of the
    # lists and bases, account disabled.
    left_at = models.DateTimeField(_("Выбыл(а)"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("человек")
        verbose_name_plural = _("люди")
        ordering = ["last_name", "first_name", "middle_name"]
        indexes = [models.Index(fields=["organization", "category"]), models.Index(fields=["last_name"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(experience_years__isnull=True) | Q(experience_years__lte=70),
                name="person_experience_plausible",
            ),
        ]

    def __str__(self) -> str:
        return self.short_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    @property
    def short_name(self) -> str:
        """«Иванова А. А.» — the form Russian documents use."""
        initials = " ".join(f"{p[0]}." for p in (self.first_name, self.middle_name) if p)
        return f"{self.last_name} {initials}".strip()

    def age(self, on: dt.date | None = None) -> int | None:
        if not self.birth_date:
            return None
        on = on or timezone.localdate()
        before_birthday = (on.month, on.day) < (self.birth_date.month, self.birth_date.day)
        return on.year - self.birth_date.year - before_birthday

    @property
    def is_minor(self) -> bool:
        """A pupil without a birth date is treated as a minor: the safe assumption for consent."""
        age = self.age()
        if age is None:
            return self.category == self.Category.PUPIL
        return age < ADULT_AGE

    @property
    def grade(self) -> int | None:
        """The class number of «7Б» or «10 А»; None for people who are not in a class."""
        match = re.match(r"\s*(\d{1,2})", self.school_class or "")
        return int(match.group(1)) if match else None


class Guardianship(models.Model):
    class Basis(models.TextChoices):
        PARENT = "parent", _("Родитель")
        ADOPTIVE = "adoptive", _("Усыновитель")
        GUARDIAN = "guardian", _("Опекун")
        TRUSTEE = "trustee", _("Попечитель")

    guardian = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="wards", verbose_name=_("Представитель")
    )
    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="guardians", verbose_name=_("Ребёнок"))
    basis = models.CharField(_("Основание"), max_length=20, choices=Basis.choices, default=Basis.PARENT)

    class Meta:
        verbose_name = _("законное представительство")
        verbose_name_plural = _("законные представители")
        constraints = [
            models.CheckConstraint(condition=~Q(guardian=F("child")), name="guardian_is_not_child"),
            models.UniqueConstraint(fields=["guardian", "child"], name="guardianship_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.guardian} → {self.child}"


class ClassPromotion(models.Model):
    """The year-end «Перевод в следующий класс» of one organisation: at most one per school year."""

    organization = models.ForeignKey(
        "orgs.Organization", on_delete=models.CASCADE, related_name="class_promotions", verbose_name=_("Организация")
    )
    school_year = models.PositiveSmallIntegerField(_("Учебный год (год окончания)"))
    done_at = models.DateTimeField(_("Когда"), default=timezone.now)
    done_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("Кто")
    )
    moved = models.PositiveIntegerField(_("Переведено"), default=0)
    graduated = models.PositiveIntegerField(_("Выпущено"), default=0)

    class Meta:
        verbose_name = _("перевод в следующий класс")
        verbose_name_plural = _("переводы в следующий класс")
        constraints = [
            models.UniqueConstraint(fields=["organization", "school_year"], name="class_promotion_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.organization_id} {self.school_year}"
