"""Load the standard code lists (provinces, ISIC, ISCO, education, sex, age, organisations)."""

from django.db import migrations


def load(apps, schema_editor):
    from indicators.codelists import ensure_code_lists

    ensure_code_lists(apps.get_model("indicators", "CodeList"), apps.get_model("indicators", "Code"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0002_indicator_is_additive")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
