"""The error catalogue: every code the validator can emit, declared once, with a title, what it
means and how to fix it. Codes are a public interface (CI jobs match on them, reports link to
them), so they are never renamed: a code that is no longer emitted stays here, retired, with what
replaced it, so that an old report still resolves.

The report refuses a code that is not declared here, or is retired (Report.add calls `require`), so
no check can emit a code the catalogue does not explain. `python scripts/validate.py --codes`
prints the catalogue and the site's "Validation errors" page is generated from it.
"""
from __future__ import annotations

from dataclasses import dataclass

# In `--codes`, a retired code's title starts with this mark, so each line stays "code<TAB>title".
RETIRED_MARK = "[retired] "


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    intro: str


@dataclass(frozen=True)
class Code:
    code: str
    group: str
    title: str
    meaning: str
    fix: str
    retired: str = ""  # for a code no longer emitted: since when, and what replaced it

    @property
    def active(self) -> bool:
        return not self.retired

    def line(self) -> str:
        """One line of `--codes`: the code, a tab, the title (marked when retired)."""
        return f"{self.code}\t{RETIRED_MARK if self.retired else ''}{self.title}"


class UndeclaredCode(LookupError):
    """A check tried to report a code the catalogue does not declare (or declares retired): a bug
    in the validator, which validate() turns into an internal-error naming the check."""


GROUPS = (
    Group("descriptor", "The descriptor and its schemas",
          "datapackage.json is read first; nothing else is checked when it cannot be read as a JSON object."),
    Group("files", "Files", "Each resource's file, and each source text, before its rows are read."),
    Group("csv", "CSV header and rows", "The shape of each CSV: its header against the schema's fields, and each row's number of cells."),
    Group("cells", "Cells", "Rules derived from each field of the Table Schemas (types, required, enums, patterns, ranges, lengths)."),
    Group("keys", "Keys", "Primary keys and foreign keys, as the Table Schemas declare them."),
    Group("provenance", "Source texts, sentences and offsets",
          "Every quote must be the source text's own words at its offsets, and sentences.csv what the segmenter makes of the text."),
    Group("facts", "Facts", "What a Table Schema cannot say: anchors, dates, claims, hops and quantities agree with each other and with the text."),
    Group("coverage", "Coverage", "Every sentence yields a fact or is exempted with a reason; every entity and every number is accounted for."),
    Group("validator", "The validator itself", "Errors that are not about the package."),
)

REBUILD = "fix schemas/ (never datapackage.json by hand) and run `python scripts/build_descriptor.py`"
REDESCRIBE = ("if the files were changed on purpose, run `python scripts/build_descriptor.py` (with the package's path when it is not "
              "datapackage/) to record their new sizes and hashes; otherwise restore them")
RETIRED_BY_STALE = "retired by issue 12: a changed file is named in the one descriptor-stale error of its package"


def _codes(*codes: Code) -> dict[str, Code]:
    return {c.code: c for c in codes}


