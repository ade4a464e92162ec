"""The package's generated parts: sentence segmentation, source registration, descriptor (the curation
tools, locate and fill_offsets, are tested in test_curation.py)."""
import hashlib
import json
import shutil
from datetime import UTC

import pytest

from factkit.core import paths
from factkit.core.csvio import read_rows
from factkit.core.segment import split_sentences
from factkit.curation import descriptor
from factkit.curation.register import RegistrationError, register, sentences_csv_text
from fixtures import scripts

SOURCE = paths.SOURCES / "000_2c5b78418aa1912f.txt"


def test_source_text_is_pinned():
    data = SOURCE.read_bytes()
    assert hashlib.sha256(data).hexdigest() == "b5cf2adaf9441e135a5f66585f46fbcfdc20f86bd6a2f19db8f51405f043f1fb"
    text = data.decode("utf-8")
    assert len(text) == 2446 and not text.endswith("\n")
    # paragraph 6 holds a sentence that opens with a closing curly quote: never "fixed"
    assert "\n".join(text.split("\n")[5:6]).count("”Russia did not participate") == 1


def test_segmentation_of_the_article_is_pinned():
    sentences = split_sentences(SOURCE.read_text(encoding="utf-8"))
    assert len(sentences) == 14
    assert [s.paragraph for s in sentences] == [1, 2, 3, 3, 4, 5, 6, 6, 6, 7, 7, 8, 8, 9]
    assert sentences[0].text == "Damascus fell under the control of armed militants on Sunday"
    assert sentences[8].text.startswith("”Russia did not participate")
    assert sentences[5].text.endswith("between Russia and Syria.”")


def test_sentence_offsets_are_code_points_into_the_text():
    text = SOURCE.read_text(encoding="utf-8")
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


def test_segmenter_handles_quotes_questions_and_blank_lines():
    text = "Title line\n\nHe asked: “Why?” She left. Done!\nLast line without stop"
    got = [(s.paragraph, s.text) for s in split_sentences(text)]
    assert got == [(1, "Title line"), (3, "He asked: “Why?”"), (3, "She left."), (3, "Done!"), (4, "Last line without stop")]


def test_sentences_csv_is_generated_not_hand_edited():
    assert (paths.DATA / "sentences.csv").read_text(encoding="utf-8") == sentences_csv_text()


def test_descriptor_is_fresh_and_regeneration_is_a_no_op(tmp_path):
    assert descriptor.is_fresh(), "run: python scripts/build_descriptor.py"
    copy = tmp_path / "datapackage"
    shutil.copytree(paths.PACKAGE, copy)
    before = (copy / "datapackage.json").read_bytes()
    assert descriptor.write(copy) is False
    assert (copy / "datapackage.json").read_bytes() == before


def test_descriptor_changes_hash_and_created_only_when_data_changes(tmp_path):
    copy = tmp_path / "datapackage"
    shutil.copytree(paths.PACKAGE, copy)
    old = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    entities = copy / "data" / "entities.csv"
    entities.write_bytes(entities.read_bytes().replace(b"Place near which", b"Place close to which"))
    from datetime import datetime
    assert descriptor.write(copy, now=datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC)) is True
    new = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    assert new["created"] == "2030-01-02T03:04:05Z" != old["created"]
    changed = [r["name"] for r, o in zip(new["resources"], old["resources"]) if r["hash"] != o["hash"]]
    assert changed == ["entities"]


def test_descriptor_inlines_every_schema_from_schemas_dir():
    from factkit.core.schema import load_resources
    built = json.loads(paths.DESCRIPTOR.read_text(encoding="utf-8"))
    specs = load_resources()
    assert [r["name"] for r in built["resources"]] == [s.name for s in specs]
    for res, spec in zip(built["resources"], specs):
        assert res["schema"] == spec.schema
        assert not res["path"].startswith(("/", "..")) and "://" not in res["path"]


def _package_copy(tmp_path):
    copy = tmp_path / "datapackage"
    shutil.copytree(paths.PACKAGE, copy)
    return copy


