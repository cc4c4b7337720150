"""Organisations become the codes of the `organisation` code list and the
yearly frequency becomes the shared periodicity `annual` (core.taxonomy), in
the rows, the page revisions and the alert subscriptions."""

from django.db import migrations, models

from core.recode import recode, reverse_of

ORGANISATIONS = {
    "headquarters": "MCLS",
    "provincial": "PROV",
    "sso": "SSO",
    "welfare": "SWO",
    "pension": "CSPF",
    "tvto": "TVTO",
    "cooperatives": "CDF",
}
FREQUENCIES = {"yearly": "annual"}


def forward(apps, schema_editor, organisations=ORGANISATIONS, frequencies=FREQUENCIES):
    recode(apps, "releases", "ReleasePage", "organisation", organisations, revisions=True)
    recode(apps, "releases", "ReleaseSeries", "organisation", organisations)
    recode(apps, "releases", "ReleaseSeries", "frequency", frequencies)
    recode(apps, "alerts", "Subscriber", "organisations", organisations, multi=True)


def backward(apps, schema_editor):
    forward(apps, schema_editor, reverse_of(ORGANISATIONS), reverse_of(FREQUENCIES))


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0004_two_person_release_signoff"),
        ("alerts", "0001_subscribers_and_deliveries"),
    ]

    operations = [
        migrations.RunPython(forward, backward),
        migrations.AlterField(
            model_name="releasepage",
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
            model_name="releaseseries",
            name="frequency",
            field=models.CharField(
                choices=[("monthly", "Monthly"), ("quarterly", "Quarterly"), ("annual", "Yearly")],
                max_length=16,
                verbose_name="frequency",
            ),
        ),
        migrations.AlterField(
            model_name="releaseseries",
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
    ]
