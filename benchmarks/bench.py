"""replykit benchmark: classification, drafting, checks, lint, import and CLI.

Run from the project root (see docs/performance.md):

    .venv/bin/python benchmarks/bench.py            # full table
    .venv/bin/python benchmarks/bench.py --quick    # fewer rounds

Every classification figure is printed with the figure of a plain reference
implementation of the same job, run in the same process over the same
lexicons: one list-based ``str.translate`` fold, a token-set and phrase lookup
for exact terms, a one-edit deletion index for fuzzy terms, and no scoring
beyond summing weights. Ratios are what to read; absolute times depend on the
machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"

sys.path.insert(0, str(ROOT / "src"))

from replykit import index_cache  # noqa: E402
from replykit.classifier import Classifier  # noqa: E402
from replykit.normalizer import _ROWS  # noqa: E402
from replykit.rules import Lexicon, Rules, TermTiers, builtin_rules  # noqa: E402

# ---------------------------------------------------------------- reference


class Reference:
    """The hand-built pipeline a team would write for the same job."""

    _WORD = re.compile(r"\w+")

    def __init__(self, rules: Rules) -> None:
        table: dict[int, str] = {}
        for chars, out, _why in _ROWS:
            for ch in chars:
                table[ord(ch)] = out
        self.table = [table.get(i, chr(i)) for i in range(0x10000)]
        self.trans = {i: v for i, v in enumerate(self.table) if v != chr(i)}
        self.words: dict[str, list[tuple[str, float]]] = {}
        self.phrases: dict[str, list[tuple[tuple[str, ...], str, float]]] = {}
        self.deletes: dict[str, set[str]] = {}
        for lex in rules.lexicons.values():
            for archetype, tiers in lex.archetypes.items():
                for tier, terms in tiers.items():
                    weight = rules.tiers[tier]  # type: ignore[index]
                    for term in terms:
                        words = tuple(self.fold(term.replace("*", "")).split())
                        if not words:
                            continue
                        if len(words) == 1:
                            self.words.setdefault(words[0], []).append((archetype, weight))
                        else:
                            self.phrases.setdefault(words[0], []).append((words, archetype, weight))
        for word in self.words:
            if len(word) >= 5:
                self.deletes.setdefault(word, set()).add(word)
                for i in range(len(word)):
                    self.deletes.setdefault(word[:i] + word[i + 1:], set()).add(word)

    def fold(self, text: str) -> str:
        if not text.isascii() and not unicodedata.is_normalized("NFKC", text):
            text = unicodedata.normalize("NFKC", text)
        return text.translate(self.trans).lower()

    def classify(self, text: str) -> str:
        tokens = self._WORD.findall(self.fold(text))
        scores: dict[str, float] = {}
        words, phrases, deletes = self.words, self.phrases, self.deletes
        for i, tok in enumerate(tokens):
            hit = words.get(tok)
            if hit is None and len(tok) >= 5:
                cands = deletes.get(tok)
                if cands is None:
                    for k in range(len(tok)):
                        cands = deletes.get(tok[:k] + tok[k + 1:])
                        if cands:
                            break
                if cands:
                    hit = words.get(min(cands))
            if hit:
                for archetype, weight in hit:
                    scores[archetype] = scores.get(archetype, 0.0) + weight
            for seq, archetype, weight in phrases.get(tok, ()):
                if tuple(tokens[i:i + len(seq)]) == seq:
                    scores[archetype] = scores.get(archetype, 0.0) + weight
        return max(scores, key=scores.__getitem__) if scores else "general"


# ----------------------------------------------------------------- inputs


def scaled_rules(base: Rules, factor: int, seed: int = 7) -> Rules:
    """``base`` with ``factor - 1`` times as many generated terms added."""
    if factor == 1:
        return base
    rng = random.Random(seed)
    alphabets = {"en": "abcdefghijklmnopqrstuvwxyz", "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
                 "fa": "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"}
    lexicons = {}
    for lang, lex in base.lexicons.items():
        archetypes = {}
        for name, tiers in lex.archetypes.items():
            n = sum(len(t) for _, t in tiers.items()) * (factor - 1)
            letters = alphabets.get(lang, alphabets["en"])
            extra = []
            for _ in range(n):
                words = ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9)))
                         for _ in range(rng.choice((1, 1, 1, 2, 3)))]
                extra.append(" ".join(words))
            archetypes[name] = TermTiers(strong=tiers.strong, cue=[*tiers.cue, *extra], hint=tiers.hint,
                                         against=tiers.against)
        lexicons[lang] = Lexicon(lang=lang, negators_before=lex.negators_before,
                                 negators_after=lex.negators_after, no_fuzzy=lex.no_fuzzy,
                                 archetypes=archetypes)
    return base.model_copy(update={"lexicons": lexicons})


FILLER = {
    "en": "the my order was and I have been for days with your team it is now please this".split(),
    "ar": "انا من امس و الطلب في على هذا مع الشركه اليوم يا لو سمحت عندي".split(),
    "fa": "من از دیروز و سفارش در این با شرکت امروز لطفا دارم برای که".split(),
}


def synthetic(rules: Rules, lang: str, size: int, rng: random.Random) -> str:
    lex = rules.lexicons.get(lang)
    cues = [t.replace("*", "") for tiers in (lex.archetypes.values() if lex else ())
            for t in tiers.strong + tiers.cue] or FILLER[lang]
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < size:
        words.append(rng.choice(cues) if rng.random() < 0.12 else rng.choice(FILLER[lang]))
    return " ".join(words)[:size]


def dev_texts() -> list[str]:
    if not DEV.exists():
        return []
    return [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]


# ----------------------------------------------------------------- timing


@contextmanager
def cache_off() -> Iterator[None]:
    """Classifiers built inside neither read nor write compiled indexes."""
    saved = os.environ.get(index_cache.ENV_VAR)
    os.environ[index_cache.ENV_VAR] = ""
    try:
        yield
    finally:
        if saved is None:
            del os.environ[index_cache.ENV_VAR]
        else:
            os.environ[index_cache.ENV_VAR] = saved


def per_call_us(fn: Callable[[Any], Any], items: Sequence[Any], rounds: int) -> list[float]:
    """Per-item µs for each round (one round = one pass over ``items``).

    An untimed pass comes first: caches that fill on first sight (token
    lookups, compiled templates) are part of the steady state measured.
    """
    for item in items:
        fn(item)
    out = []
    for _ in range(rounds):
        gc.disable()
        t0 = time.perf_counter_ns()
        for item in items:
            fn(item)
        dt = time.perf_counter_ns() - t0
        gc.enable()
        out.append(dt / 1000 / len(items))
    return out


def fmt(samples: list[float]) -> tuple[float, str]:
    med = statistics.median(samples)
    spread = (max(samples) - min(samples)) / med * 100 if med else 0.0
    return med, f"{med:10.1f} µs ±{spread:4.0f}%"


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, figure: str, rate: str = "", ratio: str = "") -> None:
        self.rows.append((what, figure, rate, ratio))
        print(f"{what:<52}{figure:>22}{rate:>14}{ratio:>22}", flush=True)

    def markdown(self) -> str:
        lines = ["| measure | time | rate | ratio |", "|---|---:|---:|---:|"]
        lines += [f"| {a} | {b.strip()} | {c.strip()} | {d.strip()} |" for a, b, c, d in self.rows]
        return "\n".join(lines)


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _first_call_ms(rules: Rules) -> float:
    t0 = time.perf_counter()
    Classifier(rules).classify("warm up")
    return (time.perf_counter() - t0) * 1000


def bench_classify(table: Table, rounds: int, factors: Sequence[int]) -> None:
    base = builtin_rules()
    rng = random.Random(11)
    dev = dev_texts()
    texts200 = [synthetic(base, lang, 200, rng) for lang in ("en", "ar", "fa") for _ in range(60)]
    texts20k = [synthetic(base, lang, 20_000, rng) for lang in ("en", "ar", "fa")]
    for factor in factors:
        rules = scaled_rules(base, factor)
        gc.collect()
        rss_before = _rss_mb()
        with cache_off():
            build_ms = _first_call_ms(rules)
        if factor == 1:
            # Exact size of the loaded index (tracemalloc slows building, so
            # the time above is taken without it).
            tracemalloc.start()
            with cache_off():
                Classifier(rules).classify("warm up")
            size = f"{tracemalloc.get_traced_memory()[1] / 2**20:8.1f} MB"
            tracemalloc.stop()
        else:
            size = f"~{_rss_mb() - rss_before:7.0f} MB rss"
        ref = Reference(rules)
        terms = sum(len(t) for lex in rules.lexicons.values() for tiers in lex.archetypes.values()
                    for _, t in tiers.items())
        table.add(f"lexicon x{factor} ({terms} terms): index build", f"{build_ms:10.1f} ms", size)
        _first_call_ms(rules)  # writes the compiled index to the cache
        load_ms = statistics.median(_first_call_ms(rules) for _ in range(3 if factor == 1 else 1))
        table.add(f"lexicon x{factor}: index load from the cache", f"{load_ms:10.1f} ms", "",
                  "(hashes the rules given as objects)" if factor > 1 else "")
        clf = Classifier(rules)
        clf.classify("warm up")
        sets = [("200 chars", texts200), ("20 KB", texts20k)]
        if dev:
            sets.insert(0, ("dev set", dev))
        for label, items in sets:
            r = rounds if len(items) > 10 else rounds * 3
            ours, ours_s = fmt(per_call_us(clf.classify, items, r))
            theirs, _ = fmt(per_call_us(ref.classify, items, r))
            table.add(f"  classify, {label}", ours_s, f"{1e6 / ours:9.0f}/s",
                      f"{ours / theirs:5.2f}x ref ({theirs:.1f} µs)")
        del clf, ref, rules
        gc.collect()


def bench_cold(table: Table) -> None:
    code = ("import time; t=time.perf_counter(); import replykit; t1=time.perf_counter(); "
            "import replykit.models; t2=time.perf_counter(); "
            "replykit.classify('the app is down'); t3=time.perf_counter(); "
            "replykit.classify('the app is down again'); t4=time.perf_counter(); "
            "print((t1-t)*1e3, (t2-t1)*1e3, (t3-t2)*1e3, (t4-t3)*1e6)")

    def run() -> list[float]:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
        return list(map(float, out.stdout.split()))

    empty = []
    for _ in range(3):
        with cache_off():
            empty.append(run())
    run()  # fills the cache
    runs = [run() for _ in range(5)]
    imp = statistics.median(r[0] for r in runs)
    models = statistics.median(r[1] for r in runs)
    cold_empty = statistics.median(r[2] for r in empty)
    cold = statistics.median(r[2] for r in runs)
    warm = statistics.median(r[3] for r in runs)
    pyd = statistics.median(
        float(subprocess.run([sys.executable, "-c", "import time; t=time.perf_counter(); import pydantic; "
                              "print((time.perf_counter()-t)*1e3)"], capture_output=True, text=True,
                             check=True).stdout) for _ in range(5))
    table.add("import replykit", f"{imp:10.1f} ms", "", f"{imp / pyd:5.2f}x import pydantic ({pyd:.1f} ms)")
    table.add("import the result models (pydantic BaseModel)", f"{models:10.1f} ms")
    table.add("classify, first call, empty cache (parses rules, builds index)", f"{cold_empty:10.1f} ms")
    table.add("classify, first call, index from the cache", f"{cold:10.1f} ms")
    table.add("classify, second call", f"{warm:10.1f} µs")


def bench_many(table: Table, n: int, parallel_n: int) -> None:
    """``classify_many`` on ``n`` messages; one process against two on ``parallel_n``."""
    base = builtin_rules()
    rng = random.Random(5)
    pool = [synthetic(base, lang, 200, rng) for lang in ("en", "ar", "fa") for _ in range(100)]
    clf = Classifier()
    clf.classify("warm")

    def stream(count: int) -> Iterable[str]:
        for i in range(count):
            yield pool[i % len(pool)]

    t0 = time.perf_counter()
    count = sum(1 for _ in clf.classify_many(stream(n)))
    dt = time.perf_counter() - t0
    # Memory of the stream itself, measured on a second pass.
    tracemalloc.start()
    sum(1 for _ in clf.classify_many(stream(n)))
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    table.add(f"classify_many, {count} messages", f"{dt * 1e6 / count:10.1f} µs", f"{count / dt:9.0f}/s",
              f"peak {peak:.1f} MB")
    timings = {}
    for workers in (1, 2):
        t0 = time.perf_counter()
        count = sum(1 for _ in clf.classify_many(stream(parallel_n), workers=workers))
        timings[workers] = time.perf_counter() - t0
        table.add(f"classify_many, {count} messages, {workers} worker(s)",
                  f"{timings[workers] * 1e6 / count:10.1f} µs", f"{count / timings[workers]:9.0f}/s",
                  "" if workers == 1 else f"{timings[1] / timings[workers]:5.2f}x one process")


def bench_cli_batch(table: Table, n: int) -> None:
    """``replykit classify --jsonl`` on one and two processes, whole runs."""
    import tempfile

    base = builtin_rules()
    rng = random.Random(3)
    pool = [synthetic(base, lang, 200, rng) for lang in ("en", "ar", "fa") for _ in range(100)]
    exe = Path(sys.executable).with_name("replykit")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "replykit"]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "batch.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for i in range(n):
                fh.write(json.dumps({"id": i, "text": pool[i % len(pool)]}, ensure_ascii=False) + "\n")
        times = {}
        for workers in (1, 2):
            t0 = time.perf_counter()
            subprocess.run([*cmd, "classify", "--jsonl", str(path), "--workers", str(workers)],
                           stdout=subprocess.DEVNULL, check=False)
            times[workers] = time.perf_counter() - t0
            table.add(f"CLI classify --jsonl, {n} records, {workers} worker(s)",
                      f"{times[workers] * 1e6 / n:10.1f} µs", f"{n / times[workers]:9.0f}/s",
                      "" if workers == 1 else f"{times[1] / times[workers]:5.2f}x one worker")


def bench_cli(table: Table) -> None:
    exe = Path(sys.executable).with_name("replykit")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "replykit"]
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([*cmd, "classify", "the app is down again!!"], capture_output=True, check=True)
        times.append((time.perf_counter() - t0) * 1000)
    table.add("CLI `replykit classify TEXT`, whole process", f"{statistics.median(times):10.1f} ms")


def bench_drafting(table: Table, rounds: int) -> None:
    try:
        from replykit.drafting import draft
    except ImportError:
        table.add("draft", "(not available)")
        return
    import jinja2

    from replykit.archetypes import PRECEDENCE
    from replykit.context import ReplyContext
    from replykit.drafting import _variables
    from replykit.formatting import Formatter
    from replykit.templating import (
        _FILTERS,
        FORMATTER_VARIABLE,
        _finalize,
        _gendered,
        find_templates,
    )

    context = {"customer_name": "Sara", "agent_name": "Omar", "company_name": "Nimbus", "ticket_id": "TK-1"}
    ctx = ReplyContext.model_validate(context)
    # The bare render: plain (unsandboxed, unbudgeted) Jinja over the same file,
    # rendering the whole template at once, with the engine's own formatting
    # filters, g() and finalize (the same Babel-formatted values), not the
    # sandbox's guarded wrappers of them, whose cost is part of what is measured.
    bare_env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(find_templates())), finalize=_finalize
    )
    bare_env.filters.update(_FILTERS)
    bare_env.globals["g"] = _gendered
    for lang in ("en", "ar", "fa"):
        samples = []
        ratios = []
        for archetype in PRECEDENCE:
            draft("x", archetype=archetype, lang=lang, context=context, variant=1)
            ours_us = statistics.median(per_call_us(
                lambda _, a=archetype, lg=lang: draft("x", archetype=a, lang=lg, context=context, variant=1),
                [0] * 50, rounds))
            values = _variables(ctx)
            values.update({"variant": 1, "lang": lang, "archetype": archetype,
                           FORMATTER_VARIABLE: Formatter(lang, timezone=ctx.timezone,
                                                         digits=ctx.digits_for(lang),
                                                         calendar=ctx.calendar_for(lang))})
            template = bare_env.get_template(f"{lang}/{archetype}.txt.j2")
            bare_us = statistics.median(per_call_us(
                lambda _, t=template, v=values: t.render(v), [0] * 50, rounds))
            samples.append(ours_us)
            ratios.append(ours_us / bare_us)
        table.add(f"draft, {lang} (median of 8 archetypes)", f"{statistics.median(samples):10.1f} µs", "",
                  f"{statistics.median(ratios):5.2f}x bare Jinja render")
    try:
        from replykit.validator import check_text, validate
    except ImportError:
        return
    d = draft("x", archetype="angry", lang="en", context=context)
    _, s = fmt(per_call_us(lambda _: validate(d), [0] * 50, rounds))
    table.add("validate(draft)", s)
    _, s = fmt(per_call_us(lambda _: check_text(d.text, lang="en"), [0] * 50, rounds))
    table.add("check_text(reply)", s)


def bench_lint(table: Table) -> None:
    try:
        from replykit.linter import lint
    except ImportError:
        table.add("lint built-in templates", "(not available)")
        return
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        lint()
        times.append((time.perf_counter() - t0) * 1000)
    table.add("lint of the 24 built-in templates", f"{statistics.median(times):10.1f} ms")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and messages")
    parser.add_argument("--markdown", metavar="FILE", help="also write the table as Markdown")
    args = parser.parse_args(argv)
    rounds = 3 if args.quick else 7
    table = Table()
    print(f"{'measure':<52}{'time':>22}{'rate':>14}{'ratio':>22}")
    import tempfile

    # Compiled indexes of this run (scaled lexicons make large ones) stay out
    # of the user's cache; subprocesses inherit the setting.
    with tempfile.TemporaryDirectory(prefix="replykit-bench-") as cache:
        os.environ[index_cache.ENV_VAR] = cache
        bench_cold(table)
        bench_classify(table, rounds, (1, 10))
        bench_many(table, 2_000 if args.quick else 10_000, 5_000 if args.quick else 100_000)
        bench_cli_batch(table, 5_000 if args.quick else 100_000)
        bench_drafting(table, rounds)
        bench_lint(table)
        bench_cli(table)
        if not args.quick:
            # Last: its gigabytes of index slow everything measured after it.
            bench_classify(table, rounds, (100,))
    if args.markdown:
        Path(args.markdown).write_text(table.markdown() + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
