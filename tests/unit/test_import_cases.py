"""`mlops import` on hand-written repositories, one edge case each (tests/data/import/).

Every case is imported in place; everything taken over must compile back to the same data,
read as its owning tool reads it, and the files left alone are named with the reason.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from owning_tools import ToolEnv, dvc_stage_definitions, mlflow_project_definitions
from support import without_root

from mlops_compiler.commands.importer import ImportResult, failed, import_report, import_repository
from mlops_compiler.commands.importer.carry import same_data
from mlops_compiler.commands.importer.readers import parse_text, read_file
from mlops_compiler.load.loader import load_spec_bytes

CASES_DIR = Path(__file__).resolve().parents[1] / "data" / "import"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if p.is_dir())

TAKEN_OVER = {
    "anchors": {"dvc.yaml", "params.yaml"},
    "ci": {
        "dvc.yaml",
        ".github/workflows/cml.yml",
        ".github/workflows/docker.yml",
        "docker/Dockerfile",
    },
    "everything": {"dvc.yaml", "params.yaml", "configs/extra.yaml", ".dvc/config"},
    "external": {"dvc.yaml"},
    "foreach": {"dvc.yaml"},
    "interpolation": {"dvc.yaml", "params.yaml", "config/train.yaml"},
    "list-cmd": {"dvc.yaml"},
    "malformed": {"dvc.yaml", "good/dvc.yaml"},
    "unmodelled": {"dvc.yaml", "c/MLproject", "d/MLproject", "d/conda.yaml"},
    "mlflow": {
        "MLproject",
        "conda.yaml",
        "docker/MLProject",
        "pyenv/MLproject",
        "pyenv/python_env.yaml",
    },
}

_YAML_ONLY = "DVC reads it, but mlops writes params files as YAML only"
NOT_TAKEN_OVER = {
    "everything": {
        "configs/features.toml": ("left", _YAML_ONLY),
        "configs/thresholds.json": ("left", _YAML_ONLY),
    },
    "unmodelled": {
        "a/dvc.yaml": (
            "unreadable",
            'a/dvc.yaml:3:3: YAML syntax error: found duplicate key "a" with value "{}"'
            ' (original value: "{}")',
        ),
        "b/dvc.yaml": ("unreadable", "b/dvc.yaml: not a mapping of keys, as its tool expects"),
        "params.yaml": (
            "refused",
            "compile would not reproduce it: date values cannot be written in mlops.yaml",
        ),
    },
    "malformed": {
        "broken/dvc.yaml": (
            "unreadable",
            "broken/dvc.yaml:4:1: YAML syntax error: found a tab character that violates"
            " indentation",
        ),
        "MLproject": (
            "unreadable",
            "MLproject:5:1: YAML syntax error: found unexpected end of stream",
        ),
    },
}


def _import(case: str) -> ImportResult:
    return import_repository(CASES_DIR / case)


@pytest.mark.parametrize("case", CASES)
def test_every_file_taken_over_compiles_back_to_the_same_data(case: str) -> None:
    result = _import(case)
    assert {source.path for source in result.adopted} == TAKEN_OVER[case]
    for source in result.adopted:
        if source.kind == "image":
            continue  # modelled anew by `images`, stricter: tests/unit/test_import_images.py
        original = read_file(CASES_DIR / case, source.path, source.reader)
        compiled = parse_text(result.tree.files[source.path].text, source.path, source.reader)
        assert same_data(compiled, original), source.path


@pytest.mark.parametrize("case", CASES)
def test_files_not_taken_over_are_named_with_the_reason(case: str) -> None:
    skipped = {item.path: (item.verdict, item.reason) for item in _import(case).skipped}
    assert skipped == NOT_TAKEN_OVER.get(case, {})


@pytest.mark.parametrize("case", CASES)
def test_the_spec_is_valid_and_warning_free(case: str) -> None:
    result = _import(case)
    document = load_spec_bytes(result.spec_text.encode(), CASES_DIR / case / "mlops.yaml")
    assert document.warnings == []
    assert not (CASES_DIR / case / "mlops.yaml").exists()


def test_anchors_and_merge_keys_are_resolved_as_dvc_resolves_them() -> None:
    result = _import("anchors")
    params = load_spec_bytes(result.spec_text.encode(), Path("mlops.yaml")).data["params"]
    assert params["train"] == {"lr": 0.1, "epochs": 20}
    assert params["fast"] == {"lr": 0.1, "epochs": 10}
    assert "&" not in result.spec_text and "<<" not in result.spec_text


def test_interpolation_passes_through_untouched() -> None:
    spec = _import("interpolation").spec_text
    for text in ("${datasets}", "${item.url}", "${code}/..", "${report.dir}/${item.model}-"):
        assert text in spec


def test_credentials_in_config_local_are_never_read() -> None:
    result = _import("everything")
    assert "hunter2" not in result.spec_text
    assert ".dvc/config.local" not in {source.path for source in result.adopted}


def test_what_the_spec_cannot_model_is_kept_verbatim_with_the_reason() -> None:
    result = _import("mlflow")
    patches = {source.path: source.patches for source in result.adopted if source.patches}
    assert patches == {
        "MLproject": [{"set": "owner", "value": {"team": "churn"}}],
        "docker/MLProject": [
            {"set": "docker_env.environment", "value": ["MLFLOW_TRACKING_URI", ["MODE", "batch"]]}
        ],
    }
    docker = next(source for source in result.adopted if source.path == "docker/MLProject")
    assert docker.reasons == ["environment.environment[1]: expected a string, got a list"]


def test_malformed_files_are_reported_with_their_position_and_the_rest_imported() -> None:
    result = _import("malformed")
    assert failed(result)
    report = import_report(result, check=True)
    assert report.splitlines()[0] == (
        "mlops import --check: 2 of 4 file(s) round-trip exactly (nothing written)"
    )
    assert "    MLproject:5:1: YAML syntax error: found unexpected end of stream" in report


def test_the_report_lists_what_was_taken_over_and_why_the_rest_was_not() -> None:
    assert import_report(_import("everything"), check=False) == (
        "mlops import: 4 of 4 file(s) taken over\n"
        "  taken over (compiling mlops.yaml reproduces each one exactly, as data):\n"
        "    dvc.yaml            DVC pipeline\n"
        "    params.yaml         params file\n"
        "    configs/extra.yaml  params file\n"
        "    .dvc/config         DVC remotes and settings\n"
        "  left as they are:\n"
        f"    configs/features.toml: {_YAML_ONLY}\n"
        f"    configs/thresholds.json: {_YAML_ONLY}\n"
        "  compile will also create: .dvc/.gitignore, .dvcignore, .gitattributes\n"
    )


DVC_CANNOT_LOAD = {
    ("external", "dvc.yaml"): "s3:// paths need the dvc-s3 plugin, which the test venv leaves out",
}
"""Files DVC's loader cannot resolve here; the original and the compiled file fail alike."""


