"""Scores from questionnaires, hard rules and the engine instance built from them."""

import pytest

from nastavnik.matching import scoring
from nastavnik.matching.engine import solve
from nastavnik.matching.scoring import MenteeProfile, MentorProfile, ProgramRules, build_instance

RULES = ProgramRules()


def mentor(**fields) -> MentorProfile:
    return MentorProfile(**{"id": "m1", "person": "p1", "category": "teacher", "organization": 1, **fields})


def mentee(**fields) -> MenteeProfile:
    return MenteeProfile(**{"id": "e1", "person": "p2", "category": "teacher", "organization": 1, **fields})


def test_it_scores_needs_against_competencies_case_insensitively():
    values = scoring.criteria(
        mentor(competencies=["Проектная деятельность", "ИКТ"]), mentee(needs=["икт ", "ОГЭ"]), RULES
    )
    assert values["needs"] == 0.5


def test_it_scores_subject_interests_and_free_time():
    values = scoring.criteria(
        mentor(subject="Физика", interests=["шахматы", "походы"], free_time=["пн 15–17", "ср 15–17", "пт 14–16"]),
        mentee(subject="физика", interests=["походы", "кино", "музыка"], free_time=["ср 15–17"]),
        RULES,
    )
    assert values["subject"] == 1.0
    assert values["interests"] == 0.5  # one of the shorter list of two
    assert values["free_time"] == 1.0  # the mentee's only slot is free for the mentor too


@pytest.mark.parametrize(
    ("mentor_time", "mentee_time", "expected"),
    [
        (["вт 15:00–17:00"], ["Вторник 16-18"], 1.0),  # an hour in common: enough for a regular meeting
        (["вт 15:00–15:30", "чт 10-11"], ["вт 15-16"], 0.5),
        (["пн 9-10"], ["вт 9-10"], 0.0),
        (["пн. 9.30-10.30", "после уроков"], ["После уроков "], 1.0),  # same free-form label on both sides
        (["вт 15-17"], [], None),
    ],
)
def test_it_measures_common_free_time_against_an_hour_long_meeting(mentor_time, mentee_time, expected):
    values = scoring.criteria(mentor(free_time=mentor_time), mentee(free_time=mentee_time), RULES)
    assert values["free_time"] == expected


def test_it_prefers_the_class_to_the_age_and_falls_off_outside_the_range():
    teacher = mentor(grade_from=5, grade_to=7, age_from=30)
    assert scoring.criteria(teacher, mentee(grade=6, age=12), RULES)["age"] == 1.0
    assert scoring.criteria(teacher, mentee(grade=8, age=14), RULES)["age"] == pytest.approx(2 / 3)
    assert scoring.criteria(teacher, mentee(grade=11), RULES)["age"] == 0.0
    assert scoring.criteria(mentor(age_to=25), mentee(age=27), RULES)["age"] == pytest.approx(1 / 3)


def test_it_marks_criteria_without_data_as_unknown_and_counts_them_half():
    values = scoring.criteria(mentor(), mentee(), RULES)
    assert values == {"needs": None, "subject": None, "interests": None, "age": None, "free_time": None}
    assert scoring.score(values, RULES.weights) == 50.0


def test_it_uses_the_role_model_only_when_the_programme_has_one():
    rules = ProgramRules(role_models=[("leader", "passive"), ("", "newcomer")])
    assert scoring.criteria(mentor(role_tags=["Leader"]), mentee(role_tags=["passive"]), rules)["role_model"] == 1.0
    assert scoring.criteria(mentor(), mentee(role_tags=["newcomer"]), rules)["role_model"] == 1.0
    assert scoring.criteria(mentor(role_tags=["leader"]), mentee(), rules)["role_model"] == 0.0
    assert "role_model" not in scoring.criteria(mentor(), mentee(), RULES)


