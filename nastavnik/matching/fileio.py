"""File interface to the matching engine: ``nastavnik match INPUT.json --objective welfare|stable``.

Input (JSON object; everything but ``mentors`` and ``mentees`` may be omitted)::

    {"mentors": [{"id": "m1", "capacity": 2}, ...],
     "mentees": [{"id": "e1"}, ...],
     "scores": [["m1", "e1", 0.8], ...],                 # welfare: a pair without a score is unacceptable
     "mentor_ranks": {"m1": ["e1", ...]},                # stable: a pair must appear in both lists
     "mentee_ranks": {"e1": ["m1", ...]},
     "forbidden": [["m1", "e2"], ...],
     "locked": [["m2", "e3"], ...]}                      # pre-assigned by the curator, applied first

Output (to ``--out`` or standard output)::

    {"objective": "welfare",
     "pairs": [{"mentor": "m1", "mentee": "e1", "score": 0.8, "mentor_rank": 1, "mentee_rank": 1,
                "locked": false}, ...],
     "unmatched": ["e9", ...],
     "unmatched_reasons": {"e9": "no_acceptable_mentor" | "capacity_exhausted"},
     "metrics": {...}}

Exit codes: 0 — done, 1 — the output could not be written, 2 — bad arguments or bad input (the reason is
printed in Russian to standard error). Only the engine is imported: no Django, so the command starts fast.
"""

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

from nastavnik.matching.engine import (
    Instance,
    InstanceError,
    Mentee,
    Mentor,
    PairKey,
    Proposal,
    solve,
)

EXIT_OK = 0
EXIT_OUTPUT_ERROR = 1
EXIT_BAD_INPUT = 2

_SECTIONS = frozenset({"mentors", "mentees", "scores", "mentor_ranks", "mentee_ranks", "forbidden", "locked"})


class InputError(ValueError):
    """The input file is unreadable or has the wrong shape; the message is in Russian."""


# --- command line ---------------------------------------------------------------------------------


class _RussianHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix or "Использование: ")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse's own texts are English; at least say in Russian what kind of problem this is.
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"Ошибка в аргументах командной строки: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nastavnik match",
        description="Подбор пар «наставник — наставляемый» по JSON-файлу (без запуска веб-приложения).",
        formatter_class=_RussianHelpFormatter,
        add_help=False,
    )
    args = parser.add_argument_group("аргументы")
    args.add_argument("input", metavar="INPUT.json", help="входной файл: наставники, наставляемые, оценки, рейтинги")
    args.add_argument(
        "--objective",
        required=True,
        choices=("welfare", "stable"),
        help="welfare — больше всего пар, затем наибольшая суммарная совместимость; "
        "stable — устойчивые пары, лучшие для наставляемых",
    )
    args.add_argument("--out", metavar="OUTPUT.json", help="куда записать результат (по умолчанию — на экран)")
    args.add_argument("-h", "--help", action="help", help="показать эту справку и выйти")
    return parser


