"""Step 1 of 3 onto the shared vocabulary (core.taxonomy): indicators get their
topics as codes («,a,b,») beside the old many-to-many."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("indicators", "0006_merge_english_fields_and_import_heartbeat")]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="topic_codes",
            field=models.CharField(blank=True, max_length=400, verbose_name="topics"),
        ),
    ]
