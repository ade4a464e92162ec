"""The curation tools (issue 12) on copies of the package: locate.py searches every source with
whole-word matching, fill_offsets.py fills empty offsets or refuses with the candidates, and
register_source.py titles, names and refuses texts as documented. The scripts run in this process
(fixtures/scripts.py); a refusal of locate.py and one of fill_offsets.py run as a child, for the
exit status the shell sees (register_source.py's is in test_package_build.py)."""
from __future__ import annotations

import subprocess

import pytest

from factkit.checks.validate import validate
from factkit.core import paths
from factkit.core.csvio import records
from factkit.curation.fill_offsets import FillError, fill
from factkit.curation.locate import LocateError, locate, read_sources
from fixtures.packages import copy_package, csv_path, refresh
from fixtures.scripts import run as script

SOURCE = "src-2c5b7841"
AMBIGUOUS = "src-2c5b7841-m024"  # "Syrian Army", twice in its sentence; this mention is the second


def blank_offsets(dp, resource: str, keep=lambda cells: False) -> bytes:
    """Empty start and end in every row of a table (except those `keep` spares); returns the
    original bytes. Each row is re-serialised, so this also checks the canonical form round-trips."""
    file = csv_path(dp, resource)
    original = file.read_bytes()
    recs = records(original.decode("utf-8"))
    header = recs[0].cells
    start, end = header.index("start"), header.index("end")
    lines = [recs[0].text]
    for rec in recs[1:]:
        cells = list(rec.cells)
        if not keep(cells):
            cells[start] = cells[end] = ""
        lines.append(",".join(f'"{c}"' if any(ch in c for ch in ',"\n') else c for c in (x.replace('"', '""') for x in cells)) + "\n")
    file.write_text("".join(lines), encoding="utf-8")
    return original


def second_source(dp, text: str, *options: str, name: str = "article2.txt"):
    article = dp.parent.parent / name
    article.write_text(text, encoding="utf-8")
    return script("register_source.py", article, "--language", "en", "--reference-date", "2031-05-06", "--reference-date-basis", "external",
                  "--reference-date-note", "Supplied for a test.", "--package", dp, *options)


# --- locate ----------------------------------------------------------------------------------------

def test_locate_finds_whole_words_only():
    sources = read_sources()
    text = sources[SOURCE].text
    [hit] = locate(sources, "up to 11 vessels")
    assert text[hit.start:hit.end] == "up to 11 vessels" and hit.sentence_id == f"{SOURCE}-s13" and hit.source_id == SOURCE
    syria = locate(sources, "Syria")
    assert syria and all(text[h.start:h.end + 1] != "Syrian" for h in syria)
    assert len(syria) < text.count("Syria")  # the "Syrian"s are not counted
    with pytest.raises(LocateError, match="only inside longer words.*'Syrian'"):
        locate(sources, "Syri")
    assert [(h.sentence_id, h.occurrence) for h in locate(sources, "Syrian Army")] == [(f"{SOURCE}-s03", 1), (f"{SOURCE}-s03", 2)]
    with pytest.raises(LocateError, match="does not occur"):
        locate(sources, "in 2016")


def test_locate_searches_every_source_and_names_it(tmp_path):
    dp = copy_package(tmp_path)
    registered = second_source(dp, "Harbour news\nThe ferry left Damascus Harbour at dawn.\n")
    assert registered.returncode == 0, registered.stderr
    result = script("locate.py", "Damascus", "--package", dp)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "source_id,sentence_id,start,end,occurrence"
    assert {line.split(",")[0] for line in lines[1:]} == {SOURCE, "src-" + lines[-1].split(",")[0].removeprefix("src-")}
    other = lines[-1].split(",")
    assert other[0] != SOURCE and other[1] == f"{other[0]}-s02"
    only = script("locate.py", "Damascus", "--package", dp, "--source", other[0])
    assert only.stdout.splitlines()[1:] == [lines[-1]]
    missing = script("locate.py", "Atlantis", "--package", dp, child=True)
    assert missing.returncode == 1 and "does not occur" in missing.stderr and missing.stdout == ""


