"""A separate process that renders the templates the linter cannot prove cheap.

Some work cannot be interrupted from inside a Python process: a string of ten
gigabytes built in one C call, an exponential macro recursion, nested loops
that call nothing. So a template outside the bounded subset
(:func:`replykit.linter.sandbox.unbounded_reason`) is compiled and rendered
here, in a child process with an address-space limit (where the platform has
one), and the parent kills the child when the template's time is up. A killed
or crashed child is a finding about the template, and the next template gets
a fresh child.

The protocol is one JSON object per line: the child says ``{"ready": true}``
once imported, then answers each :class:`~replykit.linter.rendering.RenderJob`
with a :class:`~replykit.linter.rendering.RenderOutcome`.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, Any

from .rendering import RenderFailure, RenderJob, RenderOutcome

__all__ = ["MEMORY_HEADROOM", "Worker", "main"]

#: Bytes of address space the child may use beyond what it has after imports.
MEMORY_HEADROOM = 1 << 30
_STARTUP_TIMEOUT = 60.0
_GRACE = 1.0  # seconds past the budget before the parent kills the child


class Worker:
    """The parent's side: starts the child on demand and enforces the time limit."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._lines: queue.Queue[bytes | None] = queue.Queue()

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> str | None:
        """Start the child; the reason when it cannot be started."""
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "replykit.linter.worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError as exc:
            return f"cannot start the render process: {exc.strerror}"
        self._process = process
        self._lines = queue.Queue()
        assert process.stdout is not None
        threading.Thread(target=_pump, args=(process.stdout, self._lines), daemon=True).start()
        ready = self._read(_STARTUP_TIMEOUT)
        if ready is None or not ready.get("ready"):
            self.close()
            return "the render process did not start"
        return None

    def _read(self, timeout: float) -> dict[str, Any] | None:
        try:
            line = self._lines.get(timeout=timeout)
        except queue.Empty:
            return None
        if line is None:
            return None
        try:
            data = json.loads(line)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def run(self, job: RenderJob) -> RenderOutcome:
        """Render ``job`` in the child; a failure outcome when it is killed or dies."""
        if self._process is None or self._process.poll() is not None:
            problem = self._start()
            if problem is not None:
                return RenderOutcome(failures=[RenderFailure("failed", problem)])
        process = self._process
        assert process is not None and process.stdin is not None
        try:
            process.stdin.write(json.dumps(job.to_json()).encode("utf-8") + b"\n")
            process.stdin.flush()
        except OSError:
            self.close()
            return RenderOutcome(failures=[RenderFailure("failed", "the render process died")])
        answer = self._read(job.seconds + _GRACE)
        if answer is not None and "drafts" in answer:
            return RenderOutcome.from_json(answer)
        timed_out = process.poll() is None
        self.close()
        if timed_out:
            return RenderOutcome(
                failures=[
                    RenderFailure(
                        "time",
                        f"rendering did not finish within {job.seconds:g} s "
                        "(a loop that never ends, or work that keeps growing)",
                    )
                ],
                seconds=job.seconds,
            )
        return RenderOutcome(
            failures=[
                RenderFailure(
                    "size",
                    "the render process died, most likely out of memory "
                    "(a value that keeps growing)",
                )
            ]
        )

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()


def _pump(stream: IO[bytes], lines: queue.Queue[bytes | None]) -> None:
    try:
        for line in stream:
            lines.put(line)
    except (OSError, ValueError):
        pass
    lines.put(None)


def _limit_memory() -> None:
    """Cap the child's address space at its current size plus :data:`MEMORY_HEADROOM`."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    current = int(line.split()[1]) * 1024
                    break
            else:  # pragma: no cover
                return
    except OSError:  # pragma: no cover - no /proc: keep the time limit only
        return
    limit = current + MEMORY_HEADROOM
    # A lower hard limit already in place stays.
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main() -> None:
    """The child's loop: read jobs on standard input, write outcomes on standard output."""
    # Import what rendering needs before the memory limit and before "ready",
    # so that neither the limit nor the parent's clock counts imports.
    from .rendering import render_job
    from .samples import sample_contexts

    sample_contexts("en")
    _limit_memory()
    out = sys.stdout.buffer
    out.write(b'{"ready": true}\n')
    out.flush()
    for raw in sys.stdin.buffer:
        try:
            job = RenderJob.from_json(json.loads(raw))
            outcome = render_job(job)
            answer = outcome.to_json()
        except MemoryError:
            answer = RenderOutcome(
                failures=[RenderFailure("size", "rendering ran out of memory")]
            ).to_json()
        except Exception as exc:  # report, never die on a bad job
            answer = RenderOutcome(
                failures=[RenderFailure("failed", f"{type(exc).__name__}: {exc}")]
            ).to_json()
        out.write(json.dumps(answer).encode("utf-8") + b"\n")
        out.flush()


if __name__ == "__main__":
    main()
