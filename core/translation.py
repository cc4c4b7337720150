"""Translating a page or snippet into English from code, the wagtail-localize way.

Used by `generate_releases` (automatic English versions of calendar entries),
the demo and the tests, so that what they make is what editors would make in
the translation editor, and stays in sync with it."""

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource


def segment_translations(english: dict) -> dict:
    """`english` plus, for each rich-text pair, the pairs of its segments.

    wagtail-localize cuts rich text into one segment per paragraph or list item
    (`<p>a</p><p>b</p>` gives "a" and "b"), so a translation keyed by the whole
    HTML would never match and the English page would keep the Persian text."""
    from wagtail_localize.strings import extract_strings

    pairs = dict(english)
    for persian, text in english.items():
        if "<" not in persian or "<" not in text:
            continue
        _template, fa_strings = extract_strings(persian)
        _template, en_strings = extract_strings(text)
        if len(fa_strings) != len(en_strings):
            raise ValueError(f"demo translation has {len(en_strings)} segments for {len(fa_strings)}: {text!r}")
        for (fa_value, _attrs), (en_value, _attrs2) in zip(fa_strings, en_strings, strict=True):
            pairs.setdefault(fa_value.data, en_value.data)
    return pairs


def translate(instance, english: dict, locale=None):
    """Translate a page or snippet into English the wagtail-localize way: a
    TranslationSource, a StringTranslation for each segment whose Persian text is
    a key of `english`, then save_target. Editors see finished translations in
    the translation editor and can keep them in sync."""
    locale = locale or Locale.objects.get(language_code="en")
    english = segment_translations(english)
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = english.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": "manual"},
            )
    if isinstance(instance, Page):
        # wagtail-localize publishes on commit; inside a transaction (tests, or a
        # caller's atomic block) that publish would come late, from a stale copy.
        # Save a draft and publish its revision now instead.
        translation.save_target(publish=False)
        translated = instance.get_translation(locale)
        translated.get_latest_revision().publish()
        return translated.specific
    translation.save_target(publish=True)
    return instance.get_translation(locale)
