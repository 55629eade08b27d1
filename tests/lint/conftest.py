"""Fixtures for the linter's tests: small template trees written on the fly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from replykit.templating import find_templates


@pytest.fixture()
def builtin_copy(tmp_path: Path) -> Path:
    """A copy of the built-in template tree, to break on purpose."""
    root = tmp_path / "templates"
    shutil.copytree(find_templates(), root)
    return root


@pytest.fixture()
def broken_tree(builtin_copy: Path) -> Path:
    """The built-in tree with a syntax error in English and Arabic letters in Persian."""
    general = builtin_copy / "en" / "general.txt.j2"
    general.write_text(
        general.read_text(encoding="utf-8").replace("{% endif %}", "{% endfi %}", 1),
        encoding="utf-8",
    )
    angry = builtin_copy / "fa" / "angry.txt.j2"
    text = angry.read_text(encoding="utf-8")
    angry.write_text(text.replace("\u06cc", "\u064a", 1), encoding="utf-8")
    return builtin_copy
