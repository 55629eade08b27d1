"""Templates cannot escape or hang: internals, oversized work and the render budget.

Each refusal is tested twice where it can be. In this process, with the limits
lowered (``small_limits``), so that a regression renders a few kilobytes and
fails the assertion instead of hanging the suite. And with the exact hostile
templates and the real limits (``'x' * 10**9``, ``2 ** (10**8)``...) in a child
process with a memory ceiling and a timeout, which reports one JSON line per
template: a regression there shows as a wrong answer, a MemoryError, or a
template that never reported, never as a hung test run.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from replykit import templating
from replykit.drafting import draft
from replykit.errors import TemplateSecurityError, TemplateSyntaxError
from replykit.templating import environment, find_templates, load_template

ROOT_TEMPLATES = find_templates()

REPO = Path(__file__).resolve().parents[1]
SECTIONS = ("greeting", "acknowledgement", "apology", "solution", "thanks", "signature")
TEMPLATE = "en/general.txt.j2"
FSI, PDI = "\u2068", "\u2069"


def write_tree(root: Path, greeting: str, *, lang: str = "en", **blocks: str) -> Path:
    """A tree whose ``general`` template has ``greeting`` in its first block; others say 'ok'."""
    body = ["{% set variants = 2 %}"]
    for name in SECTIONS:
        source = greeting if name == "greeting" else blocks.get(name, "ok")
        body.append(f"{{% block {name} -%}}{source}{{%- endblock %}}")
    (root / lang).mkdir(parents=True, exist_ok=True)
    (root / lang / "general.txt.j2").write_text("\n".join(body), encoding="utf-8")
    return root


def render(tree: Path, lang: str = "en", **context: Any) -> str:
    return draft(
        "", archetype="general", lang=lang, variant=1, templates=tree, context=context
    ).text


SMALL = {
    "MAX_STRING_LENGTH": 1_000,
    "MAX_NUMBER_BITS": 256,
    "MAX_OUTPUT_LENGTH": 5_000,
    "MAX_BUILT_LENGTH": 20_000,
    "MAX_ITERATIONS": 500,
    "MAX_CALL_DEPTH": 10,
    "MAX_TEMPLATE_LOADS": 5,
    "MAX_NESTING": 10,
}


@pytest.fixture
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits a hundred times lower, so that what gets through is small."""
    for name, value in SMALL.items():
        monkeypatch.setattr(templating, name, value)


# -- oversized work, refused before it is done (lowered limits, in this process) ------

