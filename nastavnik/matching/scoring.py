"""How well a mentor and a mentee fit, from their questionnaires, and the hard rules (pure: no Django).

The Mentor Match screen builds one :class:`MentorProfile` per mentor candidate, one :class:`MenteeProfile` per
mentee request and one :class:`ProgramRules` for the programme, then calls :func:`build_instance` to get an
engine :class:`~nastavnik.matching.instance.Instance` in which every pair that breaks a hard rule is already
left out (no score, absent from the rankings) and every acceptable pair carries its score and criteria.

Criteria (each 0..1; None when a side gave no data, which then counts as :data:`UNKNOWN`):

* ``needs`` — the share of the mentee's needs (deficit competencies) that the mentor lists as competencies;
* ``subject`` — 1 when both name the same subject, else 0;
* ``interests`` — the share of the shorter list of interests that the other shares;
* ``age`` — 1 when the mentee's class (or, failing that, age) is within the mentor's preferred range, falling
  by a third per class or year outside it;
* ``free_time`` — the common free time against one regular meeting (at least an hour): 1 from 60 common
  minutes; slots like «вт 15:00–17:00» or «пятница 14-16» are read as a weekday and hours, any other label
  counts as a full meeting when both sides wrote it the same;
* ``role_model`` — 1 when the pair fits one of the programme's role models (the mentor carries its mentor tag
  and the mentee its mentee tag), else 0; left out altogether when the programme has no role models.

The score is the weighted mean of the applicable criteria scaled to 0..100 and rounded to two decimals (weights per
programme, :data:`DEFAULT_WEIGHTS` otherwise). Labels are compared trimmed and case-insensitively.
"""

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from nastavnik.matching.instance import Criteria, Instance, Mentee, Mentor, PairKey

CRITERIA = ("needs", "subject", "interests", "age", "free_time", "role_model")
def gettext_noop(text: str) -> str:
    """Marks a label for the translation catalogue (makemessages looks for this name) without importing Django;
    the pages translate it when they show it."""
    return text


CRITERION_LABELS = {
    "needs": gettext_noop("Запрос наставляемого и компетенции наставника"),
    "subject": gettext_noop("Предмет"),
    "interests": gettext_noop("Общие интересы"),
    "age": gettext_noop("Возраст или класс наставляемого"),
    "free_time": gettext_noop("Общее свободное время"),
    "role_model": gettext_noop("Ролевая модель программы"),
}
DEFAULT_WEIGHTS: Mapping[str, float] = {
    "needs": 3.0,
    "subject": 2.0,
    "interests": 1.0,
    "age": 1.0,
    "free_time": 2.0,
    "role_model": 1.0,
}
UNKNOWN = 0.5  # a criterion nobody can judge counts half: it neither wins nor loses the pair
AGE_STEP = 1 / 3  # how much the age criterion loses per year or class outside the mentor's preferred range
MEETING_MINUTES = 60  # a regular meeting lasts at least an hour (the programme's meeting rules)
# A weekday by the start of its word: «пн» or «пон(едельник)», «вт(орник)», …
WEEKDAY_WORDS = ("пн пон", "вт", "ср", "чт чет", "пт пят", "сб суб", "вс вос")
WEEKDAYS = {word: day for day, words in enumerate(WEEKDAY_WORDS) for word in words.split()}
SLOT = re.compile(
    r"^(?P<day>[а-яё]+)\.?\s+(?P<start>\d{1,2})(?:[:.](?P<sm>\d{2}))?\s*[-–—]\s*(?P<end>\d{1,2})(?:[:.](?P<em>\d{2}))?$"
)

PUPIL = "pupil"  # the category value (Person/MentorCandidate "pupil"); pupil mentors take pupils only

# Hard rules, in the order they are checked; the first broken one is reported.
SELF = "self"
FORBIDDEN = "forbidden"
PUPIL_MENTOR = "pupil_mentor"
OTHER_ORGANIZATION = "other_organization"
NO_CAPACITY = "no_capacity"
REFUSAL_LABELS = {
    SELF: "Один и тот же человек",
    FORBIDDEN: "Пара запрещена куратором",
    PUPIL_MENTOR: "Наставник-обучающийся может вести только обучающихся",
    OTHER_ORGANIZATION: "Участники из разных организаций, а программа этого не допускает",
    NO_CAPACITY: "У наставника нет свободных мест",
}


