"""A token per watched table that the database replaces on every write to it.

Triggers (migration 0010) set the token on every INSERT, UPDATE, DELETE (and
TRUNCATE on PostgreSQL), whoever writes: the importer's COPY, the admin, a
migration, a raw `.update()`. Because they run in the writer's transaction, a
reader sees a new token exactly when it sees the new rows. A token is never
reused, even after a rollback (PostgreSQL: a sequence; SQLite: a random 64-bit
integer), so nothing computed inside a transaction that rolled back can be
found again under a token of committed rows.

The disclosure patterns are cached under the tokens of the tables they are
computed from (disclosure/lookup.py)."""

from django.db import models
from django.db.models import F, Func, Subquery

from core.compiled import MARK_NOW, CompiledQuery
from releases.embargo import entry_model, entry_public_q

# The tables a disclosure pattern is computed from: observation rows, the
# indicators' code lists and their codes' parents (the hierarchies), and the
# calendar entries that make rows public.
WATCHED_TABLES = (
    "indicators_observation",
    "indicators_code",
    "indicators_codelist",
    "indicators_indicatordimension",
    "releases_releasepage",
)


class WriteToken(models.Model):
    table = models.CharField(max_length=63, primary_key=True)
    token = models.BigIntegerField()

    class Meta:
        verbose_name = "write token"

    def __str__(self):
        return f"{self.table}: {self.token}"


def _tokens_at(now):
    """Every token, each row with the last release minute passed at `now` (the
    embargo's own rule for a public entry, `entry_public_q`)."""
    public = entry_model().objects.filter(entry_public_q(now=now)).order_by()
    last = Subquery(public.annotate(last=Func(F("release_at"), function="MAX")).values("last"))
    return WriteToken.objects.annotate(minute=last).order_by("table").values_list("minute", "table", "token")


# Compiled once (core/compiled.py): it runs on every page that shows figures.
_TOKENS = CompiledQuery(WriteToken, _tokens_at, now=MARK_NOW)


def data_state(now) -> tuple | None:
    """The watched tables' tokens and the last release minute passed at `now`
    (which, with the entries' token, fixes which entries are public): ONE query.
    None when a table has no token yet (not written since the triggers came, or
    emptied by a flush): such a state could not tell two contents apart."""
    rows = _TOKENS(now=now)
    tokens = tuple((name, token) for _minute, name, token in rows if name in WATCHED_TABLES)
    if len(tokens) < len(WATCHED_TABLES):
        return None
    return (str(rows[0][0]), *tokens)
