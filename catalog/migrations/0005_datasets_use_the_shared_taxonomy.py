"""Step 3 of 3: the catalog's own topic and organisation tables go; a dataset's
`topic` and `organisation` are the shared codes (core.taxonomy), and its
periodicity uses the shared periodicity's labels."""

from django.db import migrations, models

TOPIC_CHOICES = [
    ("labour_market", "Labour market"),
    ("employment", "Employment and unemployment"),
    ("wages", "Wages and labour costs"),
    ("social_security", "Social security and insurance"),
    ("welfare", "Social welfare and support"),
    ("poverty", "Poverty and income"),
    ("cooperatives", "Cooperatives"),
    ("skills", "Technical and vocational training"),
    ("workplace_safety", "Workplace safety and inspection"),
    ("pensions", "Pensions"),
]
ORGANISATION_CHOICES = [
    ("MCLS", "Ministry of Cooperatives, Labour and Social Welfare"),
    ("SSO", "Social Security Organization"),
    ("SWO", "State Welfare Organization"),
    ("CSPF", "Civil Servants Pension Fund"),
    ("TVTO", "Technical and Vocational Training Organization"),
    ("LIS", "Directorate-General of Labour Inspection"),
    ("COOP", "Deputy for Cooperative Development"),
    ("WELF", "Deputy for Social Welfare"),
    ("EMPL", "Deputy for Labour Relations and Employment"),
    ("PROV", "Provincial directorates-general"),
    ("CDF", "Cooperatives Development Fund"),
]
PERIODICITY_CHOICES = [
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("annual", "Yearly"),
    ("continuous", "continuous"),
    ("irregular", "irregular"),
]


class Migration(migrations.Migration):
    dependencies = [("catalog", "0004_recode_dataset_topics_and_organisations")]

    operations = [
        migrations.RemoveField(model_name="dataset", name="topic"),
        migrations.RemoveField(model_name="dataset", name="organisation"),
        migrations.DeleteModel(name="Topic"),
        migrations.DeleteModel(name="Organisation"),
        migrations.RenameField(model_name="dataset", old_name="topic_code", new_name="topic"),
        migrations.RenameField(model_name="dataset", old_name="organisation_code", new_name="organisation"),
        migrations.AlterField(
            model_name="dataset",
            name="topic",
            field=models.CharField(choices=TOPIC_CHOICES, max_length=32, verbose_name="topic"),
        ),
        migrations.AlterField(
            model_name="dataset",
            name="organisation",
            field=models.CharField(choices=ORGANISATION_CHOICES, max_length=32, verbose_name="producing organisation"),
        ),
        migrations.AlterField(
            model_name="dataset",
            name="periodicity",
            field=models.CharField(
                choices=PERIODICITY_CHOICES, default="monthly", max_length=20, verbose_name="periodicity"
            ),
        ),
        migrations.AlterField(
            model_name="dataset",
            name="update_cadence",
            field=models.CharField(
                choices=PERIODICITY_CHOICES, default="monthly", max_length=20, verbose_name="update cadence"
            ),
        ),
    ]
