"""Reads about people."""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy

from nastavnik import policy
from nastavnik.orgs.models import Role
from nastavnik.people.models import Person


def person_list(
    *,
    user,
    query: str = "",
    category: str = "",
    organization_id: int | None = None,
    school_class: str = "",
    account: str = "",
) -> QuerySet[Person]:
    people = Person.objects.filter(anonymised_at__isnull=True, left_at__isnull=True)  # who left is archived
    qs = policy.scope_people(user, people).select_related("organization")
    if organization_id:
        qs = qs.filter(organization_id=organization_id)
    if category:
        qs = qs.filter(category=category)
    if school_class:
        qs = qs.filter(school_class__iexact=school_class.strip())
    if account in ACCOUNT_STATES:
        qs = qs.filter(ACCOUNT_STATE_Q[account])
    for word in query.split():
        qs = qs.filter(
            Q(last_name__icontains=word)
            | Q(first_name__icontains=word)
            | Q(middle_name__icontains=word)
            | Q(email__icontains=word)
            | Q(subject__icontains=word)
        )
    return qs


def person_classes(*, user) -> list[str]:
    qs = policy.scope_people(user, Person.objects.exclude(school_class="").filter(left_at__isnull=True))
    return sorted(set(qs.values_list("school_class", flat=True)), key=lambda c: (len(c), c))


# --- account state (accounts) ---------------------------------------------------------------------------------------

ACCOUNT_NONE, ACCOUNT_INVITED, ACCOUNT_ACTIVE, ACCOUNT_DISABLED = "none", "invited", "active", "disabled"
ACCOUNT_STATES = {
    ACCOUNT_NONE: gettext_lazy("нет учётной записи"),
    ACCOUNT_INVITED: gettext_lazy("приглашён, пароль ещё не задан"),
    ACCOUNT_ACTIVE: gettext_lazy("работает"),
    ACCOUNT_DISABLED: gettext_lazy("отключена"),
}
# The same states as database filters, so the people list filters and counts in SQL.
ACCOUNT_STATE_Q = {
    ACCOUNT_NONE: Q(user__isnull=True),
    ACCOUNT_INVITED: Q(user__is_active=True, user__password_change_required=True),
    ACCOUNT_ACTIVE: Q(user__is_active=True, user__password_change_required=False),
    ACCOUNT_DISABLED: Q(user__is_active=False),
}


def account_state(*, person: Person) -> str:
    """none / invited (an invitation or a slip not used yet) / active / disabled."""
    user = person.user
    if user is None:
        return ACCOUNT_NONE
    if not user.is_active:
        return ACCOUNT_DISABLED
    return ACCOUNT_INVITED if user.password_change_required else ACCOUNT_ACTIVE


def person_search(*, organization, scope: str, query: str) -> QuerySet[Person]:
    """People of the organisation matching a query for the picker: each word is a surname's (or name's) beginning,
    or a class («7А», «7 А»); `scope` narrows to staff (teachers and other staff), pupils, the mentee base's
    categories, appointed curators, or widens to mentors (external people too)."""
    qs = Person.objects.filter(organization=organization, anonymised_at__isnull=True, left_at__isnull=True)
    if scope == "staff":
        qs = qs.filter(category=Person.Category.TEACHER)
    elif scope == "pupils":
        qs = qs.filter(category__in=[Person.Category.PUPIL, Person.Category.STUDENT])
    elif scope == "mentees":  # the mentee base: pupils, students and young teachers
        qs = qs.filter(category__in=[Person.Category.PUPIL, Person.Category.STUDENT, Person.Category.TEACHER])
    elif scope == "curators":  # appointed curators of the organisation
        qs = qs.filter(memberships__organization=organization, memberships__role=Role.CURATOR).distinct()
    elif scope == "mentors":  # the mentor base also takes external people, who have no organisation
        qs = Person.objects.filter(
            Q(organization=organization) | Q(organization__isnull=True),
            anonymised_at__isnull=True,
            left_at__isnull=True,
        )
    words = query.split()
    joined = "".join(words)
    if joined[:1].isdigit() and len(joined) <= 6:
        return qs.filter(school_class__iexact=joined).order_by("last_name", "first_name", "middle_name")
    for word in words[:3]:
        # SQLite folds case of Latin letters only: also try the word as a name is written, «сом» → «Сом».
        forms = {word, word[:1].upper() + word[1:].lower()}
        match = Q()
        for form in forms:
            match |= Q(last_name__istartswith=form) | Q(first_name__istartswith=form)
        qs = qs.filter(match)
    return qs.order_by("last_name", "first_name", "middle_name")
