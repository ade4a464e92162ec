"""What the checks share: the descriptor, the readable tables (raw text + physical line numbers),
typed views of them, the source texts, and the report errors go into.

Checks may run on two threads at once (validate.py): a check's findings then wait in a list of its
own (`recording`) and reach the report in the checks' fixed order (`replay`), so the report is
the same, error for error, as when the checks run one after the other."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polars as pl

from ..core.types import typed
from ..core.vocab import field_of
from .catalogue import require
from .metadata import BUILD
from .report import Report
from .safety import Confinement

# The column holding each row's physical CSV line; the leading NUL keeps it apart from any field name.
LINE = "\x00line"


@dataclass
class Table:
    name: str
    file: str                 # path as the descriptor gives it, relative to datapackage.json
    schema: dict
    raw: pl.DataFrame         # every field as text (null = empty cell) plus LINE

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.schema["fields"]]

    def field(self, name: str) -> dict | None:
        return field_of(self.schema, name)

    def frame(self, *columns: str, **types: str) -> pl.DataFrame:
        """The raw frame (only `columns` and LINE when columns are named: a filter or join then
        copies no other column) with the named fields cast to the type the calling check reads
        them as (e.g. frame("fact_id", start="integer")). Identifiers stay text, so joins across
        tables always compare like with like whatever a schema declares. A cell that does not cast
        becomes null (its type error is reported by the fields check), so checks never see a
        malformed value."""
        raw = self.raw.select(*dict.fromkeys([*columns, *types, LINE])) if columns else self.raw
        return raw.with_columns([typed({"name": n, "type": t}) for n, t in types.items()])


@dataclass
class Context:
    descriptor_path: Path
    report: Report
    descriptor: dict = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)     # readable resources only
    declared: dict[str, str] = field(default_factory=dict)     # every declared resource name -> file
    texts: dict[str, str] = field(default_factory=dict)        # source_id -> text (readable, hash-checked or not)
    text_files: dict[str, str] = field(default_factory=dict)   # source_id -> path inside the package
    stale: dict[str, str] = field(default_factory=dict)        # resource file -> how it differs from the descriptor
    _missing_reported: set = field(default_factory=set)
    _local: threading.local = field(default_factory=threading.local)

    @property
    def root(self) -> Path:
        return self.descriptor_path.parent

    @property
    def descriptor_name(self) -> str:
        return self.descriptor_path.name

    @cached_property
    def confinement(self) -> Confinement:
        return Confinement(self.root)

    @cached_property
    def text_frame(self) -> pl.DataFrame:
        """The readable source texts as one frame (source_id, text), in the sources table's order,
        for the checks that read every text at once (made once the source check has read them)."""
        return pl.DataFrame({"source_id": list(self.texts), "text": list(self.texts.values())}, schema={"source_id": pl.Utf8, "text": pl.Utf8})

    def add(self, *args, **kwargs) -> None:
        self._record(None, "add", args, kwargs)

    def add_uncounted(self, *args) -> None:
        """Report.add_uncounted, in its turn with the findings around it."""
        self._record(None, "add_uncounted", args, {})

    def _add_once(self, key, *args, **kwargs) -> None:
        """ctx.add, unless an earlier finding with this key was reported (a missing resource or
        field is reported once, by the first check that needs it)."""
        self._record(key, "add", args, kwargs)

    def _record(self, key, method: str, args, kwargs) -> None:
        findings = getattr(self._local, "findings", None)
        if findings is None:
            self.replay([(key, method, args, kwargs)])
        else:
            require(args[0] if method == "add" else args[1])  # an unknown code fails in its check, as unrecorded
            findings.append((key, method, args, kwargs))

    @contextmanager
    def recording(self):
        """Collect this thread's findings instead of reporting them; yields the list."""
        self._local.findings = findings = []
        try:
            yield findings
        finally:
            self._local.findings = None

    def replay(self, findings: list) -> None:
        for key, method, args, kwargs in findings:
            if key is not None:
                if key in self._missing_reported:
                    continue
                self._missing_reported.add(key)
            getattr(self.report, method)(*args, **kwargs)

    def need(self, name: str, fields: list[str], purpose: str) -> Table | None:
        """The table a check needs, or None. A resource absent from the descriptor (or lacking a
        field the check reads) is an error; a declared resource whose file could not be read is
        skipped silently because that file already carries its own error."""
        table = self.tables.get(name)
        if table is None:
            if name not in self.declared:
                self._add_once((name, None), "missing-resource", self.descriptor_name,
                               f"the package has no resource named {name!r}, which the {purpose} check needs",
                               f"add the {name} resource (schemas/{name}.yaml and data/{name}.csv) and run `{BUILD}`")
            return None
        absent = [f for f in fields if table.field(f) is None]
        if absent:
            self._add_once((name, tuple(absent)), "missing-field", table.file,
                           f"the {purpose} check needs field(s) {', '.join(absent)} which the schema of {name} lacks",
                           f"add them to schemas/{name}.yaml and run `{BUILD}`")
            return None
        return table


def show(value, limit: int = 60) -> str:
    """A cell value quoted for a message, cut short and with control characters made visible."""
    if value is None:
        return "(empty)"
    text = str(value)
    cut = text if len(text) <= limit else text[:limit] + "…"
    return repr(cut)


def a_or_an(noun: str) -> str:
    """The noun with its indefinite article, for messages: "an event_id", "a claim_id"."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun
