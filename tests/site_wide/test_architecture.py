"""The architecture of docs/architecture.md, kept by a test.

The import graph is read from the source (tests/import_graph.py): top-level,
class-level and function-local imports all count; `if TYPE_CHECKING:` blocks and
migrations do not. tests/ and bench/ may import anything and are left out as
importers.

1. Between apps, arrows point down the LAYERS below and never form a cycle.
2. `home` (the site shell) is imported by no app but `config`.
3. Demo content and test builders are imported by no production code.
4. No app reaches into another app's views (DESIGN: "never through its views").
5. Inside an app, modules import each other without a cycle. A function-local
   import written only to dodge a cycle is still an edge: move the shared code
   to the module where it belongs instead.

KNOWN_* lists what is still wrong on main (open in issue #14), each with what is
left to do. An entry that is no longer needed fails the test too, so the lists
only shrink: delete the entry.
"""

import pytest

from tests.import_graph import all_imports, app_of, project_modules, shortest_cycle, strongly_connected

# Lower layers never import higher ones; apps within a layer may import each other
# (without a cycle). Arrows point down.
LAYERS = [
    {"iran"},  # what is Iranian and not ours: pure functions
    {"core"},  # the kernel every app may use
    {"releases"},  # the calendar: decides what is visible, for everyone above
    {"indicators", "catalog", "surveys"},  # observations and code lists; datasets; the survey
    {"publications", "tables", "researchers"},  # read observations / datasets
    {"sitesearch", "alerts"},  # read everything below
    {"home"},  # the site shell: home page, chrome, page cache
    {"config"},  # settings and root urls
    {"demo"},  # demo content and `load_demo`: nothing production imports it
]
NOT_PRODUCTION = {"tests", "bench", "demo"}  # may import anything; not checked as importers
SHELL_IMPORTERS = {"config", "demo"}


def is_demo_code(module):
    """Demo content and test builders; `<app>.demo`/`<app>.testing` were their
    old homes inside the apps and must not come back."""
    parts = module.split(".")
    return parts[0] in {"demo", "tests"} or "demo" in parts[1:] or "testing" in parts[1:]


# ---- today's known exceptions (each to be emptied, never added to) ----

# Apps that import `home`: none since translate/child_page moved to core/.
KNOWN_SHELL_IMPORTERS = set()

# Production modules that import demo code: none since the demo moved to demo/.
KNOWN_DEMO_IMPORTERS = set()

# Cross-app imports of views: none since researchers takes the open file from
# catalog.models (DataFile.open_or_404) and serves it with core.storage.
# indicators_tags → indicators.views is inside one app and allowed.
KNOWN_VIEW_IMPORTS = set()

# Apps with a cycle inside: none since catalog's helpers moved to catalog/validators.py
# and indicators/disclosure/apply.py imports the model modules it reads at the top.
KNOWN_CYCLIC_APPS = set()


@pytest.fixture(scope="module")
def imports():
    return [imp for imp in all_imports(project_modules()) if app_of(imp.importer) not in NOT_PRODUCTION]


def layer_of(app):
    for number, apps in enumerate(LAYERS):
        if app in apps:
            return number
    return None


def cross_app(imports):
    return [imp for imp in imports if app_of(imp.importer) != app_of(imp.imported)]


def test_every_app_has_a_layer(imports):
    apps = {app_of(imp.importer) for imp in imports} | {app_of(imp.imported) for imp in imports}
    unplaced = sorted(app for app in apps - NOT_PRODUCTION if layer_of(app) is None)
    assert not unplaced, f"Put each app in a layer of LAYERS (and docs/architecture.md): {unplaced}"


def test_arrows_between_apps_point_down(imports):
    upward = [
        f"{imp.importer} → {imp.imported}: {imp}"
        for imp in cross_app(imports)
        if app_of(imp.imported) != "home"  # the shell has its own rule below
        if (layer_of(app_of(imp.importer)) or 0) < (layer_of(app_of(imp.imported)) or 0)
    ]
    assert not upward, "Imports pointing up the layers (move the code down, or pass it in):\n" + "\n".join(upward)


