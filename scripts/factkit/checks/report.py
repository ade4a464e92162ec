"""One error type for every check, and its two renderings (text for people, JSON for machines).

An error names the file (relative to datapackage.json), the CSV's physical line (the header is
line 1; None for a file-level error), the field, a stable kebab-case code, what is wrong and how
to fix it. Codes are part of the public interface: CI jobs and tests match on them, so each is
declared once in catalogue.py, and the report refuses any other.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from .catalogue import require

# Above this many errors of one code in one field of one file, the rest are counted, not listed:
# a systematically broken column in a million-row file should not produce a million lines.
MAX_PER_GROUP = 1000


@dataclass(frozen=True)
class Error:
    code: str
    file: str
    message: str
    hint: str = ""
    line: int | None = None
    field: str | None = None

    def sort_key(self) -> tuple:
        return (self.file, self.line or 0, self.field or "", self.code, self.message)


@dataclass
class Report:
    descriptor: str
    errors: list[Error] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    coverage: dict | None = None
    _groups: dict = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add(self, code: str, file: str, message: str, hint: str = "", line: int | None = None, field: str | None = None) -> None:
        require(code)  # an undeclared or retired code is a bug in the check: validate() reports it as internal-error
        key = (file, code, field)
        seen = self._groups.get(key, 0)
        self._groups[key] = seen + 1
        if seen < MAX_PER_GROUP:
            self.errors.append(Error(code, file, message, hint, None if line is None else int(line), field))

    def add_uncounted(self, file: str, code: str, field: str | None, n: int) -> None:
        """Count n more errors of a group without building them (callers that cap their own
        loops at MAX_PER_GROUP use this for the rest, so a million bad rows cost no Python loop)."""
        if n > 0:
            require(code)
            key = (file, code, field)
            self._groups[key] = self._groups.get(key, 0) + n

    def finish(self) -> Report:
        """Sort errors and add one summary per group that hit the cap."""
        for (file, code, fld), total in self._groups.items():
            if total > MAX_PER_GROUP:
                self.errors.append(Error(code, file, f"{total - MAX_PER_GROUP:,} more {code} errors in this field are not listed", "fix the listed ones first; they usually share one cause", None, fld))
        self._groups = {}
        self.errors.sort(key=Error.sort_key)
        return self

    def codes(self) -> set[str]:
        return {e.code for e in self.errors}

    def to_dict(self) -> dict:
        return {
            "descriptor": self.descriptor,
            "valid": self.ok,
            "errors": [asdict(e) for e in self.errors],
            "error_count": len(self.errors),
            "counts": self.counts,
            "coverage": self.coverage,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def coverage_line(self) -> str:
        if not self.coverage:
            return "coverage: not computed (the tables it needs could not be read)"
        c = self.coverage
        pct = 100.0 * c["covered"] / c["total"] if c["total"] else 100.0
        shown = f"{pct:.0f}" if pct in (0.0, 100.0) or pct == int(pct) else f"{pct:.1f}"
        return f"coverage: {c['covered']}/{c['total']} sentences ({shown}%)"

    def to_text(self) -> str:
        out: list[str] = []
        current_file = None
        for e in self.errors:
            if e.file != current_file:
                current_file = e.file
                out.append(f"{e.file}")
            where = f"line {e.line}" if e.line is not None else "file"
            if e.field:
                where += f", field {e.field}"
            out.append(f"  {where}: [{e.code}] {e.message}")
            if e.hint:
                out.append(f"      fix: {e.hint}")
        rows = sum(self.counts.values())
        if self.ok:
            out.append(f"valid: {self.descriptor} ({len(self.counts)} resources, {rows:,} rows)")
        else:
            files = len({e.file for e in self.errors})
            out.append(f"invalid: {self.descriptor}: {len(self.errors)} error(s) in {files} file(s) ({len(self.counts)} resources, {rows:,} rows read)")
        out.append(self.coverage_line())
        return "\n".join(out)
