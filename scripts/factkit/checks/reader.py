"""Reading one CSV resource into a Table: every field as text (null for an empty cell) with each
row's PHYSICAL line number (the header is line 1; a quoted cell holding newlines makes a row span
several lines, so row index + 2 is not always enough). It reports what stops or spoils the reading:
a byte order mark, an empty file, bytes that are not UTF-8, a NUL, broken quoting, a header that is
not the schema's fields, and blank rows or rows with too few or too many cells.

Three paths, fastest first, each taken only when the one before cannot vouch for the file:
1. `_regular`: one polars parse, straight from the bytes, of a file whose every record is one
   line. A few byte counts (line breaks, commas, CRs) prove that every record has exactly the
   header's cells and that no quoted cell spans lines, so row i is on line i + 2. Nearly every
   file takes this path; it never decodes the bytes in Python (polars checks the UTF-8).
2. `_records`: splits records with vectorised polars expressions, for exact line numbers when a
   quoted cell holds a line break, and counts each record's cells.
3. The csv module: exact but slow, for what the others cannot take (odd quoting, stray quotes).
"""
from __future__ import annotations

import csv
import io

import polars as pl

from .context import LINE, Context, Table

# A quoted CSV cell, escaped quotes included; removed before counting the separators of a record.
_QUOTED = r'"(?:[^"]|"")*"'
_BIG = 1 << 22  # bytes: a file this big has its separators counted by numpy, this many at a time


def read_table(ctx: Context, name: str, path: str, schema: dict, data: bytes) -> Table | None:
    """Parse one CSV as all-text columns with physical line numbers, or report why it cannot be."""
    if data.startswith(b"\xef\xbb\xbf"):
        ctx.add("byte-order-mark", path, "the file starts with a UTF-8 byte order mark", "save it as UTF-8 without BOM", line=1)
        data = data[3:]
    if not data or data.isspace():  # isspace stops at the first other byte: no copy, unlike strip()
        ctx.add("empty-file", path, "the file is empty: it needs at least the header line", "write the header line (the schema's field names)")
        return None
    frame = _regular(data, schema)
    if frame is not None:
        return Table(name, path, schema, frame)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        ctx.add("not-utf8", path, f"the file is not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} ({exc.reason})",
                "re-save the file as UTF-8", line=line)
        return None
    if "\x00" in text:
        ctx.add("nul-character", path, "the file contains a NUL character", "remove it; CSV text cannot hold NUL",
                line=text[: text.index("\x00")].count("\n") + 1)
        return None
    records = _records(text)
    if records is None:
        return _read_with_csv_module(ctx, name, path, schema, text)
    header_text = records["t"][0]
    try:
        header = next(csv.reader([header_text.rstrip("\r")], strict=True), [])
    except csv.Error:  # a stray CR or quote in the header line: the exact reader names it
        return _read_with_csv_module(ctx, name, path, schema, text)
    names = _usable_header(ctx, path, schema, header)
    if names is None:
        return None
    try:
        frame = pl.read_csv(data, infer_schema=False, raise_if_empty=False, truncate_ragged_lines=True, new_columns=names)
    except Exception:  # noqa: BLE001 - polars rejects some malformed quoting; the csv module reports it precisely
        return _read_with_csv_module(ctx, name, path, schema, text)
    body = records.slice(1)
    if frame.height != body.height or frame.columns != names:
        return _read_with_csv_module(ctx, name, path, schema, text)
    frame = frame.with_columns(body["line"].alias(LINE), body["cells"].alias("\x00cells"))
    return _finish(ctx, name, path, schema, frame, len(header))