CODES: dict[str, Code] = _codes(
    # --- the descriptor ------------------------------------------------------------------------
    Code("descriptor-unreadable", "descriptor", "Descriptor cannot be read",
         "datapackage.json could not be opened or read (permissions, or it is not a regular file).",
         "make the file readable by the user who runs the validator, or point the validator at the right file"),
    Code("descriptor-not-utf8", "descriptor", "Descriptor is not UTF-8",
         "datapackage.json holds bytes that are not UTF-8; the report gives the line.", REBUILD),
    Code("descriptor-json", "descriptor", "Descriptor is not valid JSON",
         "datapackage.json is empty or has a JSON syntax error on the reported line.", REBUILD),
    Code("descriptor-not-object", "descriptor", "Descriptor is not a JSON object",
         "datapackage.json is valid JSON but an array, a string or a number, not an object.", REBUILD),
    Code("descriptor-invalid", "descriptor", "Descriptor is not a valid Data Package",
         "Stock frictionless' check of the descriptor's metadata (profile, licences, schema syntax) found a problem, quoted in "
         "the message; or the descriptor has no list of resources, a resource that is not an object, or two resources with one name.",
         REBUILD),
    Code("remote-url", "descriptor", "Remote URL in the descriptor",
         "A resource path, schema, dialect or profile is a URL. Validation never touches the network, so it is refused before "
         "anything (frictionless included) could fetch it.",
         "keep every data file inside the package and every schema inline in datapackage.json"),
    Code("unsafe-path", "descriptor", "Path leads out of the package",
         "A resource path or a source text's path is absolute, climbs out with '..', uses backslashes, holds a NUL, resolves "
         "through a symbolic link to a file outside the package, or (for a source text) is not a .txt file. It is never opened.",
         "put the file inside the package directory and give its path relative to datapackage.json, with '/' between folders"),
    Code("unsupported-path", "descriptor", "Resource split over several files",
         "A resource's path is a list of files; this package keeps exactly one CSV per resource.",
         "merge the parts into one CSV and give its path as a single string"),
    Code("schema-invalid", "descriptor", "Table Schema cannot be applied",
         "A resource's inline schema is not an object, has no fields, has a field without a name or declared twice, a type "
         "outside the type registry (scripts/factkit/core/types.py), constraints that are not an object or cannot apply (an "
         "empty enum, a pattern that is not a valid regular expression, a minimum or maximum that does not fit the type, a "
         "negative length), or keys that name fields it lacks. The resource's rows are not checked against it.", REBUILD),
    Code("missing-resource", "descriptor", "Resource missing",
         "A check needs a resource the descriptor does not declare (the message names the check), or anchors.fact_id's "
         "pattern names no id prefix that a table's ids use, so the tables that hold facts cannot be told.",
         "add the resource (schemas/<name>.yaml, data/<name>.csv and its entry in schemas/package.yaml) and run "
         "`python scripts/build_descriptor.py`"),
    Code("descriptor-stale", "descriptor", "Descriptor older than the files",
         "One or more resource files changed after datapackage.json was generated, so the sizes or hashes it records differ. "
         "Reported once per package, naming every such file; the files are still checked, so their own errors show too. In a "
         "published package (a release, a download) it means a file is not the one that was published.", REDESCRIBE),
    Code("missing-field", "descriptor", "Field missing from a schema",
         "A check needs a field that the resource's schema lacks (the message names the check and the fields); that check is skipped.",
         "add the field to schemas/<resource>.yaml and the column to the CSV, then run `python scripts/build_descriptor.py`"),
    # --- files -----------------------------------------------------------------------------------
    Code("missing-file", "files", "File missing",
         "A resource's path, or a source's text path in sources.csv, points at nothing, or at something that is not a regular file.",
         "restore the file, or remove the resource (schemas/package.yaml) or the source row; a source text is added with "
         "`python scripts/register_source.py`"),
    Code("unreadable-file", "files", "File cannot be read",
         "The file exists but reading it failed, usually for lack of permission.", "check the file's permissions"),
    Code("bytes-mismatch", "files", "File size differs from the descriptor",
         "The file's size is not the `bytes` the descriptor records: it changed after the descriptor was generated.", REDESCRIBE,
         retired=RETIRED_BY_STALE),
    Code("hash-mismatch", "files", "File hash differs from the descriptor",
         "The file's digest is not the `hash` the descriptor records: it changed after the descriptor was generated.", REDESCRIBE,
         retired=RETIRED_BY_STALE),
    Code("hash-unsupported", "files", "Unsupported hash algorithm",
         "The descriptor's `hash` names an algorithm that Python's hashlib does not guarantee, so the file cannot be checked.",
         "use sha256, as `python scripts/build_descriptor.py` does"),
    Code("empty-file", "files", "Empty file", "The CSV has no header line (it is empty or holds only whitespace).",
         "write the header line: the schema's field names, comma-separated"),
    Code("byte-order-mark", "files", "UTF-8 byte order mark",
         "The CSV starts with a UTF-8 byte order mark, which some tools take as part of the first column's name. Its rows are still read.",
         "save the file as UTF-8 without BOM"),
    Code("not-utf8", "files", "Not UTF-8",
         "A CSV or a source text holds bytes that are not UTF-8; the message gives the byte and its offset. A CSV is not read further.",
         "re-save the file as UTF-8 (a source text is then registered again)"),
    Code("nul-character", "files", "NUL character", "The CSV holds a NUL character, which CSV text cannot carry. It is not read further.",
         "remove the NUL character"),
    Code("csv-parse-error", "files", "CSV cannot be parsed",
         "The CSV's quoting is broken from the reported line on, e.g. a quoted cell is never closed. The file is not read further.",
         "a cell holding a comma, a quote or a line break must be in double quotes, with each quote inside it doubled"),
    # --- CSV header and rows ---------------------------------------------------------------------
    Code("duplicate-column", "csv", "Column named twice", "The header names the same column twice.",
         "the header must be exactly the schema's field names, in order"),
    Code("missing-column", "csv", "Column missing", "The header lacks one of the schema's fields.",
         "add the column, or remove the field from the schema and run `python scripts/build_descriptor.py`"),
    Code("unknown-column", "csv", "Column not in the schema", "The header names a column the schema does not declare (or an empty one).",
         "remove the column, or declare the field in the schema and run `python scripts/build_descriptor.py`"),
    Code("column-order", "csv", "Columns in the wrong order",
         "The header holds the schema's fields in another order. Rows are still read, by position, as frictionless reads them.",
         "put the columns in the schema's order"),
    Code("blank-row", "csv", "Blank row", "A line of the CSV is empty.", "delete the empty line"),
    Code("missing-cell", "csv", "Too few cells",
         "A row has fewer cells than the header; one error for each missing cell. The row is not checked further.",
         "add the missing cells (an empty value is an empty cell between two commas)"),
    Code("extra-cell", "csv", "Too many cells", "A row has more cells than the header. The row is not checked further.",
         "remove the extra cells, or put the cell that holds a comma in double quotes"),
    # --- cells -----------------------------------------------------------------------------------
    Code("type-error", "cells", "Value is not of the field's type",
         "The cell cannot be read as the field's Table Schema type (integer, number, boolean, date, year); the fix line shows the form.",
         "write the value in the form the type requires"),
    Code("required", "cells", "Required cell is empty", "The field is required (or part of the primary key) but the cell is empty.",
         "fill in the cell; empty start and end offsets of a mention or an anchor are filled by `python scripts/fill_offsets.py`"),
    Code("unique", "cells", "Value repeats in a unique field", "The field's values must be unique, and this one is already used on an earlier line.",
         "give the row its own value"),
    Code("enum", "cells", "Value not allowed", "The value is not one of the field's allowed values (its enum), which the message lists.",
         "use one of the allowed values, or extend the enum in the schema"),
    Code("pattern", "cells", "Value does not match the field's pattern",
         "The value does not match the field's pattern (a regular expression that must match the whole cell).",
         "write the value in the form of the field's example in the data dictionary"),
    Code("minimum", "cells", "Value below the minimum", "The value is smaller than the field's minimum.", "use a value of at least the minimum"),
    Code("maximum", "cells", "Value above the maximum", "The value is larger than the field's maximum.", "use a value of at most the maximum"),
    Code("min-length", "cells", "Text too short", "The cell has fewer characters than the field's minLength.", "write at least minLength characters"),
    Code("max-length", "cells", "Text too long", "The cell has more characters than the field's maxLength.", "shorten it to at most maxLength characters"),
    Code("formula-injection", "cells", "Cell would run as a spreadsheet formula",
         "A text cell starts with =, +, -, @, a tab or a carriage return, so spreadsheet programs would run it as a formula. "
         "A plain number such as -5 is allowed.",
         "reword the cell so that it does not start with one of those characters"),
    # --- keys ------------------------------------------------------------------------------------
    Code("primary-key", "keys", "Primary key repeats",
         "Two rows have the same primary key (all of its fields, for a composite key); the message names the first line with it.",
         "give each row its own key, or merge the two rows"),
    Code("foreign-key", "keys", "Reference to a row that does not exist",
         "The value (or the combination, for a composite key) is not a key of the table the foreign key refers to; or the "
         "foreign key refers to a resource or field that does not exist.",
         "use an existing key, add the referenced row first, or fix the foreign key in the schema"),
    # --- provenance ------------------------------------------------------------------------------
    Code("source-hash-mismatch", "provenance", "Source text's sha256 differs from sources.csv",
         "The source text's SHA-256 is not the one its row in sources.csv records: the text changed, and every offset into it may be wrong.",
         "never change a source text in place; if the row is wrong, register the text again with `python scripts/register_source.py`"),
    Code("source-bytes-mismatch", "provenance", "Source text's size differs from sources.csv",
         "The source text's size in bytes is not the one its row in sources.csv records.",
         "never change a source text in place; if the row is wrong, register the text again with `python scripts/register_source.py`"),
    Code("source-characters-mismatch", "provenance", "Source text's length differs from sources.csv",
         "The source text's length in characters (code points, what offsets count) is not the one its row in sources.csv records.",
         "never change a source text in place; if the row is wrong, register the text again with `python scripts/register_source.py`"),
    Code("sentence-mismatch", "provenance", "Sentence differs from the segmenter's",
         "A row of sentences.csv is not what segmenting its source text gives: an id the segmenter does not produce, or a "
         "column (text, offsets, paragraph, position) that differs.",
         "sentences.csv is generated, never edited: run `python scripts/register_source.py` for the source again"),
    Code("sentence-missing", "provenance", "Sentence missing",
         "Segmenting a source text gives a sentence that sentences.csv lacks.",
         "sentences.csv is generated, never edited: run `python scripts/register_source.py` for the source again"),
    Code("sentence-order", "provenance", "Sentences out of order",
         "sentences.csv holds the right sentences in another order than the segmenter writes them (which keeps diffs readable).",
         "sentences.csv is generated, never edited: run `python scripts/register_source.py` for the source again"),
    Code("offset-order", "provenance", "Start not before end", "A mention's or anchor's start is not before its end (end is exclusive).",
         "end = start + the length of the quote; `python scripts/locate.py` prints both"),
    Code("offset-out-of-range", "provenance", "Offset past the end of the text", "A mention's or anchor's end lies past the end of its source text.",
         "fix the offsets; `python scripts/locate.py` prints them"),
    Code("offset-outside-sentence", "provenance", "Offsets outside their sentence",
         "A mention's or anchor's offsets are not inside the sentence the row names.",
         "fix the offsets, or name the sentence that holds the words (`python scripts/locate.py` prints it)"),
    Code("sentence-source-mismatch", "provenance", "Sentence of another source",
         "A mention or anchor names a sentence that belongs to another source than the row's own.",
         "name a sentence of the row's own source, or fix source_id"),
    Code("quote-mismatch", "provenance", "Quote differs from the text",
         "A mention's surface or an anchor's quote is not exactly the source text between its offsets (curly quotes and dashes count).",
         "copy the exact words from the text, or fix the offsets; `python scripts/locate.py` prints the offsets of a phrase"),
    # --- facts -----------------------------------------------------------------------------------
    Code("unknown-fact", "facts", "Anchor of a fact that does not exist",
         "An anchor's fact_id has the id prefix of a fact table (anchors.fact_id's pattern lists them) but is not an id in that table.",
         "anchor an existing fact, or add the fact first"),
    Code("anchor-source-mismatch", "facts", "Anchor quotes another source", "An anchor quotes a different source than the fact it supports comes from.",
         "an anchor quotes its fact's own source: fix source_id and the offsets, or the fact's source"),
    Code("fact-without-anchor", "facts", "Fact without an anchor", "No anchor shows where the text states this event, claim, relation or quantity.",
         "add a row to anchors.csv with the words that state it"),
    Code("date-order", "facts", "End date before start date", "An event's date_end is before its date_start.", "swap them, or fix the one that is wrong"),
    Code("date-precision", "facts", "Dates do not fit their precision",
         "An event's date range, or a claim's said_date, does not fit its precision: day is one day, month runs from the 1st to "
         "the last day of a month, year from 1 January to 31 December.",
         "write the range the precision implies, or choose the precision the text supports"),
    Code("date-basis", "facts", "Resolved date without a reference date",
         "A date's basis is 'resolved' (worked out from a relative date such as 'on Sunday') but its source has no reference_date.",
         "give the source a reference_date, or use basis 'stated' or 'inferred'"),
    Code("said-date-incomplete", "facts", "Said-date fields partly filled",
         "Some of a claim's said_date, said_date_precision and said_date_basis are filled and others empty.",
         "fill in all three, or leave all three empty"),
    Code("quote-missing", "facts", "Quoted claim without its words", "A claim's mode is direct_quote or partial_quote, but quote is empty.",
         "copy the words inside the quotation marks, exactly"),
    Code("quote-not-allowed", "facts", "Words given for a claim that quotes none",
         "A claim's mode quotes no words (a paraphrase or the article's own assertion), but quote is set.",
         "empty quote, or use mode direct_quote or partial_quote"),
    Code("speaker-mode", "facts", "Speaker and mode disagree",
         "An article_assertion names a speaker, or a claim attributed to someone has no speaker.",
         "name the speaker (an entity id) for an attributed claim; leave it empty for the article's own assertion"),
    Code("quote-not-in-anchor", "facts", "Claim quote not in its anchors", "A claim's quoted words are in none of the claim's anchors.",
         "copy the quote exactly from the text, or add the anchor that holds it"),
    Code("hop-sequence", "facts", "Claim hops not numbered 1 to n", "A claim's hops do not run 1, 2, ... n without gaps or repeats.",
         "number the hops from 1 (the original speaker) towards the article"),
    Code("hop-speaker", "facts", "First hop is not the speaker", "Hop 1 of a claim is not the claim's speaker.",
         "hop 1 is the original speaker: make it the claim's speaker_id"),
    Code("verb-not-in-anchor", "facts", "Hop verb not in the claim's anchors", "A hop's verb is in none of the claim's anchors.",
         "copy the verb exactly as the text has it, or anchor the words that hold it"),
    Code("hedge-not-in-anchor", "facts", "Hedge not in the claim's anchors",
         "One of a hop's hedges (separated by '; ') is in none of the claim's anchors.",
         "copy each hedge exactly as the text has it, or anchor the words that hold it"),
    Code("verbatim-not-in-anchor", "facts", "Quantity phrase not in its anchors", "A quantity's verbatim phrase is in none of its anchors.",
         "copy the phrase exactly from the text, or anchor the words that hold it"),
    Code("value-not-in-verbatim", "facts", "Value not written in the phrase",
         "A quantity's value is not one of the numbers written in its verbatim phrase ('1,000' counts as 1000).",
         "value is the number the phrase gives"),
    Code("bound-incoherent", "facts", "Bound without bounding words",
         "A quantity's bound is not exact, but its verbatim phrase has no word besides the number and its unit that bounds it.",
         "bound is exact unless the phrase hedges the number ('around', 'up to', 'at least'); include those words in verbatim"),
    Code("stated-date-not-in-anchor", "facts", "Stated date not in its words",
         "A date whose basis is 'stated' cannot be read in its anchors: the year, plus the month name and the day number when the "
         "precision is finer (month names and day numbers are read in English sources only).",
         "correct the date, anchor the words that state it, or use basis 'inferred' and say in the note what it rests on"),
    Code("resolved-date-mismatch", "facts", "Resolved date is not the day its words name",
         "A day-precision date whose basis is 'resolved' is not the day its anchors name, counted from the source's reference date "
         "(a weekday is the last such day on or before it; 'today', 'yesterday', 'tomorrow' too).",
         "set the date to the day the words name, or correct the source's reference_date"),
    Code("resolved-date-not-in-anchor", "facts", "Resolved date without a day word",
         "A day-precision date whose basis is 'resolved' has no anchor that names a day (a weekday, 'today', 'yesterday').",
         "anchor the words that name the day, or use basis 'stated' or 'inferred'"),
    Code("hedge-not-in-sentence", "facts", "Hedge missing from a sentence of its claim",
         "A hop's hedge is missing from a sentence that holds an anchor of the same claim. Only a hedge that describes the speaker "
         "(part of a mention of the hop's entity) may be absent, where that sentence names the speaker another way "
         "(schemas/claim_hops.yaml, field hedges).",
         "split the claim into one claim per report, each with its own hops and hedges, or drop the hedge the sentence lacks"),
    Code("quoted-mention-unclaimed", "facts", "Quoted words without their claim",
         "A mention lies inside quotation marks, so its words are the speaker's, but its claim_id is empty.",
         "set claim_id to the claim that quotes those words"),
    Code("mention-claim-unquoted", "facts", "Claim on the article's own words",
         "A mention outside every quotation names a claim in claim_id: the words are the article's own.",
         "empty claim_id, or correct the offsets"),
    Code("mention-claim-mismatch", "facts", "Claim that does not quote the mention",
         "A mention lies inside a quotation, but no anchor of the claim in its claim_id holds that quotation.",
         "name the claim whose anchor holds the whole quotation"),
    # --- coverage --------------------------------------------------------------------------------
    Code("sentence-uncovered", "coverage", "Sentence yields no fact", "A sentence has no anchor and is not exempted.",
         "anchor the facts it states, or add it to sentence_exemptions.csv with the reason it yields none"),
    Code("exemption-anchored", "coverage", "Exempted sentence has anchors", "A sentence is exempted, yet facts are anchored in it.",
         "remove the exemption (the sentence yields facts) or the anchors"),
    Code("exemption-has-number", "coverage", "Exempted sentence holds a number", "An exempted sentence holds a digit, which yields a quantity.",
         "record the quantity and anchor it instead of exempting the sentence"),
    Code("exemption-has-mention", "coverage", "Exempted sentence names an entity", "An exempted sentence holds a mention, which yields a fact.",
         "anchor the fact instead of exempting the sentence"),
    Code("entity-unmentioned", "coverage", "Entity never mentioned", "No mention names or labels the entity.",
         "add the mention that names it, or remove the entity"),
    Code("number-not-quantified", "coverage", "Number in the text not quantified",
         "A run of digits in a source text lies inside no anchor of a quantity.",
         "record it in quantities.csv with an anchor that covers it"),
    # --- the validator ---------------------------------------------------------------------------
    Code("internal-error", "validator", "The validator crashed",
         "One check crashed (the message names it); the others still ran, so the report may be incomplete. This is a bug in "
         "the validator, not necessarily a fault of the package.",
         "report it with the package that caused it"),
)


def require(code: str) -> Code:
    """The declared, active entry of `code`; UndeclaredCode for a code that is unknown or retired."""
    entry = CODES.get(code)
    if entry is None:
        raise UndeclaredCode(f"error code {code!r} is not declared in scripts/factkit/checks/catalogue.py")
    if not entry.active:
        raise UndeclaredCode(f"error code {code!r} is retired ({entry.retired}); it must not be emitted")
    return entry


def by_group() -> list[tuple[Group, list[Code]]]:
    """The groups in order, each with its codes in declaration order (retired ones last)."""
    return [(g, sorted((c for c in CODES.values() if c.group == g.key), key=lambda c: not c.active)) for g in GROUPS]


def listing() -> str:
    """The text of `validate.py --codes`: one code per line, the code, a tab, the title."""
    return "\n".join(c.line() for _group, codes in by_group() for c in codes)
