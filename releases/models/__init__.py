"""The release calendar's models, one module per concern; import them from here."""

# The two-person sign-off task lives with the rest of the sign-off (signoff.py).
from ..signoff import TwoPersonApprovalTask
from .calendar import ReleaseCalendarPage
from .entry import ReleaseLinkBlock, ReleasePage
from .schedule import Holiday, ReleaseDateChange, ReleaseSeries, SchedulerHeartbeat
from .topics import TOPIC_SEPARATOR, topics_from_db, topics_to_db

__all__ = [
    "TOPIC_SEPARATOR",
    "Holiday",
    "ReleaseCalendarPage",
    "ReleaseDateChange",
    "ReleaseLinkBlock",
    "ReleasePage",
    "ReleaseSeries",
    "SchedulerHeartbeat",
    "TwoPersonApprovalTask",
    "topics_from_db",
    "topics_to_db",
]
