"""A snippet of a result's text around the words searched for, with the
matches marked. Matching uses the same normalisation as the index (ي = ی,
ك = ک, digits, ZWNJ = space), but the snippet shows the text as written."""

import unicodedata
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from iran.text import normalize_text

BEFORE, AFTER = 60, 140


def query_terms(query: str) -> list[str]:
    return [t for t in normalize_text(query).casefold().split() if t][:10]


@lru_cache(maxsize=4096)
def _normalised_char(char: str) -> str:
    """One character as the index sees it (a pure function of the character,
    remembered: the text of a results page repeats the same few dozen letters)."""
    # ZWNJ and other invisible marks separate words, as in the index
    if char.isspace() or unicodedata.category(char) == "Cf":
        return " "
    return normalize_text(char).casefold()


def _normalised_with_map(text: str):
    """(normalised text, index in `text` of each normalised character)."""
    chars, where = [], []
    for i, char in enumerate(text):
        out = _normalised_char(char)
        if len(out) == 1:
            chars.append(out)
            where.append(i)
        else:  # none (a diacritic, a tatweel) or several (ß → ss)
            chars.extend(out)
            where.extend([i] * len(out))
    return "".join(chars), where


def match_spans(text: str, terms) -> list[tuple[int, int]]:
    norm, where = _normalised_with_map(text)
    spans = []
    for term in terms:
        start = norm.find(term)
        while start != -1:
            end = where[start + len(term) - 1] + 1
            while end < len(text) and unicodedata.category(text[end]) == "Mn":
                end += 1  # a mark on the last letter (ٔ of بیمهٔ) belongs to the word
            spans.append((where[start], end))
            start = norm.find(term, start + len(term))
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def contains_all(text: str, terms) -> bool:
    norm = "".join(map(_normalised_char, text or ""))
    return bool(terms) and all(term in norm for term in terms)


def snippet(texts, terms):
    """HTML: the first text with a match, cut around the first match, matches in
    <mark>; else the start of the first non-empty text."""
    texts = [" ".join(str(t).split()) for t in texts if t]
    for text in texts:
        spans = match_spans(text, terms)
        if spans:
            return _render(text, spans)
    return mark_safe(escape(_cut(texts[0], 0, BEFORE + AFTER))) if texts else ""


def _cut(text, start, end):
    piece = text[start:end]
    return ("…" if start > 0 else "") + piece + ("…" if end < len(text) else "")


def _render(text, spans):
    start = max(0, spans[0][0] - BEFORE)
    end = min(len(text), spans[0][1] + AFTER)
    out, pos = [], start
    for span_start, span_end in spans:
        if span_start >= end:
            break
        out.append(escape(text[pos:span_start]))
        out.append(f"<mark>{escape(text[span_start : min(span_end, end)])}</mark>")
        pos = min(span_end, end)
    out.append(escape(text[pos:end]))
    return mark_safe(("…" if start > 0 else "") + "".join(out) + ("…" if end < len(text) else ""))


def highlight(text, terms):
    """The whole text, escaped, with the matches marked (for titles)."""
    spans = match_spans(text, terms)
    if not spans:
        return mark_safe(escape(text))
    out, pos = [], 0
    for start, end in spans:
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))
