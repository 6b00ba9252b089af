"""The shape of the package, checked on every run (docs/development.md,
"Architecture"). The layers themselves are import-linter's contracts in
pyproject.toml, run by `make lint`; these tests hold the rest of the map:
small modules, no model looked up by name, no type sniffing, no private helper
borrowed from another module, and a stated reason for every import inside a
function."""

import ast
import re
from pathlib import Path

import grimp
import pytest


PACKAGE = Path(__file__).resolve().parents[2] / "wagtail_events"
# About a screen's worth of scrolling per concern; a module past this does two
# things and wants splitting by what each is for.
MAX_LINES = 400
# Why an import may sit inside a function (ruff's PLC0415). No "circular import":
# the package has no import circle, and the layers keep it so.
IMPORT_REASONS = {
    "app ready": "apps.py's ready(): the modules that import the models",
    "optional dependency": "a package the site may not install",
    "slow import": "a heavy module only a few requests need",
}


def modules():
    return sorted(
        path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts
    )


def relative(path):
    return path.relative_to(PACKAGE.parent).as_posix()


def test_every_module_is_small():
    too_long = {
        relative(path): count
        for path in modules()
        if (count := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert not too_long, f"Over {MAX_LINES} lines, split by purpose: {too_long}"


def test_every_import_inside_a_function_says_why():
    reasons = "|".join(re.escape(reason) for reason in IMPORT_REASONS)
    allowed = re.compile(rf"#\s*noqa:[^#]*PLC0415[^#]*--\s*({reasons})\s*$")
    unexplained = [
        f"{relative(path)}:{number}: {line.strip()}"
        for path in modules()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "PLC0415" in line and not allowed.search(line)
    ]
    assert not unexplained, (
        f"Give each a reason from {sorted(IMPORT_REASONS)}: {unexplained}"
    )


def test_inside_function_imports_of_app_ready_are_in_apps_ready():
    misplaced = [
        f"{relative(path)}:{number}"
        for path in modules()
        if path.name != "apps.py"
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "PLC0415 -- app ready" in line
    ]
    assert not misplaced


def test_no_model_is_looked_up_by_name():
    """Each layer above the models imports the classes; one below them takes the
    objects it is given. ``apps.get_model`` is for migrations."""
    found = [
        relative(path)
        for path in modules()
        if re.search(r"\bget_model\(", path.read_text())
    ]
    assert not found


SNIFFING = re.compile(
    r"__name__\s*==|_meta\.model_name\s*==|label_lower\s*==|"
    r"model_name\s*==\s*[\"']|==\s*[\"']\w*page[\"']"
)


def test_kinds_of_page_are_asked_through_enums():
    """ "Is this a conference?" has one answer: ``enums.is_conference`` (or an
    ``isinstance``), never a comparison of class or model names."""
    found = [
        f"{relative(path)}:{number}: {line.strip()}"
        for path in modules()
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if SNIFFING.search(line)
    ]
    assert not found


def _package_modules(tree, path):
    """Local names bound to modules of the package by ``from . import x`` style
    imports, with the module each names."""
    names = {}
    here = relative(path).removesuffix(".py").split("/")
    package = here[:-1] if here[-1] != "__init__" else here[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                base = base + (node.module.split(".") if node.module else [])
            elif node.module and node.module.startswith("wagtail_events"):
                base = node.module.split(".")
            else:
                continue
            for alias in node.names:
                candidate = PACKAGE.parent.joinpath(*base, alias.name)
                if candidate.with_suffix(".py").is_file() or candidate.is_dir():
                    names[alias.asname or alias.name] = ".".join([*base, alias.name])
    return names


def test_no_private_helper_is_borrowed_from_another_module():
    """A name starting with ``_`` belongs to its module: ``from x import _y`` or
    ``x._y`` from elsewhere means the helper wants a public name and a home."""
    borrowed = []
    for path in modules():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (
                node.level or (node.module or "").startswith("wagtail_events")
            ):
                borrowed += [
                    f"{relative(path)}:{node.lineno} imports {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_")
                    and not alias.name.startswith("__")
                    # The package installs its finder of old import paths.
                    and alias.name != "_moved"
                ]
        modules_here = _package_modules(tree, path)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in modules_here
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                borrowed.append(
                    f"{relative(path)}:{node.lineno} uses "
                    f"{modules_here[node.value.id]}.{node.attr}"
                )
    assert not borrowed


@pytest.mark.parametrize(
    "rule",
    [
        # The "last day of a whole-day event": an end at midnight is the day before.
        r"end\w*\.time\(\)\s*==\s*datetime\.time\(0\)",
        # The online-address rule.
        r"attendance_mode\s*!=\s*[\"']in_person|attendance_mode in \(",
    ],
)
def test_a_rule_is_written_once(rule):
    """Rules that used to be copied into several modules live in one leaf now
    (``localtime.last_day``, ``places.joins_online``)."""
    found = [relative(path) for path in modules() if re.search(rule, path.read_text())]
    assert len(found) <= 1, found


def test_a_package_s_admin_screens_sit_above_its_domain():
    """What an admin subpackage holds (views, viewsets, menus) is a caller of its
    package's domain modules, never the other way round: alerts, digests and the
    organisers' e-mails once imported display helpers from the registration
    admin's ``common``."""
    graph = grimp.build_graph("wagtail_events")
    upward = []
    for admin in sorted(m for m in graph.modules if m.endswith(".admin")):
        package = admin.rsplit(".", 1)[0]
        if package == "wagtail_events":
            continue  # the package's own admin is wiring, above every layer
        screens = {admin, *graph.find_descendants(admin)}
        for module in graph.find_descendants(package) - screens:
            upward += [
                f"{module} imports {imported}"
                for imported in graph.find_modules_directly_imported_by(module)
                if imported in screens
            ]
    assert not upward
