"""Fill the new Mentorship.origin / match_score / match_criteria of the pairs formed before they existed, from the
Mentor Match session that formed them (its confirmed proposal). Pairs not formed at a session stay «direct»."""

from django.db import migrations


def _origin(objective: str, row: dict) -> str:
    if row.get("by_hand"):
        return "direct"
    if row.get("locked"):
        return "curator"
    return "welfare" if objective == "welfare" else "stable"


def fill(apps, schema_editor) -> None:
    MatchSession = apps.get_model("matching", "MatchSession")
    Proposal = apps.get_model("matching", "Proposal")
    SessionMentor = apps.get_model("matching", "SessionMentor")
    SessionMentee = apps.get_model("matching", "SessionMentee")
    sessions = MatchSession.objects.filter(status="confirmed").exclude(confirmed_objective="")
    for session in sessions.iterator():
        proposal = (
            Proposal.objects.filter(session=session, objective=session.confirmed_objective)
            .order_by("-created_at", "-pk")
            .first()
        )
        if proposal is None:
            continue
        mentor_person = dict(SessionMentor.objects.filter(session=session).values_list("pk", "person_id"))
        mentee_person = dict(SessionMentee.objects.filter(session=session).values_list("pk", "person_id"))
        rows = {
            (mentor_person.get(row["mentor"]), mentee_person.get(row["mentee"])): row
            for row in (proposal.result or {}).get("pairs", [])
        }
        for mentorship in session.mentorships.all():
            row = rows.get((mentorship.mentor_id, mentorship.mentee_id))
            if row is None:
                continue
            mentorship.origin = _origin(session.confirmed_objective, row)
            mentorship.match_score = row.get("score")
            mentorship.match_criteria = row.get("criteria") or {}
            mentorship.save(update_fields=["origin", "match_score", "match_criteria"])


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0001_initial"),
        ("mentorships", "0006_mentorship_origin_and_match_score"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
