"""Scoring the classifier against a labelled JSONL file.

Each line holds ``text``, ``lang`` and ``labels`` (and ``primary``, which is
derived from the labels when absent). The report gives accuracy of the primary
archetype overall and per language, precision/recall/F1 of the label sets per
archetype, and a confusion matrix of primaries.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from .classifier import Classifier

__all__ = ["EvalItem", "EvalReport", "evaluate", "read_eval_file"]


class EvalItem(BaseModel):
    """One labelled message."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str | None = None
    lang: str | None = None
    text: str
    labels: tuple[str, ...]
    primary: str | None = None


class ArchetypeFigures(BaseModel):
    model_config = ConfigDict(frozen=True)

    precision: float
    recall: float
    f1: float
    support: int


class EvalReport(BaseModel):
    """Figures of one evaluation run."""

    model_config = ConfigDict(frozen=True)

    total: int
    accuracy: float
    by_lang: dict[str, tuple[float, int]]
    per_archetype: dict[str, ArchetypeFigures]
    confusion: dict[str, dict[str, int]]
    errors: list[dict[str, Any]]

    def to_text(self) -> str:
        lines = [f"primary accuracy: {self.accuracy:.3f} ({self.total} messages)"]
        for lang, (acc, n) in sorted(self.by_lang.items()):
            lines.append(f"  {lang}: {acc:.3f} ({n})")
        lines.append("")
        lines.append(f"{'archetype':<22}{'prec':>7}{'rec':>7}{'f1':>7}{'n':>6}")
        for name, f in self.per_archetype.items():
            lines.append(f"{name:<22}{f.precision:>7.3f}{f.recall:>7.3f}{f.f1:>7.3f}{f.support:>6}")
        names = list(self.confusion)
        short = [n[:6] for n in names]
        lines.append("")
        lines.append("confusion (rows: expected primary, columns: predicted)")
        lines.append(" " * 22 + "".join(f"{s:>7}" for s in short))
        for name in names:
            row = self.confusion[name]
            lines.append(f"{name:<22}" + "".join(f"{row.get(c, 0):>7}" for c in names))
        return "\n".join(lines)


def read_eval_file(path: str | Path) -> list[EvalItem]:
    """Read a labelled JSONL file; a bad line raises ``ValueError`` naming it."""
    items: list[EvalItem] = []
    with Path(path).open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                items.append(EvalItem.model_validate(json.loads(line)))
            except (ValueError, TypeError) as exc:
                raise ValueError(f"{path}:{n}: not a labelled record: {str(exc).splitlines()[0]}") from exc
    return items


def evaluate(items: Iterable[EvalItem], *, classifier: Classifier | None = None,
             use_lang: bool = False) -> EvalReport:
    """Classify every item and compare with its labels.

    ``use_lang`` passes the item's language to the classifier instead of
    letting it detect one.
    """
    clf = classifier or Classifier()
    precedence = clf.rules.precedence
    total = correct = 0
    per_lang: Counter[str] = Counter()
    per_lang_ok: Counter[str] = Counter()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = {a: Counter() for a in precedence}
    errors: list[dict[str, Any]] = []
    for item in items:
        expected = item.primary or next((a for a in precedence if a in item.labels), "general")
        result = clf.classify(item.text, lang=item.lang if use_lang else None)
        total += 1
        lang = item.lang or "?"
        per_lang[lang] += 1
        if result.primary == expected:
            correct += 1
            per_lang_ok[lang] += 1
        else:
            errors.append({"id": item.id, "expected": expected, "predicted": result.primary,
                           "labels": list(item.labels), "predicted_labels": list(result.labels)})
        confusion.setdefault(expected, Counter())[result.primary] += 1
        gold = set(item.labels) - {"general"}
        pred = set(result.labels)
        for a in pred & gold:
            tp[a] += 1
        for a in pred - gold:
            fp[a] += 1
        for a in gold - pred:
            fn[a] += 1
    figures: dict[str, ArchetypeFigures] = {}
    for a in precedence:
        if a == "general":
            continue
        p = tp[a] / (tp[a] + fp[a]) if tp[a] + fp[a] else 0.0
        r = tp[a] / (tp[a] + fn[a]) if tp[a] + fn[a] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        figures[a] = ArchetypeFigures(precision=round(p, 4), recall=round(r, 4), f1=round(f, 4),
                                      support=tp[a] + fn[a])
    return EvalReport(
        total=total,
        accuracy=round(correct / total, 4) if total else 0.0,
        by_lang={k: (round(per_lang_ok[k] / v, 4), v) for k, v in per_lang.items()},
        per_archetype=figures,
        confusion={k: dict(v) for k, v in confusion.items()},
        errors=errors,
    )
