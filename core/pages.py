"""Small helpers for building the page tree from code (management commands, the demo, tests)."""


def child_page(parent, model, slug, **fields):
    """The child of `parent` with this slug, created (and published) if missing.
    An existing page is left as editors made it."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, locale=parent.locale, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
