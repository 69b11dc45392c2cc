"""The schema as editors read it (issue 18): draft 7 with a stable `$id`, accepted by Ajv in
strict mode and by the real yaml-language-server, reached through the modeline `mlops init`
writes. Ajv and yaml-language-server come from npm into .tools/ (`make venv`).
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from owning_tools import _missing
from support import run_cli

from mlops_compiler.commands.schema import SCHEMA_ID
from mlops_compiler.load.loader import load_spec_file

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / ".tools/node_modules"
SCHEMA = ROOT / "schemas/mlops.schema.json"
EXAMPLES = sorted(ROOT.glob("examples/*/mlops.yaml"))

pytestmark = pytest.mark.tools


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        _missing("node is not on PATH (Debian: apt-get install nodejs)")
    return node


def _package(name: str) -> Path:
    path = NODE_MODULES / name
    if not path.is_dir():
        _missing(f"npm package {name} is not installed in {NODE_MODULES} (run `make venv`)")
    return path


def test_the_schema_is_draft_7_with_a_stable_id() -> None:
    document = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert document["$id"] == SCHEMA_ID == "https://json.schemastore.org/mlops-compiler.json"
    text = SCHEMA.read_text(encoding="utf-8")
    assert "$defs" not in text
    assert '"discriminator"' not in text


def test_ajv_strict_compiles_the_schema_and_accepts_every_example(tmp_path: Path) -> None:
    _package("ajv")
    data = []
    for example in EXAMPLES:
        target = tmp_path / f"{example.parent.name}.json"
        target.write_text(json.dumps(load_spec_file(example).data), encoding="utf-8")
        data.append(str(target))
    done = subprocess.run(
        [_node(), str(ROOT / "tests/tool_probes/ajv_strict.js"), str(SCHEMA), *data],
        env={"NODE_PATH": str(NODE_MODULES), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # strict mode logs what it would not reject as warnings
    result = json.loads(done.stdout)
    assert result == {"compiled": True, "error": "", "invalid": {}}


class LanguageServer:
    """yaml-language-server over stdio, as an editor runs it: JSON-RPC with Content-Length."""

    def __init__(self, root: Path) -> None:
        script = _package("yaml-language-server") / "bin/yaml-language-server"
        self.process = subprocess.Popen(
            [_node(), str(script), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.send(
            {
                "id": 1,
                "method": "initialize",
                "params": {"processId": None, "rootUri": root.as_uri(), "capabilities": {}},
            }
        )
        self.send({"method": "initialized", "params": {}})
        settings = {"yaml": {"validate": True, "schemaStore": {"enable": False}}}
        self.send({"method": "workspace/didChangeConfiguration", "params": {"settings": settings}})

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def diagnostics(self, document: Path, timeout: float = 60.0) -> list[dict[str, Any]]:
        """Open ``document`` and return the first diagnostics the server publishes for it."""
        uri = document.as_uri()
        self.send(
            {
                "method": "textDocument/didOpen",
                "params": {
                    "textDocument": {
                        "uri": uri,
                        "languageId": "yaml",
                        "version": 1,
                        "text": document.read_text(encoding="utf-8"),
                    }
                },
            }
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                message = self.messages.get(timeout=1)
            except queue.Empty:
                continue
            if "id" in message and "method" in message:  # the server asks for its settings
                self.send({"id": message["id"], "result": None})
            elif (
                message.get("method") == "textDocument/publishDiagnostics"
                and message["params"]["uri"] == uri
            ):
                found: list[dict[str, Any]] = message["params"]["diagnostics"]
                return found
        raise AssertionError(f"yaml-language-server published no diagnostics for {uri}")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)


def test_yaml_language_server_reads_the_schema_through_the_init_modeline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _package("yaml-language-server")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "train.py").write_text("print('train')\n")
    assert run_cli(capsys, "init").exit_code == 0
    spec = tmp_path / "mlops.yaml"
    modeline = spec.read_text(encoding="utf-8").splitlines()[0]
    assert modeline == "# yaml-language-server: $schema=.mlops/mlops.schema.json"
    server = LanguageServer(tmp_path)
    try:
        assert server.diagnostics(spec) == []
        typo = tmp_path / "typo" / "mlops.yaml"
        typo.parent.mkdir()
        shutil.copytree(tmp_path / ".mlops", typo.parent / ".mlops")
        typo.write_text(
            modeline + "\nversion: 1\nproject:\n  name: demo\n  nmae: typo\n", encoding="utf-8"
        )
        [problem] = server.diagnostics(typo)
        assert problem["message"] == "Property nmae is not allowed."
        assert problem["range"]["start"] == {"line": 4, "character": 2}
    finally:
        server.stop()


def test_the_documented_schemastore_entry_does_not_claim_mlops_yaml() -> None:
    text = (ROOT / "docs/editors.md").read_text(encoding="utf-8")
    block = text.split("## SchemaStore", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    entry = json.loads(block)
    assert entry["url"] == SCHEMA_ID
    assert set(entry) == {"name", "description", "fileMatch", "url"}
    assert entry["fileMatch"]
    assert not {"mlops.yaml", "mlops.yml", "**/mlops.yaml"} & set(entry["fileMatch"])
