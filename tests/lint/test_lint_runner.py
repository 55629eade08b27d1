"""The runner: what a path means, unreadable files, per-file ignores, the Python API."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from replykit.linter import lint
from replykit.linter.errors import LintError


def test_a_broken_link_is_unreadable(builtin_copy: Path) -> None:
    target = builtin_copy / "en" / "general.txt.j2"
    target.unlink()
    try:
        target.symlink_to(builtin_copy / "en" / "moved-away.txt.j2")
    except OSError:  # pragma: no cover - no symbolic links on this system
        pytest.skip("symbolic links are not available")
    found = lint(builtin_copy, select=["RK001"])
    assert [(Path(f.path or "").name, f.code, f.line) for f in found] == [
        ("general.txt.j2", "RK001", None)
    ]
    assert "cannot read the file" in found[0].message


def test_a_tree_a_folder_and_a_file_get_different_rules(builtin_copy: Path) -> None:
    (builtin_copy / "fa" / "neglected.txt.j2").unlink()
    (builtin_copy / "farsi").mkdir()
    whole = {f.code for f in lint(builtin_copy, select=["RK401", "RK403"])}
    folder = {f.code for f in lint(builtin_copy / "fa", select=["RK401", "RK403"])}
    single = {f.code for f in lint(builtin_copy / "en" / "angry.txt.j2", select=["RK401", "RK403"])}
    assert whole == {"RK401", "RK403"}
    assert folder == set() and single == set()  # coverage needs the whole tree


def test_a_new_locale_folder_is_linted_without_language_rules(builtin_copy: Path) -> None:
    turkish = builtin_copy / "tr"
    turkish.mkdir()
    for english in (builtin_copy / "en").glob("*.txt.j2"):
        (turkish / english.name).write_text(english.read_text(encoding="utf-8"), encoding="utf-8")
    found = lint(builtin_copy, ignore=["RK407"])
    assert {(Path(f.path or "").name, f.code) for f in found} == {("tr", "RK404")}


def test_per_file_ignores(builtin_copy: Path) -> None:
    (builtin_copy / "fa" / "angry.txt.j2").write_text("{% if %}", encoding="utf-8")
    assert {f.code for f in lint(builtin_copy / "fa" / "angry.txt.j2", select=["RK1"])} == {"RK101"}
    ignored = lint(
        builtin_copy / "fa" / "angry.txt.j2", select=["RK1"], per_file_ignores={"*/fa/*": ["RK101"]}
    )
    assert ignored == []


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        (["nowhere"], "no such file or folder"),
        (["README.md"], "is not a template"),
        (["docs"], "no templates under"),
    ],
)
def test_paths_that_cannot_be_linted(paths: list[str], message: str) -> None:
    root = Path(__file__).resolve().parents[2]
    with pytest.raises(LintError, match=message):
        lint([root / p if p != "nowhere" else Path(p) for p in paths])


def test_rules_make_archetypes_known(tmp_path: Path) -> None:
    path = tmp_path / "en" / "billing.txt.j2"
    path.parent.mkdir()
    path.write_text("", encoding="utf-8")
    assert [f.code for f in lint(tmp_path, select=["RK402"])] == ["RK402"]
    rules = tmp_path / "billing.toml"
    rules.write_text(
        'precedence = ["abusive", "service_outage", "neglected", "discount_seeker", '
        '"unavailable_request", "angry", "confused", "billing", "general"]\n',
        encoding="utf-8",
    )
    assert lint(tmp_path, select=["RK402"], rules=rules) == []


def test_replykit_lint_is_the_function_after_the_package_loads() -> None:
    import replykit.linter.runner

    assert replykit.lint is replykit.linter.runner.lint
    assert replykit.lint(select=["RK1"]) == []


def test_importing_the_linter_stays_light() -> None:
    code = "import sys, replykit.linter; print('jinja2' in sys.modules, 'babel' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.split() == ["False", "False"]
