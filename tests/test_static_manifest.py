"""collectstatic with the production storage (manifest): a vendored file naming a
source map we do not ship broke it (and so `make run` and production) while the
other tests stayed green."""

from django.core.management import call_command


def test_collectstatic_with_the_manifest_storage(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", "-v0")
    assert (tmp_path / "static" / "staticfiles.json").exists()
