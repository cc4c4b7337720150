"""django-tasks-db's `db_worker`, idling quietly.

The stock worker polls the queue every --interval seconds (1 by default) and,
with DEBUG on, also runs Django's autoreloader, which stats every source file
each second. This one backs off: after a job, or at start, it looks again after
MIN_INTERVAL seconds, doubling the wait while the queue stays empty up to
--interval (1 s), so a job is picked up within a second and an idle worker costs
one small query a second. The reloader is off unless asked for (--reload)."""

from django_tasks_db.management.commands import db_worker

MIN_INTERVAL = 0.1


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
