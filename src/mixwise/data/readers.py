"""Read a data file into a raw DataFrame: CSV (any delimiter), Parquet, Excel, DuckDB, SQLite.

Readers only read; they never parse roles or modify the user's file. Every failure becomes one
:class:`~mixwise.errors.DataValidationError` that names the file, the problem and the fix.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from mixwise.data.parsing import sniff_delimiter
from mixwise.errors import DataValidationError

__all__ = ["RawTable", "read_table", "SUPPORTED"]

SUPPORTED = "CSV/TSV/TXT, Parquet (.parquet), Excel (.xlsx/.xlsm/.xls), DuckDB (.duckdb/.db) or SQLite (.sqlite/.db)"

_EXCEL = {".xlsx", ".xlsm", ".xls"}
_PARQUET = {".parquet", ".pq"}
_DB = {".duckdb", ".ddb", ".db", ".sqlite", ".sqlite3"}
_SQLITE_MAGIC = b"SQLite format 3\x00"
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")


@dataclass(frozen=True)
class RawTable:
    """A file read as-is.

    Attributes:
        frame: One column per field, as read (numbers typed where unambiguous, other cells text).
        format: ``csv``, ``parquet``, ``excel``, ``duckdb`` or ``sqlite``.
        info: Reading details: delimiter, encoding, sheet, sheets, table, query.
    """

    frame: pd.DataFrame
    format: str
    info: dict[str, Any] = field(default_factory=dict)


def _one_line(exc: BaseException) -> str:
    """An exception's message on one line, without a trailing period."""
    return " ".join(str(exc).split()).rstrip(".")


