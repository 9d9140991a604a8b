"""Reads about people."""

from django.db.models import Q, QuerySet

from nastavnik import policy
from nastavnik.people.models import Person


def person_list(
    *, user, query: str = "", category: str = "", organization_id: int | None = None, school_class: str = ""
) -> QuerySet[Person]:
    people = Person.objects.filter(anonymised_at__isnull=True, left_at__isnull=True)  # who left is archived
    qs = policy.scope_people(user, people).select_related("organization")
    if organization_id:
        qs = qs.filter(organization_id=organization_id)
    if category:
        qs = qs.filter(category=category)
    if school_class:
        qs = qs.filter(school_class__iexact=school_class.strip())
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
