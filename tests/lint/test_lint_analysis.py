"""Static analysis: which optional values are used where they may be undefined (RK304),
and what each variant of a block reaches."""

from __future__ import annotations

from pathlib import Path

import pytest

from replykit.linter.analysis import TemplateFacts
from replykit.linter.tree import TemplateTree


def _facts(tmp_path: Path, body: str, head: str = "{% set variants = 2 %}\n") -> TemplateFacts:
    path = tmp_path / "en" / "general.txt.j2"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(head + body, encoding="utf-8")
    facts = TemplateTree(tmp_path, whole=True).files[0].facts
    assert facts is not None
    return facts


def _block(body: str) -> str:
    return "{% block solution %}" + body + "{% endblock %}"


@pytest.mark.parametrize(
    ("body", "unguarded"),
    [
        # printed, looped over, filtered: each needs a guard
        ("{{ agent_name }}", ["agent_name"]),
        ("{{ agent_name | isolate }}", ["agent_name"]),
        ("{{ agent_name | upper }}", ["agent_name"]),
        ("{% for s in steps %}{{ s }}{% endfor %}", ["steps"]),
        ("{{ followup_at.hour }}", ["followup_at"]),
        ("{{ incident.cause }}", ["incident"]),
        ("{% if incident %}{{ incident.cause }}{% endif %}", ["incident.cause"]),
        ("{% if incident.cause %}x{% endif %}", ["incident"]),
        ("{% if incident.severity == 'major' %}x{% endif %}", ["incident"]),
        ("{{ agent_name ~ '!' }}", ["agent_name"]),
        ("{{ g(agent_name, 'a', 'b') }}", ["agent_name"]),
        ("{% if not agent_name %}{{ agent_name }}{% endif %}", ["agent_name"]),
        ("{% if agent_name or company_name %}{{ agent_name }}{% endif %}", ["agent_name"]),
        ("{% if agent_name is undefined %}{{ agent_name }}{% endif %}", ["agent_name"]),
        ("{% if agent_name %}{% endif %}{{ agent_name }}", ["agent_name"]),
        ("{{ agent_name if variant == 1 else 'x' }}", ["agent_name"]),
        ("{% if steps | length > 2 %}x{% endif %}", ["steps"]),
        # guarded: tests, fallbacks, defaults
        ("{% if agent_name %}{{ agent_name }}{% endif %}", []),
        ("{% if agent_name is defined %}{{ agent_name }}{% endif %}", []),
        ("{% if agent_name and company_name %}{{ agent_name }}{{ company_name }}{% endif %}", []),
        ("{% if variant == 1 and agent_name %}{{ agent_name }}{% endif %}", []),
        ("{% if not agent_name %}x{% else %}{{ agent_name }}{% endif %}", []),
        ("{% if agent_name is undefined %}x{% else %}{{ agent_name }}{% endif %}", []),
        ("{% if x %}{% elif agent_name %}{{ agent_name }}{% endif %}", []),
        (
            "{% if not incident or not incident.cause %}x{% else %}{{ incident.cause }}{% endif %}",
            [],
        ),
        ("{% if incident and incident.cause %}{{ incident.cause }}{% endif %}", []),
        ("{% if incident and incident.severity == 'major' %}x{% endif %}", []),
        ("{% if incident and incident.data_safe is sameas true %}x{% endif %}", []),
        ("{{ agent_name | default('we') }}", []),
        ("{{ agent_name | d('we') }}", []),
        ("{{ agent_name or 'we' }}", []),
        ("{{ agent_name if agent_name else 'we' }}", []),
        ("{{ incident.cause if incident and incident.cause else 'x' }}", []),
        ("{% if steps %}{% for s in steps %}{{ loop.index }}{{ s }}{% endfor %}{% endif %}", []),
        ("{{ channel }} {{ variant }} {{ lang }} {{ archetype }}", []),
        ("{% if channel == 'sms' %}x{% endif %}", []),
        ("{% if agent_name == 'x' %}{{ agent_name }}{% endif %}", []),
        ("{% if agent_name != 'x' %}x{% else %}{{ agent_name }}{% endif %}", []),
    ],
)
def test_guards(tmp_path: Path, body: str, unguarded: list[str]) -> None:
    facts = _facts(tmp_path, _block(body))
    assert [u.path for u in facts.unguarded] == unguarded


