"""django-tasks-db's `db_worker`, idling quietly.

The stock worker polls the queue every --interval seconds (1 by default) and,
with DEBUG on, also runs Django's autoreloader, which stats every source file
each second. This one backs off: after a job, or at start, it looks again after
MIN_INTERVAL seconds, doubling the wait while the queue stays empty up to
--interval (1 s), so a job is picked up within a second and an idle worker costs
one small query a second. The reloader is off unless asked for (--reload).

A stop asked twice at once is one stop: Ctrl-C (or a service manager's SIGTERM
to the process group) reaches the worker, and `make run`'s trap then signals the
group again. The stock worker takes any second signal as "force" and kills the
task it is running (a traceback in the log, an import rolled back); this one
lets the task finish unless the second signal comes REPEAT_WINDOW seconds later
or more, as a person pressing Ctrl-C again does."""

import time

from django_tasks_db.management.commands import db_worker

MIN_INTERVAL = 0.1
REPEAT_WINDOW = 1.0  # seconds: a signal within this of the first is the same stop


class BackoffWorker(db_worker.Worker):
    """`Worker.run` sleeps `self.interval` after each empty poll; here each read of
    it is the next step of the back-off (0.1, 0.2, 0.4, 0.8, 1, 1, …)."""

    @property
    def interval(self):
        wait = self._wait
        self._wait = min(self._wait * 2, self.max_interval)
        return wait

    @interval.setter
    def interval(self, value):
        self.max_interval = value
        self._wait = min(MIN_INTERVAL, value)

    _stop_asked_at = float("-inf")  # no stop asked yet

    def shutdown(self, signum, frame):
        if self.running:
            self._stop_asked_at = time.monotonic()
        elif time.monotonic() - self._stop_asked_at < REPEAT_WINDOW:
            return  # the same stop, delivered twice: the running task finishes
        super().shutdown(signum, frame)

    def run_task(self, db_task_result):
        try:
            return super().run_task(db_task_result)
        finally:
            self._wait = min(MIN_INTERVAL, self.max_interval)


class Command(db_worker.Command):
    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(reload=False)

    def handle(self, *args, **options):
        original = db_worker.Worker
        db_worker.Worker = BackoffWorker
        try:
            return super().handle(*args, **options)
        finally:
            db_worker.Worker = original
