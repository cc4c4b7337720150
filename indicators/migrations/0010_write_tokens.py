"""Write tokens (models/writes.py): a table, and triggers that set a table's
token on every write to it, in the writer's transaction."""

from django.db import migrations, models

TOKENS = "indicators_writetoken"
# As models/writes.py WATCHED_TABLES (a migration keeps its own copy).
WATCHED = (
    "indicators_observation",
    "indicators_code",
    "indicators_codelist",
    "indicators_indicatordimension",
    "releases_releasepage",
)
EVENTS = ("INSERT", "UPDATE", "DELETE")

# PostgreSQL: one statement-level trigger per table (a COPY of a million rows
# sets the token once); a sequence, so a token is never handed out twice.
POSTGRES_FUNCTION = f"""
CREATE SEQUENCE IF NOT EXISTS {TOKENS}_seq;
CREATE OR REPLACE FUNCTION {TOKENS}_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO {TOKENS} ("table", token) VALUES (TG_TABLE_NAME, nextval('{TOKENS}_seq'))
    ON CONFLICT ("table") DO UPDATE SET token = EXCLUDED.token;
    RETURN NULL;
END $$;
"""


def _postgres(table):
    return [
        f"CREATE TRIGGER {table}_written AFTER INSERT OR UPDATE OR DELETE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {TOKENS}_set();",
        f"CREATE TRIGGER {table}_truncated AFTER TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {TOKENS}_set();",
    ]


# SQLite has row triggers only; random() is a 64-bit integer (a repeat is as likely
# as guessing a 64-bit key), so a token is not handed out twice after a rollback.
def _sqlite(table):
    return [
        f"CREATE TRIGGER {table}_{event.lower()}_written AFTER {event} ON {table} BEGIN "
        f"INSERT OR REPLACE INTO {TOKENS} (\"table\", token) VALUES ('{table}', random()); END;"
        for event in EVENTS
    ]


def _drop(table, vendor):
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {table}_{name} ON {table};" for name in ("written", "truncated")]
    return [f"DROP TRIGGER IF EXISTS {table}_{event.lower()}_written;" for event in EVENTS]


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = [POSTGRES_FUNCTION, *[s for table in WATCHED for s in _postgres(table)]]
    elif vendor == "sqlite":
        statements = [s for table in WATCHED for s in _sqlite(table)]
    else:
        raise NotImplementedError(f"write-token triggers for {vendor}")
    fresh = f"nextval('{TOKENS}_seq')" if vendor == "postgresql" else "random()"
    statements += [f"INSERT INTO {TOKENS} (\"table\", token) VALUES ('{table}', {fresh});" for table in WATCHED]
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for table in WATCHED:
        for statement in _drop(table, vendor):
            schema_editor.execute(statement)
    if vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {TOKENS}_set(); DROP SEQUENCE IF EXISTS {TOKENS}_seq;")


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0009_indicators_use_the_shared_topics"),
        ("releases", "0005_organisations_from_the_code_list"),
    ]

    operations = [
        migrations.CreateModel(
            name="WriteToken",
            fields=[
                ("table", models.CharField(max_length=63, primary_key=True, serialize=False)),
                ("token", models.BigIntegerField()),
            ],
            options={"verbose_name": "write token"},
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
