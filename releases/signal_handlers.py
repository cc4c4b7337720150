"""The last line of defence for the record: a published or cancelled entry is
never deleted, whatever path the deletion takes (admin, shell, a parent's
deletion). Tests' database flushes use TRUNCATE and are not affected."""

from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.signals import page_published

from .enums import FINAL_STATUSES, ReleaseStatus
from .models import ReleasePage


@receiver(pre_delete, sender=ReleasePage)
def keep_the_record(sender, instance, **kwargs):
    if instance.status in FINAL_STATUSES:
        raise PermissionDenied("Published or cancelled release calendar entries cannot be deleted.")


@receiver(page_published, sender=ReleasePage)
def provisional_date_follows_in_every_language(sender, instance, **kwargs):
    """Editors change a provisional entry's estimated date in one language; the
    other language versions follow at once (confirmed dates move only through
    services.move, which updates every version)."""
    if instance.status == ReleaseStatus.PROVISIONAL:
        ReleasePage.objects.filter(translation_key=instance.translation_key, status=ReleaseStatus.PROVISIONAL).exclude(
            pk=instance.pk
        ).update(release_at=instance.release_at)
