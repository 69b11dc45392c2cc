"""Hostile surroundings: a closed or broken stdout, a path the OS refuses, and repository files
built to hang or exhaust `mlops import`. Each is a clear error with its exit code, never exit
70 (internal error) or a hang.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from support import MINIMAL_SPEC, run_cli, write_tree

NO_HANG_SECONDS = 60
_CLI = [sys.executable, "-m", "mlops_compiler"]
_ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}


def _drifted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    spec = tmp_path / "mlops.yaml"
    spec.write_text(MINIMAL_SPEC, encoding="utf-8")
    assert run_cli(capsys, "compile", "-f", str(spec)).exit_code == 0
    spec.write_text(MINIMAL_SPEC.replace("lr: 0.1", "lr: 0.2"), encoding="utf-8")
    return spec


def test_check_with_stdout_closed_still_exits_with_its_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = _drifted(tmp_path, capsys)
    command = " ".join([*_CLI, "compile", "--check", "--no-fast", "-f", str(spec)])

    result = subprocess.run(
        ["bash", "-c", f"{command} >&-"],
        capture_output=True,
        text=True,
        env=_ENV,
        timeout=NO_HANG_SECONDS,
        check=False,
    )

    assert result.returncode == 1, result.stderr  # drift, as with stdout open
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr


def test_a_reader_that_goes_away_is_an_io_error_not_a_crash(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [*_CLI, "schema"],  # far more than a pipe buffer holds
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_ENV,
        cwd=tmp_path,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=NO_HANG_SECONDS) == 4, stderr
    assert stderr.startswith("mlops: error: standard output was closed"), stderr
    assert "internal error" not in stderr
    assert "Exception ignored" not in stderr


def test_an_os_error_before_writing_is_exit_4_with_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "mlops.yaml"
    spec.write_text(MINIMAL_SPEC, encoding="utf-8")
    (tmp_path / ".mlops").write_text("not a folder\n", encoding="utf-8")  # its mkdir fails

    result = run_cli(capsys, "compile", "-f", str(spec))

    assert result.exit_code == 4, result
    assert f"mlops: error: File exists: {tmp_path / '.mlops'}" in result.stderr
    assert "internal error" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".mlops", "mlops.yaml"]


def _import(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*_CLI, "import", str(root)],
        capture_output=True,
        text=True,
        env=_ENV,
        timeout=NO_HANG_SECONDS,
        check=False,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_import_refuses_a_fifo_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "dvc.yaml")

    result = _import(tmp_path)

    assert result.returncode == 0, result.stderr
    assert "dvc.yaml: it is a named pipe (FIFO), not a regular file" in result.stdout


def test_import_refuses_a_billion_laughs_dvc_yaml_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    write_tree(tmp_path, {"dvc.yaml": "\n".join(lines) + "\nstages:\n  s:\n    cmd: *a8\n"})

    result = _import(tmp_path)

    assert result.returncode == 0, result.stderr
    assert "dvc.yaml: aliases expand to more than 100000 nodes" in result.stdout


def test_import_refuses_a_dvc_yaml_past_the_node_budget_at_its_place(tmp_path: Path) -> None:
    """Under the size cap, 500,000 items: ruamel would build them all (the spec's budget)."""
    items = ",".join(["x"] * 500_000)
    write_tree(tmp_path, {"dvc.yaml": f"stages:\n  s:\n    cmd: echo\n    deps: [{items}]\n"})

    result = _import(tmp_path)

    assert result.returncode == 0, result.stderr
    assert "dvc.yaml:4:11: more than 200000 keys, values and items" in result.stdout


def test_import_refuses_a_params_file_over_the_spec_size_cap(tmp_path: Path) -> None:
    """The spec's 1 MiB: what import reads becomes part of the spec it writes."""
    big = "".join(f"k{index}: {index}\n" for index in range(100_000))  # 1.2 MiB
    write_tree(
        tmp_path,
        {
            "dvc.yaml": "stages:\n  s:\n    cmd: echo\n    params: [k1]\n",
            "params.yaml": big,
        },
    )
    line = big[: 1024 * 1024].count("\n") + 1
    column = 1024 * 1024 - big[: 1024 * 1024].rindex("\n")

    result = _import(tmp_path)

    assert result.returncode == 0, result.stderr
    assert (
        f"params.yaml:{line}:{column}: the file is larger than 1 MiB ({len(big):,} bytes);"
        " refused before parsing\n"
    ) in result.stdout


@pytest.mark.parametrize("depth", [200, 3000])
def test_import_refuses_a_deeply_nested_dvc_yaml(tmp_path: Path, depth: int) -> None:
    write_tree(tmp_path, {"dvc.yaml": f"stages:\n  s:\n    cmd: {'[' * depth}{']' * depth}\n"})

    result = _import(tmp_path)

    assert result.returncode == 0, result.stderr
    assert "dvc.yaml: nesting is deeper than 64 levels" in result.stdout


def test_a_read_only_project_folder_is_exit_4_with_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review's fresh repository in a read-only folder: `.mlops`'s mkdir is refused.
    Tests run as root here, where chmod does not stop a write, so the refusal is simulated."""
    spec = tmp_path / "mlops.yaml"
    spec.write_text(MINIMAL_SPEC, encoding="utf-8")
    real_mkdir = Path.mkdir

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        if self == tmp_path / ".mlops":
            raise PermissionError(13, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "mkdir", refuse)
    result = run_cli(capsys, "compile", "-f", str(spec))

    assert result.exit_code == 4, result
    assert f"mlops: error: Permission denied: {tmp_path / '.mlops'}" in result.stderr
    assert "internal error" not in result.stderr


def test_import_shows_a_control_character_in_a_folder_name_escaped(tmp_path: Path) -> None:
    """A folder named `x<LF>::error::...` printed raw would be a workflow command in CI."""
    folder = "x\n::error::pwned"
    write_tree(tmp_path, {f"{folder}/dvc.yaml": "stages:\n  s:\n    cmd: echo\n"})

    result = _import(tmp_path)

    assert result.returncode == 0, result.stderr
    assert "x<U+000A>::error::pwned/dvc.yaml" in result.stdout
    assert not any(line.startswith("::") for line in result.stdout.splitlines())
