"""``replykit lint``: options, configuration in pyproject.toml, output files, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replykit.cli import main


@pytest.fixture()
def project(builtin_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder holding a template tree, as the working directory."""
    root = builtin_copy.parent
    monkeypatch.chdir(root)
    return root


def _break(project: Path) -> None:
    path = project / "templates" / "fa" / "angry.txt.j2"
    path.write_text(
        path.read_text(encoding="utf-8").replace("\u06cc", "\u064a", 1), encoding="utf-8"
    )


def test_clean_tree_exits_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "templates", "--ignore", "RK407"]) == 0
    assert capsys.readouterr().out == ""


def test_error_findings_exit_1_and_exit_zero_exits_0(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _break(project)
    assert main(["lint", "templates", "--select", "RK501"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("templates/fa/angry.txt.j2:9:37: RK501 Arabic letters in Persian wording")
    assert main(["lint", "templates", "--select", "RK501", "--exit-zero"]) == 0


def test_warnings_alone_exit_0(project: Path) -> None:
    assert main(["lint", "templates", "--select", "RK407"]) == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "--select", "RK9"],
        ["lint", "missing-folder"],
        ["lint", "--config", "no-such.toml"],
        ["lint", "--format", "xml"],
    ],
)
def test_could_not_run_exits_2(project: Path, argv: list[str]) -> None:
    with pytest.raises(SystemExit) as exc:  # argparse exits on its own for bad choices
        code = main(argv)
        raise SystemExit(code)
    assert exc.value.code == 2


def test_output_file_and_formats(project: Path) -> None:
    _break(project)
    for name in ("json", "github", "sarif", "text"):
        target = project / f"report.{name}"
        assert (
            main(
                [
                    "lint",
                    "templates",
                    "--select",
                    "RK5",
                    "--format",
                    name,
                    "--output-file",
                    str(target),
                ]
            )
            == 1
        )
        text = target.read_text(encoding="utf-8")
        assert "RK501" in text
        if name in ("json", "sarif"):
            json.loads(text)


def test_configuration_in_pyproject(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break(project)
    (project / "pyproject.toml").write_text(
        '[tool.replykit.lint]\npaths = ["templates"]\nselect = ["RK5"]\nformat = "github"\n'
        'per-file-ignores = { "templates/en/*" = ["RK513"] }\n',
        encoding="utf-8",
    )
    assert main(["lint"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=templates/fa/angry.txt.j2,line=9,col=37,title=RK501 ")
    # The command line wins over the file; --isolated ignores it.
    assert main(["lint", "--ignore", "RK501"]) == 0
    capsys.readouterr()
    assert main(["lint", "--isolated", "--select", "RK1"]) == 0


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('selct = ["RK5"]', "tool.replykit.lint.selct: extra inputs are not permitted"),
        ('format = "xml"', "tool.replykit.lint.format"),
        ("render-timeout = -1", "tool.replykit.lint.render-timeout"),
        ('select = ["RK9"]', "matches no rule"),
    ],
)
def test_a_broken_configuration_exits_2(
    project: Path, capsys: pytest.CaptureFixture[str], table: str, message: str
) -> None:
    (project / "pyproject.toml").write_text(f"[tool.replykit.lint]\n{table}\n", encoding="utf-8")
    assert main(["lint", "templates"]) == 2
    assert message in capsys.readouterr().err
