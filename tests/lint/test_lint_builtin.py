"""The built-in templates lint clean, and the linter renders them as the engine drafts them."""

from __future__ import annotations

import pytest

from replykit.drafting import draft
from replykit.linter import lint
from replykit.linter.rendering import RenderJob, render_job
from replykit.linter.samples import sample_contexts
from replykit.linter.tree import TemplateTree
from replykit.templating import find_templates

LANGS = ("en", "ar", "fa")


def test_there_are_24_builtin_templates() -> None:
    tree = TemplateTree(find_templates(), whole=True)
    assert len(tree.files) == 24
    assert {f.lang for f in tree.files} == set(LANGS)


def test_builtin_templates_lint_clean() -> None:
    assert lint() == []


def test_builtin_templates_lint_clean_but_for_parity_of_variables() -> None:
    findings = lint(ignore=["RK407"])
    assert [f"{f.path}:{f.line}: {f.code} {f.message}" for f in findings] == []


def _jobs() -> list[tuple[str, str]]:
    tree = TemplateTree(find_templates(), whole=True)
    return [(f.lang, f.archetype) for f in tree.files]


@pytest.mark.parametrize(("lang", "archetype"), _jobs())
def test_linter_renders_exactly_what_the_engine_drafts(lang: str, archetype: str) -> None:
    root = find_templates()
    tree = TemplateTree(root, whole=True)
    file = next(f for f in tree.files if f.lang == lang and f.archetype == archetype)
    assert file.facts is not None and file.facts.variants is not None
    contexts = sample_contexts(lang)
    job = RenderJob(
        root=str(root),
        name=file.name,
        filename=str(file.path),
        source=file.source or "",
        lang=lang,
        archetype=archetype,
        plan=list(tree.plan[archetype]),
        variants=file.facts.variants,
        contexts=[
            (label, ctx.model_dump(mode="json", exclude_none=True)) for label, ctx in contexts
        ],
        seconds=30.0,
        size=100_000,
    )
    outcome = render_job(job)
    assert outcome.failures == []
    by_key = {(d.variant, d.label): d for d in outcome.drafts}
    for variant in range(1, file.facts.variants + 1):
        for label, ctx in contexts:
            expected = draft("", context=ctx, lang=lang, archetype=archetype, variant=variant)
            got = by_key[(variant, label)]
            assert got.sections == [(s.name, s.text) for s in expected.sections]
            assert tuple(got.values) == expected.values
