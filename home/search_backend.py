"""Wagtail's database search backend, made to treat Persian and Arabic letter
forms and digits as equal (DESIGN.md, invariant 4).

PostgreSQL has no Persian text configuration and SQLite FTS none either, so we
normalise ourselves with iran.text.normalize_text, at index time (the text
stored for each field) and at query time (the user's words). Configure with
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.search_backend"}}.
"""

from importlib import import_module

from modelsearch.backends import database

from iran.text import normalize_text, plain_words

# The module of each database flavour whose ObjectIndexer prepares field text.
_INDEXER_MODULES = {
    "PostgresSearchBackend": "modelsearch.backends.database.postgres.postgres",
    "SQLiteSearchBackend": "modelsearch.backends.database.sqlite.sqlite",
    "MySQLSearchBackend": "modelsearch.backends.database.mysql.mysql",
}


def _normalise_indexer(module_path):
    """The index classes build `ObjectIndexer(obj, backend)` from their module's
    global name and offer no hook, so we swap in a subclass that normalises the
    prepared text. Done once per module."""
    module = import_module(module_path)
    indexer = module.ObjectIndexer
    if getattr(indexer, "normalises_persian", False):
        return

    class PersianObjectIndexer(indexer):
        normalises_persian = True

        def prepare_value(self, value):
            return normalize_text(super().prepare_value(value))

    module.ObjectIndexer = PersianObjectIndexer


def _normalising(backend_class):
    class PersianSearchBackend(backend_class):
        def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
            if isinstance(query, str):
                query = plain_words(normalize_text(query))
            return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)

    PersianSearchBackend.__name__ = f"Persian{backend_class.__name__}"
    return PersianSearchBackend


def SearchBackend(params):  # the name Wagtail looks up
    backend = database.SearchBackend(params)
    module_path = _INDEXER_MODULES.get(type(backend).__name__)
    if module_path:
        _normalise_indexer(module_path)
    return _normalising(type(backend))(params)
