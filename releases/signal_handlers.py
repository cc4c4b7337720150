"""The last line of defence for the record: a published or cancelled entry is
never deleted, whatever path the deletion takes (admin, shell, a parent's
deletion). Tests' database flushes use TRUNCATE and are not affected."""

from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from .enums import FINAL_STATUSES
from .models import ReleasePage


@receiver(pre_delete, sender=ReleasePage)
def keep_the_record(sender, instance, **kwargs):
    if instance.status in FINAL_STATUSES:
        raise PermissionDenied("Published or cancelled release calendar entries cannot be deleted.")
