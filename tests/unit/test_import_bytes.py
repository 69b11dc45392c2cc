"""`mlops import` on the bytes real repositories hold: each file imported or refused on its own.

CRLF, a lone CR, no final newline (a workflow ending inside a block scalar too), tabs, a BOM,
bytes that are not UTF-8 and control characters: every file is either taken over (compile gives
back the same data, read as its tool reads it) or refused with its line and column, and one bad
file never stops the import of the others. Also here: what mlops writes reads back the same with
every common YAML reader, and the discovery of Dockerfiles by their common names.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from ruamel.yaml import YAML
from support import run_cli, write_tree

from mlops_compiler.commands.importer import import_repository
from mlops_compiler.commands.importer.carry import same_data
from mlops_compiler.commands.importer.discovery import discover
from mlops_compiler.commands.importer.readers import parse_text, read_file
from mlops_compiler.commands.importer.specwriter import common_readings
from mlops_compiler.load.loader import load_spec_bytes

WORKFLOW = "name: w\non: [push]\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"

GOOD: dict[str, str | bytes] = {
    "dvc.yaml": b"stages:\r\n  train:\r\n    cmd: python train.py\r\n    deps: [train.py]\r\n",
    ".github/workflows/crlf.yml": (WORKFLOW + "      - run: |\n          a\n          b\n")
    .replace("\n", "\r\n")
    .encode(),
    ".github/workflows/lone-cr.yml": (WORKFLOW + "      - run: echo a\n").replace("\n", "\r"),
    ".github/workflows/no-newline.yml": WORKFLOW + "      - run: |\n          echo a",
    ".github/workflows/bom.yml": b"\xef\xbb\xbf" + (WORKFLOW + "      - run: echo a\n").encode(),
    "Dockerfile": b'FROM python:3.11\r\nRUN pip install \\\r\n  numpy\r\nCMD ["python"]',
}
BAD: dict[str, str | bytes] = {
    ".github/workflows/tabs.yml": "name: t\non: [push]\njobs:\n\ta:\n    runs-on: x\n",
    ".github/workflows/latin1.yml": b"name: caf\xe9\non: [push]\njobs: {}\n",
    ".github/workflows/bell.yml": "name: b\non: [push]\njobs: {}\n# ring \x07\n",
    "Dockerfile.lone-cr": "FROM python:3.11\rRUN echo a\n",
    "Dockerfile.utf16": "FROM python:3.11\n".encode("utf-16"),
}
REFUSED = {
    ".github/workflows/tabs.yml": ".github/workflows/tabs.yml:4:1: YAML syntax error: found"
    " character that cannot start any token",
    ".github/workflows/latin1.yml": ".github/workflows/latin1.yml:1:10: not UTF-8 (byte 0xe9)",
    ".github/workflows/bell.yml": ".github/workflows/bell.yml:4:8: control character U+0007 is"
    " not allowed: mlops.yaml cannot carry it (control characters do not belong in a text"
    " file; delete it)",
    "Dockerfile.utf16": "Dockerfile.utf16:1:1: not UTF-8 (byte 0xff) (a UTF-16 file? save it"
    " as UTF-8)",
    "Dockerfile.lone-cr": "Dockerfile.lone-cr:1:17: a carriage return without a line feed:"
    " Docker reads it as part of the line, and mlops.yaml cannot carry it (save the file with"
    " LF or CRLF line endings)",
}


def test_each_file_is_imported_or_refused_with_its_position(tmp_path: Path) -> None:
    root = write_tree(tmp_path, {**GOOD, **BAD})
    result = import_repository(root)
    assert {source.path for source in result.adopted} == set(GOOD)
    assert {item.path: item.reason for item in result.skipped} == REFUSED
    for source in result.adopted:
        if source.workflow is not None:  # modelled by `ci`: generated anew at ci.yml
            assert source.workflow.target in result.tree.files
            continue
        compiled = parse_text(result.tree.files[source.path].text, source.path, source.reader)
        assert same_data(compiled, source.data), source.path


def test_carried_text_has_lf_line_ends_and_reads_as_the_original(tmp_path: Path) -> None:
    root = write_tree(tmp_path, GOOD)
    result = import_repository(root, keep_behaviour=True)  # the workflows as text, not `ci`
    files = load_spec_bytes(result.spec_text.encode(), root / "mlops.yaml").data["files"]
    assert "\r" not in result.spec_text
    assert files[".github/workflows/lone-cr.yml"]["text"] == WORKFLOW + "      - run: echo a\n"
    crlf = read_file(root, ".github/workflows/crlf.yml", "workflow")
    assert crlf["jobs"]["a"]["steps"] == [{"run": "a\nb\n"}]


def test_a_workflow_ending_inside_a_block_scalar_keeps_its_value(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path, {".github/workflows/w.yml": GOOD[".github/workflows/no-newline.yml"]}
    )
    carried = import_repository(root, keep_behaviour=True)  # as text, not modelled by `ci`
    text = carried.tree.files[".github/workflows/w.yml"].text
    assert text.endswith("      - run: |\n          echo a")  # no line end added: `echo a`
    assert parse_text(text, "w.yml", "workflow")["jobs"]["a"]["steps"] == [{"run": "echo a"}]


def test_import_compile_and_check_exit_0_with_crlf_and_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = write_tree(tmp_path, {**GOOD, **BAD})
    assert run_cli(capsys, "import", str(root)).exit_code == 0
    spec = str(root / "mlops.yaml")
    assert run_cli(capsys, "compile", "-f", spec).exit_code == 0
    assert run_cli(capsys, "compile", "--check", "-f", spec).exit_code == 0


def test_a_repository_generated_by_mlops_keeps_one_header(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write_tree(
        tmp_path / "first", {"Dockerfile": "# syntax=docker/dockerfile:1\nFROM x:1\n"}
    )
    assert run_cli(capsys, "import", str(first)).exit_code == 0
    assert run_cli(capsys, "compile", "-f", str(first / "mlops.yaml")).exit_code == 0
    generated = (first / "Dockerfile").read_text(encoding="utf-8")
    again = import_repository(first)
    text = again.tree.files["Dockerfile"].text
    assert text == generated
    assert text.count("generated by mlops-compiler") == 1
    assert text.startswith("# syntax=docker/dockerfile:1\n# This file is generated")


def test_an_mlproject_without_an_environment_is_imported_as_local(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "MLproject": """\
                name: plain
                entry_points:
                  main:
                    parameters:
                      fast: {type: bool, default: true}
                    command: python run.py --fast {fast}
                """
        },
    )
    result = import_repository(root)
    assert [source.patches for source in result.adopted] == [[]]
    spec = load_spec_bytes(result.spec_text.encode(), root / "mlops.yaml").data
    project = spec["mlflow_projects"]["MLproject"]
    assert project["environment"] == {"kind": "local"}
    assert project["entry_points"]["main"]["parameters"] == {
        "fast": {"type": "bool", "default": True}
    }
    assert set(result.tree.files) == {
        "MLproject",
        ".gitattributes",
    }  # no python_env.yaml for MLflow to pick up


def test_quoted_trap_keys_keep_their_quotes(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {"dvc.yaml": "stages:\n  s:\n    cmd: x\n    plots:\n      - p.csv: {x: fpr, 'y': tpr}\n"},
    )
    result = import_repository(root)
    assert "            'y': tpr\n" in result.spec_text
    assert "          'y': tpr\n" in result.tree.files["dvc.yaml"].text


# -- what mlops writes, read by every common reader ----------------------------------------------

READERS = {
    "pyyaml": lambda text: yaml.load(text, Loader=yaml.SafeLoader),
    "libyaml": lambda text: yaml.load(text, Loader=yaml.CSafeLoader),
    "ruamel-pure": lambda text: YAML(typ="safe", pure=True).load(text),
    "ruamel-c": lambda text: YAML(typ="safe").load(text),
}

URLS = {
    ".dvc/config": "[core]\n    remote = s3\n['remote \"s3\"']\n    url = s3://bucket/path\n",
    "dvc.yaml": "stages:\n  s:\n    cmd: x\n    deps: [https://example.com/a.csv]\n    outs:\n"
    "      - s3://bucket/out: {cache: false}\n",
    "params.yaml": "when: 2024-01-31\nt: '12:30'\nflag: 'on'\n",
}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_the_imported_spec_reads_the_same_with_every_common_reader(
    reader: str, tmp_path: Path
) -> None:
    root = write_tree(tmp_path, {**URLS, "params.yaml": "t: '12:30'\nflag: 'on'\nn: 'null'\n"})
    text = import_repository(root).spec_text
    expected = load_spec_bytes(text.encode(), root / "mlops.yaml").data
    assert same_data(READERS[reader](text), expected)


def test_urls_are_never_plain_inside_flow_mappings(tmp_path: Path) -> None:
    root = write_tree(tmp_path, URLS)
    text = import_repository(root).spec_text
    flow = [line for line in text.splitlines() if "{" in line]
    assert not any(re.search(r"[{,] [a-z_]+: [a-z0-9]+://", line) for line in flow)
    readings: list[Any] = common_readings(text)
    assert None not in readings


# -- discovery -----------------------------------------------------------------------------------


def test_dockerfiles_are_found_by_their_common_names_hidden_folders_too(tmp_path: Path) -> None:
    names = [
        "Dockerfile",
        "dockerfile",
        "Dockerfile.train",
        "Dockerfile-serve",
        "Dockerfile_gpu",
        "x.dockerfile",
        "serve.Dockerfile",
        ".devcontainer/Dockerfile",
        ".github/actions/build/Dockerfile",
    ]
    not_dockerfiles = [
        ".git/Dockerfile",
        ".dvc/tmp/Dockerfile",
        "Dockerfile.dockerignore",
        "Dockerfile.md",
        ".archive/dvc.yaml",
        "docs/Dockerfiles.txt",
    ]
    root = write_tree(tmp_path, dict.fromkeys([*names, *not_dockerfiles], "FROM x\n"))
    found = discover(root)
    assert sorted(found.dockerfiles) == sorted(names)
    assert found.pipelines == []


def test_a_nested_dvc_repository_modelled_here_is_not_advised_for_import(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            ".dvc/config": "[core]\n    autostage = true\n",
            "sub/.dvc/config": "",
            "sub/dvc.yaml": "stages:\n  s:\n    cmd: x\n",
            "other/.dvc/config": "",
        },
    )
    reasons = {item.path: item.reason for item in import_repository(root).skipped}
    assert reasons == {
        "sub/.dvc/config": "sub/ is a DVC repository of its own, and this mlops.yaml already"
        " models sub/dvc.yaml; its .dvc/config stays as it is (importing sub/ as well would"
        " make two specs own those files)",
        "other/.dvc/config": "other/ is a DVC repository of its own; import it with"
        " `mlops import other` to take this file over",
    }
