from django import template
from django.urls import reverse

from catalog.models import Dataset
from indicators.models import Indicator

from .. import next_update

register = template.Library()


@register.inclusion_tag("alerts/includes/next_update.html")
def next_update_for(obj):
    """The «Next update» line for an indicator, a dataset or a publication page."""
    if isinstance(obj, Indicator):
        series = next_update.indicator_series(obj)
    elif isinstance(obj, Dataset):
        series = next_update.dataset_series(obj)
    else:
        series = next_update.page_series(obj)
    alerts_url = reverse("alerts:subscribe") + f"?indicator={obj.code}" if isinstance(obj, Indicator) else ""
    return {"entry": next_update.next_entry_of(series), "series": series, "alerts_url": alerts_url}
