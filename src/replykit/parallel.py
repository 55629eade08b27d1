"""Classifying a stream on several processes, in order, in bounded memory.

Each worker process gets its own copy of the :class:`~replykit.classifier.Classifier`
once and encodes its own output (JSON lines, or pickled results), so the
parent only reads input and writes lines or unpickles. At most a fixed window
of chunks is in flight, so memory stays constant however long the stream is.
"""

from __future__ import annotations

import gc
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .classifier import Classifier

__all__ = ["ordered_map", "read_results"]

T = TypeVar("T")
R = TypeVar("R")

# Chunks in flight per worker: enough to keep every worker busy while the
# parent writes, few enough to keep memory flat.
_WINDOW_PER_WORKER = 4

_STATE: dict[str, Any] = {}


def init_worker(classifier: Classifier, lang: str | None) -> None:
    """Keep this worker's copy of the classifier, its index loaded, out of the collector's way.

    The index is hundreds of thousands of containers that live as long as the
    worker; freezing them (:func:`gc.freeze`) keeps the collections that the
    results trigger from walking it again and again. The process is ours, so
    nothing else is frozen by mistake.
    """
    _STATE["classifier"] = classifier
    _STATE["lang"] = lang
    try:
        classifier.classify("")
    except Exception:  # the first task meets it again and reports it to the caller
        return
    gc.freeze()


def classify_texts(texts: list[str]) -> bytes:
    """Worker task: classify a chunk of texts, pickled here (see :func:`read_results`)."""
    clf = _STATE["classifier"]
    lang = _STATE["lang"]
    return pickle.dumps([clf.classify(t, lang=lang) for t in texts], pickle.HIGHEST_PROTOCOL)


def read_results(blob: bytes) -> list[Any]:
    """The results of :func:`classify_texts`, unpickled with the collector paused.

    A chunk is thousands of small result objects and no cycles: a collection
    run while they are made would find nothing to free, and would walk
    everything else the host keeps in memory each time it did.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        results: list[Any] = pickle.loads(blob)
    finally:
        if enabled:
            gc.enable()
    return results


def classify_lines(lines: list[tuple[int, bytes]]) -> list[tuple[str, bool]]:
    """Worker task: one encoded JSONL output line per input line."""
    from .cli import classify_record
    from .jsonl import process_line

    clf = _STATE["classifier"]
    lang = _STATE["lang"]
    return [process_line(n, raw, lambda obj: classify_record(clf, obj, lang)) for n, raw in lines]


def ordered_map(
    fn: Callable[[T], R],
    chunks: Iterable[T],
    *,
    workers: int,
    classifier: Classifier,
    lang: str | None = None,
) -> Iterator[R]:
    """``fn`` over ``chunks`` on ``workers`` processes, one result per chunk, in order."""
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    window = workers * _WINDOW_PER_WORKER
    with ProcessPoolExecutor(workers, initializer=init_worker, initargs=(classifier, lang)) as pool:
        pending: deque[Future[R]] = deque()
        try:
            for chunk in chunks:
                pending.append(pool.submit(fn, chunk))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
