"""docs/architecture.md names the one place each rule lives: every module and name it cites exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "architecture.md"
CITED = re.compile(r"`((?:participants|consult|feedback|config|tests)/[\w./-]+\.py)::([\w.]+)`")
PATHS = re.compile(r"`((?:participants|consult|feedback|config|tests|templates)/[\w./-]*)`")


def defined_names(path: Path) -> set[str]:
    """Top-level functions, classes and assignments, and methods as Class.method."""
    names: set[str] = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
            if isinstance(node, ast.ClassDef):
                names.update(f"{node.name}.{item.name}" for item in node.body if isinstance(item, ast.FunctionDef))
        elif isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


@pytest.mark.parametrize("module, name", sorted(set(CITED.findall(PAGE.read_text()))))
def test_every_cited_name_is_defined_where_the_page_says(module, name):
    path = ROOT / module

    assert path.is_file(), f"docs/architecture.md cites {module}, which does not exist"
    assert name in defined_names(path), f"docs/architecture.md cites {module}::{name}, not defined there"


def test_every_cited_folder_and_file_exists():
    missing = [
        cited
        for cited in sorted(set(PATHS.findall(PAGE.read_text())))
        if "<" not in cited and not (ROOT / cited.split("::")[0]).exists()
    ]

    assert not missing, f"docs/architecture.md cites paths that do not exist: {missing}"