REFUSED = [
    # operators
    ("{{ 'x' * 1001 }}", "string repetition of 1001 characters exceeds the limit of 1000"),
    ("{{ 1001 * 'x' }}", "string repetition of 1001 characters"),
    ("{{ [0] * 1001 }}", "list repetition of 1001 items"),
    ("{{ (0,) * 1001 }}", "tuple repetition of 1001 items"),
    ("{{ 2 ** 300 }}", "integer power of about 300 bits exceeds the limit of 256"),
    ("{{ (2 ** 200) * (2 ** 200) }}", "integer product of about 402 bits"),
    ("{{ ('x' * 600) + ('x' * 600) }}", "string concatenation of 1200 characters"),
    ("{{ [0] * 600 + [0] * 600 }}", "list concatenation of 1200 items"),
    ("{{ ('x' * 600) ~ ('x' * 600) }}", "concatenation (~) of about 1200 characters"),
    # %-formatting and str.format
    ('{{ "%01001d" % 1 }}', "a width or precision of 1001 characters"),
    ('{{ "%*d" % (1001, 1) }}', "a width or precision of 1001 characters"),
    ('{{ "%.1001f" % 1.5 }}', "a width or precision of 1001 characters"),
    ('{{ "%s%s" % ("x" * 600, "x" * 600) }}', "%-formatting of about"),
    ('{{ "%(a)s%(a)s" % {"a": "x" * 600} }}', "%-formatting of about"),
    ('{{ "%(a(b))1001s" % {"a(b)": "x"} }}', "a width or precision of 1001 characters"),
    ('{{ "%01001d" | format(1) }}', "the format filter: a width or precision of 1001"),
    ('{{ "{:>1001}".format(1) }}', "a format width or precision of 1001 characters"),
    ('{{ "{:.1001f}".format(1.5) }}', "a format width or precision of 1001 characters"),
    ('{{ "{:{}}".format(1, 1001) }}', "a format width or precision of 1001 characters"),
    ('{{ "{x:>1001}".format_map({"x": 1}) }}', "a format width or precision of 1001"),
    ('{{ "{0:>600}{0:>600}".format(1) }}', "the result of str.format of about 1216 characters"),
    ('{{ "{0!r}".format(["x" * 600, "x" * 600]) }}', "the text of a value given to str.format"),
    ('{{ ("{}{}" | attr("format"))("x" * 600, "x" * 600) }}', "the result of str.format of about"),
    # filters
    ('{{ "x" | center(1001) }}', "the center filter's result of 1001 characters"),
    ('{{ ("a\\n" * 10) | indent(100) }}', "the indent filter's result"),
    ('{{ "a\\nb" | indent("y" * 600) }}', "the indent filter's result"),
    ('{{ ("x " * 100) | wordwrap(1, wrapstring="y" * 10) }}', "the wordwrap filter's result"),
    ('{{ ("x" * 100) | replace("x", "y" * 20) }}', "the replace filter's result of 2000"),
    ('{{ ["x" * 600, "x" * 600] | join }}', "the join filter's result of about 1200"),
    ("{{ [1] | batch(1001, 0) | list }}", "a padded batch of 1001 items"),
    ("{{ [1] | slice(1001) | list }}", "the slice filter's result of 1001 slices"),
    ("{{ 5 | round(-300) }}", "a round precision of 300 digits"),
    ("{{ 5 | round(-300, 'floor') }}", "a round precision of 300 digits"),
    ("{{ ([[0] * 600] * 2) | sum(start=[]) }}", "the sum filter's result of 1200 items"),
    ('{{ (["x" * 900] * 10) | string }}', "the text of a value given to the string filter"),
    ('{{ (["x" * 900] * 10) | tojson }}', "the tojson filter's text of about"),
    ('{{ ["x", ["y"]] | tojson(2000) }}', "the tojson filter's text of about"),
    ('{{ (["x" * 900] * 10) | pprint }}', "the pprint filter's text of about"),
    ('{{ (["x" * 900] * 10) | isolate }}', "the text of a value given to the isolate filter"),
    ("{{ lipsum(100) }}", "lorem ipsum text of about"),
    # methods
    ('{{ "x".ljust(1001) }}', "the result of str.ljust() of 1001 characters"),
    ('{{ "x".rjust(1001) }}', "the result of str.rjust() of 1001 characters"),
    ('{{ "x".center(1001) }}', "the result of str.center() of 1001 characters"),
    ('{{ "1".zfill(1001) }}', "the result of str.zfill() of 1001 characters"),
    ('{{ "\\t".expandtabs(1001) }}', "the result of str.expandtabs() of 1001 characters"),
    ('{{ ("x" * 100).replace("", "y" * 20) }}', "the result of str.replace() of 2120"),
    ('{{ "-".join(["x" * 600, "x" * 600]) }}', "the result of str.join() of 1201"),
    ('{{ ("a" * 100).translate({97: "y" * 20}) }}', "the result of str.translate() of 2000"),
    ('{{ "x".encode().ljust(1001) }}', "the result of bytes.ljust() of 1001 characters"),
    ("{{ (1).to_bytes(1001, 'big') }}", "int.to_bytes() of 1001 bytes"),
    # printing
    ('{{ ["x" * 900] * 10 }}', "printing a value of about"),
    # loops, output and built values
    ("{{ range(501) }}", "a range of 501 items exceeds the limit of 500"),
    (
        "{% for i in range(30) %}{% for j in range(30) %}{% endfor %}{% endfor %}",
        "loop iterations exceed the limit of 500 per render",
    ),
    (
        '{% for c in "x" * 30 %}{% for d in "x" * 30 %}{% endfor %}{% endfor %}',
        "loop iterations exceed the limit of 500 per render",
    ),
    ("{{ (range(400) | list + range(400) | list) | length }}", "loop iterations exceed"),
    (
        "{% for x in [[1, [2, [3]]]] * 200 recursive %}"
        "{% if x is iterable %}{{ loop(x) }}{% endif %}{% endfor %}",
        "loop iterations exceed",
    ),
    (
        "{% for i in range(400) %}{{ 'y' * 20 }}{% endfor %}",
        "the output exceeds the limit of 5000 characters per render",
    ),
    (
        "{% set x %}{% for i in range(400) %}yyyyyyyyyyyyyyyyyyyy{% endfor %}{% endset %}",
        "captured output exceeds the limit of 5000 characters",
    ),
    (
        "{{ range(100) | map('center', 999) | list | length }}",
        "values built exceed the limit of 20000 characters per render",
    ),
    (
        '{% set ns = namespace(s="x") %}{% for i in range(20) %}'
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "concatenation (~) of about 1024 characters",
    ),
    (
        '{% set ns = namespace(s="x") %}{% for i in range(20) %}'
        "{% set ns.s = ns.s + ns.s %}{% endfor %}",
        "string concatenation of 1024 characters",
    ),
    # recursion, nesting, includes
    ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "calls nested 11 deep"),
    (
        "{% macro m() %}{{ caller() }}{% endmacro %}"
        "{% macro r() %}{% call m() %}{{ r() }}{% endcall %}{% endmacro %}{{ r() }}",
        "calls nested 11 deep",
    ),
    (
        "{% set ns = namespace(x=()) %}{% for i in range(20) %}"
        "{% set ns.x = (ns.x,) %}{% endfor %}",
        "a value nested more than 10 deep",
    ),
    (
        "{% set ns = namespace(x=[], y=[]) %}{% for i in range(20) %}"
        "{% set ns.y = [ns.x, ns.x] %}{% set ns.x = [ns.y, ns.y] %}{% endfor %}",
        "a value nested more than 10 deep",
    ),
    (
        "{% set ns = namespace(n=none) %}{% for i in range(20) %}"
        "{% set ns.n = namespace(n=ns.n) %}{% endfor %}",
        "a value nested more than 10 deep",
    ),
    ('{% include "en/general.txt.j2" %}', "includes, imports and extends exceed the limit of 5"),
]


