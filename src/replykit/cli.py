"""The ``replykit`` command: classify, eval (and draft, check, lint).

Exit codes: 0 all good, 1 some records failed or findings at error severity,
2 usage errors or input that cannot be opened. Errors go to stderr as
``replykit: error: ...``; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from . import __version__
from .errors import ReplykitError

if TYPE_CHECKING:
    from .jsonl import RawJSON

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


def _record_text(obj: dict[str, Any]) -> str:
    """The ``text`` of a JSONL record, and its optional string fields checked."""
    from .jsonl import RecordError

    text = obj.get("text")
    if not isinstance(text, str):
        raise RecordError("invalid_record", "field 'text' must be a string"
                          if "text" in obj else "missing field 'text'")
    for key in ("lang", "archetype"):
        if key in obj and obj[key] is not None and not isinstance(obj[key], str):
            raise RecordError("invalid_record", f"field {key!r} must be a string")
    return text


def _run_jsonl(path: str, handle: Any) -> int:
    """Process a JSONL file (or stdin) with ``handle``; the number of failed records."""
    from .jsonl import process_jsonl

    stream = _open_binary(path)
    try:
        return process_jsonl(stream, sys.stdout, handle)
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


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


def classify_record(clf: Any, obj: dict[str, Any], default_lang: str | None) -> RawJSON:
    """The ``result`` of one ``classify --jsonl`` record (raises RecordError when bad)."""
    from .jsonl import RawJSON

    text = _record_text(obj)
    return RawJSON(clf.classify(text, lang=obj.get("lang", default_lang)).model_dump_json())


def _cmd_classify(args: argparse.Namespace) -> int:
    from .classifier import Classifier
    from .jsonl import chunks, process_jsonl, write_lines

    clf = Classifier(args.rules) if args.rules else Classifier()
    if args.jsonl is not None:
        if args.workers < 1:
            raise _UsageError(f"--workers must be at least 1, not {args.workers}")
        stream = _open_binary(args.jsonl)
        try:
            if args.workers == 1:
                failed = process_jsonl(stream, sys.stdout,
                                       lambda obj: classify_record(clf, obj, args.lang))
            else:
                from .parallel import classify_lines, ordered_map

                done = ordered_map(classify_lines, chunks(stream, 256), workers=args.workers,
                                   classifier=clf, lang=args.lang)
                failed = write_lines(sys.stdout, (line for lines in done for line in lines))
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


def _set_value(raw: str) -> Any:
    """A ``--set`` value: JSON when it parses (true, 3, [..]), else the string."""
    try:
        return json.loads(raw)
    except ValueError:
        return raw


def _context(args: argparse.Namespace) -> dict[str, Any]:
    """The context from ``--context FILE.json``, ``--set key=value`` and ``--step``."""
    ctx: dict[str, Any] = {}
    if args.context:
        try:
            data = json.loads(Path(args.context).read_text(encoding="utf-8"))
        except OSError as exc:
            raise _UsageError(f"cannot open {args.context!r}: {exc.strerror}") from exc
        except ValueError as exc:
            raise _UsageError(f"{args.context}: not valid JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise _UsageError(f"{args.context}: expected a JSON object of context fields")
        ctx.update(data)
    for item in args.set or ():
        key, sep, raw = item.partition("=")
        if not sep or not key:
            raise _UsageError(f"--set expects key=value, got {item!r}")
        target = ctx
        *parents, leaf = key.split(".")
        for part in parents:
            nested = target.setdefault(part, {})
            if not isinstance(nested, dict):
                raise _UsageError(f"--set {key}: {part!r} is not an object")
            target = nested
        target[leaf] = _set_value(raw)
    if args.step:
        ctx["steps"] = [*ctx.get("steps", ()), *args.step]
    return ctx


def _findings_text(findings: Sequence[Any], path: str | None = None) -> str:
    lines = []
    for f in findings:
        where = ":".join(str(p) for p in (path or f.path, f.line, f.column) if p)
        section = f" [{f.section}]" if f.section else ""
        lines.append(f"{where + ': ' if where else ''}{f.code} {f.severity}{section}: {f.message}")
    return "\n".join(lines)


def _cmd_draft(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from .context import ReplyContext
    from .drafting import draft
    from .jsonl import RecordError
    from .validator import validate

    try:
        base = ReplyContext.model_validate(_context(args))
    except ValidationError as exc:
        raise _UsageError(f"invalid context: {_first_error(exc)}") from exc

    def make(text: str, ctx: ReplyContext, lang: str | None, archetype: str | None,
             variant: int | None) -> tuple[Any, list[Any]]:
        d = draft(text, context=ctx, lang=lang, archetype=archetype, variant=variant,
                  templates=args.templates)
        return d, validate(d, context=ctx)

    if args.jsonl is not None:
        failed_findings = 0

        def handle(obj: dict[str, Any]) -> dict[str, Any]:
            nonlocal failed_findings
            text = _record_text(obj)
            extra = obj.get("context", {})
            if not isinstance(extra, dict):
                raise RecordError("invalid_record", "field 'context' must be an object")
            try:
                ctx = ReplyContext.model_validate({**base.model_dump(exclude_unset=True), **extra})
            except ValidationError as exc:
                raise RecordError("invalid_context", _first_error(exc)) from None
            variant = obj.get("variant", args.variant)
            if variant is not None and (not isinstance(variant, int) or isinstance(variant, bool)):
                raise RecordError("invalid_record", "field 'variant' must be an integer")
            d, findings = make(text, ctx, obj.get("lang", args.lang), obj.get("archetype", args.archetype),
                               variant)
            if any(f.severity == "error" for f in findings):
                failed_findings += 1
            return {"draft": d.model_dump(mode="json"),
                    "findings": [f.model_dump(mode="json", exclude_none=True) for f in findings]}

        failed = _run_jsonl(args.jsonl, handle)
        return EXIT_FINDINGS if failed or failed_findings else EXIT_OK
    if args.text is None:
        raise _UsageError("give a TEXT, '-' for standard input, or --jsonl FILE")
    d, findings = make(_read_text(args.text), base, args.lang, args.archetype, args.variant)
    if args.format == "json":
        print(json.dumps({"draft": d.model_dump(mode="json"),
                          "findings": [f.model_dump(mode="json", exclude_none=True) for f in findings]},
                         ensure_ascii=False, indent=2))
    elif args.format == "html":
        print(d.to_html())
    else:
        print(d.text)
    if findings and args.format != "json":
        print(_findings_text(findings), file=sys.stderr)
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


def _first_error(exc: Any) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"])
    return f"{loc}: {err['msg']}" if loc else str(err["msg"])


def _cmd_check(args: argparse.Namespace) -> int:
    from .validator import check_text

    if args.jsonl is not None:
        failed_findings = 0

        def handle(obj: dict[str, Any]) -> dict[str, Any]:
            nonlocal failed_findings
            text = _record_text(obj)
            findings = check_text(text, lang=obj.get("lang", args.lang),
                                  archetype=obj.get("archetype", args.archetype))
            if any(f.severity == "error" for f in findings):
                failed_findings += 1
            return {"findings": [f.model_dump(mode="json", exclude_none=True) for f in findings]}

        failed = _run_jsonl(args.jsonl, handle)
        return EXIT_FINDINGS if failed or failed_findings else EXIT_OK
    if args.file is None:
        raise _UsageError("give a FILE, '-' for standard input, or --jsonl FILE")
    if args.file == "-":
        text, path = _read_text("-"), "<stdin>"
    else:
        try:
            text, path = Path(args.file).read_text(encoding="utf-8"), args.file
        except OSError as exc:
            raise _UsageError(f"cannot open {args.file!r}: {exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise _UsageError(f"{args.file}: not valid UTF-8 (byte {exc.start})") from exc
    findings = check_text(text, lang=args.lang, archetype=args.archetype)
    if args.format == "json":
        print(json.dumps([f.model_dump(mode="json", exclude_none=True) for f in findings],
                         ensure_ascii=False, indent=2))
    elif findings:
        print(_findings_text(findings, path))
    return EXIT_FINDINGS if any(f.severity == "error" for f in findings) else EXIT_OK


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
    p.add_argument("--workers", type=int, default=1, metavar="N",
                   help="with --jsonl: classify on N processes (output order is kept)")
    p.set_defaults(func=_cmd_classify)

    p = sub.add_parser("eval", help="score the classifier on a labelled JSONL file")
    p.add_argument("file", help="JSONL with text, lang, labels (and primary)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--rules", metavar="PATH", help="a rules file or folder extending the built-ins")
    p.add_argument("--use-lang", action="store_true", help="pass each record's lang instead of detecting")
    p.add_argument("--show-errors", action="store_true", help="list the misclassified ids")
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("draft", help="draft a CARP/LAST reply to a complaint (and validate it)")
    p.add_argument("text", nargs="?", help="the complaint, or '-' to read standard input")
    p.add_argument("--lang", help="reply language (en, ar, fa or a locale tag); the complaint's by default")
    p.add_argument("--archetype", help="use this archetype's template instead of classifying")
    p.add_argument("--variant", type=int, help="wording variant 1..N (default: stable hash of ticket/complaint)")
    p.add_argument("--context", metavar="FILE", help="a JSON object of context fields")
    p.add_argument("--set", action="append", metavar="KEY=VALUE",
                   help="a context field (repeatable; dotted keys for the incident: incident.severity=major)")
    p.add_argument("--step", action="append", metavar="TEXT", help="one step for the reply (repeatable)")
    p.add_argument("--templates", metavar="DIR", help="a template tree of your own (<lang>/<archetype>.txt.j2)")
    p.add_argument("--format", choices=("text", "json", "html"), default="text")
    p.add_argument("--jsonl", metavar="FILE",
                   help="draft one record per line: {text, id?, lang?, archetype?, variant?, context?}")
    p.set_defaults(func=_cmd_draft)

    p = sub.add_parser("check", help="check a reply an agent wrote: the four moves and the tone")
    p.add_argument("file", nargs="?", help="a file holding the reply, or '-' for standard input")
    p.add_argument("--lang", help="the reply's language; detected when absent")
    p.add_argument("--archetype", help="the complaint's archetype, when known")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--jsonl", metavar="FILE", help="check one record per line: {text, id?, lang?, archetype?}")
    p.set_defaults(func=_cmd_check)

    try:
        from .linter.command import add_parser as add_lint_parser
    except ImportError:  # pragma: no cover - the linter ships with the package
        pass
    else:
        add_lint_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.func(args)
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly; every line written so
        # far was written whole. Point stdout at devnull so the interpreter's
        # final flush does not complain again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_FINDINGS
    except KeyboardInterrupt:
        return 130
    except (_UsageError, ReplykitError, OSError) as exc:
        if args.debug:
            raise
        print(f"replykit: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