@pytest.mark.tools
def test_dvc_and_mlflow_read_every_case_as_they_read_the_original(
    tmp_path: Path, isolated_tool_env: ToolEnv
) -> None:
    pipelines, projects, roots = [], [], {}
    for case in CASES:
        result = _import(case)
        original, compiled = tmp_path / "original" / case, tmp_path / "compiled" / case
        shutil.copytree(CASES_DIR / case, original, ignore=shutil.ignore_patterns(".dvc"))
        shutil.copytree(CASES_DIR / case, compiled, ignore=shutil.ignore_patterns(".dvc"))
        for path, output in result.tree.files.items():
            if not path.startswith(".dvc/"):
                (compiled / path).parent.mkdir(parents=True, exist_ok=True)
                (compiled / path).write_text(output.text, encoding="utf-8")
        roots[case] = (original, compiled)
        for source in result.adopted:
            if source.kind == "pipeline":
                pipelines += [(case, source.path, original), (case, source.path, compiled)]
            elif source.kind == "mlproject":
                folder = str(Path(source.path).parent)
                projects += [(case, original / folder), (case, compiled / folder)]
    dvc, ran = dvc_stage_definitions([(r, p) for _, p, r in pipelines], env=isolated_tool_env)
    assert ran.ok, ran
    for case, path, _root in pipelines[::2]:
        original, compiled = roots[case]
        before = without_root(dvc[f"{original}:{path}"], original)
        assert without_root(dvc[f"{compiled}:{path}"], compiled) == before, (case, path)
        errors = [stage for stage in before.get("stages", {}).values() if "error" in stage]
        assert bool(errors) == ((case, path) in DVC_CANNOT_LOAD), (case, path, before)
    mlflow, ran = mlflow_project_definitions([d for _, d in projects], env=isolated_tool_env)
    assert ran.ok, ran
    for case, folder in projects[::2]:
        original, compiled = roots[case]
        relative = folder.relative_to(original)
        before = without_root(mlflow[str(folder)], original)
        assert without_root(mlflow[str(compiled / relative)], compiled) == before, (case, folder)
        assert before["entry_points"], (case, folder, before["errors"])


def test_workflows_and_dockerfiles_are_carried_as_text_after_the_header() -> None:
    result = _import("ci")
    original = (CASES_DIR / "ci" / "docker" / "Dockerfile").read_text()
    compiled = result.tree.files["docker/Dockerfile"].text
    directive, rest = original.split("\n", 1)
    assert compiled.startswith(directive + "\n# This file is generated by mlops-compiler")
    assert compiled.endswith(rest)
    workflow = result.tree.files[".github/workflows/cml.yml"].text
    assert workflow.endswith((CASES_DIR / "ci" / ".github/workflows/cml.yml").read_text())


def test_what_the_spec_refuses_is_carried_verbatim_and_what_cannot_be_is_left() -> None:
    result = _import("unmodelled")
    patches = {source.path: source.patches for source in result.adopted}
    assert patches == {
        "dvc.yaml": [
            {"set": "/stages/train.v2", "value": {"cmd": "python train.py", "outs": ["m.pkl"]}},
            {"set": "stages.grid.matrix", "value": {"my axis": [1, 2]}},
            {"set": "stages.ok.params", "value": ["missing.key"]},
        ],
        "d/MLproject": [
            {"set": "name", "value": 42},
            {"delete": "entry_points.main.parameters.x.type"},
            {"set": "entry_points.main.parameters.y", "value": "integer"},
        ],
        "d/conda.yaml": [],
        "c/MLproject": [],  # no environment: `{kind: local}` models it, nothing carried
    }