def test_a_test_outside_a_block_does_not_guard_it(tmp_path: Path) -> None:
    facts = _facts(tmp_path, "{% if agent_name %}" + _block("{{ agent_name }}") + "{% endif %}")
    assert [u.path for u in facts.unguarded] == ["agent_name"]


@pytest.mark.parametrize(
    ("body", "empty", "repeated"),
    [
        ("{% if variant == 1 %}a{% else %}b{% endif %}", {}, []),
        ("{% if variant == 1 %}a{% endif %}", {"solution": [2]}, []),
        ("{% if variant == 2 %}a{% elif variant == 1 %}{% endif %}", {"solution": [1]}, []),
        ("{% if variant != 1 %}a{% endif %}", {"solution": [1]}, []),
        ("{% if variant in [1, 2] %}a{% endif %}", {}, [(2, 1)]),
        ("{% if variant > 1 %}b{% else %}a{% endif %}", {}, []),
        ("{% if agent_name %}a{% endif %}", {}, [(2, 1)]),
        ("{% if variant == 1 and agent_name %}a{% endif %}", {"solution": [2]}, []),
        ("   ", {"solution": [1, 2]}, [(2, 1)]),
        ("{{ g('a', 'b', 'c') }}", {}, [(2, 1)]),
    ],
)
def test_variants(
    tmp_path: Path, body: str, empty: dict[str, list[int]], repeated: list[tuple[int, int]]
) -> None:
    facts = _facts(tmp_path, _block(body))
    assert facts.empty_blocks == empty
    assert facts.repeated_variants == repeated


@pytest.mark.parametrize(
    ("head", "variants", "problem"),
    [
        ("{% set variants = 2 %}\n", 2, None),
        ("{#- comment -#}\n{% set variants = 3 %}\n", 3, None),
        ("{% set variants = 1 %}\n", 1, "at least 2"),
        ("{% set variants = '2' %}\n", None, "whole number"),
        ("{% set variants = 2.0 %}\n", None, "whole number"),
        ("{% set variants = 21 %}\n", None, "more than 20"),
        ("{% set variants = 10**9 %}\n", None, "whole number"),
        ("", None, "no top-level"),
        ("{% set other = 1 %}{% set variants = 2 %}\n", 2, "first statement"),
    ],
)
def test_variants_declaration(
    tmp_path: Path, head: str, variants: int | None, problem: str | None
) -> None:
    facts = _facts(tmp_path, _block("x"), head=head)
    assert facts.variants == variants
    if problem is None:
        assert facts.variants_problem is None
    else:
        assert facts.variants_problem is not None and problem in facts.variants_problem


def test_printed_strings_are_wording(tmp_path: Path) -> None:
    facts = _facts(
        tmp_path,
        _block(
            "{{ g('Dear Sir', 'Dear Madam', 'Hello') }}{{ 'a' if variant == 1 else 'b' }}"
            "{{ agent_name | default('we') }}{% if channel == 'sms' %}x{% endif %}"
        ),
    )
    assert [text for text, _line in facts.printed_strings] == [
        "Dear Sir",
        "Dear Madam",
        "Hello",
        "a",
        "b",
        "we",
    ]


@pytest.mark.parametrize(
    ("body", "first", "second"),
    [
        ("{% if variant == 1 %}{{ agent_name }}{% else %}{{ ticket_id }}{% endif %}",
         {"agent_name"}, {"ticket_id"}),
        ("{% if variant == 2 %}x{% elif agent_name %}{{ agent_name }}{% endif %}",
         {"agent_name"}, set()),
        ("{{ agent_name if variant == 1 else company_name }}", {"agent_name"}, {"company_name"}),
        # a test that does not depend on the variant keeps both branches, and is read itself
        ("{% if ticket_id %}{{ agent_name }}{% else %}{{ company_name }}{% endif %}",
         {"ticket_id", "agent_name", "company_name"}, {"ticket_id", "agent_name", "company_name"}),
        ("{% if variant != 1 and incident %}{{ incident.cause }}{% endif %}", set(), {"incident", "incident.cause"}),
    ],
)
def test_fields_each_variant_reaches(tmp_path: Path, body: str, first: set[str], second: set[str]) -> None:
    facts = _facts(tmp_path, _block(body))
    assert set(facts.variant_fields[1]) == first
    assert set(facts.variant_fields[2]) == second
