"""The classification pipeline, on a small rule set written for the tests."""

from __future__ import annotations

import pickle
from concurrent.futures import ThreadPoolExecutor

import pytest

from replykit import Archetype, Classification, Classifier, classify
from replykit.classifier import MAX_CHARS, MAX_EVIDENCE
from replykit.errors import UnknownLanguageError


def test_primary_follows_precedence(small: Classifier) -> None:
    result = small.classify("The site is down, this is unacceptable")
    assert result.labels == ("service_outage", "angry")
    assert result.primary == "service_outage"
    assert result.primary == Archetype.SERVICE_OUTAGE


def test_evidence_spans_are_offsets_into_the_original(small: Classifier) -> None:
    text = "Well\u2026 the service IS\u00a0DOWN again"
    result = small.classify(text)
    ev = result.scores[0].evidence[0]
    assert ev.kind == "exact"
    assert text[ev.start:ev.end] == ev.text == "IS\u00a0DOWN"


def test_fuzzy_match_reports_similarity(small: Classifier) -> None:
    result = small.classify("I want a discuont please")
    ev = result.scores[0].evidence[0]
    assert (ev.term, ev.kind, ev.text) == ("discount", "fuzzy", "discuont")
    assert 0.8 <= ev.similarity < 1.0


def test_common_words_are_not_corrected(small: Classifier) -> None:
    assert small.classify("there").scores == ()


def test_negation_cancels_a_term(small: Classifier) -> None:
    assert small.classify("the app is not down anymore").primary == "general"
    # A term that is itself negative is never cancelled.
    assert small.classify("the app is not working").primary == "service_outage"


def test_negation_does_not_cross_a_clause(small: Classifier) -> None:
    assert small.classify("No. The app crashes, it is down").primary == "service_outage"


def test_against_terms_subtract(small: Classifier) -> None:
    assert small.classify("discount").primary == "discount_seeker"
    assert small.classify("discount or refund").primary == "general"


def test_prefix_terms(small: Classifier) -> None:
    result = small.classify("so annoying, annoyed")
    assert result.score_of("angry") > 0
    assert {e.text for e in result.scores[0].evidence} == {"annoying"}


def test_repeated_term_counts_once(small: Classifier) -> None:
    once = small.classify("down").score_of("service_outage")
    assert small.classify("down down down").score_of("service_outage") == once


def test_longest_match_wins(small: Classifier) -> None:
    result = small.classify("it is down")
    terms = [e.term for s in result.scores for e in s.evidence]
    assert terms == ["is down"]


def test_signals_count_for_angry(small: Classifier) -> None:
    result = small.classify("WHY IS NOTHING WORKING TODAY!!!")
    assert result.primary == "angry"
    kinds = {e.kind for e in result.scores[0].evidence}
    assert kinds == {"signal"}


def test_escalate_for_abuse(small: Classifier) -> None:
    result = small.classify("you idiots")
    assert result.primary == "abusive"
    assert result.escalate


@pytest.mark.parametrize(
    ("text", "lang", "primary"),
    [
        ("\u0648\u0627\u0644\u0646\u062a \u0645\u0642\u0637\u0648\u0639 \u0645\u0646 \u0627\u0645\u0633", "ar", "service_outage"),
        ("\u0627\u0644\u0633\u0639\u0631 \u063a\u0627\u0644\u064a \u062c\u062f\u0627", "ar", "discount_seeker"),
        ("\u0627\u0644\u0633\u0639\u0631 \u063a\u0627\u0644\u0649", "ar", "discount_seeker"),  # alef maksura typed for yeh
        ("\u0628\u0631\u0646\u0627\u0645\u0647 \u06a9\u0627\u0631 \u0646\u0645\u06cc\u200c\u06a9\u0646\u062f", "fa", "service_outage"),
        ("\u0628\u0631\u0646\u0627\u0645\u0647 \u06a9\u0627\u0631 \u0646\u0645\u06cc \u06a9\u0646\u062f", "fa", "service_outage"),
        ("\u0627\u06cc\u0646\u062a\u0631\u0646\u062a \u0642\u0637\u0639 \u0646\u06cc\u0633\u062a", "fa", "general"),
        ("\u062a\u062e\u0641\u06cc\u0641\u200c\u0647\u0627 \u0686\u0637\u0648\u0631 \u0627\u0633\u062a", "fa", "discount_seeker"),
    ],
)
def test_arabic_and_persian(small: Classifier, text: str, lang: str, primary: str) -> None:
    result = small.classify(text)
    assert result.lang == lang
    assert result.primary == primary


