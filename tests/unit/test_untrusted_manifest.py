"""The manifest is untrusted input: a commit can forge it, hashes and all.

A forged entry never makes compile delete the spec, an input or a file the compiler did not
write; and the manifest records the spec's bytes as compiled, not as they are when it is
written (an editor may save the spec while a compile runs).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import MINIMAL_SPEC, run_cli, write_tree

from mlops_compiler import compile_spec
from mlops_compiler.fingerprint import content_hash
from mlops_compiler.write.writer import apply_plan, plan_writes


def _forge(root: Path, paths: list[str]) -> None:
    manifest = root / ".mlops/manifest.json"
    document = json.loads(manifest.read_text(encoding="utf-8"))
    for path in paths:
        document["files"][path] = {
            "sha256": content_hash((root / path).read_bytes()),
            "section": "pipeline",
            "template": "dvc/dvc.yaml.jinja",
            "mode": "managed",
        }
    manifest.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def test_a_forged_manifest_deletes_neither_the_spec_nor_files_compile_never_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_tree(
        tmp_path,
        {"mlops.yaml": MINIMAL_SPEC, "README.md": "# demo\n", "src/train.py": "print(1)\n"},
    )
    assert run_cli(capsys, "compile", "-f", str(root / "mlops.yaml")).exit_code == 0
    _forge(root, ["mlops.yaml", "README.md", "src/train.py"])

    result = run_cli(capsys, "compile", "-f", str(root / "mlops.yaml"))

    assert result.exit_code == 0, result
    assert "deleted" not in result.stdout + result.stderr
    assert (root / "mlops.yaml").read_text(encoding="utf-8") == MINIMAL_SPEC
    assert (root / "README.md").read_text(encoding="utf-8") == "# demo\n"
    assert (root / "src/train.py").read_text(encoding="utf-8") == "print(1)\n"
    assert "src/train.py: listed in .mlops/manifest.json, but compile never generates" in (
        result.stderr + result.stdout
    )


def test_an_orphan_the_compiler_wrote_is_still_deleted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "mlops.yaml"
    spec.write_text(MINIMAL_SPEC + "ci:\n  test: [pytest -q]\n", encoding="utf-8")
    assert run_cli(capsys, "compile", "-f", str(spec)).exit_code == 0
    assert (tmp_path / ".github/workflows/ci.yml").is_file()
    spec.write_text(MINIMAL_SPEC, encoding="utf-8")

    assert run_cli(capsys, "compile", "-f", str(spec)).exit_code == 0

    assert not (tmp_path / ".github/workflows/ci.yml").exists()


def test_the_manifest_records_the_spec_as_compiled_not_as_saved_meanwhile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "mlops.yaml"
    spec.write_text(MINIMAL_SPEC, encoding="utf-8")
    tree = compile_spec(spec)
    saved = MINIMAL_SPEC.replace("lr: 0.1", "lr: 0.2")
    spec.write_text(saved, encoding="utf-8")  # the editor saves while the compile runs

    apply_plan(plan_writes(tree, tmp_path))

    manifest = json.loads((tmp_path / ".mlops/manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"]["mlops.yaml"] == content_hash(MINIMAL_SPEC.encode())
    check = run_cli(capsys, "compile", "--check", "-f", str(spec))
    assert check.exit_code == 1, check  # params.yaml is stale: the fast path must not say 0
