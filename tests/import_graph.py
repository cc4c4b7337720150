"""The project's own import graph, read from the source with `ast` (nothing is imported).

Used by tests/site_wide/test_architecture.py. Every `import` statement counts, wherever it
stands: at the top of a module, inside a class or inside a function — a
function-local import that only dodges a cycle still ties the two modules
together. Two kinds are left out on purpose: imports under `if TYPE_CHECKING:`
(never run) and migrations (frozen history, not architecture).
"""

import ast
from collections import deque
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Folders that hold no Python of ours, or Python that is not architecture.
NOT_SOURCE = {"migrations", "node_modules", "static", "templates", "locale", "locale_vendor", "frontend", "var"}


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name, e.g. "catalog.models"
    imported: str  # the project module it reaches, e.g. "catalog.views"
    path: str  # the importer's file, relative to the repository root
    line: int
    local: bool  # inside a function body

    def __str__(self):
        where = " (function-local)" if self.local else ""
        return f"{self.path}:{self.line} imports {self.imported}{where}"


def app_of(module):
    return module.split(".", 1)[0]


def project_modules(root=ROOT):
    """Dotted name → (file, is_package) for every module in a top-level package of ours."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        folders = rel.parts[:-1]
        if not folders or any(part.startswith(".") or part in NOT_SOURCE for part in folders):
            continue  # manage.py, the virtualenv, migrations, ...
        if not (root / folders[0] / "__init__.py").exists():
            continue
        parts = list(rel.with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        modules[".".join(parts)] = (path, is_package)
    return modules


def _is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(tree):
    """(import node, inside a function?) for every import that can run."""
    stack = [(tree, False)]
    while stack:
        node, local = stack.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                stack.extend((stmt, local) for stmt in child.orelse)
                continue
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, local
            inside = local or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
            stack.append((child, inside))


def _candidates(node, module, is_package):
    """Dotted names an import statement may reach, most specific first."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        package = module.split(".") if is_package else module.split(".")[:-1]
        package = package[: len(package) - (node.level - 1)]
        base = ".".join([*package, base] if base else package)
    # `from pkg import sub` reaches the submodule when there is one, else pkg itself.
    return [f"{base}.{alias.name}" for alias in node.names] + [base]


def imports_of(module, modules):
    path, is_package = modules[module]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    rel = str(path.relative_to(ROOT))
    found = {}
    for node, local in _statements(tree):
        names = _candidates(node, module, is_package)
        targets = [name for name in names[:-1] if name in modules] if isinstance(node, ast.ImportFrom) else []
        if not targets:
            targets = names if isinstance(node, ast.Import) else names[-1:]
        for name in targets:
            while name and name not in modules:  # `import a.b.c` of a non-module attribute
                name = name.rpartition(".")[0]
            if name and name != module:
                key = (name, node.lineno)
                found.setdefault(key, Import(module, name, rel, node.lineno, local))
    return list(found.values())


def all_imports(modules=None):
    modules = modules or project_modules()
    return [imp for module in modules for imp in imports_of(module, modules)]


def strongly_connected(edges):
    """Tarjan's algorithm: the groups of nodes that reach each other (only groups of 2 or more)."""
    graph = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index, low, on_stack, stack, groups = {}, {}, set(), [], []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def shortest_cycle(edges, start):
    """The shortest path start → … → start, as a list of nodes, or None."""
    graph = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
    came_from = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                path = [node]
                while came_from[path[-1]] is not None:
                    path.append(came_from[path[-1]])
                return [*reversed(path), start]
            if nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    return None
