"""Marketing-mix models (OLS, Bayesian), their registry, persistence and on-disk cache.

``BayesianMMM`` is imported lazily (it needs jax/numpyro) through module ``__getattr__``.
"""

from __future__ import annotations

from typing import Any

from mixwise.models.base import MMMBase
from mixwise.models.cache import fit_or_load
from mixwise.models.ols import OLSMMM
from mixwise.models.persistence import load_model, save_model
from mixwise.models.registry import make_model

__all__ = ["MMMBase", "OLSMMM", "BayesianMMM", "make_model", "save_model", "load_model", "fit_or_load"]


def __getattr__(name: str) -> Any:
    if name == "BayesianMMM":
        from mixwise.models.bayesian import BayesianMMM

        return BayesianMMM
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
