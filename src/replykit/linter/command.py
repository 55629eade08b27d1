"""The ``replykit lint`` command: options, configuration, output and exit code.

Exit codes, as in flake8 and sqlfluff: 0 when no finding is an error
(warnings and notes do not fail a build), 1 when at least one is, 2 when the
linter could not run (a bad option, a path that does not exist, a broken
configuration). ``--exit-zero`` turns 1 into 0, never 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import ReplykitError
from .config import find_config, load_config, relative_to
from .reporters import REPORTERS, get_reporter

__all__ = ["EXIT_ERRORS", "EXIT_OK", "EXIT_USAGE", "add_parser", "run"]

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2

_DESCRIPTION = """\
Lint reply template trees (<root>/<lang>/<archetype>.txt.j2): syntax, sections,
context variables and fallbacks, locale coverage and parity, Arabic and Persian
script, bidi and invisible characters, tone, and every template rendered with
sample contexts and validated. Without PATH, the built-in templates.
Settings: [tool.replykit.lint] in pyproject.toml. Rules: docs/lint-rules.md."""


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add the ``lint`` subcommand to the ``replykit`` command's subparsers."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "lint",
        help="lint reply template trees for CI (structure, variables, locales, tone)",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a template tree, a language folder or a template (default: the built-in templates)",
    )
    parser.add_argument(
        "--format",
        choices=sorted(REPORTERS),
        help="text (default), json, github (Actions annotations) or sarif (2.1.0)",
    )
    parser.add_argument("--output-file", metavar="FILE", help="write the report to FILE")
    parser.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="comma-separated code prefixes to run (RK2,RK501)",
    )
    parser.add_argument(
        "--ignore", type=_codes, metavar="CODES", help="comma-separated code prefixes not to run"
    )
    parser.add_argument(
        "--exit-zero",
        action="store_true",
        default=None,
        help="exit with 0 even when findings are errors (2 still means it could not run)",
    )
    parser.add_argument(
        "--rules", metavar="PATH", help="a rules file or folder whose archetypes are known too"
    )
    parser.add_argument(
        "--config", metavar="FILE", help="a pyproject.toml to read instead of the nearest one"
    )
    parser.add_argument(
        "--isolated", action="store_true", help="ignore [tool.replykit.lint] in pyproject.toml"
    )
    parser.set_defaults(func=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Run the linter as the command line asked; the exit code."""
    try:
        return _run(args)
    except (ReplykitError, ValueError) as exc:
        if getattr(args, "debug", False):
            raise
        print(f"replykit: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _run(args: argparse.Namespace) -> int:
    from .registry import all_rules
    from .runner import lint

    config_path: Path | None = None
    if not getattr(args, "isolated", False):
        config_path = Path(args.config) if getattr(args, "config", None) else find_config()
        if config_path is not None and not config_path.is_file():
            raise ValueError(f"no such configuration file: {str(config_path)!r}")
    config = load_config(config_path)

    paths = list(args.paths) or [relative_to(config_path, p) for p in config.paths]
    select = args.select if args.select is not None else config.select
    ignore = args.ignore if args.ignore is not None else config.ignore
    rules = args.rules or (relative_to(config_path, config.rules) if config.rules else None)
    format_name = args.format or config.format or "text"
    output = args.output_file or (
        relative_to(config_path, config.output_file) if config.output_file else None
    )
    exit_zero = args.exit_zero if args.exit_zero is not None else config.exit_zero

    findings = lint(
        paths or None,
        select=select,
        ignore=ignore,
        rules=rules,
        per_file_ignores=config.per_file_ignores,
        render_timeout=config.render_timeout,
    )
    report = get_reporter(format_name).format(findings, all_rules())
    if output:
        try:
            Path(output).write_text(report, encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"cannot write {output!r}: {exc.strerror}") from None
    else:
        sys.stdout.write(report)
        sys.stdout.flush()
    if exit_zero:
        return EXIT_OK
    return EXIT_ERRORS if any(f.severity == "error" for f in findings) else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """``python -m replykit.linter.command``: the command on its own."""
    parser = argparse.ArgumentParser(prog="replykit")
    subparsers = parser.add_subparsers(dest="command", required=True)
    add_parser(subparsers)
    args = parser.parse_args(["lint", *(sys.argv[1:] if argv is None else argv)])
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
