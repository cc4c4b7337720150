"""The release calendar's models, one module per concern; import them from here."""

# The two-person sign-off task is a model; it lives with the workflow (approval.py).
from ..approval import TwoPersonApprovalTask
from ..topics import TOPIC_SEPARATOR, topics_from_db, topics_to_db
from .calendar import ReleaseCalendarPage
from .entry import ReleaseLinkBlock, ReleasePage
from .schedule import Holiday, ReleaseDateChange, ReleaseSeries, SchedulerHeartbeat

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
