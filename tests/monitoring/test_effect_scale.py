"""The effect on the g scale beside the rank-biserial r, said against the published g ≈ 0.21."""

import math

import pytest

from nastavnik.monitoring import selectors, stats


def _item(r: float, low: float, high: float, *, higher_is_better: bool = True) -> selectors.MeasureDynamics:
    result = stats.Dynamics("m", 30, 3.0, 3.2, 0.2, 0.2, "wilcoxon", 10.0, 0.01, r, low, high, "up")
    return selectors.MeasureDynamics("m", "M", "mentee", higher_is_better, result)


def test_r_is_turned_into_d_with_its_interval():
    words = selectors.standardised_words(_item(0.3, 0.2, 0.4))
    d = 2 * 0.3 / math.sqrt(1 - 0.09)
    assert f"d ≈ {d:.2f}".replace(".", ",") in words
    assert "95% интервал от 0,41 до 0,87" in words  # 2r/√(1−r²) of 0.2 and 0.4
    assert "больше среднего эффекта наставничества" in words and "g ≈ 0,21" in words
    assert "Сравнение условное" in words  # before/after, not against a control group as g is


def test_a_rank_correlation_near_one_is_not_turned_into_an_absurd_d():
    words = selectors.standardised_words(_item(0.94, 0.76, 0.99))
    assert "d по модулю больше 2, как и весь 95% интервал" in words and "5,75" not in words
    assert "d ≈ 1,05, 95% интервал от 0,41 до 2 и выше" in selectors.standardised_words(_item(0.465, 0.2, 0.8))


def test_a_d_beyond_the_scale_reads_as_words_not_as_approximately_more():
    words = selectors.standardised_words(_item(0.99, 0.2, 0.999))
    assert "d больше 2,00, 95% интервал от 0,41 до 2 и выше" in words
    assert "≈ более" not in words and "до более" not in words


@pytest.mark.parametrize(
    ("r", "low", "high", "better", "expected"),
    [
        (0.04, 0.01, 0.08, True, "меньше среднего эффекта"),
        (0.1, -0.1, 0.3, True, "сопоставимо со средним эффектом"),
        (-0.3, -0.4, -0.2, True, "улучшения нет"),
        # burnout: lower is better, so a fall is the improvement
        (-0.3, -0.4, -0.2, False, "больше среднего эффекта"),
    ],
)
def test_the_comparison_with_the_benchmark_in_words(r, low, high, better, expected):
    assert expected in selectors.standardised_words(_item(r, low, high, higher_is_better=better))


def test_nothing_is_said_without_an_effect():
    result = stats.Dynamics("m", 3, 3.0, 3.2, 0.2, 0.2, "wilcoxon", None, None, None, None, None, "too_few")
    assert selectors.standardised_words(selectors.MeasureDynamics("m", "M", "mentee", True, result)) == ""


@pytest.mark.django_db
def test_the_programme_page_shows_d_beside_r_and_the_benchmark(client):
    from django.urls import reverse

    from tests.monitoring.factories import measure, programme

    program, curator, pairs = programme(pairs=8)
    for number, m in enumerate(pairs):
        measure(m, "belonging", 3.0, 3.0 + (number - 2) * 0.2)
    client.force_login(curator.user)
    page = client.get(reverse("monitoring_program", args=[program.pk])).content.decode()
    assert "Размер эффекта:" in page and "(r = " in page
    assert "В единицах стандартного отклонения (как g в метаанализах): d ≈" in page
