"""Bilingual fields: a model keeps `<name>_fa` and `<name>_en`; `Bilingual("name")`
reads the one of the current language, falling back to Persian."""

from django.utils.translation import get_language


def current_language():
    return (get_language() or "fa")[:2]


class Bilingual:
    def __init__(self, base):
        self.base = base

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        lang = current_language()
        value = getattr(obj, f"{self.base}_{lang}", "") if lang in ("fa", "en") else ""
        return value or getattr(obj, f"{self.base}_fa", "") or getattr(obj, f"{self.base}_en", "")
