"""The no-change fast path of `compile --check`: right when it answers, silent when in doubt."""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from support import MINIMAL_SPEC, run_cli, write_tree

from mlops_compiler import fastpath, fingerprint
from mlops_compiler.write.manifest import Manifest, ManifestEntry, manifest_text

ROOT = Path(__file__).resolve().parents[2]

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
    assert capsys.readouterr().out == "mlops: 6 generated file(s) up to date\n"


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


def edit_manifest(project: Path, old: str, new: str) -> None:
    path = project / ".mlops/manifest.json"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_another_generator_version_falls_through(project: Path) -> None:
    edit_manifest(project, '"generator_version": "0.1.0"', '"generator_version": "0.0.1"')
    assert fast(project) is None


def test_a_changed_template_set_falls_through(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fastpath, "templates_fingerprint", lambda: "0" * 64)
    assert fast(project) is None


@pytest.mark.parametrize("flags", [("--format", "github"), ("--diff",), ("--strict",), ("-v",)])
def test_other_options_take_the_full_path(project: Path, flags: tuple[str, ...]) -> None:
    assert fast(project, *flags) is None


@pytest.mark.parametrize("flag", ["-q", "--quiet"])
def test_quiet_keeps_the_fast_path_and_prints_nothing(
    project: Path, flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert fast(project, flag) == 0
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("old", "new", "edit"),
    [
        ('"sha256": "', '"sha256": "0', "a recorded hash changed"),
        ('"mode": "managed"', '"mode": "owned"', "an unknown mode"),
        ('"mode": "managed"', '"mode": "managed", "x": 1', "an extra key"),
        ('"format": 1', '"format": 2', "another format"),
        ('"spec": "mlops.yaml"', '"spec": "other.yaml"', "another spec"),
        ('"dvc.yaml": {', '"dvc.y\\u0061ml": {', "an escape (the same path to JSON)"),
        ('"dvc.yaml": {', '"../dvc.yaml": {', "a path leaving the project"),
        ('"dvc.yaml": {', '"dvc.yaml" : {', "other spacing"),
        ("{\n", "\ufeff{\n", "a byte order mark"),
        ("\n}\n", "\n}", "no final newline"),
    ],
)
def test_a_hand_edited_manifest_falls_through(project: Path, old: str, new: str, edit: str) -> None:
    edit_manifest(project, old, new)
    assert fast(project) is None, edit


def test_a_manifest_rewritten_by_another_json_writer_falls_through(project: Path) -> None:
    path = project / ".mlops/manifest.json"
    for text in (json.dumps(json.loads(path.read_text())), path.read_text().replace("\n", "\r\n")):
        path.write_text(text, newline="")
        assert fast(project) is None


def test_the_manifest_reader_sees_what_json_sees(project: Path) -> None:
    data = (project / ".mlops/manifest.json").read_bytes()
    recorded = fastpath.parse_manifest(data)
    assert recorded is not None
    assert as_document(recorded) == json.loads(data)


def as_document(recorded: fastpath.Recorded) -> dict[str, object]:
    return {
        "format": 1,
        "generator": "mlops-compiler",
        "generator_version": recorded.generator_version,
        "spec": recorded.spec,
        "templates": recorded.templates,
        "inputs": recorded.inputs,
        "files": {
            path: dict(zip(("sha256", "section", "template", "mode"), entry, strict=True))
            for path, entry in recorded.files.items()
        },
    }


def written(paths: dict[str, str], inputs: dict[str, str], section: str) -> str:
    entries = {
        path: ManifestEntry(path, "a" * 64, section, "dvc/dvc.yaml.jinja", mode)  # type: ignore[arg-type]
        for path, mode in paths.items()
    }
    return manifest_text(Manifest(entries, inputs=inputs, templates="t" * 64), "mlops.yaml")


PLAIN = st.text(alphabet="ab/._-é ", max_size=8)
"""Strings JSON writes as they are."""
ANY = st.one_of(st.text(alphabet='ab/ "\\\t\n\x7f\u2028'), st.text())
"""Strings with what JSON escapes, and any text at all."""
MODES = st.sampled_from(["managed", "seed"])


