"""How running text names an organisation by its kind: «сайт школы», «в лицее», «сотрудники детского сада»."""

from __future__ import annotations

import re

# (nominative, genitive, prepositional)
ORG_WORDS = {
    "school": ("школа", "школы", "школе"),
    "lyceum": ("лицей", "лицея", "лицее"),
    "gymnasium": ("гимназия", "гимназии", "гимназии"),
    "kindergarten": ("детский сад", "детского сада", "детском саду"),
    "college": ("колледж", "колледжа", "колледже"),
    "additional": ("организация", "организации", "организации"),
}

# Words of the seed documents, each with the case it stands in; «старой школы» (a figure of speech) is left alone.
_SOURCE_WORDS = re.compile(r"(?<!старой )\b(лицей|лицея|лицее|школа|школы|школе)\b")
_CASE_OF = {"лицей": 0, "школа": 0, "лицея": 1, "школы": 1, "лицее": 2, "школе": 2}


def org_words(kind: str) -> tuple[str, str, str]:
    return ORG_WORDS.get(kind, ORG_WORDS["additional"])


def reword_for(text: str, kind: str) -> str:
    """Seed wording made for one kind of organisation, told for another: «Сайт лицея» → «Сайт школы»."""
    if not text:
        return text
    words = org_words(kind)

    def swap(match: re.Match) -> str:
        return words[_CASE_OF[match.group(1)]]

    return _SOURCE_WORDS.sub(swap, text)
