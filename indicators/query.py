"""The public query contract of the indicators app.

Other apps (publications' yearbook tables and charts, the API, downloads) read
observations only through these functions: they return only what the public
may see now (the embargo of the observation's release) with disclosure control
applied (cells counted from fewer units than the threshold are suppressed,
and the complementary cells that would give them back by subtraction: see
`indicators.disclosure`).

Stable: may be extended, never broken."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from iran.periods import Period
from releases.embargo import released_q

from . import disclosure
from .enums import Flag
from .models import DIMENSION_FIELDS, Code, Indicator, Observation, period_bounds


@dataclass(frozen=True)
class ObservationRow:
    period: Period
    codes: dict[str, str]  # dimension code-list code -> code, e.g. {"province": "23", "sex": "F"}
    value: Decimal | None  # None when suppressed or missing
    flags: frozenset[str]  # e.g. {"provisional", "revised", "estimated", "break", "suppressed"}
    suppressed: bool


def _indicator(indicator) -> Indicator:
    if isinstance(indicator, Indicator):
        return indicator
    return Indicator.objects.get(code=indicator)


def public_observations(indicator, now=None):
    """The queryset of an indicator's observations that are public now."""
    indicator = _indicator(indicator)
    return Observation.objects.filter(indicator=indicator).filter(released_q("release", now=now))


def is_suppressed(value, count, flags: frozenset[str], threshold: int) -> bool:
    """Primary suppression only (too few units, or flagged by the import); the
    published pattern adds the complementary cells (`rows_from`)."""
    return Flag.SUPPRESSED in flags or (count is not None and count < threshold)


def get_observations(
    indicator,
    *,
    periods: Iterable[Period | str] | None = None,
    filters: dict[str, list[str]] | None = None,
    now=None,
    period_range: tuple[Period | str | None, Period | str | None] | None = None,
) -> list[ObservationRow]:
    """Observations of `indicator` (an Indicator or its code) that are public now,
    with disclosure control applied, sorted by period then codes.

    * `periods`: only these periods (Period objects or codes such as "1403-07").
    * `filters`: {code-list code: [codes]} keeps rows whose dimension has one of the codes.
    * `period_range`: (first, last), either end may be None; inclusive.
    """
    indicator = _indicator(indicator)
    qs = filtered_queryset(indicator, periods=periods, filters=filters, now=now, period_range=period_range)
    return rows_from(indicator, qs, now=now)


def filtered_queryset(indicator, *, periods=None, filters=None, now=None, period_range=None):
    """The public observations of an indicator, filtered and ordered (not yet read)."""
    indicator = _indicator(indicator)
    dims = indicator.dimension_codes
    qs = public_observations(indicator, now=now)
    if periods is not None:
        qs = qs.filter(period__in=[Period.parse(p).code for p in periods])
    if period_range is not None:
        first, last = period_range
        if first:
            qs = qs.filter(period_start__gte=period_bounds(Period.parse(first))[0])
        if last:
            qs = qs.filter(period_end__lte=period_bounds(Period.parse(last))[1])
    for list_code, codes in (filters or {}).items():
        if list_code not in dims:
            raise ValueError(f"{indicator.code} has no dimension {list_code!r}; it has {dims}")
        qs = qs.filter(**{f"{DIMENSION_FIELDS[dims.index(list_code)]}__in": list(codes)})
    return qs.order_by("period_start", "period_end", *DIMENSION_FIELDS[: len(dims)])


def rows_from(indicator, qs, now=None) -> list[ObservationRow]:
    """Read a queryset of observations into rows, applying disclosure control.

    Which cells are hidden is decided on each period's FULL public table
    (every code of every dimension), never on the slice `qs` holds, so every
    query of the same cell hides it alike."""
    dims = indicator.dimension_codes
    fields = ["period", *DIMENSION_FIELDS[: len(dims)], "value", "count", "flags"]
    records = list(qs.values_list(*fields))
    hidden = disclosure.suppressed_by_period(indicator, {r[0] for r in records}, now=now)
    rows = []
    period_cache: dict[str, Period] = {}
    for record in records:
        period_code, *codes, value, _count, flag_text = record
        period = period_cache.get(period_code) or period_cache.setdefault(period_code, Period.parse(period_code))
        flags = frozenset(f for f in flag_text.split(",") if f)
        suppressed = tuple(codes) in hidden.get(period_code, ())
        if suppressed:
            flags = flags | {Flag.SUPPRESSED.value}
            value = None
        rows.append(
            ObservationRow(
                period=period,
                codes=dict(zip(dims, codes, strict=True)),
                value=value,
                flags=frozenset(str(f) for f in flags),
                suppressed=suppressed,
            )
        )
    return rows


def code_labels(code_list_code: str, lang: str) -> dict[str, str]:
    """code -> label in that language (Persian when the English label is missing)."""
    labels = {}
    for code, fa, en in Code.objects.filter(code_list__code=code_list_code).values_list("code", "label_fa", "label_en"):
        labels[code] = (en or fa) if lang == "en" else fa
    return labels


def latest_period(indicator, now=None) -> Period | None:
    """The latest period with public observations."""
    row = public_observations(indicator, now=now).order_by("-period_start").values_list("period", flat=True).first()
    return Period.parse(row) if row else None