def _labels(items: Iterable[str]) -> frozenset[str]:
    return frozenset(label.strip().casefold() for label in items if label and label.strip())


@dataclass(frozen=True)
class MentorProfile:
    """A mentor as matching sees them (the mentor base questionnaire «Чем я могу быть полезен…»).

    * ``id`` — the id used in the engine and in the rankings, e.g. ``str(candidate.pk)``;
    * ``person`` — who this is, e.g. ``str(person.pk)``; a mentor is never paired with themself;
    * ``category`` — ``MentorCandidate.Category`` value ("pupil", "student", "teacher", …);
    * ``organization`` — the organisation whose base the mentor is in (a pk or code); None for none;
    * ``capacity`` — how many mentees the mentor is ready to lead now (0: not in this round);
    * ``competencies`` — what the mentor can help with (compared with the mentees' needs);
    * ``subject`` — the subject the mentor teaches or is strong in, "" when none;
    * ``interests`` — interests and hobbies;
    * ``age_from``/``age_to`` and ``grade_from``/``grade_to`` — preferred mentee age and class (1–11); any
      bound may be None (open);
    * ``free_time`` — free time slots, in the labels the questionnaire uses (e.g. "пн 15–17");
    * ``role_tags`` — role-model tags describing the mentor (``RoleModel.mentor_tag`` values, e.g. "leader").

    Label collections may be any iterables of strings (a JSONField list will do).
    """

    id: str
    person: str | None = None
    category: str = ""
    organization: str | int | None = None
    capacity: int = 1
    competencies: Collection[str] = frozenset()
    subject: str = ""
    interests: Collection[str] = frozenset()
    age_from: int | None = None
    age_to: int | None = None
    grade_from: int | None = None
    grade_to: int | None = None
    free_time: Collection[str] = frozenset()
    role_tags: Collection[str] = frozenset()

    def __post_init__(self) -> None:
        for name in ("competencies", "interests", "free_time", "role_tags"):
            object.__setattr__(self, name, _labels(getattr(self, name)))
        object.__setattr__(self, "subject", self.subject.strip().casefold())


@dataclass(frozen=True)
class MenteeProfile:
    """A mentee as matching sees them (the mentee base: the request and the person).

    * ``id`` — the id used in the engine and in the rankings, e.g. ``str(request.pk)``;
    * ``person`` — who this is, e.g. ``str(person.pk)``;
    * ``category`` — ``Person.Category`` value of the mentee ("pupil", "teacher", …);
    * ``organization`` — the mentee's organisation (a pk or code); None for none;
    * ``needs`` — the request's needs and deficit competencies, as labels comparable with competencies;
    * ``subject`` — the subject the request is about (or the teacher's subject), "" when none;
    * ``interests`` — interests;
    * ``age`` and ``grade`` — the mentee's age in years and class number (``Person.grade``), None if unknown;
    * ``free_time`` — free time slots, in the same labels as the mentors';
    * ``role_tags`` — role-model tags describing the mentee (``RoleModel.mentee_tag`` values, e.g. "passive").
    """

    id: str
    person: str | None = None
    category: str = ""
    organization: str | int | None = None
    needs: Collection[str] = frozenset()
    subject: str = ""
    interests: Collection[str] = frozenset()
    age: int | None = None
    grade: int | None = None
    free_time: Collection[str] = frozenset()
    role_tags: Collection[str] = frozenset()

    def __post_init__(self) -> None:
        for name in ("needs", "interests", "free_time", "role_tags"):
            object.__setattr__(self, name, _labels(getattr(self, name)))
        object.__setattr__(self, "subject", self.subject.strip().casefold())


