"""Entry-versus-exit statistics for monitoring — a pure module (no Django), shared by the pages and the
``nastavnik dynamics`` file interface.

For one measure the participants with both an entry and an exit value are compared:

* the two-sided Wilcoxon signed-rank test of ``exit − entry`` exactly as ``scipy.stats.wilcoxon(differences)``
  computes it with its defaults (zero differences dropped, exact distribution for small samples);
* the matched-pairs rank-biserial correlation ``r = (R₊ − R₋) / (R₊ + R₋)`` over the ranks of the absolute
  non-zero differences (average ranks for ties), from −1 (everyone went down) to +1 (everyone went up);
* its 95 % interval by Fisher's z: ``tanh(atanh(r) ± 1.96·SE)`` with ``SE = sqrt(2(2m+1) / (3m(m+1)))``, ``m`` the
  number of non-zero differences (the standard error of ``r`` under no change, as in the R package *effectsize*).
  When every non-zero difference has the same sign (``|r| = 1``) ``atanh`` is infinite, so the plain interval
  ``r ± 1.96·SE`` cut to [−1, 1] is given instead; when every difference is zero the interval is [0, 0];
* a verdict: ``too_few`` below six participants (no two-sided result can reach 0.05 then), ``up``/``down`` when
  p < 0.05 (by the sign of ``r``), otherwise ``no_change``.
"""

from __future__ import annotations

import csv
import io
import math
import statistics
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass

WAVES = ("entry", "intermediate", "exit")
COLUMNS = ("participant", "measure", "wave", "value")
MIN_N = 6
ALPHA = 0.05
Z_95 = 1.959963984540054

# The published average effect of youth mentoring (DuBois et al., 2011: a meta-analysis of 73 evaluations;
# the figure usually quoted for 70 independent studies) — shown beside every effect so nobody over-claims.
PUBLISHED_MENTORING_G = 0.21
PUBLISHED_MENTORING_STUDIES = 70

VERDICT_TOO_FEW = "too_few"
VERDICT_UP = "up"
VERDICT_DOWN = "down"
VERDICT_NO_CHANGE = "no_change"
VERDICTS = (VERDICT_TOO_FEW, VERDICT_UP, VERDICT_DOWN, VERDICT_NO_CHANGE)


@dataclass(frozen=True)
class Dynamics:
    """The comparison of exit with entry for one measure (the JSON object of the file interface)."""

    measure: str
    n: int
    entry_mean: float | None
    exit_mean: float | None
    mean_change: float | None
    median_change: float | None
    test: str
    statistic: float | None
    p_value: float | None
    effect_size: float | None
    ci_low: float | None
    ci_high: float | None
    verdict: str

    def as_dict(self) -> dict:
        return asdict(self)


def rank_biserial(differences: Iterable[float]) -> float:
    """Matched-pairs rank-biserial correlation of the differences (zeros dropped, average ranks); 0 when no
    difference is non-zero."""
    nonzero = [d for d in differences if d != 0]
    if not nonzero:
        return 0.0
    ranks = average_ranks([abs(d) for d in nonzero])
    plus = sum(rank for rank, d in zip(ranks, nonzero, strict=True) if d > 0)
    minus = sum(rank for rank, d in zip(ranks, nonzero, strict=True) if d < 0)
    return (plus - minus) / (plus + minus)


def average_ranks(values: Sequence[float]) -> list[float]:
    """Ranks 1…n of the values, ties sharing the average of their places."""
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        rank = (start + end) / 2 + 1
        for position in range(start, end + 1):
            ranks[order[position]] = rank
        start = end + 1
    return ranks


def rank_biserial_interval(r: float, nonzero: int) -> tuple[float, float]:
    """The 95 % interval of a matched-pairs rank-biserial correlation over ``nonzero`` non-zero differences."""
    if nonzero == 0:
        return 0.0, 0.0
    se = math.sqrt(2 * (2 * nonzero + 1) / (3 * nonzero * (nonzero + 1)))
    if abs(r) >= 1:
        return max(-1.0, r - Z_95 * se), min(1.0, r + Z_95 * se)
    z = math.atanh(r)
    return math.tanh(z - Z_95 * se), math.tanh(z + Z_95 * se)


def wilcoxon(differences: Sequence[float]) -> tuple[float, float]:
    """(statistic, p-value) of ``scipy.stats.wilcoxon(differences)`` with its defaults; (0, 1) when every
    difference is zero (SciPy has nothing to rank then)."""
    if all(d == 0 for d in differences):
        return 0.0, 1.0
    from scipy.stats import wilcoxon as scipy_wilcoxon  # imported late: the file interface starts fast

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # SciPy warns about zeros and small samples
        result = scipy_wilcoxon(list(differences))
    statistic, p_value = float(result.statistic), float(result.pvalue)
    if math.isnan(p_value):  # cannot happen with a non-zero difference, but never let NaN reach JSON
        p_value = 1.0
    return statistic, p_value


def verdict_of(n: int, p_value: float | None, effect_size: float | None) -> str:
    if n < MIN_N or p_value is None:
        return VERDICT_TOO_FEW
    if p_value < ALPHA and effect_size:
        return VERDICT_UP if effect_size > 0 else VERDICT_DOWN
    return VERDICT_NO_CHANGE


