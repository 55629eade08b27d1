"""Result models: HTML output of drafts, findings, archetype ids."""

from __future__ import annotations

import pytest

from replykit import Archetype, Draft, Finding, Section


def make(text: str, lang: str = "ar") -> Draft:
    return Draft(archetype="general", lang=lang, direction="rtl" if lang != "en" else "ltr", variant=1,  # type: ignore[arg-type]
                 sections=(Section(name="greeting", text=text),), text=text)


def test_html_escapes_and_isolates() -> None:
    html = make("\u0645\u0631\u062d\u0628\u0627 \u2068<script>alert(1)</script>\u2069\n\u0633\u0637\u0631").to_html()
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert "<bdi>&lt;script&gt;alert(1)&lt;/script&gt;</bdi>" in html
    assert "<br>" in html


@pytest.mark.parametrize("text", ["a \u2069 b \u2068", "\u2068 open only", "close only \u2069"])
def test_stray_isolates_never_open_elements(text: str) -> None:
    html = make(text).to_html()
    assert "<bdi>" not in html and "</bdi>" not in html


def test_archetype_ids_are_plain_strings() -> None:
    assert Archetype.ANGRY == "angry"
    assert repr(Archetype.ANGRY) == "'angry'"
    assert f"{Archetype.NEGLECTED}" == "neglected"


def test_finding_code_shape_is_enforced() -> None:
    with pytest.raises(ValueError):
        Finding(code="X1", severity="error", message="m")
    assert Finding(code="RK601", severity="error", message="m", line=3).sort_key() == ("", 3, 0, "RK601")


def test_drafts_equal_their_validated_copies() -> None:
    import replykit

    d = replykit.draft("the app is down", archetype="service_outage", lang="fa",
                       context={"customer_name": "Sara", "ticket_id": "T-9"})
    assert Draft.model_validate(d.model_dump()) == d
    assert Draft.model_validate_json(d.model_dump_json()) == d
    assert d.model_fields_set == set(Draft.model_fields)


def test_results_pickle_to_equal_objects_with_the_same_unset_fields() -> None:
    import pickle

    from replykit import Classification, Evidence
    from replykit.models import ArchetypeScore

    evidence = Evidence(term="down", text="DOWN", start=8, end=12, kind="exact", similarity=1.0)
    result = Classification(lang="en", primary="service_outage", labels=("service_outage",),
                            scores=(ArchetypeScore(archetype="service_outage", score=0.6, evidence=(evidence,)),))
    again = pickle.loads(pickle.dumps(result))
    assert again == result and again is not result
    assert again.model_dump(exclude_unset=True) == result.model_dump(exclude_unset=True)
    assert "escalate" not in again.model_dump(exclude_unset=True)
    with pytest.raises(Exception, match="frozen"):
        again.primary = "angry"  # type: ignore[misc]
    draft = make("hello", "en")
    assert pickle.loads(pickle.dumps(draft)).to_html() == draft.to_html()
