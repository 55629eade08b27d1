"""``[tool.replykit.lint]`` in ``pyproject.toml``: a project's lint settings.

The command looks for the first ``pyproject.toml`` with that table in the
current folder and its parents (or takes ``--config FILE``); options on the
command line override it. Paths in the table (``paths``, ``rules``,
``output-file``) are relative to the ``pyproject.toml``'s folder. Keys are
written as in ruff, with dashes::

    [tool.replykit.lint]
    paths = ["templates"]
    select = ["RK"]
    ignore = ["RK207"]
    per-file-ignores = { "templates/tr/*" = ["RK503"] }
    format = "github"
    exit-zero = false
    rules = "rules/billing.toml"
    render-timeout = 5.0

A key that is not known, or a value of the wrong type, stops the command
(exit code 2) with the file and the key path, so a typo never silently
disables a setting.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import LintError
from .sandbox import DEFAULT_TIME_BUDGET

__all__ = ["LintConfig", "find_config", "load_config", "relative_to"]


class LintConfig(BaseModel):
    """The settings of ``[tool.replykit.lint]``."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    paths: list[str] = Field(default_factory=list)
    select: list[str] | None = None
    ignore: list[str] = Field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")
    format: Literal["text", "json", "github", "sarif"] | None = None
    output_file: str | None = Field(default=None, alias="output-file")
    exit_zero: bool = Field(default=False, alias="exit-zero")
    rules: str | None = None
    render_timeout: float = Field(default=DEFAULT_TIME_BUDGET, gt=0, le=600, alias="render-timeout")


def _table(path: Path) -> dict[str, object] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise LintError(f"{path}: cannot read: {exc.strerror}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LintError(f"{path}: invalid TOML: {exc}") from None
    table = data.get("tool", {})
    for key in ("replykit", "lint"):
        if not isinstance(table, dict):
            return None
        table = table.get(key)
        if table is None:
            return None
    if not isinstance(table, dict):
        raise LintError(f"{path}: tool.replykit.lint must be a table")
    return table


def find_config(start: Path | None = None) -> Path | None:
    """The first ``pyproject.toml`` with ``[tool.replykit.lint]`` from ``start`` upwards."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / "pyproject.toml"
        if path.is_file() and _table(path) is not None:
            return path
    return None


def load_config(path: Path | None) -> LintConfig:
    """Read ``[tool.replykit.lint]`` from ``path``; the defaults when ``path`` is ``None``.

    Examples:
        >>> load_config(None).format is None
        True

    Raises:
        LintError: the file cannot be read, is not TOML, or the table does
            not validate; the message names the file and the key.
    """
    if path is None:
        return LintConfig()
    table = _table(path)
    if table is None:
        return LintConfig()
    try:
        return LintConfig.model_validate(table)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        raise LintError(f"{path}: tool.replykit.lint.{key}: {first['msg'].lower()}") from None


def relative_to(config_path: Path | None, value: str) -> str:
    """A path from the table, read relative to the ``pyproject.toml``'s folder.

    Examples:
        >>> relative_to(Path("proj/pyproject.toml"), "templates")
        'proj/templates'
        >>> relative_to(None, "templates")
        'templates'
    """
    path = Path(value)
    if config_path is None or path.is_absolute():
        return value
    joined = config_path.parent / path
    if joined.is_absolute():
        try:
            return str(joined.relative_to(Path.cwd()))
        except ValueError:
            return str(joined)
    return str(joined)
