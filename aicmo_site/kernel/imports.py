"""Spreadsheet files in and out (django-import-export): bounded imports, safe exports.

**Imports** are checked against limits before and while they are read, so a huge file
costs neither a worker's memory nor its minutes, and nothing of it is stored:

- the file's size (``AICMO_IMPORT_MAX_BYTES``), from the upload's size, before a byte
  is read (:class:`LimitedImportForm`, :func:`check_size`);
- for an XLSX workbook, what its zip members unpack to
  (``AICMO_IMPORT_MAX_UNPACKED_BYTES``), from the zip directory, before openpyxl opens
  it (a 100 KB workbook can hold a 100 MB cell);
- then, rows being read one at a time (CSV with :mod:`csv`, XLSX with openpyxl's
  read-only mode), the rows after the header (``AICMO_IMPORT_MAX_ROWS``), the width
  of a row (:data:`MAX_COLUMNS`) and the length of a cell
  (``AICMO_IMPORT_MAX_CELL_CHARS``). Reading stops at the first row past a limit.

A refusal is an :class:`ImportFileRefused` naming the limit: the admin shows it as
the file's form error, ``import_leads`` exits with it. The import page shows at most
``AICMO_IMPORT_PREVIEW_ROWS`` rows, with a count of the rest (:func:`preview_bound`).
A previewed import waiting for its confirmation belongs to the session that uploaded
it (:func:`pending_import_add`); the confirm step takes only a file name that session
uploaded (:func:`pending_import_take`), so it never reads or deletes another file.

**Exports** (:class:`EscapingResource`) write a text cell that a spreadsheet would run
as a formula, one starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
(or the full-width ``＝ ＋ － ＠``), with a leading apostrophe, in CSV and XLSX alike
(OWASP, "CSV Injection"); plain numbers such as ``-5`` are left as they are. The
apostrophe is how Excel itself marks a cell as text, so an import reads it back off
(:func:`formula_unescape`) and an exported file imports again unchanged.
django-import-export's ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` is not used: it only
drops a leading ``=`` (changing the value and leaving ``+``, ``-`` and ``@`` live), and
it writes every cell as text, an empty one as ``"None"``.
"""

import contextlib
import csv
import io
import os
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import openpyxl
import tablib
from django import forms
from django.conf import settings
from django.http import HttpRequest
from import_export import resources
from import_export.formats import base_formats
from import_export.forms import ImportForm
from import_export.results import Result
from import_export.tmp_storages import TempFolderStorage
from openpyxl.utils import get_column_letter

from aicmo_site.kernel.errors import ApplicationError

MAX_COLUMNS = 100  # our files have about 20 columns; a wider row is not one of them
CSV_ENCODING = "utf-8-sig"  # a BOM, as Excel writes, is not part of the header
LINE_NUMBERS = "line_numbers"  # the attribute of a dataset read by read_csv
PENDING_SESSION_KEY = "aicmo_pending_imports"
MAX_PENDING = 5  # previewed imports a session may hold per kind (browser tabs)
_FORMULA_START = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


# --- limits -------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportLimits:
    """What an import file may hold (the ``AICMO_IMPORT_*`` settings)."""

    max_bytes: int
    max_unpacked_bytes: int
    max_rows: int
    max_cell_chars: int
    preview_rows: int

    @classmethod
    def from_settings(cls) -> "ImportLimits":
        """Return the limits configured now."""
        return cls(
            max_bytes=settings.AICMO_IMPORT_MAX_BYTES,
            max_unpacked_bytes=settings.AICMO_IMPORT_MAX_UNPACKED_BYTES,
            max_rows=settings.AICMO_IMPORT_MAX_ROWS,
            max_cell_chars=settings.AICMO_IMPORT_MAX_CELL_CHARS,
            preview_rows=settings.AICMO_IMPORT_PREVIEW_ROWS,
        )

    def help_text(self) -> str:
        """Describe the limits for an upload form."""
        return (
            f" At most {size_text(self.max_bytes)}, {self.max_rows:,} rows after the "
            f"header and {self.max_cell_chars:,} characters a cell."
        )


