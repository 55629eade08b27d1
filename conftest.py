"""Settings for every test run, doctests in src/ and docs/ included."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_CACHE_ENV = "REPLYKIT_CACHE_DIR"
_saved_cache_env: str | None = None
_cache_dir: str | None = None


def pytest_configure(config: pytest.Config) -> None:
    """Compiled indexes go to a folder of the run's own, never the user's cache."""
    global _saved_cache_env, _cache_dir
    _saved_cache_env = os.environ.get(_CACHE_ENV)
    _cache_dir = tempfile.mkdtemp(prefix="replykit-test-cache-")
    os.environ[_CACHE_ENV] = _cache_dir


def pytest_unconfigure(config: pytest.Config) -> None:
    if _cache_dir is not None:
        shutil.rmtree(_cache_dir, ignore_errors=True)
    if _saved_cache_env is None:
        os.environ.pop(_CACHE_ENV, None)
    else:
        os.environ[_CACHE_ENV] = _saved_cache_env
