"""Logins and one-time passwords, pure functions (no Django).

Logins are transliterated with iuliia's MOSMETRO schema (the Moscow metro's: readable, no apostrophes or
diacritics, «Щукин» → «schukin», «Юрий» → «yury»): surname, a dot and the initials, «topoleva.ai».
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

import iuliia

SCHEMA = iuliia.MOSMETRO
MAX_LENGTH = 40
# No 0/o, 1/l/i: a pupil copies the password from paper.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_LENGTH = 10


def _latin(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", SCHEMA.translate(text or "").lower())


def login_base(last_name: str, first_name: str, middle_name: str = "") -> str:
    surname = _latin(last_name)[: MAX_LENGTH - 6] or "user"
    initials = "".join(_latin(part)[:1] for part in (first_name, middle_name) if part)
    return f"{surname}.{initials}" if initials else surname


def login_unique(base: str, taken: Callable[[str], bool]) -> str:
    """`base`, or `base2`, `base3` … — the first that `taken` says is free."""
    if not taken(base):
        return base
    n = 2
    while taken(f"{base}{n}"):
        n += 1
    return f"{base}{n}"


def one_time_password() -> str:
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_LENGTH))
