"""File interface to the entry/exit statistics: ``nastavnik dynamics INPUT.csv [--out OUTPUT.json]``.

Input: a UTF-8 CSV with the header ``participant,measure,wave,value`` (``wave`` is ``entry``, ``intermediate`` or
``exit``; one value per participant, measure and wave). Output: ``{"measures": [{...}, ...]}``, one object per
measure sorted by name, the fields of :class:`nastavnik.monitoring.stats.Dynamics`.

Exit codes: 0 — done; 1 — the output could not be written; 2 — bad arguments or bad input (the reason, naming the
line, is printed in Russian to standard error, and nothing is written). No Django is imported.
"""

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn

from nastavnik.monitoring.stats import DynamicsInputError, dynamics_json, parse_csv

EXIT_OK = 0
EXIT_OUTPUT_ERROR = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"Ошибка в аргументах командной строки: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="nastavnik dynamics",
        description="Динамика «вход — выход» по CSV-файлу: критерий Уилкоксона и размер эффекта.",
        add_help=False,
    )
    parser.add_argument("input", metavar="INPUT.csv", help="входной файл: participant,measure,wave,value")
    parser.add_argument("--out", metavar="OUTPUT.json", help="куда записать результат (по умолчанию — на экран)")
    parser.add_argument("-h", "--help", action="help", help="показать эту справку и выйти")
    return parser


def main(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_BAD_INPUT
    try:
        raw = Path(args.input).read_bytes()
    except OSError as error:
        print(f"Ошибка: не удалось прочитать файл «{args.input}»: {error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        print(f"Ошибка во входных данных: строка {line}: файл не в кодировке UTF-8", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        result = dynamics_json(parse_csv(text))
    except DynamicsInputError as error:
        print(f"Ошибка во входных данных: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    output = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
    if args.out is None:
        sys.stdout.write(output)
        return EXIT_OK
    try:
        Path(args.out).write_text(output, encoding="utf-8")
    except OSError as error:
        print(f"Ошибка: не удалось записать файл «{args.out}»: {error.strerror or error}", file=sys.stderr)
        return EXIT_OUTPUT_ERROR
    return EXIT_OK