def _regular(data: bytes, schema: dict) -> pl.DataFrame | None:
    """The table of a file whose every record is one line with exactly the schema's cells under the
    schema's own header, read by one polars parse; None when the file is not known to be so.

    The proof is a few byte counts and searches (C speed, no decoding in Python) around that parse:
    - polars reads every record, and raises on a row with too many cells, a malformed quote or
      bytes that are not UTF-8;
    - it reads as many rows as the file has lines after the header (it reads a blank line as a
      row), so no quoted cell spans lines: row i is on line i + 2;
    - each record then has width - 1 separators, unless a row lacks cells (polars pads it silently),
      so the file's commas outside quotes (all its commas, less those inside the cells' values when
      it has quotes at all) must be exactly width - 1 per row; with one column, no cell may be null;
    - a lone CR (a line break to Python's csv module and to frictionless, not to polars), a NUL, or
      a header other than the schema's sends the file to the exact paths, which name the line."""
    names = [f["name"] for f in schema["fields"]]
    if b"\x00" in data or (b"\r" in data and data.count(b"\r") != data.count(b"\r\n")):
        return None
    end = data.find(b"\n")
    try:
        header = next(csv.reader([(data if end < 0 else data[:end]).decode("utf-8").removesuffix("\r")], strict=True), [])
    except (UnicodeDecodeError, csv.Error):
        return None
    if header != names:
        return None
    try:
        frame = pl.read_csv(data, infer_schema=False, raise_if_empty=False, new_columns=names)
    except Exception:  # noqa: BLE001 - any doubt: the exact paths say what is wrong, and where
        return None
    commas, breaks = _count_commas_and_breaks(data)
    lines = breaks + (0 if data.endswith(b"\n") else 1)
    if frame.columns != names or frame.height != lines - 1:
        return None
    cells = [pl.col(n) for n in names]
    inside, empty = 0, False
    if b'"' in data:  # only a quoted cell holds a comma, or is empty but not null ("")
        inside, empty = frame.select(pl.sum_horizontal(c.str.count_matches(",", literal=True).sum() for c in cells).alias("inside"),
                                     pl.any_horizontal((c == "").any() for c in cells).alias("empty")).row(0)
    header_commas = len(names) - 1 + sum(n.count(",") for n in names)
    if commas - inside - header_commas != frame.height * (len(names) - 1):
        return None
    if len(names) == 1 and frame.null_count().item():
        return None  # a blank line, or an empty cell that Python's csv module reads as no cell at all
    if empty:  # Table Schema's default missing value: an empty cell is null, quoted or not
        frame = frame.with_columns(pl.when(c == "").then(None).otherwise(c).alias(n) for c, n in zip(cells, names))
    return frame.with_columns(pl.int_range(2, frame.height + 2, dtype=pl.Int64).alias(LINE))


def _count_commas_and_breaks(data: bytes) -> tuple[int, int]:
    """How many commas and LFs the bytes hold. A big file is counted by numpy, a few megabytes at a
    time (3 times faster than two bytes.count passes; numpy is imported only then)."""
    if len(data) < _BIG:
        return data.count(b","), data.count(b"\n")
    import numpy as np

    view = np.frombuffer(data, np.uint8)
    commas = breaks = 0
    for start in range(0, len(view), _BIG):
        chunk = view[start:start + _BIG]
        commas += int(np.count_nonzero(chunk == ord(",")))
        breaks += int(np.count_nonzero(chunk == ord("\n")))
    return commas, breaks


def _lines(text: str) -> pl.DataFrame:
    """The lines of text split on LF, the CR of each CRLF dropped (any other CR stays), one row each.
    polars' CSV reader with no quoting and a separator the text lacks splits lines multi-threaded,
    several times faster than splitting one huge string."""
    expected = text.count("\n") + (0 if text.endswith("\n") else 1)
    if "\x01" not in text:
        try:
            frame = pl.read_csv(text.encode("utf-8"), has_header=False, separator="\x01", quote_char=None, new_columns=["t"],
                                infer_schema=False, raise_if_empty=False, truncate_ragged_lines=True)
            if frame.height == expected and frame.width == 1:
                return frame.select(pl.col("t").fill_null(""))
        except Exception:  # noqa: BLE001 - any doubt: the exact (slower) split below
            pass
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    lines = [line[:-1] if line.endswith("\r") else line for line in lines[:-1]] + lines[-1:]
    return pl.DataFrame({"t": lines}, schema={"t": pl.Utf8})


def _records(text: str) -> pl.DataFrame | None:
    """Split text into CSV records with their first physical line and their number of cells,
    vectorised: a line with an odd number of quote characters opens (or closes) a quoted cell that
    runs on into the next line. Line numbers count LF, CRLF and a lone CR as line breaks, as
    Python's csv module and most editors do."""
    frame = _lines(text).with_row_index("i")
    if "\r" in text:
        lone_cr = pl.col("t").str.count_matches("\r", literal=True).cast(pl.Int64)  # _lines dropped the CR of each CRLF
        frame = frame.with_columns(lone_cr.alias("cr")).with_columns(
            (pl.col("i").cast(pl.Int64) + pl.col("cr").cum_sum() - pl.col("cr")).alias("i")).drop("cr")
    odd = (pl.col("t").str.count_matches('"', literal=True) % 2 == 1).cast(pl.Int64)
    if frame.select(odd.sum()).item():
        frame = frame.with_columns(odd=odd)
        frame = frame.with_columns(inside=(pl.col("odd").cum_sum() - pl.col("odd")) % 2 == 1)
        if frame["odd"].sum() % 2 == 1:
            return None  # a quote is never closed: let the csv module name the line
        frame = frame.with_columns(rec=(~pl.col("inside")).cum_sum())
        frame = frame.group_by("rec", maintain_order=True).agg(pl.col("i").first(), pl.col("t").str.join("\n"))
    stripped = pl.when(pl.col("t").str.contains('"', literal=True)).then(pl.col("t").str.replace_all(_QUOTED, "")).otherwise(pl.col("t"))
    blank = (pl.col("t") == "") | (pl.col("t") == "\r")
    cells = pl.when(blank).then(0).otherwise(stripped.str.count_matches(",", literal=True) + 1)
    return frame.select((pl.col("i") + 1).cast(pl.Int64).alias("line"), pl.col("t"), cells.cast(pl.Int64).alias("cells"))


