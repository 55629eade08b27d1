"""``docs/lint-rules.md`` is generated from the registry and must not go stale."""

from __future__ import annotations

from pathlib import Path

from replykit.linter.docs import main, rules_document
from replykit.linter.registry import all_rules

DOC = Path(__file__).resolve().parents[2] / "docs" / "lint-rules.md"


def test_rules_document_is_up_to_date() -> None:
    assert DOC.read_text(encoding="utf-8") == rules_document(), (
        "docs/lint-rules.md is stale: run `python -m replykit.linter.docs`"
    )


def test_every_rule_has_a_section_and_a_table_row() -> None:
    text = rules_document()
    for code, entry in all_rules().items():
        assert f"### {code} {entry.name}" in text
        assert f"| [{code}](#" in text


def test_check_mode_reports_a_stale_file(tmp_path: Path) -> None:
    target = tmp_path / "rules.md"
    assert main([str(target), "--check"]) == 1
    assert main([str(target)]) == 0
    assert main([str(target), "--check"]) == 0
