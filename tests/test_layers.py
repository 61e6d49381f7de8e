"""The packages import one way: core, then the apps in order, then the API, then the project.

Every import is read from the source, those inside functions included, so a cycle cannot
hide behind a local import. Two rules:

- a package imports only packages at its own layer or below (``LAYERS``);
- inside a package, modules form no import cycle.

Every top-level package is also imported, so a cycle that only shows when loading fails.
"""

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Bottom to top. A package may import those at or below its own place.
LAYERS = [
    "core",
    "topics",
    "home",
    "pages",
    "articles",
    "craft_course",
    "membership",
    "search",
    "security",
    "accounts",
    "webhooks",
    "wordpress",
    "operations",
    "api",
    "cms",
]


def _module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path):
    """Every project module this file imports, wherever the import statement is."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return {module for module in found if module.split(".")[0] in LAYERS}


def _graph():
    modules = {}
    for package in LAYERS:
        for path in (ROOT / package).rglob("*.py"):
            modules[_module_name(path)] = _imports(path)
    known = set(modules)
    return {
        name: {m for m in imports if m in known and m != name} for name, imports in modules.items()
    }


def test_packages_import_only_their_own_layer_and_below():
    wrong = []
    for module, imports in _graph().items():
        own = LAYERS.index(module.split(".")[0])
        for imported in imports:
            if LAYERS.index(imported.split(".")[0]) > own:
                wrong.append(f"{module} imports {imported}")
    assert not wrong, "imports that run upwards:\n" + "\n".join(sorted(wrong))


def _cycles(graph):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_import_cycles_even_through_local_imports():
    graph = _graph()
    # A package's __init__ re-exporting a submodule is not a cycle of meaning.
    graph = {
        module: {m for m in imports if not module.startswith(f"{m}.")}
        for module, imports in graph.items()
    }
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("package", LAYERS)
def test_every_package_imports(package):
    importlib.import_module(package)
