"""Inputs that once crashed the validator (found by the fuzz tests), kept as fixed cases."""
import shutil

from factkit.core import paths
from factkit.curation import descriptor
from fixtures import scripts


def _validate_with(tmp_path, resource, mutate):
    package = tmp_path / "datapackage"
    shutil.copytree(paths.PACKAGE, package)
    csv_path = package / "data" / f"{resource}.csv"
    csv_path.write_bytes(mutate(csv_path.read_bytes()))
    descriptor.write(package)
    return scripts.run("validate.py", package / "datapackage.json")


def test_lone_carriage_return_in_the_header_is_a_header_error_not_a_crash(tmp_path):
    # b'\xc3\x8a\r\xc2\x88(a' spliced into the header once raised csv.Error past every check
    result = _validate_with(tmp_path, "tombstones", lambda data: data[:10] + b"\xc3\x8a\r\xc2\x88(a" + data[10:])
    assert result.returncode == 1
    assert "internal-error" not in result.stdout and "Traceback" not in result.stderr
    assert "data/tombstones.csv" in result.stdout and "line 1" in result.stdout
    assert "[missing-column]" in result.stdout or "[csv-parse-error]" in result.stdout
