"""validate() on hand-built drafts and check_text() on replies written the way agents write them.

Every check is shown catching its defect in each language it applies to, and
staying quiet on good text. Drafts are built by hand as ``Draft`` objects so
these tests do not depend on the shipped templates; one test at the end runs
every built-in template through ``validate``.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

import pytest

from replykit.context import Incident, ReplyContext
from replykit.errors import UnknownArchetypeError, UnknownLanguageError
from replykit.models import Draft, Finding, Section
from replykit.policy import Policy
from replykit.validator import check_text, validate

LANGS = ("en", "ar", "fa")
ZWNJ = "\u200c"
LRI, PDI = "\u2068", "\u2069"

# -- good drafts, one per language ------------------------------------------------------

GOOD: dict[str, dict[str, str]] = {
    "en": {
        "greeting": "Hello Sara,",
        "acknowledgement": "I can see order TCK-4411 arrived cracked; I understand how annoying that is.",
        "apology": "I'm sorry it reached you in that state.",
        "solution": "I've sent a replacement today; it arrives by Thursday.",
        "thanks": "Thank you for letting us know so quickly.",
        "signature": "Omar, STC Support",
    },
    "ar": {
        "greeting": f"مرحباً {LRI}Sara{PDI}،",
        "acknowledgement": f"نتفهم تماماً انزعاجك من تأخر وصول طلبك رقم {LRI}TCK-4411{PDI}.",
        "apology": "نعتذر عن هذا التأخير.",
        "solution": "أعدنا شحن الطلب اليوم، وسيصلك خلال يومين.",
        "thanks": "شكراً لصبرك وثقتك بنا.",
        "signature": f"مع التحية،\nفريق خدمة العملاء في {LRI}STC{PDI}",
    },
    "fa": {
        "greeting": f"{LRI}Sara{PDI} عزیز، سلام.",
        "acknowledgement": f"متوجه هستم که سفارش {LRI}TCK-4411{PDI} با تأخیر رسیده و این موضوع برایتان ناخوشایند بوده است.",
        "apology": f"بابت این تأخیر عذرخواهی می{ZWNJ}کنیم.",
        "solution": f"سفارش شما امروز دوباره ارسال شد و تا پنجشنبه به دستتان می{ZWNJ}رسد.",
        "thanks": "از صبوری شما سپاسگزاریم.",
        "signature": f"با احترام،\nتیم پشتیبانی {LRI}STC{PDI}",
    },
}
VALUES = ("Sara", "TCK-4411", "STC", "Omar")
ORDER = ("greeting", "acknowledgement", "apology", "solution", "thanks", "signature")


def make(
    lang: str,
    sections: dict[str, str] | None = None,
    *,
    archetype: str = "general",
    order: tuple[str, ...] = ORDER,
    values: tuple[str, ...] = VALUES,
    **changes: str,
) -> Draft:
    """A draft in ``lang`` built from the good sections, with some replaced."""
    body = dict(GOOD[lang] if sections is None else sections)
    body.update(changes)
    parts = tuple(Section(name=name, text=body[name]) for name in order if name in body)
    return Draft(
        archetype=archetype,
        lang=lang,  # type: ignore[arg-type]
        direction="ltr" if lang == "en" else "rtl",
        variant=1,
        sections=parts,
        text="\n\n".join(p.text for p in parts),
        values=values,
    )


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


# -- clean drafts ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_good_draft_is_clean(lang: str) -> None:
    assert validate(make(lang)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_good_draft_is_clean_on_long_form_channels(lang: str) -> None:
    for channel in ("email", "chat"):
        assert validate(make(lang), channel=channel) == []  # type: ignore[arg-type]


# -- each check catches its defect in each language --------------------------------------

DEFECTS: list[tuple[str, str, dict[str, str], str]] = [
    # (lang, expected code, changed sections, what the message mentions)
    # RK601: a move is missing or empty
    ("en", "RK601", {"apology": " \n "}, "apology section is empty"),
    ("ar", "RK601", {"thanks": ""}, "thanks section is empty"),
    ("fa", "RK601", {"solution": f"{LRI}{PDI}"}, "solution section is empty"),
    # RK603: unrendered
    ("en", "RK603", {"greeting": "Hi ,"}, "empty slot"),
    ("en", "RK603", {"solution": "Your ticket is None."}, "'None'"),
    ("en", "RK603", {"solution": "We will call you at {phone}."}, "'{phone}'"),
    ("en", "RK603", {"thanks": "Thanks from [Company name]."}, "'[Company name]'"),
    ("en", "RK603", {"thanks": "Thanks {{ agent_name }}"}, "template syntax"),
    ("en", "RK603", {"solution": "TODO: add the refund time."}, "'TODO'"),
    ("ar", "RK603", {"greeting": "عزيزي ،"}, "empty slot"),
    ("ar", "RK603", {"greeting": "مرحباً [اسم العميل]،"}, "[اسم العميل]"),
    ("ar", "RK603", {"solution": "سنتواصل معك على [[رقم الهاتف]]."}, "placeholder"),
    ("fa", "RK603", {"greeting": " ، سلام"}, "empty slot"),
    ("fa", "RK603", {"solution": "شماره پیگیری: -"}, "empty slot"),
    ("fa", "RK603", {"thanks": "{% if x %}ممنون{% endif %}"}, "template syntax"),
    # RK604 / RK605 / RK606: script
    ("fa", "RK604", {"apology": "بابت اين تأخير عذرخواهي مي\u200cكنيم."}, "write ک ی"),
    ("ar", "RK605", {"apology": "نعتذر عن هذا التأخیر."}, "write ي"),
    ("fa", "RK606", {"solution": "سفارش شما تا ساعت ١٤:٣٠ می\u200cرسد."}, "Arabic-Indic digits"),
    # RK607: untranslated wording
    ("ar", "RK607", {"apology": "نعتذر عن the delay."}, "'the', 'delay'"),
    ("fa", "RK607", {"apology": "بابت delay عذرخواهی می\u200cکنیم."}, "'delay'"),
    # RK610: blame
    ("en", "RK610", {"solution": "As I already said, you should have updated the app."}, "As I already said"),
    ("en", "RK610", {"solution": "You failed to enter the code in time."}, "You failed to"),
    ("ar", "RK610", {"solution": "كما ذكرت سابقاً، كان عليك تحديث التطبيق."}, "كما ذكرت سابقاً"),
    ("ar", "RK610", {"solution": "هذا خطؤك وليس خطأنا، لم تقرأ التعليمات."}, "خطؤك"),
    ("fa", "RK610", {"solution": f"همان{ZWNJ}طور که قبلاً گفتم، باید قبلاً برنامه را به{ZWNJ}روز می{ZWNJ}کردید."}, "گفتم"),
    ("fa", "RK610", {"solution": "مشکل از شماست؛ دقت نکردید."}, "مشکل از شماست"),
    # RK611: sales push
    ("en", "RK611", {"solution": "Upgrade now: this price is for a limited time only."}, "Upgrade now"),
    ("en", "RK611", {"solution": "Don't miss out, the offer ends tonight."}, "Don't miss"),
    ("ar", "RK611", {"solution": "اشترك الآن، العرض لفترة محدودة!"}, "اشترك الآن"),
    ("ar", "RK611", {"solution": "لا تفوت الفرصة، ينتهي العرض اليوم."}, "لا تفوت"),
    ("fa", "RK611", {"solution": "این فرصت را از دست ندهید، فقط امروز!"}, "از دست ندهید"),
    ("fa", "RK611", {"solution": "عجله کنید، پیشنهاد ویژه تا پایان موجودی است."}, "عجله کنید"),
    # RK613: shouting
    ("en", "RK613", {"apology": "We are VERY sorry."}, "'VERY'"),
    ("en", "RK613", {"solution": "It is fixed!!"}, "'!!'"),
    ("ar", "RK613", {"apology": "نعتذر جداً!!"}, "'!!'"),
    ("ar", "RK613", {"solution": "هل وصلك الطلب؟!"}, "'؟!'"),
    ("fa", "RK613", {"thanks": "ممنونیم!!!"}, "'!!!'"),
    ("fa", "RK613", {"thanks": "ممنونیم ?!"}, "'?!'"),
    # RK614: more than two apologies
    ("en", "RK614", {"apology": "Sorry for the trouble. We apologise for the delay, and apologies again."}, "3 apologies"),
    ("ar", "RK614", {"apology": "نعتذر عن التأخير، ونأسف لما حدث، وعذراً مرة أخرى."}, "3 apologies"),
    ("fa", "RK614", {"apology": f"عذرخواهی می{ZWNJ}کنیم، واقعاً متاسفیم و پوزش می{ZWNJ}طلبیم."}, "3 apologies"),
]


@pytest.mark.parametrize(
    ("lang", "code", "changes", "mentions"),
    DEFECTS,
    ids=[f"{d[0]}-{d[1]}-{i}" for i, d in enumerate(DEFECTS)],
)
def test_validate_catches_each_defect(
    lang: str, code: str, changes: dict[str, str], mentions: str
) -> None:
    findings = validate(make(lang, **changes))
    hits = [f for f in findings if f.code == code]
    assert hits, findings
    assert any(mentions in f.message for f in hits), hits
    # Only the check concerned fires, apart from the move lost by blanking
    # (and the Latin words of template syntax left in Persian text).
    assert set(codes(findings)) - {code, "RK601", "RK607"} == set(), findings


@pytest.mark.parametrize("lang", LANGS)
def test_missing_section_is_reported_without_a_place(lang: str) -> None:
    order = tuple(n for n in ORDER if n != "thanks")
    [finding] = validate(make(lang, order=order))
    assert (finding.code, finding.section, finding.line) == ("RK601", "thanks", None)
    assert "no thanks section" in finding.message


@pytest.mark.parametrize("lang", LANGS)
def test_sections_out_of_declared_order(lang: str) -> None:
    # angry replies apologise before they acknowledge (seed 001): general order is wrong there
    findings = validate(make(lang, archetype="angry"))
    assert codes(findings) == ["RK602"]
    assert findings[0].section == "apology"
    assert "angry replies run greeting, apology, acknowledgement" in findings[0].message
    order = ("greeting", "apology", "acknowledgement", "solution", "thanks", "signature")
    assert validate(make(lang, archetype="angry", order=order)) == []


def test_unknown_archetype_skips_the_order_check() -> None:
    assert validate(make("en", archetype="vip_customer")) == []


@pytest.mark.parametrize(
    ("lang", "offer"),
    [
        ("en", "Here's a 20% off coupon: SAVE20."),
        ("en", "I can offer you a discount code for next month."),
        ("ar", "إليك كود خصم بنسبة 20% على اشتراكك القادم."),
        ("ar", "سنمنحك خصماً خاصاً على الباقة."),
        ("fa", "یک کد تخفیف ۲۰٪ برایتان فعال کردیم."),
        ("fa", "برای شما قیمت ویژه در نظر گرفته\u200cایم."),
    ],
)
def test_price_cut_for_a_discount_seeker(lang: str, offer: str) -> None:
    order = ("greeting", "thanks", "acknowledgement", "apology", "solution", "signature")
    draft = make(lang, archetype="discount_seeker", order=order, solution=offer)
    assert "RK612" in codes(validate(draft))
    # the same words to another archetype are not checked (a goodwill credit is fine)
    assert "RK612" not in codes(validate(make(lang, solution=offer)))
    # a company that does offer coupons switches the check off
    assert "RK612" not in codes(validate(draft, policy=Policy(disable={"tone.price-cut"})))


# -- false-positive guards ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "solution"),
    [
        ("en", "We do not offer coupons or discount codes, but the Starter plan costs less per month."),
        ("en", "You asked whether we could lower the price; the annual plan works out cheaper."),
        ("ar", "لا نقدم كوبونات خصم حالياً، لكن الباقة السنوية قد تناسبك أكثر."),
        ("ar", "وصلنا طلبك للحصول على كود خصم، والباقة السنوية قد تناسبك أكثر."),
        ("fa", "متأسفانه امکان ارائه کد تخفیف وجود ندارد، اما طرح سالانه برایتان به\u200cصرفه\u200cتر است."),
        ("fa", "درخواست شما برای کد تخفیف را دیدیم؛ طرح سالانه برایتان به\u200cصرفه\u200cتر است."),
    ],
)
def test_refusing_a_coupon_is_not_offering_one(lang: str, solution: str) -> None:
    order = ("greeting", "thanks", "acknowledgement", "apology", "solution", "signature")
    draft = make(lang, archetype="discount_seeker", order=order, solution=solution)
    assert validate(draft) == []


@pytest.mark.parametrize("lang", LANGS)
def test_context_values_are_not_the_templates_wording(lang: str) -> None:
    # A customer named "Coupon", a company "ACME LTD", a name typed as template syntax,
    # a Latin name in Persian: all values, none of them a finding.
    name = "{{ 7*7 }} Coupon"
    greeting = {"en": f"Dear {name},", "ar": f"عزيزي {LRI}{name}{PDI}،", "fa": f"{LRI}{name}{PDI} عزیز،"}[lang]
    signature = {"en": "ACME LTD", "ar": f"{LRI}ACME LTD{PDI}", "fa": f"{LRI}ACME LTD{PDI}"}[lang]
    order = ("greeting", "thanks", "acknowledgement", "apology", "solution", "signature")
    draft = make(
        lang,
        archetype="discount_seeker",
        order=order,
        values=(*VALUES, name, "ACME LTD"),
        greeting=greeting,
        signature=signature,
    )
    assert validate(draft) == []
    # the same text without the values is flagged
    bare = draft.model_copy(update={"values": ()})
    found = set(codes(validate(bare)))
    # English reads "Coupon" as a price cut; Arabic and Persian as untranslated Latin
    assert {"RK603", "RK613", "RK612" if lang == "en" else "RK607"} <= found


@pytest.mark.parametrize(
    ("lang", "apology"),
    [
        ("en", "I'm so sorry, and my apologies for the wait."),  # two phrases, not three
        ("en", "Unfortunately the parcel was lost; I'm really sorry."),
        ("ar", "للأسف تأخر الطلب، ونعتذر منك بشدة، وحقك علينا."),
        ("fa", f"متاسفانه سفارش دیر رسید؛ واقعاً متاسفیم و عذرخواهی می{ZWNJ}کنیم."),
    ],
)
def test_two_apologies_are_fine(lang: str, apology: str) -> None:
    assert validate(make(lang, apology=apology)) == []


@pytest.mark.parametrize(
    "solution",
    [
        "You should have received a confirmation e-mail; I've sent it again.",
        "Your SMS code and the FAQ link are below; the USB cable ships today.",
        "There is no hurry: take your time and reply when it suits you.",
        "What happened?? I've checked and fixed it.",
    ],
)
def test_english_look_alikes_are_not_faults(solution: str) -> None:
    assert validate(make("en", solution=solution)) == []


def test_finding_points_at_line_and_column_of_the_draft() -> None:
    draft = make("en", solution="Done.\nBut you should have asked first.")
    [finding] = validate(draft)
    assert (finding.code, finding.name, finding.section) == ("RK610", "tone.blame", "solution")
    assert finding.line is not None and finding.column is not None
    line = draft.text.splitlines()[finding.line - 1]
    assert line[finding.column - 1 :].startswith("you should have")


# -- outage facts ------------------------------------------------------------------------

OUTAGE_CONTEXT = ReplyContext(
    incident=Incident(
        started_at=datetime(2024, 5, 1, 11, 32, tzinfo=UTC),
        expected_fix_at=datetime(2024, 5, 1, 14, 0, tzinfo=UTC),
        data_safe=True,
    )
)
OUTAGE: dict[str, tuple[str, str, str]] = {
    # (acknowledgement, a solution that states the facts, one that does not)
    "en": (
        "Since 11:32 this morning our servers have been unreachable after a hardware fault.",
        "Your data is safe and was not accessed. Our engineers expect service back by 14:00.",
        "Our engineers are working on it and will update you soon.",
    ),
    "ar": (
        "منذ الساعة 11:32 صباحاً توقفت خوادمنا بسبب عطل في العتاد.",
        "نطمئنك أن بياناتك آمنة ولم يتم الوصول إليها. ونتوقع عودة الخدمة بحلول الساعة 14:00.",
        "يعمل فريقنا الفني على إصلاح العطل وسنوافيك بالمستجدات.",
    ),
    "fa": (
        "از ساعت ۱۱:۳۲ امروز سرورهای ما به دلیل خرابی سخت\u200cافزار از دسترس خارج شده\u200cاند.",
        "اطلاعات شما امن است و کسی به آن دسترسی پیدا نکرده است. پیش\u200cبینی می\u200cکنیم سرویس تا ساعت ۱۴:۰۰ برقرار شود.",
        "همکاران ما در حال رفع مشکل هستند و به\u200cزودی خبر می\u200cدهیم.",
    ),
}


@pytest.mark.parametrize("lang", LANGS)
def test_outage_draft_states_fix_time_and_data_safety(lang: str) -> None:
    ack, good, bad = OUTAGE[lang]
    ok = make(lang, archetype="service_outage", acknowledgement=ack, solution=good)
    assert validate(ok, context=OUTAGE_CONTEXT) == []
    missing = make(lang, archetype="service_outage", acknowledgement=ack, solution=bad)
    findings = validate(missing, context=OUTAGE_CONTEXT)
    assert codes(findings) == ["RK620", "RK620"]
    assert "fix time" in findings[0].message + findings[1].message
    assert "data is safe" in findings[0].message + findings[1].message
    # without the incident there is nothing to hold the draft to
    assert validate(missing) == []
    assert validate(missing, context=ReplyContext()) == []


@pytest.mark.parametrize("lang", LANGS)
def test_outage_fix_time_may_be_a_rendered_value(lang: str) -> None:
    ack, good, _bad = OUTAGE[lang]
    time_text = {"en": "14:00", "ar": "14:00", "fa": "\u06f1\u06f4:\u06f0\u06f0"}[lang]
    draft = make(
        lang,
        archetype="service_outage",
        acknowledgement=ack,
        solution=good,
        values=(*VALUES, time_text),
    )
    assert validate(draft, context=OUTAGE_CONTEXT) == []


def test_outage_with_data_at_risk_must_speak_of_the_data() -> None:
    ctx = ReplyContext(incident=Incident(data_safe=False))
    ack, _good, bad = OUTAGE["en"]
    draft = make("en", archetype="service_outage", acknowledgement=ack, solution=bad)
    assert codes(validate(draft, context=ctx)) == ["RK620"]
    fixed = make(
        "en",
        archetype="service_outage",
        acknowledgement=ack,
        solution="We are checking whether any data was affected and will tell you today.",
    )
    assert validate(fixed, context=ctx) == []


# -- channel limits ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "sentence", "sms_max", "social_max"),
    [
        ("en", "I've arranged a replacement and it ships today. ", 9, 5),
        ("ar", "أعدنا شحن الطلب اليوم وسيصلك خلال يومين. ", 4, 6),
        ("fa", "سفارش شما امروز دوباره ارسال شد. ", 5, 7),
    ],
)
def test_channel_limits_are_warnings(lang: str, sentence: str, sms_max: int, social_max: int) -> None:
    long_sms = make(lang, solution=sentence * sms_max)
    findings = validate(long_sms, channel="sms")
    assert codes(findings) == ["RK630"]
    assert findings[0].severity == "warning"
    assert ("UCS-2" if lang != "en" else "GSM-7") in findings[0].message
    # the channel comes from the context when not given
    assert codes(validate(long_sms, context=ReplyContext(channel="sms"))) == ["RK630"]
    assert validate(long_sms, context=ReplyContext(channel="sms"), channel="email") == []
    assert validate(long_sms) == []
    long_post = make(lang, solution=sentence * social_max)
    assert codes(validate(long_post, channel="social")) == ["RK631"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi", ("GSM-7", 2, 1)),
        ("x" * 160, ("GSM-7", 160, 1)),
        ("x" * 161, ("GSM-7", 161, 2)),
        ("\u20ac" * 80, ("GSM-7", 160, 1)),  # the euro sign takes two septets
        ("x" * 459, ("GSM-7", 459, 3)),
        ("x" * 460, ("GSM-7", 460, 4)),
        ("\u0634" * 70, ("UCS-2", 70, 1)),
        ("\u0634" * 201, ("UCS-2", 201, 3)),
        ("\u0634" * 202, ("UCS-2", 202, 4)),
        ("x" * 69 + "\U0001f642", ("UCS-2", 71, 2)),  # an emoji is two UTF-16 units
    ],
)
def test_sms_segments(text: str, expected: tuple[str, int, int]) -> None:
    from replykit.checks import sms_segments

    assert sms_segments(text) == expected


# -- arguments ---------------------------------------------------------------------------


def test_validate_rejects_what_is_not_a_draft() -> None:
    with pytest.raises(TypeError, match="takes a Draft"):
        validate("Hello")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown channel 'fax'"):
        validate(make("en"), channel="fax")  # type: ignore[arg-type]


def test_draft_without_sections_is_checked_as_one_text() -> None:
    draft = Draft(archetype="general", lang="en", direction="ltr", variant=1, sections=(), text="Hi ,")
    found = codes(validate(draft))
    assert found.count("RK601") == 4 and "RK603" in found


# -- check_text on replies agents write ------------------------------------------------------

# Written for these tests, in each language's real support register, not from the templates.
CLEAN_REPLIES: list[tuple[str, str | None, str]] = [
    ("en", None, "Hi Jordan,\n\nThanks for reaching out, and I'm really sorry your card was charged twice. "
     "I can see both payments on your account from Monday. I've gone ahead and refunded the duplicate "
     "charge; it usually shows on your statement within 3-5 working days.\n\nThanks for your patience,\nPriya"),
    ("en", None, "Hey there! Apologies for the slow reply - I know it's frustrating to wait this long. "
     "Here's how to get back into your account: open the app, tap 'Forgot password' and follow the link we "
     "email you. If it doesn't arrive within 10 minutes, just reply to this message and I'll reset it for "
     "you manually. Appreciate you bearing with us!"),
    ("en", "angry", "I hear you, and you have every right to be upset about the missed delivery. My apologies, "
     "that's on us. We'll redeliver tomorrow between 9 and 12, and I've added a note for the driver to call "
     "you first. Thank you for giving us the chance to put this right."),
    ("en", None, "So sorry about that! I understand the export keeps failing. Please try clearing the browser "
     "cache and exporting again, that fixes it in most cases. Cheers for flagging it."),
    ("en", "discount_seeker", "Hi Lena, thank you for being with us for three years, it means a lot. I understand "
     "the new price feels steep. I'm sorry we can't offer a discount code or change the monthly fee. You "
     "could switch to the annual plan, which works out cheaper per month, if that suits you better."),
    ("ar", None, "أهلاً أستاذ خالد، نعتذر جداً عن التأخير في الرد. اطلعت على طلبك وتبين أن المبلغ خُصم مرتين. "
     "قمت بإرجاع المبلغ المكرر وسيظهر في حسابك خلال ٣ إلى ٥ أيام عمل. شكراً لتفهمك وصبرك."),
    ("ar", None, "مرحبا، آسفين على الإزعاج! أتفهم إن الموضوع مزعج. جرب تسجّل خروج وتدخل مرة ثانية، وإذا ما "
     "انحلت المشكلة تواصل معي هنا. يعطيك العافية"),
    ("ar", "neglected", "عزيزتي منى، حقك علينا، التأخير غير مقبول ونتفهم استياءك تماماً. تم تحويل طلبك لفريق "
     "الشحن وسيتم التوصيل غداً قبل الساعة 12 ظهراً. نشكرك على ثقتك بنا."),
    ("ar", "discount_seeker", "مرحباً، نشكرك على اهتمامك بخدماتنا وتقديرك لها. نتفهم رغبتك في سعر أقل، ونأسف "
     "لأننا لا نستطيع تقديم كوبون خصم حالياً حفاظاً على جودة الخدمة. يمكنك الاطلاع على الباقة السنوية فقد "
     "تناسب احتياجك بشكل أفضل."),
    ("fa", None, "سلام آقای رضایی، وقت بخیر. بابت تأخیر در پاسخ\u200cگویی واقعاً عذر می\u200cخواهم. درخواست شما را "
     "بررسی کردم؛ مبلغ اضافه امروز به حسابتان برگشت داده شد و ظرف ۲۴ ساعت قابل مشاهده است. از صبوری شما ممنونم."),
    ("fa", None, "سلام، ببخشید که منتظر موندید! متوجه شدم که اپلیکیشن موقع پرداخت بسته میشه. لطفاً یه بار از "
     "حساب خارج بشید و دوباره وارد بشید؛ اگه درست نشد همین\u200cجا بهم پیام بدید. مرسی از حوصله\u200cتون"),
    ("fa", "angry", "مشتری گرامی، حق با شماست و از این بابت شرمنده\u200cایم. همکاران ما در تیم فنی مشکل را پیگیری "
     "می\u200cکنند و تا فردا ساعت ۱۲ نتیجه را به شما اطلاع می\u200cدهیم. سپاس از شکیبایی شما."),
    ("fa", "discount_seeker", "سلام، از اینکه به خدمات ما اعتماد دارید سپاسگزاریم. درخواست شما برای کد تخفیف را "
     "دیدم و درک می\u200cکنم که هزینه برایتان مهم است. متأسفم که در حال حاضر امکان ارائه کد تخفیف وجود ندارد. "
     "پیشنهاد می\u200cکنم طرح سالانه را ببینید که برای استفاده شما به\u200cصرفه\u200cتر است."),
]


@pytest.mark.parametrize(
    ("lang", "archetype", "text"), CLEAN_REPLIES, ids=[f"{r[0]}-{i}" for i, r in enumerate(CLEAN_REPLIES)]
)
def test_agent_replies_with_all_four_moves_are_clean(lang: str, archetype: str | None, text: str) -> None:
    assert check_text(text, lang=lang, archetype=archetype) == []
    # the language is detected when not given
    assert check_text(text, archetype=archetype) == []


FAULTY_REPLIES: list[tuple[str, str | None, str, set[str], str]] = [
    # (lang, archetype, text, expected codes, a word of the first message)
    ("en", None, "Thanks for reaching out about the double charge. I can see both payments on your account. "
     "I've gone ahead and refunded the duplicate. Thanks for your patience.", {"RK601"}, "apology"),
    ("en", None, "I'm sorry for the trouble, but as I already explained, you should have updated the app before "
     "logging in. I understand it's annoying. Please update it and try again. Thanks.", {"RK610"}, "blames"),
    ("en", "discount_seeker", "Thanks for your message! I understand prices went up and I'm sorry about that. "
     "I've added a 15% off coupon to your account. Thanks for being a loyal customer.", {"RK612"}, "price cut"),
    ("en", None, "I understand, and I'm sorry. Upgrade now to fix it, this offer ends tonight! Thanks.",
     {"RK611"}, "sales push"),
    ("en", None, "We are sorry. We apologise. Sorry again! I see the issue; I've fixed it. Thanks!",
     {"RK614"}, "3 apologies"),
    ("en", None, "I understand. We are sorry. Please DO NOT reset it again!! Thanks.", {"RK613"}, "shouting"),
    ("en", None, "Hi [Customer name], I understand and I'm sorry. I've fixed it. Thanks.", {"RK603"}, "placeholder"),
    ("ar", None, "أهلاً، اطلعت على طلبك وتبين أن المبلغ خُصم مرتين. قمت بإرجاع المبلغ المكرر. شكراً لصبرك.",
     {"RK601"}, "apology"),
    ("ar", None, "نعتذر عن الإزعاج، لكن كما ذكرت سابقاً كان عليك تحديث التطبيق قبل الدفع. نتفهم انزعاجك. يرجى "
     "التحديث والمحاولة مرة أخرى. شكراً لك.", {"RK610"}, "blames"),
    ("ar", "discount_seeker", "شكراً لتواصلك! نتفهم أن الأسعار ارتفعت ونعتذر عن ذلك. إليك كود خصم 20% تستخدمه "
     "عند الدفع. سارع الآن قبل نفاد الكمية.", {"RK611", "RK612"}, "price cut"),
    ("ar", None, "نتفهم انزعاجك ونعتذر. اشترك الآن في الباقة الذهبية لفترة محدودة! شكراً.", {"RK611"}, "sales push"),
    ("ar", None, "نتفهم ذلك. نعتذر. آسفين جداً. المعذرة منك. سنقوم بالحل. شكراً.", {"RK614"}, "3 apologies"),
    ("fa", None, "سلام، درخواست شما را بررسی کردم؛ مبلغ اضافه امروز به حسابتان برگشت داده شد. از صبوری شما "
     "ممنونم.", {"RK601"}, "apology"),
    ("fa", None, "سلام، همان\u200cطور که قبلاً گفتم باید قبلاً برنامه را به\u200cروزرسانی می\u200cکردید. متاسفیم "
     "که مشکل پیش آمده و درک می\u200cکنیم. لطفاً برنامه را به\u200cروز کنید. ممنون.", {"RK610"}, "blames"),
    ("fa", "discount_seeker", "سلام، از پیام شما ممنونیم و متوجه هستیم که قیمت\u200cها بالا رفته؛ بابت این موضوع "
     "عذرخواهی می\u200cکنیم. یک کد تخفیف ۲۰٪ برایتان فعال کردیم. فقط امروز فرصت دارید.", {"RK611", "RK612"},
     "price cut"),
    ("fa", None, "درک می\u200cکنیم و عذر می\u200cخواهیم. مشکل را پيگيري مي\u200cكنيم. ممنون.", {"RK604"}, "Arabic letters"),
]


@pytest.mark.parametrize(
    ("lang", "archetype", "text", "expected", "mentions"),
    FAULTY_REPLIES,
    ids=[f"{r[0]}-{'-'.join(sorted(r[3]))}-{i}" for i, r in enumerate(FAULTY_REPLIES)],
)
def test_agent_replies_with_a_fault_are_flagged(
    lang: str, archetype: str | None, text: str, expected: set[str], mentions: str
) -> None:
    findings = check_text(text, lang=lang, archetype=archetype)
    assert set(codes(findings)) == expected, findings
    assert any(mentions in f.message for f in findings), findings
    assert all(f.section is None for f in findings)


def test_every_missing_move_is_reported_once() -> None:
    findings = check_text("Ok.", lang="en")
    assert [f.message.split(" found")[0] for f in findings] == [
        "no acknowledgement",
        "no apology",
        "no solution",
        "no thanks",
    ]
    assert all(f.code == "RK601" and f.severity == "error" for f in findings)


def test_empty_reply_misses_every_move() -> None:
    assert codes(check_text("")) == ["RK601"] * 4


@pytest.mark.parametrize(
    "text",
    [
        "I understand, and I'm sorry. I've booked DHL to bring it today. Thanks!",  # a lone brand in capitals
        "I understand, and I'm sorry. You can find your SMS code in the FAQ. Thanks!",
        "I understand, and I'm sorry. Ticket TCK-4411 is fixed. Thanks!",
    ],
)
def test_capitalised_names_in_a_reply_are_not_shouting(text: str) -> None:
    assert check_text(text, lang="en") == []


@pytest.mark.parametrize(
    ("lang", "text", "flagged"),
    [
        ("en", "Hi , I understand and I'm sorry. I've fixed it. Thanks.", True),
        ("en", "Dear, I understand and I'm sorry. I've fixed it. Thanks.", True),
        ("ar", "مرحباً ، نتفهم انزعاجك ونعتذر. سنقوم بالحل اليوم. شكراً.", True),
        # a space typed before a comma elsewhere is a habit, not an empty slot
        ("en", "I understand , and I'm sorry. I've fixed it. Thanks.", False),
        ("fa", "سلام ، درک می‌کنم و عذر می‌خواهم. لطفاً دوباره وارد شوید. ممنون.", False),
    ],
)
def test_empty_greeting_slot_in_a_reply(lang: str, text: str, flagged: bool) -> None:
    assert codes(check_text(text, lang=lang)) == (["RK603"] if flagged else [])


def test_check_text_positions_are_line_and_column() -> None:
    text = "I understand and I'm sorry.\nAs I said before, restart it.\nThanks."
    [finding] = check_text(text, lang="en")
    assert (finding.code, finding.line, finding.column) == ("RK610", 2, 1)


def test_check_text_arguments() -> None:
    with pytest.raises(UnknownLanguageError):
        check_text("hi", lang="de")
    with pytest.raises(UnknownArchetypeError, match="did you mean 'discount_seeker'"):
        check_text("hi", archetype="discount-seeker")
    with pytest.raises(TypeError):
        check_text(b"hi")  # type: ignore[arg-type]
    assert check_text("hi", lang="ar-EG") == check_text("hi", lang="ar")


def test_check_text_does_not_import_jinja() -> None:
    code = (
        "import sys\n"
        "from replykit.validator import check_text, validate\n"
        "check_text('I understand, sorry, I have fixed it, thanks', lang='en')\n"
        "assert 'jinja2' not in sys.modules, 'jinja2 imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# -- built-in templates ------------------------------------------------------------------


def _templates() -> list[tuple[str, str, int]]:
    try:
        from replykit.templating import load_template
    except ImportError:  # pragma: no cover - the drafting engine is not there yet
        return []
    from replykit.sections import load_sections

    out = []
    for lang in LANGS:
        for archetype in sorted(load_sections()):
            try:
                variants = load_template(archetype, lang).variants
            except LookupError:  # pragma: no cover - a template not written yet
                continue
            out.extend((lang, archetype, v) for v in range(1, variants + 1))
    return out


TEMPLATES = _templates()
FULL_CONTEXT = ReplyContext(
    customer_name="Sara",
    customer_gender="female",
    agent_name="Omar",
    company_name="STC",
    ticket_id="TCK-4411",
    incident=Incident(
        started_at=datetime(2024, 5, 1, 11, 32, tzinfo=UTC),
        expected_fix_at=datetime(2024, 5, 1, 14, 0, tzinfo=UTC),
        data_safe=True,
        cause="a failed database upgrade",
        severity="major",
    ),
    offer="the annual plan",
    direct_contact="omar@example.com",
    followup_at=datetime(2024, 5, 2, 10, 0, tzinfo=UTC),
    steps=("Open Settings", "Tap Sign out, then sign in again"),
    signatory="Layla Haddad",
)


@pytest.mark.skipif(not TEMPLATES, reason="the drafting engine or templates are not there yet")
@pytest.mark.parametrize(
    ("lang", "archetype", "variant"), TEMPLATES, ids=[f"{t[0]}-{t[1]}-v{t[2]}" for t in TEMPLATES]
)
def test_builtin_templates_validate_clean(lang: str, archetype: str, variant: int) -> None:
    from replykit.drafting import draft

    for context in (FULL_CONTEXT, None):
        made = draft("", archetype=archetype, lang=lang, variant=variant, context=context)
        assert validate(made, context=context) == [], made.text
        for channel in ("chat", "email"):
            assert validate(made, context=context, channel=channel) == [], made.text  # type: ignore[arg-type]
        # the four moves are found in the draft's text too, as check_text sees it
        assert [f for f in check_text(made.text, lang=lang, archetype=archetype) if f.code == "RK601"] == []



@pytest.mark.parametrize(
    "reply",
    [
        "\u0645\u0631\u062d\u0628\u0627\u060c \u0646\u0639\u062a\u0630\u0631 \u0639\u0646 \u0627\u0644\u0627\u0646\u0642\u0637\u0627\u0639 \u0648\u0646\u062a\u0641\u0647\u0645 \u0627\u0646\u0632\u0639\u0627\u062c\u0643. \u062a\u0645 \u0625\u0635\u0644\u0627\u062d \u0627\u0644\u0645\u0634\u0643\u0644\u0629 \u0627\u0644\u0622\u0646. \u0634\u0643\u0631\u0627 \u0644\u0635\u0628\u0631\u0643.",
        "\u0633\u0644\u0627\u0645\u060c \u0645\u062a\u0648\u062c\u0647 \u0645\u0634\u06a9\u0644 \u0634\u0645\u0627 \u0647\u0633\u062a\u0645 \u0648 \u0628\u0627\u0628\u062a \u0627\u06cc\u0646 \u0627\u062a\u0641\u0627\u0642 \u0639\u0630\u0631\u062e\u0648\u0627\u0647\u06cc \u0645\u06cc\u200c\u06a9\u0646\u0645. \u0647\u0645\u06a9\u0627\u0631\u0627\u0646 \u0645\u0627 \u0645\u0634\u06a9\u0644 \u0631\u0627 \u0628\u0631\u0637\u0631\u0641 \u06a9\u0631\u062f\u0646\u062f. \u0627\u0632 \u0635\u0628\u0648\u0631\u06cc \u0634\u0645\u0627 \u0645\u0645\u0646\u0648\u0646\u06cc\u0645.",
        "Hi Sam, I can see the app logged you out twice today, sorry about that. I have reset your session, so you should be able to sign in now. Thanks for bearing with us!",
    ],
    ids=["ar", "fa", "en"],
)
def test_short_hand_written_replies_hold_all_four_moves(reply: str) -> None:
    assert check_text(reply) == []
