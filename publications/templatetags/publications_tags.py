from django import template
from wagtail.models import Locale

from core.language import current_language

from ..models import PublicationIndexPage
from ..models import latest_publications as latest

register = template.Library()


@register.simple_tag
def latest_publications(limit=4):
    """The newest released publications in the page's language, and the index."""
    locale = Locale.objects.filter(language_code=current_language()).first()
    if locale is None:
        return {"items": [], "index": None}
    return {
        "items": latest(locale, limit),
        "index": PublicationIndexPage.objects.live().filter(locale=locale).first(),
    }
