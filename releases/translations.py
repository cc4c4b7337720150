"""The English version of new content, made automatically as a synced
wagtail-localize translation, ready for a translator.

Used for new calendar entries (admin hooks and generated series) and for
generated yearbooks. The English version copies the entry's schedule
(status and minute are shared by every language version and changed together
by services.py), so it is released at the same minute as the Persian one."""

from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

ENGLISH = "en"


def english_locale():
    return Locale.objects.filter(language_code=ENGLISH).first()


def _add_strings(source, locale, strings):
    """Known English text for some Persian segments (a generated title), marked as manual."""
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = strings.get(segment.string.data)
        if text:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": text, "translation_type": "manual"},
            )


def ensure_english(page, strings=None, user=None, publish=None):
    """The page's English version, made now if missing; None where the site has no
    English tree above it. Published when the Persian page is live (or `publish`).

    wagtail-localize publishes on commit; we save a draft and publish its revision
    here so that the English version is live within the caller's transaction."""
    en = english_locale()
    page = page.specific
    if en is None or page.locale_id == en.pk:
        return None
    existing = page.get_translation_or_none(en)
    if existing is not None:
        return existing.specific
    if page.get_parent().get_translation_or_none(en) is None:
        return None
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    # Pages it points to (a yearbook's calendar entry) first, so the link is to their English versions.
    for segment in source.relatedobjectsegment_set.all():
        related = segment.object.get_instance(page.locale)
        if isinstance(related, Page):
            ensure_english(related, user=user)
    translation, _created = Translation.objects.update_or_create(
        source=source, target_locale=en, defaults={"enabled": True}
    )
    _add_strings(source, en, strings or {})
    translation.save_target(user=user, publish=False)
    english = page.get_translation(en).specific
    if page.live if publish is None else publish:
        english.get_latest_revision().publish(user=user)
        english.refresh_from_db()
    return english


def publish_english(page, user=None):
    """When a Persian page goes live: its English version too, if it is still a draft
    (an English version a translator has published is left alone)."""
    english = ensure_english(page, user=user)
    if english is not None and not english.live:
        revision = english.get_latest_revision()
        if revision is not None:
            revision.publish(user=user)
            english.refresh_from_db()
    return english


def ensure_english_subtree(page, user=None):
    """A page and every page below it (a generated yearbook and its chapters)."""
    top = ensure_english(page, user=user)
    for child in page.get_descendants().specific().order_by("path"):
        ensure_english(child, user=user)
    return top
