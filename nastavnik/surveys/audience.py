"""Who a questionnaire speaks to (cycle): a pupil is addressed as a pupil and is not shown the options meant for
teachers. Pure: no Django import; the category codes are those of `people.Person.Category`.

An option is meant for one audience when it starts with that audience's prefix, as the catalogue writes them
(«Для педагогов: методика преподавания…»); options without a prefix are for everybody.
"""

from __future__ import annotations

PUPIL = "pupil"
STAFF = "staff"
ADULT = "adult"

OPTION_PREFIXES = {"Для педагогов:": STAFF, "Для обучающихся:": PUPIL}


def audience_of(*, category: str) -> str:
    if category == "pupil":
        return PUPIL
    if category == "teacher":
        return STAFF
    return ADULT


def option_fits(option: str, *, audience: str) -> bool:
    for prefix, meant_for in OPTION_PREFIXES.items():
        if option.startswith(prefix):
            return meant_for == audience
    return True
