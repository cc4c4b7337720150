"""Statistical blocks: definitions (indicator, axes, periods, filters), never
pasted HTML. They are drawn from observations, through `indicators.query`
(publications.store), every time the page is shown."""

from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from indicators import query

from . import choices, specs
from .blockhtml import chart_block_html, table_block_html
from .blocks import FIGURE_ID_RE, CodeTextBlock, FilterBlock, LiveChoiceBlock
from .headlines import build_headline
from .store import ObservationStore
from .tables import build_table


def store_from(context):
    """The page's observation store (bulk-fetched), or a fresh one."""
    store = (context or {}).get("obs_store")
    if store is None:
        store = ObservationStore(lang=get_language())
    return store


class ObservationBlockMixin:
    """What the table, chart and headline blocks share: the indicator and filters."""

    def indicator_code(self, value):
        return value.get("indicator")

    def _check_indicator(self, value, errors):
        code = value.get("indicator")
        indicator = query.indicators_by_code([code]).get(code) if code else None
        if indicator is None:
            errors["indicator"] = ValidationError(_("Choose an indicator."))
            return None
        dims = indicator.dimension_codes
        for item in value.get("filters") or []:
            if item.get("dimension") and item["dimension"] not in dims:
                errors["filters"] = ValidationError(
                    _("The indicator has no dimension «%(dim)s»; its dimensions are: %(dims)s.")
                    % {"dim": item["dimension"], "dims": ", ".join(dims) or "—"}
                )
        return indicator

    def _check_axes(self, value, indicator, errors, axes):
        dims = indicator.dimension_codes
        for name in axes:
            axis = value.get(name)
            if axis and axis != specs.PERIOD_AXIS and axis not in dims:
                errors[name] = ValidationError(
                    _("The indicator has no dimension «%(dim)s»; its dimensions are: %(dims)s.")
                    % {"dim": axis, "dims": ", ".join(dims) or "—"}
                )

    def _check_fixed_dimensions(self, value, indicator, errors, axes):
        """A dimension on neither axis must be fixed: one code, or its total."""
        filters = specs.parse_filters(value.get("filters"))
        for code_list in indicator.dimension_lists:
            if code_list.code in axes:
                continue
            codes = filters.get(code_list.code)
            if (codes and len(codes) > 1) or (not codes and not code_list.total_code):
                errors["filters"] = ValidationError(
                    _(
                        "«%(dim)s» is on neither axis: choose exactly one of its codes in the filters, "
                        "or put it on an axis."
                    )
                    % {"dim": code_list.name("fa")}
                )

    # -- what a block reads (so a page reads only that: ObservationPageMixin.observation_store)
    def cells(self, value, indicator, scope_filters=None) -> specs.Cells | None:
        """The cells of `indicator` that build() reads from the store (None: none)."""
        axes = self.axes(value)
        try:
            periods = specs.parse_periods(value.get("periods")) if axes else []
        except specs.SpecError:
            return None  # build() shows the error
        merged = specs.effective_filters(indicator, specs.parse_filters(value.get("filters")), scope_filters)
        if merged is None and axes:
            return None  # a table not published at this level reads nothing
        return specs.Cells.of(periods, specs.with_totals(indicator, merged or {}, axes))

    def axes(self, value) -> tuple:
        return ()

    def plan(self, value, store, scope_filters):
        """Tell the store what build() reads (a page's store read only its blocks' cells)."""
        indicator = store.indicator(value.get("indicator"))
        cells = self.cells(value, indicator, scope_filters) if indicator is not None else None
        if cells is not None:
            store.require(indicator.code, cells)

    def built_context(self, name, value, parent_context):
        """{name: what build() makes from the page's observation store, within the
        page's province or organisation scope}, or {"error": why it cannot}."""
        try:
            return {name: self.build(value, store_from(parent_context), (parent_context or {}).get("scope_filters"))}
        except specs.SpecError as exc:
            return {"error": str(exc)}

    def _axis_size(self, axis, periods, filters):
        if not axis:
            return 1
        if axis == specs.PERIOD_AXIS:
            return max(len(periods), 1)
        if axis in filters:
            return len(filters[axis])
        return max(len(query.code_labels(axis, "fa")), 1)

    def _check_grid(self, value, errors, axes, same_axis_message):
        """What tables and charts share: the periods, the indicator, two distinct
        axes (the first required) and a size within MAX_TABLE_CELLS."""
        first, second = axes
        try:
            periods = specs.parse_periods(value.get("periods"))
            if not periods:
                errors["periods"] = ValidationError(_("Give at least one period."))
        except specs.SpecError as exc:
            errors["periods"] = ValidationError(str(exc))
            periods = []
        indicator = self._check_indicator(value, errors)
        if indicator is not None:
            self._check_axes(value, indicator, errors, [first, second])
            self._check_fixed_dimensions(value, indicator, errors, (value.get(first), value.get(second)))
            if value.get(second) and value.get(second) == value.get(first):
                errors[second] = ValidationError(same_axis_message)
        if not errors:
            filters = specs.parse_filters(value.get("filters"))
            cells = self._axis_size(value[first], periods, filters) * self._axis_size(
                value.get(second), periods, filters
            )
            if cells > specs.MAX_TABLE_CELLS:
                errors["periods"] = ValidationError(specs.too_big_message(cells))


