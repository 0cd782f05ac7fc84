"""Per-browser-session state of the web app, uploads, and the fitted-model cache.

Everything a user loads lives in ``st.session_state`` (one :class:`AppState` per browser session), so
two sessions never see each other's data. The only shared object is the model store returned by
:func:`model_store` (``st.cache_resource``): fitted models keyed by the dataset fingerprint, the model
name and its settings, so identical data and settings are fitted once per server (on top of the disk
cache of :func:`mixwise.models.cache.fit_or_load`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from mixwise.errors import DataValidationError

__all__ = [
    "ALLOWED_TYPES",
    "AppState",
    "MAX_UPLOAD_MB",
    "MODEL_LABELS",
    "default_model",
    "ensure_model",
    "get_state",
    "model_store",
    "save_upload",
    "select_delayed",
    "select_model",
    "set_load_result",
]

#: Largest upload accepted, in MB (also pass ``--server.maxUploadSize 50`` to streamlit).
MAX_UPLOAD_MB = 50
#: File types the Data page accepts.
ALLOWED_TYPES = ("csv", "tsv", "txt", "xlsx", "xls", "xlsm", "parquet")
#: Model name -> label shown in the app.
MODEL_LABELS = {
    "bayes": "Bayesian (NumPyro): intervals on every number, 10 s to a few minutes",
    "ols": "OLS: point estimates with bootstrap intervals, a few seconds",
}
#: Fitted models kept in memory per server (least recently used dropped first).
STORE_SIZE = 8
_STATE_KEY = "mixwise_state"


@dataclass
class AppState:
    """What one browser session holds.

    Attributes:
        load_result: The current :class:`mixwise.data.LoadResult` (None before data is loaded).
        source_name: What the data is called (file name or ``bundled sample``).
        session: The :class:`mixwise.agent.session.AnalystSession` over ``load_result``.
        model_name: ``bayes`` or ``ols``.
        chat: Past exchanges of the Ask page (dicts with question, markdown, charts as PNG bytes...).
        plan: The last optimiser plan (used by the report).
        reports: Rendered report bytes by format.
        upload_dir: This session's private folder for uploaded files.
        upload_sig: (name, size) of the upload last saved.
        upload_path: Where that upload was saved.
        detected: Mapping detection result per source: ``{"key", "columns", "roles", "error"}``.
        agent: The LLM agent when a key is configured.
        delayed: Channels given a Weibull (delayed-peak) carry-over in the Bayesian model.
    """

    load_result: Any = None
    source_name: str = ""
    session: Any = None
    model_name: str = "bayes"
    chat: list[dict[str, Any]] = field(default_factory=list)
    plan: Any = None
    reports: dict[str, bytes] = field(default_factory=dict)
    upload_dir: str = ""
    upload_sig: tuple[str, int] | None = None
    upload_path: str = ""
    detected: dict[str, Any] = field(default_factory=dict)
    agent: Any = None
    delayed: list[str] = field(default_factory=list)

    @property
    def dataset(self) -> Any:
        """The loaded dataset, or None."""
        return None if self.load_result is None else self.load_result.dataset

    @property
    def fitted(self) -> bool:
        """Whether the analyst session has a fitted model."""
        return self.session is not None and self.session.is_fitted

    def private_dir(self) -> Path:
        """This session's temporary folder (created on first use)."""
        if not self.upload_dir or not Path(self.upload_dir).is_dir():
            self.upload_dir = tempfile.mkdtemp(prefix="mixwise-app-")
            weakref.finalize(self, shutil.rmtree, self.upload_dir, True)  # removed when the session ends
        return Path(self.upload_dir)


def default_model() -> str:
    """The model selected by default: ``$MIXWISE_APP_MODEL`` (``bayes`` or ``ols``), else ``bayes``."""
    name = (os.environ.get("MIXWISE_APP_MODEL") or "bayes").strip().lower()
    return name if name in MODEL_LABELS else "bayes"


def get_state() -> AppState:
    """This browser session's :class:`AppState` (created on first call)."""
    if _STATE_KEY not in st.session_state:
        st.session_state[_STATE_KEY] = AppState(model_name=default_model())
    return st.session_state[_STATE_KEY]


def _safe_name(name: str) -> str:
    base = Path(str(name)).name
    clean = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "upload"
    return clean[:120]


def save_upload(state: AppState, name: str, data: bytes) -> Path:
    """Check an uploaded file's type and size and save it in the session's private folder.

    Args:
        state: The session state.
        name: The file name as uploaded.
        data: Its bytes.

    Returns:
        The saved path.

    Raises:
        DataValidationError: the file is empty, too large or of an unsupported type.
    """
    suffix = Path(str(name)).suffix.lower().lstrip(".")
    if suffix not in ALLOWED_TYPES:
        raise DataValidationError(
            f"'{name}' is not a supported file type (received .{suffix or 'no extension'}). "
            f"Allowed: {', '.join('.' + t for t in ALLOWED_TYPES)}. Export the data as CSV or Excel and upload again."
        )
    size_mb = len(data) / 1e6
    if size_mb > MAX_UPLOAD_MB:
        raise DataValidationError(
            f"'{name}' is {size_mb:.1f} MB; the app accepts files up to {MAX_UPLOAD_MB} MB. "
            "Aggregate the data to weeks (or remove unused columns) and upload again, or use the CLI for large files."
        )
    if not data:
        raise DataValidationError(f"'{name}' is empty (0 bytes). Export the data again and upload it.")
    if suffix in ("csv", "tsv", "txt") and b"\x00" in data[:4096]:
        raise DataValidationError(
            f"'{name}' looks like a binary file, not text. Upload a CSV (comma-, semicolon- or tab-separated) "
            "or an Excel workbook."
        )
    folder = state.private_dir()
    path = folder / _safe_name(name)
    path.write_bytes(data)
    return path