def test_language_override_and_locale_tags(small: Classifier) -> None:
    assert small.classify("down", lang="ar-EG").lang == "ar"
    with pytest.raises(UnknownLanguageError, match="did you mean"):
        small.classify("down", lang="arr")


def test_quoted_history_is_not_the_customer(small: Classifier) -> None:
    text = "Thanks, all good now.\n\nOn Mon, 3 Mar 2025, Support <help@example.com> wrote:\n> Sorry, we can offer a discount."
    assert small.classify(text).primary == "general"
    assert small.classify("ok\n> discount").primary == "general"


@pytest.mark.parametrize("text", ["", "   \n\t", "!!!???", "12345"])
def test_empty_and_letterless_text_is_general(small: Classifier, text: str) -> None:
    result = small.classify(text)
    assert result.primary == "general"
    assert result.labels == ()


def test_non_string_is_a_type_error(small: Classifier) -> None:
    with pytest.raises(TypeError, match="bytes"):
        small.classify(b"down")  # type: ignore[arg-type]


def test_long_text_is_truncated_and_flagged(small: Classifier) -> None:
    result = small.classify("x " * MAX_CHARS + " outage")
    assert result.truncated
    assert result.primary == "general"


def test_evidence_is_capped(small: Classifier) -> None:
    result = small.classify("outage is down not working can't log in crashed down")
    for score in result.scores:
        assert len(score.evidence) <= MAX_EVIDENCE


def test_needs_review_when_evidence_is_thin(small: Classifier) -> None:
    assert small.classify("discuont").needs_review
    assert not small.classify("outage, it is down and not working").needs_review


def test_result_is_frozen_and_serialisable(small: Classifier) -> None:
    result = small.classify("outage")
    with pytest.raises(ValueError):
        result.primary = "angry"  # type: ignore[misc]
    assert Classification.model_validate_json(result.model_dump_json()) == result


def test_classify_many_streams_in_order(small: Classifier) -> None:
    texts = iter(["outage", "discount", "hello"])
    results = small.classify_many(texts)
    assert next(results).primary == "service_outage"
    assert [r.primary for r in results] == ["discount_seeker", "general"]


def test_pickle_round_trip(small: Classifier) -> None:
    clone = pickle.loads(pickle.dumps(small))
    assert clone.classify("outage") == small.classify("outage")


def test_threads_agree_with_a_single_thread(small_rules: object) -> None:
    clf = Classifier(small_rules)  # type: ignore[arg-type]
    texts = ["outage", "discount", "idiots!!", "not down", "\u0627\u0644\u0646\u062a \u0645\u0642\u0637\u0648\u0639"] * 40
    with ThreadPoolExecutor(8) as pool:
        threaded = list(pool.map(clf.classify, texts))
    assert threaded == [clf.classify(t) for t in texts]


def test_rules_version_is_reported(small: Classifier) -> None:
    assert small.classify("hello").rules_version == "test-1"


def test_module_level_classify_uses_builtin_rules() -> None:
    result = classify("hello there")
    assert result.rules_version
    assert isinstance(result, Classification)


def test_results_equal_validated_models(small: Classifier) -> None:
    """The classifier's fast construction gives the same object validation would."""
    result = small.classify("The site is down, unacceptable!! discuont")
    assert Classification.model_validate(result.model_dump()) == result
    assert Classification.model_validate_json(result.model_dump_json()) == result
    assert result.model_fields_set == set(Classification.model_fields)


def test_one_cue_names_an_archetype_for_review(small: Classifier) -> None:
    result = small.classify("it crashed")
    assert result.primary == "service_outage"
    assert result.labels == ("service_outage",)
    assert result.needs_review


def test_below_the_fallback_is_general(small_rules: object, tmp_path: object) -> None:
    rules = small_rules.model_copy(update={"fallback_threshold": None})  # type: ignore[attr-defined]
    assert Classifier(rules).classify("it crashed").primary == "general"


def test_a_comma_ends_the_reach_of_a_negator(small: Classifier) -> None:
    assert small.classify("No, it is down").primary == "service_outage"


