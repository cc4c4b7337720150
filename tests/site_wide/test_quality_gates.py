"""The project's own checks run as part of the suite."""

import io

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_system_check_passes():
    out = io.StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


@pytest.mark.django_db
def test_no_missing_migrations():
    # Exits non-zero (SystemExit) if a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_settings_refuse_to_start_without_secrets(monkeypatch):
    import importlib
    import sys

    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("ALLOWED_HOSTS", "amar.example.org")

    def fresh_import():
        # Settings read the environment when imported: import them anew.
        for name in ("config.settings.production", "config.settings.base"):
            sys.modules.pop(name, None)
        return importlib.import_module("config.settings.production")

    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        fresh_import()

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.delenv("ALLOWED_HOSTS", raising=False)
    with pytest.raises(ImproperlyConfigured, match="ALLOWED_HOSTS"):
        fresh_import()
    for name in ("config.settings.production", "config.settings.base"):
        sys.modules.pop(name, None)


def test_production_settings_pass_check_deploy(tmp_path):
    """`manage.py check --deploy` with the production settings reports nothing."""
    import os
    import subprocess
    import sys

    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k3y-" + "a1b2c3d4e5f6g7h8i9j0" * 3,
        "ALLOWED_HOSTS": "amar.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