def set_load_result(state: AppState, result: Any, source_name: str) -> None:
    """Make ``result`` the session's data; the analyst session, chat, plan and reports start afresh
    unless the data is unchanged."""
    from mixwise.agent.session import AnalystSession

    old = state.dataset
    new = result.dataset
    same = old is not None and new is not None and old.fingerprint() == new.fingerprint()
    state.load_result = result
    state.source_name = source_name
    if same and state.session is not None:
        state.session.load_result = result
        return
    state.session = AnalystSession(result, model_name=state.model_name) if new is not None else None
    state.delayed = []
    state.chat = []
    state.plan = None
    state.reports = {}
    state.agent = None


class _Store:
    """Fitted models by key, least recently used dropped beyond :data:`STORE_SIZE`; thread-safe."""

    def __init__(self, size: int = STORE_SIZE) -> None:
        self.size = size
        self.items: OrderedDict[str, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
            return None

    def put(self, key: str, model: Any) -> None:
        with self.lock:
            self.items[key] = model
            self.items.move_to_end(key)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


@st.cache_resource(show_spinner=False)
def model_store() -> _Store:
    """The server-wide store of fitted models (keyed by data fingerprint, model and settings)."""
    return _Store()


def model_key(dataset: Any, model: str, settings: dict[str, Any] | None = None) -> str:
    """Store key: ``<fingerprint>|<model>|<sorted settings as JSON>``."""
    clean = {k: v for k, v in sorted((settings or {}).items()) if not callable(v)}
    return f"{dataset.fingerprint()}|{model}|{json.dumps(clean, sort_keys=True, default=str)}"


def ensure_model(state: AppState, progress: Callable[..., Any] | None = None) -> Any:
    """The fitted model of the session's data and model choice: from memory, the disk cache, or a fit.

    Args:
        state: The session state (with data loaded).
        progress: Optional callback given ``(done, total)`` or a status message while fitting.

    Returns:
        The fitted model, also set on ``state.session``.
    """
    session = state.session
    if session is None:
        raise DataValidationError("No data is loaded yet. Open the Data page and load the sample or upload a file.")
    session.report.raise_if_failed()
    if session.model_name != state.model_name:
        session.model_name = state.model_name
        session.set_model(None)
        state.plan = None
        state.reports = {}
    if session.is_fitted:
        return session.model
    key = model_key(session.dataset, state.model_name, session.settings)
    store = model_store()
    model = store.get(key)
    if model is None:
        from mixwise.models.cache import fit_or_load

        model = fit_or_load(session.dataset, model=state.model_name, settings=session.settings, progress=progress)
        store.put(key, model)
    session.set_model(model)
    state.agent = None
    return model


def clear_private_dir(state: AppState) -> None:
    """Delete the session's temporary folder (uploads and rendered reports)."""
    if state.upload_dir:
        shutil.rmtree(state.upload_dir, ignore_errors=True)
        state.upload_dir = ""


def select_model(state: AppState, name: str) -> None:
    """Switch the session to model ``name``; reuse a fit already in the store, else wait for a fit."""
    if name not in MODEL_LABELS:
        raise DataValidationError(f"Unknown model '{name}'. Allowed: {', '.join(MODEL_LABELS)}.")
    if name == state.model_name:
        return
    state.model_name = name
    _forget_results(state)
    if state.session is not None:
        state.session.model_name = name
        _sync_settings(state)


def select_delayed(state: AppState, channels: list[str]) -> None:
    """Give ``channels`` a Weibull (delayed-peak) carry-over in the Bayesian model; the others stay geometric.

    Raises:
        DataValidationError: a name that is not one of the data's channels.
    """
    known = list(state.dataset.channels) if state.dataset is not None else []
    unknown = [c for c in channels if c not in known]
    if unknown:
        raise DataValidationError(f"No channel called {', '.join(unknown)}. Channels: {', '.join(known)}.")
    chosen = [c for c in known if c in channels]
    if chosen == state.delayed:
        return
    state.delayed = chosen
    _forget_results(state)
    _sync_settings(state)


def _forget_results(state: AppState) -> None:
    """Drop what was computed from the previous model: the plan, rendered reports and the LLM agent."""
    state.plan = None
    state.reports = {}
    state.agent = None


def _sync_settings(state: AppState) -> None:
    """The session's model settings for the chosen model and carry-over; reuse a stored fit of them, if any."""
    session = state.session
    if session is None:
        return
    settings = {k: v for k, v in session.settings.items() if k != "adstock"}
    if state.model_name == "bayes" and state.delayed:
        settings["adstock"] = {c: "weibull" for c in state.delayed}
    session.settings = settings
    cached = model_store().get(model_key(session.dataset, state.model_name, settings))
    session.set_model(cached)
