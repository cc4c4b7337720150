from django import template

from core.language import current_language

register = template.Library()


@register.simple_tag
def latest_publications(limit=4):
    """The newest released publications in the page's language, and the index."""
    from wagtail.models import Locale

    from ..listing import latest_publications as latest
    from ..models import PublicationIndexPage

    locale = Locale.objects.filter(language_code=current_language()).first()
    if locale is None:
        return {"items": [], "index": None}
    return {
        "items": latest(locale, limit),
        "index": PublicationIndexPage.objects.live().filter(locale=locale).first(),
    }
