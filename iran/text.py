"""Persian digits and text normalisation.

Persian and Arabic forms of ی/ي and ک/ك, and Persian, Arabic and Latin digits,
must compare equal for search and import (DESIGN.md, invariant 4)."""

import re
from decimal import Decimal, InvalidOperation

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
LATIN_DIGITS = "0123456789"

_TO_LATIN = str.maketrans(PERSIAN_DIGITS + ARABIC_DIGITS, LATIN_DIGITS * 2)
_TO_PERSIAN = str.maketrans(LATIN_DIGITS + ARABIC_DIGITS, PERSIAN_DIGITS * 2)

ZWNJ = "\u200c"
TATWEEL = "\u0640"
ARABIC_DECIMAL_SEPARATOR = "\u066b"  # ٫
ARABIC_THOUSANDS_SEPARATOR = "\u066c"  # ٬

_LETTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # ي Arabic yeh → ی
        "\u0649": "\u06cc",  # ى alef maksura → ی
        "\u0643": "\u06a9",  # ك Arabic kaf → ک
        "\u0629": "\u0647",  # ة teh marbuta → ه
        "\u0623": "\u0627",  # أ → ا
        "\u0625": "\u0627",  # إ → ا
        TATWEEL: None,
    }
)
_DIACRITICS = re.compile("[\u064b-\u065f\u0670]")
# ZWNJ, ZWJ, LRM/RLM and the bidi embedding marks are invisible: they must not split or join words.
_INVISIBLE = re.compile("[\u200c\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")


def to_latin_digits(text: str) -> str:
    return str(text).translate(_TO_LATIN)


def to_persian_digits(text) -> str:
    return str(text).translate(_TO_PERSIAN)


def normalize_text(text: str) -> str:
    """Canonical form for search and comparison: Persian letters, Latin digits,
    no diacritics or tatweel, ZWNJ as a space, single spaces."""
    if text is None:
        return ""
    text = str(text).translate(_LETTERS)
    text = _DIACRITICS.sub("", text)
    text = _INVISIBLE.sub(" ", text)
    text = to_latin_digits(text)
    return _SPACES.sub(" ", text).strip()


def plain_words(text):
    """The user's words only. The database's full-text syntax (quotes, *, ^, :, (),
    AND/OR/NOT/NEAR) would otherwise reach SQLite's MATCH raw, and a lone `"` is a
    500. The index splits words on the same punctuation, so nothing findable is lost;
    lower case because FTS5 operators are upper case and matching ignores case."""
    return " ".join(re.findall(r"\w+", text)).lower()


def normalize_key(text: str) -> str:
    """Looser form for matching labels and headers: also case-folded and
    without spaces, so «می‌روند», «می روند» and «میروند» are one key."""
    return normalize_text(text).casefold().replace(" ", "")


_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def parse_decimal(text) -> Decimal:
    """Read a number written the Iranian way or the Latin way.

    Accepts Persian/Arabic digits, the Persian thousands separator (٬) and
    decimal separator (٫), Latin commas as thousands separators and a Latin
    point as the decimal separator. Raises ValueError on anything else.
    """
    if isinstance(text, (int, float, Decimal)):
        return Decimal(str(text))
    raw = to_latin_digits(str(text)).strip()
    raw = _INVISIBLE.sub("", raw).replace("\u2212", "-")
    raw = raw.replace(ARABIC_THOUSANDS_SEPARATOR, "").replace(",", "").replace(" ", "")
    raw = raw.replace(ARABIC_DECIMAL_SEPARATOR, ".")
    if raw.count("/") == 1:  # «۱۲/۵» is a common handwritten decimal form
        raw = raw.replace("/", ".")
    if not _NUMBER.match(raw):
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(raw)
    except InvalidOperation as exc:  # pragma: no cover - guarded by the regex
        raise ValueError(f"not a number: {text!r}") from exc


def format_number(value, lang: str = "fa", decimals: int | None = None) -> str:
    """Group thousands and use the language's digits and separators."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    if decimals is not None:
        text = f"{number:,.{decimals}f}"
    else:
        text = f"{number:,f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    if lang == "fa":
        text = text.replace(",", ARABIC_THOUSANDS_SEPARATOR).replace(".", ARABIC_DECIMAL_SEPARATOR)
        text = text.replace("-", "\u2212")
        return to_persian_digits(text)
    return text