def compare(measure: str, entry: Mapping[str, float], exit_: Mapping[str, float]) -> Dynamics:
    """Compare the exit values with the entry values of the participants who have both."""
    both = sorted(set(entry) & set(exit_))
    n = len(both)
    entry_values = [float(entry[p]) for p in both]
    exit_values = [float(exit_[p]) for p in both]
    differences = [after - before for before, after in zip(entry_values, exit_values, strict=True)]
    entry_mean = statistics.fmean(entry_values) if n else None
    exit_mean = statistics.fmean(exit_values) if n else None
    mean_change = statistics.fmean(differences) if n else None
    median_change = float(statistics.median(differences)) if n else None
    statistic = p_value = effect = low = high = None
    if n >= MIN_N:
        statistic, p_value = wilcoxon(differences)
        effect = rank_biserial(differences)
        low, high = rank_biserial_interval(effect, sum(1 for d in differences if d != 0))
    return Dynamics(
        measure=measure,
        n=n,
        entry_mean=entry_mean,
        exit_mean=exit_mean,
        mean_change=mean_change,
        median_change=median_change,
        test="wilcoxon",
        statistic=statistic,
        p_value=p_value,
        effect_size=effect,
        ci_low=low,
        ci_high=high,
        verdict=verdict_of(n, p_value, effect),
    )


@dataclass(frozen=True)
class Observation:
    participant: str
    measure: str
    wave: str
    value: float


def analyse(observations: Iterable[Observation]) -> list[Dynamics]:
    """One comparison per measure, sorted by measure name (intermediate values are not part of the test)."""
    by_measure: dict[str, dict[str, dict[str, float]]] = {}
    for row in observations:
        waves = by_measure.setdefault(row.measure, {wave: {} for wave in WAVES})
        waves[row.wave][row.participant] = row.value
    return [compare(measure, waves["entry"], waves["exit"]) for measure, waves in sorted(by_measure.items())]


# --- the CSV of the file interface ------------------------------------------------------------------


class DynamicsInputError(ValueError):
    """The CSV is malformed; the message is in Russian and names the line."""


def parse_csv(text: str) -> list[Observation]:
    """Read ``participant,measure,wave,value`` rows; raise DynamicsInputError naming the line on any problem."""
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise DynamicsInputError("строка 1: файл пуст, нужен заголовок participant,measure,wave,value") from None
    except csv.Error as error:
        raise DynamicsInputError(f"строка 1: не удаётся прочитать CSV ({error})") from None
    header = [name.strip() for name in header]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise DynamicsInputError(
            f"строка 1: в заголовке нет столбца {', '.join(f'«{m}»' for m in missing)}; "
            "нужны participant,measure,wave,value"
        )
    index = {name: header.index(name) for name in COLUMNS}
    observations: list[Observation] = []
    seen: dict[tuple[str, str, str], int] = {}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise DynamicsInputError(f"строка {reader.line_num}: не удаётся прочитать CSV ({error})") from None
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            raise DynamicsInputError(f"строка {line}: не хватает значений — нужно {len(header)}, есть {len(row)}")
        if len(row) > len(header):
            raise DynamicsInputError(f"строка {line}: лишние значения — нужно {len(header)}, есть {len(row)}")
        participant = row[index["participant"]].strip()
        measure = row[index["measure"]].strip()
        wave = row[index["wave"]].strip()
        raw_value = row[index["value"]].strip()
        if not participant:
            raise DynamicsInputError(f"строка {line}: не указан участник (participant)")
        if not measure:
            raise DynamicsInputError(f"строка {line}: не указан показатель (measure)")
        if wave not in WAVES:
            raise DynamicsInputError(f"строка {line}: неизвестный срез «{wave}» — допустимы entry, intermediate, exit")
        value = _number(raw_value)
        if value is None:
            raise DynamicsInputError(f"строка {line}: значение «{raw_value}» — не число")
        key = (participant, measure, wave)
        if key in seen:
            raise DynamicsInputError(
                f"строка {line}: повтор — у участника «{participant}» уже есть значение «{measure}» "
                f"в срезе {wave} (строка {seen[key]})"
            )
        seen[key] = line
        observations.append(Observation(participant, measure, wave, value))
    return observations


def _number(raw: str) -> float | None:
    """A finite number; a decimal comma («3,5», as Russian spreadsheets write it) is accepted too."""
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        return None
    return None if math.isnan(value) or math.isinf(value) else value


def dynamics_json(observations: Iterable[Observation]) -> dict:
    return {"measures": [item.as_dict() for item in analyse(observations)]}


# --- words for people -------------------------------------------------------------------------------


def effect_band(effect_size: float | None) -> str | None:
    """A code for the size of a rank-biserial correlation (|r| < 0.1 negligible, < 0.3 small, < 0.5 medium,
    otherwise large — the usual thresholds for a correlation); the pages turn it into words."""
    if effect_size is None:
        return None
    size = abs(effect_size)
    if size < 0.1:
        return "negligible"
    if size < 0.3:
        return "small"
    if size < 0.5:
        return "medium"
    return "large"


def r_to_d(r: float) -> float:
    """A correlation expressed as a standardised mean difference (d = 2r / sqrt(1 − r²)), to set it beside the
    published g; infinite at |r| = 1 is capped at ±3."""
    if abs(r) >= 0.99:
        return math.copysign(3.0, r)
    return 2 * r / math.sqrt(1 - r * r)


def proportion_interval(successes: int, total: int) -> tuple[float, float] | None:
    """Wilson 95 % interval of a share (None with no cases) — for «which matching worked»."""
    if total <= 0:
        return None
    share = successes / total
    z2 = Z_95 * Z_95
    centre = (share + z2 / (2 * total)) / (1 + z2 / total)
    half = Z_95 * math.sqrt(share * (1 - share) / total + z2 / (4 * total * total)) / (1 + z2 / total)
    return max(0.0, centre - half), min(1.0, centre + half)


def mean_interval(values: Sequence[float]) -> tuple[float, float] | None:
    """Normal-approximation 95 % interval of a mean (None below two values)."""
    if len(values) < 2:
        return None
    mean = statistics.fmean(values)
    half = Z_95 * statistics.stdev(values) / math.sqrt(len(values))
    return mean - half, mean + half
