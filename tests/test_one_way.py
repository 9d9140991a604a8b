"""One way for each of these: mail goes through `nastavnik/notifications.py` (and so the task queue), and pairs come
into being through `mentorships.services.mentorship_create` — no module sends mail or creates a mentorship itself."""

import re
from pathlib import Path

from django.conf import settings

SOURCE = Path(settings.BASE_DIR, "nastavnik")


def _offenders(pattern: str, allowed: set[str]) -> list[str]:
    found = []
    for path in SOURCE.rglob("*.py"):
        rel = str(path.relative_to(settings.BASE_DIR))
        if rel in allowed or "/migrations/" in rel or rel.endswith("demo.py"):
            continue
        if re.search(pattern, path.read_text(encoding="utf-8")):
            found.append(rel)
    return sorted(found)


def test_it_sends_all_mail_through_the_notifications_module():
    # `def send_mail(` is Django's hook of the password-reset form, overridden to queue through notifications.
    pattern = r"(?<!def )\bsend_mail\b|\bsend_mass_mail\b|EmailMessage|EmailMultiAlternatives|mail\.get_connection"
    assert _offenders(pattern, {"nastavnik/notifications.py"}) == []


def test_it_creates_mentorships_only_through_the_mentorships_service():
    pattern = r"Mentorship\.objects\.(create|bulk_create|get_or_create)|MentorshipMember\.objects\.(create|bulk_create)"
    assert _offenders(pattern, {"nastavnik/mentorships/services.py"}) == []
