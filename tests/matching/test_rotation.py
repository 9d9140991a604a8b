"""The Mentor Match rotation on its own: everybody meets everybody of the other side once, in the fewest rounds."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nastavnik.matching import rotation

SIZES = st.integers(1, 12)


@given(SIZES, SIZES)
def test_it_lets_every_mentor_meet_every_mentee_exactly_once(m, e):
    plan = rotation.build([f"m{i}" for i in range(m)], [f"e{j}" for j in range(e)])
    met = Counter((t.mentor, t.mentee) for t in plan.talks)
    assert set(met) == {(f"m{i}", f"e{j}") for i in range(m) for j in range(e)}
    assert set(met.values()) == {1}


@given(SIZES, SIZES)
def test_it_takes_the_fewest_rounds_and_keeps_every_table_busy(m, e):
    plan = rotation.build(list(range(m)), list(range(100, 100 + e)))
    assert plan.rounds == max(m, e)
    assert plan.tables == min(m, e)
    for number in range(1, plan.rounds + 1):
        talks = plan.round_talks(number)
        assert sorted(t.table for t in talks) == list(range(1, plan.tables + 1))


@given(SIZES, SIZES)
def test_it_never_puts_anybody_in_two_places_at_once(m, e):
    mentors, mentees = [f"m{i}" for i in range(m)], [f"e{j}" for j in range(e)]
    plan = rotation.build(mentors, mentees)
    for number in range(1, plan.rounds + 1):
        talks, breaks = plan.round_talks(number), plan.round_breaks(number)
        busy = [t.mentor for t in talks] + [t.mentee for t in talks]
        resting = [b.person for b in breaks]
        assert len(busy) == len(set(busy))
        # Everybody is either at a table or on a break, never both, never forgotten.
        assert sorted(busy + resting) == sorted(mentors + mentees)


@given(SIZES, SIZES)
def test_it_gives_breaks_only_to_the_larger_side_and_as_many_as_the_difference(m, e):
    plan = rotation.build(list(range(m)), list(range(100, 100 + e)))
    larger = "mentor" if m > e else "mentee"
    assert all(b.side == larger for b in plan.breaks)
    assert len(plan.breaks) == max(m, e) * abs(m - e)
    if m == e:
        assert plan.breaks == ()


@given(SIZES, SIZES)
def test_it_keeps_the_seated_side_at_its_table_and_moves_the_others_one_table_on(m, e):
    plan = rotation.build(list(range(m)), list(range(100, 100 + e)))
    seated_of = (lambda t: t.mentor) if plan.seated == "mentor" else (lambda t: t.mentee)
    mover_of = (lambda t: t.mentee) if plan.seated == "mentor" else (lambda t: t.mentor)
    tables = {}
    for t in plan.talks:
        tables.setdefault(seated_of(t), set()).add(t.table)
    assert all(len(seen) == 1 for seen in tables.values())
    where = {(mover_of(t), t.round): t.table for t in plan.talks}
    for (person, number), table in where.items():
        following = where.get((person, number + 1))
        # From the last table a mover goes back to table 1 (when nobody rests) or on a break.
        assert following is None or following == (table % plan.tables) + 1


def test_it_seats_the_smaller_side_and_the_mentors_when_equal():
    assert rotation.build([1, 2], [1, 2, 3]).seated == "mentor"
    assert rotation.build([1, 2, 3], [1, 2]).seated == "mentee"
    assert rotation.build([1, 2], [1, 2]).seated == "mentor"


def test_it_prints_a_small_case_as_expected():
    plan = rotation.build(["А", "Б"], ["x", "y", "z"])
    assert [(t.round, t.table, t.mentor, t.mentee) for t in plan.talks] == [
        (1, 1, "А", "x"),
        (1, 2, "Б", "y"),
        (2, 1, "А", "z"),
        (2, 2, "Б", "x"),
        (3, 1, "А", "y"),
        (3, 2, "Б", "z"),
    ]
    assert [(b.round, b.person) for b in plan.breaks] == [(1, "z"), (2, "y"), (3, "x")]


@pytest.mark.parametrize(("mentors", "mentees", "message"), [([], [1], "наставник"), ([1], [], "наставляемый")])
def test_it_refuses_an_empty_side(mentors, mentees, message):
    with pytest.raises(ValueError, match=message):
        rotation.build(mentors, mentees)


def test_it_refuses_somebody_listed_twice():
    with pytest.raises(ValueError, match="дважды"):
        rotation.build([1, 1], [2])
