"""The compiled-index cache: faster when it can be, never wrong, never in the way."""

from __future__ import annotations

import marshal
import pickle
from pathlib import Path

import pytest

from replykit import classifier as classifier_module
from replykit import index_cache
from replykit.classifier import Classifier
from replykit.matcher import Index, IndexFormatError
from replykit.rules import Rules

SAMPLES = [
    "the app is down and I can't log in",
    "I want a discount, this is too expensive",
    "you idiots",
    "the fee is not expensive",
    "النت مقطوع من الصبح",
    "كيف اغير كلمة السر",
    "اینترنت قطع است",
    "بی‌همه‌چیز",
    "the app is dwon",  # a typo, found through the deletion index
    "",
]


def _dumps(clf: Classifier) -> list[str]:
    return [clf.classify(t).model_dump_json() for t in SAMPLES]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(index_cache.ENV_VAR, str(folder))
    return folder


def _no_build(rules: Rules) -> Index:
    raise AssertionError("the index was built, not loaded")


def test_second_classifier_loads_what_the_first_built(
    cache: Path, small_rules: Rules, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _dumps(Classifier(small_rules))
    assert len(list(cache.glob("*.index"))) == 1
    monkeypatch.setattr(classifier_module, "_build_index", _no_build)
    assert _dumps(Classifier(small_rules)) == first


def test_builtin_rules_are_cached_without_parsing_them(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _dumps(Classifier())
    (entry,) = cache.glob("builtin-*.index")
    monkeypatch.setattr(classifier_module, "_build_index", _no_build)

    def no_parse() -> Rules:
        raise AssertionError("the built-in rule files were parsed")

    monkeypatch.setattr(classifier_module, "builtin_rules", no_parse)
    clf = Classifier()
    assert _dumps(clf) == first
    assert entry.exists()


def test_loaded_index_matches_a_fresh_build(cache: Path) -> None:
    built = Classifier()
    assert built._built().term_index.state() == Classifier()._built().term_index.state()


def test_different_rules_get_different_entries(cache: Path, small_rules: Rules) -> None:
    other = small_rules.model_copy(update={"fuzzy_min_length": 7})
    Classifier(small_rules).classify("down")
    Classifier(other).classify("down")
    assert len(list(cache.glob("rules-*.index"))) == 2


def _header(data: bytes) -> bytes:
    return data[: data.index(b"\n", data.index(b"\n") + 1) + 1]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short by a full disk
        lambda data: _header(data) + b"\x00" * 64,
        lambda data: b"garbage",
        lambda data: _header(data) + marshal.dumps((1, 2)),
        lambda data: _header(data) + marshal.dumps(({"version": 3}, None)),
    ],
    ids=["truncated", "zeroed", "garbage", "other-shape", "bad-settings"],
)
def test_damaged_entry_is_rebuilt(cache: Path, small_rules: Rules, damage: object) -> None:
    expected = _dumps(Classifier(small_rules))
    (entry,) = cache.glob("*.index")
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert _dumps(Classifier(small_rules)) == expected


def test_empty_setting_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           small_rules: Rules) -> None:
    monkeypatch.setenv(index_cache.ENV_VAR, "")
    monkeypatch.chdir(tmp_path)
    assert index_cache.cache_dir() is None
    Classifier(small_rules).classify("the app is down")
    assert list(tmp_path.rglob("*.index")) == []


def test_unwritable_folder_still_classifies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            small_rules: Rules) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(index_cache.ENV_VAR, str(blocker / "cache"))
    result = Classifier(small_rules).classify("the app is down")
    assert result.primary == "service_outage"


def test_old_entries_are_pruned(cache: Path, small_rules: Rules) -> None:
    for n in range(12):
        Classifier(small_rules.model_copy(update={"version": f"v{n}"})).classify("down")
    assert len(list(cache.glob("*.index"))) == 8
    assert not list(cache.glob(".*.tmp"))


def test_pickled_builtin_classifier_does_not_carry_the_lexicons(cache: Path) -> None:
    clf = Classifier()
    clf.classify("warm up")
    assert len(pickle.dumps(clf)) < 1_000
    assert pickle.loads(pickle.dumps(clf)).classify("the app is down").primary == "service_outage"


def test_rules_of_a_builtin_classifier_are_the_full_builtins(cache: Path) -> None:
    clf = Classifier()
    clf.classify("warm up")
    assert clf.rules.lexicons.keys() >= {"en", "ar", "fa"}


@pytest.mark.parametrize(
    "state",
    [None, (), "index", (99,) + (None,) * 10, (1, "root", {}, frozenset(), {}, {}, {}, 2, 0, 5, 0)],
)
def test_index_refuses_foreign_states(state: object) -> None:
    with pytest.raises(IndexFormatError):
        Index.from_state(state)


def test_index_state_survives_marshal(small_rules: Rules) -> None:
    index = classifier_module._build_index(small_rules)
    again = Index.from_state(marshal.loads(marshal.dumps(index.state())))
    assert again.state() == index.state()


def test_frozen_index_takes_no_more_terms(small_rules: Rules) -> None:
    index = classifier_module._build_index(small_rules)
    with pytest.raises(RuntimeError, match="frozen"):
        index.add("late", ("en", "angry", "strong", 1.0))


def test_equal_rules_loaded_twice_share_one_entry(cache: Path, tmp_path: Path) -> None:
    from replykit.rules import load_rules

    path = tmp_path / "small.toml"
    path.write_text('replace = true\n[lexicons.en.archetypes.angry]\nstrong = ["furious", "livid"]\n',
                    encoding="utf-8")
    assert index_cache.rules_key(load_rules(path)) == index_cache.rules_key(load_rules(path))
    Classifier(load_rules(path)).classify("down")
    Classifier(load_rules(path)).classify("down")
    assert len(list(cache.glob("*.index"))) == 1
