"""Background work of the release calendar (django-tasks; the worker runs it)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django_tasks import task
from wagtail.models import Page

from iran.dates import format_datetime

from .content_forms import PERMISSION
from .models import ReleasePage


@task()
def email_unapproved(entry_id: int, page_ids: list[int]) -> int:
    """Tell the release publishers what is not yet approved for a coming release."""
    entry = ReleasePage.objects.get(pk=entry_id)
    app, codename = PERMISSION.split(".")
    User = get_user_model()
    publishers = User.objects.filter(is_active=True).exclude(email="")
    publishers = publishers.filter(models_q(app, codename)).distinct()
    titles = [page.get_admin_display_title() for page in Page.objects.filter(pk__in=page_ids)]
    when = format_datetime(entry.release_at, "fa")
    body = "\n".join(
        [
            f"انتشار «{entry.title}» در {when} است و این موارد هنوز تأیید نشده‌اند:",
            *[f"- {title}" for title in titles],
            "",
            f"Release “{entry.title}” is due and these items are not yet approved:",
            *[f"- {title}" for title in titles],
            f"{settings.WAGTAILADMIN_BASE_URL}/admin/releases/",
        ]
    )
    recipients = [user.email for user in publishers]
    if recipients:
        send_mail(f"تأیید نشده برای انتشار: {entry.title}", body, None, recipients)
    return len(recipients)


def models_q(app, codename):
    return (
        Q(is_superuser=True)
        | Q(user_permissions__content_type__app_label=app, user_permissions__codename=codename)
        | Q(groups__permissions__content_type__app_label=app, groups__permissions__codename=codename)
    )
