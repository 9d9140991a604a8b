"""`nastavnik dynamics INPUT.csv [--out OUTPUT.json]` for analysts and other tools."""

import json
import subprocess
import sys

import pytest
from scipy.stats import wilcoxon as scipy_wilcoxon

from nastavnik.monitoring.fileio import main

HEADER = "participant,measure,wave,value\n"
KEYS = {
    "measure",
    "n",
    "entry_mean",
    "exit_mean",
    "mean_change",
    "median_change",
    "test",
    "statistic",
    "p_value",
    "effect_size",
    "ci_low",
    "ci_high",
    "verdict",
}


def good_csv():
    lines = [HEADER]
    for i, change in enumerate([1, 2, 3, 4, 5, 6, -1]):
        lines.append(f"ученик{i},мотивация,entry,{10 + i}\n")
        lines.append(f"ученик{i},мотивация,intermediate,{11 + i}\n")
        lines.append(f"ученик{i},мотивация,exit,{10 + i + change}\n")
    lines.append("ученик0,вовлечённость,entry,3,5\n".replace("3,5", '"3,5"'))
    lines.append("ученик0,вовлечённость,exit,4\n")
    return "".join(lines)


def write(tmp_path, text, name="input.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_it_writes_one_object_per_measure_sorted_with_scipys_test(tmp_path, capsys):
    out = tmp_path / "result.json"
    assert main([str(write(tmp_path, good_csv())), "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    result = json.loads(out.read_text(encoding="utf-8"))
    assert [m["measure"] for m in result["measures"]] == ["вовлечённость", "мотивация"]
    assert all(set(m) == KEYS for m in result["measures"])
    few, motivation = result["measures"]
    assert few["n"] == 1 and few["verdict"] == "too_few" and few["entry_mean"] == 3.5 and few["p_value"] is None
    expected = scipy_wilcoxon([1, 2, 3, 4, 5, 6, -1])
    assert motivation["n"] == 7
    assert motivation["test"] == "wilcoxon"
    assert motivation["statistic"] == float(expected.statistic)
    assert motivation["p_value"] == float(expected.pvalue)
    assert motivation["mean_change"] == pytest.approx(20 / 7)
    assert motivation["median_change"] == 3.0
    # ranks of |d|: 1, 1 tie at 1.5 each; R− = 1.5, total 28 → r = 25/28
    assert motivation["effect_size"] == pytest.approx(25 / 28)
    assert motivation["ci_low"] < motivation["effect_size"] < motivation["ci_high"]
    assert motivation["verdict"] == "up"


def test_without_out_it_prints_the_json(tmp_path, capsys):
    assert main([str(write(tmp_path, good_csv()))]) == 0
    assert len(json.loads(capsys.readouterr().out)["measures"]) == 2


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("participant,measure,value\na,m,1\n", ["строка 1", "«wave»"]),
        (HEADER + "a,m,entry,1\na,m,exit,много\n", ["строка 3", "«много» — не число"]),
        (HEADER + "a,m,entry,1\na,m,final,2\n", ["строка 3", "неизвестный срез «final»"]),
        (HEADER + "a,m,entry,1\nb,m,entry,2\na,m,entry,3\n", ["строка 4", "повтор", "(строка 2)"]),
        (HEADER + "a,m,entry\n", ["строка 2", "не хватает значений"]),
        (HEADER + ",m,entry,1\n", ["строка 2", "не указан участник"]),
        (HEADER + "a,m,entry,nan\n", ["строка 2", "не число"]),
        ("", ["строка 1", "файл пуст"]),
    ],
)
def test_malformed_input_exits_with_2_names_the_line_and_writes_nothing(tmp_path, capsys, text, words):
    out = tmp_path / "result.json"
    assert main([str(write(tmp_path, text)), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    for word in words:
        assert word in captured.err
    assert not out.exists()


def test_a_file_not_in_utf8_is_refused_with_the_line(tmp_path, capsys):
    path = tmp_path / "cp1251.csv"
    path.write_bytes((HEADER + "a,мотивация,entry,1\n").encode("cp1251"))
    out = tmp_path / "result.json"
    assert main([str(path), "--out", str(out)]) == 2
    assert "строка 2: файл не в кодировке UTF-8" in capsys.readouterr().err
    assert not out.exists()


def test_a_missing_file_and_an_unwritable_output(tmp_path, capsys):
    assert main([str(tmp_path / "nope.csv")]) == 2
    assert "не удалось прочитать файл" in capsys.readouterr().err
    assert main([str(write(tmp_path, good_csv())), "--out", str(tmp_path / "no" / "r.json")]) == 1
    assert "не удалось записать файл" in capsys.readouterr().err


def test_it_runs_as_a_console_command_without_loading_django(tmp_path):
    script = (
        "import sys; from nastavnik.cli import main; code = main(sys.argv[1:]); "
        "assert 'django' not in sys.modules; sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "dynamics", str(write(tmp_path, good_csv()))], capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["measures"][1]["verdict"] == "up"
    bad = subprocess.run(
        [sys.executable, "-c", script, "dynamics", str(write(tmp_path, HEADER + "a,m,x,1\n", "bad.csv"))],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert "строка 2" in bad.stderr
