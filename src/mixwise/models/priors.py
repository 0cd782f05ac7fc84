"""Priors and lift-test calibration for the Bayesian model, in words a marketer can set.

Everything here is plain NumPy and dataclasses (no JAX): priors are value objects that validate on
construction, and :func:`lognormal_from_mean_sd` turns "TV ROI about 1.5 +/- 0.5" into the
LogNormal the model samples.

Scales used by the model (see :mod:`mixwise.models.bayes_design`):

* ``roi``: incremental kpi per unit of spend over the training weeks (contribution / spend);
* ``half_saturation``: a multiple of the channel's mean weekly spend on weeks it is on air;
* ``slope``: the Hill slope (1 = concave from the first unit, 2 = S-shaped);
* ``decay``: share of a week's effect carried to the next week (geometric adstock).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pandas as pd

from mixwise.errors import ConfigError

__all__ = [
    "LogNormal",
    "BetaPrior",
    "Priors",
    "Experiment",
    "lognormal_from_mean_sd",
    "parse_roi_priors",
    "parse_experiments",
]


def lognormal_from_mean_sd(mean: float, sd: float) -> tuple[float, float]:
    """Parameters (mu, sigma) of the LogNormal with the given mean and standard deviation.

    ``sigma**2 = log(1 + sd**2 / mean**2)`` and ``mu = log(mean) - sigma**2 / 2``, so that
    ``exp(mu + sigma**2 / 2) == mean`` and the variance is ``(exp(sigma**2) - 1) * mean**2 == sd**2``.

    Raises:
        ConfigError: ``mean`` or ``sd`` is not a positive finite number.
    """
    for name, value in (("mean", mean), ("sd", sd)):
        if not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
            raise ConfigError(
                f"A LogNormal prior needs a positive {name}; received {value!r}. "
                "Write it as (mean, sd), e.g. roi_priors={'tv': (1.5, 0.5)}."
            )
    sigma2 = math.log1p((sd / mean) ** 2)
    return math.log(mean) - sigma2 / 2.0, math.sqrt(sigma2)


@dataclass(frozen=True)
class LogNormal:
    """A LogNormal prior given by its median and log-scale spread.

    Attributes:
        median: exp(mu), > 0.
        sigma: Standard deviation of the log, > 0.
    """

    median: float
    sigma: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.median) and self.median > 0 and math.isfinite(self.sigma) and self.sigma > 0):
            raise ConfigError(
                f"LogNormal prior needs median > 0 and sigma > 0; received median={self.median!r}, "
                f"sigma={self.sigma!r}."
            )

    @property
    def mu(self) -> float:
        """Mean of the log."""
        return math.log(self.median)

    @classmethod
    def from_mean_sd(cls, mean: float, sd: float) -> LogNormal:
        """The LogNormal with this mean and standard deviation (see :func:`lognormal_from_mean_sd`)."""
        mu, sigma = lognormal_from_mean_sd(mean, sd)
        return cls(math.exp(mu), sigma)


@dataclass(frozen=True)
class BetaPrior:
    """A Beta(a, b) prior on [0, 1] (mean a / (a + b))."""

    a: float
    b: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.a) and self.a > 0 and math.isfinite(self.b) and self.b > 0):
            raise ConfigError(f"Beta prior needs a > 0 and b > 0; received a={self.a!r}, b={self.b!r}.")


def _as_lognormal(value: Any, what: str) -> LogNormal:
    if isinstance(value, LogNormal):
        return value
    if isinstance(value, Mapping):
        if "median" in value:
            return LogNormal(float(value["median"]), float(value.get("sigma", 0.5)))
        if "mean" in value and "sd" in value:
            return LogNormal.from_mean_sd(float(value["mean"]), float(value["sd"]))
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        return LogNormal.from_mean_sd(float(value[0]), float(value[1]))
    raise ConfigError(
        f"Cannot read the {what} prior {value!r}. Allowed: (mean, sd), {{mean = 1.5, sd = 0.5}} or "
        "{median = 1.5, sigma = 0.4}."
    )


def parse_roi_priors(roi_priors: Mapping[str, Any] | None) -> dict[str, LogNormal]:
    """Per-channel ROI priors from ``{"tv": (1.5, 0.5)}`` (mean, sd) or mappings; keys lower-cased."""
    if roi_priors is None:
        return {}
    if not isinstance(roi_priors, Mapping):
        raise ConfigError(
            f"roi_priors must map channel names to (mean, sd); received {type(roi_priors).__name__}. "
            "Example: roi_priors={'tv': (1.5, 0.5)}."
        )
    return {str(k).strip().lower(): _as_lognormal(v, f"ROI ({k})") for k, v in roi_priors.items()}


@dataclass(frozen=True)
class Priors:
    """Default priors shared by every channel (per-channel ROI priors override ``roi``).

    Attributes:
        roi: Prior on each channel's ROI (median 1, wide: 90% between about 0.2 and 5).
        decay: Prior on geometric adstock decay (mean 0.4).
        half_saturation: Half-saturation as a multiple of the channel's mean on-air weekly spend.
        slope: Hill slope (median 1.5; 90% between about 0.8 and 2.9).
        baseline_sd: Spread of the intercept, in units of mean kpi.
        effect_sd: Spread of trend, seasonality and (standardised) control coefficients, in units of
            mean kpi.
        noise_sd: Scale of the half-normal prior on the noise, in units of mean kpi.
        weibull_shape: Weibull adstock shape (median 2: the effect peaks about a week after the spend).
        weibull_mean: Mean of the Weibull adstock kernel in weeks, counting the week of spend as week 1
            (median 2: the effect centres on the week after the spend; 90% between about 0.9 and 4.6).
    """

    roi: LogNormal = field(default_factory=lambda: LogNormal(1.0, 1.0))
    decay: BetaPrior = field(default_factory=lambda: BetaPrior(2.0, 3.0))
    half_saturation: LogNormal = field(default_factory=lambda: LogNormal(1.0, 0.5))
    slope: LogNormal = field(default_factory=lambda: LogNormal(1.5, 0.4))
    baseline_sd: float = 1.0
    effect_sd: float = 0.5
    noise_sd: float = 0.2
    weibull_shape: LogNormal = field(default_factory=lambda: LogNormal(2.0, 0.4))
    weibull_mean: LogNormal = field(default_factory=lambda: LogNormal(2.0, 0.5))

    def __post_init__(self) -> None:
        for name in ("baseline_sd", "effect_sd", "noise_sd"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and math.isfinite(value) and value > 0):
                raise ConfigError(f"Prior setting {name} must be a positive number; received {value!r}.")

    @classmethod
    def from_dict(cls, table: Mapping[str, Any] | None) -> Priors:
        """Priors from a ``[priors]`` table; unknown keys are an error naming the allowed ones.

        Example::

            [priors]
            roi = {mean = 1.0, sd = 1.0}
            decay = {a = 2, b = 3}
            half_saturation = {median = 1.0, sigma = 0.5}
            slope = {median = 1.5, sigma = 0.4}
        """
        if not table:
            return cls()
        allowed = {"roi", "decay", "half_saturation", "slope", "baseline_sd", "effect_sd", "noise_sd"}
        allowed |= {"weibull_shape", "weibull_mean"}
        unknown = sorted(set(table) - allowed - {"roi_priors"})
        if unknown:
            raise ConfigError(
                f"Unknown prior setting(s) {', '.join(unknown)} in [priors]. Allowed: {', '.join(sorted(allowed))}."
            )
        kwargs: dict[str, Any] = {}
        for name in ("roi", "half_saturation", "slope", "weibull_shape", "weibull_mean"):
            if name in table:
                kwargs[name] = _as_lognormal(table[name], name)
        for name in ("decay",):
            if name not in table:
                continue
            d = table[name]
            if isinstance(d, Mapping) and {"a", "b"} <= set(d):
                kwargs[name] = BetaPrior(float(d["a"]), float(d["b"]))
            elif isinstance(d, Mapping) and {"mean", "sd"} <= set(d):
                kwargs[name] = _beta_from_mean_sd(float(d["mean"]), float(d["sd"]))
            else:
                raise ConfigError(f"Cannot read the {name} prior {d!r}. Allowed: {{a = 2, b = 3}} or {{mean, sd}}.")
        for name in ("baseline_sd", "effect_sd", "noise_sd"):
            if name in table:
                kwargs[name] = float(table[name])
        return cls(**kwargs)


def _beta_from_mean_sd(mean: float, sd: float) -> BetaPrior:
    """Beta with this mean and sd: a + b = mean (1 - mean) / sd**2 - 1."""
    if not (0 < mean < 1) or sd <= 0 or sd**2 >= mean * (1 - mean):
        raise ConfigError(
            f"A decay prior needs 0 < mean < 1 and 0 < sd < sqrt(mean (1 - mean)); received mean={mean}, sd={sd}."
        )
    total = mean * (1 - mean) / sd**2 - 1
    return BetaPrior(mean * total, (1 - mean) * total)


class _ExperimentFields(NamedTuple):
    channel: str
    start: pd.Timestamp
    end: pd.Timestamp
    lift: float
    se: float


class Experiment(_ExperimentFields):
    """A lift test: the channel's measured incremental kpi over a window of weeks.

    The model adds ``lift ~ Normal(sum of the channel's modelled contribution over the weeks
    start..end, se)``. A validated named tuple (so it serialises as plain values in cache keys).

    Attributes:
        channel: Channel name (as in the data).
        start: First week of the test (inclusive), anything ``pandas.Timestamp`` reads.
        end: Last week of the test (inclusive).
        lift: Measured incremental kpi over the window, in kpi units (>= 0).
        se: Standard error of ``lift`` (> 0).
    """

    __slots__ = ()

    def __new__(cls, channel: str, start: Any, end: Any, lift: float, se: float) -> Experiment:
        try:
            start_ts, end_ts = pd.Timestamp(start), pd.Timestamp(end)
        except (ValueError, TypeError) as exc:
            raise ConfigError(
                f"Experiment on '{channel}' has an unreadable date (start={start!r}, end={end!r}); "
                "use ISO dates such as 2024-03-04."
            ) from exc
        if end_ts < start_ts:
            raise ConfigError(f"Experiment on '{channel}' ends ({end_ts.date()}) before it starts ({start_ts.date()}).")
        try:
            lift, se = float(lift), float(se)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"Experiment lift and se must be numbers; received lift={lift!r}, se={se!r}.") from exc
        if not (math.isfinite(lift) and lift >= 0):
            raise ConfigError(f"Experiment lift must be a number >= 0 (kpi units); received {lift!r}.")
        if not (math.isfinite(se) and se > 0):
            raise ConfigError(f"Experiment se must be > 0; received {se!r}.")
        return super().__new__(cls, str(channel), start_ts, end_ts, lift, se)


def parse_experiments(items: Sequence[Any] | None) -> list[Experiment]:
    """Experiments from :class:`Experiment` objects or mappings with channel/start/end/lift/se."""
    out: list[Experiment] = []
    for item in items or ():
        if isinstance(item, Experiment):
            out.append(item)
        elif isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 5:
            out.append(Experiment(*item))
        elif isinstance(item, Mapping):
            missing = [k for k in ("channel", "start", "end", "lift", "se") if k not in item]
            if missing:
                raise ConfigError(
                    f"An [[experiments]] entry lacks {', '.join(missing)}; each needs channel, start, end, lift, se."
                )
            out.append(
                Experiment(str(item["channel"]), item["start"], item["end"], float(item["lift"]), float(item["se"]))
            )
        else:
            raise ConfigError(f"Cannot read experiment {item!r}; pass Experiment(channel, start, end, lift, se).")
    return out
