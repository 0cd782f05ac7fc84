"""An analyst session: the data, its validation report, the fitted model and the conversation.

The session fits lazily (through the model cache) so a question about data quality never waits for
a fit, and every later question reuses the same fitted model.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["AnalystSession"]


@dataclass
class AnalystSession:
    """State shared by the router, the tools, the LLM agent and the MCP server.

    Attributes:
        load_result: What :func:`mixwise.data.load` returned (``.dataset`` and ``.report``).
        model_name: ``bayes`` (default) or ``ols``.
        settings: Model hyper-parameters (draws, chains, seed...).
        use_cache: Reuse a cached fit of the same data and settings.
        progress: Optional ``callable(done, total)`` for fitting progress.
        history: Past (question, answer headline) pairs, for follow-ups and the chat's history.
    """

    load_result: Any
    model_name: str = "bayes"
    settings: dict[str, Any] = field(default_factory=dict)
    use_cache: bool = True
    progress: Callable[[int, int], None] | None = None
    history: list[tuple[str, str]] = field(default_factory=list)
    router_context: Any = None
    _model: Any = None
    _health: Any = None
    _cache: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_source(cls, source: Any = None, **kwargs: Any) -> AnalystSession:
        """Load data (``None`` = bundled sample) and start a session.

        Keyword arguments named like :func:`mixwise.data.load`'s options go to the loader; the rest
        to the session.
        """
        from mixwise.data import load

        load_keys = {"date", "kpi", "spend", "controls", "geo", "config", "sheet", "query", "freq", "revenue_per_kpi"}
        load_kwargs = {k: kwargs.pop(k) for k in list(kwargs) if k in load_keys}
        return cls(load(source, **load_kwargs), **kwargs)

    # ---- data ----------------------------------------------------------------------------------
    @property
    def dataset(self) -> Any:
        """The :class:`~mixwise.data.dataset.Dataset` being analysed."""
        return self.load_result.dataset

    @property
    def report(self) -> Any:
        """The data validation report."""
        return self.load_result.report

    @property
    def channels(self) -> tuple[str, ...]:
        """Normalised channel names."""
        return self.dataset.channels

    # ---- model ---------------------------------------------------------------------------------
    @property
    def is_fitted(self) -> bool:
        """Whether a model is already available in this session."""
        return self._model is not None

    @property
    def model(self) -> Any:
        """The fitted model (fitted or loaded from cache on first use)."""
        if self._model is None:
            self.report.raise_if_failed()
            from mixwise.models.cache import fit_or_load
            from mixwise.models.registry import make_model, settings_from_config

            config = getattr(self.load_result, "config", None)
            merged = {**settings_from_config(self.model_name, config), **self.settings}
            if self.use_cache:
                self._model = fit_or_load(self.dataset, model=self.model_name, settings=merged, progress=self.progress)
            else:
                settings = dict(merged)
                if self.progress is not None and self.model_name == "bayes":
                    settings["progress"] = self.progress
                self._model = make_model(self.model_name, **settings).fit(self.dataset)
        return self._model

    def set_model(self, model: Any) -> None:
        """Use an already fitted model (clears derived results)."""
        self._model = model
        self._health = None
        self._cache.clear()

    def memo(self, key: str, compute: Callable[[], Any]) -> Any:
        """Compute once per session (tables reused across questions)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def remember(self, kind: str, result: Any) -> None:
        """Keep the latest result of a kind (``scenario``, ``plan``, ``drivers``) for its chart."""
        self._cache[f"last_{kind}"] = result

    def last(self, kind: str) -> Any:
        """The latest result of a kind, or None."""
        return self._cache.get(f"last_{kind}")

    @property
    def health(self) -> Any:
        """The model health report (computed once)."""
        if self._health is None:
            from mixwise.analysis.health import health

            self._health = health(self.model, report=self.report)
        return self._health

    def caveats(self) -> list[str]:
        """Caveats every answer carries: data warnings and model-health findings."""
        out: list[str] = []
        out.extend(getattr(self.report, "caveats", None) or [w.message for w in getattr(self.report, "warnings", [])])
        if self._model is not None:
            with contextlib.suppress(Exception):  # health must never break an answer
                out.extend(self.health.caveats)
        return out
