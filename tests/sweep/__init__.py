"""The outside embargo sweep (issue 11): run against a live server that uses the
same database. `python -m tests.sweep --base-url http://127.0.0.1:8101`.
Channels live in channels.py; the content it creates in scenario.py."""
