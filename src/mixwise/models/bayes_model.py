"""The NumPyro model and sampler behind :class:`~mixwise.models.bayesian.BayesianMMM`.

This is the only module that uses JAX and NumPyro, and it imports them inside its functions (the
first ``fit``). :func:`configure_jax` must run before JAX initialises its CPU backend: it asks XLA
for one host device per chain (so ``chain_method="parallel"`` runs the chains side by side from
one compile) and turns on JAX's persistent compilation cache. **Interfaces must not import jax
before the first fit** (the CLI imports it only inside ``fit``); if JAX is already initialised
with fewer devices, the chains run sequentially (correct, slower).

Model (scaled units, see :mod:`mixwise.models.bayes_design`)::

    y_t = X_t . beta + sum_c coef_c * hill(adstock(x_c; decay_c)_t; K_c, slope_c) + Normal(0, sigma)
    coef_c = roi_c * spend_c / sum_t hill(...)_t      (so roi_c is the channel's ROI exactly)
    beta ~ Normal(lin_mean, lin_sd)                    (intercept, trend, Fourier, controls)

The linear coefficients ``beta`` are integrated out analytically inside the likelihood (a
Gaussian marginal computed from a precomputed SVD: matrix-vector products only), so NUTS explores
only the media parameters and sigma; after sampling, each draw's ``beta`` is drawn exactly from its
Gaussian conditional (:func:`draw_linear`). Same posterior, far better geometry: no intercept /
always-on channel ridge.

Speed choices (measured, see ``benchmarks/RESULTS_bayes.md``): one unconstrained parameter vector
with hand-written prior densities (less to compile), a dense mass matrix (half the leapfrog
steps), and an own ``pmap`` over chains that passes the data as an argument, so one compiled
program (cached on disk) serves every dataset, prior and experiment set of the same shape.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from mixwise.transforms.adstock import apply_kernel, geometric_weights, weibull_weights
from mixwise.transforms.saturation import hill

__all__ = [
    "configure_jax",
    "cache_dir",
    "mmm_model",
    "constrain",
    "run_nuts",
    "draw_linear",
    "media_sum",
    "kernel_weights",
    "split_kinds",
    "chunk_size",
]

_CONFIGURED: dict[str, Any] = {}


def cache_dir() -> Path:
    """Where JAX keeps compiled programs: ``$MIXWISE_CACHE_DIR/jax`` or ``~/.cache/mixwise/jax``."""
    root = os.environ.get("MIXWISE_CACHE_DIR") or str(Path.home() / ".cache" / "mixwise")
    return Path(root) / "jax"


def configure_jax(n_devices: int = 4) -> int:
    """Prepare JAX for parallel chains and a persistent compile cache; returns the device count.

    Call before anything initialises JAX. Sets ``XLA_FLAGS=--xla_force_host_platform_device_count``
    unless the user already chose a count, then imports jax.
    """
    if "devices" in _CONFIGURED:
        return int(_CONFIGURED["devices"])
    flags = os.environ.get("XLA_FLAGS", "")
    if "xla_force_host_platform_device_count" not in flags:
        os.environ["XLA_FLAGS"] = f"{flags} --xla_force_host_platform_device_count={n_devices}".strip()
    import jax

    try:
        path = cache_dir()
        path.mkdir(parents=True, exist_ok=True)
        jax.config.update("jax_compilation_cache_dir", str(path))
        jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.0)
        jax.config.update("jax_persistent_cache_min_entry_size_bytes", 0)
    except (OSError, AttributeError):  # read-only home or an old jax: compile every time
        pass
    _CONFIGURED["devices"] = jax.local_device_count()
    return int(_CONFIGURED["devices"])


def mmm_model(data: dict[str, Any], n_obs: int, max_lag: int, kinds: tuple[str, ...] | None = None) -> None:
    """NumPyro model over the arrays of :class:`~mixwise.models.bayes_design.Design` plus
    ``hyper`` = [decay_a, decay_b, K_mu, K_sigma, slope_mu, slope_sigma, noise_sd, shape_mu, shape_sigma,
    mean_week_mu, mean_week_sigma].

    ``kinds`` gives each channel's adstock kernel (``"geometric"`` or ``"weibull"``; None = all
    geometric). One unconstrained vector ``z`` carries every parameter: the adstock block (a decay =
    sigmoid(z) with a Beta(a, b) prior per geometric channel, then a Weibull shape and mean week =
    exp(z) with LogNormal priors per Weibull channel), then half_saturation / slope / roi = exp(z)
    with LogNormal priors (Normal on z) and sigma = exp(z_s) with a HalfNormal prior. The log
    densities (with their Jacobians, constants dropped) are written out, which is exactly the density
    NumPyro would build from distribution objects and transforms, in fewer operations: about a third
    less compile time.
    """
    import jax
    import jax.numpy as jnp
    import numpyro
    import numpyro.distributions as dist
    from numpyro.distributions import constraints

    lags = data["lags"]
    c = lags.shape[-1]
    h = data["hyper"]
    geo, wb, order = split_kinds(kinds, c)
    ng, nw = len(geo), len(wb)
    n_ad = ng + 2 * nw
    z = numpyro.sample("z", dist.ImproperUniform(constraints.real_vector, (), event_shape=(n_ad + 3 * c + 1,)))
    zd, zsh, zm = z[:ng], z[ng : ng + nw], z[ng + nw : n_ad]
    zk, zs, zr, zsig = z[n_ad : n_ad + c], z[n_ad + c : n_ad + 2 * c], z[n_ad + 2 * c : n_ad + 3 * c], z[-1]
    # Beta(a, b) on sigmoid(zd) with Jacobian d (1 - d): a log d + b log(1 - d)
    logp = jnp.sum(-h[0] * jax.nn.softplus(-zd) - h[1] * jax.nn.softplus(zd))
    # LogNormal priors on a Weibull kernel's shape k = exp(zsh) and mean week m = exp(zm) (the week of spend
    # counts as 1); its scale follows, lambda = m / Gamma(1 + 1/k). Shape and mean are far less correlated in
    # the posterior than shape and scale, which NUTS explores badly.
    if nw:
        logp += -0.5 * jnp.sum(jnp.square((zsh - h[7]) / h[8]) + jnp.square((zm - h[9]) / h[10]))
    parts = []
    if ng:
        parts.append(geometric_weights(jax.nn.sigmoid(zd), max_lag, xp=jnp))
    if nw:
        parts.append(weibull_weights(jnp.exp(zsh), _weibull_scale(zsh, zm, max_lag, jnp), max_lag, xp=jnp))
    weights = parts[0] if len(parts) == 1 else jnp.concatenate(parts, axis=-1)[..., jnp.asarray(order)]
    # LogNormal(mu, s) on exp(z) with Jacobian exp(z): Normal(mu, s) on z
    logp += -0.5 * jnp.sum(jnp.square((zk - h[2]) / h[3]) + jnp.square((zs - h[4]) / h[5]))
    logp += -0.5 * jnp.sum(jnp.square((zr - data["roi_mu"]) / data["roi_sigma"]))
    # HalfNormal(s0) on sigma = exp(zsig) with Jacobian sigma
    s2 = jnp.exp(2.0 * zsig)
    logp += zsig - 0.5 * s2 / jnp.square(h[6])
    numpyro.factor("prior", logp)

    media = _media(lags, weights, jnp.exp(zk), jnp.exp(zs), jnp.exp(zr), data["roi_factor"], n_obs, jnp)
    # Gaussian marginal of y - media over beta ~ N(lin_mean, diag(lin_sd^2)) and noise N(0, sigma^2),
    # via the SVD of the prior-scaled design X diag(lin_sd) = Q diag(sqrt(lam)) V^T (precomputed):
    # -2 log p = |r - Q w|^2 / s2 + sum w^2 / (lam + s2) + (n - P) log s2 + sum log(lam + s2) + const.
    r = data["y"][:n_obs] - media[:n_obs].sum(axis=-1) - data["lin_offset"]
    q, lam = data["Q"], data["lam"]
    w = q.T @ r
    perp = r - q @ w
    quad = perp @ perp / s2 + jnp.sum(jnp.square(w) / (lam + s2))
    logdet = (n_obs - lam.shape[0]) * jnp.log(s2) + jnp.sum(jnp.log(lam + s2))
    numpyro.factor("obs", -0.5 * (quad + logdet))
    if data["exp_lift"].shape[0]:
        modelled = (data["exp_mask"] * media[:, data["exp_channel"]].T).sum(axis=-1)
        numpyro.factor("lift", -0.5 * jnp.sum(jnp.square((data["exp_lift"] - modelled) / data["exp_se"])))


def _weibull_scale(z_shape: Any, z_mean: Any, max_lag: int, xp: Any) -> Any:
    """Weibull scale in units of ``max_lag`` from log shape and log mean week: mean / Gamma(1 + 1/k) / max_lag."""
    if xp is np:
        from scipy.special import gammaln
    else:
        from jax.scipy.special import gammaln
    return xp.exp(z_mean - gammaln(1.0 + xp.exp(-z_shape))) / max(max_lag, 1)


def split_kinds(
    kinds: tuple[str, ...] | None, n_channels: int
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """``(geometric channels, Weibull channels, order)``: the kernels are computed per group, concatenated
    (geometric first) and put back in channel order by ``order``."""
    kinds = kinds or ("geometric",) * n_channels
    geo = tuple(i for i, k in enumerate(kinds) if k != "weibull")
    wb = tuple(i for i, k in enumerate(kinds) if k == "weibull")
    return geo, wb, tuple(int(i) for i in np.argsort(geo + wb))


def constrain(
    z: np.ndarray, n_channels: int, kinds: tuple[str, ...] | None = None, max_lag: int = 8
) -> dict[str, np.ndarray]:
    """Named parameters from unconstrained draws ``z (..., n_adstock + 3 C + 1)`` (scaled units).

    ``decay`` has one column per channel (0 for Weibull channels); with any Weibull channel, ``shape``,
    ``scale`` and ``mean_week`` do too (1 for geometric channels).
    """
    c = n_channels
    geo, wb, _ = split_kinds(kinds, c)
    ng, nw = len(geo), len(wb)
    n_ad = ng + 2 * nw
    lead = z.shape[:-1]
    decay = np.zeros((*lead, c))
    decay[..., list(geo)] = 1.0 / (1.0 + np.exp(-z[..., :ng]))
    out: dict[str, np.ndarray] = {"decay": decay}
    if nw:
        zsh, zm = z[..., ng : ng + nw], z[..., ng + nw : n_ad]
        for name, value in (
            ("shape", np.exp(zsh)),
            ("scale", _weibull_scale(zsh, zm, max_lag, np)),
            ("mean_week", np.exp(zm)),
        ):
            full = np.ones((*lead, c))
            full[..., list(wb)] = value
            out[name] = full
    out.update(
        {
            "half_saturation": np.exp(z[..., n_ad : n_ad + c]),
            "slope": np.exp(z[..., n_ad + c : n_ad + 2 * c]),
            "roi": np.exp(z[..., n_ad + 2 * c : n_ad + 3 * c]),
            "sigma": np.exp(z[..., n_ad + 3 * c]),
        }
    )
    return out


def _media(lags: Any, weights: Any, half_sat: Any, slope: Any, roi: Any, roi_factor: Any, n_obs: int, xp: Any) -> Any:
    """Scaled weekly media effect (..., T, C) with coef set so that sum over fitted weeks = roi * roi_factor."""
    adstocked = apply_kernel(lags, weights, xp=xp)
    sat = hill(adstocked, half_sat, slope, xp=xp)
    coef = roi * roi_factor / xp.maximum(sat[..., :n_obs, :].sum(axis=-2), 1e-6)
    return sat * coef[..., None, :]


def kernel_weights(samples: dict[str, np.ndarray], max_lag: int) -> np.ndarray:
    """Adstock weights (D, max_lag + 1, C) of constrained draws, in NumPy: geometric from ``decay``, Weibull
    for the channels marked by ``kinds`` (a tuple in ``samples``, absent = all geometric)."""
    geometric = geometric_weights(np.clip(samples["decay"], 0.0, 1.0 - 1e-9), max_lag)
    kinds = samples.get("kinds")
    if kinds is None or "weibull" not in kinds:
        return geometric
    weibull = weibull_weights(samples["shape"], np.maximum(samples["scale"], 1e-9), max_lag, kind="pdf")
    mask = np.array([k == "weibull" for k in kinds])
    return np.where(mask[None, None, :], weibull, geometric)


def media_sum(data: dict[str, np.ndarray], samples: dict[str, np.ndarray], n_obs: int, max_lag: int) -> np.ndarray:
    """Total scaled media effect per draw and week, shape (D, T), in float64 NumPy."""
    media = _media(
        data["lags"],
        kernel_weights(samples, max_lag),
        samples["half_saturation"],
        samples["slope"],
        samples["roi"],
        data["roi_factor"],
        n_obs,
        np,
    )
    return media.sum(axis=-1)


def draw_linear(
    data: dict[str, np.ndarray], media: np.ndarray, sigma: np.ndarray, n_obs: int, rng: np.random.Generator
) -> np.ndarray:
    """Exact draws of beta | media parameters, sigma, y (Gaussian conjugate update).

    Args:
        data: Design arrays (``X``, ``XtX``, ``y``, ``lin_mean``, ``lin_sd``).
        media: Scaled total media per draw, shape (D, T).
        sigma: Noise sd per draw, shape (D,).
        n_obs: Fitted weeks.
        rng: Seeded generator.

    Returns:
        beta draws, shape (D, P): intercept, trend, Fourier terms, controls (scaled units).
    """
    x = data["X"][:n_obs]
    prec0 = 1.0 / np.square(data["lin_sd"])
    s2 = np.square(sigma)[:, None, None]
    a = data["XtX"][None] / s2 + np.diag(prec0)[None]  # (D, P, P)
    r = data["y"][None, :n_obs] - media[:, :n_obs] - (x @ data["lin_mean"])[None]
    b = (r @ x) / s2[:, :, 0]  # (D, P)
    chol = np.linalg.cholesky(a)
    mean = np.linalg.solve(a, b[..., None])[..., 0]
    z = rng.standard_normal(mean.shape)
    # beta = mean + L^-T z has covariance (L L^T)^-1 = A^-1.
    noise = np.linalg.solve(np.swapaxes(chol, -1, -2), z[..., None])[..., 0]
    return data["lin_mean"][None] + mean + noise


def _kernel(n_obs: int, max_lag: int, target_accept: float, adstock: tuple[str, ...]) -> Any:
    from numpyro.infer import NUTS, init_to_uniform

    return NUTS(
        partial(mmm_model, n_obs=n_obs, max_lag=max_lag, kinds=adstock),
        target_accept_prob=target_accept,
        dense_mass=True,
        init_strategy=init_to_uniform(radius=0.5),
    )


class _Spec(NamedTuple):
    """The static settings of one sampling program (hashable: part of what JAX compiles)."""

    n_obs: int
    max_lag: int
    warmup: int
    target_accept: float
    adstock: tuple[str, ...]

    def kernel(self) -> Any:
        return _kernel(self.n_obs, self.max_lag, self.target_accept, self.adstock)


def _init_chain(key: Any, data: dict[str, Any], *, spec: _Spec) -> Any:
    """Initial NUTS state of one chain (traceable: run under ``jax.pmap``)."""
    return spec.kernel().init(key, spec.warmup, None, model_args=(data,), model_kwargs={})


def _advance_chain(state: Any, data: dict[str, Any], *, spec: _Spec, steps: int) -> tuple[Any, tuple[Any, Any, Any]]:
    """``steps`` NUTS iterations of one chain from ``state`` (traceable: run under ``jax.pmap``).

    Returns the new state and, per iteration, the unconstrained draw (4 C + 1), the divergence flag
    and the tree size. Warm-up adaptation lives in the state, so running the iterations in chunks
    gives exactly the draws one long run would.
    """
    import jax

    kernel = spec.kernel()
    # init builds the kernel's sample function for these model arguments; its state is discarded
    kernel.init(state.rng_key, spec.warmup, None, model_args=(data,), model_kwargs={})

    def step(s: Any, _: Any) -> tuple[Any, tuple[Any, Any, Any]]:
        s = kernel.sample(s, (data,), {})
        return s, (s.z["z"], s.diverging, s.num_steps)

    return jax.lax.scan(step, state, None, length=steps)


def chunk_size(total: int, target_chunks: int = 10) -> int:
    """Iterations per sampling call: about ``total / target_chunks``, a divisor of ``total`` when one is near.

    Progress is reported after each call, and every call runs the same compiled program.
    """
    ideal = max(1, -(-total // target_chunks))
    for size in range(ideal, max(1, total // (2 * target_chunks)) - 1, -1):
        if total % size == 0:
            return size
    return ideal


def run_nuts(
    data: dict[str, np.ndarray],
    *,
    n_obs: int,
    max_lag: int,
    chains: int,
    warmup: int,
    draws: int,
    seed: int,
    target_accept: float,
    progress: Callable[[int, int], None] | None = None,
    adstock: tuple[str, ...] | None = None,
) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """Sample the posterior with NUTS, then the linear coefficients exactly.

    The iterations run in chunks of :func:`chunk_size` iterations, so ``progress`` hears ``(0, total)``
    at the start and ``(done, total)`` after each chunk; the draws are the same as one long run's.

    Returns:
        ``(samples, diagnostics)``: samples per site grouped by chain, shape (chains, draws, ...),
        including ``beta (chains, draws, P)``; diagnostics ``{"max_rhat", "min_ess",
        "divergences", "chain_method"}`` over every sampled quantity.
    """
    n_devices = configure_jax(max(4, chains))
    import jax
    import jax.numpy as jnp
    from numpyro.diagnostics import effective_sample_size, split_gelman_rubin

    chain_method = "parallel" if n_devices >= chains else "sequential"
    total = warmup + draws
    adstock = tuple(adstock or ("geometric",) * data["lags"].shape[-1])
    jdata = {k: jnp.asarray(v, dtype=jnp.int32 if k == "exp_channel" else jnp.float32) for k, v in data.items()}
    keys = jax.random.split(jax.random.PRNGKey(seed), chains)
    steps = chunk_size(total)
    spec = _Spec(n_obs, max_lag, warmup, target_accept, adstock)
    init = partial(_init_chain, spec=spec)
    advance = partial(_advance_chain, spec=spec, steps=steps)
    if chain_method == "parallel":
        # data is an argument (not a closure constant), so one compiled program serves every
        # dataset of the same shape and JAX's persistent cache hits across processes
        init_all = jax.pmap(init, in_axes=(0, None))
        advance_all = jax.pmap(advance, in_axes=(0, None))
    else:
        init_all = jax.jit(lambda ks, d: jax.lax.map(lambda k: init(k, d), ks))
        advance_all = jax.jit(lambda ss, d: jax.lax.map(lambda s: advance(s, d), ss))
    if progress is not None:
        progress(0, total)
    state = init_all(keys, jdata)
    chunks = []
    for done in range(steps, total + steps, steps):  # the last call may run past total; the extra is dropped
        state, out = advance_all(state, jdata)
        chunks.append(jax.device_get(out))
        if progress is not None:
            progress(min(done, total), total)
    draws_z, diverging, num_steps = (
        np.concatenate(parts, axis=1)[:, warmup:total] for parts in zip(*chunks, strict=True)
    )
    samples = constrain(np.asarray(draws_z, dtype=float), data["lags"].shape[-1], adstock, max_lag)
    flat = {k: v.reshape((-1,) + v.shape[2:]) for k, v in samples.items()}
    media = media_sum(data, {**flat, "kinds": adstock}, n_obs, max_lag)
    beta = draw_linear(data, media, flat["sigma"], n_obs, np.random.default_rng(seed))
    samples["beta"] = beta.reshape(chains, draws, -1)
    rhats, esss = [], []
    for name in samples:
        arr = samples[name].reshape(chains, draws, -1)
        arr = arr[:, :, np.ptp(arr, axis=(0, 1)) > 0]  # drop placeholders (a Weibull channel's decay): not sampled
        if arr.shape[-1] == 0:
            continue
        if chains > 1:
            rhats.append(np.nanmax(np.atleast_1d(split_gelman_rubin(arr))))
        esss.append(np.nanmin(np.atleast_1d(effective_sample_size(arr))))
    diagnostics = {
        "max_rhat": float(max(rhats)) if rhats else float("nan"),
        "min_ess": float(min(esss)),
        "divergences": int(np.asarray(diverging).sum()),
        "mean_steps": float(np.asarray(num_steps).mean()),
        "chain_method": chain_method,
    }
    return samples, diagnostics
