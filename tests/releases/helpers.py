"""Worlds and helpers shared by the releases tests (split from test_releases.py)."""

import datetime as dt

from iran.dates import TEHRAN

NOW = dt.datetime(2026, 11, 21, 8, 0, tzinfo=dt.UTC)  # 30 Aban 1405, 11:30 Tehran


def at(days, hour=10, minute=0):
    local = (NOW + dt.timedelta(days=days)).astimezone(TEHRAN)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


def titles(response):
    return [entry.title for entry in response.context["entries"]]
