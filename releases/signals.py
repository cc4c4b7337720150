"""Signals other apps may listen to (the page cache does).

`schedule_changed(sender=ReleasePage, entry=...)`: an entry's status or date
changed through releases.services (queryset updates, which send no post_save)."""

from django.dispatch import Signal

schedule_changed = Signal()
