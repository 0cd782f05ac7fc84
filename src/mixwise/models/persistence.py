"""Save and load fitted models without pickle: ``model.json`` + ``arrays.npz``.

A saved model is a directory (or a ``.zip`` holding the same two files):

* ``model.json``: ``format``, ``format_version``, ``mixwise_version``, ``model_name``, ``params``
  (``get_params()``, JSON-able values only), ``channels``, ``fit_seconds``, ``diagnostics``,
  ``dataset`` (names, labels, notes, n_weeks, fingerprint), ``media`` (``max_lag``) and ``state``
  (the model's own metadata);
* ``arrays.npz`` (read with ``allow_pickle=False``): ``dataset.dates`` (datetime64, unit kept),
  ``dataset.kpi``, ``dataset.spend``, ``dataset.controls``, ``media.decay``,
  ``media.half_saturation``, ``media.slope``, ``media.coef`` and the model's arrays as
  ``state.<name>``.

Protocol every model class implements (OLSMMM and BayesianMMM):

* ``_state(self) -> (dict, dict[str, np.ndarray])``: model-specific JSON-able metadata and
  named arrays (everything ``base_components`` and the model's extras need);
* ``@classmethod _from_state(cls, meta, arrays, dataset)``: ``meta`` is the model's own
  ``_state()`` metadata after a JSON round trip (lists come back as tuples), with ``"params"``
  (the saved hyper-parameters) added when it has none; ``arrays`` the model's arrays without the
  ``state.`` prefix; ``dataset`` the restored
  :class:`~mixwise.data.Dataset`. It returns an instance with its own state restored; the loader
  then sets the common attributes ``dataset_``, ``channels_``, ``media_params_``,
  ``fit_seconds_`` and ``diagnostics_``.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from mixwise.data.dataset import Dataset
from mixwise.errors import MixwiseError
from mixwise.models.base import MMMBase
from mixwise.transforms.media import MediaParams

__all__ = ["save_model", "load_model", "FORMAT_VERSION", "to_jsonable"]

FORMAT_VERSION = 1
_FORMAT = "mixwise-model"


def _version() -> str:
    from mixwise import __version__

    return __version__


def to_jsonable(obj: Any) -> Any:
    """Plain JSON values: numpy scalars/arrays to Python, tuples to lists, NaN/inf to None.

    Values that cannot be represented (callables, objects) become None.
    """
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return to_jsonable(obj.tolist())
    if isinstance(obj, np.generic):
        return to_jsonable(obj.item())
    if isinstance(obj, float):
        return None if math.isnan(obj) or math.isinf(obj) else obj
    if obj is None or isinstance(obj, bool | int | str):
        return obj
    if isinstance(obj, pd.Timestamp):
        return obj.isoformat()
    return None


def _tuples(obj: Any) -> Any:
    if isinstance(obj, list):
        return tuple(_tuples(v) for v in obj)
    if isinstance(obj, dict):
        return {k: _tuples(v) for k, v in obj.items()}
    return obj


def _payload(model: MMMBase) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    model.check_fitted()
    ds = model.dataset_
    meta_state, state_arrays = model._state()  # type: ignore[attr-defined]
    params = {k: v for k, v in model.get_params().items() if not callable(v)}
    mp = model.media_params_
    meta = {
        "format": _FORMAT,
        "format_version": FORMAT_VERSION,
        "mixwise_version": _version(),
        "model_name": model.model_name,
        "params": params,
        "channels": list(model.channels_),
        "fit_seconds": float(getattr(model, "fit_seconds_", float("nan"))),
        "diagnostics": getattr(model, "diagnostics_", {}),
        "dataset": {
            "kpi_name": ds.kpi_name,
            "channels": list(ds.channels),
            "channel_labels": list(ds.channel_labels),
            "control_names": list(ds.control_names),
            "notes": list(ds.notes),
            "n_weeks": ds.n_weeks,
            "fingerprint": ds.fingerprint(),
        },
        "media": {"max_lag": int(mp.max_lag), "adstock": list(mp.adstock)},
        "state": meta_state,
    }
    arrays = {
        "dataset.dates": np.asarray(ds.dates.values),
        "dataset.kpi": ds.kpi,
        "dataset.spend": ds.spend,
        "dataset.controls": ds.controls,
        "media.decay": mp.decay,
        "media.half_saturation": mp.half_saturation,
        "media.slope": mp.slope,
        "media.coef": mp.coef,
        **({"media.shape": mp.shape, "media.scale": mp.scale} if mp.weibull.any() else {}),
    }
    for name, arr in state_arrays.items():
        arrays[f"state.{name}"] = np.asarray(arr)
    for name, arr in arrays.items():
        if arr.dtype == object:
            raise MixwiseError(f"Cannot save array '{name}' of object dtype; models must store numeric arrays.")
    return to_jsonable(meta), arrays


def save_model(model: MMMBase, path: str | Path) -> Path:
    """Save a fitted model to a directory, or to a single file when ``path`` ends in ``.zip``.

    Returns:
        The path written.
    """
    meta, arrays = _payload(model)
    path = Path(path)
    text = json.dumps(meta, indent=2, allow_nan=False)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    if path.suffix.lower() == ".zip":
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as zf:
            zf.writestr("model.json", text)
            zf.writestr("arrays.npz", buf.getvalue())
    else:
        path.mkdir(parents=True, exist_ok=True)
        (path / "model.json").write_text(text, encoding="utf-8")
        (path / "arrays.npz").write_bytes(buf.getvalue())
    return path


def _read(path: Path) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    if path.is_dir():
        text = (path / "model.json").read_text(encoding="utf-8")
        raw = (path / "arrays.npz").read_bytes()
    elif path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            text = zf.read("model.json").decode("utf-8")
            raw = zf.read("arrays.npz")
    elif not path.exists():
        raise FileNotFoundError(2, "No saved model", str(path))
    else:
        raise MixwiseError(f"'{path}' is not a saved mixwise model (expected a directory or a .zip file).")
    meta = json.loads(text)
    with np.load(io.BytesIO(raw), allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    return meta, arrays


def _kinds(value: Any) -> str | tuple[str, ...]:
    return value if isinstance(value, str) else tuple(str(v) for v in value)


def load_model(path: str | Path) -> MMMBase:
    """Load a model saved with :func:`save_model`.

    Raises:
        FileNotFoundError: nothing at ``path``.
        MixwiseError: the files are not a readable mixwise model (or from a newer format).
    """
    from mixwise.models.registry import model_class

    path = Path(path)
    try:
        meta, arrays = _read(path)
    except (FileNotFoundError, MixwiseError):
        raise
    except Exception as exc:  # noqa: BLE001 - any corruption becomes one clear error
        raise MixwiseError(f"Could not read the saved model at '{path}': {exc}. Refit and save it again.") from exc
    if meta.get("format") != _FORMAT or int(meta.get("format_version", 0)) > FORMAT_VERSION:
        raise MixwiseError(
            f"'{path}' holds format {meta.get('format')!r} version {meta.get('format_version')!r}; this mixwise "
            f"reads {_FORMAT!r} up to version {FORMAT_VERSION}. Refit the model with this version."
        )
    try:
        d = meta["dataset"]
        dataset = Dataset(
            dates=pd.DatetimeIndex(arrays["dataset.dates"]),
            kpi=arrays["dataset.kpi"],
            spend=arrays["dataset.spend"],
            channels=tuple(d["channels"]),
            controls=arrays["dataset.controls"],
            control_names=tuple(d["control_names"]),
            kpi_name=d["kpi_name"],
            channel_labels=tuple(d["channel_labels"]),
            notes=tuple(d["notes"]),
        )
        cls = model_class(meta["model_name"])
        meta["params"] = _tuples(meta.get("params", {}))
        state_arrays = {k[len("state.") :]: v for k, v in arrays.items() if k.startswith("state.")}
        own = dict(meta.get("state") or {})
        own.setdefault("params", meta["params"])
        own["params"] = _tuples(own["params"])
        model = cls._from_state(own, state_arrays, dataset)
        model.dataset_ = dataset
        model.channels_ = tuple(meta["channels"])
        model.media_params_ = MediaParams(
            arrays["media.decay"],
            arrays["media.half_saturation"],
            arrays["media.slope"],
            arrays["media.coef"],
            int(meta["media"]["max_lag"]),
            _kinds(meta["media"].get("adstock", "geometric")),
            arrays.get("media.shape"),
            arrays.get("media.scale"),
        )
        fit_seconds = meta.get("fit_seconds")
        model.fit_seconds_ = float("nan") if fit_seconds is None else float(fit_seconds)
        model.diagnostics_ = dict(meta.get("diagnostics") or {})
    except MixwiseError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise MixwiseError(
            f"The saved model at '{path}' is incomplete or corrupt ({exc}). Refit and save it again."
        ) from exc
    return model
