"""Rule files: validation errors that point at the key, extension and replacement."""

from __future__ import annotations

from pathlib import Path

import pytest

from replykit import Classifier, RulesError, builtin_rules, load_rules
from replykit.archetypes import PRECEDENCE


def write(tmp_path: Path, text: str, name: str = "rules.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_rules_have_every_language_and_archetype() -> None:
    rules = builtin_rules()
    assert tuple(rules.precedence) == PRECEDENCE
    assert set(rules.lexicons) == {"en", "ar", "fa"}
    for lex in rules.lexicons.values():
        for archetype in PRECEDENCE[:-1]:
            tiers = lex.archetypes[archetype]
            assert tiers.strong or tiers.cue, (lex.lang, archetype)


def test_typo_in_a_key_names_the_file_and_key_path(tmp_path: Path) -> None:
    path = write(tmp_path, 'lang = "en"\n[archetypes.angry]\nstrng = ["x"]\n')
    with pytest.raises(RulesError) as info:
        load_rules(path)
    assert info.value.path == str(path)
    assert info.value.key == "archetypes.angry.strng"
    assert "archetypes.angry.strng" in str(info.value)


def test_wrong_type_names_the_item(tmp_path: Path) -> None:
    path = write(tmp_path, 'lang = "en"\n[archetypes.angry]\nstrong = ["ok", 3]\n')
    with pytest.raises(RulesError, match=r"archetypes\.angry\.strong\.1"):
        load_rules(path)


def test_invalid_toml_is_a_rules_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="invalid TOML"):
        load_rules(write(tmp_path, "lang = \n"))


def test_missing_file_is_a_rules_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="does not exist"):
        load_rules(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    "term",
    ["*", "a*b", "x" * 81, "one two three four five six seven eight nine", "  ",
     "... rude", "staff ...", "staff ... rude ... again", "staff...rude", "a ... b c d e f g h i"],
)
def test_terms_that_could_misbehave_cannot_be_written(tmp_path: Path, term: str) -> None:
    path = write(tmp_path, f'lang = "en"\n[archetypes.angry]\nstrong = ["{term}"]\n')
    with pytest.raises(RulesError):
        load_rules(path)


def test_extension_adds_terms_to_builtins(tmp_path: Path) -> None:
    path = write(tmp_path, 'lang = "en"\n[archetypes.angry]\nstrong = ["flibbertigibbet"]\n')
    clf = Classifier(path)
    assert clf.classify("what a flibbertigibbet").primary == "angry"
    assert len(clf.rules.lexicons) == 3


def test_custom_archetype_with_its_place_in_precedence(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'precedence = ["abusive", "legal_threat", "service_outage", "neglected", "discount_seeker",'
        ' "unavailable_request", "angry", "confused", "general"]\n'
        '[lexicons.en.archetypes.legal_threat]\nstrong = ["my lawyer", "sue*"]\n',
    )
    clf = Classifier(path)
    result = clf.classify("I will sue you, the site is down")
    assert result.primary == "legal_threat"
    assert "service_outage" in result.labels


def test_custom_archetype_without_a_place_ranks_above_general(tmp_path: Path) -> None:
    path = write(tmp_path, '[lexicons.en.archetypes.vip]\nstrong = ["platinum member"]\n')
    rules = load_rules(path)
    assert rules.precedence[-2:] == ["vip", "general"]


def test_replace_starts_from_empty_rules(tmp_path: Path) -> None:
    path = write(tmp_path, 'replace = true\n[lexicons.en.archetypes.angry]\nstrong = ["grr"]\n')
    rules = load_rules(path)
    assert set(rules.lexicons) == {"en"}


def test_folder_of_rule_files(tmp_path: Path) -> None:
    write(tmp_path, 'version = "team-7"\n', "core.toml")
    write(tmp_path, 'lang = "en"\n[archetypes.confused]\nstrong = ["flummoxed"]\n', "en.toml")
    rules = load_rules(tmp_path)
    assert rules.version == "team-7"
    assert Classifier(rules).classify("I am flummoxed").primary == "confused"


def test_bad_archetype_id(tmp_path: Path) -> None:
    path = write(tmp_path, '[lexicons.en.archetypes."Bad Id"]\nstrong = ["x"]\n')
    with pytest.raises(RulesError, match="archetype id"):
        load_rules(path)


def test_precedence_must_keep_general(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="general"):
        load_rules(write(tmp_path, 'precedence = ["angry"]\n'))
