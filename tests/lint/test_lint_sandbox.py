"""The render budget: hostile templates are findings, never a hang or a crash."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from jinja2 import Environment

from replykit.errors import TemplateSecurityError
from replykit.linter import lint
from replykit.linter.sandbox import lint_limits, unbounded_reason
from replykit.sandbox import Budget
from replykit.templating import environment

HEAD = "{% set variants = 2 %}\n{#- Test. -#}\n"
PLAN = ("greeting", "acknowledgement", "apology", "solution", "thanks", "signature")


def _tree(tmp_path: Path, solution: str) -> Path:
    blocks = "".join(
        f"{{% block {name} %}}{solution if name == 'solution' else name.title() + '.'}{{% endblock %}}\n"
        for name in PLAN
    )
    path = tmp_path / "en" / "general.txt.j2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + blocks, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("solution", "code"),
    [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "RK693",
        ),
        (
            "{% set xs = range(99999) | list %}{% for a in xs %}{% for b in xs %}{% endfor %}{% endfor %}",
            "RK693",
        ),
        (
            "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
            "RK693",
        ),
        ("{{ 'x' * 10**12 }}", "RK694"),
        ("{{ 2 ** (10 ** 8) }}", "RK694"),
        ("{{ '%9999999999d' % 1 }}", "RK694"),
        ("{{ 'x' | center(10**10) }}", "RK694"),
        ("{{ 'x'.ljust(10**10) }}", "RK694"),
        ("{{ lipsum(10**7) }}", "RK694"),
        (
            "{% set ns = namespace(s='xx') %}{% for i in range(80) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
            "RK694",
        ),
        ("{% for i in range(10**9) %}{% endfor %}", "RK694"),
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "RK692"),
        ("{% include 'en/general.txt.j2' %}", "RK693"),
    ],
)
def test_hostile_template_is_a_finding(tmp_path: Path, solution: str, code: str) -> None:
    path = _tree(tmp_path, solution)
    started = time.perf_counter()
    found = lint(path, select=["RK69"], render_timeout=1.0)
    assert code in {f.code for f in found}, found
    assert time.perf_counter() - started < 30


@pytest.mark.parametrize(
    ("source", "bounded"),
    [
        (
            "{% set variants = 2 %}{% block a %}{% if x %}{{ x | isolate }}{% endif %}{% endblock %}",
            True,
        ),
        (
            "{% block a %}{% for s in steps %}{{ loop.index }}. {{ s }}{% endfor %}{% endblock %}",
            True,
        ),
        (
            "{% block a %}{{ g('a', 'b', 'c') }}{{ 'a' if variant == 1 else 'b' }}{% endblock %}",
            True,
        ),
        ("{% block a %}{{ 'x' * 3 }}{% endblock %}", False),
        ("{% block a %}{% for i in range(3) %}{% endfor %}{% endblock %}", False),
        ("{% block a %}{% set y = 1 %}{% endblock %}", False),
        ("{% macro m() %}{% endmacro %}", False),
        ("{% block a %}{{ x | center(9) }}{% endblock %}", False),
        ("{% block a %}{{ x.upper() }}{% endblock %}", False),
        ("{% block a %}{% include 'x' %}{% endblock %}", False),
    ],
)
def test_bounded_subset(source: str, bounded: bool) -> None:
    tree = Environment().parse(source)
    assert (unbounded_reason(tree) is None) is bounded


def _apply(operator: str, left: object, right: object) -> object:
    """``left <operator> right`` through the engine's sandbox, under the linter's limits."""
    env = environment(Path(__file__).parent)
    budget = Budget(lint_limits(seconds=5, size=100_000))
    token = budget.start()
    try:
        return env.call_binop(None, operator, left, right)  # type: ignore[arg-type]
    finally:
        budget.stop(token)


@pytest.mark.parametrize(
    ("operator", "left", "right"),
    [
        ("*", "ab", 10**6),
        ("*", 10**6, [1]),
        ("**", 10, 10**5),
        ("+", "a" * 60_000, "b" * 60_000),
        ("%", "%200000s", "x"),
    ],
)
def test_oversized_operations_are_refused_before_they_run(
    operator: str, left: object, right: object
) -> None:
    with pytest.raises(TemplateSecurityError) as refused:
        _apply(operator, left, right)
    assert refused.value.kind == "size"


@pytest.mark.parametrize(
    ("operator", "left", "right"), [("*", "ab", 3), ("**", 2, 64), ("+", "a", "b")]
)
def test_ordinary_operations_pass(operator: str, left: object, right: object) -> None:
    _apply(operator, left, right)
