"""One search result, whatever it was found in, and the kinds of result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

TYPES = {
    "indicator": _("Indicator"),
    "dataset": _("Dataset"),
    "variable": _("Variable"),
    "publication": _("Publication"),
    "page": _("Page"),
    "release": _("Release calendar entry"),
}
TYPE_ORDER = list(TYPES)


@dataclass
class Hit:
    type: str
    title: str
    url: str
    texts: list = field(default_factory=list)
    date: dt.date | dt.datetime | None = None
    date_is_month: bool = False
    topics: set = field(default_factory=set)
    order: float = 0.0
    status: str = ""
    snippet: str = ""
    title_html: str = ""
    date_html: str = ""
    # A page's URL is worked out only for the hits shown (sources.decorate): "" in
    # `url` until then.
    url_path: str = ""

    @property
    def type_label(self):
        return TYPES[self.type]
