"""`manage.py db_worker` idles quietly (issue 13): it backs off from 0.1 s to its
--interval while the queue is empty, starts again at 0.1 s after a job, and runs
no autoreloader unless asked. The CPU figure itself: bench/bench_worker.py."""

from django.core.management import load_command_class

from home.management.commands.db_worker import BackoffWorker


def worker(interval=1.0):
    return BackoffWorker(
        queue_names=["default"],
        interval=interval,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )


def test_an_idle_worker_backs_off_to_its_interval_and_no_further():
    w = worker()
    assert [w.interval for _ in range(7)] == [0.1, 0.2, 0.4, 0.8, 1.0, 1.0, 1.0]


def test_after_a_job_it_looks_again_soon(monkeypatch):
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker.Worker, "run_task", lambda self, result: None)
    w = worker()
    [w.interval for _ in range(6)]
    w.run_task(object())
    assert w.interval == 0.1


def test_our_command_is_the_one_manage_py_runs_and_it_does_not_reload(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    command = load_command_class("home", "db_worker")
    parser = command.create_parser("manage.py", "db_worker")
    assert parser.parse_args([]).reload is False
    from django.core.management import get_commands

    assert get_commands()["db_worker"] == "home"


def test_a_stop_delivered_twice_at_once_lets_the_running_task_finish(monkeypatch):
    """The group's SIGTERM and `make run`'s trap reach the worker together: the
    task it is running finishes; a second stop asked later still forces."""
    import signal

    import pytest

    from home.management.commands import db_worker as ours

    w = worker()
    w.running_task = True
    monkeypatch.setattr(w, "reset_signals", lambda: None)
    w.shutdown(signal.SIGTERM, None)
    w.shutdown(signal.SIGTERM, None)  # the same stop: no exit
    assert w.running is False
    monkeypatch.setattr(ours.time, "monotonic", lambda: w._stop_asked_at + ours.REPEAT_WINDOW)
    with pytest.raises(SystemExit) as forced:
        w.shutdown(signal.SIGINT, None)  # Ctrl-C pressed again: the task is stopped
    assert forced.value.code == 1
