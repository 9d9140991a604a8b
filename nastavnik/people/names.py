"""Russian names in the case the sentence needs: «Назначить координатором Филиппова А. В.», «несовершеннолетнего
Берёзкина Льва Ивановича», «Нельзя внести Лаптеву Т. Ю.».

Names are declined by `petrovich` (rules made for Russian surnames, first names and patronymics). The gender comes
from the patronymic ending («-вич»/«-ична»/«-оглы»/«-кызы»), else from the surname or the first name as petrovich
guesses it. Works on anything with last_name/first_name/middle_name: a Person, a dict, a snapshot entry.
No Django import: documents and services call it alike.
"""

from __future__ import annotations

from functools import lru_cache

from petrovich import Case, Gender, Petrovich

__all__ = [
    "Case",
    "decline_full_name",
    "decline_position",
    "gender_of",
    "initials_before",
    "initials_short",
    "join_phrase",
]

_PETROVICH = Petrovich()

CASES = {
    "nom": Case.NOMINATIVE,
    "gen": Case.GENITIVE,
    "dat": Case.DATIVE,
    "acc": Case.ACCUSATIVE,
    "ins": Case.INSTRUMENTAL,
    "pre": Case.PREPOSITIONAL,
}


def _parts(person) -> tuple[str, str, str]:
    get = person.get if isinstance(person, dict) else lambda k, d="": getattr(person, k, d)
    return (
        (get("last_name", "") or "").strip(),
        (get("first_name", "") or "").strip(),
        (get("middle_name", "") or "").strip(),
    )


def _case(case: Case | str) -> Case:
    return CASES[case] if isinstance(case, str) else case


def gender_of(person) -> Gender:
    """Male or female from the patronymic; without one, from typical surname and first-name endings."""
    last, first, middle = _parts(person)
    m = middle.lower()
    if m.endswith(("вич", "ич", "оглы", "улы")):
        return Gender.MALE
    if m.endswith(("вна", "чна", "кызы", "гызы", "ична", "инична")):
        return Gender.FEMALE
    lo, fo = last.lower(), first.lower()
    if lo.endswith(("ова", "ева", "ёва", "ина", "ына", "ская", "цкая", "ая")):
        return Gender.FEMALE
    if lo.endswith(("ов", "ев", "ёв", "ин", "ын", "ский", "цкий", "ой", "ый")):
        return Gender.MALE
    if fo.endswith(("а", "я")) and fo not in {"илья", "никита", "кузьма", "фома", "лука", "савва", "данила"}:
        return Gender.FEMALE
    return Gender.MALE


@lru_cache(maxsize=4096)
def _decline(last: str, first: str, middle: str, case: Case, gender: Gender) -> tuple[str, str, str]:
    if case == Case.NOMINATIVE:
        return last, first, middle

    def each(fn, value: str) -> str:
        if not value:
            return value
        # Double surnames «Петров-Водкин» decline part by part.
        return "-".join(fn(part, case, gender) if part else part for part in value.split("-"))

    try:
        return (
            each(_PETROVICH.lastname, last),
            each(_PETROVICH.firstname, first),
            each(_PETROVICH.middlename, middle),
        )
    except Exception:  # an unusual name petrovich has no rule for stays as written, never breaks a document
        return last, first, middle


def _declined(person, case: Case | str) -> tuple[str, str, str]:
    last, first, middle = _parts(person)
    return _decline(last, first, middle, _case(case), gender_of(person))


def decline_full_name(person, case: Case | str = Case.NOMINATIVE) -> str:
    """«Берёзкина Льва Ивановича» (genitive) — the full name in the case given."""
    return " ".join(p for p in _declined(person, case) if p)


def _initial(name: str) -> str:
    parts = [p for p in name.strip().split("-") if p]
    return "-".join(f"{p[0].upper()}." for p in parts)


def _initials(first: str, middle: str) -> str:
    return " ".join(_initial(p) for p in (first, middle) if p)


def initials_short(person, case: Case | str = Case.NOMINATIVE) -> str:
    """«Филиппова А. В.» (accusative) — surname declined, initials after it."""
    last, _first, _middle = _declined(person, case)
    _l, first, middle = _parts(person)
    return f"{last} {_initials(first, middle)}".strip()


def initials_before(person, case: Case | str = Case.NOMINATIVE) -> str:
    """«А. В. Филиппову» (dative) — initials before the surname, as under a signature or in an address."""
    last, _first, _middle = _declined(person, case)
    _l, first, middle = _parts(person)
    return f"{_initials(first, middle)} {last}".strip()


def join_phrase(text: str, tail: str) -> str:
    """«Сомова К. А.» + «.» → «Сомова К. А.»: a sentence ending on an initial takes no second full stop."""
    return text if tail == "." and text.endswith(".") else text + tail


_MORPH = None

_PYMORPHY_CASES = {"nom": "nomn", "gen": "gent", "dat": "datv", "acc": "accs", "ins": "ablt", "pre": "loct"}


def _morph():
    global _MORPH
    if _MORPH is None:
        import pymorphy3

        _MORPH = pymorphy3.MorphAnalyzer()
    return _MORPH


def decline_position(text: str, case: str = "acc") -> str:
    """«заместитель директора по УВР» → «заместителя директора по УВР» (accusative): the head noun of a job title
    and the adjectives before it are declined by pymorphy3, the rest stays as written."""
    if not text or case == "nom":
        return text
    grammeme = _PYMORPHY_CASES[case]
    words = text.split(" ")
    out = []
    done = False
    for word in words:
        if done or not word:
            out.append(word)
            continue
        parts = word.split("-")  # «педагог-психолог» declines both halves
        declined = []
        is_noun = False
        for part in parts:
            candidates = [
                p for p in _morph().parse(part) if "nomn" in p.tag and ({"NOUN", "ADJF"} & set(p.tag.grammemes))
            ]
            adjectives = [p for p in candidates if "ADJF" in p.tag]
            parse = (adjectives or candidates or [None])[0] if len(words) > 1 else next(iter(candidates), None)
            if parse is None:
                declined.append(part)
                continue
            grammemes = {grammeme}
            if "ADJF" in parse.tag:
                grammemes |= {"anim"} if case == "acc" else set()
            inflected = parse.inflect(grammemes) or parse.inflect({grammeme})
            word_form = inflected.word if inflected else part
            if part[:1].isupper():
                word_form = word_form[:1].upper() + word_form[1:]
            declined.append(word_form)
            is_noun = is_noun or "NOUN" in parse.tag
        out.append("-".join(declined))
        if is_noun or not declined or declined == parts:
            done = True
    return " ".join(out)
