"""Benchmark of the matching engine end to end through ``nastavnik match``, next to two reference solvers.

Run with the project's interpreter, no arguments needed: ``.venv/bin/python bench/bench_matching.py``
(``--sizes 200x500`` for a quick look).

For each size a random instance (fixed seed; capacities 1–5; about 100 acceptable mentors per mentee; scores
0–100 with two decimals; each side ranks exactly its acceptable partners by score plus its own noise) is written
to a temporary JSON file and solved in child processes, so every figure is end to end — interpreter start,
imports, JSON in, solve, JSON out — and the peak memory is that child's own:

* ``nastavnik welfare`` / ``nastavnik stable`` — the console command ``nastavnik match``;
* ``matching HR`` — the PyPI ``matching`` package, ``HospitalResident`` solved resident- (mentee-) optimal:
  the same stable matching, so its pairs must coincide with ``nastavnik stable``;
* ``dense Hungarian`` — ``scipy.optimize.linear_sum_assignment`` on the dense slot × mentee matrix with the
  same lexicographic objective: its number of pairs and total must equal ``nastavnik welfare``.

Reference solvers run under a time limit; one that did not finish a size is not tried on the larger ones, and
the dense matrix is not built when it is too big. Children cache their bytecode as an installed system does
(:func:`bytecode_cache_env`); at the goal size one more welfare run shows what this environment's
PYTHONDONTWRITEBYTECODE=1 costs. Both wall-clock and CPU seconds are printed: the machine has two cores shared
with other work, and the load average is printed too. The script takes about two to three minutes.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

SEED = 20240901
ACCEPTABLE_PER_MENTEE = 100
RANK_NOISE = 15.0
SIZES = ((200, 500), (1000, 3000), (2000, 10000))
GOALS = {(1000, 3000): {"welfare": 3.0, "stable": 1.0}}  # seconds, end to end
REFERENCE_TIME_LIMIT = 60.0
# Slot × mentee cells: 1000×3000 has 9 million and already takes the dense solver several seconds; its time
# grows faster than the number of cells, so 2000×10000 (60 million) is left out.
DENSE_CELL_LIMIT = 20_000_000

TITLES = {
    "welfare": "nastavnik welfare",
    "stable": "nastavnik stable",
    "hr": "matching HR (resident)",
    "dense": "dense Hungarian",
    "welfare-cold": "nastavnik welfare, без .pyc",
}


@dataclass(frozen=True)
class Run:
    method: str
    seconds: float | None = None
    cpu_seconds: float | None = None
    peak_mb: float | None = None
    matched: int | None = None
    total_score: float | None = None
    pairs: frozenset[tuple[str, str]] = frozenset()
    note: str = ""

    @property
    def finished(self) -> bool:
        return self.seconds is not None


# --- instances ------------------------------------------------------------------------------------


def generate(n_mentors: int, n_mentees: int, seed: int = SEED) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    mentor_ids = [f"m{i:05d}" for i in range(n_mentors)]
    mentee_ids = [f"e{i:05d}" for i in range(n_mentees)]
    capacities = rng.integers(1, 6, n_mentors)
    degree = min(ACCEPTABLE_PER_MENTEE, n_mentors)
    edge_mentor = np.concatenate([rng.choice(n_mentors, degree, replace=False) for _ in range(n_mentees)])
    edge_mentee = np.repeat(np.arange(n_mentees), degree)
    scores = rng.integers(0, 10_001, len(edge_mentor)) / 100
    return {
        "mentors": [{"id": m, "capacity": int(c)} for m, c in zip(mentor_ids, capacities, strict=True)],
        "mentees": [{"id": e} for e in mentee_ids],
        "scores": [
            [mentor_ids[m], mentee_ids[e], s]
            for m, e, s in zip(edge_mentor.tolist(), edge_mentee.tolist(), scores.tolist(), strict=True)
        ],
        "mentor_ranks": _ranks(edge_mentor, edge_mentee, scores, mentor_ids, mentee_ids, rng),
        "mentee_ranks": _ranks(edge_mentee, edge_mentor, scores, mentee_ids, mentor_ids, rng),
    }


def _ranks(
    owner: np.ndarray, other: np.ndarray, scores: np.ndarray, owner_ids: list[str], other_ids: list[str], rng: Any
) -> dict[str, list[str]]:
    """Each side ranks its acceptable partners by score plus its own noise, so the two sides disagree."""
    noisy = scores + rng.normal(0.0, RANK_NOISE, len(scores))
    order = np.lexsort((-noisy, owner))
    ranks: dict[str, list[str]] = {}
    for o, t in zip(owner[order].tolist(), other[order].tolist(), strict=True):
        ranks.setdefault(owner_ids[o], []).append(other_ids[t])
    return ranks


# --- child processes ------------------------------------------------------------------------------


def run_child(args: list[str], timeout: float | None, env: dict[str, str]) -> tuple[float, float, float, int]:
    """Run a child to the end; (wall seconds, CPU seconds, peak MB, exit code) — of that child alone.

    The child is reaped with wait4, whose resource usage is the child's own (RUSAGE_CHILDREN would report
    the largest of all children so far). Raises TimeoutExpired after killing it.
    """
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=errors, env=env)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > (timeout or float("inf")):
                proc.kill()
                os.wait4(proc.pid, 0)
                proc.returncode = -9  # reaped already: keep Popen from waiting again
                raise subprocess.TimeoutExpired(args, timeout)
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            errors.seek(0)
            sys.stderr.write(errors.read().decode(errors="replace"))
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode


def nastavnik_command() -> list[str]:
    script = Path(sys.executable).with_name("nastavnik")  # the console script installed in the venv
    return [str(script)] if script.exists() else [sys.executable, "-m", "nastavnik.cli"]


def run_nastavnik(objective: str, input_path: Path, out_path: Path, env: dict[str, str]) -> Run:
    args = [*nastavnik_command(), "match", str(input_path), "--objective", objective, "--out", str(out_path)]
    seconds, cpu, peak, code = run_child(args, None, env)
    if code:
        return Run(objective, note=f"код выхода {code}")
    result = json.loads(out_path.read_text(encoding="utf-8"))
    pairs = frozenset((p["mentor"], p["mentee"]) for p in result["pairs"])
    metrics = result["metrics"]
    return Run(objective, seconds, cpu, peak, metrics["matched"], metrics["total_score"], pairs)


def run_reference(method: str, input_path: Path, out_path: Path, env: dict[str, str], skip: str | None) -> Run:
    if skip:
        return Run(method, note=skip)
    args = [sys.executable, __file__, "--child", method, str(input_path), str(out_path)]
    try:
        seconds, cpu, peak, code = run_child(args, REFERENCE_TIME_LIMIT, env)
    except subprocess.TimeoutExpired:
        return Run(method, note=f"прервано: дольше {REFERENCE_TIME_LIMIT:.0f} с")
    if code:
        return Run(method, note=f"код выхода {code}")
    result = json.loads(out_path.read_text(encoding="utf-8"))
    pairs = frozenset(map(tuple, result["pairs"]))
    note = f"из них решение {result['solve_seconds']:.2f} с"
    return Run(method, seconds, cpu, peak, len(pairs), result["total_score"], pairs, note)


def child_main(method: str, input_path: str, out_path: str) -> int:
    data = json.loads(Path(input_path).read_text(encoding="utf-8"))
    start = time.perf_counter()
    pairs = _solve_hr(data) if method == "hr" else _solve_dense(data)
    solve_seconds = time.perf_counter() - start
    scores = {(m, e): s for m, e, s in data["scores"]}
    total = sum(scores[pair] for pair in pairs)
    Path(out_path).write_text(json.dumps({"solve_seconds": solve_seconds, "total_score": total, "pairs": pairs}))
    return 0


def _solve_hr(data: dict[str, Any]) -> list[tuple[str, str]]:
    import threading
    import warnings

    from matching.games import HospitalResident

    capacities = {m["id"]: m["capacity"] for m in data["mentors"]}
    result: list[tuple[str, str]] = []

    def solve() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            game = HospitalResident.create_from_dictionaries(data["mentee_ranks"], data["mentor_ranks"], capacities)
            matching = game.solve(optimal="resident")
        result.extend((h.name, r.name) for h, residents in matching.items() for r in residents)

    # The package deep-copies its web of players recursively: give it a deep stack in a thread of its own.
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1024 * 1024 * 1024)
    thread = threading.Thread(target=solve)
    thread.start()
    thread.join()
    return result


def _solve_dense(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The welfare objective on the full dense slot × mentee matrix (a missing pair costs as much as no pair)."""
    from scipy.optimize import linear_sum_assignment

    mentors = [m["id"] for m in data["mentors"]]
    mentee_index = {e["id"]: i for i, e in enumerate(data["mentees"])}
    capacity = np.array([m["capacity"] for m in data["mentors"]])
    first_slot = np.concatenate(([0], np.cumsum(capacity)))
    mentor_index = {m: i for i, m in enumerate(mentors)}
    # Integer scores (two decimals) keep the sums exact; a pair gains 1 + the largest possible total, so more
    # pairs always win, then the higher total.
    gains = {(m, e): round(s * 100) for m, e, s in data["scores"]}
    low = min(gains.values())
    bonus = (max(gains.values()) - low) * len(mentee_index) + 1
    gain = np.zeros((int(first_slot[-1]), len(mentee_index)))
    for (m, e), g in gains.items():
        i = mentor_index[m]
        gain[first_slot[i] : first_slot[i + 1], mentee_index[e]] = bonus + g - low
    rows, cols = linear_sum_assignment(gain, maximize=True)
    slot_owner = np.repeat(np.arange(len(mentors)), capacity)
    names = list(mentee_index)
    taken = gain[rows, cols] > 0
    return [(mentors[slot_owner[r]], names[c]) for r, c in zip(rows[taken], cols[taken], strict=True)]


