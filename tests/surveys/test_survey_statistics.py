"""The survey's statistics: t quantiles and mean confidence intervals against hand-computed values."""

import math

import pytest

from surveys.stats import mean_ci, t_quantile

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.706205), (2, 4.302653), (4, 2.776445), (9, 2.262157), (29, 2.045230), (120, 1.979930)],
)
def test_t_quantile_matches_the_printed_table(df, expected):
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-5)


def test_t_quantile_newton_agrees_with_bisection_and_is_symmetric():
    from surveys.stats import _t_quantile_bisect, t_cdf

    for df in [1, 2, 3, 7, 30, 250, 10_000]:
        for p in (0.6, 0.9, 0.975, 0.999):
            t = t_quantile(p, df)
            assert t == pytest.approx(_t_quantile_bisect(p, df), abs=1e-8)
            assert t_cdf(t, df) == pytest.approx(p, abs=1e-10)
            assert t_quantile(1 - p, df) == pytest.approx(-t)


def test_mean_and_confidence_interval_match_a_hand_computed_example():
    # Scores 1, 2, 3, 4, 5: mean 3; s² = (4+1+0+1+4)/4 = 2.5; s = 1.581139;
    # standard error = s/√5 = 0.707107; t(0.975, 4) = 2.776445;
    # half-width = 2.776445 × 0.707107 = 1.963243 → [1.036757, 4.963243].
    result = mean_ci([1, 2, 3, 4, 5])
    assert result.n == 5
    assert result.mean == pytest.approx(3.0)
    assert result.sd == pytest.approx(math.sqrt(2.5))
    assert result.low == pytest.approx(1.036757, abs=1e-6)
    assert result.high == pytest.approx(4.963243, abs=1e-6)


def test_mean_ci_second_hand_example_and_edge_cases():
    # 4, 4, 5, 3, 4, 5, 2, 5: mean 4; squared deviations 0,0,1,1,0,1,4,1 = 8; s² = 8/7;
    # se = √(8/7)/√8 = 0.377964; t(0.975, 7) = 2.364624 → ± 0.893744.
    result = mean_ci([4, 4, 5, 3, 4, 5, 2, 5])
    assert result.mean == pytest.approx(4.0)
    assert result.half_width == pytest.approx(0.893744, abs=1e-6)
    one = mean_ci([4])
    assert one.mean == 4 and one.low is None
    assert mean_ci([]).mean is None
