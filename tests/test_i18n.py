"""The English catalogue: complete, placeholders intact, compiled, and actually used for `Accept-Language: en`."""

import gettext
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from nastavnik.orgs.models import Role
from tests.factories import person_with_login

ROOT = Path(settings.BASE_DIR)
PO_FILE = ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
HOW_TO_FIX = (
    "Run `.venv/bin/python manage.py makemessages -l en --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*' "
    "--no-obsolete`, translate the new or fuzzy entries in locale/en/LC_MESSAGES/django.po (remove the `fuzzy` flag), "
    "then `.venv/bin/python manage.py compilemessages -l en --ignore '.venv/*'` and commit both .po and .mo."
)
PLACEHOLDER = re.compile(r"%%|%\(\w+\)[sd]|%[sd]")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgstr: dict[int, str] = field(default_factory=dict)  # index 0 for a non-plural msgstr
    fuzzy: bool = False
    line: int = 0


def _unquote(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), text.strip()[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """A tiny .po reader: msgid, msgid_plural, msgstr, msgstr[N], continuation lines, `#, fuzzy`; no header."""
    entries, entry, key = [], Entry(), None
    for number, line in enumerate([*path.read_text(encoding="utf-8").splitlines(), ""], 1):
        if not line.strip():
            if key is not None:
                entries.append(entry)
            entry, key = Entry(), None
        elif line.startswith("#,"):
            entry.fuzzy = entry.fuzzy or "fuzzy" in line
        elif line.startswith("#"):
            continue  # comments, references, previous msgids, obsolete entries
        elif line.startswith('"'):
            _append(entry, key, _unquote(line))
        else:
            keyword, _, rest = line.partition(" ")
            key, entry.line = keyword, entry.line or number
            _append(entry, key, _unquote(rest))
    return [e for e in entries if e.msgid]


def _append(entry: Entry, key: str | None, text: str) -> None:
    if key == "msgid":
        entry.msgid += text
    elif key == "msgid_plural":
        entry.msgid_plural += text
    elif key and key.startswith("msgstr"):
        index = int(key[7:-1]) if key != "msgstr" else 0
        entry.msgstr[index] = entry.msgstr.get(index, "") + text


def placeholders(text: str) -> Counter:
    return Counter(p for p in PLACEHOLDER.findall(text) if p != "%%")


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    assert PO_FILE.exists(), f"{PO_FILE} is missing. {HOW_TO_FIX}"
    return parse_po(PO_FILE)


@pytest.fixture(autouse=True)
def _back_to_russian():
    # LocaleMiddleware leaves the request's language active in this thread; later tests expect Russian.
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _listing(bad: list[Entry]) -> str:
    return "\n".join(f"  line {e.line}: {e.msgid[:80]!r}" for e in bad[:30])


def test_it_has_an_english_translation_for_every_message(entries):
    assert len(entries) > 1000
    bad = [
        e
        for e in entries
        if e.fuzzy or not e.msgstr or not all(e.msgstr.values()) or (e.msgid_plural and len(e.msgstr) != 2)
    ]
    assert not bad, f"{len(bad)} untranslated or fuzzy English messages:\n{_listing(bad)}\n{HOW_TO_FIX}"


def test_it_keeps_the_placeholders_of_every_message(entries):
    bad = []
    for e in entries:
        sources = [e.msgid, e.msgid_plural] if e.msgid_plural else [e.msgid]
        if any(placeholders(e.msgstr.get(i, "")) != placeholders(src) for i, src in enumerate(sources)):
            bad.append(e)
    assert not bad, f"English messages whose %(name)s/%s placeholders differ from the Russian:\n{_listing(bad)}"


def test_it_ships_a_compiled_catalogue_matching_the_po_file(entries):
    assert MO_FILE.exists(), f"{MO_FILE} is missing. {HOW_TO_FIX}"
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        e
        for e in entries
        if (compiled.ngettext(e.msgid, e.msgid_plural, 1) if e.msgid_plural else compiled.gettext(e.msgid))
        != e.msgstr.get(0)
    ]
    assert not stale, f"django.mo is older than django.po:\n{_listing(stale)}\n{HOW_TO_FIX}"


SOURCE_LITERALS = {
    # `_lazy` is listed on purpose: makemessages does not know that alias, so its strings never reach the catalogue.
    ".py": re.compile(r"\b(?:_|_lazy|gettext|gettext_lazy|gettext_noop)\(\s*\"([^\"\\\n]+)\"\s*\)"),
    ".html": re.compile(r"\{%\s*(?:translate|trans)\s+\"([^\"\\\n]+)\""),
}


def test_it_has_every_simple_ui_string_of_the_code_in_the_catalogue(entries):
    known = {e.msgid for e in entries}
    missing = []
    for base, suffix in (("nastavnik", ".py"), ("templates", ".html")):
        for path in sorted((ROOT / base).rglob(f"*{suffix}")):
            for text in SOURCE_LITERALS[suffix].findall(path.read_text(encoding="utf-8")):
                if text not in known:
                    missing.append(f"  {path.relative_to(ROOT)}: {text[:80]!r}")
    assert not missing, (
        "UI strings missing from the English catalogue:\n" + "\n".join(missing[:30]) + f"\n{HOW_TO_FIX}\n"
        "If makemessages does not pick a string up, the code marks it with a name it does not know (such as "
        "`gettext_lazy as _lazy`): use `_`, `gettext`, `gettext_lazy` or `gettext_noop`."
    )


def test_it_shows_the_login_page_in_the_browser_language(client):
    english = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in english
    assert "Log in" in english and "Password" in english and "Username" in english
    assert "Пароль" not in english and "Войти" not in english

    russian = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert 'lang="ru"' in russian
    assert "Пароль" in russian and "Войти" in russian
    assert "Password" not in russian


@pytest.mark.django_db
def test_it_shows_the_home_page_in_the_browser_language(client):
    curator = person_with_login(role=Role.CURATOR)
    client.force_login(curator.user)

    english = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert 'lang="en"' in english
    assert "Log out" in english and "Home" in english
    assert "Выйти" not in english and "Главная" not in english

    russian = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9").content.decode()
    assert 'lang="ru"' in russian
    assert "Выйти" in russian
    assert "Log out" not in russian


@pytest.mark.django_db
def test_it_shows_no_russian_ui_text_on_the_english_home_page(client):
    curator = person_with_login(role=Role.CURATOR)
    client.force_login(curator.user)
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    # What the users typed in (names of people and organisations) stays as written; everything else is UI.
    org = curator.organization
    for data in (curator.full_name, curator.short_name, curator.first_name, org.name, org.short_name):
        html = html.replace(data, "")
    russian = sorted({t.strip() for t in re.findall(r"[^<>\"]*[А-Яа-яЁё][^<>\"]*", html)})
    assert not russian, (
        f"Russian UI text on the English home page: {russian}. A string translated at run time from a variable "
        "(`_(title)`) must also be marked where it is written, with `gettext_noop(...)`, so makemessages finds it."
    )