def bytecode_cache_env(pycache: Path) -> dict[str, str]:
    """The children's environment with bytecode caching on, in a private directory.

    An installed system has its modules compiled (pip and ``uv sync --compile-bytecode`` do it at install time,
    Python itself on the first import). This environment sets PYTHONDONTWRITEBYTECODE=1, under which every run
    would compile NumPy's and SciPy's sources again (about a second); the cache goes to the temporary
    directory so nothing is written into the virtual environment.
    """
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return env | {"PYTHONPYCACHEPREFIX": str(pycache)}


def warm_up(workdir: Path, env: dict[str, str]) -> None:
    """Run every method once on a tiny instance, untimed, so the bytecode cache is filled."""
    path = workdir / "warm-up.json"
    path.write_text(json.dumps(generate(20, 50)), encoding="utf-8")
    for objective in ("welfare", "stable"):
        run_nastavnik(objective, path, workdir / "warm-up-out.json", env)
    for method in ("hr", "dense"):
        run_reference(method, path, workdir / "warm-up-out.json", env, None)


# --- one size -------------------------------------------------------------------------------------


def bench_size(
    n_mentors: int, n_mentees: int, workdir: Path, env: dict[str, str], gave_up: dict[str, str]
) -> list[Run]:
    data = generate(n_mentors, n_mentees)
    input_path = workdir / f"instance-{n_mentors}x{n_mentees}.json"
    input_path.write_text(json.dumps(data), encoding="utf-8")
    slots = sum(m["capacity"] for m in data["mentors"])
    size_mb = input_path.stat().st_size / 1024**2
    print(
        f"\n{n_mentors} наставников × {n_mentees} наставляемых: мест {slots}, "
        f"допустимых пар {len(data['scores'])}, входной файл {size_mb:.0f} МБ"
    )
    del data
    cells = slots * n_mentees
    dense_skip = gave_up.get("dense") or (
        f"пропущено: плотная матрица {slots}×{n_mentees} = {cells / 1e6:.0f} млн клеток "
        f"({cells * 8 / 1024**3:.1f} ГБ) — больше предела {DENSE_CELL_LIMIT / 1e6:.0f} млн для эталона"
        if cells > DENSE_CELL_LIMIT
        else None
    )
    runs = [
        run_nastavnik("welfare", input_path, workdir / "welfare.json", env),
        run_nastavnik("stable", input_path, workdir / "stable.json", env),
        run_reference("hr", input_path, workdir / "hr.json", env, gave_up.get("hr")),
        run_reference("dense", input_path, workdir / "dense.json", env, dense_skip),
    ]
    if (n_mentors, n_mentees) in GOALS and os.environ.get("PYTHONDONTWRITEBYTECODE"):
        cold = run_nastavnik("welfare", input_path, workdir / "welfare.json", dict(os.environ))
        runs.append(replace(cold, method="welfare-cold", note="как в этом окружении: PYTHONDONTWRITEBYTECODE=1"))
    for run in runs[2:]:
        if not run.finished and run.note.startswith("прервано"):
            gave_up[run.method] = (
                f"пропущено: на {n_mentors}×{n_mentees} уже не уложилось в {REFERENCE_TIME_LIMIT:.0f} с"
            )
    return runs


