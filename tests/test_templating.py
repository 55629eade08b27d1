"""The sandboxed environment: undefined values, the sandbox, filters, the template resolver."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest
from jinja2.sandbox import SandboxedEnvironment

from replykit.drafting import draft
from replykit.errors import (
    MissingContextError,
    TemplateSecurityError,
    TemplatesNotFoundError,
    TemplateSyntaxError,
)
from replykit.templating import environment, find_templates, load_template

REPO = Path(__file__).resolve().parents[1]
SECTIONS = ("greeting", "acknowledgement", "apology", "solution", "thanks", "signature")


def write_tree(
    root: Path, blocks: dict[str, str], *, lang: str = "en", head: str = "{% set variants = 2 %}"
) -> Path:
    """A template tree with one ``general`` template whose blocks are given; others say 'ok'."""
    body = [head]
    for name in SECTIONS:
        body.append(f"{{% block {name} -%}}{blocks.get(name, 'ok')}{{%- endblock %}}")
    (root / lang).mkdir(parents=True, exist_ok=True)
    (root / lang / "general.txt.j2").write_text("\n".join(body), encoding="utf-8")
    return root


def render(tree: Path, lang: str = "en", **context: object) -> str:
    return draft(
        "", archetype="general", lang=lang, variant=1, templates=tree, context=context
    ).text


# -- undefined values -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "variable"),
    [
        ("Hi {{ customer_name }},", "customer_name"),  # print
        ("{% for step in steps %}{{ step }}{% endfor %}", "steps"),  # iterate
        ("{{ offer.upper() }}", "offer"),  # attribute
        ("{{ agent_name() }}", "agent_name"),  # call
        ("{{ customer_name | isolate }}", "customer_name"),  # through a filter
        ("{{ followup_at | datetime }}", "followup_at"),
        ("{{ incident.cause }}", "incident"),  # attribute of an undefined object
        ("{{ customer_name ~ '!' }}", "customer_name"),  # concatenation prints it
    ],
)
def test_using_an_undefined_value_names_variable_template_and_language(
    tmp_path: Path, source: str, variable: str
) -> None:
    tree = write_tree(tmp_path, {"greeting": source}, lang="fa")
    with pytest.raises(MissingContextError) as caught:
        render(tree, lang="fa")
    error = caught.value
    assert (error.variable, error.template, error.lang) == (variable, "fa/general.txt.j2", "fa")
    assert variable in str(error) and "fa/general.txt.j2" in str(error)


def test_a_missing_field_of_a_given_object_is_named_with_its_owner(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"solution": "Fixed by {{ incident.expected_fix_at | time }}."})
    with pytest.raises(MissingContextError) as caught:
        render(tree, incident={"cause": "a storm"})
    assert caught.value.variable == "incident.expected_fix_at"


def test_a_context_object_has_only_its_fields(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"greeting": "{{ incident.items }}"})
    with pytest.raises(MissingContextError) as caught:
        render(tree, incident={"cause": "a storm"})
    assert caught.value.variable == "incident.items"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            "{% if agent_name %}I am {{ agent_name }}{% else %}I am on the team{% endif %}",
            "I am on the team",
        ),
        ("{{ agent_name | default('our team') }}", "our team"),
        ("{{ 'yes' if agent_name is defined else 'no' }}", "no"),
        ("{{ 'yes' if agent_name is undefined else 'no' }}", "yes"),
        (
            "{% if incident and incident.cause %}{{ incident.cause }}{% else %}unknown{% endif %}",
            "unknown",
        ),
        ("{{ 'same' if customer_gender == 'female' else 'neutral' }}", "neutral"),
        ("{{ steps | length }}", "0"),
    ],
)
def test_undefined_values_can_be_tested(tmp_path: Path, source: str, expected: str) -> None:
    tree = write_tree(tmp_path, {"greeting": source})
    assert render(tree).startswith(expected)


def test_values_given_are_printed(tmp_path: Path) -> None:
    tree = write_tree(
        tmp_path,
        {
            "greeting": "{{ customer_name }}|{{ channel }}|{{ lang }}|{{ archetype }}|{{ variant }}|{{ incident.cause }}"
        },
    )
    assert render(tree, customer_name="Sara", incident={"cause": "a storm"}).startswith(
        "Sara|email|en|general|1|a storm"
    )


# -- the sandbox ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__ }}",
        "{{ channel.__class__.__base__.__subclasses__() }}",
        "{{ lang.format.__globals__ }}",
    ],
)
def test_the_sandbox_refuses_internals(tmp_path: Path, source: str) -> None:
    tree = write_tree(tmp_path, {"greeting": source})
    with pytest.raises(TemplateSecurityError) as caught:
        render(tree)
    assert caught.value.template == "en/general.txt.j2"


def test_context_values_are_data_not_template_source(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"greeting": "Hi {{ customer_name }},"})
    assert render(tree, customer_name="{{ 7*7 }}").startswith("Hi {{ 7*7 }},")
    assert render(tree, customer_name="{% raw %}x").startswith("Hi {% raw %}x,")


def test_environment_is_sandboxed_without_autoescape() -> None:
    env = environment()
    assert isinstance(env, SandboxedEnvironment)
    assert env.autoescape is False
    assert environment() is env  # cached per tree
    assert environment(find_templates()) is env


# -- filters and globals --------------------------------------------------------------


@pytest.mark.parametrize(
    ("gender", "expected"),
    [("female", "F"), ("male", "M"), (None, "N")],
)
def test_g_chooses_the_wording_for_the_gender(
    tmp_path: Path, gender: str | None, expected: str
) -> None:
    tree = write_tree(tmp_path, {"greeting": "{{ g('M', 'F', 'N') }}|{{ g('M', 'F') }}"})
    two = "F" if gender == "female" else "M"
    assert render(tree, customer_gender=gender).startswith(f"{expected}|{two}")


def test_filters_follow_the_draft_policy(tmp_path: Path) -> None:
    source = "{{ followup_at | date }}|{{ followup_at | time }}|{{ 1234 | number }}|{{ ticket_id | isolate }}|{{ 7 }}"
    tree = write_tree(tmp_path, {"greeting": source}, lang="fa")
    text = render(
        tree,
        lang="fa",
        followup_at="2024-05-01T10:30:00+00:00",
        ticket_id="T-1",
        timezone="Asia/Tehran",
    )
    date, time, number, ticket, bare = text.split("\n")[0].split("|")
    assert (
        date
        == "\u06f1\u06f2 \u0627\u0631\u062f\u06cc\u0628\u0647\u0634\u062a \u06f1\u06f4\u06f0\u06f3"
    )
    assert time == "\u06f1\u06f4:\u06f0\u06f0"
    assert number == "\u06f1\u066c\u06f2\u06f3\u06f4"
    assert ticket == "\u2068T-1\u2069"
    assert bare == "\u06f7"  # printed numbers follow the digit policy too


# -- loading --------------------------------------------------------------------------


def test_a_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"greeting": "Hi\n{% if %}"})
    with pytest.raises(TemplateSyntaxError) as caught:
        load_template("general", "en", templates=tree)
    assert caught.value.path is not None and caught.value.path.endswith("general.txt.j2")
    assert caught.value.line == 3


@pytest.mark.parametrize("head", ["", "{% set variants = 0 %}", "{% set variants = 'two' %}"])
def test_variants_must_be_declared(tmp_path: Path, head: str) -> None:
    tree = write_tree(tmp_path, {}, head=head)
    with pytest.raises(TemplateSyntaxError, match="variants"):
        load_template("general", "en", templates=tree)


def test_variants_are_read_without_rendering(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"greeting": "{{ customer_name }}"}, head="{% set variants = 3 %}")
    assert load_template("general", "en", templates=tree).variants == 3


def test_a_missing_template_names_archetype_language_and_tree(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {})
    with pytest.raises(TemplatesNotFoundError) as caught:
        load_template("angry", "en", templates=tree)
    assert (caught.value.archetype, caught.value.lang) == ("angry", "en")
    assert str(tree) in str(caught.value)


def test_an_edited_template_is_reloaded(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"greeting": "first"})
    assert render(tree).startswith("first")
    path = tree / "en" / "general.txt.j2"
    path.write_text(path.read_text(encoding="utf-8").replace("first", "second"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))
    assert render(tree).startswith("second")


# -- where the built-in templates are -------------------------------------------------


def test_source_checkout_uses_the_top_level_templates() -> None:
    assert find_templates() == REPO / "templates"
    assert (find_templates() / "en" / "general.txt.j2").is_file()


def _build_wheel(out: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(REPO),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
        ],
        check=True,
        timeout=300,
    )
    (wheel,) = out.glob("replykit-*.whl")
    return wheel


@pytest.mark.slow
def test_wheel_install_uses_the_packaged_templates(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="building the wheel needs hatchling")
    wheel = _build_wheel(tmp_path / "dist")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert "replykit/templates/en/general.txt.j2" in names
    assert "replykit/data/sections.toml" in names

    # A fresh virtual environment with the wheel installed; the dependencies come
    # from the test environment through a .pth file, so no network is needed.
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        check=True,
        timeout=300,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = [p for p in sys.path if p.endswith("site-packages")]
    Path(site, "test_dependencies.pth").write_text("\n".join(deps) + "\n", encoding="utf-8")

    script = textwrap.dedent(
        """
        import replykit, replykit.templating as t
        from replykit.drafting import draft
        print(t.find_templates())
        print(replykit.__file__)
        print(draft("", archetype="general", lang="fa", variant=1).sections[0].name)
        """
    )
    out = subprocess.run(
        [str(python), "-c", script],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    ).stdout.split("\n")
    templates, package, first = out[0], out[1], out[2]
    assert Path(templates) == Path(site) / "replykit" / "templates"
    assert Path(package).parent == Path(site) / "replykit"
    assert first == "greeting"


def test_built_in_templates_are_compiled_once_per_process() -> None:
    first = load_template("angry", "en")
    assert load_template("angry", "en") is first
    assert load_template("angry", "ar") is not first


def test_a_tree_of_your_own_is_not_served_from_the_built_in_cache(tmp_path: Path) -> None:
    built_in = load_template("general", "en")
    tree = write_tree(tmp_path, {"greeting": "own"})
    own = load_template("general", "en", templates=tree)
    assert own is not built_in
    assert own.template.filename is not None and own.template.filename.startswith(str(tmp_path))