def test_terms_inside_a_negated_term_are_negated_too(small: Classifier) -> None:
    assert small.classify("it is not too expensive").primary == "general"


def test_a_cancelled_long_term_does_not_hide_an_immune_one(small: Classifier) -> None:
    # "not too expensive" is cancelled as a whole, "not working" starts with its
    # own negator and stands.
    assert small.classify("never not working").primary == "service_outage"


def test_spellings_of_one_token_sequence_count_once(small: Classifier) -> None:
    both = small.classify("price match, price-match").score_of("discount_seeker")
    assert both == small.classify("price match").score_of("discount_seeker")


def test_terms_of_general_alone_do_not_break_the_fallback(small: Classifier) -> None:
    assert small.classify("my parcel").primary == "general"


@pytest.mark.parametrize(
    "text",
    [
        "\u0628\u06cc\u200c\u0647\u0645\u0647\u200c\u0686\u06cc\u0632\u0647\u0627",  # half-spaces, plural
        "\u0628\u06cc \u0647\u0645\u0647 \u0686\u06cc\u0632",  # spaces
        "\u0628\u06cc\u0647\u0645\u0647\u0686\u06cc\u0632",  # joined
    ],
    ids=["half-space", "spaces", "joined"],
)
def test_persian_compounds_match_however_written(small: Classifier, text: str) -> None:
    assert small.classify(text, lang="fa").primary == "abusive"


def test_ambiguous_arabic_script_consults_both_lexicons(small: Classifier) -> None:
    # Nothing tells Arabic from Persian here: the Persian lexicon is read too.
    result = small.classify("\u0627\u0641\u062a\u0636\u0627\u062d")
    assert result.primary == "angry"


def test_a_bared_persian_ending_only_ends_a_phrase(small: Classifier) -> None:
    # "the site did not work" vs "I did nothing" (کاری: the indefinite ending)
    assert small.classify("\u0633\u0627\u06cc\u062a \u06a9\u0627\u0631 \u0646\u06a9\u0631\u062f").primary == "service_outage"
    assert small.classify("\u0645\u0646 \u06a9\u0647 \u06a9\u0627\u0631\u06cc \u0646\u06a9\u0631\u062f\u0645").primary == "general"


def test_neutral_terms_hide_the_terms_inside_them_only(small: Classifier) -> None:
    assert small.classify("a book about useful idiots").primary == "general"
    assert small.classify("useful idiots, you idiots").primary == "abusive"


def test_a_neutral_term_silences_a_stem_read_in_the_same_token(small: Classifier) -> None:
    # «كيفك» (how are you) is a greeting; «كيف» (how) read inside it is not a question.
    assert small.classify("\u0643\u064a\u0641\u0643", lang="ar").primary == "general"
    greeting_then_question = "\u0643\u064a\u0641\u0643\u060c \u0643\u064a\u0641 \u0627\u0644\u063a\u064a \u0627\u0644\u0637\u0644\u0628"
    assert small.classify(greeting_then_question, lang="ar").primary == "confused"


def test_an_arabic_negator_is_found_behind_a_conjunction_only(small: Classifier) -> None:
    # «ولا» is "and no": the conjunction hides nothing. «لاني» ("because I")
    # and «بلا» only look like «لا» with an affix: they negate nothing.
    assert small.classify("\u0648\u0644\u0627 \u0627\u0646\u0642\u0637\u0627\u0639", lang="ar").primary == "general"
    for word in ("\u0644\u0627\u0646\u064a", "\u0644\u0627\u0643"):
        result = small.classify(f"{word} \u0627\u0646\u0642\u0637\u0627\u0639", lang="ar")
        assert result.primary == "service_outage", word


@pytest.mark.parametrize(
    ("text", "lang", "archetype", "term"),
    [
        ("you i*diots", "en", "abusive", "idiots"),  # the mask between letters
        ("you id*ots", "en", "abusive", "idiots"),  # the mask in place of a letter
        ("\u0627.\u0646\u0642\u0637\u0627\u0639", "ar", "service_outage", "\u0627\u0646\u0642\u0637\u0627\u0639"),
    ],
)
def test_a_masked_word_counts_as_the_term_it_hides(
    small: Classifier, text: str, lang: str, archetype: str, term: str
) -> None:
    result = small.classify(text, lang=lang)
    assert result.primary == archetype
    (evidence,) = [e for s in result.scores for e in s.evidence if e.term == term]
    assert text[evidence.start:evidence.end] == evidence.text
    assert "*" in evidence.text or "." in evidence.text


