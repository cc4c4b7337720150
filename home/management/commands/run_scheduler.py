"""Runs the jobs in settings.SCHEDULER_JOBS every SCHEDULER_INTERVAL seconds.

`make run` starts it beside the web server; production runs it as a service
(deploy/). One failing job is logged and does not stop the others."""

import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger("scheduler")


class Command(BaseCommand):
    help = "Run the periodic jobs (exact-minute releases and others) in a loop."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run every job once and exit.")

    def handle(self, *args, once=False, **options):
        jobs = [(path, import_string(path)) for path in settings.SCHEDULER_JOBS]
        self.stdout.write(f"scheduler: {len(jobs)} job(s), every {settings.SCHEDULER_INTERVAL}s")
        while True:
            started = time.monotonic()
            close_old_connections()
            for path, job in jobs:
                try:
                    job()
                except Exception:  # keep the loop alive; the log says what failed
                    logger.exception("scheduler job %s failed", path)
            if once:
                return
            time.sleep(max(0.0, settings.SCHEDULER_INTERVAL - (time.monotonic() - started)))