def main(argv: list[str]) -> int:
    """Run one matching from file to file; returns the process exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # --help and argument errors: report the code instead of exiting
        return exit_.code if isinstance(exit_.code, int) else EXIT_BAD_INPUT
    try:
        proposal = solve(load_instance(Path(args.input)), args.objective)
    except (InputError, InstanceError) as error:
        print(f"Ошибка во входных данных: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return _write(dumps_proposal(proposal), args.out)


def _write(text: str, out: str | None) -> int:
    if out is None:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"Ошибка: не удалось записать файл «{out}»: {error.strerror or error}", file=sys.stderr)
        return EXIT_OUTPUT_ERROR
    return EXIT_OK


# --- input ----------------------------------------------------------------------------------------


def load_instance(path: Path) -> Instance:
    """Read and check the input file; raise :class:`InputError` with a Russian message."""
    return parse_instance(_read_json(path))


def _read_json(path: Path) -> Any:
    try:
        # utf-8-sig: files saved by Windows editors often start with a BOM.
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"файл «{path}» не найден") from None
    except UnicodeDecodeError:
        raise InputError(f"файл «{path}» не в кодировке UTF-8") from None
    except OSError as error:
        raise InputError(f"не удалось прочитать файл «{path}»: {error.strerror or error}") from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise InputError(
            f"файл «{path}» не является корректным JSON: строка {error.lineno}, столбец {error.colno} ({error.msg})"
        ) from None


def _reject_constant(name: str) -> NoReturn:
    raise InputError(f"недопустимое значение {name} — оценки должны быть конечными числами")


def parse_instance(data: Any) -> Instance:
    """Turn decoded JSON into an :class:`Instance`; the engine checks the cross-references later."""
    root = _expect(data, dict, "весь файл", "объектом JSON ({…})")
    unknown = sorted(set(root) - _SECTIONS)
    if unknown:
        raise InputError(f"неизвестный раздел «{unknown[0]}»; допустимы: {', '.join(sorted(_SECTIONS))}")
    for required in ("mentors", "mentees"):
        if required not in root:
            raise InputError(f"нет обязательного раздела «{required}»")
    return Instance(
        mentors=[_mentor(item, i) for i, item in enumerate(_list(root, "mentors"), start=1)],
        mentees=[Mentee(_entry_id(item, i, "наставляемый")) for i, item in enumerate(_list(root, "mentees"), 1)],
        scores=_scores(_list(root, "scores")),
        mentor_ranks=_ranks(root, "mentor_ranks"),
        mentee_ranks=_ranks(root, "mentee_ranks"),
        forbidden=frozenset(_pairs(_list(root, "forbidden"), "forbidden")),
        locked=tuple(_pairs(_list(root, "locked"), "locked")),
    )


def _expect(value: Any, kind: type, where: str, shape: str) -> Any:
    # bool is a subclass of int; it is never a valid value here.
    if not isinstance(value, kind) or isinstance(value, bool):
        raise InputError(f"{where} должен быть {shape}, а не {_json_type(value)}")
    return value


def _json_type(value: Any) -> str:
    names = {dict: "объект", list: "список", str: "строка", bool: "true/false", type(None): "null"}
    return names.get(type(value), "число")


def _list(root: Mapping[str, Any], section: str) -> list[Any]:
    return _expect(root.get(section, []), list, f"раздел «{section}»", "списком ([…])")


def _entry_id(item: Any, number: int, noun: str) -> str:
    entry = _expect(item, dict, f"{noun} №{number}", "объектом с полем «id»")
    if "id" not in entry:
        raise InputError(f"у записи «{noun} №{number}» нет поля «id»")
    return _expect(entry["id"], str, f"id записи «{noun} №{number}»", "строкой")


def _mentor(item: Any, number: int) -> Mentor:
    mentor_id = _entry_id(item, number, "наставник")
    if "capacity" not in item:
        raise InputError(f"у наставника «{mentor_id}» не указана вместимость (capacity)")
    # The engine rejects non-integer and negative capacities with a message naming the mentor.
    return Mentor(mentor_id, item["capacity"])


def _scores(rows: list[Any]) -> dict[PairKey, float]:
    # Fast path for the valid case (hundreds of thousands of rows); the slow loop only names the culprit.
    if all(type(row) is list and len(row) == 3 and type(row[0]) is str and type(row[1]) is str for row in rows):
        scores = {(mentor, mentee): value for mentor, mentee, value in rows}
        if len(scores) == len(rows):
            return scores  # the engine checks the values and the ids
    return _explain_bad_scores(rows)


def _explain_bad_scores(rows: list[Any]) -> dict[PairKey, float]:
    scores: dict[PairKey, float] = {}
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, list) or len(row) != 3:
            raise InputError(f"оценка №{number} должна быть списком [наставник, наставляемый, число]")
        mentor, mentee, value = row
        key = (_pair_id(mentor, number, "scores"), _pair_id(mentee, number, "scores"))
        if key in scores:
            raise InputError(f"оценка пары «{mentor}» — «{mentee}» указана дважды")
        scores[key] = value
    return scores


def _pair_id(value: Any, number: int, section: str) -> str:
    return _expect(value, str, f"идентификатор в записи №{number} раздела «{section}»", "строкой")


def _pairs(rows: list[Any], section: str) -> list[PairKey]:
    pairs: list[PairKey] = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, list) or len(row) != 2:
            raise InputError(f"запись №{number} раздела «{section}» должна быть парой [наставник, наставляемый]")
        pairs.append((_pair_id(row[0], number, section), _pair_id(row[1], number, section)))
    return pairs


def _ranks(root: Mapping[str, Any], section: str) -> dict[str, list[str]]:
    ranks = _expect(root.get(section, {}), dict, f"раздел «{section}»", "объектом ({id: [id, …]})")
    for owner, ranked in ranks.items():
        _expect(ranked, list, f"рейтинг «{owner}» в разделе «{section}»", "списком идентификаторов")
        for other in ranked:
            _expect(other, str, f"элемент рейтинга «{owner}» в разделе «{section}»", "строкой")
    return ranks


# --- output ---------------------------------------------------------------------------------------


def proposal_to_dict(proposal: Proposal) -> dict[str, Any]:
    return {
        "objective": proposal.objective,
        "pairs": [
            {
                "mentor": pair.mentor,
                "mentee": pair.mentee,
                "score": pair.score,
                "mentor_rank": pair.mentor_rank,
                "mentee_rank": pair.mentee_rank,
                "locked": pair.locked,
            }
            for pair in proposal.pairs
        ],
        "unmatched": list(proposal.unmatched),
        "unmatched_reasons": dict(proposal.unmatched),
        "metrics": proposal.metrics.as_dict(),
    }


def dumps_proposal(proposal: Proposal) -> str:
    # ensure_ascii=False keeps Cyrillic ids readable; one pair per line stays diff-friendly and fast.
    return json.dumps(proposal_to_dict(proposal), ensure_ascii=False, indent=1) + "\n"