@dataclass(frozen=True)
class ProgramRules:
    """What a programme decides about matching.

    * ``weights`` — criterion -> weight ≥ 0 (``Program.matching_weights``); missing criteria take
      :data:`DEFAULT_WEIGHTS`; checked by :func:`check_weights`;
    * ``allow_other_organizations`` — pairs across organisations are allowed (``Program.allow_other_organizations``);
    * ``role_models`` — (mentor_tag, mentee_tag) of each of the programme's role models; an empty tag fits anyone.
    """

    weights: Mapping[str, float] = field(default_factory=dict)
    allow_other_organizations: bool = False
    role_models: Sequence[tuple[str, str]] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "weights", check_weights(self.weights))
        models = tuple((mentor.strip().casefold(), mentee.strip().casefold()) for mentor, mentee in self.role_models)
        object.__setattr__(self, "role_models", models)


def check_weights(weights: Mapping[str, object]) -> dict[str, float]:
    """The full weights dict, defaults filled in; ValueError (Russian message) on a bad one."""
    unknown = sorted(set(weights) - set(CRITERIA))
    if unknown:
        raise ValueError(f"неизвестный критерий подбора «{unknown[0]}»; допустимы: {', '.join(CRITERIA)}")
    full = {**DEFAULT_WEIGHTS, **weights}
    for name, weight in full.items():
        if isinstance(weight, bool) or not isinstance(weight, int | float) or not 0 <= weight < float("inf"):
            raise ValueError(f"вес критерия «{CRITERION_LABELS[name]}» должен быть неотрицательным числом")
    if not any(full.values()):
        raise ValueError("хотя бы один критерий подбора должен иметь положительный вес")
    return {name: float(weight) for name, weight in full.items()}


# --- hard rules -----------------------------------------------------------------------------------


def refusal(
    mentor: MentorProfile, mentee: MenteeProfile, rules: ProgramRules, forbidden: Collection[PairKey] = ()
) -> str | None:
    """The first hard rule the pair breaks (a key of :data:`REFUSAL_LABELS`), or None when it is acceptable."""
    if mentor.person is not None and mentor.person == mentee.person:
        return SELF
    if (mentor.id, mentee.id) in forbidden:
        return FORBIDDEN
    if mentor.category == PUPIL and mentee.category != PUPIL:
        return PUPIL_MENTOR
    if not rules.allow_other_organizations and mentor.organization != mentee.organization:
        return OTHER_ORGANIZATION
    if mentor.capacity <= 0:
        return NO_CAPACITY
    return None


# --- criteria and score ---------------------------------------------------------------------------


def criteria(mentor: MentorProfile, mentee: MenteeProfile, rules: ProgramRules) -> dict[str, float | None]:
    """The applicable criteria of the pair, 0..1 (None: no data to judge it)."""
    values = {
        "needs": _covered(mentee.needs, mentor.competencies),
        "subject": None if not (mentor.subject and mentee.subject) else float(mentor.subject == mentee.subject),
        "interests": _overlap(mentor.interests, mentee.interests),
        "age": _age_fit(mentor, mentee),
        "free_time": _common_time(mentor.free_time, mentee.free_time),
    }
    if rules.role_models:
        values["role_model"] = _role_model_fit(mentor, mentee, rules.role_models)
    return values


def score(values: Criteria, weights: Mapping[str, float]) -> float:
    """The weighted mean of the given criteria on 0..100, two decimals (None counts as UNKNOWN)."""
    total = sum(weights[name] for name in values)
    if not total:
        return 0.0
    points = sum(weights[name] * (UNKNOWN if value is None else value) for name, value in values.items())
    return round(100 * points / total, 2)


def _covered(needs: frozenset[str], offered: frozenset[str]) -> float | None:
    return len(needs & offered) / len(needs) if needs and offered else None


def _overlap(first: frozenset[str], second: frozenset[str]) -> float | None:
    return len(first & second) / min(len(first), len(second)) if first and second else None


def _common_time(first: frozenset[str], second: frozenset[str]) -> float | None:
    if not (first and second):
        return None
    minutes = MEETING_MINUTES * len({label for label in first & second if _slot(label) is None})
    for day, start, end in filter(None, map(_slot, first)):
        for other_day, other_start, other_end in filter(None, map(_slot, second)):
            if day == other_day:
                minutes += max(0, min(end, other_end) - max(start, other_start))
    return min(1.0, minutes / MEETING_MINUTES)


