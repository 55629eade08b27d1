"""Layering: importing replykit and classifying stays light (no Jinja, no Babel)."""

from __future__ import annotations

import subprocess
import sys


def loaded_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    return set(proc.stdout.split())


def test_import_replykit_is_light() -> None:
    mods = loaded_after("import replykit")
    assert not {"jinja2", "babel", "rapidfuzz", "pydantic"} & mods


def test_classification_imports_neither_jinja_nor_babel() -> None:
    mods = loaded_after("import replykit\nreplykit.classify('the site is down, unacceptable')")
    assert "replykit.classifier" in mods
    assert "jinja2" not in mods
    assert "babel" not in mods
