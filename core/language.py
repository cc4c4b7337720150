"""The page's language and bilingual fields: one helper for the whole site.

The site speaks Persian (the default) and English. Anything else Django may
report (no active language in a management command, a regional code such as
`en-us`) is read as one of the two.

Bilingual model fields come as `<name>_fa` and `<name>_en` (or `<name>` and
`<name>_en` on pages whose Persian field has no suffix). `pick` reads the one of
the language asked for; a field not yet translated shows in Persian, and a
missing Persian text falls back to English rather than to nothing."""

from django.utils.translation import get_language

PERSIAN = "fa"
ENGLISH = "en"


def normalise(language: str | None) -> str:
    """ "en" for any English code, "fa" for everything else (or nothing)."""
    return ENGLISH if (language or PERSIAN).lower().startswith(ENGLISH) else PERSIAN


def current_language() -> str:
    """The active language as "fa" or "en"."""
    return normalise(get_language())


def is_english(language: str | None = None) -> bool:
    return normalise(language or get_language()) == ENGLISH


def persian_value(obj, base: str):
    """`<base>_fa`, or `<base>` when the model has no `_fa` field."""
    value = getattr(obj, f"{base}_fa", None)
    if value is None:
        value = getattr(obj, base, "")
    # A model may name its bilingual reader like the field (`name(lang)`): not a value.
    return "" if callable(value) else value


def pick(obj, base: str, language: str | None = None):
    """The field `base` of `obj` in `language` (default: the page's)."""
    english = getattr(obj, f"{base}_en", "") or ""
    if is_english(language) and english:
        return english
    return persian_value(obj, base) or english


class Bilingual:
    """A model attribute that reads `pick(obj, base)` in the page's language:
    `title = Bilingual("title")` beside `title_fa` and `title_en`."""

    def __init__(self, base: str):
        self.base = base

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return pick(obj, self.base)