@given(st.dictionaries(PLAIN, MODES), st.dictionaries(PLAIN, PLAIN), PLAIN)
def test_the_manifest_reader_reads_what_compile_writes(
    paths: dict[str, str], inputs: dict[str, str], section: str
) -> None:
    text = written(paths, inputs, section)
    recorded = fastpath.parse_manifest(text.encode())
    assert recorded is not None
    assert as_document(recorded) == json.loads(text)
    assert list(recorded.inputs) == list(inputs)


@given(st.dictionaries(ANY, MODES, max_size=4), st.dictionaries(ANY, ANY), ANY)
def test_the_manifest_reader_agrees_with_json_or_declines(
    paths: dict[str, str], inputs: dict[str, str], section: str
) -> None:
    text = written(paths, inputs, section)
    recorded = fastpath.parse_manifest(text.encode())
    if recorded is not None:
        assert as_document(recorded) == json.loads(text)
        assert list(recorded.inputs) == list(inputs)


def test_a_symbolic_link_or_fifo_falls_through_without_blocking(project: Path) -> None:
    (project / "params.yaml").rename(project / "real-params.yaml")
    (project / "params.yaml").symlink_to("real-params.yaml")
    assert fast(project) is None
    (project / "params.yaml").unlink()
    if hasattr(os, "mkfifo"):
        os.mkfifo(project / "params.yaml")
        assert fast(project) is None


@pytest.mark.parametrize(
    "size", [0, 1, fingerprint.OPENSSL_FROM_BYTES - 1, fingerprint.OPENSSL_FROM_BYTES]
)
def test_both_sha256_implementations_give_hashlibs_digest(size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    assert fingerprint.sha256_hex(data) == hashlib.sha256(data).hexdigest()


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


def imported(*argv: str, cwd: Path) -> set[str]:
    """The modules a Python process imports, from its `-X importtime` report."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", *argv], capture_output=True, text=True, cwd=cwd
    )
    lines = completed.stderr.splitlines()
    return {line.rsplit("|", 1)[1].strip() for line in lines if line.startswith("import time:")}


FAST_PATH_MODULES = [
    "__future__",
    "_sha2" if sys.version_info >= (3, 12) else "_sha256",
    "mlops_compiler",
    "mlops_compiler.entry",
    "mlops_compiler.fastpath",
    "mlops_compiler.fingerprint",
]
"""Everything a no-change `compile --check` imports beyond a bare interpreter start."""


def test_the_mlops_script_adds_only_our_modules_to_a_bare_start(project: Path) -> None:
    """The `mlops` command (bin/mlops as installed) imports no `re`, `json`, `hashlib`..."""
    bare = imported("-c", "pass", cwd=project) - {"package"}
    ours = imported(str(ROOT / "bin/mlops"), "compile", "--check", cwd=project)
    assert sorted(ours - bare) == FAST_PATH_MODULES


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


def hook_argv(hook_id: str) -> list[str]:
    """A hook's command from .pre-commit-hooks.yaml, as pre-commit runs it in its environment."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [entry] = [hook["entry"] for hook in hooks if hook["id"] == hook_id]
    argv = shlex.split(entry)
    assert argv[0] == "python"  # not `mlops`: pre-commit on Windows cannot run pip's #! line
    return argv[1:]


def test_the_check_hook_takes_the_fast_path_importing_only_our_modules(project: Path) -> None:
    argv = hook_argv("mlops-check")
    completed = subprocess.run(
        [sys.executable, *argv], capture_output=True, text=True, cwd=project, check=False
    )
    assert (completed.returncode, completed.stdout) == (
        0,
        "mlops: 6 generated file(s) up to date\n",
    )
    bare = imported("-c", "pass", cwd=project) - {"package"}
    assert sorted(imported(*argv, cwd=project) - bare) == FAST_PATH_MODULES


def test_the_compile_hook_fails_when_it_changed_a_file(project: Path) -> None:
    (project / "params.yaml").unlink()
    argv = hook_argv("mlops-compile")
    completed = subprocess.run([sys.executable, *argv], capture_output=True, cwd=project)
    assert completed.returncode == 1
    assert (project / "params.yaml").is_file()