def _read_with_csv_module(ctx: Context, name: str, path: str, schema: dict, text: str) -> Table | None:
    """The slow, exact path for files the vectorised reader cannot take (odd quoting, stray quotes)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, lines, counts = [], [], []
    previous = 0
    try:
        for record in reader:
            rows.append(record)
            lines.append(previous + 1)
            counts.append(len(record))
            previous = reader.line_num
    except csv.Error as exc:
        ctx.add("csv-parse-error", path, f"the CSV cannot be parsed: {exc}",
                "check the quoting: a cell holding a comma, quote or newline must be in double quotes, with inner quotes doubled",
                line=previous + 1)
        return None
    if not rows:
        ctx.add("empty-file", path, "the file has no header line", "write the header line (the schema's field names)")
        return None
    header = _usable_header(ctx, path, schema, rows[0])
    if header is None:
        return None
    width = len(header)
    body = [(r + [None] * width)[:width] for r in rows[1:]]
    columns = {h: [None if (r[i] is None or r[i] == "") else r[i] for r in body] for i, h in enumerate(header)}
    frame = pl.DataFrame(columns, schema={h: pl.Utf8 for h in header})
    frame = frame.with_columns(
        pl.Series(LINE, lines[1:], dtype=pl.Int64),
        pl.Series("\x00cells", counts[1:], dtype=pl.Int64),
    )
    return _finish(ctx, name, path, schema, frame, width)


def _usable_header(ctx: Context, path: str, schema: dict, header: list[str]) -> list[str] | None:
    """The column names to read rows with, or None when rows cannot be read. A header with the
    schema's width but wrong names or order is reported, and its rows are still read by position,
    as frictionless does (the schema's i-th field is the i-th column), so that row errors surface too."""
    if _check_header(ctx, path, schema, header):
        return header
    expected = [f["name"] for f in schema["fields"]]
    return expected if len(header) == len(expected) else None


def _check_header(ctx: Context, path: str, schema: dict, header: list[str]) -> bool:
    expected = [f["name"] for f in schema["fields"]]
    if header == expected:
        return True
    hint = f"the header must be exactly: {','.join(expected)}"
    seen = set()
    for h in header:
        if h in seen:
            ctx.add("duplicate-column", path, f"column {h!r} appears twice in the header", hint, line=1, field=h)
        seen.add(h)
    for h in expected:
        if h not in header:
            ctx.add("missing-column", path, f"the header lacks column {h!r}", hint, line=1, field=h)
    for h in dict.fromkeys(header):
        if h not in expected:
            ctx.add("unknown-column", path, f"column {h!r} is not in the schema", hint, line=1, field=h or None)
    common = [h for h in dict.fromkeys(header) if h in expected]
    if common != [h for h in expected if h in common]:
        ctx.add("column-order", path, f"the columns are in the wrong order: {','.join(common)}", hint, line=1)
    return False


def _finish(ctx: Context, name: str, path: str, schema: dict, frame: pl.DataFrame, width: int) -> Table:
    """Report blank rows and rows with too few or too many cells, then drop them so that row checks
    see only well-formed rows (one fault, one error)."""
    bad = frame.filter(pl.col("\x00cells") != width).select(LINE, "\x00cells").rows()
    for line, cells in bad:
        if cells == 0:
            ctx.add("blank-row", path, "the line is empty", "delete the empty line", line=line)
        elif cells < width:
            for absent in [f["name"] for f in schema["fields"]][cells:]:  # one error per missing cell, like frictionless
                ctx.add("missing-cell", path, f"the row has {cells} cells; the header has {width}, so {absent} is missing",
                        "add the missing cells (an empty value is an empty cell between two commas)", line=line, field=absent)
        else:
            ctx.add("extra-cell", path, f"the row has {cells} cells; the header has {width}",
                    "remove the extra cells, or quote the cell that holds a comma", line=line)
    names = [f["name"] for f in schema["fields"]]
    frame = frame.filter(pl.col("\x00cells") == width).select(
        # Table Schema's default missing value: an empty cell (quoted or not) is null.
        [pl.when(pl.col(n) == "").then(None).otherwise(pl.col(n)).alias(n) for n in names] + [pl.col(LINE)]
    )
    return Table(name, path, schema, frame)
