"""The no-change fast path of `compile --check`: right when it answers, silent when in doubt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import MINIMAL_SPEC, run_cli, write_tree

from mlops_compiler import fastpath

WITH_PARAMS_FILE = MINIMAL_SPEC.replace(
    "params: [train.lr]", "params: [train.lr, {config/extra.yaml: [seed]}]"
)


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    write_tree(tmp_path, {"mlops.yaml": WITH_PARAMS_FILE, "config/extra.yaml": "seed: 1\n"})
    assert run_cli(capsys, "compile", "-f", str(tmp_path / "mlops.yaml")).exit_code == 0
    return tmp_path


def fast(project: Path, *extra: str) -> int | None:
    return fastpath.try_fast_check(
        ["compile", "--check", "-f", str(project / "mlops.yaml"), *extra]
    )


def test_an_untouched_project_is_answered_without_compiling(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert fast(project) == 0
    assert capsys.readouterr().out == "mlops: 2 generated file(s) up to date\n"


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda p: (p / "mlops.yaml").write_text(WITH_PARAMS_FILE + "# edit\n"), "spec changed"),
        (lambda p: (p / "config/extra.yaml").write_text("seed: 2\n"), "an input file changed"),
        (lambda p: (p / "dvc.yaml").write_text("# hand edit\n"), "an output was edited"),
        (lambda p: (p / "params.yaml").unlink(), "an output is missing"),
        (lambda p: (p / ".mlops/.gitignore").unlink(), "the bookkeeping is missing"),
    ],
)
def test_any_change_falls_through_to_the_full_compile(
    project: Path, change: object, reason: str
) -> None:
    change(project)  # type: ignore[operator]
    assert fast(project) is None, reason


def test_another_generator_version_falls_through(project: Path) -> None:
    manifest_path = project / ".mlops/manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["generator_version"] = "0.0.1"
    manifest_path.write_text(json.dumps(manifest))
    assert fast(project) is None


def test_a_changed_template_set_falls_through(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fastpath, "templates_fingerprint", lambda: "0" * 64)
    assert fast(project) is None


@pytest.mark.parametrize("flags", [("--format", "github"), ("--diff",), ("--strict",)])
def test_other_options_take_the_full_path(project: Path, flags: tuple[str, ...]) -> None:
    assert fast(project, *flags) is None


def test_the_fast_path_imports_nothing_heavy(project: Path) -> None:
    script = (
        "import sys; from mlops_compiler.entry import run; code = run(sys.argv[1:]);"
        " heavy = {'pydantic', 'jinja2', 'yaml', 'ruamel', 'dvc', 'mlflow', 'docker', 'argparse'};"
        " print(code, sorted(m for m in sys.modules if m.split('.')[0] in heavy))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script, "compile", "--check", "-f", str(project / "mlops.yaml")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert completed.stdout.splitlines()[-1] == "0 []"


def test_no_fast_forces_the_full_compile(project: Path) -> None:
    (project / ".mlops/manifest.json").write_text(
        (project / ".mlops/manifest.json")
        .read_text()
        .replace('"mode": "managed"', '"mode": "seed"')
    )
    (project / "dvc.yaml").write_text("# hand edit hidden by a forged manifest\n")
    from mlops_compiler.entry import run

    assert run(["compile", "--check", "-f", str(project / "mlops.yaml")]) == 0
    assert run(["compile", "--check", "--no-fast", "-f", str(project / "mlops.yaml")]) == 1
