"""Model names -> classes (``ols``, ``bayes``), with the Bayesian model imported lazily."""

from __future__ import annotations

import inspect
import warnings
from typing import Any

from mixwise.errors import ConfigError

__all__ = ["MODEL_NAMES", "model_class", "make_model", "available_models", "settings_from_config"]

#: Every model name mixwise knows, in display order.
MODEL_NAMES = ("bayes", "ols")


def model_class(name: str) -> type:
    """The model class registered as ``name``.

    Raises:
        ConfigError: unknown name, or the Bayesian model cannot be imported (says why).
    """
    key = str(name).strip().lower()
    if key == "ols":
        from mixwise.models.ols import OLSMMM

        return OLSMMM
    if key == "bayes":
        try:
            from mixwise.models.bayesian import BayesianMMM
        except ImportError as exc:
            raise ConfigError(
                f"The Bayesian model ('bayes') is not available: {exc}. Install jax and numpyro, or use "
                "--model ols for the fast OLS model."
            ) from exc
        return BayesianMMM
    raise ConfigError(f"Unknown model '{name}'. Allowed models: {', '.join(MODEL_NAMES)}.")


def available_models() -> list[str]:
    """Names of the models that can be imported here."""
    out = []
    for name in MODEL_NAMES:
        try:
            model_class(name)
        except ConfigError:
            continue
        out.append(name)
    return out


def make_model(name: str, **settings: Any) -> Any:
    """An unfitted model ``name`` with hyper-parameters ``settings``.

    Raises:
        ConfigError: unknown model name or a setting the model does not take.
    """
    cls = model_class(name)
    params = inspect.signature(cls.__init__).parameters
    allowed = [p for p in params if p != "self"]
    open_kwargs = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    unknown = [] if open_kwargs else sorted(set(settings) - set(allowed))
    if unknown:
        raise ConfigError(f"Unknown setting(s) {', '.join(unknown)} for model '{name}'. Allowed: {', '.join(allowed)}.")
    return cls(**settings)


def settings_from_config(name: str, config: dict[str, Any] | None) -> dict[str, Any]:
    """Model hyper-parameters a project file (``mixwise.toml``) sets for model ``name``; {} when none.

    The Bayesian model reads ``[model]``, ``[priors]`` and ``[[experiments]]``; OLS reads the ``[model]`` keys
    it has (``bootstrap_draws``, ``seed``, ``holdout_weeks``...). CLI flags are merged on top by the caller.
    """
    if not config or not any(config.get(k) for k in ("model", "priors", "experiments")):
        return {}
    cls = model_class(name)
    if hasattr(cls, "config_settings"):
        return cls.config_settings(config)
    accepted = set(inspect.signature(cls.__init__).parameters) - {"self"}
    table = dict(config.get("model") or {})
    if table.get("adstock", "geometric") != "geometric" and "adstock" not in accepted:
        warnings.warn(
            f"[model] adstock = {table['adstock']!r} applies to the Bayesian model only; the {name} model "
            "searches geometric adstock.",
            stacklevel=2,
        )
    return {k: v for k, v in table.items() if k in accepted}
