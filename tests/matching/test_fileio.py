"""`nastavnik match INPUT.json --objective welfare|stable [--out OUTPUT.json]` for operators and other systems."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nastavnik.matching.fileio import main

GOOD = {
    "mentors": [{"id": "Смирнова", "capacity": 2}, {"id": "m2", "capacity": 1}],
    "mentees": [{"id": "e1"}, {"id": "e2"}, {"id": "e3"}, {"id": "e4"}],
    "scores": [["Смирнова", "e1", 90], ["Смирнова", "e2", 40.5], ["m2", "e2", 70], ["m2", "e3", 10]],
    "mentor_ranks": {"Смирнова": ["e1", "e2"], "m2": ["e2", "e3"]},
    "mentee_ranks": {"e1": ["Смирнова"], "e2": ["m2", "Смирнова"], "e3": ["m2"]},
    "forbidden": [["m2", "e3"]],
}
METRIC_KEYS = {
    "mentors",
    "mentees",
    "places",
    "matched",
    "unmatched",
    "matched_share",
    "mean_mentee_rank",
    "mean_mentor_rank",
    "mentee_first_choice_share",
    "mentor_first_choice_share",
    "total_score",
}


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "input.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def with_changes(**changes: object) -> dict:
    return {**GOOD, **changes}


@pytest.mark.parametrize("objective", ["welfare", "stable"])
def test_it_writes_the_result_to_standard_output_in_the_documented_shape(tmp_path, capsys, objective):
    assert main([str(write(tmp_path, GOOD)), "--objective", objective]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    result = json.loads(out.out)
    assert set(result) == {"pairs", "unmatched", "metrics"}
    assert {(p["mentor"], p["mentee"]) for p in result["pairs"]} == {("Смирнова", "e1"), ("m2", "e2")}
    assert all(set(p) == {"mentor", "mentee", "score", "mentor_rank", "mentee_rank"} for p in result["pairs"])
    assert result["unmatched"] == ["e3", "e4"]
    assert set(result["metrics"]) == METRIC_KEYS
    assert result["metrics"]["matched"] == 2
    assert result["metrics"]["total_score"] == 160.0


def test_it_writes_the_result_to_the_out_file_and_nothing_to_standard_output(tmp_path, capsys):
    out = tmp_path / "result.json"
    assert main([str(write(tmp_path, GOOD)), "--objective", "welfare", "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    result = json.loads(out.read_text(encoding="utf-8"))
    pair = next(p for p in result["pairs"] if p["mentee"] == "e1")
    assert pair == {"mentor": "Смирнова", "mentee": "e1", "score": 90, "mentor_rank": 1, "mentee_rank": 1}
    assert "Смирнова" in out.read_text(encoding="utf-8")  # Cyrillic ids stay readable


def test_it_accepts_a_minimal_file_and_a_byte_order_mark(tmp_path, capsys):
    path = tmp_path / "input.json"
    path.write_text(json.dumps({"mentors": [{"id": "m1", "capacity": 1}], "mentees": [{"id": "e1"}]}), "utf-8-sig")
    assert main([str(path), "--objective", "stable"]) == 0
    assert json.loads(capsys.readouterr().out)["unmatched"] == ["e1"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"mentors": [', "содержит некорректный JSON: строка 1"),
        ("[]", "весь файл должен быть объектом JSON"),
        ({"mentees": []}, "нет обязательного раздела «mentors»"),
        (with_changes(weights={}), "неизвестный раздел «weights»"),
        (with_changes(mentors={"m1": 1}), "раздел «mentors» должен быть списком"),
        (with_changes(mentors=[{"id": "m1"}]), "не указана вместимость"),
        (with_changes(mentors=[{"capacity": 1}]), "нет поля «id»"),
        (with_changes(mentors=[{"id": 7, "capacity": 1}]), "id записи «наставник №1» должен быть строкой"),
        (with_changes(mentors=[{"id": "m1", "capacity": -1}]), "вместимость наставника «m1»"),
        (with_changes(mentors=[{"id": "m1", "capacity": 1.5}]), "вместимость наставника «m1»"),
        (with_changes(mentors=[{"id": "m1", "capacity": True}]), "вместимость наставника «m1»"),
        (with_changes(mentors=[*GOOD["mentors"], {"id": "m2", "capacity": 3}]), "наставник «m2» указан дважды"),
        (with_changes(mentees=[{"id": "e1"}, {"id": "e1"}]), "наставляемый «e1» указан дважды"),
        (with_changes(scores=[["m9", "e1", 1]]), "в оценках указан неизвестный наставник «m9»"),
        (with_changes(scores=[["m2", "e9", 1]]), "в оценках указан неизвестный наставляемый «e9»"),
        (with_changes(scores=[["m2", "e1", 1], ["m2", "e1", 2]]), "оценка пары «m2» — «e1» указана дважды"),
        (with_changes(scores=[["m2", "e1"]]), "оценка №1 должна быть списком"),
        (with_changes(scores=[["m2", ["e1"], 1]]), "раздела «scores» должен быть строкой"),
        (with_changes(scores=[["m2", 5, 1]]), "идентификатор должен быть строкой"),
        (with_changes(scores=[["m2", "e1", "высокая"]]), "должна быть конечным числом"),
        (with_changes(scores=[["m2", "e1", None]]), "должна быть конечным числом"),
        ('{"mentors": [], "mentees": [], "scores": [["m", "e", NaN]]}', "недопустимое значение NaN"),
        (
            '{"mentors": [{"id": "m", "capacity": 1}], "mentees": [{"id": "e"}], "scores": [["m", "e", 1e400]]}',
            "конечным",
        ),
        (with_changes(scores=[["m2", "e1", 10**400]]), "должна быть конечным числом"),
        (with_changes(forbidden=[["m2"]]), "раздела «forbidden» должна быть парой"),
        (with_changes(forbidden=[["m2", "e9"]]), "в запрещённых парах указан неизвестный наставляемый «e9»"),
        (with_changes(mentor_ranks={"m9": ["e1"]}), "в рейтингах указан неизвестный наставник «m9»"),
        (with_changes(mentee_ranks={"e1": ["m9"]}), "в рейтинге наставляемого «e1» указан неизвестный наставник «m9»"),
        (with_changes(mentor_ranks={"m2": ["e1", "e1"]}), "наставляемый «e1» указан дважды"),
        (with_changes(mentor_ranks={"m2": "e1"}), "рейтинг «m2» в разделе «mentor_ranks» должен быть списком"),
        (with_changes(mentor_ranks={"m2": [1]}), "элемент рейтинга «m2» в разделе «mentor_ranks» должен быть строкой"),
    ],
)
@pytest.mark.parametrize("objective", ["welfare", "stable"])
def test_it_refuses_bad_input_with_code_2_and_a_clear_message(tmp_path, capsys, data, message, objective):
    assert main([str(write(tmp_path, data)), "--objective", objective]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.startswith("Ошибка во входных данных: ")
    assert message in out.err


def test_it_refuses_a_missing_file_and_a_file_not_in_utf8(tmp_path, capsys):
    assert main([str(tmp_path / "none.json"), "--objective", "welfare"]) == 2
    assert "не найден" in capsys.readouterr().err
    path = tmp_path / "cp1251.json"
    path.write_bytes('{"mentors": [], "mentees": [{"id": "Иванов"}]}'.encode("cp1251"))
    assert main([str(path), "--objective", "welfare"]) == 2
    assert "не в кодировке UTF-8" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args", [["--objective", "greedy"], [], ["--objective"], ["--objective", "welfare", "--colour", "red"]]
)
def test_it_refuses_bad_arguments_with_code_2(tmp_path, capsys, args):
    assert main([str(write(tmp_path, GOOD)), *args]) == 2
    assert "Ошибка в аргументах командной строки" in capsys.readouterr().err


def test_it_reports_an_output_file_it_cannot_write_with_code_1(tmp_path, capsys):
    out = tmp_path / "missing-dir" / "result.json"
    assert main([str(write(tmp_path, GOOD)), "--objective", "welfare", "--out", str(out)]) == 1
    assert "не удалось записать файл" in capsys.readouterr().err


def test_it_runs_as_a_console_command_without_loading_django(tmp_path):
    # The real process: the exit code is main()'s return value, and Django is never imported.
    script = (
        "import sys; from nastavnik.cli import main; code = main(sys.argv[1:]); "
        "assert 'django' not in sys.modules; sys.exit(code)"
    )
    good = write(tmp_path, GOOD)
    done = subprocess.run(
        [sys.executable, "-c", script, "match", str(good), "--objective", "welfare"], capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["metrics"]["matched"] == 2
    (tmp_path / "bad.json").write_text('{"mentors": [{"id": "m1", "capacity": -2}], "mentees": []}')
    bad = subprocess.run(
        [sys.executable, "-c", script, "match", str(tmp_path / "bad.json"), "--objective", "stable"],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert "вместимость наставника «m1»" in bad.stderr