def _kind(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if head.startswith(_SQLITE_MAGIC):
        return "sqlite"
    if head[8:12] == b"DUCK":
        return "duckdb"
    if head.startswith(b"PAR1") or suffix in _PARQUET:
        return "parquet"
    if suffix in _EXCEL or head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        return "excel"
    if suffix in {".duckdb", ".ddb"}:
        return "duckdb"
    if suffix in {".sqlite", ".sqlite3"}:
        return "sqlite"
    return "csv"


def read_table(source: str | Path, *, sheet: str | int | None = None, query: str | None = None) -> RawTable:
    """Read ``source`` by its content and extension.

    Args:
        source: Path of the data file.
        sheet: Excel sheet name or 0-based index (default: the first sheet).
        query: For a database file: SQL text or a table name (default: the only table).

    Raises:
        DataValidationError: missing, empty, binary or unreadable file; wrong sheet; bad query.
    """
    path = Path(source).expanduser()
    if not path.exists():
        raise DataValidationError(
            f"Data file not found: {path}. Check the path (it is relative to {Path.cwd()}), "
            "or omit --csv to use the bundled sample data."
        )
    if path.is_dir():
        raise DataValidationError(f"{path} is a folder, not a data file. Pass a file: {SUPPORTED}.")
    if path.stat().st_size == 0:
        raise DataValidationError(f"The data file {path} is empty (0 bytes). Export the data again and retry.")
    with path.open("rb") as fh:
        head = fh.read(65536)
    kind = _kind(path, head)
    if kind == "csv":
        return _read_csv(path, head)
    if kind == "parquet":
        return _read_parquet(path)
    if kind == "excel":
        return _read_excel(path, sheet)
    return _read_database(path, kind, query)


def _decode(head: bytes) -> tuple[str, str]:
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return head.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            if encoding == "utf-8-sig" and exc.start > len(head) - 4:  # cut inside a multibyte char
                return head[: exc.start].decode(encoding), encoding
    return head.decode("latin-1"), "latin-1"


def _read_csv(path: Path, head: bytes) -> RawTable:
    if b"\x00" in head[:8192]:
        raise DataValidationError(
            f"{path} looks like a binary file, not text (CSV). Supported formats: {SUPPORTED}. "
            "Export the data as CSV, or give the file its proper extension."
        )
    text, encoding = _decode(head)
    if not text.strip():
        raise DataValidationError(f"The data file {path} has no content (only blank space). Export the data again.")
    lines = text.splitlines()
    complete = lines[:-1] if len(head) == 65536 and len(lines) > 1 else lines
    delimiter = sniff_delimiter("\n".join(complete))
    header = next(csv.reader(io.StringIO(complete[0] if complete else text), delimiter=delimiter), [])
    _check_header([h.strip() for h in header], path)
    try:
        frame = pd.read_csv(path, sep=delimiter, encoding=encoding, engine="pyarrow", dtype_backend=None)
    except Exception:  # noqa: BLE001 - pyarrow is strict about ragged rows and quotes; pandas' C parser is not
        try:
            frame = pd.read_csv(path, sep=delimiter, encoding=encoding, skipinitialspace=True)
        except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
            raise DataValidationError(
                f"Could not read {path} as CSV (delimiter {delimiter!r}): {_one_line(exc)}. Check that every row has the "
                "same number of fields, or export the data again."
            ) from exc
    frame.columns = [str(c).strip() for c in frame.columns]
    blank = [c for c in frame.columns if (not c or c.startswith("Unnamed:")) and frame[c].isna().all()]
    if blank:  # a trailing delimiter on every line makes an empty, nameless column
        frame = frame.drop(columns=blank)
    return RawTable(frame, "csv", {"delimiter": delimiter, "encoding": encoding.replace("-sig", "")})


def _check_header(names: list[str], path: Path | str) -> None:
    if not any(names):
        raise DataValidationError(f"{path} has no column names in its first row. Add a header row.")
    dupes = sorted({n for n in names if names.count(n) > 1 and n})
    if dupes:
        raise DataValidationError(
            f"Duplicate column names in {path}: {', '.join(dupes)}. Each column needs a unique name; "
            "rename the duplicates (or delete the repeated column) and retry."
        )


def _mangled_duplicates(frame: pd.DataFrame, path: Path) -> None:
    """pandas renames a repeated ``x`` to ``x.1``; treat that as the duplicate it is."""
    cols = [str(c) for c in frame.columns]
    names = [re.sub(r"\.\d+$", "", c) if re.sub(r"\.\d+$", "", c) in cols else c for c in cols]
    _check_header(names, path)


def _read_parquet(path: Path) -> RawTable:
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many types for corrupt files
        raise DataValidationError(
            f"Could not read {path} as Parquet: {_one_line(exc)}. Check the file is a complete Parquet export."
        ) from exc
    _check_header([str(c) for c in frame.columns], path)
    return RawTable(frame, "parquet", {})


def _read_excel(path: Path, sheet: str | int | None) -> RawTable:
    try:
        book = pd.ExcelFile(path)
    except Exception as exc:  # noqa: BLE001 - openpyxl/xlrd raise many types
        raise DataValidationError(
            f"Could not open {path} as an Excel workbook: {_one_line(exc)}. Save it as .xlsx, or export it as CSV."
        ) from exc
    sheets = [str(s) for s in book.sheet_names]
    chosen: str | int = 0 if sheet is None else sheet
    if isinstance(chosen, str) and chosen not in sheets:
        if chosen.strip().lstrip("-").isdigit():
            chosen = int(chosen)
        else:
            matches = [s for s in sheets if s.lower() == chosen.strip().lower()]
            if not matches:
                raise DataValidationError(
                    f"Sheet {chosen!r} not found in {path.name}. Sheets in this workbook: {', '.join(sheets)}. "
                    "Pass one of them with --sheet (a name or a 0-based index)."
                )
            chosen = matches[0]
    if isinstance(chosen, int) and not 0 <= chosen < len(sheets):
        raise DataValidationError(
            f"Sheet index {chosen} is out of range for {path.name}, which has {len(sheets)} sheet(s): "
            f"{', '.join(sheets)}. Use an index from 0 to {len(sheets) - 1} or a sheet name."
        )
    name = sheets[chosen] if isinstance(chosen, int) else chosen
    frame = pd.read_excel(book, sheet_name=name)
    frame = frame.dropna(axis=1, how="all").loc[:, lambda f: ~f.columns.astype(str).str.startswith("Unnamed:")]
    frame = frame.dropna(axis=0, how="all")
    frame.columns = [str(c).strip() for c in frame.columns]
    _mangled_duplicates(frame, path)
    return RawTable(frame, "excel", {"sheet": name, "sheets": sheets})


def _resolve_query(query: str | None, tables: list[str], path: Path) -> tuple[str, str | None]:
    if query is None or not query.strip():
        if len(tables) == 1:
            return f'SELECT * FROM "{tables[0]}"', tables[0]
        listing = ", ".join(tables) if tables else "(none)"
        raise DataValidationError(
            f"{path.name} holds {len(tables)} tables: {listing}. Say which to read with --query TABLE "
            'or --query "SELECT ...".'
        )
    q = query.strip().rstrip(";")
    if _IDENT.match(q):
        matches = [t for t in tables if t.lower() == q.lower()]
        if not matches:
            raise DataValidationError(
                f"Table {q!r} not found in {path.name}. Tables: {', '.join(tables) or '(none)'}. "
                "Pass one of them with --query, or a full SELECT statement."
            )
        return f'SELECT * FROM "{matches[0]}"', matches[0]
    return q, None


def _read_database(path: Path, kind: str, query: str | None) -> RawTable:
    if kind == "sqlite":
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        except sqlite3.Error as exc:
            raise DataValidationError(f"Could not open SQLite file {path}: {_one_line(exc)}.") from exc
        try:
            tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")]
            sql, table = _resolve_query(query, tables, path)
            try:
                frame = pd.read_sql_query(sql, con)
            except (sqlite3.Error, pd.errors.DatabaseError) as exc:
                raise DataValidationError(f"The query failed on {path.name}: {_one_line(exc)}. Query: {sql}") from exc
        finally:
            con.close()
    else:
        import duckdb

        try:
            con = duckdb.connect(str(path), read_only=True)
        except duckdb.Error as exc:
            raise DataValidationError(f"Could not open DuckDB file {path}: {_one_line(exc)}.") from exc
        try:
            tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
            sql, table = _resolve_query(query, tables, path)
            try:
                frame = con.execute(sql).df()
            except duckdb.Error as exc:
                raise DataValidationError(f"The query failed on {path.name}: {_one_line(exc)}. Query: {sql}") from exc
        finally:
            con.close()
    frame.columns = [str(c).strip() for c in frame.columns]
    _check_header(list(frame.columns), path)
    return RawTable(frame, kind, {"query": sql, "table": table, "tables": tables})