# --- fill_offsets ----------------------------------------------------------------------------------

def test_fill_restores_every_offset_byte_for_byte(tmp_path):
    dp = copy_package(tmp_path)
    originals = {name: blank_offsets(dp, name) for name in ("mentions", "anchors")}
    refresh(dp)
    outcome = fill(dp, {AMBIGUOUS: 2})
    assert outcome.refused == []
    for name, original in originals.items():
        assert csv_path(dp, name).read_bytes() == original, name
    refresh(dp)
    assert validate(dp).ok


def test_fill_refuses_an_ambiguous_mention_with_its_candidates_and_fills_the_rest(tmp_path):
    dp = copy_package(tmp_path)
    original = blank_offsets(dp, "mentions")
    refresh(dp)
    result = script("fill_offsets.py", dp, child=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "data/mentions.csv: filled the offsets of 85 row(s)" in result.stdout
    assert f"refresh the descriptor: `python scripts/build_descriptor.py {dp}`" in result.stdout
    assert f"({AMBIGUOUS}): 'Syrian Army' occurs 2 times in {SOURCE}-s03:\n    1) 368-379 “…" in result.stderr
    assert "\n    2) 433-444 “…scus on Saturday, as the [Syrian Army] stood down" in result.stderr
    assert f"--occurrence {AMBIGUOUS}=N" in result.stderr
    [row] = [r for r in records(csv_path(dp, "mentions").read_text(encoding="utf-8")) if r.cells[0] == AMBIGUOUS]
    assert row.cells[4:6] == ["", ""]
    chosen = script("fill_offsets.py", dp, "--occurrence", f"{AMBIGUOUS}=2")
    assert chosen.returncode == 0, chosen.stderr
    assert csv_path(dp, "mentions").read_bytes() == original


def test_fill_counts_whole_words_and_says_where_the_words_are(tmp_path):
    dp = copy_package(tmp_path)
    file = csv_path(dp, "mentions")
    text = file.read_text(encoding="utf-8")
    text += f"{SOURCE}-m901,syria,{SOURCE},{SOURCE}-s03,,,Syria,name,\n"     # s03 says only "Syrian"
    text += f"{SOURCE}-m902,damascus,{SOURCE},{SOURCE}-s13,,,Damascus,name,\n"  # not in s13, but elsewhere
    text += f"{SOURCE}-m903,damascus,{SOURCE},{SOURCE}-s01,0,,Damascus,name,\n"  # one offset written
    file.write_text(text, encoding="utf-8")
    before = file.read_bytes()
    outcome = fill(dp)
    reasons = {r.row_id: r.message for r in outcome.refused}
    assert "'Syria' does not occur as whole words in" in reasons[f"{SOURCE}-m901"] and "'Syrian'" in reasons[f"{SOURCE}-m901"]
    assert f"it occurs in {SOURCE}-s01 at 0-8" in reasons[f"{SOURCE}-m902"]
    assert reasons[f"{SOURCE}-m903"].startswith("only start is written")
    assert outcome.filled == {} and file.read_bytes() == before


def test_fill_keeps_the_bytes_of_rows_it_does_not_fill(tmp_path):
    dp = copy_package(tmp_path)
    file = csv_path(dp, "mentions")
    lines = file.read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1].replace(",Damascus,", ',"Damascus",')   # needless quotes: not canonical, not ours to change
    lines[2] = lines[2].replace(",35,50,", ",,,")                # to fill
    file.write_text("\n".join(lines), encoding="utf-8")
    assert fill(dp).filled == {"data/mentions.csv": 1}
    after = file.read_text(encoding="utf-8").split("\n")
    assert after[1] == lines[1] and after[2] == lines[2].replace(",,,", ",35,50,") and after[3:] == lines[3:]


