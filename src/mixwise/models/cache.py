"""Fit once, reuse: fitted models cached on disk by data, model, settings and mixwise version.

The cache directory is ``$MIXWISE_CACHE_DIR`` or ``~/.cache/mixwise/models``; each entry is a
:func:`~mixwise.models.persistence.save_model` directory named by its key. A corrupt or
unreadable entry is refitted (with a warning), never fatal; a cache that cannot be written only
warns.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import inspect
import json
import logging
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mixwise.data.dataset import Dataset
from mixwise.models.base import MMMBase
from mixwise.models.persistence import load_model, save_model, to_jsonable
from mixwise.models.registry import make_model, model_class

__all__ = ["fit_or_load", "cache_key", "default_cache_dir"]

logger = logging.getLogger(__name__)

#: Settings that change how a fit is reported, not its result (left out of the key).
_NON_KEY = {"progress"}


def default_cache_dir() -> Path:
    """``$MIXWISE_CACHE_DIR`` or ``~/.cache/mixwise/models``."""
    env = os.environ.get("MIXWISE_CACHE_DIR")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "mixwise" / "models"


def cache_key(dataset: Dataset, model: str, settings: dict[str, Any] | None = None) -> str:
    """Hex key from the data fingerprint, model name, sorted settings and mixwise version."""
    from mixwise import __version__

    clean = {k: _key_value(v) for k, v in sorted((settings or {}).items()) if k not in _NON_KEY and not callable(v)}
    text = json.dumps(
        {"data": dataset.fingerprint(), "model": model, "settings": to_jsonable(clean), "version": __version__},
        sort_keys=True,
    )
    return f"{model}-" + hashlib.sha256(text.encode()).hexdigest()[:20]


def _key_value(value: Any) -> Any:
    """A JSON-able stand-in for a setting: dataclasses and pydantic models by content, else repr."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {"__type__": type(value).__name__, **_key_value(dataclasses.asdict(value))}
    if hasattr(value, "model_dump"):
        return {"__type__": type(value).__name__, **_key_value(value.model_dump())}
    if isinstance(value, dict):
        return {str(k): _key_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_key_value(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str) or hasattr(value, "dtype"):
        return value
    return repr(value)


def _say(progress: Callable[[str], Any] | None, message: str) -> None:
    logger.info(message)
    if progress is not None:
        with contextlib.suppress(TypeError):  # a callback with another signature is ignored
            progress(message)


def fit_or_load(
    dataset: Dataset,
    model: str = "bayes",
    settings: dict[str, Any] | None = None,
    cache_dir: str | Path | None = None,
    progress: Callable[..., Any] | None = None,
) -> MMMBase:
    """Load the cached fit of ``model`` on ``dataset`` with ``settings``, or fit and cache it.

    Args:
        dataset: The data.
        model: Registered model name (``bayes`` or ``ols``).
        settings: Hyper-parameters passed to the model.
        cache_dir: Cache directory (default :func:`default_cache_dir`).
        progress: Optional callback; receives status messages, and is passed to the model as its
            ``progress`` hyper-parameter when the model takes one.

    Returns:
        A fitted model.
    """
    settings = dict(settings or {})
    root = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    key = cache_key(dataset, model, settings)
    entry = root / key
    if entry.exists():
        try:
            fitted = load_model(entry)
            if fitted.dataset_.fingerprint() != dataset.fingerprint():
                raise ValueError("cached data does not match")
            _say(progress, f"Loaded cached {model} model ({key}).")
            return fitted
        except Exception as exc:  # noqa: BLE001 - corrupt entries are refitted
            warnings.warn(f"Ignoring unreadable cached model at {entry} ({exc}); refitting.", stacklevel=2)
            shutil.rmtree(entry, ignore_errors=True)
    if progress is not None and "progress" in inspect.signature(model_class(model).__init__).parameters:
        settings.setdefault("progress", progress)
    _say(progress, f"Fitting the {model} model on {dataset.n_weeks} weeks x {dataset.n_channels} channels...")
    fitted = make_model(model, **settings).fit(dataset)
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key}.", dir=root))
        save_model(fitted, tmp)
        try:
            tmp.rename(entry)
        except OSError:  # another process cached it first
            shutil.rmtree(tmp, ignore_errors=True)
    except Exception as exc:  # noqa: BLE001 - caching is best effort
        warnings.warn(f"Could not cache the fitted model in {root} ({exc}).", stacklevel=2)
    return fitted
