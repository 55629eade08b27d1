"""The ``replykit`` command: classify, eval (and draft, check, lint).

Exit codes: 0 all good, 1 some records failed or findings at error severity,
2 usage errors or input that cannot be opened. Errors go to stderr as
``replykit: error: ...``; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from . import __version__
from .errors import ReplykitError

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    pass


def _read_text(arg: str) -> str:
    if arg == "-":
        data = sys.stdin.buffer.read()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _UsageError(f"standard input is not valid UTF-8 (byte {exc.start})") from exc
    return arg


def _open_binary(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    try:
        return Path(path).open("rb")
    except OSError as exc:
        raise _UsageError(f"cannot open {path!r}: {exc.strerror}") from exc


def _classification_text(result: Any) -> str:
    lines = [f"primary: {result.primary}", f"labels: {', '.join(result.labels) or '-'}",
             f"lang: {result.lang or '?'}"]
    flags = [name for name in ("escalate", "needs_review", "truncated") if getattr(result, name)]
    if flags:
        lines.append(f"flags: {', '.join(flags)}")
    for score in result.scores:
        lines.append(f"  {score.archetype:<20} {score.score:.2f}")
        for ev in score.evidence:
            extra = f" ~{ev.similarity:.2f}" if ev.kind == "fuzzy" else ""
            lines.append(f"      {ev.term!r} at {ev.start}-{ev.end} {ev.text!r} ({ev.kind}{extra})")
    return "\n".join(lines)


def _cmd_classify(args: argparse.Namespace) -> int:
    from .classifier import Classifier
    from .jsonl import RecordError, process_jsonl

    clf = Classifier(args.rules) if args.rules else Classifier()
    if args.jsonl is not None:
        def handle(obj: dict[str, Any]) -> dict[str, Any]:
            text = obj.get("text")
            if not isinstance(text, str):
                raise RecordError("invalid_record", "field 'text' must be a string"
                                  if "text" in obj else "missing field 'text'")
            lang = obj.get("lang", args.lang)
            if lang is not None and not isinstance(lang, str):
                raise RecordError("invalid_record", "field 'lang' must be a string")
            return clf.classify(text, lang=lang).model_dump(mode="json")

        stream = _open_binary(args.jsonl)
        try:
            failed = process_jsonl(stream, sys.stdout, handle)
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
        return EXIT_FINDINGS if failed else EXIT_OK
    if args.text is None:
        raise _UsageError("give a TEXT, '-' for standard input, or --jsonl FILE")
    result = clf.classify(_read_text(args.text), lang=args.lang)
    if args.format == "json":
        print(result.model_dump_json(indent=2))
    else:
        print(_classification_text(result))
    return EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    from .classifier import Classifier
    from .evaluation import evaluate, read_eval_file

    try:
        items = read_eval_file(args.file)
    except OSError as exc:
        raise _UsageError(f"cannot open {args.file!r}: {exc.strerror}") from exc
    clf = Classifier(args.rules) if args.rules else Classifier()
    report = evaluate(items, classifier=clf, use_lang=args.use_lang)
    if args.format == "json":
        print(report.model_dump_json(indent=2))
    else:
        print(report.to_text())
        if args.show_errors:
            print("\nmisclassified:")
            for err in report.errors:
                print(f"  {err['id']}: expected {err['expected']}, got {err['predicted']}"
                      f" (labels {err['labels']} -> {err['predicted_labels']})")
    return EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="replykit",
        description="Classify customer complaints and draft CARP/LAST replies (en, ar, fa).",
    )
    parser.add_argument("--version", action="version", version=f"replykit {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("classify", help="classify a complaint into archetypes, with evidence")
    p.add_argument("text", nargs="?", help="the message, or '-' to read standard input")
    p.add_argument("--lang", help="language or locale tag (en, ar, fa, ar-EG...); detected when absent")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--jsonl", metavar="FILE", help="classify one JSON object per line ('-' for stdin)")
    p.add_argument("--rules", metavar="PATH", help="a rules file or folder extending the built-ins")
    p.set_defaults(func=_cmd_classify)

    p = sub.add_parser("eval", help="score the classifier on a labelled JSONL file")
    p.add_argument("file", help="JSONL with text, lang, labels (and primary)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--rules", metavar="PATH", help="a rules file or folder extending the built-ins")
    p.add_argument("--use-lang", action="store_true", help="pass each record's lang instead of detecting")
    p.add_argument("--show-errors", action="store_true", help="list the misclassified ids")
    p.set_defaults(func=_cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.func(args)
        return code
    except (_UsageError, ReplykitError, OSError) as exc:
        if args.debug:
            raise
        print(f"replykit: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_FINDINGS
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
