"""Batch processing of JSONL records: one output line per input line, always.

A bad line (invalid UTF-8, invalid JSON, a missing or mistyped field) becomes
an error record carrying its line number; it never stops the batch. Error
messages never echo the customer's text, which may hold personal data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any

__all__ = ["RecordError", "error_record", "process_jsonl", "read_records"]


class RecordError(ValueError):
    """A record that cannot be processed; ``kind`` is the error type reported."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


def read_records(stream: IO[bytes]) -> Iterator[tuple[int, dict[str, Any] | RecordError]]:
    """Yield ``(line_number, record_or_error)`` for each non-blank line."""
    for n, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield n, RecordError("invalid_utf8", f"line is not valid UTF-8 (byte {exc.start})")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, RecordError("invalid_json", f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield n, RecordError("invalid_record", f"expected a JSON object, got {type(obj).__name__}")
            continue
        yield n, obj


def record_id(obj: dict[str, Any] | RecordError) -> Any:
    if isinstance(obj, dict):
        value = obj.get("id")
        if isinstance(value, str | int) and not isinstance(value, bool):
            return value
    return None


def error_record(line: int, rid: Any, kind: str, message: str) -> dict[str, Any]:
    return {"line": line, "id": rid, "ok": False, "error": {"type": kind, "message": message[:300]}}


def process_jsonl(
    stream: IO[bytes],
    out: IO[str],
    handle: Callable[[dict[str, Any]], dict[str, Any]],
) -> int:
    """Run ``handle`` on each record and write one JSON line per input line.

    Returns the number of failed records. ``handle`` raises :class:`RecordError`
    (or ``ValueError``/``TypeError``/``LookupError``) for a bad record.
    """
    failed = 0
    for n, obj in read_records(stream):
        rid = record_id(obj)
        if isinstance(obj, RecordError):
            rec = error_record(n, rid, obj.kind, str(obj))
        else:
            try:
                rec = {"line": n, "id": rid, "ok": True, "result": handle(obj)}
            except RecordError as exc:
                rec = error_record(n, rid, exc.kind, str(exc))
            except (ValueError, TypeError, LookupError) as exc:
                rec = error_record(n, rid, type(exc).__name__, str(exc).splitlines()[0] if str(exc) else "")
        if not rec["ok"]:
            failed += 1
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        out.flush()
    return failed
