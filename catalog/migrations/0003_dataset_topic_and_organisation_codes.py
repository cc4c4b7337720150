"""Step 1 of 3 onto the shared vocabulary (core.taxonomy): datasets get their
topic and organisation as codes beside the old foreign keys (made nullable, so
that the way back can restore them)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_english_source_standards_contact_codes")]

    operations = [
        migrations.AddField(
            model_name="dataset",
            name="topic_code",
            field=models.CharField(blank=True, default="", max_length=32, verbose_name="topic"),
        ),
        migrations.AddField(
            model_name="dataset",
            name="organisation_code",
            field=models.CharField(blank=True, default="", max_length=32, verbose_name="producing organisation"),
        ),
        migrations.AlterField(
            model_name="dataset",
            name="topic",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="datasets",
                to="catalog.topic",
                verbose_name="topic",
            ),
        ),
        migrations.AlterField(
            model_name="dataset",
            name="organisation",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="datasets",
                to="catalog.organisation",
                verbose_name="producing organisation",
            ),
        ),
    ]
