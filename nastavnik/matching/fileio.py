"""File interface to the matching engine: ``nastavnik match INPUT.json --objective welfare|stable [--out OUT.json]``.

Input (a JSON object; ``scores``, ``mentor_ranks``, ``mentee_ranks`` and ``forbidden`` may be left out)::

    {"mentors": [{"id": "m1", "capacity": 2}, ...],
     "mentees": [{"id": "e1"}, ...],
     "scores": [["m1", "e1", 0.8], ...],      # welfare: a pair without a score is not acceptable
     "mentor_ranks": {"m1": ["e1", ...]},     # stable: a pair is acceptable when each lists the other
     "mentee_ranks": {"e1": ["m1", ...]},
     "forbidden": [["m1", "e2"], ...]}

Output (to ``--out`` or standard output)::

    {"pairs": [{"mentor": "m1", "mentee": "e1", "score": 0.8, "mentor_rank": 1, "mentee_rank": 2}, ...],
     "unmatched": ["e9", ...],
     "metrics": {"matched": …, "matched_share": …, "mean_mentee_rank": …, "total_score": …, …}}

``score`` is null for a pair without one; a rank is the place each side gave the other (null when not ranked).

Exit codes: 0 — done; 1 — the output could not be written; 2 — bad arguments or bad input (the reason is printed
in Russian to standard error). Only the engine is imported — no Django — so the command starts fast.
"""

import argparse
import gc
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

from nastavnik.matching.engine import OBJECTIVES, Instance, InstanceError, Mentee, Mentor, PairKey, Proposal, solve

EXIT_OK = 0
EXIT_OUTPUT_ERROR = 1
EXIT_BAD_INPUT = 2

SECTIONS = ("mentors", "mentees", "scores", "mentor_ranks", "mentee_ranks", "forbidden")


class InputError(ValueError):
    """The input file is unreadable or has the wrong shape; the message is in Russian."""


def main(argv: list[str]) -> int:
    """Run one matching from file to file; returns the process exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # --help and argument errors: return the code instead of exiting
        return exit_.code if isinstance(exit_.code, int) else EXIT_BAD_INPUT
    try:
        with _without_cyclic_gc():
            proposal = solve(load_instance(Path(args.input)), args.objective)
    except (InputError, InstanceError) as error:
        print(f"Ошибка во входных данных: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return _write(dumps_proposal(proposal), args.out)


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """A run allocates hundreds of thousands of small lists and tuples and no reference cycles; the cyclic
    collector would scan them over and over (about a third of the time spent outside the solver)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse's own texts are English; say in Russian what kind of problem this is.
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"Ошибка в аргументах командной строки: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nastavnik match",
        description="Подбор пар «наставник — наставляемый» по JSON-файлу (без запуска веб-приложения).",
        add_help=False,
    )
    parser.add_argument("input", metavar="INPUT.json", help="входной файл: наставники, наставляемые, оценки, рейтинги")
    parser.add_argument(
        "--objective",
        required=True,
        choices=OBJECTIVES,
        help="welfare — больше всего пар, затем наибольшая суммарная оценка; "
        "stable — устойчивые пары, лучшие для наставляемых",
    )
    parser.add_argument("--out", metavar="OUTPUT.json", help="куда записать результат (по умолчанию — на экран)")
    parser.add_argument("-h", "--help", action="help", help="показать эту справку и выйти")
    return parser


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
    """Read the input file and check its shape; the engine checks the ids when it solves."""
    return parse_instance(_read_json(path))


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")  # -sig: files saved by Windows editors start with a BOM
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
            f"файл «{path}» содержит некорректный JSON: строка {error.lineno}, столбец {error.colno} ({error.msg})"
        ) from None


def _reject_constant(name: str) -> NoReturn:
    raise InputError(f"недопустимое значение {name}: оценки должны быть конечными числами")


def parse_instance(data: Any) -> Instance:
    """Turn decoded JSON into an :class:`Instance`, or raise :class:`InputError` naming the first problem."""
    root = _expect(data, dict, "весь файл", "объектом JSON ({…})")
    unknown = sorted(set(root) - set(SECTIONS))
    if unknown:
        raise InputError(f"неизвестный раздел «{unknown[0]}»; допустимы: {', '.join(SECTIONS)}")
    for required in ("mentors", "mentees"):
        if required not in root:
            raise InputError(f"нет обязательного раздела «{required}»")
    return Instance(
        mentors=[_mentor(item, number) for number, item in _numbered(root, "mentors")],
        mentees=[Mentee(_record_id(item, number, "наставляемый")) for number, item in _numbered(root, "mentees")],
        scores=_scores(_section(root, "scores", list)),
        mentor_ranks=_ranks(root, "mentor_ranks"),
        mentee_ranks=_ranks(root, "mentee_ranks"),
        forbidden=_forbidden(_section(root, "forbidden", list)),
    )


