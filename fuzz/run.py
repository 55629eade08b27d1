"""Opt-in fuzz run: many random inputs through every entry point.

    .venv/bin/python fuzz/run.py                  # 100,000 inputs per entry point
    .venv/bin/python fuzz/run.py --inputs 5000    # a quick run
    .venv/bin/python fuzz/run.py --only classify,check_text

Inputs mix Arabic, Persian, Latin, symbols, control characters, lone
surrogates, bidi controls, combining marks, emoji sequences and template
syntax, with lengths from empty to 20,000 characters. An entry point may raise
only its documented exceptions; anything else is a failure, reported with the
seed that reproduces it. The run prints how many inputs each entry point took
and what it found (see docs/reliability.md).
"""

from __future__ import annotations

import argparse
import importlib
import random
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import replykit
from replykit.errors import ReplykitError

POOLS = [
    [chr(c) for c in range(0x0621, 0x064B)],  # Arabic letters
    [chr(c) for c in range(0x064B, 0x0660)],  # harakat
    list("\u067e\u0686\u0698\u06af\u06a9\u06cc\u200c"),  # Persian letters and ZWNJ
    [chr(c) for c in range(0x20, 0x7F)],  # ASCII
    [chr(c) for c in range(0x00, 0x20)],  # controls, NUL
    list("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"),  # bidi
    ["\ud800", "\udfff", "\ufffd", "\ufeff"],  # lone surrogates and friends
    [chr(c) for c in range(0x0300, 0x0370)],  # combining marks
    ["\U0001f468\u200d\U0001f469\u200d\U0001f467", "\U0001f621", "\U0001f595", "\u2764\ufe0f"],  # emoji
    ["{{", "}}", "{%", "%}", "{#", "#}", "[[", "]]", "TODO", "{name}", "\n> ", "\n-- \n"],  # markup
]
WORDS = ("down not working unacceptable discount refund idiots how do I still waiting please add "
         "\u0627\u0644\u0646\u062a \u0645\u0642\u0637\u0648\u0639 \u063a\u0627\u0644\u064a \u062d\u0631\u0627\u0645\u064a\u0647 "
         "\u0645\u062d\u062f \u064a\u0631\u062f \u06a9\u0627\u0631 \u0646\u0645\u06cc\u200c\u06a9\u0646\u062f "
         "\u062a\u062e\u0641\u06cc\u0641 \u062f\u0632\u062f \u0686\u0637\u0648\u0631\u06cc").split()


def random_text(rng: random.Random) -> str:
    size = rng.choice((0, 1, 5, 20, 80, 300, 1000, 5000, 20000))
    parts: list[str] = []
    total = 0
    while total < size:
        if rng.random() < 0.3:
            piece = rng.choice(WORDS) + " "
        else:
            pool = rng.choice(POOLS)
            piece = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        parts.append(piece)
        total += len(piece)
    return "".join(parts)[:size]


def entry_points() -> dict[str, Callable[[str, random.Random], Any]]:
    # Load every module now, so that a long run exercises one version of the code.
    for module in ("replykit.drafting", "replykit.validator", "replykit.linter.runner"):
        importlib.import_module(module)
    from replykit import Draft, Section

    def draft(text: str, rng: random.Random) -> Any:
        lang = rng.choice((None, "en", "ar", "fa"))
        return replykit.reply(text, lang=lang, context={"customer_name": text[:30] or None,
                                                        "ticket_id": text[-12:] or None})

    def validate(text: str, rng: random.Random) -> Any:
        names = ["greeting", "acknowledgement", "apology", "refocus", "solution", "thanks", "signature"]
        rng.shuffle(names)
        cut = sorted(rng.sample(range(len(text) + 1), 2)) if text else [0, 0]
        pieces = [text[: cut[0]], text[cut[0]: cut[1]], text[cut[1]:]]
        sections = tuple(Section(name=n, text=p) for n, p in zip(names, pieces, strict=False))
        d = Draft(archetype=rng.choice(replykit.PRECEDENCE), lang=rng.choice(("en", "ar", "fa")),
                  direction="rtl", variant=1, sections=sections, text=text, values=(text[:5],))
        return replykit.validate(d, channel=rng.choice((None, "sms", "social", "email")))

    def check_text(text: str, rng: random.Random) -> Any:
        return replykit.check_text(text, lang=rng.choice((None, "en", "ar", "fa")))

    def classify(text: str, rng: random.Random) -> Any:
        return replykit.classify(text, lang=rng.choice((None, None, "en", "ar", "fa")))

    def lint(text: str, rng: random.Random) -> Any:
        import tempfile

        with tempfile.TemporaryDirectory() as root:
            folder = Path(root) / rng.choice(("en", "ar", "fa"))
            folder.mkdir()
            (folder / f"{rng.choice(replykit.PRECEDENCE)}.txt.j2").write_text(
                text, encoding="utf-8", errors="surrogatepass")
            return replykit.lint([root])

    return {"classify": classify, "check_text": check_text, "draft": draft, "validate": validate,
            "lint": lint}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=100_000, help="inputs per entry point")
    parser.add_argument("--lint-inputs", type=int, default=2_000,
                        help="inputs for lint, which renders every template it reads")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--only", help="comma-separated entry points")
    args = parser.parse_args()
    points = entry_points()
    chosen = args.only.split(",") if args.only else list(points)
    failures = 0
    for name in chosen:
        fn = points[name]
        n = args.lint_inputs if name == "lint" else args.inputs
        documented = expected = 0
        t0 = time.perf_counter()
        longest = 0
        for i in range(n):
            rng = random.Random(f"{args.seed}:{name}:{i}")
            text = random_text(rng)
            longest = max(longest, len(text))
            try:
                fn(text, rng)
                expected += 1
            except (ReplykitError, TypeError) as exc:
                documented += 1
                del exc
            except Exception:
                failures += 1
                print(f"FAIL {name} input {i} (seed {args.seed}:{name}:{i}):", file=sys.stderr)
                traceback.print_exc()
                if failures > 20:
                    return 1
        dt = time.perf_counter() - t0
        print(f"{name:<12} {n:>8} inputs  {expected:>8} results  {documented:>6} documented errors  "
              f"longest {longest:>6} chars  {dt:7.1f} s", flush=True)
    print(f"failures: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
