"""The contract every marketing-mix model follows (scikit-learn style).

A fitted model is, for every analysis, two things:

* ``media_params_``: draws of the media parameters (:class:`~mixwise.transforms.MediaParams`),
  so the contribution of any spend plan is ``media_contribution(spend, media_params_)``;
* ``base_components(dates, controls)``: draws of every non-media component (baseline, trend,
  seasonality, each control) for any dates, so the model can predict the past, a holdout or a
  future plan.

Draws are aligned: draw ``d`` of the base components belongs with draw ``d`` of the media
parameters. Point-estimate models supply bootstrap draws.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from mixwise.data.dataset import Dataset
from mixwise.errors import NotFittedError
from mixwise.transforms.media import MediaParams, media_contribution

__all__ = ["MMMBase", "BASE_COMPONENTS"]

#: Names of the non-media components every model reports (controls are added by name).
BASE_COMPONENTS = ("baseline", "trend", "seasonality")


class MMMBase(ABC):
    """Abstract marketing-mix model.

    Subclasses store hyper-parameters unchanged in ``__init__`` and set, in ``fit``:
    ``dataset_``, ``channels_``, ``media_params_``, ``fit_seconds_`` and ``diagnostics_``
    (a dict, possibly empty), then return ``self``.
    """

    #: Short name used in the CLI and in saved files (``bayes``, ``ols``).
    model_name: ClassVar[str] = "base"

    dataset_: Dataset
    channels_: tuple[str, ...]
    media_params_: MediaParams
    fit_seconds_: float
    diagnostics_: dict[str, Any]

    @abstractmethod
    def fit(self, dataset: Dataset) -> MMMBase:
        """Estimate the model on ``dataset`` and return ``self``."""

    @abstractmethod
    def base_components(self, dates: pd.DatetimeIndex, controls: np.ndarray) -> dict[str, np.ndarray]:
        """Non-media components for ``dates``.

        Args:
            dates: Weeks to evaluate, shape (n_weeks,).
            controls: Control values on those weeks, shape (n_weeks, n_controls), in the order of
                ``dataset_.control_names``.

        Returns:
            Ordered mapping ``name -> array (n_draws, n_weeks)`` in kpi units: ``baseline``,
            ``trend``, ``seasonality``, then one entry per control.
        """

    def get_params(self) -> dict[str, Any]:
        """Hyper-parameters as given to ``__init__`` (used in cache keys and persistence)."""
        import inspect

        names = [p for p in inspect.signature(type(self).__init__).parameters if p != "self"]
        return {name: getattr(self, name) for name in names}

    # ---- fitted-state helpers -------------------------------------------------------------------
    @property
    def is_fitted(self) -> bool:
        """Whether ``fit`` has run."""
        return hasattr(self, "media_params_")

    def check_fitted(self) -> None:
        """Raise :class:`NotFittedError` unless the model has been fitted."""
        if not self.is_fitted:
            raise NotFittedError(
                f"This {type(self).__name__} is not fitted yet. Call .fit(dataset) first "
                "(or run `mixwise fit --csv PATH`)."
            )

    @property
    def n_draws(self) -> int:
        """Number of parameter draws."""
        self.check_fitted()
        return self.media_params_.n_draws

    def media_contribution(self, spend: np.ndarray | None = None) -> np.ndarray:
        """Weekly contribution per channel, shape (n_draws, n_weeks, n_channels), kpi units.

        Args:
            spend: Spend plan (n_weeks, n_channels); the training spend when omitted.
        """
        self.check_fitted()
        if spend is not None:
            return media_contribution(spend, self.media_params_)
        # The training-spend contribution is used by most analyses: compute it once per fit (keyed on the
        # parameter draws, so a refit recomputes it) and hand out a read-only array.
        cached = self.__dict__.get("_training_media")
        if cached is None or cached[0] is not self.media_params_:
            values = media_contribution(self.dataset_.spend, self.media_params_)
            values.flags.writeable = False
            cached = (self.media_params_, values)
            self.__dict__["_training_media"] = cached
        return cached[1]

    def components(self) -> dict[str, np.ndarray]:
        """Every component on the training weeks: base components then one entry per channel.

        Returns:
            Mapping ``name -> array (n_draws, n_weeks)`` in kpi units; the sum is the prediction.
        """
        self.check_fitted()
        out = dict(self.base_components(self.dataset_.dates, self.dataset_.controls))
        media = self.media_contribution()
        for i, ch in enumerate(self.channels_):
            out[ch] = media[:, :, i]
        return out

    def predict(
        self,
        spend: np.ndarray | None = None,
        dates: pd.DatetimeIndex | None = None,
        controls: np.ndarray | None = None,
    ) -> np.ndarray:
        """Predicted kpi draws, shape (n_draws, n_weeks).

        Args:
            spend: Spend plan (n_weeks, n_channels); training spend when omitted.
            dates: Weeks of the plan; training dates when omitted (must match ``spend`` rows).
            controls: Controls on those weeks; training controls (or their mean for new dates).
        """
        self.check_fitted()
        ds = self.dataset_
        spend = ds.spend if spend is None else np.asarray(spend, dtype=float)
        if dates is None:
            if spend.shape[0] != ds.n_weeks:
                raise ValueError(
                    f"spend has {spend.shape[0]} weeks but no dates were given; pass dates for a plan "
                    f"that is not the {ds.n_weeks} training weeks."
                )
            dates = ds.dates
        if controls is None:
            controls = (
                ds.controls
                if len(dates) == ds.n_weeks and dates.equals(ds.dates)
                else np.tile(ds.controls.mean(axis=0), (len(dates), 1))
            )
        base = self.base_components(pd.DatetimeIndex(dates), np.asarray(controls, dtype=float))
        total = sum(base.values())
        return total + self.media_contribution(spend).sum(axis=-1)
