"""Compiled section schemas: used only while fresh; never change a validated spec or an error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mlops_compiler.errors import SpecError
from mlops_compiler.load.loader import load_spec_file
from mlops_compiler.spec import MlopsSpec
from mlops_compiler.validate import document as validation
from mlops_compiler.validate import precompiled
from mlops_compiler.validate.compile_schemas import write_compiled_set
from mlops_compiler.validate.precompiled import COMPILED_DIR

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(ROOT.glob("examples/*/mlops.yaml"))


def _loads(spec: Path) -> bool:
    try:
        load_spec_file(spec)
    except SpecError:
        return False
    return True


CASES = [
    case
    for case in sorted([*ROOT.glob("tests/cases/*/*.yaml")])
    if _loads(case)  # a case the loader refuses never reaches validation
]


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.glob("*.py")}


def _outcome(spec: Path) -> MlopsSpec | list[tuple[str, object, str | None]]:
    """The validated spec, or each diagnostic's message, position and hint."""
    document = load_spec_file(spec)
    try:
        return validation.validate_document(document)
    except SpecError as exc:
        return [(d.message, d.span, d.hint) for d in exc.diagnostics]


def test_the_committed_set_is_what_these_models_compile_to(tmp_path: Path) -> None:
    """Else `make regen` was forgotten after a change to spec/."""
    fresh = tmp_path / "compiled_schemas"
    write_compiled_set(fresh)
    assert _files(fresh) == _files(COMPILED_DIR), "run `make regen` and commit the result"
    assert precompiled.available()


@pytest.mark.parametrize("spec", EXAMPLES + CASES, ids=lambda path: path.stem + path.suffix)
def test_section_by_section_validation_gives_what_the_whole_model_gives(
    spec: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = _outcome(spec)
    monkeypatch.setattr(precompiled, "available", lambda: False)
    whole = _outcome(spec)
    assert compiled == whole
    if isinstance(compiled, MlopsSpec) and isinstance(whole, MlopsSpec):
        assert compiled.model_fields_set == whole.model_fields_set


def test_a_spec_module_changed_since_the_set_was_written_is_validated_by_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(precompiled, "spec_fingerprint", lambda: "0" * 64)
    assert not precompiled.available()


def test_a_missing_set_means_the_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(precompiled, "COMPILED_DIR", tmp_path / "absent")
    assert not precompiled.available()


def _modules_after_validate(example: Path) -> set[str]:
    program = (
        "import sys\n"
        "from mlops_compiler.entry import run\n"
        "code = run(['validate'])\n"
        "print('\\n'.join(sys.modules))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=example, capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda path: path.parent.name)
def test_validation_builds_only_the_sections_a_spec_has_and_no_plugin_scan(spec: Path) -> None:
    loaded = _modules_after_validate(spec.parent)
    sections = {
        line.split(":", 1)[0]
        for line in spec.read_text(encoding="utf-8").splitlines()
        if line[:1].isalpha()
    }
    built = {
        module.rsplit(".", 1)[1]
        for module in loaded
        if module.startswith("mlops_compiler.validate.compiled_schemas.")
    }
    assert built == sections | {precompiled.TOP}
    assert "importlib.metadata" not in loaded  # pydantic's plugin loader, ~20 ms


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda path: path.parent.name)
def test_a_section_the_spec_does_not_have_never_defines_its_models(spec: Path) -> None:
    loaded = _modules_after_validate(spec.parent)
    sections = spec.read_text(encoding="utf-8")
    for section in ("monitoring", "deploy"):
        has_section = f"\n{section}:" in sections
        assert (f"mlops_compiler.spec.{section}" in loaded) == has_section, section


def test_the_whole_model_resolves_every_section_for_what_needs_it() -> None:
    from mlops_compiler.spec import SECTION_TYPES, whole_model

    model = whole_model()
    spec = model.model_validate({"version": 1, "project": {"name": "demo"}})
    assert spec.monitoring is None
    assert set(SECTION_TYPES) <= set(vars(sys.modules["mlops_compiler.spec"]))
