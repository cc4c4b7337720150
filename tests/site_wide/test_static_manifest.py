"""The front door: production's static storage must accept every file we ship.

With the manifest storage, `collectstatic` fails on any reference (CSS `url()`,
a script's `sourceMappingURL`, an import) to a file that is not shipped; that
broke `make run` and production once while every other test stayed green."""

import re

import pytest
from django.core.management import call_command
from django.test import override_settings

PRODUCTION_STATIC = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_collectstatic_with_the_production_storage(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=PRODUCTION_STATIC):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    # The hashed names that pages link to exist.
    for name in ("css/site.css", "js/site.js", "fonts/Vazirmatn-Regular.woff2", "indicators/vendor/chart.umd.min.js"):
        assert f'"{name}"' in manifest
    hashed = re.search(r'"indicators/vendor/chart\.umd\.min\.js": "([^"]+)"', manifest).group(1)
    assert (tmp_path / hashed).exists()


@pytest.mark.parametrize("missing", ["vendor/gone.js.map", "img/gone.png"])
def test_a_reference_to_a_file_not_shipped_fails(tmp_path, missing):
    """The check above can fail: a shipped file naming an absent one breaks it."""
    source = tmp_path / "src"
    (source / "extra").mkdir(parents=True)
    if missing.endswith(".map"):
        (source / "extra" / "x.js").write_text(f"var x;\n//# sourceMappingURL={missing.split('/')[-1]}\n")
    else:
        (source / "extra" / "x.css").write_text(f'a {{ background: url("{missing.split("/")[-1]}") }}\n')
    settings = override_settings(STATIC_ROOT=tmp_path / "out", STORAGES=PRODUCTION_STATIC, STATICFILES_DIRS=[source])
    with settings, pytest.raises(ValueError, match="could not be found"):
        call_command("collectstatic", interactive=False, verbosity=0)
