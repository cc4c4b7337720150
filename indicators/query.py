"""The public query contract of the indicators app.

Other apps (publications' yearbook tables and charts, the API, downloads) read
observations only through these functions: they return only what the public
may see now (the embargo of the observation's release) with disclosure control
applied (cells counted from fewer units than the threshold are suppressed,
and the complementary cells that would give them back by subtraction: see
`indicators.disclosure`).

Stable: may be extended, never broken."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Q

from iran.periods import Period
from releases.embargo import released_q

from . import disclosure
from .enums import Flag
from .models.codes import Code
from .models.indicators import Indicator, IndicatorDimension
from .models.observations import DIMENSION_FIELDS, Observation, period_bounds


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
    """code -> label in that language (Persian when the English label is missing),
    in the code list's order."""
    return labels_for([code_list_code], lang)[code_list_code]


def labels_for(code_list_codes: Iterable[str], lang: str) -> dict[str, dict[str, str]]:
    """{code list: {code: label}} for several code lists in one query: the one
    label lookup of pages, cards and publications."""
    wanted = list(dict.fromkeys(code_list_codes))
    labels: dict[str, dict[str, str]] = {code_list: {} for code_list in wanted}
    if not wanted:
        return labels
    rows = Code.objects.filter(code_list__code__in=wanted).order_by("code_list__code", "sort_order", "code")
    for list_code, code, fa, en in rows.values_list("code_list__code", "code", "label_fa", "label_en"):
        labels[list_code][code] = (en or fa) if lang == "en" else fa
    return labels


def with_dimensions(indicators: Iterable[Indicator]) -> list[Indicator]:
    """The indicators, each with its dimensions' code lists read (one query for all)."""
    indicators = list(indicators)
    lists: dict[int, list] = {indicator.pk: [] for indicator in indicators}
    dimensions = IndicatorDimension.objects.filter(indicator__in=list(lists)).select_related("code_list")
    for dimension in dimensions.order_by("indicator_id", "position"):
        lists[dimension.indicator_id].append(dimension.code_list)
    for indicator in indicators:
        indicator.__dict__["dimension_lists"] = lists[indicator.pk]  # fills the cached_property
    return indicators


def indicators_by_code(codes: Iterable[str]) -> dict[str, Indicator]:
    """{code: indicator with its dimensions' code lists}: one query through the
    dimensions (a second only for indicators that have none or do not exist)."""
    codes = {c for c in codes if c}
    found: dict[str, Indicator] = {}
    dimensions = IndicatorDimension.objects.filter(indicator__code__in=codes).select_related("indicator", "code_list")
    for dimension in dimensions.order_by("indicator_id", "position"):
        indicator = found.setdefault(dimension.indicator.code, dimension.indicator)
        indicator.__dict__.setdefault("dimension_lists", []).append(dimension.code_list)
    if codes - set(found):
        for indicator in Indicator.objects.filter(code__in=codes - set(found)):
            indicator.__dict__["dimension_lists"] = []
            found[indicator.code] = indicator
    return found


def get_observations_many(
    indicators: Iterable[Indicator], *, now=None, last_periods: int | None = None
) -> dict[str, list[ObservationRow]]:
    """{indicator code: rows}: every public observation of several indicators (or
    of each one's `last_periods` latest periods), in ONE query whatever their
    number, with the same disclosure control and order as `get_observations`.

    Whole periods are read, so each period's pattern is computed on its full
    public table here, without reading it again. The indicators' dimensions
    must be loaded (`with_dimensions`, `indicators_by_code`)."""
    indicators = [i for i in indicators if i is not None]
    out: dict[str, list[ObservationRow]] = {indicator.code: [] for indicator in indicators}
    if not indicators:
        return out
    by_id = {indicator.pk: indicator for indicator in indicators}
    public = Observation.objects.filter(released_q("release", now=now))
    qs = public.filter(indicator_id__in=list(by_id))
    if last_periods is not None:
        qs = qs.filter(_recent_q(by_id, public, last_periods))
    fields = ["indicator_id", "period", *DIMENSION_FIELDS, "value", "count", "flags"]
    records: dict[int, dict[str, list]] = {pk: {} for pk in by_id}
    for indicator_id, period_code, *rest in qs.order_by(
        "indicator_id", "period_start", "period_end", *DIMENSION_FIELDS
    ).values_list(*fields):
        value, count, flag_text = rest[len(DIMENSION_FIELDS) :]
        codes = tuple(rest[: len(by_id[indicator_id].dimension_lists)])
        flags = frozenset(f for f in (flag_text or "").split(",") if f)
        records[indicator_id].setdefault(period_code, []).append((codes, value, count, flags))
    hierarchies = _Hierarchies(indicators)
    periods: dict[str, Period] = {}
    for indicator_id, by_period in records.items():
        indicator = by_id[indicator_id]
        names = indicator.dimension_codes
        rows = out[indicator.code]
        for period_code, period_records in by_period.items():
            hidden = disclosure.suppressed_cells(indicator, period_records, hierarchies.of(indicator))
            period = periods.get(period_code) or periods.setdefault(period_code, Period.parse(period_code))
            for codes, value, _count, flags in period_records:
                suppressed = codes in hidden
                if suppressed:
                    flags, value = flags | {Flag.SUPPRESSED.value}, None
                rows.append(
                    ObservationRow(
                        period=period,
                        codes=dict(zip(names, codes, strict=True)),
                        value=value,
                        flags=frozenset(str(f) for f in flags),
                        suppressed=suppressed,
                    )
                )
    return out


def _recent_q(by_id, public, last_periods):
    """Each indicator's observations from its `last_periods`-th latest public period on
    (one aggregate query for all)."""
    latest = public.filter(indicator_id__in=list(by_id)).values("indicator_id").annotate(last=Max("period_start"))
    q = Q(pk__in=[])
    for indicator_id, last in latest.values_list("indicator_id", "last"):
        months = 12 // int(by_id[indicator_id].periodicity or 12)
        q |= Q(indicator_id=indicator_id, period_start__gte=last - (last_periods - 1) * months)
    return q


class _Hierarchies:
    """The code lists' hierarchies of a batch of indicators, read in one query for
    the whole batch and only when disclosure control needs them (not when its
    pattern is already cached)."""

    def __init__(self, indicators):
        self.lists = {cl.pk for indicator in indicators for cl in indicator.dimension_lists}
        self.parents: dict[int, dict[str, str | None]] | None = None

    def of(self, indicator) -> Sequence:
        return _LazyHierarchies(self, indicator)

    def read(self):
        if self.parents is None:
            self.parents = {pk: {} for pk in self.lists}
            codes = Code.objects.filter(code_list__in=self.lists)
            for list_id, code, parent in codes.values_list("code_list_id", "code", "parent__code"):
                self.parents[list_id][code] = parent
        return self.parents


class _LazyHierarchies(Sequence):
    """`disclosure.hierarchies_for(indicator)`, read on first use."""

    def __init__(self, batch, indicator):
        self.batch, self.indicator, self.items = batch, indicator, None

    def _items(self):
        if self.items is None:
            parents = self.batch.read()
            self.items = [
                disclosure.Hierarchy(parents[cl.pk], cl.total_code or "") for cl in self.indicator.dimension_lists
            ]
        return self.items

    def __getitem__(self, index):
        return self._items()[index]

    def __len__(self):
        return len(self.indicator.dimension_lists)


def latest_period(indicator, now=None) -> Period | None:
    """The latest period with public observations."""
    row = public_observations(indicator, now=now).order_by("-period_start").values_list("period", flat=True).first()
    return Period.parse(row) if row else None