@pytest.mark.parametrize(("source", "message"), REFUSED)
def test_oversized_work_is_refused_before_it_is_done(
    tmp_path: Path, small_limits: None, source: str, message: str
) -> None:
    tree = write_tree(tmp_path, source)
    with pytest.raises(TemplateSecurityError) as caught:
        render(tree)
    assert caught.value.template == TEMPLATE
    assert message in str(caught.value)
    assert str(caught.value).startswith(f"{TEMPLATE}: ")


ALLOWED = [
    # the same operations, within the limits, still work
    ("{{ 'ab' * 3 }}|{{ [0] * 2 }}|{{ ('x' * 1000) | length }}", "ababab|[0, 0]|1,000"),
    ("{{ 2 ** 10 }}|{{ 2 ** 255 > 0 }}|{{ 7 * 6 }}", "1,024|True|42"),
    (
        '{{ "%05d" % 42 }}|{{ "%s-%s" | format("a", "b") }}|{{ "{:>4}".format(7) | length }}',
        "00042|a-b|4",
    ),
    (
        '{{ "x" | center(5) | length }}|{{ "a,b" | replace(",", ";") }}|{{ [1, 2] | join("+") }}',
        "5|a;b|1+2",
    ),
    ("{% for i in range(3) %}{{ loop.index }}/{{ loop.length }} {% endfor %}", "1/3 2/3 3/3"),
    (
        "{{ range(3) | reverse | list }}|{{ 2 in range(3) }}|{{ range(5)[1:3] | list }}",
        "[2, 1, 0]|True|[1, 2]",
    ),
    (
        "{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }}",
        "3",
    ),
    ("{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}{{ twice('ab') }}", "abab"),
]