def test_fill_refuses_an_occurrence_for_no_empty_row_and_writes_nothing(tmp_path):
    dp = copy_package(tmp_path)
    blank_offsets(dp, "mentions", keep=lambda cells: cells[0] != f"{SOURCE}-m001")
    before = csv_path(dp, "mentions").read_bytes()
    with pytest.raises(FillError, match=f"{SOURCE}-m002, which is no row with empty offsets"):
        fill(dp, {f"{SOURCE}-m002": 1})
    assert csv_path(dp, "mentions").read_bytes() == before
    result = script("fill_offsets.py", dp, "--occurrence", "m002")
    assert result.returncode == 2 and "is not ROW_ID=N" in result.stderr


def test_the_validator_rejects_empty_offsets_and_names_fill_offsets(tmp_path):
    dp = copy_package(tmp_path)
    for name in ("mentions", "anchors"):
        blank_offsets(dp, name)
    refresh(dp)
    report = validate(dp)
    empty = [e for e in report.errors if e.code == "required" and e.field in ("start", "end")]
    assert {e.file for e in empty} == {"data/mentions.csv", "data/anchors.csv"}
    assert all("python scripts/fill_offsets.py" in e.hint for e in empty)
    assert "internal-error" not in report.codes()


def test_make_descriptor_fills_offsets_first():
    lines = subprocess.run(["make", "-n", "descriptor"], cwd=paths.ROOT, capture_output=True, text=True, check=True).stdout.splitlines()
    fill_line, build_line = ".venv/bin/python scripts/fill_offsets.py", ".venv/bin/python scripts/build_descriptor.py"
    assert fill_line in lines and lines.index(fill_line) < lines.index(build_line)


# --- register_source -------------------------------------------------------------------------------

def test_register_takes_a_headline_as_title_and_keeps_the_file_name(tmp_path):
    dp = copy_package(tmp_path)
    result = second_source(dp, "Ferries return to Port Alder\nThe ferries returned on Tuesday.\n")
    assert result.returncode == 0, result.stderr
    assert "as sources/article2.txt" in result.stdout and ".sources" not in result.stdout
    assert "titled 'Ferries return to Port Alder'" in result.stdout
    assert (dp.parent / "sources" / "article2.txt").is_file()
    assert validate(dp).codes() <= {"sentence-uncovered"}  # registered, descriptor refreshed; facts still to curate


@pytest.mark.parametrize("first_line, why", [
    ("The ferries returned on Tuesday.", "ends a sentence"),
    ("Ferries " * 30, "more than 200"),
])
def test_register_asks_for_a_title_when_the_first_line_is_no_headline(tmp_path, first_line, why):
    dp = copy_package(tmp_path)
    result = second_source(dp, first_line + "\nMore text.\n")
    assert result.returncode == 1 and why in result.stderr and "--title" in result.stderr and "Traceback" not in result.stderr
    titled = second_source(dp, first_line + "\nMore text.\n", "--title", "Ferries return")
    assert titled.returncode == 0 and "titled 'Ferries return'" in titled.stdout


@pytest.mark.parametrize("content, name, why", [
    ("Caf\xe9 au lait".encode("latin-1"), "latin1.txt", "not UTF-8"),
    (b"", "empty.txt", "the file is empty"),
    (b"  \n\n", "blank.txt", "only white space"),
    ("\ufeffTitle\nText.".encode(), "bom.txt", "byte order mark"),
    (b"Title\nText.", "my article.txt", "rename the file"),
])
def test_register_refuses_what_cannot_be_a_source_in_one_line(tmp_path, content, name, why):
    dp = copy_package(tmp_path)
    article = tmp_path / name
    article.write_bytes(content)
    result = script("register_source.py", article, "--language", "en", "--reference-date", "2031-05-06", "--reference-date-basis", "external",
                    "--reference-date-note", "n", "--package", dp)
    assert result.returncode == 1 and why in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_fill_never_writes_outside_the_package(tmp_path):
    dp = copy_package(tmp_path)
    data = dp.read_text(encoding="utf-8").replace('"path": "data/mentions.csv"', '"path": "../mentions.csv"')
    dp.write_text(data, encoding="utf-8")
    with pytest.raises(FillError, match="climbs out of the package"):
        fill(dp)
