"""Our Persian words win over the vendored catalogs (locale_vendor/, Django's,
Wagtail's), and the wording fixes of issue 15 hold on the pages' strings."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from iran import dates

ROOT = Path(settings.BASE_DIR)
VENDOR = ROOT / "locale_vendor" / "fa" / "LC_MESSAGES" / "django.po"
OUR_APPS = ["home", "iran", "releases", "indicators", "publications", "catalog", "researchers", "surveys"]


def _our_catalogs():
    paths = [ROOT / "locale" / "fa" / "LC_MESSAGES" / "django.po"]
    paths += [ROOT / app / "locale" / "fa" / "LC_MESSAGES" / "django.po" for app in OUR_APPS]
    return [polib.pofile(str(path)) for path in paths if path.exists()]


def _translated(entry):
    with translation.override("fa"):
        if entry.msgid_plural:
            return translation.ngettext(entry.msgid, entry.msgid_plural, 1)
        if entry.msgctxt:
            return translation.pgettext(entry.msgctxt, entry.msgid)
        return translation.gettext(entry.msgid)


def test_our_words_win_over_the_vendored_catalog():
    vendored = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(VENDOR)) if e.msgstr}
    clashes = 0
    for catalog in _our_catalogs():
        for entry in catalog:
            key = (entry.msgctxt, entry.msgid)
            if entry.obsolete or entry.msgid_plural or key not in vendored or vendored[key] == entry.msgstr:
                continue
            clashes += 1
            assert _translated(entry) != vendored[key], f"{entry.msgid!r}: the vendored «{vendored[key]}» wins"
    assert clashes, "no clash checked: the test would prove nothing"


@pytest.mark.parametrize(
    "msgid, expected",
    [("Source", "منبع"), ("Thu", "پنج‌شنبه"), ("Thursday", "پنج‌شنبه"), ("Norm (optimal level)", "بازهٔ هدف (حد بهینه)")],
)
def test_chosen_words(msgid, expected):
    with translation.override("fa"):
        assert translation.gettext(msgid) == expected


def test_django_password_messages_say_goozarvazheh_with_half_spaces():
    from django.contrib.auth.password_validation import password_validators_help_texts, validate_password
    from django.core.exceptions import ValidationError

    with translation.override("fa"):
        messages = [str(text) for text in password_validators_help_texts()]
        with pytest.raises(ValidationError) as error:
            validate_password("12345678")
        messages += error.value.messages
        messages.append(translation.gettext("This field cannot be blank."))
    text = " ".join(messages)
    assert "گذرواژه" in text and "نمی‌تواند" in text
    for wrong in ("رمز عبور", "نمی تواند", "کلا ", "رمز شما"):
        assert wrong not in text


def test_weekdays_written_with_half_spaces():
    import datetime as dt

    thursday, sunday = dt.date(2026, 12, 3), dt.date(2026, 12, 6)
    assert dates.format_date(thursday, "fa", weekday=True).startswith("پنج‌شنبه")
    assert dates.format_date(sunday, "fa", weekday=True).startswith("یک‌شنبه")
