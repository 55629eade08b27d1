"""Shared fixtures: small rule sets written for the tests, in every language."""

from __future__ import annotations

import pytest

from replykit.classifier import Classifier
from replykit.rules import Rules, load_rules

LANGS = ("en", "ar", "fa")

# A small rule set, independent of the shipped lexicons, so that the pipeline's
# behaviour is tested apart from lexicon tuning.
SMALL_RULES = """
replace = true
version = "test-1"
fallback_threshold = 0.5

[signals]
shouting = { archetype = "angry", weight = 0.65 }
exclamations = { archetype = "angry", weight = 0.35 }

[lexicons.en]
negators_before = ["not", "no", "never"]
no_fuzzy = ["there"]

[lexicons.en.archetypes.service_outage]
strong = ["outage", "is down", "not working", "can't log in"]
cue = ["down", "crash*"]

[lexicons.en.archetypes.angry]
strong = ["unacceptable", "ridiculous"]
cue = ["annoy*"]

[lexicons.en.archetypes.discount_seeker]
strong = ["discount", "too expensive"]
cue = ["expensive", "price match", "price-match"]
against = ["refund"]

[lexicons.en.archetypes.abusive]
strong = ["idiots"]
neutral = ["useful idiots"]

[lexicons.en.archetypes.general]
hint = ["parcel"]

[lexicons.ar]
negators_before = ["\u0644\u0627"]

[lexicons.ar.archetypes.service_outage]
strong = ["\u0627\u0644\u0646\u062a \u0645\u0642\u0637\u0648\u0639", "\u0627\u0646\u0642\u0637\u0627\u0639"]
cue = ["\u0646\u062a"]

[lexicons.ar.archetypes.confused]
strong = ["\u0643\u064a\u0641"]
neutral = ["\u0643\u064a\u0641\u0643"]

[lexicons.ar.archetypes.discount_seeker]
strong = ["\u062e\u0635\u0645", "\u063a\u0627\u0644\u064a"]

[lexicons.fa]
negators_after = ["\u0646\u06cc\u0633\u062a"]

[lexicons.fa.archetypes.service_outage]
strong = ["\u06a9\u0627\u0631 \u0646\u0645\u06cc\u06a9\u0646\u062f", "\u0642\u0637\u0639", "\u06a9\u0627\u0631 \u0646\u06a9\u0631\u062f"]

[lexicons.fa.archetypes.abusive]
strong = ["\u0628\u06cc \u0647\u0645\u0647 \u0686\u06cc\u0632"]

[lexicons.fa.archetypes.angry]
strong = ["\u0627\u0641\u062a\u0636\u0627\u062d"]

[lexicons.fa.archetypes.unavailable_request]
strong = ["\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"]

[lexicons.fa.archetypes.discount_seeker]
strong = ["\u062a\u062e\u0641\u06cc\u0641"]
"""


@pytest.fixture(scope="session")
def small_rules(tmp_path_factory: pytest.TempPathFactory) -> Rules:
    path = tmp_path_factory.mktemp("rules") / "small.toml"
    path.write_text(SMALL_RULES, encoding="utf-8")
    return load_rules(path)


@pytest.fixture(scope="session")
def small(small_rules: Rules) -> Classifier:
    return Classifier(small_rules)