class ImportFileRefused(ApplicationError):
    """An import file is past a limit; nothing of it was stored.

    ``limit`` names the setting (or ``columns``), ``extra`` holds it and its value.
    """

    code = "PAYLOAD_TOO_LARGE"
    http_status = 413
    default_message = "The file is too large to import."

    def __init__(self, message: str, *, limit: str, maximum: int) -> None:
        super().__init__(message, extra={"limit": limit, "max": maximum})
        self.limit = limit


def size_text(size: int) -> str:
    """Return a byte count for people: ``5 MB``, ``12.5 KB``, ``900 bytes``."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{size:,} bytes"


def _sizes(size: int, limit: int) -> tuple[str, str]:
    # Two sizes that round alike are given in bytes: "5,242,881 bytes; at most ...".
    shown = size_text(size), size_text(limit)
    return shown if shown[0] != shown[1] else (f"{size:,} bytes", f"{limit:,} bytes")


def check_size(size: int, limits: ImportLimits) -> None:
    """Refuse a file of ``size`` bytes past ``AICMO_IMPORT_MAX_BYTES``.

    Raises:
        ImportFileRefused: the file is too large.
    """
    if size > limits.max_bytes:
        shown, limit = _sizes(size, limits.max_bytes)
        raise ImportFileRefused(
            f"The file is {shown}; an import takes at most {limit} "
            "(AICMO_IMPORT_MAX_BYTES).",
            limit="AICMO_IMPORT_MAX_BYTES",
            maximum=limits.max_bytes,
        )


def _too_many_rows(limits: ImportLimits) -> ImportFileRefused:
    return ImportFileRefused(
        f"The file has more than {limits.max_rows:,} rows after the header; an import "
        f"takes at most {limits.max_rows:,} (AICMO_IMPORT_MAX_ROWS). Split the file.",
        limit="AICMO_IMPORT_MAX_ROWS",
        maximum=limits.max_rows,
    )


def _check_record(
    record: Sequence[Any],
    *,
    line: int,
    headers: Sequence[Any] | None,
    limits: ImportLimits,
    column_name: Any = str,
) -> None:
    """Refuse a row wider than :data:`MAX_COLUMNS` or with a cell too long."""
    if len(record) > MAX_COLUMNS:
        raise ImportFileRefused(
            f"Line {line} has {len(record):,} columns; a file has at most "
            f"{MAX_COLUMNS}.",
            limit="columns",
            maximum=MAX_COLUMNS,
        )
    for index, cell in enumerate(record):
        if isinstance(cell, str) and len(cell) > limits.max_cell_chars:
            name = headers[index] if headers and index < len(headers) else None
            where = f"column {name}" if name else f"column {column_name(index + 1)}"
            raise ImportFileRefused(
                f"Line {line}, {where}, has {len(cell):,} characters; a cell takes at "
                f"most {limits.max_cell_chars:,} (AICMO_IMPORT_MAX_CELL_CHARS).",
                limit="AICMO_IMPORT_MAX_CELL_CHARS",
                maximum=limits.max_cell_chars,
            )


def read_csv(text: str, limits: ImportLimits) -> tablib.Dataset:
    """Read CSV text within ``limits``, recording the line each row starts on.

    The first non-empty record is the header; empty lines are dropped; a row shorter
    than the header is padded with blanks. ``dataset.line_numbers`` holds each row's
    physical line (from 1), counting empty lines and line breaks inside quoted cells.

    Raises:
        ImportFileRefused: the text is past a limit (reading stopped there).
        csv.Error, tablib.InvalidDimensions: the text is not a CSV table.
    """
    check_size(len(text), limits)
    reader = csv.reader(io.StringIO(text, newline=""))
    dataset = tablib.Dataset()
    headers: list[str] | None = None
    lines: list[int] = []
    start = 1
    try:
        for record in reader:
            if record:
                _check_record(record, line=start, headers=headers, limits=limits)
                if headers is None:
                    headers = dataset.headers = record
                elif len(lines) >= limits.max_rows:
                    raise _too_many_rows(limits)
                else:
                    dataset.append(record + [""] * (len(headers) - len(record)))
                    lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        # The csv module's own cap (131,072 characters) is past ours: say ours.
        if "field larger than field limit" not in str(exc):
            raise
        raise ImportFileRefused(
            f"Line {start} has a cell longer than {limits.max_cell_chars:,} "
            "characters (AICMO_IMPORT_MAX_CELL_CHARS).",
            limit="AICMO_IMPORT_MAX_CELL_CHARS",
            maximum=limits.max_cell_chars,
        ) from exc
    setattr(dataset, LINE_NUMBERS, lines)
    return dataset


def _check_unpacked(data: bytes, limits: ImportLimits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        return  # not a workbook at all: openpyxl says so
    # zipfile never unpacks a member past its declared size, so the sum holds.
    if unpacked > limits.max_unpacked_bytes:
        shown, limit = _sizes(unpacked, limits.max_unpacked_bytes)
        raise ImportFileRefused(
            f"The workbook unpacks to {shown}; an import takes at most {limit} "
            "unpacked (AICMO_IMPORT_MAX_UNPACKED_BYTES).",
            limit="AICMO_IMPORT_MAX_UNPACKED_BYTES",
            maximum=limits.max_unpacked_bytes,
        )


def _trimmed(values: Sequence[Any]) -> Sequence[Any]:
    end = len(values)
    while end and values[end - 1] is None:
        end -= 1
    return values[:end]


def read_xlsx(data: bytes, limits: ImportLimits) -> tablib.Dataset:
    """Read the active sheet of an XLSX workbook within ``limits``.

    The zip directory is checked before openpyxl opens the workbook; rows are then
    streamed (read-only mode, formulas as their last values). The first row is the
    header; a row is as wide as the header (blank cells padded, cells past it
    dropped, as under a blank header); empty rows between rows are kept, so row
    ``n`` of the dataset is sheet row ``n + 1``, and empty rows at the end are
    dropped. Every row after the header counts towards ``AICMO_IMPORT_MAX_ROWS``.

    Raises:
        ImportFileRefused: the workbook is past a limit (reading stopped there).
        Exception: whatever openpyxl raises for a file that is not a workbook.
    """
    check_size(len(data), limits)
    _check_unpacked(data, limits)
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.active
        # Rows as wide as their cells, not as the (untrusted) declared dimension.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        dataset = tablib.Dataset()
        header = _trimmed(next(rows, ()))
        _check_record(
            header, line=1, headers=None, limits=limits, column_name=get_column_letter
        )
        dataset.headers = list(header)
        width, stored, blank = len(header), 0, 0
        for line, row in enumerate(rows, 2):
            values = _trimmed(row)
            if stored + blank >= limits.max_rows:
                raise _too_many_rows(limits)
            if not values:
                blank += 1  # kept only if a row with values follows
                continue
            _check_record(
                values,
                line=line,
                headers=header,
                limits=limits,
                column_name=get_column_letter,
            )
            for _ in range(blank):
                dataset.append([None] * width)
            dataset.append(list(values[:width]) + [None] * (width - len(values)))
            stored, blank = stored + blank + 1, 0
        return dataset
    finally:
        workbook.close()


class BoundedCSV(base_formats.CSV):
    """django-import-export's CSV format, read by :func:`read_csv` within the limits."""

    def create_dataset(self, in_stream: Any, **kwargs: Any) -> tablib.Dataset:
        """Read the uploaded CSV (bytes or text).

        Raises:
            ImportFileRefused: the file is past a limit.
        """
        if isinstance(in_stream, bytes):
            in_stream = in_stream.decode(self.encoding or CSV_ENCODING)
        return read_csv(in_stream, ImportLimits.from_settings())


