"""The SWOT proposal alone (no Django, no database): strengths and weaknesses from item means with the figures,
opportunities and threats from the programme's facts."""

import ast
from pathlib import Path

from nastavnik.monitoring import swot
from nastavnik.monitoring.swot import Facts, ItemStat, propose


def _codes(points, quadrant):
    return [p.code for p in points if p.quadrant == quadrant]


def test_high_items_are_strengths_low_ones_weaknesses_with_mean_and_n():
    points = propose(
        [ItemStat("a", 4.5, 10), ItemStat("b", 4.0, 8), ItemStat("c", 3.5, 9), ItemStat("d", 2.2, 7)], Facts()
    )
    assert _codes(points, swot.STRENGTHS) == ["a", "b"]  # highest first
    assert _codes(points, swot.WEAKNESSES) == ["d"]
    assert points[0].figures == {"mean": 4.5, "n": 10}
    assert "c" not in [p.code for p in points]  # in between: neither


def test_items_with_too_few_answers_say_nothing():
    points = propose([ItemStat("a", 5.0, 2), ItemStat("b", 1.0, 1)], Facts())
    assert points == []


def test_a_curator_item_counts_from_one_answer():
    points = propose([ItemStat("c_admin", 4.0, 1, min_answers=1)], Facts())
    assert [(p.quadrant, p.code) for p in points] == [(swot.STRENGTHS, "c_admin")]


def test_weaknesses_are_ordered_worst_first():
    points = propose([ItemStat("x", 3.0, 5), ItemStat("y", 1.5, 5)], Facts())
    assert _codes(points, swot.WEAKNESSES) == ["y", "x"]


def test_mentors_at_capacity_and_premature_closures_are_threats():
    facts = Facts(mentors=5, mentors_full=2, closed_planned=6, closed_premature=2, pairs_active=8, pairs_check=3)
    points = propose([], facts)
    threats = {p.code: p.figures for p in points if p.quadrant == swot.THREATS}
    assert threats["mentors_full"] == {"count": 2, "of": 5}
    assert threats["premature"] == {"count": 2, "of": 8, "percent": 25}
    assert threats["pairs_check"] == {"count": 3, "of": 8}


def test_a_few_premature_closures_or_checks_are_no_threat():
    facts = Facts(closed_planned=19, closed_premature=1, pairs_active=10, pairs_check=2)
    assert _codes(propose([], facts), swot.THREATS) == []


def test_free_places_and_grown_mentors_are_opportunities():
    points = propose([], Facts(free_places=4, waiting_mentees=1, mentee_to_mentor=2))
    assert _codes(points, swot.OPPORTUNITIES) == ["free_places", "mentee_to_mentor"]
    assert "waiting_mentees" not in _codes(points, swot.THREATS)


def test_more_waiting_than_places_and_a_low_response_are_threats():
    points = propose([], Facts(free_places=1, waiting_mentees=5, invited=20, answered=6))
    assert _codes(points, swot.THREATS) == ["waiting_mentees", "low_response"]


def test_by_quadrant_keeps_every_quadrant():
    grouped = swot.by_quadrant(propose([ItemStat("a", 4.2, 3)], Facts()))
    assert list(grouped) == list(swot.QUADRANTS)
    assert [p.code for p in grouped[swot.STRENGTHS]] == ["a"]
    assert swot.number(4.2) == "4,20"


def test_the_module_imports_no_django():
    tree = ast.parse(Path(swot.__file__).read_text(encoding="utf-8"))
    imported = {
        alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
    } | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not any(name.startswith(("django", "nastavnik")) for name in imported)
