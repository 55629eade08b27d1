"""Drafting: golden drafts, natural replies without context, variants, escaping and bidi."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from replykit.drafting import VariantError, choose_variant, draft, reply
from replykit.errors import UnknownArchetypeError, UnknownLanguageError
from replykit.models import Classification
from replykit.sections import REQUIRED_SECTIONS, load_sections
from replykit.templating import find_templates, load_template

ARCHETYPES = (
    "angry",
    "discount_seeker",
    "unavailable_request",
    "service_outage",
    "neglected",
    "abusive",
    "confused",
    "general",
)
LANGS = ("en", "ar", "fa")
GOLDEN = Path(__file__).resolve().parent / "golden"


def _load_regen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("golden_regen", GOLDEN / "regen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


regen = _load_regen()
TEMPLATES: list[tuple[str, str, int]] = regen.existing_templates()
TEMPLATE_IDS = [f"{lang}-{arch}-v{v}" for lang, arch, v in TEMPLATES]


# -- golden drafts --------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "archetype", "variant"), TEMPLATES, ids=TEMPLATE_IDS)
def test_golden_draft(lang: str, archetype: str, variant: int) -> None:
    path = regen.golden_path(lang, archetype, variant)
    assert path.exists(), f"no golden file {path.name}: run tests/golden/regen.py and review it"
    assert regen.render(lang, archetype, variant) == path.read_text(encoding="utf-8"), (
        f"{lang}/{archetype} variant {variant} drifted from its golden file: "
        "if the change is intended, run tests/golden/regen.py and review the diff"
    )


def test_every_archetype_has_a_template_in_every_language() -> None:
    root = find_templates()
    missing = [
        f"{lang}/{archetype}"
        for lang in LANGS
        for archetype in ARCHETYPES
        if not (root / lang / f"{archetype}.txt.j2").is_file()
    ]
    assert not missing


def test_no_golden_file_without_a_template() -> None:
    expected = {regen.golden_path(*key) for key in TEMPLATES}
    assert set(GOLDEN.glob("*/*.txt")) == expected


@pytest.mark.parametrize(("lang", "archetype"), sorted({(t[0], t[1]) for t in TEMPLATES}))
def test_every_template_has_at_least_two_variants(lang: str, archetype: str) -> None:
    assert load_template(archetype, lang).variants >= 2


# -- drafts without context -----------------------------------------------------------

_BROKEN = [
    re.compile(r"\bNone\b"),
    re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"),  # template syntax left over
    re.compile(r"^\s*[-\u2013\u2014]\s*$", re.M),  # an empty slot
    re.compile(r"\s[,.;:\u060c\u061b]"),  # a space before punctuation: a value was left out
    re.compile(r"(?<![\s\S])\S+ [,\u060c]"),  # "Hi ,"
    re.compile(r"  "),
    re.compile(r"\bundefined\b", re.I),
]


@pytest.mark.parametrize("channel", ["email", "sms", "chat", "social"])
@pytest.mark.parametrize(("lang", "archetype", "variant"), TEMPLATES, ids=TEMPLATE_IDS)
def test_without_context_every_template_drafts_a_natural_reply(
    lang: str, archetype: str, variant: int, channel: str
) -> None:
    reply_draft = draft(
        "", archetype=archetype, lang=lang, variant=variant, context={"channel": channel}
    )
    for pattern in _BROKEN:
        assert not pattern.search(reply_draft.text), (pattern.pattern, reply_draft.text)
    plan = load_sections()[archetype]
    names = [section.name for section in reply_draft.sections]
    assert names == [name for name in plan if name in names], "sections out of the declared order"
    assert set(REQUIRED_SECTIONS) <= set(names)
    assert {"greeting", "signature"} <= set(names)
    assert all(
        section.text.strip() == section.text and section.text for section in reply_draft.sections
    )
    assert "\n\n" not in "".join(section.text for section in reply_draft.sections)


@pytest.mark.parametrize(("lang", "archetype", "variant"), TEMPLATES, ids=TEMPLATE_IDS)
def test_full_context_drafts_keep_the_declared_sections(
    lang: str, archetype: str, variant: int
) -> None:
    reply_draft = draft(
        "", archetype=archetype, lang=lang, variant=variant, context=regen.fixed_context()
    )
    assert [s.name for s in reply_draft.sections] == list(load_sections()[archetype])
    assert reply_draft.text == "\n\n".join(s.text for s in reply_draft.sections)
    assert reply_draft.direction == ("ltr" if lang == "en" else "rtl")
    assert reply_draft.values and all(value in reply_draft.text for value in reply_draft.values)


# -- choosing the archetype, the language and the variant -----------------------------


def test_a_classification_gives_archetype_and_language() -> None:
    classification = Classification(lang="fa", primary="neglected", labels=("neglected",))
    reply_draft = draft(classification)
    assert (reply_draft.archetype, reply_draft.lang, reply_draft.direction) == (
        "neglected",
        "fa",
        "rtl",
    )
    assert draft(classification, lang="en", archetype="general").archetype == "general"


def test_a_text_is_classified_when_no_archetype_is_given() -> None:
    text = "Your website has been down for three hours and I cannot log in!"
    reply_draft = draft(text)
    assert reply_draft.lang == "en"
    assert reply_draft.archetype == reply(text).archetype
    assert reply(text, archetype="confused").archetype == "confused"


def test_the_language_of_an_unclassified_text_is_detected() -> None:
    assert (
        draft("\u0644\u0645 \u064a\u0631\u062f \u0623\u062d\u062f", archetype="neglected").lang
        == "ar"
    )
    assert draft("", archetype="general").lang == "en"
    assert draft("Hello", archetype="general", lang="fa-IR").lang == "fa"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"archetype": "angy"}, UnknownArchetypeError),
        ({"archetype": "general", "lang": "de"}, UnknownLanguageError),
        ({"archetype": "general", "variant": 0}, VariantError),
        ({"archetype": "general", "variant": 99}, VariantError),
        ({"archetype": "general", "variant": True}, VariantError),
    ],
)
def test_bad_choices_are_clear_errors(kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        draft("hello", lang=kwargs.pop("lang", "en"), **kwargs)  # type: ignore[arg-type]
    if error is VariantError:
        assert "en/general.txt.j2" in str(caught.value) and "1.." in str(caught.value)
    if error is UnknownArchetypeError:
        assert "did you mean 'angry'" in str(caught.value)


@pytest.mark.parametrize("bad", [42, None, b"bytes"])
def test_complaint_must_be_text_or_classification(bad: object) -> None:
    with pytest.raises(TypeError):
        draft(bad, archetype="general")  # type: ignore[arg-type]


def test_context_must_be_a_context_or_a_mapping() -> None:
    with pytest.raises(TypeError, match="context"):
        draft("x", archetype="general", lang="en", context=["Sara"])  # type: ignore[arg-type]


def test_variant_follows_the_ticket_id_then_the_complaint() -> None:
    by_ticket = {
        draft(f"message {i}", archetype="general", lang="en", context={"ticket_id": "T-7"}).variant
        for i in range(20)
    }
    assert len(by_ticket) == 1
    assert by_ticket == {choose_variant("T-7", 2)}
    by_text = {draft(f"message {i}", archetype="general", lang="en").variant for i in range(20)}
    assert by_text == {1, 2}
    assert draft("message 3", archetype="general", lang="en").variant == choose_variant(
        "message 3", 2
    )


def test_variant_choice_is_stable_across_processes() -> None:
    code = "from replykit.drafting import choose_variant; print([choose_variant(f'T-{i}', 3) for i in range(30)])"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_variants_render_different_wordings() -> None:
    for lang, archetype in sorted({(t[0], t[1]) for t in TEMPLATES}):
        texts = {
            draft("", archetype=archetype, lang=lang, variant=v).text
            for v in range(1, load_template(archetype, lang).variants + 1)
        }
        assert len(texts) >= 2, f"{lang}/{archetype}"


# -- data stays data: escaping and bidi -----------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_customer_named_like_a_template_stays_literal(lang: str) -> None:
    reply_draft = draft(
        "", archetype="general", lang=lang, variant=1, context={"customer_name": "{{ 7*7 }}"}
    )
    assert "{{ 7*7 }}" in reply_draft.text
    assert "49" not in reply_draft.text


@pytest.mark.parametrize("lang", LANGS)
def test_html_escapes_values(lang: str) -> None:
    name = "<script>alert(1)</script>"
    reply_draft = draft(
        "", archetype="general", lang=lang, variant=1, context={"customer_name": name}
    )
    assert name in reply_draft.text  # plain text keeps the value as given
    html = reply_draft.to_html()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert f'dir="{reply_draft.direction}"' in html


@pytest.mark.parametrize(("lang", "archetype", "variant"), [t for t in TEMPLATES if t[0] != "en"])
def test_ticket_ids_are_isolated_in_right_to_left_drafts(
    lang: str, archetype: str, variant: int
) -> None:
    reply_draft = draft(
        "",
        archetype=archetype,
        lang=lang,
        variant=variant,
        context={"ticket_id": "AC-1042", "customer_name": "Sara"},
    )
    text = reply_draft.text
    for match in re.finditer("AC-1042", text):
        assert text[match.start() - 1] == "\u2068" and text[match.end()] == "\u2069", text
    for match in re.finditer("Sara", text):
        assert text[match.start() - 1] == "\u2068" and text[match.end()] == "\u2069", text
    if "AC-1042" in text:
        assert "<bdi>AC-1042</bdi>" in reply_draft.to_html()


def test_english_drafts_have_no_isolates() -> None:
    context = regen.fixed_context()
    for archetype in ARCHETYPES:
        text = draft("", archetype=archetype, lang="en", variant=1, context=context).text
        assert "\u2068" not in text and "\u2069" not in text


# -- dates and digits in drafts -------------------------------------------------------

_OUTAGE = {
    "incident": {
        "started_at": "2024-05-01T09:15:00+00:00",
        "expected_fix_at": "2024-05-01T11:30:00+00:00",
    },
    "timezone": "Asia/Riyadh",
}
ORDIBEHESHT, YEAR_1403 = (
    "\u0627\u0631\u062f\u06cc\u0628\u0647\u0634\u062a",
    "\u06f1\u06f4\u06f0\u06f3",
)
SHAWWAL, YEAR_1445 = "\u0634\u0648\u0627\u0644", "\u0661\u0664\u0664\u0665"


@pytest.mark.parametrize("variant", [1, 2])
def test_persian_dates_are_jalali_with_persian_digits(variant: int) -> None:
    text = draft("", archetype="service_outage", lang="fa", variant=variant, context=_OUTAGE).text
    assert ORDIBEHESHT in text and YEAR_1403 in text
    assert not re.search("[0-9]", text)


@pytest.mark.parametrize("variant", [1, 2])
def test_arabic_hijri_and_arabic_indic_digits_when_asked(variant: int) -> None:
    asked = draft(
        "",
        archetype="service_outage",
        lang="ar",
        variant=variant,
        context={**_OUTAGE, "digits": "native", "calendar": "hijri"},
    ).text
    assert SHAWWAL in asked and YEAR_1445 in asked
    assert not re.search("[0-9]", asked)
    default = draft(
        "", archetype="service_outage", lang="ar", variant=variant, context=_OUTAGE
    ).text
    assert "2024" in default and SHAWWAL not in default


def test_values_list_what_came_from_the_context() -> None:
    reply_draft = draft(
        "", archetype="neglected", lang="en", variant=1, context=regen.fixed_context()
    )
    assert "Omar Haddad" in reply_draft.values
    assert "omar.haddad@acme.example" in reply_draft.values
    assert "May 2, 2024, 1:00 PM" in reply_draft.values
    assert "Kind regards," not in reply_draft.values


# -- a tree of one's own --------------------------------------------------------------


def test_own_tree_with_its_own_section_plan(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "sections.toml").write_text(
        '[billing]\nsections = ["greeting", "acknowledgement", "apology", "solution", "thanks"]\n',
        encoding="utf-8",
    )
    blocks = "".join(
        f"{{% block {name} %}}{name} {{{{ variant }}}}{{% endblock %}}"
        for name in ("thanks", "solution", "apology", "acknowledgement", "greeting", "refocus")
    )
    (tmp_path / "en" / "billing.txt.j2").write_text(
        "{% set variants = 2 %}" + blocks, encoding="utf-8"
    )
    reply_draft = draft("x", archetype="billing", lang="en", variant=2, templates=tmp_path)
    assert [s.name for s in reply_draft.sections] == [
        "greeting",
        "acknowledgement",
        "apology",
        "solution",
        "thanks",
    ]
    assert reply_draft.text.split("\n\n")[0] == "greeting 2"