@pytest.mark.parametrize(("source", "expected"), ALLOWED)
def test_ordinary_work_within_the_limits_renders(
    tmp_path: Path, small_limits: None, source: str, expected: str
) -> None:
    assert render(write_tree(tmp_path, source)).split("\n")[0] == expected


def test_powers_group_to_the_left_as_jinja_parses_them(tmp_path: Path) -> None:
    """``10**10**10`` is ``(10**10)**10`` in Jinja: a 333-bit number, not a bomb."""
    source = "{{ 10**10**10 == 10**100 }}|{{ 2 ** 10**8 == 2**80 }}"
    assert render(write_tree(tmp_path, source)).split("\n")[0] == "True|True"


def test_a_long_context_value_can_still_be_printed_and_trimmed(
    tmp_path: Path, small_limits: None
) -> None:
    """Operations that do not make a value longer are not refused for a long value."""
    name = "N" * 3000  # over MAX_STRING_LENGTH, under MAX_OUTPUT_LENGTH
    tree = write_tree(
        tmp_path, "{{ customer_name | isolate }}|{{ customer_name | center(10) | length }}"
    )
    assert render(tree, customer_name=name).split("\n")[0] == f"{name}|3,000"


LONG_VALUE_REFUSED = [
    ("{{ customer_name | wordwrap(10) }}", "text to wrap of 1200 characters"),
    ("{{ customer_name ~ '!' }}", "concatenation (~) of about 1201 characters"),
    ("{{ customer_name * 2 }}", "string repetition of 2400 characters"),
    ("{{ customer_name | center(1300) }}", "the center filter's result of 1300 characters"),
    ("{{ '{}!'.format(customer_name) }}", "the text of a value given to str.format of 1200"),
]


@pytest.mark.parametrize(("source", "message"), LONG_VALUE_REFUSED)
def test_a_long_context_value_cannot_be_grown_past_the_limit(
    tmp_path: Path, small_limits: None, source: str, message: str
) -> None:
    with pytest.raises(TemplateSecurityError, match=re.escape(message)):
        render(write_tree(tmp_path, source), customer_name="N" * 1200)


def test_the_time_limit_stops_a_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(templating, "MAX_RENDER_SECONDS", 0.0)
    with pytest.raises(TemplateSecurityError, match=r"longer than the limit of 0\.0 seconds"):
        render(write_tree(tmp_path, "Hello"))


def test_the_blocks_of_one_draft_share_one_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templating, "MAX_ITERATIONS", 50)
    loop = "{% for i in range(30) %}{% endfor %}ok"
    assert render(write_tree(tmp_path / "one", loop))  # 30 iterations in one block
    with pytest.raises(TemplateSecurityError, match="loop iterations exceed the limit of 50"):
        render(write_tree(tmp_path / "two", loop, thanks=loop))  # 60 in one draft


