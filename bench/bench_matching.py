"""Benchmark of the matching engine through its file interface, next to two reference solvers.

Run with the project's interpreter: ``.venv/bin/python bench/bench_matching.py [--sizes 200x500,1000x3000]``.

For every size a random instance (fixed seed; capacities 1–5; about 100 acceptable mentors per mentee;
scores 0–100; rankings = scores plus noise, both sides rank exactly the acceptable pairs) is written to a
temporary JSON file and solved in child processes, so every figure is end to end (interpreter start,
JSON in, solve, JSON out) and the peak memory is that child's own:

* ``welfare`` / ``stable`` — ``nastavnik match`` (``nastavnik.matching.fileio.main``);
* ``matching HR`` — the PyPI ``matching`` package, ``HospitalResident`` solved resident-optimal;
* ``dense Hungarian`` — ``scipy.optimize.linear_sum_assignment`` over the dense slot × mentee matrix.

The reference solvers get a time limit and are skipped where they would obviously not fit (printed as —
with the reason), so the whole script finishes within a few minutes.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

SEED = 20240901
ACCEPTABLE_PER_MENTEE = 100
RANK_NOISE = 15.0
DEFAULT_SIZES = ((200, 500), (1000, 3000), (2000, 10000))
GOAL_SIZE = (1000, 3000)
GOALS = {"welfare": 3.0, "stable": 1.0}
REFERENCE_TIME_LIMIT = 60.0
DENSE_MEMORY_LIMIT = 2 * 1024**3
# The matching package checks its input with nested list scans (≈ mentors × mentees × list length
# operations) before it even starts; beyond this it would take far longer than the time limit.
HR_WORK_LIMIT = 1.5e9

CLI_CODE = "import sys; from nastavnik.matching.fileio import main; sys.exit(main(sys.argv[1:]))"


@dataclass(frozen=True)
class Run:
    method: str
    seconds: float | None
    peak_mb: float | None
    matched: int | None
    total_score: float | None
    note: str = ""


# --- instance generation --------------------------------------------------------------------------


def generate(n_mentors: int, n_mentees: int, seed: int = SEED) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    mentor_ids = [f"m{i:05d}" for i in range(n_mentors)]
    mentee_ids = [f"e{i:05d}" for i in range(n_mentees)]
    capacities = rng.integers(1, 6, n_mentors)
    degree = min(ACCEPTABLE_PER_MENTEE, n_mentors)
    edge_mentor = np.concatenate([rng.choice(n_mentors, degree, replace=False) for _ in range(n_mentees)])
    edge_mentee = np.repeat(np.arange(n_mentees), degree)
    scores = rng.integers(0, 10001, len(edge_mentor)) / 100
    return {
        "mentors": [{"id": m, "capacity": int(c)} for m, c in zip(mentor_ids, capacities, strict=True)],
        "mentees": [{"id": e} for e in mentee_ids],
        "scores": [
            [mentor_ids[m], mentee_ids[e], float(s)]
            for m, e, s in zip(edge_mentor.tolist(), edge_mentee.tolist(), scores.tolist(), strict=True)
        ],
        "mentor_ranks": _ranks(edge_mentor, edge_mentee, scores, mentor_ids, mentee_ids, rng),
        "mentee_ranks": _ranks(edge_mentee, edge_mentor, scores, mentee_ids, mentor_ids, rng),
    }


def _ranks(
    owner: np.ndarray,
    other: np.ndarray,
    scores: np.ndarray,
    owner_ids: list[str],
    other_ids: list[str],
    rng: np.random.Generator,
) -> dict[str, list[str]]:
    """Each side ranks its acceptable partners by score plus its own noise (so the sides disagree)."""
    noisy = scores + rng.normal(0.0, RANK_NOISE, len(scores))
    order = np.lexsort((-noisy, owner))
    ranks: dict[str, list[str]] = {ident: [] for ident in owner_ids}
    for o, t in zip(owner[order].tolist(), other[order].tolist(), strict=True):
        ranks[owner_ids[o]].append(other_ids[t])
    return {k: v for k, v in ranks.items() if v}


# --- child processes ------------------------------------------------------------------------------


def _run_child(args: list[str], timeout: float | None) -> tuple[float, float, int, str]:
    """Run a child, return (seconds, peak MB, exit code, stdout).

    The child is reaped with wait4 rather than Popen.wait so its own maxrss is measured (RUSAGE_CHILDREN
    would report the largest child so far).
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=out, stderr=err, text=True)
        code, usage = _wait(proc, start, timeout)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        if code != 0:
            sys.stderr.write(err.read())
        return seconds, usage.ru_maxrss / 1024, code, out.read()


