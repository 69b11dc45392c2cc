"""`mlops init`: a starter spec from what the folder holds; it validates; it never overwrites."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from support import run_cli, write_tree

from mlops_compiler.commands.starter import inspect_folder, project_name, starter_spec
from mlops_compiler.resources import schema_path

SCHEMA = "https://example.invalid/mlops.schema.json"


def test_a_repository_is_detected_and_the_starter_validates_without_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = write_tree(
        tmp_path / "Churn Model",
        {
            ".python-version": "3.10.14\n",
            "requirements.txt": "scikit-learn\n",
            "src/train.py": "print('train')\n",
            "data/raw.csv": "a,b\n",
        },
    )
    result = run_cli(capsys, "init", str(repo), "--schema", SCHEMA)

    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"created {repo / 'mlops.yaml'}: python 3.10 (.python-version), requirements.txt,"
        " data/, src/train.py\n"
        "next: edit it, then `mlops validate` and `mlops compile`\n"
    )
    assert (repo / "mlops.yaml").read_text() == (
        f"# yaml-language-server: $schema={SCHEMA}\n"
        "# The one file mlops-compiler reads: edit it, then run `mlops compile`.\n"
        "# Every key is documented in the schema above (hover in an editor) and in docs/spec.md.\n"
        "version: 1\n"
        "\n"
        "project:\n"
        "  name: churn-model\n"
        '  python: "3.10"             # .python-version\n'
        "  requirements: requirements.txt # found\n"
        "\n"
        "params:                     # written to params.yaml; your scripts read it\n"
        "  train:\n"
        "    seed: 42\n"
        "\n"
        "pipeline:\n"
        "  stages:\n"
        "    train:\n"
        "      cmd: python src/train.py # found\n"
        "      deps: [src/train.py, data] # the script and the data it reads\n"
        "      params: [train.seed]\n"
        "      outs: [models]\n"
        "\n"
        "tracking:                   # MLflow; params.yaml gets an `mlflow:` block\n"
        "  experiment: churn-model\n"
        "\n"
        "# data:                     # where `dvc push` stores data: uncomment and set a bucket\n"
        "#   remotes:\n"
        "#     storage: {kind: s3, url: s3://my-bucket/churn-model}\n"
    )
    validated = run_cli(capsys, "validate", "--strict", "-f", str(repo / "mlops.yaml"))
    assert (validated.exit_code, validated.stderr) == (0, "")


def test_an_empty_folder_gets_defaults_that_still_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "2024"
    folder.mkdir()
    assert run_cli(capsys, "init", str(folder)).exit_code == 0
    text = (folder / "mlops.yaml").read_text()
    assert text.splitlines()[0].startswith("# yaml-language-server: $schema=")
    assert text.splitlines()[0].endswith("mlops.schema.json")
    assert '  name: "2024"\n' in text  # unquoted, YAML would read a number
    here = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert f'  python: "{here}"' in text
    validated = run_cli(capsys, "validate", "--strict", "-f", str(folder / "mlops.yaml"))
    assert validated.exit_code == 0, validated.stderr


def test_pyproject_gives_the_python_version_and_dependencies(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "pyproject.toml": """\
                [project]
                name = "x"
                requires-python = ">=3.12"
                dependencies = ["pandas>=2", "mlflow"]
            """
        },
    )
    findings = inspect_folder(tmp_path)
    assert findings.python == ("3.12", "pyproject.toml (requires-python)")
    assert findings.dependencies == ["pandas>=2", "mlflow"]
    assert '    - "pandas>=2"\n' in starter_spec(findings, SCHEMA)


def test_init_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_tree(tmp_path, {"mlops.yaml": "# mine\n"})
    result = run_cli(capsys, "init", str(tmp_path))
    assert result.exit_code == 3
    assert result.stderr == (
        f"mlops: error: {tmp_path / 'mlops.yaml'} already exists; `mlops init` never overwrites"
        " a file\n  hint: edit it, or move it away and run `mlops init` again\n"
    )
    assert (tmp_path / "mlops.yaml").read_text() == "# mine\n"


@pytest.mark.parametrize(
    ("folder", "name"),
    [("My Project!", "my-project"), ("__x__", "x"), ("ünïcode", "unicode"), ("...", "ml-project")],
)
def test_project_names_are_made_valid(folder: str, name: str) -> None:
    assert project_name(folder) == name


def test_the_modeline_is_relative_to_the_repository_in_every_clone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 15, finding 8: no absolute path to this machine's schema in the modeline."""
    folder = tmp_path / "repo"
    folder.mkdir()
    assert run_cli(capsys, "init", str(folder)).exit_code == 0
    first = (folder / "mlops.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=.mlops/mlops.schema.json"
    copied = (folder / ".mlops" / "mlops.schema.json").read_text()
    assert copied == schema_path().read_text()
    clone = tmp_path / "clone"
    shutil.copytree(folder, clone)
    assert (clone / ".mlops" / "mlops.schema.json").is_file()
    assert run_cli(capsys, "compile", "-f", str(clone / "mlops.yaml")).exit_code == 0
    assert (clone / ".mlops" / "mlops.schema.json").read_text() == copied
