"""Load data from the CLI flags and fit (or load the cached fit of) a model: one path for every command."""

from __future__ import annotations

from typing import Any

from mixwise.cli.common import DataArgs

__all__ = ["load_and_fit"]


def load_and_fit(
    data: DataArgs,
    model: str,
    settings: dict[str, Any] | None = None,
    *,
    show_progress: bool = True,
    use_cache: bool = True,
) -> tuple[Any, Any]:
    """Load and validate the data, then fit ``model`` (a cached fit of the same data and settings is reused).

    Settings come from the project file (``[model]``, ``[priors]``, ``[[experiments]]`` in ``mixwise.toml``)
    with ``settings`` (from CLI flags) on top.

    Returns:
        ``(fitted model, LoadResult)``.

    Raises:
        ConfigError: unknown or unavailable model. DataValidationError: the data failed validation.
    """
    from mixwise.cli.progress import fit_progress
    from mixwise.models.cache import fit_or_load
    from mixwise.models.registry import make_model, model_class, settings_from_config

    name = model.strip().lower()
    model_class(name)  # fail early and clearly (unknown model, bayes not importable): no silent fallback
    loaded = data.load()
    loaded.report.raise_if_failed()
    merged = {**settings_from_config(name, getattr(loaded, "config", None)), **(settings or {})}
    with fit_progress(f"Fitting the {name} model", enabled=show_progress and name == "bayes") as callback:
        if use_cache:
            return fit_or_load(loaded.dataset, model=name, settings=merged, progress=callback), loaded
        extra = {"progress": callback} if name == "bayes" else {}
        return make_model(name, **merged, **extra).fit(loaded.dataset), loaded
