"""Data migrations onto the shared vocabulary (core.taxonomy): rewrite stored
codes through a mapping, in the rows and in the page revisions (so an editor
opening a page after the migration sees valid choices, and an old revision
published later brings no old code back). Works on SQLite and PostgreSQL.

Each migration passes its own literal mapping, so later changes to the
vocabulary never change what an old migration did."""

SEPARATOR = ","


def recode_value(value, mapping, multi=False):
    if not multi:
        return mapping.get(value, value)
    codes = [mapping.get(c, c) for c in (value or "").split(SEPARATOR) if c]
    codes = list(dict.fromkeys(c for c in codes if c))  # two old codes may become one
    return f"{SEPARATOR}{SEPARATOR.join(codes)}{SEPARATOR}" if codes else ""


def recode(apps, app_label, model_name, field, mapping, multi=False, revisions=False):
    """Rewrite `field` of every row of the model through `mapping` (old → new code).
    `multi`: the field holds «,a,b,»; `revisions`: the model is a Wagtail page
    (its saved revisions are rewritten too)."""
    model = apps.get_model(app_label, model_name)
    for pk, value in model.objects.values_list("pk", field).iterator():
        new = recode_value(value, mapping, multi)
        if new != value:
            model.objects.filter(pk=pk).update(**{field: new})
    if revisions:
        recode_revisions(apps, app_label, field, mapping, multi)


def recode_revisions(apps, app_label, field, mapping, multi=False):
    """Rewrite `field` in the saved revisions of the app's pages (every page
    type of the app: a revision names its specific type)."""
    Revision = apps.get_model("wagtailcore", "Revision")
    for revision in Revision.objects.filter(content_type__app_label=app_label).iterator():
        content = revision.content or {}
        if field not in content:
            continue
        new = recode_value(content[field], mapping, multi)
        if new != content[field]:
            content[field] = new
            Revision.objects.filter(pk=revision.pk).update(content=content)


def reverse_of(mapping):
    """The mapping back, for a reversible migration (the first old code wins
    where two old codes became one)."""
    back = {}
    for old, new in mapping.items():
        back.setdefault(new, old)
    return back
