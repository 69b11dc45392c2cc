"""The conventions every command shares (issue 18): `--format` everywhere, `--check` as one
JSON record per file, `-q`/`-v`, colour only when wanted, completion, exit codes in `--help`,
and the small lies of the old CLI (a `--check` hint that `compile` then refuses, diffs that ran
opposite ways, a manifest-only write that "changed generated files", `--tag name:tag`).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import MINIMAL_SPEC, run_cli, write_tree

from mlops_compiler.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return write_tree(tmp_path, {"mlops.yaml": MINIMAL_SPEC})


def hand_edit(project: Path) -> None:
    params = project / "params.yaml"
    params.write_text(params.read_text().replace("lr: 0.1", "lr: 0.5"))


def test_check_in_json_has_one_record_per_drifted_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(capsys, "compile")
    hand_edit(project)
    (project / "dvc.yaml").unlink()
    result = run_cli(capsys, "compile", "--check", "--format", "json")
    document = json.loads(result.stdout)
    assert document["exit_code"] == result.exit_code == 1
    assert document["files"] == [
        {"path": "dvc.yaml", "state": "missing", "first_line": 1},
        {"path": "params.yaml", "state": "edited", "first_line": 4},
    ]


def test_compile_in_json_lists_each_generated_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "compile", "--format", "json")
    assert json.loads(result.stdout)["files"] == [
        {"path": ".dvc/.gitignore", "change": "create"},
        {"path": ".dvc/config", "change": "create"},
        {"path": ".dvcignore", "change": "create"},
        {"path": ".gitattributes", "change": "create"},
        {"path": "dvc.yaml", "change": "create"},
        {"path": "params.yaml", "change": "create"},
    ]
    again = run_cli(capsys, "compile", "--format", "json")
    assert {f["change"] for f in json.loads(again.stdout)["files"]} == {"unchanged"}


def test_every_command_takes_format_quiet_and_verbose() -> None:
    parser = build_parser()
    commands = ["compile", "validate", "absorb", "build", "schema", "init", "graph", "verify"]
    commands += ["import", "completion"]
    extra = {"explain": ["dvc.yaml"], "completion": ["bash"]}
    for command in [*commands, "explain"]:
        for flags in (["--format", "json", "-q"], ["--format", "github", "-v"]):
            arguments = parser.parse_args([command, *extra.get(command, []), *flags])
            assert arguments.format == flags[1]


def test_graph_build_absorb_and_init_print_one_json_document(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    graph = json.loads(run_cli(capsys, "graph", "--format", "json").stdout)
    assert graph["pipelines"] == [{"path": "dvc.yaml", "stages": ["train"], "edges": []}]
    run_cli(capsys, "compile")
    absorb = json.loads(run_cli(capsys, "absorb", "--format", "json").stdout)
    assert (absorb["exit_code"], absorb["absorbed"]) == (0, [])
    build = run_cli(capsys, "build", "--tag", "name:tag", "--format", "json")
    [problem] = json.loads(build.stdout)["diagnostics"]
    assert build.exit_code == 2
    assert problem["message"] == "--tag takes only a tag, not an image reference: `name:tag`"
    (project / "new").mkdir()
    init = json.loads(run_cli(capsys, "init", "new", "--format", "json").stdout)
    assert init["written"] == [str(Path("new") / "mlops.yaml")]


def test_build_refuses_a_whole_reference_as_tag(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "build", "--tag", "name:tag")
    assert result.exit_code == 2
    assert "not an image reference" in result.stderr
    assert "--tag tag" in result.stderr
    assert "name:name:tag" not in result.stderr


def test_graph_of_a_spec_with_only_pipelines_draws_each_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = """\
        version: 1
        project: {name: mono}
        pipelines:
          data/dvc.yaml: {stages: {fetch: {cmd: make fetch, outs: [raw]}}}
          model/dvc.yaml:
            stages:
              prep: {cmd: python prep.py, outs: [clean]}
              train: {cmd: python train.py, deps: [clean], outs: [model.pkl]}
        """
    monkeypatch.chdir(write_tree(tmp_path, {"mlops.yaml": spec}))
    result = run_cli(capsys, "graph")
    assert result.exit_code == 0, result.stderr
    assert "# data/dvc.yaml" in result.stdout
    assert "# model/dvc.yaml" in result.stdout
    assert "train" in result.stdout.split("# model/dvc.yaml")[1]


def test_quiet_drops_chatter_and_verbose_lists_every_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    quiet = run_cli(capsys, "compile", "-q")
    assert (quiet.exit_code, quiet.stdout, quiet.stderr) == (0, "", "")
    verbose = run_cli(capsys, "compile", "-v")
    assert verbose.stdout == (
        "unchanged  .dvc/.gitignore\nunchanged  .dvc/config\nunchanged  .dvcignore\n"
        "unchanged  .gitattributes\n"
        "unchanged  dvc.yaml\nunchanged  params.yaml\nmlops: 0 written, 6 unchanged\n"
    )
    assert verbose.stderr.startswith("mlops: compile took ")
    hand_edit(project)
    check = run_cli(capsys, "compile", "--check", "-q")
    assert (check.exit_code, check.stdout) == (1, "")  # the diff is chatter; the verdict is not
    assert "params.yaml: edited by hand" in check.stderr
    github = run_cli(capsys, "compile", "--check", "-q", "--format", "github")
    assert github.stdout.startswith("::error file=params.yaml,")  # annotations are the product


def test_colour_only_when_forced_or_on_a_terminal_and_never_under_no_color(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(capsys, "compile")
    hand_edit(project)
    plain = run_cli(capsys, "compile", "--check")
    assert "\033[" not in plain.stdout + plain.stderr  # capsys is no terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    forced = run_cli(capsys, "compile", "--check")
    assert "\033[31m-  lr: 0.5\033[0m" in forced.stdout
    assert "\033[32m+  lr: 0.1\033[0m" in forced.stdout
    as_json = run_cli(capsys, "compile", "--check", "--format", "json")
    assert "\033[" not in as_json.stdout
    monkeypatch.setenv("NO_COLOR", "1")
    refused = run_cli(capsys, "compile", "--check")
    assert "\033[" not in refused.stdout + refused.stderr


def test_colour_follows_the_terminal_by_default() -> None:
    from mlops_compiler.cli.conventions import colour_wanted

    class Terminal:
        @staticmethod
        def isatty() -> bool:
            return True

    assert colour_wanted(Terminal(), {}) is True  # type: ignore[arg-type]
    assert colour_wanted(Terminal(), {"NO_COLOR": "1"}) is False  # type: ignore[arg-type]

    class Pipe:
        @staticmethod
        def isatty() -> bool:
            return False

    assert colour_wanted(Pipe(), {}) is False  # type: ignore[arg-type]
    assert colour_wanted(Pipe(), {"FORCE_COLOR": "1"}) is True  # type: ignore[arg-type]
    assert colour_wanted(Pipe(), {"FORCE_COLOR": "0"}) is False  # type: ignore[arg-type]
    assert colour_wanted(Terminal(), {"TERM": "dumb"}) is False  # type: ignore[arg-type]


def test_help_lists_exit_codes_and_no_fast(capsys: pytest.CaptureFixture[str]) -> None:
    top = run_cli(capsys, "--help")
    assert "exit codes:" in top.stdout
    assert "130  interrupted" in top.stdout
    assert "NO_COLOR" in top.stdout
    compile_help = run_cli(capsys, "compile", "--help")
    assert "--no-fast" in compile_help.stdout
    assert "3    refused to protect data" in compile_help.stdout


def test_no_fast_through_the_real_entry_point(project: Path) -> None:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "mlops_compiler"]
    subprocess.run([*command, "compile"], cwd=project, env=environment, check=True)
    done = subprocess.run(
        [*command, "compile", "--check", "--no-fast", "--format", "json"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["files"] == []


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "tcsh"])
def test_completion_scripts_name_every_command(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "completion", shell)
    assert result.exit_code == 0
    for command in ("compile", "validate", "absorb", "explain", "import", "completion"):
        assert command in result.stdout
    no_fast = {"fish": "-l no-fast", "tcsh": "compile"}.get(shell, "--no-fast")
    assert no_fast in result.stdout
    if shell == "bash":
        checked = subprocess.run(
            [shutil.which("bash") or "bash", "-n"], input=result.stdout, text=True, check=False
        )
        assert checked.returncode == 0


def test_check_after_a_hand_edit_does_not_send_the_user_to_a_refusal(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(capsys, "compile")
    hand_edit(project)
    check = run_cli(capsys, "compile", "--check")
    last = check.stderr.splitlines()[-1]
    assert "`mlops absorb`" in last
    assert "`mlops compile --force`" in last
    github = run_cli(capsys, "compile", "--check", "--format", "github")
    assert "mlops absorb" in github.stdout


def test_the_check_diff_and_the_refusal_diff_point_the_same_way(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(capsys, "compile")
    hand_edit(project)
    check = run_cli(capsys, "compile", "--check")
    refusal = run_cli(capsys, "compile")
    assert refusal.exit_code == 3
    for text in (check.stdout, refusal.stderr):
        assert text.index("-  lr: 0.5") < text.index("+  lr: 0.1")


def test_a_manifest_only_write_is_not_a_change_of_generated_files(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_cli(capsys, "compile")
    spec = project / "mlops.yaml"
    spec.write_text("# a comment moves only the manifest's record of the spec\n" + MINIMAL_SPEC)
    result = run_cli(capsys, "compile", "--fail-on-change")
    assert result.stdout == "mlops: 0 written, 6 unchanged\n"
    assert (result.exit_code, result.stderr) == (0, "")


def test_a_slow_command_says_it_is_still_working_on_a_terminal(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import time

    from mlops_compiler.cli import main as cli

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(cli, "SLOW_AFTER", 0.0)
    slow_compile = cli._compile

    def compile_slowly(*args: object, **kwargs: object) -> int:
        time.sleep(0.3)
        return slow_compile(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cli, "_compile", compile_slowly)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert cli.main(["compile"]) == 0
    assert "mlops: compile: still working...\n" in terminal.getvalue()
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert cli.main(["compile", "-q"]) == 0
    assert quiet.getvalue() == ""
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    assert cli.main(["compile"]) == 0
    assert piped.getvalue() == ""  # a log gets no progress line
