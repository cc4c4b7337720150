"""Step 3 of 3: the indicators' own topic table goes; `Indicator.topics` holds
the shared topic codes (core.taxonomy) as «,a,b,», like the release calendar."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("indicators", "0008_recode_indicator_topics")]

    operations = [
        migrations.RemoveField(model_name="indicator", name="topics"),
        migrations.DeleteModel(name="Topic"),
        migrations.RenameField(model_name="indicator", old_name="topic_codes", new_name="topics"),
    ]