def test_a_mask_on_the_first_letter_or_a_short_word_guesses_nothing(small: Classifier) -> None:
    assert small.classify("you *diots").primary == "general"
    assert small.classify("d*wn").primary == "general"


GAP_RULES = """
replace = true
[lexicons.en]
negators_before = ["not", "never"]
[lexicons.en.archetypes.neglected]
strong = ["staff ... rude", "nobody ... replied"]
[lexicons.fa]
negators_after = ["\\u0646\\u06cc\\u0633\\u062a"]
[lexicons.fa.archetypes.neglected]
strong = ["\\u06a9\\u0627\\u0631\\u0645\\u0646\\u062f ... \\u0628\\u06cc \\u0627\\u062f\\u0628"]
"""


@pytest.fixture(scope="module")
def gaps(tmp_path_factory: pytest.TempPathFactory) -> Classifier:
    path = tmp_path_factory.mktemp("gap") / "gap.toml"
    path.write_text(GAP_RULES, encoding="utf-8")
    return Classifier(path)


@pytest.mark.parametrize(
    ("text", "matched"),
    [
        ("the staff were rude", "staff were rude"),
        ("staff rude", "staff rude"),
        ("the staff at the desk were rude to me", "staff at the desk were rude"),  # four words between
        ("nobody has ever replied", "nobody has ever replied"),  # a negator inside the term's own words
        # Persian: words between, a half-space in the second part
        ("\u06a9\u0627\u0631\u0645\u0646\u062f \u0634\u0639\u0628\u0647 \u0628\u06cc\u200c\u0627\u062f\u0628 \u0628\u0648\u062f",
         "\u06a9\u0627\u0631\u0645\u0646\u062f \u0634\u0639\u0628\u0647 \u0628\u06cc\u200c\u0627\u062f\u0628"),
    ],
)
def test_a_term_with_a_gap_matches_words_apart(gaps: Classifier, text: str, matched: str) -> None:
    result = gaps.classify(text)
    assert result.primary == "neglected"
    (evidence,) = result.scores[0].evidence
    assert evidence.text == matched and text[evidence.start:evidence.end] == matched


@pytest.mark.parametrize(
    "text",
    [
        "the staff at the front desk in the lobby were rude",  # more than four words between
        "the staff, they were rude",  # not in the same clause
        "rude staff",  # the order matters
        "the staff were not rude",  # a negator in the gap
        "\u06a9\u0627\u0631\u0645\u0646\u062f \u0634\u0639\u0628\u0647 \u0628\u06cc \u0627\u062f\u0628 \u0646\u06cc\u0633\u062a",
    ],
)
def test_a_term_with_a_gap_does_not_reach_too_far(gaps: Classifier, text: str) -> None:
    assert gaps.classify(text).primary == "general"


@pytest.mark.parametrize(
    "word",
    [
        "\u0623\u0634\u0643\u0631\u0643\u0645",  # «أشكركم», thank you
        "\u062a\u062a\u0648\u0642\u0639",  # «تتوقع», you expect
        "\u0645\u0639\u064a\u0646\u0629",  # «معينة», specific
        "\u062a\u062d\u0635\u0644\u0648\u0646",  # «تحصلون», you obtain
        "\u0627\u0644\u0645\u0646\u0627\u0641\u0633\u064a\u0646",  # «المنافسين», the competitors
        "\u0627\u0642\u0648\u0644\u0643\u0645",  # «اقولكم», I tell you
        "\u0628\u06cc\u0627\u06cc\u06cc\u062f",  # «بیایید», let's come
        "\u0628\u06af\u0630\u0627\u0631\u06cc\u0645",  # «بگذاریم», let's put
        "\u0646\u0645\u06cc\u200c\u0645\u0627\u0646\u0645",  # «نمی‌مانم», I won't stay
        "chars",
        "unset",
    ],
)
def test_an_everyday_word_is_never_read_as_a_typo_of_a_term(word: str) -> None:
    result = classify(word)
    assert not [e for s in result.scores for e in s.evidence if e.kind == "fuzzy"]