def _wait(
    proc: subprocess.Popen[str], start: float, timeout: float | None
) -> tuple[int, resource.struct_rusage]:
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen from waiting
            return proc.returncode, usage
        if timeout is not None and time.perf_counter() - start > timeout:
            proc.kill()
            _, status, _ = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            raise subprocess.TimeoutExpired(proc.args, timeout)
        time.sleep(0.002)


def run_cli(objective: str, input_path: Path, workdir: Path) -> Run:
    out_path = workdir / f"out-{objective}.json"
    args = [sys.executable, "-c", CLI_CODE, str(input_path), "--objective", objective, "--out", str(out_path)]
    seconds, peak, code, _ = _run_child(args, timeout=None)
    if code != 0:
        return Run(objective, None, None, None, None, f"код выхода {code}")
    result = json.loads(out_path.read_text(encoding="utf-8"))
    metrics = result["metrics"]
    return Run(objective, seconds, peak, metrics["matched"], metrics["total_score"])


def run_reference(method: str, input_path: Path, skip_reason: str | None) -> Run:
    if skip_reason:
        return Run(method, None, None, None, None, skip_reason)
    args = [sys.executable, __file__, "--child", method, str(input_path)]
    try:
        seconds, peak, code, out = _run_child(args, timeout=REFERENCE_TIME_LIMIT)
    except subprocess.TimeoutExpired:
        return Run(method, None, None, None, None, f"прервано: дольше {REFERENCE_TIME_LIMIT:.0f} с")
    if code != 0:
        return Run(method, None, None, None, None, f"код выхода {code}")
    result = json.loads(out)
    note = f"решение {result['solve_seconds']:.2f} с"
    return Run(method, seconds, peak, result["matched"], result["total_score"], note)


def child_main(method: str, input_path: str) -> int:
    data = json.loads(Path(input_path).read_text(encoding="utf-8"))
    start = time.perf_counter()
    pairs = _solve_hr(data) if method == "hr" else _solve_dense(data)
    solve_seconds = time.perf_counter() - start
    scores = {(m, e): s for m, e, s in data["scores"]}
    total = float(sum(scores[pair] for pair in pairs))
    print(json.dumps({"solve_seconds": solve_seconds, "matched": len(pairs), "total_score": total}))
    return 0


def _solve_hr(data: dict[str, Any]) -> list[tuple[str, str]]:
    import warnings

    from matching.games import HospitalResident

    capacities = {m["id"]: m["capacity"] for m in data["mentors"]}
    mentor_prefs = {m: data["mentor_ranks"][m] for m in capacities if m in data["mentor_ranks"]}
    mentee_prefs = {e: r for e, r in data["mentee_ranks"].items() if r}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(mentee_prefs, mentor_prefs, capacities)
        matching = game.solve(optimal="resident")
    return [(h.name, r.name) for h, residents in matching.items() for r in residents]


