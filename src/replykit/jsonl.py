"""Batch processing of JSONL records: one output line per input line, always.

A bad line (invalid UTF-8, invalid JSON, a blank line, a missing or mistyped
field) becomes an error record carrying its line number; it never stops the
batch. Error messages never echo the customer's text, which may hold personal
data. Output lines are written whole and flushed, so an interrupted run leaves
complete lines only.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import IO, Any

__all__ = ["RawJSON", "RecordError", "error_record", "parse_line", "process_jsonl", "process_line"]

# A handler returns the record's result as an object, or as JSON text already
# encoded (pydantic's serializer is far faster than json.dumps of a dump).
Handler = Callable[[dict[str, Any]], "dict[str, Any] | RawJSON"]


class RawJSON(str):
    """JSON text to embed as it is in an output record."""


class RecordError(ValueError):
    """A record that cannot be processed; ``kind`` is the error type reported."""

    def __init__(self, kind: str, message: str) -> None:
        self.kind = kind
        super().__init__(message)


def parse_line(raw: bytes) -> dict[str, Any]:
    """One JSONL line as an object, or :class:`RecordError` saying why not."""
    if not raw.strip():
        raise RecordError("empty_line", "blank line: expected a JSON object")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError("invalid_utf8", f"line is not valid UTF-8 (byte {exc.start})") from None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordError("invalid_json", f"invalid JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise RecordError("invalid_record", f"expected a JSON object, got {type(obj).__name__}")
    return obj


def _record_id(obj: dict[str, Any] | None) -> Any:
    if obj is not None:
        value = obj.get("id")
        if isinstance(value, str | int) and not isinstance(value, bool):
            return value
    return None


def error_record(line: int, rid: Any, kind: str, message: str) -> dict[str, Any]:
    return {"line": line, "id": rid, "ok": False, "error": {"type": kind, "message": message[:300]}}


def process_line(n: int, raw: bytes, handle: Handler) -> tuple[str, bool]:
    """The output line (without newline) for input line ``n``, and whether it is ok."""
    obj: dict[str, Any] | None = None
    try:
        obj = parse_line(raw)
        result = handle(obj)
        if isinstance(result, RawJSON):
            head = json.dumps({"line": n, "id": _record_id(obj), "ok": True}, ensure_ascii=False)
            return f'{head[:-1]}, "result": {result}}}', True
        rec = {"line": n, "id": _record_id(obj), "ok": True, "result": result}
    except RecordError as exc:
        rec = error_record(n, _record_id(obj), exc.kind, str(exc))
    except (ValueError, TypeError, LookupError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else ""
        rec = error_record(n, _record_id(obj), type(exc).__name__, message)
    return json.dumps(rec, ensure_ascii=False), rec["ok"]


def _numbered(stream: IO[bytes]) -> Iterator[tuple[int, bytes]]:
    for n, raw in enumerate(stream, 1):
        yield n, raw.rstrip(b"\r\n")


def chunks(stream: IO[bytes], size: int) -> Iterator[list[tuple[int, bytes]]]:
    """Numbered lines of ``stream`` in lists of ``size``."""
    lines = _numbered(stream)
    while chunk := list(islice(lines, size)):
        yield chunk


def write_lines(out: IO[str], results: Iterable[tuple[str, bool]]) -> int:
    """Write each line whole and flushed; return the number of failed records."""
    failed = 0
    for line, ok in results:
        out.write(line + "\n")
        out.flush()
        failed += not ok
    return failed


def process_jsonl(stream: IO[bytes], out: IO[str], handle: Handler) -> int:
    """Run ``handle`` on each record and write one JSON line per input line.

    Returns the number of failed records. ``handle`` raises :class:`RecordError`
    (or ``ValueError``/``TypeError``/``LookupError``) for a bad record.
    """
    return write_lines(out, (process_line(n, raw, handle) for n, raw in _numbered(stream)))