def _expect(value: Any, kind: type, what: str, shape: str) -> Any:
    # bool is a subclass of int; true/false is never a valid value here.
    if not isinstance(value, kind) or isinstance(value, bool):
        raise InputError(f"{what} должен быть {shape}, а не {_json_type(value)}")
    return value


def _json_type(value: Any) -> str:
    names = {dict: "объектом", list: "списком", str: "строкой", bool: "true/false", type(None): "null"}
    return names.get(type(value), "числом")


def _section(root: dict[str, Any], name: str, kind: type) -> Any:
    shape = "списком ([…])" if kind is list else "объектом ({…})"
    return _expect(root.get(name, kind()), kind, f"раздел «{name}»", shape)


def _numbered(root: dict[str, Any], name: str) -> enumerate[Any]:
    return enumerate(_section(root, name, list), 1)


def _record_id(item: Any, number: int, noun: str) -> str:
    record = _expect(item, dict, f"{noun} №{number}", "объектом с полем «id»")
    if "id" not in record:
        raise InputError(f"у записи «{noun} №{number}» нет поля «id»")
    return _expect(record["id"], str, f"id записи «{noun} №{number}»", "строкой")


def _mentor(item: Any, number: int) -> Mentor:
    mentor_id = _record_id(item, number, "наставник")
    if "capacity" not in item:
        raise InputError(f"у наставника «{mentor_id}» не указана вместимость (capacity)")
    return Mentor(mentor_id, item["capacity"])  # the engine names a negative or fractional capacity


def _scores(rows: list[Any]) -> dict[PairKey, Any]:
    # Fast path for the valid case (hundreds of thousands of rows); the slow loop only names the culprit.
    # The engine then checks the ids and that every value is a finite number.
    if set(map(type, rows)) <= {list}:
        try:
            scores = {(mentor, mentee): value for mentor, mentee, value in rows}
        except (TypeError, ValueError):  # not three items, or an unhashable id: the slow path says where
            scores = {}
        if len(scores) == len(rows):
            return scores
    scores = {}
    for number, row in enumerate(rows, 1):
        if not isinstance(row, list) or len(row) != 3:
            raise InputError(f"оценка №{number} должна быть списком [наставник, наставляемый, число]")
        key = (_pair_id(row[0], number, "scores"), _pair_id(row[1], number, "scores"))
        if key in scores:
            raise InputError(f"оценка пары «{key[0]}» — «{key[1]}» указана дважды")
        scores[key] = row[2]
    return scores


def _pair_id(value: Any, number: int, section: str) -> str:
    return _expect(value, str, f"идентификатор в записи №{number} раздела «{section}»", "строкой")


def _forbidden(rows: list[Any]) -> frozenset[PairKey]:
    pairs: set[PairKey] = set()
    for number, row in enumerate(rows, 1):
        if not isinstance(row, list) or len(row) != 2:
            raise InputError(f"запись №{number} раздела «forbidden» должна быть парой [наставник, наставляемый]")
        pairs.add((_pair_id(row[0], number, "forbidden"), _pair_id(row[1], number, "forbidden")))
    return frozenset(pairs)


def _ranks(root: dict[str, Any], section: str) -> dict[str, list[str]]:
    ranks = _section(root, section, dict)
    for owner, ranked in ranks.items():
        _expect(ranked, list, f"рейтинг «{owner}» в разделе «{section}»", "списком идентификаторов")
        if not set(map(type, ranked)) <= {str}:
            for other in ranked:
                _expect(other, str, f"элемент рейтинга «{owner}» в разделе «{section}»", "строкой")
    return ranks


# --- output ---------------------------------------------------------------------------------------


def proposal_to_dict(proposal: Proposal) -> dict[str, Any]:
    pairs = [
        {
            "mentor": pair.mentor,
            "mentee": pair.mentee,
            "score": pair.score,
            "mentor_rank": pair.mentor_rank,
            "mentee_rank": pair.mentee_rank,
        }
        for pair in proposal.pairs
    ]
    return {"pairs": pairs, "unmatched": list(proposal.unmatched), "metrics": proposal.metrics.as_dict()}


def dumps_proposal(proposal: Proposal) -> str:
    # ensure_ascii=False keeps Cyrillic ids readable.
    return json.dumps(proposal_to_dict(proposal), ensure_ascii=False, indent=1) + "\n"
