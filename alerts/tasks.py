"""Background work (django-tasks): the worker sends; the scheduler decides when."""

from django_tasks import task

from releases.models import ReleasePage

from .sending import notify_release, weekly_digest


@task()
def send_release_notice(entry_pk: int):
    entry = ReleasePage.objects.filter(pk=entry_pk).first()
    return notify_release(entry) if entry is not None else 0


@task()
def send_weekly_digest(week: str):
    return weekly_digest(week)