def print_table(runs: list[Run]) -> None:
    header = f"{'метод':<28}{'секунд':>8}{'ЦП, с':>8}{'пик, МБ':>9}{'пар':>8}{'сумма оценок':>15}  примечание"
    print(header)
    print("-" * len(header))
    for run in runs:
        print(
            f"{TITLES[run.method]:<28}{_fmt(run.seconds, '.2f'):>8}{_fmt(run.cpu_seconds, '.2f'):>8}"
            f"{_fmt(run.peak_mb, '.0f'):>9}{_fmt(run.matched, 'd'):>8}{_fmt(run.total_score, '.2f'):>15}  {run.note}"
        )


def print_checks(runs: list[Run]) -> None:
    by_method = {run.method: run for run in runs}
    welfare, stable, hr, dense = (by_method[m] for m in ("welfare", "stable", "hr", "dense"))
    if stable.finished and hr.finished:
        print(f"  stable и matching HR: пары {'совпадают' if stable.pairs == hr.pairs else 'РАЗЛИЧАЮТСЯ'}")
    if welfare.finished and dense.finished:
        same = welfare.matched == dense.matched and abs(welfare.total_score - dense.total_score) < 1e-6
        print(f"  welfare и плотный венгерский: число пар и сумма {'совпадают' if same else 'РАЗЛИЧАЮТСЯ'}")
    if welfare.finished and stable.finished:
        print(
            f"  цена устойчивости: сумма оценок stable на {welfare.total_score - stable.total_score:.2f} "
            f"({(1 - stable.total_score / welfare.total_score) * 100:.1f} %) ниже welfare"
        )