class BoundedXLSX(base_formats.XLSX):
    """django-import-export's XLSX format, read by :func:`read_xlsx` within limits."""

    def create_dataset(self, in_stream: Any, **kwargs: Any) -> tablib.Dataset:
        """Read the uploaded workbook.

        Raises:
            ImportFileRefused: the file is past a limit.
        """
        return read_xlsx(in_stream, ImportLimits.from_settings())


class LimitedImportForm(ImportForm):
    """django-import-export's upload form, refusing a file past the size limit.

    The size is the upload's, known before the file is read; rows and cells are
    checked as the file is read (:class:`BoundedCSV`, :class:`BoundedXLSX`).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = ImportLimits.from_settings()

    def clean_import_file(self) -> Any:
        """Return the upload if it is within ``AICMO_IMPORT_MAX_BYTES``."""
        upload = self.cleaned_data["import_file"]
        try:
            check_size(upload.size, self.limits)
        except ImportFileRefused as exc:
            raise forms.ValidationError(exc.message, code="too_large") from exc
        return upload


# --- the import page ------------------------------------------------------------


def preview_bound(result: Result, limit: int) -> int:
    """Keep what the import page lists of ``result`` to ``limit`` rows.

    The page lists the file's row errors, else its invalid rows, else the rows to
    import; only that list is cut (totals stay whole). Call it on a result that is
    only shown, never on one still to be processed.

    Returns:
        How many rows of that list are not shown.
    """
    if result.has_errors():
        hidden = max(0, len(result.error_rows) - limit)
        result.error_rows = result.error_rows[:limit]
    elif result.has_validation_errors():
        hidden = max(0, len(result.invalid_rows) - limit)
        result.invalid_rows = result.invalid_rows[:limit]
    else:
        hidden = max(0, len(result.rows) - limit)
        result.rows = result.rows[:limit]
    return hidden


def _pending(request: HttpRequest) -> dict[str, list[dict[str, str]]]:
    pending = request.session.get(PENDING_SESSION_KEY)
    return pending if isinstance(pending, dict) else {}


def temp_file_remove(name: str) -> None:
    """Delete an import's temporary file (django-import-export's temp folder)."""
    with contextlib.suppress(OSError):  # already gone
        TempFolderStorage(name=os.path.basename(name)).remove()


def pending_import_add(
    request: HttpRequest, *, kind: str, file_name: str, **facts: str
) -> None:
    """Remember in the session that this user previewed ``file_name``.

    ``facts`` (the format, the campaign...) must come back unchanged with the file
    name at the confirm step. A session holds :data:`MAX_PENDING` imports per
    ``kind``; the oldest is dropped, and its file deleted.
    """
    pending = _pending(request)
    entry = {"file": os.path.basename(file_name), **facts}
    entries = [e for e in pending.get(kind, []) if e.get("file") != entry["file"]]
    entries.append(entry)
    for stale in entries[:-MAX_PENDING]:
        temp_file_remove(stale["file"])
    pending[kind] = entries[-MAX_PENDING:]
    request.session[PENDING_SESSION_KEY] = pending


def pending_import_take(
    request: HttpRequest, *, kind: str, file_name: str, **facts: str
) -> bool:
    """Return whether this session previewed ``file_name`` with ``facts``; forget it.

    A confirm step calls this before it reads the file: on False it must read and
    delete nothing (the name, or a fact, came from somewhere else).
    """
    pending = _pending(request)
    entries = pending.get(kind, [])
    wanted = {"file": os.path.basename(file_name), **facts}
    if wanted not in entries:
        return False
    entries.remove(wanted)
    pending[kind] = entries
    request.session[PENDING_SESSION_KEY] = pending
    return True


# --- exports --------------------------------------------------------------------


def formula_escape(value: Any) -> Any:
    """Return ``value`` safe for a spreadsheet cell (see the module docstring).

    Text that starts (after any apostrophes) with a formula character gets one more
    leading apostrophe; a plain number, and anything not text, is returned as is.
    """
    if not isinstance(value, str) or not value:
        return value
    body = value.lstrip("'")
    if body[:1] not in _FORMULA_START:
        return value
    if len(body) == len(value) and _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def formula_unescape(text: str) -> str:
    """Undo :func:`formula_escape` on a cell read from a file."""
    if text.startswith("'") and text.lstrip("'")[:1] in _FORMULA_START:
        return text[1:]
    return text


class EscapingResource(resources.Resource):
    """A resource whose exported text cells never start a formula.

    Every export resource derives from it (a test checks each admin's), before
    ``resources.ModelResource`` when it is one.
    """

    def export_resource(
        self, instance: Any, selected_fields: Any = None, **kwargs: Any
    ) -> list[Any]:
        """Return one exported row, each text cell escaped."""
        row = super().export_resource(instance, selected_fields, **kwargs)
        return [formula_escape(value) for value in row]
