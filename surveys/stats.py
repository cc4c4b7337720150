"""Survey statistics: pure functions, no models.

* `t_quantile(p, df)` — Student's t quantile (no SciPy: the regularised
  incomplete beta function by Lentz's continued fraction, then bisection).
* `mean_ci(values)` — mean, standard deviation and the 95% confidence interval
  of the mean, ``mean ± t(0.975, n−1) · s / √n``.
* `share_rows(counts, total)` — counts and percentages for a bar chart.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from statistics import NormalDist


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    tiny, eps = 1e-300, 1e-15
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < eps:
            break
    return h


def incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)
    front = math.exp(log_front)
    if x < (a + 1) / (a + b + 2):
        return front * _beta_continued_fraction(a, b, x) / a
    return 1.0 - front * _beta_continued_fraction(b, a, 1 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T ≤ t) for Student's t with `df` degrees of freedom."""
    tail = 0.5 * incomplete_beta(df / 2, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def t_pdf(t: float, df: float) -> float:
    log_norm = math.lgamma((df + 1) / 2) - math.lgamma(df / 2) - 0.5 * math.log(df * math.pi)
    return math.exp(log_norm - (df + 1) / 2 * math.log1p(t * t / df))


@lru_cache(maxsize=2048)
def t_quantile(p: float, df: int) -> float:
    """The t such that P(T ≤ t) = p (0 < p < 1): Newton's method from the
    Cornish–Fisher approximation, with bisection as the safety net."""
    if not 0 < p < 1:
        raise ValueError("p must be between 0 and 1")
    if df < 1:
        raise ValueError("df must be at least 1")
    if p < 0.5:
        return -t_quantile(1 - p, df)
    if p == 0.5:
        return 0.0
    z = NormalDist().inv_cdf(p)
    t = z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df * df)
    for _ in range(30):
        step = (t_cdf(t, df) - p) / t_pdf(t, df)
        t -= step
        if t <= 0 or not math.isfinite(t):
            break
        if abs(step) < 1e-12:
            return t
    return _t_quantile_bisect(p, df)


def _t_quantile_bisect(p: float, df: int) -> float:
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2
    for _ in range(200):
        mid = (low + high) / 2
        if t_cdf(mid, df) < p:
            low = mid
        else:
            high = mid
        if high - low < 1e-12:
            break
    return (low + high) / 2


@dataclass(frozen=True)
class MeanCI:
    n: int
    mean: float | None
    sd: float | None
    low: float | None
    high: float | None

    @property
    def half_width(self):
        if self.low is None or self.mean is None:
            return None
        return self.mean - self.low


def mean_ci(values, confidence: float = 0.95) -> MeanCI:
    """Mean and its confidence interval from the t distribution. With one
    value there is a mean but no interval; with none, nothing."""
    values = [float(v) for v in values if v is not None]
    n = len(values)
    if n == 0:
        return MeanCI(0, None, None, None, None)
    mean = math.fsum(values) / n
    if n == 1:
        return MeanCI(1, mean, None, None, None)
    sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1))
    margin = t_quantile(1 - (1 - confidence) / 2, n - 1) * sd / math.sqrt(n)
    return MeanCI(n, mean, sd, mean - margin, mean + margin)


def percent(count: int, total: int) -> float | None:
    return None if not total else 100.0 * count / total
