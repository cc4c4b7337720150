from django import template

from ..models import CatalogIndexPage
from ..views import latest_datasets as _latest

register = template.Library()


@register.simple_tag
def latest_datasets(limit=3):
    if CatalogIndexPage.for_language() is None:
        return []
    return _latest(limit)


@register.simple_tag
def catalog_url():
    page = CatalogIndexPage.for_language()
    return page.url if page else ""
