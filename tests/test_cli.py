"""The command line: exit codes, stdin, JSONL batches that lose nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from replykit.cli import main


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "replykit", *args], input=stdin, capture_output=True, timeout=120, check=False
    )


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    assert "classify" in capsys.readouterr().out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2


def test_classify_text_explains(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "this is unacceptable, cancel my account"]) == 0
    out = capsys.readouterr().out
    assert "primary: angry" in out
    assert "'unacceptable' at 8-20" in out


def test_classify_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--format", "json", "unacceptable"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["primary"] == "angry"
    assert data["scores"][0]["evidence"][0]["start"] == 0


def test_classify_stdin() -> None:
    proc = run("classify", "-", "--format", "json", stdin=b"unacceptable")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["primary"] == "angry"


def test_unknown_language_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--lang", "xx", "hello"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("replykit: error: unknown language 'xx'")
    assert "Traceback" not in err


def test_missing_jsonl_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["classify", "--jsonl", str(tmp_path / "missing.jsonl")]) == 2
    assert "cannot open" in capsys.readouterr().err


def test_jsonl_one_output_line_per_input_line_in_order(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": "unacceptable"}).encode(),
        b"{not json",
        json.dumps({"id": "c", "text": 42}).encode(),
        b"\xff\xfe broken utf-8",
        json.dumps({"id": 5}).encode(),
        json.dumps(["a list"]).encode(),
        json.dumps({"id": "g", "text": "hello", "lang": "en"}).encode(),
    ]
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    proc = run("classify", "--jsonl", str(path))
    assert proc.returncode == 1
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["line"] for r in out] == [1, 2, 3, 4, 5, 6, 7]
    assert [r["ok"] for r in out] == [True, False, False, False, False, False, True]
    assert [r["id"] for r in out] == ["a", None, "c", None, 5, None, "g"]
    assert out[0]["result"]["primary"] == "angry"
    assert out[1]["error"]["type"] == "invalid_json"
    assert out[2]["error"]["message"] == "field 'text' must be a string"
    assert out[3]["error"]["type"] == "invalid_utf8"
    assert out[4]["error"]["message"] == "missing field 'text'"


def test_jsonl_all_ok_exits_zero() -> None:
    proc = run("classify", "--jsonl", "-", stdin=b'{"text": "hello"}\n{"text": "unacceptable"}\n')
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == 2


def test_jsonl_error_does_not_echo_text() -> None:
    secret = "my card number is 4111"
    proc = run("classify", "--jsonl", "-", stdin=json.dumps({"text": secret, "lang": "klingon"}).encode())
    assert proc.returncode == 1
    assert b"4111" not in proc.stdout


def test_eval_reports_accuracy_per_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "eval.jsonl"
    rows = [
        {"id": "1", "lang": "en", "text": "this is unacceptable", "labels": ["angry"]},
        {"id": "2", "lang": "en", "text": "hello there", "labels": ["general"]},
        {"id": "3", "lang": "en", "text": "hello again", "labels": ["confused"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert main(["eval", str(path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 3
    assert data["accuracy"] == pytest.approx(2 / 3, abs=1e-3)
    assert data["by_lang"]["en"][1] == 3
    assert data["confusion"]["confused"]["general"] == 1
    assert main(["eval", str(path)]) == 0
    text = capsys.readouterr().out
    assert "primary accuracy: 0.667" in text
    assert "confusion" in text


def test_debug_shows_traceback() -> None:
    proc = run("--debug", "classify", "--lang", "xx", "hello")
    assert proc.returncode != 0
    assert b"Traceback" in proc.stderr


def test_workers_keep_order_and_output(tmp_path: Path) -> None:
    lines = [json.dumps({"id": i, "text": t}) for i, t in enumerate(
        ["the app is down", "unacceptable", "\u0627\u0644\u0646\u062a \u0645\u0642\u0637\u0648\u0639", "hello"] * 150)]
    lines.insert(7, "{bad json")
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = run("classify", "--jsonl", str(path))
    two = run("classify", "--jsonl", str(path), "--workers", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert len(two.stdout.splitlines()) == len(lines)


def test_classify_many_on_processes_matches_one_process() -> None:
    from replykit import Classifier

    clf = Classifier()
    texts = ["the app is down", "\u06a9\u0627\u0631 \u0646\u0645\u06cc\u200c\u06a9\u0646\u062f", "you idiots"] * 100
    assert list(clf.classify_many(texts, workers=2, chunk_size=16)) == [clf.classify(t) for t in texts]