class ObservationTableBlock(ObservationBlockMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, help_text=_("Blank: the indicator's name."))
    indicator = LiveChoiceBlock(choices=choices.indicator_choices, label=_("Indicator"))
    rows = LiveChoiceBlock(choices=choices.axis_choices, label=_("Rows"), default=specs.PERIOD_AXIS)
    columns = LiveChoiceBlock(choices=choices.axis_choices, label=_("Columns"), required=False)
    periods = CodeTextBlock(
        label=_("Periods"), help_text=_("Jalali periods: 1398..1402, 1402-01..1402-12 or a list: 1400, 1402")
    )
    filters = blocks.ListBlock(FilterBlock(), label=_("Filters"), default=[])
    notes = blocks.TextBlock(label=_("Notes"), required=False)
    source = blocks.CharBlock(label=_("Source"), required=False)

    class Meta:
        template = "publications/blocks/table.html"
        icon = "table"
        label = _("Table from observations")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        self._check_grid(value, errors, ("rows", "columns"), _("Rows and columns must be different."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def axes(self, value) -> tuple:
        return (value.get("rows") or "", value.get("columns") or "")

    def build(self, value, store, scope_filters=None):
        self.plan(value, store, scope_filters)
        return build_table(
            store,
            indicator_code=value["indicator"],
            rows=value["rows"],
            columns=value.get("columns") or "",
            periods=specs.parse_periods(value["periods"]),
            filters=specs.parse_filters(value.get("filters")),
            scope_filters=scope_filters,
            title=value.get("title") or "",
            source=value.get("source") or "",
            notes=value.get("notes") or "",
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context.update(self.built_context("table", value, parent_context))
        return context

    def render(self, value, context=None):
        """What Meta.template renders, written in Python (publications.blockhtml)."""
        context = context or {}
        built = self.built_context("table", value, context)
        html = table_block_html(
            value, built.get("table"), built.get("error"), context.get("block_id", ""), context.get("page")
        )
        return mark_safe(html)  # every text in it is escaped


class ObservationChartBlock(ObservationBlockMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, help_text=_("Blank: the indicator's name."))
    indicator = LiveChoiceBlock(choices=choices.indicator_choices, label=_("Indicator"))
    chart_type = blocks.ChoiceBlock(
        choices=[("line", _("Line")), ("bar", _("Bar"))], default="line", label=_("Chart type")
    )
    x_axis = LiveChoiceBlock(choices=choices.axis_choices, label=_("Horizontal axis"), default=specs.PERIOD_AXIS)
    series = LiveChoiceBlock(
        choices=choices.dimension_choices, label=_("One line or bar per"), required=False,
        help_text=_("Blank: a single series."),
    )  # fmt: skip
    periods = CodeTextBlock(label=_("Periods"), help_text=_("Jalali periods: 1398..1402 or 1402-01..1402-12"))
    filters = blocks.ListBlock(FilterBlock(), label=_("Filters"), default=[])
    description = blocks.TextBlock(
        label=_("Accessible description"),
        help_text=_("Required. What the chart shows and its main message, for readers who cannot see it."),
    )
    source = blocks.CharBlock(label=_("Source"), required=False)

    class Meta:
        template = "publications/blocks/chart.html"
        icon = "chart"
        label = _("Chart from observations")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if not (value.get("description") or "").strip():
            errors["description"] = ValidationError(_("A chart needs an accessible description."))
        self._check_grid(
            value, errors, ("x_axis", "series"), _("The series and the horizontal axis must be different.")
        )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def axes(self, value) -> tuple:
        return (value.get("series") or "", value.get("x_axis") or "")

    def build(self, value, store, scope_filters=None):
        """The chart's data as a table: one row per series, one column per x value."""
        self.plan(value, store, scope_filters)
        return build_table(
            store,
            indicator_code=value["indicator"],
            rows=value.get("series") or "",
            columns=value["x_axis"],
            periods=specs.parse_periods(value["periods"]),
            filters=specs.parse_filters(value.get("filters")),
            scope_filters=scope_filters,
            title=value.get("title") or "",
            source=value.get("source") or "",
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        built = self.built_context("table", value, parent_context)
        context.update(built)
        if "table" in built:
            context["chart_json"] = chart_json(built["table"], value.get("chart_type") or "line")
            context["chart_data_id"] = f"chart-data-{(parent_context or {}).get('block_id', '')}"
        return context

    def render(self, value, context=None):
        """What Meta.template renders, written in Python (publications.blockhtml)."""
        context = context or {}
        built = self.built_context("table", value, context)
        table, block_id = built.get("table"), context.get("block_id", "")
        html = chart_block_html(
            value,
            table,
            built.get("error"),
            block_id,
            context.get("page"),
            chart_json=chart_json(table, value.get("chart_type") or "line") if table is not None else None,
            chart_data_id=f"chart-data-{context.get('block_id', '')}",
        )
        return mark_safe(html)  # every text in it is escaped


def chart_json(table, chart_type):
    """Data for the chart script: labels and series, numbers only (no HTML)."""
    series = []
    for (_code, label), row in zip(table.rows, table.cells, strict=True):
        series.append(
            {
                "name": label or table.title,
                "values": [None if cell.symbol else float(cell.value) for cell in row],
            }
        )
    return {
        "type": chart_type,
        "labels": [label for _code, label in table.columns],
        "series": series,
        "unit": table.unit,
        "decimals": table.decimals,
    }


class HeadlineFigureBlock(ObservationBlockMixin, blocks.StructBlock):
    figure_id = blocks.RegexBlock(
        regex=FIGURE_ID_RE.pattern,
        label=_("Figure id"),
        help_text=_(
            "A stable id for links and the API, in Latin lower case, e.g. insured-persons. "
            "Do not change it once published."
        ),
        error_messages={"invalid": _("Use Latin lower-case letters, digits and hyphens, starting with a letter.")},
    )
    label = blocks.CharBlock(label=_("Label"), required=False, help_text=_("Blank: the indicator's name."))
    indicator = LiveChoiceBlock(choices=choices.indicator_choices, label=_("Indicator"))
    period = CodeTextBlock(
        label=_("Period"), required=False, help_text=_("Blank: the latest period with data, e.g. 1402-12")
    )
    compare = blocks.ChoiceBlock(
        choices=[("previous", _("Previous period")), ("year_before", _("Same period a year before"))],
        default="previous",
        label=_("Change against"),
    )
    filters = blocks.ListBlock(FilterBlock(), label=_("Filters"), default=[])
    commentary = blocks.CharBlock(label=_("Commentary"), required=False)

    class Meta:
        template = "publications/blocks/headline.html"
        icon = "pick"
        label = _("Headline figure")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        self._check_indicator(value, errors)
        if value.get("period"):
            try:
                specs.parse_periods(value["period"])
            except specs.SpecError as exc:
                errors["period"] = ValidationError(str(exc))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def build(self, value, store, scope_filters=None):
        self.plan(value, store, scope_filters)
        period = specs.parse_periods(value["period"])[0] if value.get("period") else None
        return build_headline(
            store,
            figure_id=value["figure_id"],
            indicator_code=value["indicator"],
            filters=specs.parse_filters(value.get("filters")),
            scope_filters=scope_filters,
            period=period,
            compare=value.get("compare") or "previous",
            label=value.get("label") or "",
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context.update(self.built_context("figure", value, parent_context))
        return context