def test_no_cycle_between_apps(imports):
    edges = {
        (app_of(imp.importer), app_of(imp.imported))
        for imp in cross_app(imports)
        if not (app_of(imp.imported) == "home" and app_of(imp.importer) in KNOWN_SHELL_IMPORTERS)
    }
    cycles = strongly_connected(edges)
    assert not cycles, "Cycles between apps:\n" + "\n".join(
        _describe(group, edges, cross_app(imports)) for group in cycles
    )


def test_only_config_imports_the_site_shell(imports):
    by_app = {}
    for imp in cross_app(imports):
        if app_of(imp.imported) == "home" and app_of(imp.importer) not in SHELL_IMPORTERS:
            by_app.setdefault(app_of(imp.importer), []).append(str(imp))
    new = {app: lines for app, lines in by_app.items() if app not in KNOWN_SHELL_IMPORTERS}
    assert not new, "Only config imports home (the site shell); move shared code to core/:\n" + _lines(new)
    fixed = KNOWN_SHELL_IMPORTERS - set(by_app)
    assert not fixed, f"No longer import home: delete them from KNOWN_SHELL_IMPORTERS: {sorted(fixed)}"


def test_production_code_never_imports_demo_or_test_code(imports):
    by_module = {}
    for imp in imports:
        if is_demo_code(imp.imported) and not is_demo_code(imp.importer):
            by_module.setdefault(imp.importer, []).append(str(imp))
    new = {module: lines for module, lines in by_module.items() if module not in KNOWN_DEMO_IMPORTERS}
    assert not new, "Production code imports demo content or test builders:\n" + _lines(new)
    fixed = KNOWN_DEMO_IMPORTERS - set(by_module)
    assert not fixed, f"Delete from KNOWN_DEMO_IMPORTERS (fixed): {sorted(fixed)}"


def test_no_app_imports_another_apps_views(imports):
    found = {}
    for imp in cross_app(imports):
        if imp.imported.split(".")[1:2] == ["views"] and app_of(imp.importer) != "config":  # root urls wire views
            found.setdefault((imp.importer, app_of(imp.imported) + ".views"), []).append(str(imp))
    new = {f"{a} → {b}": lines for (a, b), lines in found.items() if (a, b) not in KNOWN_VIEW_IMPORTS}
    assert not new, "Reach another app through its models or a small named function, not its views:\n" + _lines(new)
    fixed = KNOWN_VIEW_IMPORTS - set(found)
    assert not fixed, f"Delete from KNOWN_VIEW_IMPORTS (fixed): {sorted(fixed)}"


def test_no_cycle_inside_an_app(imports):
    inside = [imp for imp in imports if app_of(imp.importer) == app_of(imp.imported)]
    edges = {(imp.importer, imp.imported) for imp in inside}
    groups = strongly_connected(edges)
    new = [group for group in groups if app_of(group[0]) not in KNOWN_CYCLIC_APPS]
    assert not new, (
        f"{len(new)} import cycle(s) inside apps. Move the code both sides need to the module where it "
        "belongs (or a small new one both import) and make the imports top-level:\n"
        + "\n".join(_describe(group, edges, inside) for group in new)
    )
    fixed = KNOWN_CYCLIC_APPS - {app_of(group[0]) for group in groups}
    assert not fixed, f"No cycles left in these apps: delete them from KNOWN_CYCLIC_APPS: {sorted(fixed)}"


def _describe(group, edges, imports):
    """One group of modules that import each other: a shortest cycle, then every import inside the group."""
    members = set(group)
    cycle = shortest_cycle(edges, group[0])
    lines = [f"* {len(group)} modules: {', '.join(group)}", f"  e.g. {' → '.join(cycle)}"]
    lines += [
        f"    {imp}"
        for imp in sorted(imports, key=lambda imp: (imp.path, imp.line))
        if (app_of(imp.importer) if "." not in group[0] else imp.importer) in members
        and (app_of(imp.imported) if "." not in group[0] else imp.imported) in members
    ]
    return "\n".join(lines)


def _lines(found):
    return "\n".join(f"* {key}:\n    " + "\n    ".join(sorted(set(lines))) for key, lines in sorted(found.items()))
