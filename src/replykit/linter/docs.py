"""Write ``docs/lint-rules.md`` from the rule registry.

The rule docstrings are the documentation; this module only lays them out:
a table of every rule, then one section per family with each rule's summary,
severity, explanation, anti-pattern and best practice. A test compares the
file with :func:`rules_document` and fails when it is stale.

Usage::

    python -m replykit.linter.docs            # rewrite docs/lint-rules.md
    python -m replykit.linter.docs --check    # exit 1 if the file is stale
    python -m replykit.linter.docs OUT.md     # write elsewhere
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .registry import FAMILIES, Rule, all_rules

__all__ = ["DEFAULT_PATH", "main", "rules_document"]

DEFAULT_PATH = Path("docs/lint-rules.md")

_FAMILY_NOTES = {
    "0": "Files that cannot be read, suppression comments, and the tree's own files.",
    "1": "What Jinja cannot parse, and filters or tests the drafting engine does not have.",
    "2": "Sections (named blocks) and variants, checked against the archetype's section plan.",
    "3": "Context variables, fallbacks for optional values, and leftovers in the wording.",
    "4": "A tree's coverage of archetypes and languages, and parity of one archetype across "
    "languages.",
    "5": "The template's own wording: Arabic and Persian script, untranslated text, bidi and "
    "invisible characters, half-spaces, and the validators' tone lexicons.",
    "6": "Every template rendered for each variant with the sample contexts of its language "
    "(full and minimal) and validated: the draft checks of `replykit.validate` (RK601-RK631) "
    "and the linter's own render rules (RK690-RK694).",
}


def _anchor(entry: Rule) -> str:
    text = f"{entry.code} {entry.name}".lower()
    return re.sub(r"[^a-z0-9 -]", "", text).replace(" ", "-")


def _body(entry: Rule) -> str:
    """The docstring without its first line (the summary, shown above it)."""
    lines = entry.doc.splitlines()[1:]
    return "\n".join(lines).strip()


def rules_document() -> str:
    """The Markdown of ``docs/lint-rules.md``.

    Examples:
        >>> "| [RK101]" in rules_document()
        True
    """
    rules = all_rules()
    out = [
        "# `replykit lint` rules",
        "",
        "<!-- Generated from the rule registry by `python -m replykit.linter.docs`; do not edit. -->",
        "",
        "Every rule has a stable code (the hundreds are the family), a dotted name, a default",
        "severity (only `error` fails a build) and the documentation below. Select or ignore",
        "rules by code prefix (`--select RK2,RK501`, `--ignore RK207`) or by name; silence one",
        "line with `{# replykit: noqa: RK501 #}` (see `docs/lint.md`).",
        "",
        "| code | name | severity | summary |",
        "| --- | --- | --- | --- |",
    ]
    for entry in rules.values():
        summary = entry.summary.replace("|", "\\|")
        out.append(
            f"| [{entry.code}](#{_anchor(entry)}) | `{entry.name}` | {entry.severity} | {summary} |"
        )
    for digit, family in FAMILIES.items():
        members = [entry for entry in rules.values() if entry.code[2] == digit]
        if not members:
            continue
        out += ["", f"## RK{digit}xx {family}", "", _FAMILY_NOTES[digit]]
        for entry in members:
            out += [
                "",
                f"### {entry.code} {entry.name}",
                "",
                f"**{entry.summary}.** Severity: {entry.severity}.",
                "",
                _body(entry),
            ]
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m replykit.linter.docs", description="Write docs/lint-rules.md from the rules."
    )
    parser.add_argument("output", nargs="?", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--check", action="store_true", help="exit 1 when the file is stale")
    args = parser.parse_args(argv)
    text = rules_document()
    if args.check:
        try:
            current = args.output.read_text(encoding="utf-8")
        except OSError:
            current = ""
        if current != text:
            print(f"{args.output} is stale: run python -m replykit.linter.docs", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