@lru_cache(maxsize=4096)  # build_instance meets the same labels once per pair
def _slot(label: str) -> tuple[int, int, int] | None:
    """(weekday, start minute, end minute) of a label like «вт 15:00–17:00», None when it is not one."""
    match = SLOT.match(label)
    day = match and WEEKDAYS.get(match["day"][:3], WEEKDAYS.get(match["day"][:2]))
    if day is None:
        return None
    start = int(match["start"]) * 60 + int(match["sm"] or 0)
    end = int(match["end"]) * 60 + int(match["em"] or 0)
    return (day, start, end) if start < end else None


def _age_fit(mentor: MentorProfile, mentee: MenteeProfile) -> float | None:
    # The class is the finer signal at school; the age covers those not in a class.
    if mentee.grade is not None and (mentor.grade_from is not None or mentor.grade_to is not None):
        return _range_fit(mentee.grade, mentor.grade_from, mentor.grade_to)
    if mentee.age is not None and (mentor.age_from is not None or mentor.age_to is not None):
        return _range_fit(mentee.age, mentor.age_from, mentor.age_to)
    return None


def _range_fit(value: int, low: int | None, high: int | None) -> float:
    outside = max((low - value) if low is not None else 0, (value - high) if high is not None else 0, 0)
    return max(0.0, 1.0 - AGE_STEP * outside)


def _role_model_fit(mentor: MentorProfile, mentee: MenteeProfile, role_models: Sequence[tuple[str, str]]) -> float:
    fits = any(
        (not mentor_tag or mentor_tag in mentor.role_tags) and (not mentee_tag or mentee_tag in mentee.role_tags)
        for mentor_tag, mentee_tag in role_models
    )
    return float(fits)


# --- the engine's instance ------------------------------------------------------------------------


def build_instance(
    mentors: Sequence[MentorProfile],
    mentees: Sequence[MenteeProfile],
    rules: ProgramRules,
    *,
    mentor_ranks: Mapping[str, Sequence[str]] | None = None,
    mentee_ranks: Mapping[str, Sequence[str]] | None = None,
    forbidden: Collection[PairKey] = frozenset(),
) -> Instance:
    """Score every acceptable pair and keep in the rankings only acceptable pairs.

    Rankings come from the Mentor Match preference cards; when a side has none (None), each person of that side
    ranks all acceptable partners by score (ties keep the input order), so the stable objective still works.
    Runs over every mentor × mentee pair: fine for a school's hundreds, not meant for tens of thousands.
    """
    forbidden = frozenset(forbidden)
    scores: dict[PairKey, float] = {}
    explained: dict[PairKey, Criteria] = {}
    for mentor in mentors:
        for mentee in mentees:
            if refusal(mentor, mentee, rules, forbidden) is None:
                values = criteria(mentor, mentee, rules)
                scores[mentor.id, mentee.id] = score(values, rules.weights)
                explained[mentor.id, mentee.id] = values
    return Instance(
        mentors=[Mentor(m.id, m.capacity) for m in mentors],
        mentees=[Mentee(e.id) for e in mentees],
        scores=scores,
        mentor_ranks=_acceptable_ranks(mentor_ranks, scores, by_mentor=True),
        mentee_ranks=_acceptable_ranks(mentee_ranks, scores, by_mentor=False),
        forbidden=forbidden,
        criteria=explained,
    )


def _acceptable_ranks(
    ranks: Mapping[str, Sequence[str]] | None, scores: Mapping[PairKey, float], *, by_mentor: bool
) -> dict[str, list[str]]:
    def key(owner: str, other: str) -> PairKey:
        return (owner, other) if by_mentor else (other, owner)

    if ranks is not None:
        return {owner: [other for other in ranked if key(owner, other) in scores] for owner, ranked in ranks.items()}
    by_score: dict[str, list[tuple[float, str]]] = {}
    for (mentor, mentee), value in scores.items():
        owner, other = (mentor, mentee) if by_mentor else (mentee, mentor)
        by_score.setdefault(owner, []).append((value, other))
    # sorted() is stable, so equal scores keep the order in which the pairs were scored (the input order).
    return {
        owner: [other for _, other in sorted(pairs, key=lambda pair: -pair[0])] for owner, pairs in by_score.items()
    }
