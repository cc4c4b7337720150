"""A task that does nothing: bench_worker.py times how soon the worker picks it up."""

from django_tasks import task


@task()
def noop() -> str:
    return "ok"
