"""Rendering: values can never change the structure of an output."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from support import MINIMAL_SPEC, write_tree

from mlops_compiler import compile_spec
from mlops_compiler.errors import InternalError
from mlops_compiler.render.engine import header


def compile_text(tmp_path: Path, spec: str) -> dict[str, str]:
    write_tree(tmp_path, {"mlops.yaml": spec})
    return compile_spec(tmp_path / "mlops.yaml").texts()


def test_a_minimal_spec_generates_dvc_yaml_and_params(tmp_path: Path) -> None:
    outputs = compile_text(tmp_path, MINIMAL_SPEC)
    assert sorted(outputs) == [
        ".dvc/.gitignore",
        ".dvc/config",
        ".dvcignore",
        ".gitattributes",
        "dvc.yaml",
        "params.yaml",
    ]
    assert yaml.safe_load(outputs["dvc.yaml"]) == {
        "stages": {
            "train": {
                "cmd": "python train.py",
                "deps": ["train.py"],
                "params": ["train.lr"],
                "outs": ["model.pkl"],
            }
        }
    }
    assert yaml.safe_load(outputs["params.yaml"]) == {"train": {"lr": 0.1}}


DVC_OWN = (".dvc/.gitignore", ".dvcignore")
"""Byte for byte what `dvc init` writes, so DVC's own files are adopted: no header."""
SHARED = (".gitattributes",)
"""The user's file with one marked block of ours: the block says where it comes from."""


def test_every_output_starts_with_the_header(tmp_path: Path) -> None:
    outputs = compile_text(tmp_path, MINIMAL_SPEC)
    assert {*DVC_OWN, *SHARED} <= set(outputs)
    assert outputs[".gitattributes"].startswith("# >>> mlops-compiler: files generated from")
    for path, text in outputs.items():
        if path not in (*DVC_OWN, *SHARED):
            assert text.startswith(header("mlops.yaml") + "\n"), path


def test_a_newline_in_a_description_cannot_add_a_key(tmp_path: Path) -> None:
    spec = MINIMAL_SPEC.replace(
        "cmd: python train.py",
        'cmd: python train.py\n      desc: "prep\\n  permissions: write-all"',
    )
    dvc = yaml.safe_load(compile_text(tmp_path, spec)["dvc.yaml"])
    assert dvc["stages"]["train"]["desc"] == "prep\n  permissions: write-all"
    assert set(dvc["stages"]["train"]) == {"desc", "cmd", "deps", "params", "outs"}


def test_template_syntax_in_values_is_not_evaluated(tmp_path: Path) -> None:
    spec = MINIMAL_SPEC.replace("name: demo", "name: demo\n  description: '{{ 7*7 }}'").replace(
        "cmd: python train.py", "cmd: echo '{{ 7*7 }} {% if 1 %}x{% endif %}'"
    )
    dvc = yaml.safe_load(compile_text(tmp_path, spec)["dvc.yaml"])
    assert dvc["stages"]["train"]["cmd"] == "echo '{{ 7*7 }} {% if 1 %}x{% endif %}'"


def test_a_stage_name_with_a_newline_is_rejected_before_rendering(tmp_path: Path) -> None:
    from mlops_compiler.errors import SpecError

    spec = MINIMAL_SPEC.replace(
        "    train:\n      cmd", '    "prep\\n  permissions: write-all":\n      cmd'
    )
    with pytest.raises(SpecError) as caught:
        compile_text(tmp_path, spec)
    assert [d.message for d in caught.value.diagnostics] == [
        "`prep\n  permissions: write-all` is not a valid name: use letters, digits, `-` and `_`,"
        " starting with a letter or digit"
    ]


def test_dvc_interpolation_passes_through_untouched(tmp_path: Path) -> None:
    spec = """\
    version: 1
    project: {name: demo}
    pipeline:
      vars: [{models: [a, b]}]
      stages:
        fit:
          foreach: ${models}
          do:
            cmd: python fit.py ${item}
            outs:
              - models/${item}.pkl
    """
    dvc = yaml.safe_load(compile_text(tmp_path, spec)["dvc.yaml"])
    assert dvc["stages"]["fit"] == {
        "foreach": "${models}",
        "do": {"cmd": "python fit.py ${item}", "outs": ["models/${item}.pkl"]},
    }


def test_a_template_that_drops_data_is_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mlops_compiler.families.dvc import documents

    real = documents.stage_body
    monkeypatch.setattr(documents, "stage_body", lambda body: {**real(body), "extra": 1})
    with pytest.raises(InternalError, match="does not parse back to the intended data"):
        compile_text(tmp_path, MINIMAL_SPEC)


def test_outputs_are_byte_identical_across_runs(tmp_path: Path) -> None:
    assert compile_text(tmp_path, MINIMAL_SPEC) == compile_text(tmp_path, MINIMAL_SPEC)


def test_a_conda_environment_without_channels_leaves_the_key_out(tmp_path: Path) -> None:
    spec = MINIMAL_SPEC + (
        "environment: {kind: conda, channels: []}\n"
        "entry_points:\n"
        "  main: {command: python train.py}\n"
    )
    conda = yaml.safe_load(compile_text(tmp_path, spec)["conda.yaml"])
    assert "channels" not in conda  # conda then uses the channels its configuration names
    assert conda["name"] == "demo"