def test_each_render_has_its_own_budget_in_every_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Concurrent drafts do not spend each other's budget; a hostile one fails alone."""
    monkeypatch.setattr(templating, "MAX_ITERATIONS", 100)
    good = write_tree(tmp_path / "good", "{% for i in range(60) %}{% endfor %}fine")
    bad = write_tree(
        tmp_path / "bad", "{% for i in range(99) %}{% for j in range(99) %}{% endfor %}{% endfor %}"
    )
    results: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def work(tree: Path) -> None:
        barrier.wait()
        try:
            for _ in range(5):
                results.append(render(tree).split("\n")[0])
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(bad if i == 0 else good,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["fine"] * 35
    assert len(errors) == 1 and isinstance(errors[0], TemplateSecurityError)


def test_template_render_outside_drafting_has_a_budget(tmp_path: Path, small_limits: None) -> None:
    """The environment's own ``Template.render`` (as a linter or a test may call it) is bounded."""
    env = environment(write_tree(tmp_path, "ok"))
    hostile = env.from_string(
        "{% for i in range(400) %}{% for j in range(400) %}{% endfor %}{% endfor %}"
    )
    with pytest.raises(TemplateSecurityError, match="loop iterations exceed"):
        hostile.render()
    recursive = env.from_string("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}")
    with pytest.raises(TemplateSecurityError, match="calls nested 11 deep"):
        recursive.render()
    assert env.from_string("{{ 'ab' * 2 }}").render() == "abab"


@pytest.mark.parametrize("depth", [3000, 150])
def test_expressions_nested_too_deeply_to_compile_are_a_syntax_error(
    tmp_path: Path, depth: int
) -> None:
    tree = write_tree(tmp_path, "{{ " + "(" * depth + "1" + ")" * depth + " }}")
    with pytest.raises(TemplateSyntaxError, match="nested too deeply"):
        load_template("general", "en", templates=tree)


def test_the_built_in_templates_render_far_inside_the_limits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every built-in template, with the full golden context, under limits 10-100x lower."""
    for name, value in {**SMALL, "MAX_NUMBER_BITS": 64, "MAX_ITERATIONS": 100}.items():
        monkeypatch.setattr(templating, name, value)
    context = json.loads((REPO / "tests" / "golden" / "context.json").read_text(encoding="utf-8"))
    rendered = 0
    for lang in ("en", "ar", "fa"):
        for path in sorted((templating.find_templates() / lang).glob("*.txt.j2")):
            archetype = path.name.removesuffix(".txt.j2")
            variants = load_template(archetype, lang).variants
            for variant in range(1, variants + 1):
                for channel in ("email", "sms"):
                    text = draft(
                        "",
                        archetype=archetype,
                        lang=lang,
                        variant=variant,
                        context={**context, "channel": channel},
                    ).text
                    assert text
                    rendered += 1
    assert rendered >= 3 * 8 * 2 * 2


@pytest.mark.parametrize("name", [name for name in templating.__all__ if name.startswith("MAX_")])
def test_every_limit_is_documented_with_its_value(name: str) -> None:
    value = getattr(templating, name)
    shown = f"{value:,}" if isinstance(value, int) else str(value)
    assert f"| `{name}` | {shown} |" in (REPO / "docs" / "drafting.md").read_text(encoding="utf-8")


# -- internals ---------------------------------------------------------------------------

INTERNALS = [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ '' | attr('__class__') }}",
    "{{ ''['__class__'] }}",
    "{{ lang['__class__'] }}",
    "{{ namespace.mro() }}",
    "{{ namespace | attr('mro') }}",
    "{{ namespace['mro'] }}",
    "{{ cycler.__subclasses__() }}",
    "{{ g.__globals__ }}",
    "{{ g['__globals__'] }}",
    "{{ g.func_globals }}",
    "{{ g | attr('func_globals') }}",
    "{{ lang.format.__globals__ }}",
    "{{ lang.upper.__self__ }}",
    "{{ (steps | map('upper')).gi_frame }}",
    "{{ (steps | map('upper')) | attr('gi_frame') }}",
    "{{ (steps | map('upper'))['gi_code'] }}",
    "{{ self.__init__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ _replykit_formatter.__init__.__globals__ }}",
    "{{ incident._fields }}",
    "{{ loop.__class__ }}",
    "{{ '{0.__class__}'.format('') }}",
    "{{ '{0[__class__]}'.format('') }}",
    "{{ '{x.__class__}'.format_map({'x': ''}) }}",
    "{{ ('{0.__class__}' | attr('format'))('') }}",
    "{% set l = [] %}{{ l.append(1) }}",
    "{% set d = {} %}{{ d.update(a=1) }}",
]


@pytest.mark.parametrize("source", INTERNALS)
def test_the_sandbox_refuses_internals_in_every_spelling(tmp_path: Path, source: str) -> None:
    tree = write_tree(tmp_path, source)
    with pytest.raises(TemplateSecurityError) as caught:
        render(tree, steps=["a"], incident={"cause": "a storm"})
    assert caught.value.template == TEMPLATE
    assert "unsafe" in str(caught.value)


# -- context values are data -------------------------------------------------------------

HOSTILE_VALUES = ["{{ 7*7 }}", "{% raw %}", "{{ ''.__class__ }}", "{% include 'x' %}", "${7*7}"]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
@pytest.mark.parametrize(
    ("source", "lang", "wrap"),
    [
        ("Hi {{ customer_name }},", "en", False),
        ("Hi {{ customer_name | isolate }},", "fa", True),
        ("Hi {{ g(customer_name, 'x') }},", "ar", False),
        ("Hi {{ customer_name ~ '' }},", "en", False),
        ("Hi {{ '%s' % customer_name }},", "en", False),
        ("Hi {{ '{}'.format(customer_name) }},", "en", False),
    ],
)
def test_context_values_are_never_evaluated_as_templates(
    tmp_path: Path, value: str, source: str, lang: str, wrap: bool
) -> None:
    tree = write_tree(tmp_path, source, lang=lang)
    shown = f"{FSI}{value}{PDI}" if wrap else value
    assert render(tree, lang=lang, customer_name=value).split("\n")[0] == f"Hi {shown},"


def test_isolate_and_g_return_plain_text_not_markup() -> None:
    env = environment()
    template = env.from_string("{{ v | isolate }}")
    context = template.new_context({"v": "<b>", "lang": "fa"})
    isolate = env.filters["isolate"]
    gendered = env.globals["g"]
    assert type(isolate(context, "<b>")) is str
    assert type(gendered(context, "<b>", "<i>")) is str


@pytest.mark.parametrize("lang", ["en", "ar", "fa"])
def test_script_in_a_name_stays_text_in_html(lang: str) -> None:
    name = '<script>alert("x")</script>'
    reply = draft(
        "",
        archetype="neglected",
        lang=lang,
        variant=1,
        context={"customer_name": name, "agent_name": "<img src=x onerror=alert(1)>"},
    )
    assert name in reply.text  # the text keeps the name as written
    html = reply.to_html()
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


# -- the exact hostile templates, real limits, in a child process ----------------------

HARNESS = textwrap.dedent(
    """
    import json, os, pathlib, sys, tempfile, time

    try:
        import resource
    except ImportError:
        resource = None
    if resource is not None and hasattr(resource, "RLIMIT_AS") and os.path.exists("/proc/self/statm"):
        # Address space for about a gigabyte more than after start-up: a regression that
        # builds a huge value fails with MemoryError instead of swapping the machine.
        pages = int(open("/proc/self/statm").read().split()[0])
        ceiling = pages * os.sysconf("SC_PAGE_SIZE") + (1 << 30)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))

    from replykit import templating
    from replykit.drafting import draft

    BLOCKS = ("greeting", "acknowledgement", "apology", "solution", "thanks", "signature")
    scratch = tempfile.TemporaryDirectory()
    for case in json.load(sys.stdin):
        print(json.dumps({"start": case["id"]}), flush=True)
        saved = {name: getattr(templating, name) for name in case["limits"]}
        for name, value in case["limits"].items():
            setattr(templating, name, value)
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(case["recursion"] or limit)
        root = pathlib.Path(tempfile.mkdtemp(dir=scratch.name))
        (root / "en").mkdir()
        body = ["{% set variants = 2 %}"] + [
            "{% block " + name + " -%}" + (case["source"] if name == "greeting" else "ok")
            + "{%- endblock %}"
            for name in BLOCKS
        ]
        (root / "en" / "general.txt.j2").write_text("\\n".join(body), encoding="utf-8")
        started = time.perf_counter()
        try:
            text = draft("", archetype="general", lang="en", variant=1, templates=root).text
            result = {"text": text.split("\\n")[0][:200]}
        except BaseException as exc:
            result = {
                "error": type(exc).__name__,
                "message": str(exc)[:300],
                "template": getattr(exc, "template", None),
            }
        result.update(id=case["id"], seconds=round(time.perf_counter() - started, 3))
        print(json.dumps(result), flush=True)
        sys.setrecursionlimit(limit)
        for name, value in saved.items():
            setattr(templating, name, value)
    """
)

# (id, template, what the refusal says, limits to set, recursion limit to set)
HOSTILE: list[tuple[str, str, str, dict[str, Any], int | None]] = [
    (
        "repeat-string",
        "{{ 'x' * 10**9 }}",
        "string repetition of 1000000000 characters exceeds the limit of 100000",
        {},
        None,
    ),
    (
        "repeat-list",
        "{{ [0] * 10**9 }}",
        "list repetition of 1000000000 items exceeds the limit of 100000",
        {},
        None,
    ),
    (
        "power",
        "{{ 2 ** (10**8) }}",
        "integer power of about 100000000 bits exceeds the limit of 4096",
        {},
        None,
    ),
    ("power-tower", "{{ 10 ** (10 ** 10) }}", "integer power of about 33219280949 bits", {}, None),
    ("power-left", "{{ 10**10**10**10**10 }}", "integer power of about", {}, None),
    (
        "nested-ranges",
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "loop iterations exceed the limit of 100000 per render",
        {},
        None,
    ),
    (
        "nested-strings",
        '{% for c in "x" * 100000 %}{% for d in "x" * 100000 %}{% endfor %}{% endfor %}',
        "loop iterations exceed the limit of 100000 per render",
        {},
        None,
    ),
    (
        "huge-range",
        "{{ range(10**9) | list }}",
        "a range of 1000000000 items exceeds the limit of 100000",
        {},
        None,
    ),
    (
        "recursive-macro",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
        "calls nested 65 deep exceed the limit of 64",
        {},
        1_000_000,
    ),
    (
        "recursion-error",
        "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
        "rendering recursed too deep",
        {"MAX_CALL_DEPTH": 10**9},
        None,
    ),
    (
        "string-bomb",
        '{% set ns = namespace(s="x") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}',
        "concatenation (~) of about 131072 characters exceeds the limit of 100000",
        {},
        None,
    ),
    (
        "percent-width",
        '{{ "%0999999999d" % 1 }}',
        "a width or precision of 999999999 characters exceeds the limit of 100000",
        {},
        None,
    ),
    (
        "format-filter-width",
        '{{ "%0999999999d" | format(1) }}',
        "a width or precision of 999999999",
        {},
        None,
    ),
    (
        "str-format-width",
        '{{ "{:>999999999}".format(1) }}',
        "a format width or precision of 999999999 characters exceeds the limit of 100000",
        {},
        None,
    ),
    (
        "center-width",
        '{{ "x" | center(999999999) }}',
        "the center filter's result of 999999999 characters",
        {},
        None,
    ),
    ("indent-width", '{{ "a\\nb" | indent(999999999) }}', "the indent filter's result", {}, None),
    (
        "wordwrap-string",
        '{{ ("x " * 1000) | wordwrap(1, wrapstring="y" * 100000) }}',
        "the wordwrap filter's result",
        {},
        None,
    ),
    (
        "ljust",
        "{{ 'x'.ljust(10**9) }}",
        "the result of str.ljust() of 1000000000 characters",
        {},
        None,
    ),
    (
        "to-bytes",
        "{{ (1).to_bytes(10**9, 'big') }}",
        "int.to_bytes() of 1000000000 bytes",
        {},
        None,
    ),
    ("lipsum", "{{ lipsum(10**6) }}", "lorem ipsum text of about", {}, None),
    ("batch", "{{ [1] | batch(10**9, 0) | list }}", "a padded batch of 1000000000 items", {}, None),
    (
        "slice",
        "{{ [1] | slice(10**9) | list }}",
        "the slice filter's result of 1000000000 slices",
        {},
        None,
    ),
    ("round", "{{ 5 | round(-10**9) }}", "a round precision of 1000000000 digits", {}, None),
    (
        "exponential-macro",
        "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(60) }}",
        "rendering took longer than the limit of 0.2 seconds",
        {"MAX_RENDER_SECONDS": 0.2},
        None,
    ),
    (
        "self-include",
        '{% include "en/general.txt.j2" %}',
        "includes, imports and extends exceed the limit of 100",
        {},
        1_000_000,
    ),
    (
        "deep-tuple",
        "{% set ns = namespace(x=()) %}{% for i in range(100000) %}{% set ns.x = (ns.x,) %}{% endfor %}{{ [ns.x] | unique | list }}",
        "a value nested more than 100 deep",
        {},
        None,
    ),
]


@pytest.fixture(scope="module")
def hostile_results() -> Iterator[dict[str, Any]]:
    cases = [
        {"id": i, "source": s, "limits": limits, "recursion": recursion}
        for i, s, _message, limits, recursion in HOSTILE
    ]
    try:
        run = subprocess.run(
            [sys.executable, "-c", HARNESS],
            input=json.dumps(cases),
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), *sys.path])},
        )
        stdout, stderr = run.stdout, run.stderr
    except subprocess.TimeoutExpired as exc:
        stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        stderr = "timed out after 120 s"
    results: dict[str, Any] = {}
    started = None
    for line in stdout.splitlines():
        record = json.loads(line)
        if "start" in record:
            started = record["start"]
        else:
            results[record["id"]] = record
    results["_stopped_at"] = started if started not in results else None
    results["_stderr"] = stderr[-2000:]
    yield results


@pytest.mark.parametrize(
    ("case", "source", "message"),
    [(i, s, m) for i, s, m, _limits, _recursion in HOSTILE],
    ids=[case[0] for case in HOSTILE],
)
def test_hostile_templates_fail_fast_with_a_clear_error(
    hostile_results: dict[str, Any], case: str, source: str, message: str
) -> None:
    result = hostile_results.get(case)
    if result is None:
        pytest.fail(
            f"{source!r} never reported: the child process stopped while rendering "
            f"{hostile_results['_stopped_at']!r} (hung, crashed or ran out of memory): "
            f"{hostile_results['_stderr']}"
        )
    assert result.get("error") == "TemplateSecurityError", result
    assert result["template"] == TEMPLATE
    assert message in result["message"], result


def test_a_template_runtime_error_is_a_replykit_error(tmp_path: Path) -> None:
    from replykit.errors import TemplateRuntimeError

    (tmp_path / "en").mkdir()
    source = (ROOT_TEMPLATES / "en" / "general.txt.j2").read_text(encoding="utf-8")
    (tmp_path / "en" / "general.txt.j2").write_text(
        source.replace("{% block thanks -%}", "{% block thanks -%}{{ 1/0 }}"), encoding="utf-8")
    with pytest.raises(TemplateRuntimeError, match="ZeroDivisionError") as info:
        draft("x", archetype="general", lang="en", templates=tmp_path)
    assert info.value.template == "en/general.txt.j2"


def test_huge_numbers_print_without_separators(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    source = (ROOT_TEMPLATES / "en" / "general.txt.j2").read_text(encoding="utf-8")
    (tmp_path / "en" / "general.txt.j2").write_text(
        source.replace("{% block thanks -%}", "{% block thanks -%}{{ 10**28 }} "), encoding="utf-8")
    result = draft("x", archetype="general", lang="en", templates=tmp_path)
    assert "1" + "0" * 28 in result.text