def test_it_weights_the_criteria_per_programme():
    values = {"needs": 1.0, "subject": 0.0, "interests": None, "age": None, "free_time": 0.0}
    assert scoring.score(values, ProgramRules().weights) == pytest.approx(100 * (3 + 0.5 + 0.5) / 9, abs=0.01)
    only_needs = ProgramRules(weights={"subject": 0, "interests": 0, "age": 0, "free_time": 0}).weights
    assert scoring.score(values, only_needs) == 100.0


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"charisma": 1}, "неизвестный критерий"),
        ({"needs": -1}, "неотрицательным"),
        ({"needs": "много"}, "неотрицательным"),
        ({"needs": float("nan")}, "неотрицательным"),
        (dict.fromkeys(scoring.CRITERIA, 0), "положительный вес"),
    ],
)
def test_it_refuses_bad_weights(weights, message):
    with pytest.raises(ValueError, match=message):
        ProgramRules(weights=weights)


@pytest.mark.parametrize(
    ("mentor_fields", "mentee_fields", "rules", "expected"),
    [
        ({"person": "p9"}, {"person": "p9"}, RULES, scoring.SELF),
        ({"category": "pupil"}, {"category": "teacher"}, RULES, scoring.PUPIL_MENTOR),
        ({"category": "pupil"}, {"category": "pupil"}, RULES, None),
        ({"organization": 2}, {}, RULES, scoring.OTHER_ORGANIZATION),
        ({"organization": 2}, {}, ProgramRules(allow_other_organizations=True), None),
        ({"capacity": 0}, {}, RULES, scoring.NO_CAPACITY),
        ({}, {}, RULES, None),
    ],
)
def test_it_applies_the_hard_rules(mentor_fields, mentee_fields, rules, expected):
    assert scoring.refusal(mentor(**mentor_fields), mentee(**mentee_fields), rules) == expected


def test_it_refuses_a_forbidden_pair_and_labels_every_refusal():
    assert scoring.refusal(mentor(), mentee(), RULES, forbidden={("m1", "e1")}) == scoring.FORBIDDEN
    assert set(scoring.REFUSAL_LABELS) == {
        scoring.SELF,
        scoring.FORBIDDEN,
        scoring.PUPIL_MENTOR,
        scoring.OTHER_ORGANIZATION,
        scoring.NO_CAPACITY,
    }


def test_it_builds_an_instance_without_unacceptable_pairs_and_explains_the_proposal():
    mentors = [
        mentor(id="m1", competencies=["икт"], capacity=1),
        mentor(id="m2", person="p3", category="pupil", competencies=["икт"]),
    ]
    mentees = [mentee(id="e1", needs=["ИКТ"]), mentee(id="e2", person="p4", category="pupil", needs=["икт"])]
    instance = build_instance(
        mentors,
        mentees,
        RULES,
        mentor_ranks={"m1": ["e2", "e1"], "m2": ["e1", "e2"]},
        mentee_ranks={"e1": ["m2", "m1"], "e2": ["m2"]},
    )
    assert set(instance.scores) == {("m1", "e1"), ("m1", "e2"), ("m2", "e2")}  # m2 is a pupil: pupils only
    assert instance.mentor_ranks["m2"] == ["e2"]
    assert instance.mentee_ranks["e1"] == ["m1"]
    proposal = solve(instance, "stable")
    assert {(p.mentor, p.mentee) for p in proposal.pairs} == {("m1", "e1"), ("m2", "e2")}
    pair = next(p for p in proposal.pairs if p.mentor == "m1")
    assert pair.criteria["needs"] == 1.0
    assert (pair.mentor_rank, pair.mentee_rank) == (2, 1)
    assert 0 <= pair.score <= 100


def test_it_ranks_by_score_when_there_are_no_preference_cards():
    mentors = [mentor(id="m1", subject="химия"), mentor(id="m2", subject="физика")]
    mentees = [mentee(id="e1", subject="физика")]
    instance = build_instance(mentors, mentees, RULES)
    assert instance.mentee_ranks == {"e1": ["m2", "m1"]}
    assert instance.mentor_ranks == {"m1": ["e1"], "m2": ["e1"]}
    assert {(p.mentor, p.mentee) for p in solve(instance, "stable").pairs} == {("m2", "e1")}
