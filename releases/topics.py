"""How a calendar entry's topics are stored: one text column «,a,b,», so that one
`contains` lookup finds a topic on every database. Used by the models and the forms."""

TOPIC_SEPARATOR = ","


def topics_to_db(codes) -> str:
    """Topics are stored as «,a,b,» so that one `contains` lookup finds a topic on every database."""
    codes = [c for c in codes if c]
    return f"{TOPIC_SEPARATOR}{TOPIC_SEPARATOR.join(codes)}{TOPIC_SEPARATOR}" if codes else ""


def topics_from_db(value: str) -> list[str]:
    return [c for c in (value or "").split(TOPIC_SEPARATOR) if c]
