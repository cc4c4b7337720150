"""How a calendar entry's topics are stored: one text column «,a,b,», so that one
`contains` lookup finds a topic on every database (the shared encoding of core.taxonomy).
Used by the models and the forms."""

from core.taxonomy import SEPARATOR as TOPIC_SEPARATOR
from core.taxonomy import codes_from_db, codes_to_db

topics_to_db, topics_from_db = codes_to_db, codes_from_db

__all__ = ["TOPIC_SEPARATOR", "topics_from_db", "topics_to_db"]