def test_registering_a_second_article_is_one_command(tmp_path):
    copy = _package_copy(tmp_path)
    article = tmp_path / "001_00ff00ff00ff00ff.txt"
    article.write_text("A second title\nFirst sentence here. Second one “quoted.”\nThird.", encoding="utf-8")
    row = register(article, language="en", reference_date="2024-12-09", reference_date_basis="stated",
                   reference_date_note="Given in the text.", package_dir=copy)
    assert row["source_id"] == "src-00ff00ff" and row["title"] == "A second title"
    sentences = read_rows(copy / "data" / "sentences.csv")
    second = [s for s in sentences if s["source_id"] == "src-00ff00ff"]
    assert [s["text"] for s in second] == ["A second title", "First sentence here.", "Second one “quoted.”", "Third."]
    assert [s["sentence_id"] for s in second][-1] == "src-00ff00ff-s04"
    assert len(sentences) == 14 + 4
    assert (copy / "sources" / article.name).read_bytes() == article.read_bytes()


def test_register_refuses_non_utf8_and_changed_text(tmp_path):
    copy = _package_copy(tmp_path)
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Caf\xe9 au lait".encode("latin-1"))
    with pytest.raises(RegistrationError, match="not UTF-8"):
        register(bad, language="fr", reference_date="2024-01-01", reference_date_basis="stated", reference_date_note="x", package_dir=copy)
    changed = tmp_path / SOURCE.name
    changed.write_text("Different text", encoding="utf-8")
    with pytest.raises(RegistrationError, match="never changed in place"):
        register(changed, language="en", reference_date="2024-12-08", reference_date_basis="external", reference_date_note="x", package_dir=copy)


def test_register_cli_reports_errors_without_traceback(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = scripts.run("register_source.py", empty, "--language", "en", "--reference-date", "2024-12-08", "--reference-date-basis", "stated",
                         "--reference-date-note", "n", child=True)  # exit 1 as the shell sees it
    assert result.returncode == 1 and "empty" in result.stderr and "Traceback" not in result.stderr


def test_register_cli_offers_the_reference_date_bases_of_the_schema(tmp_path):
    import yaml

    field = next(f for f in yaml.safe_load((paths.SCHEMAS / "sources.yaml").read_text(encoding="utf-8"))["fields"]
                 if f["name"] == "reference_date_basis")
    text = tmp_path / "article.txt"
    text.write_text("An article.", encoding="utf-8")
    result = scripts.run("register_source.py", text, "--language", "en", "--reference-date", "2024-12-08", "--reference-date-basis", "guessed",
                         "--reference-date-note", "n")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "choose from " + ", ".join(repr(v) for v in field["constraints"]["enum"]) in result.stderr


def test_the_schemas_read_alike_with_libyaml_and_pure_python(monkeypatch):
    """core/schema.py parses with libyaml (about nine times faster): the pinned PyYAML has it, and it
    gives exactly what PyYAML's pure-Python parser gives."""
    import yaml

    from factkit.core import schema

    assert schema.LOADER is yaml.CSafeLoader
    fast = schema.load_resources()
    monkeypatch.setattr(schema, "LOADER", yaml.SafeLoader)
    assert schema.load_resources() == fast


def test_descriptor_builder_refuses_a_type_the_registry_lacks(tmp_path):
    """One type registry (core/types.py): a schema type it does not map never reaches the package."""

    import yaml

    schemas = tmp_path / "schemas"
    shutil.copytree(paths.SCHEMAS, schemas)
    shutil.copytree(paths.PACKAGE, tmp_path / "datapackage")
    spec = yaml.safe_load((schemas / "quantities.yaml").read_text(encoding="utf-8"))
    spec["fields"][4]["type"] = "geopoint"
    (schemas / "quantities.yaml").write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    with pytest.raises(descriptor.DescriptorError, match=rf"schemas/quantities.yaml: field '{spec['fields'][4]['name']}' has type 'geopoint'"):
        descriptor.build(tmp_path / "datapackage", schemas)
