"""The project file ``mixwise.toml``: parsed once, each layer reads its own table.

The ``[data]`` table holds the same settings as the data flags (``date``, ``kpi``, ``spend``,
``controls``, ``geo``, ``sheet``, ``query``, ``freq`` and ``source``). Other top-level tables
(``[model]``, ``[priors]``, ``[experiments]``, ``[optimize]``, ``[bounds]``...) belong to other
layers; :func:`load_config` returns them untouched for those layers to validate.

Example::

    [data]
    source = "sales.csv"          # relative to the project file
    kpi = "revenue"
    spend = { tv = "TV_Spend", search = "search_S" }
    controls = ["price", "promo"]
    freq = "W"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from mixwise.errors import ConfigError

__all__ = ["CONFIG_NAME", "DATA_KEYS", "DataSettings", "load_config", "find_config", "data_settings"]

CONFIG_NAME = "mixwise.toml"

#: Keys allowed in the ``[data]`` table.
DATA_KEYS = ("source", "date", "kpi", "spend", "controls", "geo", "sheet", "query", "freq", "revenue_per_kpi")


@dataclass(frozen=True)
class DataSettings:
    """Column mapping and reading options for :func:`mixwise.data.load`.

    Attributes:
        source: Data file (None = bundled sample data).
        date: Date column name.
        kpi: KPI column name.
        spend: Channel name -> spend column ({} = auto-detect).
        controls: Control column names (None = auto-detect, () = none).
        geo: Geo column name.
        sheet: Excel sheet name or 0-based index.
        query: SQL query or table name for database files.
        freq: "W" to aggregate daily data to weekly.
        revenue_per_kpi: Column with the revenue of one kpi unit (a count kpi times it is revenue, so ROI
            is money); "none" keeps the count kpi (None = auto-detect ``revenue_per_*`` / ``value_per_*``).
    """

    source: str | Path | None = None
    date: str | None = None
    kpi: str | None = None
    spend: dict[str, str] = field(default_factory=dict)
    controls: tuple[str, ...] | None = None
    geo: str | None = None
    sheet: str | int | None = None
    query: str | None = None
    freq: str | None = None
    revenue_per_kpi: str | None = None

    def merged(self, **overrides: Any) -> DataSettings:
        """A copy with every non-None override applied (flags win over the project file)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        for key, value in overrides.items():
            if value is None:
                continue
            if key == "spend":
                value = parse_spend(value)
                if not value:
                    continue
            elif key == "controls":
                value = parse_controls(value)
            values[key] = value
        return DataSettings(**values)


def parse_spend(spend: str | dict[str, str] | list[str] | tuple[str, ...] | None) -> dict[str, str]:
    """Parse a spend mapping: ``"tv=TV_Spend,search=search_S"``, a dict, or bare column names.

    A bare column name (``"TV_Spend"``) maps to its normalised channel name (``tv``).

    Raises:
        ConfigError: a pair with an empty name or column, or a non-text value.
    """
    from mixwise.data.roles import channel_name

    if spend is None:
        return {}
    if isinstance(spend, dict):
        items = [(str(k), v) for k, v in spend.items()]
    else:
        parts = spend.split(",") if isinstance(spend, str) else list(spend)
        items = []
        for part in parts:
            part = str(part).strip()
            if not part:
                continue
            name, sep, column = part.partition("=")
            items.append((name.strip(), column.strip()) if sep else (channel_name(part), part))
    mapping: dict[str, str] = {}
    for name, column in items:
        if not isinstance(column, str) or not name.strip() or not column.strip():
            raise ConfigError(
                f"Invalid spend mapping entry {name!r}={column!r}. Write channel=COLUMN pairs, for example "
                '--spend tv=TV_Spend,search=search_S (or spend = {tv = "TV_Spend"} in mixwise.toml).'
            )
        mapping[name.strip()] = column.strip()
    return mapping


def parse_controls(controls: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...] | None:
    """Parse control column names: ``"price,promo"`` or a list; "" or "none" means no controls."""
    if controls is None:
        return None
    if isinstance(controls, str):
        if controls.strip().lower() in ("", "none"):
            return ()
        controls = controls.split(",")
    if not isinstance(controls, list | tuple) or not all(isinstance(c, str) for c in controls):
        raise ConfigError(f"controls must be a list of column names; received {controls!r}.")
    return tuple(c.strip() for c in controls if c.strip())


def find_config(path: str | Path | None = None) -> Path | None:
    """The project file to use: ``path`` if given (must exist), else ``./mixwise.toml`` if present."""
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"Project file not found: {p}. Pass an existing mixwise.toml with --config, or omit it.")
        return p
    candidate = Path.cwd() / CONFIG_NAME
    return candidate if candidate.is_file() else None


def load_config(path: str | Path | None = None) -> dict[str, Any]:
    """Read the project file as a dict of tables ({} when there is none).

    Args:
        path: A mixwise.toml; None looks for ``mixwise.toml`` in the current working directory.

    Returns:
        The parsed TOML (``{"data": {...}, "model": {...}, ...}``) with an extra key
        ``"_path"`` holding the file's absolute path (absent when no file was found).

    Raises:
        ConfigError: the file named does not exist or is not valid TOML.
    """
    p = find_config(path)
    if p is None:
        return {}
    try:
        with p.open("rb") as fh:
            doc = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p} is not valid TOML: {exc}. Fix the line named, then retry.") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{p} is not a UTF-8 text file. Save it as UTF-8 TOML.") from exc
    doc["_path"] = str(p.resolve())
    return doc


def data_settings(config: dict[str, Any]) -> DataSettings:
    """Validate the ``[data]`` table of a parsed project file.

    Raises:
        ConfigError: an unknown key (names it and lists the allowed keys) or a value of the wrong type.
    """
    table = config.get("data", {})
    if not isinstance(table, dict):
        raise ConfigError('[data] in mixwise.toml must be a table of settings, e.g. [data] kpi = "sales".')
    unknown = sorted(set(table) - set(DATA_KEYS))
    if unknown:
        raise ConfigError(
            f"Unknown key(s) in [data] of mixwise.toml: {', '.join(unknown)}. "
            f"Allowed keys: {', '.join(DATA_KEYS)}. Remove or rename them."
        )
    for key in ("date", "kpi", "geo", "query", "freq", "source", "revenue_per_kpi"):
        if key in table and not isinstance(table[key], str):
            raise ConfigError(f"[data] {key} must be a text value; received {table[key]!r}.")
    if "sheet" in table and not isinstance(table["sheet"], str | int):
        raise ConfigError(f"[data] sheet must be a sheet name or 0-based index; received {table['sheet']!r}.")
    source = table.get("source")
    if source is not None and "_path" in config and not Path(source).is_absolute():
        source = str(Path(config["_path"]).parent / source)
    return DataSettings(
        source=source,
        date=table.get("date"),
        kpi=table.get("kpi"),
        spend=parse_spend(table.get("spend")),
        controls=parse_controls(table.get("controls")),
        geo=table.get("geo"),
        sheet=table.get("sheet"),
        query=table.get("query"),
        freq=table.get("freq"),
        revenue_per_kpi=table.get("revenue_per_kpi"),
    )