def _solve_dense(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Same lexicographic objective as welfare, but on the full dense slot × mentee matrix."""
    from scipy.optimize import linear_sum_assignment

    mentors = [m["id"] for m in data["mentors"]]
    mentees = {e["id"]: i for i, e in enumerate(data["mentees"])}
    slot_owner = [i for i, m in enumerate(data["mentors"]) for _ in range(m["capacity"])]
    first_slot = np.concatenate(([0], np.cumsum([m["capacity"] for m in data["mentors"]])))
    mentor_index = {m: i for i, m in enumerate(mentors)}
    low = min(s for _, _, s in data["scores"])
    spread = (max(s for _, _, s in data["scores"]) - low) or 1.0
    # Unacceptable cells cost as much as staying unmatched, which makes cardinality dominate.
    cost = np.full((len(slot_owner), len(mentees)), 3.0 + len(mentees))
    for m, e, s in data["scores"]:
        i = mentor_index[m]
        cost[first_slot[i] : first_slot[i + 1], mentees[e]] = 2.0 - (s - low) / spread
    rows, cols = linear_sum_assignment(cost)
    acceptable = cost[rows, cols] <= 2.0
    names = list(mentees)
    return [
        (mentors[slot_owner[r]], names[c]) for r, c in zip(rows[acceptable], cols[acceptable], strict=True)
    ]


# --- report ---------------------------------------------------------------------------------------


def bench_size(n_mentors: int, n_mentees: int, workdir: Path) -> list[Run]:
    data = generate(n_mentors, n_mentees)
    input_path = workdir / f"instance-{n_mentors}x{n_mentees}.json"
    input_path.write_text(json.dumps(data), encoding="utf-8")
    slots = sum(m["capacity"] for m in data["mentors"])
    edges = len(data["scores"])
    print(f"\n{n_mentors} наставников × {n_mentees} наставляемых: мест {slots}, допустимых пар {edges}")
    return [
        run_cli("welfare", input_path, workdir),
        run_cli("stable", input_path, workdir),
        run_reference("hr", input_path, _hr_skip(n_mentors, n_mentees)),
        run_reference("dense", input_path, _dense_skip(slots, n_mentees)),
    ]


def _hr_skip(n_mentors: int, n_mentees: int) -> str | None:
    work = n_mentors * n_mentees * ACCEPTABLE_PER_MENTEE
    if work > HR_WORK_LIMIT:
        limit = f"{REFERENCE_TIME_LIMIT:.0f} с"
        return f"пропущено: проверка входа пакета ~{work:.0e} операций, заведомо дольше {limit}"
    return None


def _dense_skip(slots: int, n_mentees: int) -> str | None:
    size = slots * n_mentees * 8
    if size > DENSE_MEMORY_LIMIT:
        return f"пропущено: плотная матрица {size / 1024**3:.1f} ГБ > 2 ГБ"
    return None


METHOD_TITLES = {
    "welfare": "nastavnik welfare",
    "stable": "nastavnik stable",
    "hr": "matching HR (resident)",
    "dense": "плотный венгерский",
}


def print_table(runs: list[Run]) -> None:
    header = f"{'метод':<24}{'секунд':>9}{'пик, МБ':>10}{'пар':>8}{'сумма оценок':>15}  примечание"
    print(header)
    print("-" * len(header))
    for run in runs:
        print(
            f"{METHOD_TITLES[run.method]:<24}{_fmt(run.seconds, '.2f'):>9}{_fmt(run.peak_mb, '.0f'):>10}"
            f"{_fmt(run.matched, 'd'):>8}{_fmt(run.total_score, '.2f'):>15}  {run.note}"
        )


def _fmt(value: float | int | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def print_goals(runs: list[Run]) -> None:
    print(f"\nЦели для {GOAL_SIZE[0]}×{GOAL_SIZE[1]} (от JSON до JSON):")
    for run in runs:
        if run.method in GOALS:
            goal = GOALS[run.method]
            ok = run.seconds is not None and run.seconds <= goal
            verdict = "выполнено" if ok else "НЕ выполнено"
            print(f"  {run.method}: {_fmt(run.seconds, '.2f')} с при цели ≤ {goal:.0f} с — {verdict}")


def parse_sizes(text: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.split("x") for part in text.split(","))]


def main() -> int:
    parser = argparse.ArgumentParser(description="Замер подбора пар через файловый интерфейс")
    parser.add_argument(
        "--sizes", type=parse_sizes, default=list(DEFAULT_SIZES), help="например 200x500,1000x3000"
    )
    parser.add_argument("--child", nargs=2, metavar=("METHOD", "INPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child_main(*args.child)
    print(f"Python {sys.version.split()[0]}, процессоров: {os.cpu_count()}, seed {SEED}")
    with tempfile.TemporaryDirectory(prefix="bench-matching-") as tmp:
        for n_mentors, n_mentees in args.sizes:
            runs = bench_size(n_mentors, n_mentees, Path(tmp))
            print_table(runs)
            if (n_mentors, n_mentees) == GOAL_SIZE:
                print_goals(runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
