"""Any string in, a result out: every entry point on hostile text, threads, batches."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import replykit
from replykit import Classifier, Draft, Section
from replykit.classifier import MAX_CHARS
from replykit.errors import InputTooLargeError, ReplykitError
from replykit.validator import MAX_REPLY_CHARS
from strategies import HOSTILE

EDGE_CASES = [
    "",
    " \n\t ",
    "\x00\x01\x02 down \x7f",
    "\ud800\udc00\ud800 broken surrogates",
    "\u202eelbatpeccanu\u202c \u2066isolated\u2069",
    "e" + "\u0301" * 5000,
    "\U0001f468\u200d\U0001f469\u200d\U0001f467 family \U0001f3f3\ufe0f\u200d\U0001f308 flag",
    "\u0627\u0644\u0646\u062a down \u0645\u0642\u0637\u0648\u0639 since 9am \u06a9\u0627\u0631 \u0646\u0645\u06cc\u200c\u06a9\u0646\u062f",
    "a" * 300_000,
    "\u0644" * 200_000,
]

DOCUMENTED = (ReplykitError, TypeError)


@pytest.mark.parametrize("text", EDGE_CASES, ids=range(len(EDGE_CASES)))
def test_every_entry_point_survives_edge_cases(text: str) -> None:
    result = replykit.classify(text)
    assert result.primary in replykit.PRECEDENCE
    draft = replykit.reply(text)
    assert draft.text and "{{" not in draft.text.replace(text, "")
    replykit.validate(draft)
    if len(text) <= MAX_REPLY_CHARS:
        replykit.check_text(text)
    else:
        with pytest.raises(InputTooLargeError):
            replykit.check_text(text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HOSTILE)
def test_classify_draft_check_never_raise_on_any_string(text: str) -> None:
    result = replykit.classify(text)
    for score in result.scores:
        for ev in score.evidence:
            assert text[ev.start:ev.end] == ev.text
    draft = replykit.draft(result, context={"customer_name": text[:40] or None})
    assert isinstance(replykit.validate(draft), list)
    assert isinstance(replykit.check_text(text), list)


@settings(max_examples=100, deadline=None)
@given(st.lists(HOSTILE, min_size=1, max_size=7))
def test_validate_never_raises_on_any_sections(texts: list[str]) -> None:
    names = ["greeting", "acknowledgement", "apology", "solution", "thanks", "signature", "refocus"]
    sections = tuple(Section(name=n, text=t) for n, t in zip(names, texts, strict=False))
    draft = Draft(archetype="general", lang="fa", direction="rtl", variant=1, sections=sections,
                  text="\n\n".join(texts), values=(texts[0][:10],))
    for finding in replykit.validate(draft):
        assert finding.code.startswith("RK6")


def test_ten_megabytes_are_read_up_to_the_maximum() -> None:
    text = ("the site is down again " * 500_000)[:10_000_000]
    result = replykit.classify(text)
    assert result.truncated
    assert result.primary == "service_outage"
    for score in result.scores:
        for ev in score.evidence:
            assert ev.end <= MAX_CHARS


def test_one_million_character_token() -> None:
    result = replykit.classify("x" * 1_000_000)
    assert result.truncated and result.primary == "general"


def test_same_input_same_result_across_processes() -> None:
    texts = ["the app is down!!", "\u0627\u0644\u0646\u062a \u0645\u0642\u0637\u0648\u0639 \u0648\u0645\u062d\u062f \u064a\u0631\u062f",
             "\u0686\u0631\u0627 \u062a\u062e\u0641\u06cc\u0641 \u0646\u0645\u06cc\u200c\u062f\u0647\u06cc\u062f\u061f"]
    code = ("import json, sys, replykit; texts = json.loads(sys.argv[1]); "
            "print(json.dumps([replykit.classify(t).model_dump(mode='json') for t in texts]))")
    runs = [
        subprocess.run([sys.executable, "-c", code, json.dumps(texts)], capture_output=True, text=True,
                       check=True, timeout=120, env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
    assert json.loads(runs[0]) == [replykit.classify(t).model_dump(mode="json") for t in texts]


def test_threads_share_one_classifier_and_one_template_environment() -> None:
    clf = Classifier()
    texts = ["the app is down", "\u0627\u0644\u0646\u062a \u0645\u0642\u0637\u0648\u0639",
             "\u06a9\u0627\u0631 \u0646\u0645\u06cc\u200c\u06a9\u0646\u062f", "discount please", "you idiots",
             "how do I reset my password?"] * 30
    expected_cls = [clf.classify(t) for t in texts]
    expected_drafts = [replykit.draft(c, context={"ticket_id": f"T-{i}"}) for i, c in enumerate(expected_cls)]

    def work(i: int) -> tuple[object, object]:
        result = clf.classify(texts[i])
        return result, replykit.draft(result, context={"ticket_id": f"T-{i}"})

    with ThreadPoolExecutor(16) as pool:
        got = list(pool.map(work, range(len(texts))))
    assert [g[0] for g in got] == expected_cls
    assert [g[1] for g in got] == expected_drafts


def run_cli(*args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "replykit", *args], input=stdin, capture_output=True,
                          timeout=180, check=False)


BAD_LINES = [
    b'{"id": "ok1", "text": "the app is down"}',
    b"",
    b"{broken",
    b"\xff\xfe\xfd",
    b'{"id": "t", "text": ["not", "a", "string"]}',
    b'{"id": "c", "text": "down", "context": "not an object"}',
    b'{"id": "g", "text": "down", "context": {"customer_gender": "robot"}}',
    b'{"id": "ok2", "text": "\xd8\xa7\xd9\x84\xd9\x86\xd8\xaa \xd9\x85\xd9\x82\xd8\xb7\xd9\x88\xd8\xb9"}',
]


@pytest.mark.parametrize("command", ["classify", "draft", "check"])
def test_batches_lose_nothing(command: str) -> None:
    proc = run_cli(command, "--jsonl", "-", stdin=b"\n".join(BAD_LINES) + b"\n")
    assert proc.returncode == 1
    out = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [r["line"] for r in out] == list(range(1, len(BAD_LINES) + 1))
    assert out[0]["ok"] and out[-1]["ok"]
    assert out[1]["error"]["type"] == "empty_line"
    assert out[2]["error"]["type"] == "invalid_json"
    assert out[3]["error"]["type"] == "invalid_utf8"
    assert out[4]["id"] == "t" and not out[4]["ok"]
    if command == "draft":
        assert out[5]["error"]["type"] == "invalid_record"
        assert out[6]["error"]["type"] == "invalid_context"
        assert "robot" not in out[6]["error"]["message"] or len(out[6]["error"]["message"]) < 300


def test_error_records_do_not_echo_the_text() -> None:
    secret = "my IBAN is SA0380000000608010167519 and I am furious"
    line = json.dumps({"id": 1, "text": secret, "lang": "xx"}).encode()
    for command in ("classify", "draft", "check"):
        proc = run_cli(command, "--jsonl", "-", stdin=line)
        assert b"SA0380000000608010167519" not in proc.stdout + proc.stderr


def test_closed_pipe_leaves_whole_lines(tmp_path: Path) -> None:
    src = tmp_path / "many.jsonl"
    src.write_text("\n".join(json.dumps({"id": i, "text": "the app is down"}) for i in range(3000)), encoding="utf-8")
    proc = subprocess.run(f'"{sys.executable}" -m replykit classify --jsonl "{src}" | head -c 5000',
                          shell=True, capture_output=True, timeout=180, check=False)
    lines = proc.stdout.split(b"\n")
    for line in lines[:-1]:
        json.loads(line)
    assert b"Traceback" not in proc.stderr
