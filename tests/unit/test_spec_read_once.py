"""Each command reads the spec once: what it shows is what it checked, and nothing is paid twice.

Before, warnings were shown from a second read of the file, a patch error read it again to place
itself, and `mlops build` ran the whole front end twice.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from mlops_compiler.cli.main import main
from mlops_compiler.load import loader, specfile
from tests.support import MINIMAL_SPEC, write_tree

WITH_WARNING = MINIMAL_SPEC.replace("outs: [model.pkl]", "outs: [{path: model.pkl, cache: no}]")
WITH_BAD_PATCH = MINIMAL_SPEC + (
    "overrides:\n  dvc.yaml:\n    patches:\n      - {set: stages.trian.cmd, value: x}\n"
)
WITH_IMAGE = (
    MINIMAL_SPEC.replace("  name: demo\n", "  name: demo\n  requirements: requirements.txt\n")
    + "images:\n  train: {}\n"
)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each spec file is read, by name."""
    counted: Counter[str] = Counter()
    real = loader.read_capped

    def counting(path: Path) -> bytes:
        counted[Path(path).name] += 1
        return real(path)

    monkeypatch.setattr(loader, "read_capped", counting)
    monkeypatch.setattr(specfile, "read_capped", counting)
    return counted


@pytest.mark.parametrize("command", ["validate", "compile"])
def test_a_spec_with_warnings_is_read_once(
    command: str, tmp_path: Path, reads: Counter[str], capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"mlops.yaml": WITH_WARNING, "train.py": ""})
    assert main([command, "-f", str(tmp_path / "mlops.yaml")]) == 0
    assert "warning" in capsys.readouterr().err
    assert reads == Counter({"mlops.yaml": 1})


def test_a_patch_error_is_placed_without_reading_the_spec_again(
    tmp_path: Path, reads: Counter[str], capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"mlops.yaml": WITH_BAD_PATCH, "train.py": ""})
    assert main(["compile", "-f", str(tmp_path / "mlops.yaml")]) == 2
    assert "mlops.yaml:16:" in capsys.readouterr().err
    assert reads == Counter({"mlops.yaml": 1})


def test_build_runs_the_front_end_once(
    tmp_path: Path, reads: Counter[str], capsys: pytest.CaptureFixture[str]
) -> None:
    write_tree(tmp_path, {"mlops.yaml": WITH_IMAGE, "train.py": "", "requirements.txt": ""})
    spec = str(tmp_path / "mlops.yaml")
    assert main(["compile", "-f", spec]) == 0
    reads.clear()
    main(["build", "-f", spec])  # no Docker engine needed: the count is taken before it
    capsys.readouterr()
    assert reads == Counter({"mlops.yaml": 1})
