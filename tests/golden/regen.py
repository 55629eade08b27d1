"""Regenerate the golden drafts: one file per language, archetype and variant.

Run from the repository root after changing a template on purpose, then read
the diff before committing it::

    .venv/bin/python tests/golden/regen.py

Every draft uses the one fixed context in ``context.json`` (a major outage, a
follow-up time, steps, a Latin name inside Arabic and Persian text).
"""

from __future__ import annotations

import sys
from pathlib import Path

from replykit.context import ReplyContext
from replykit.drafting import draft
from replykit.models import Draft
from replykit.templating import TEMPLATE_SUFFIX, find_templates, load_template

HERE = Path(__file__).resolve().parent
CONTEXT = HERE / "context.json"


def fixed_context() -> ReplyContext:
    """The context every golden draft is rendered with."""
    return ReplyContext.model_validate_json(CONTEXT.read_text(encoding="utf-8"))


def existing_templates() -> list[tuple[str, str, int]]:
    """``(lang, archetype, variant)`` for every variant of every built-in template."""
    found: list[tuple[str, str, int]] = []
    root = find_templates()
    for path in sorted(root.glob(f"*/*{TEMPLATE_SUFFIX}")):
        lang = path.parent.name
        archetype = path.name.removesuffix(TEMPLATE_SUFFIX)
        variants = load_template(archetype, lang).variants
        found.extend((lang, archetype, variant) for variant in range(1, variants + 1))
    return found


def golden_path(lang: str, archetype: str, variant: int) -> Path:
    return HERE / lang / f"{archetype}.v{variant}.txt"


def golden_text(reply: Draft) -> str:
    """A draft as a reviewable text file: a header, then each section under its name."""
    lines = [f"# {reply.lang} {reply.archetype} variant {reply.variant} ({reply.direction})"]
    for section in reply.sections:
        lines.append(f"\n[{section.name}]")
        lines.append(section.text)
    return "\n".join(lines) + "\n"


def render(lang: str, archetype: str, variant: int) -> str:
    reply = draft("", archetype=archetype, lang=lang, variant=variant, context=fixed_context())
    return golden_text(reply)


def main() -> int:
    written = 0
    for lang, archetype, variant in existing_templates():
        path = golden_path(lang, archetype, variant)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = render(lang, archetype, variant)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written += 1
            print(f"wrote {path.relative_to(HERE)}")
    stale = {golden_path(*key) for key in existing_templates()}
    for path in sorted(HERE.glob("*/*.txt")):
        if path not in stale:
            path.unlink()
            print(f"removed {path.relative_to(HERE)}")
    print(f"{written} golden file(s) updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