def print_goals(size: tuple[int, int], runs: list[Run]) -> None:
    for run in runs:
        goal = GOALS.get(size, {}).get(run.method)
        if goal is None or not run.finished:
            continue
        if run.seconds <= goal:
            verdict = "выполнена"
        elif run.cpu_seconds <= goal:
            # Other processes share the two cores: the process waited for a core, it did not work longer.
            verdict = f"по часам НЕ выполнена, по процессорному времени выполнена (загрузка машины {_load()})"
        else:
            verdict = "НЕ выполнена"
        print(f"  цель {run.method} ≤ {goal:.0f} с: {run.seconds:.2f} с, ЦП {run.cpu_seconds:.2f} с — {verdict}")


def _fmt(value: float | int | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def _load() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description="Замер подбора пар через nastavnik match")
    parser.add_argument("--sizes", help="например 200x500,1000x3000 (по умолчанию — все три размера)")
    parser.add_argument("--child", nargs=3, metavar=("METHOD", "INPUT", "OUTPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child_main(*args.child)
    sizes = [tuple(map(int, s.split("x"))) for s in args.sizes.split(",")] if args.sizes else list(SIZES)
    print(f"Подбор пар: Python {sys.version.split()[0]}, процессоров {os.cpu_count()}, seed {SEED}")
    print(f"Средняя загрузка машины (1, 5, 15 мин) в начале: {_load()}")
    gave_up: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="bench-matching-") as tmp:
        env = bytecode_cache_env(Path(tmp) / "pycache")
        warm_up(Path(tmp), env)
        for size in sizes:
            runs = bench_size(*size, Path(tmp), env, gave_up)
            print_table(runs)
            print_checks(runs)
            print_goals(size, runs)
    print(f"\nСредняя загрузка машины в конце: {_load()}")
    print("«секунд» — от запуска процесса до его завершения; «ЦП, с» — процессорное время этого процесса.")
    print("Процессы запускаются с кэшем байт-кода (как в установленной системе); строка «без .pyc» — без него.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
