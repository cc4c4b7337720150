"""Publication topics become the shared topics (core.taxonomy): «training» is
«skills»; «general» (no particular topic) becomes empty. In the rows and in the
page revisions."""

from django.db import migrations, models

from core.recode import recode, reverse_of

TOPICS = {"training": "skills", "general": ""}


def forward(apps, schema_editor, topics=TOPICS):
    recode(apps, "publications", "PublicationPage", "topic", topics, revisions=True)


def backward(apps, schema_editor):
    forward(apps, schema_editor, reverse_of(TOPICS))


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.AlterField(
            model_name="publicationpage",
            name="organisation",
            field=models.CharField(
                choices=[
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
                ],
                default="MCLS",
                max_length=32,
                verbose_name="producing organisation",
            ),
        ),
        migrations.AlterField(
            model_name="publicationpage",
            name="topic",
            field=models.CharField(
                blank=True,
                choices=[
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
                ],
                max_length=32,
                verbose_name="topic",
            ),
        ),
    ]
