"""Reads about pairs, groups and their meetings."""

from django.db.models import Count, Max, Q, QuerySet

from nastavnik import policy
from nastavnik.mentorships.models import Meeting, Mentorship


def mentorship_list(*, user, status: str = "", program_id: int | None = None, query: str = "") -> QuerySet[Mentorship]:
    qs = policy.scope_mentorships(user, Mentorship.objects.all())
    if status:
        qs = qs.filter(status=status)
    if program_id:
        qs = qs.filter(program_id=program_id)
    for word in query.split():
        qs = qs.filter(Q(mentor__last_name__icontains=word) | Q(mentee__last_name__icontains=word))
    return (
        qs.select_related("program", "program__form", "mentor", "mentee")
        .annotate(
            member_count=Count("members", distinct=True),
            held=Count("meetings", filter=Q(meetings__status=Meeting.Status.HELD), distinct=True),
            last_held=Max("meetings__scheduled_at", filter=Q(meetings__status=Meeting.Status.HELD)),
        )
        .order_by("-starts_on", "pk")
    )


def mentorship_people(*, mentorship: Mentorship) -> dict[str, list]:
    members = list(mentorship.members.select_related("person"))
    return {
        "mentors": [mentorship.mentor] + [m.person for m in members if m.side == "mentor"],
        "mentees": [mentorship.mentee] + [m.person for m in members if m.side == "mentee"],
    }
