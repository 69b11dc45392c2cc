"""The issue-17 figures for workflows and Dockerfiles, on `tests/data/import_delivery/`.

`../shared/corpus` has no workflow and no Dockerfile, so these 12 hand-written repositories in
real-world shapes (their README says which) stand in for it: `mlops import`, `mlops compile`
and `mlops compile --check` never end in an internal error on them or on CRLF copies of them,
and the README states the figures `scripts/import_figures.py` measures on them.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DELIVERY = ROOT / "tests" / "data" / "import_delivery"
README = ROOT / "README.md"


def _figures_module() -> Any:
    path = ROOT / "scripts" / "import_figures.py"
    spec = importlib.util.spec_from_file_location("import_figures_delivery", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_readme_states_the_figures_on_the_hand_written_delivery_repositories() -> None:
    figures = _figures_module()
    measured = figures.figures(DELIVERY)  # import, compile, --check on copies, LF and CRLF
    assert (measured.exit_70, measured.exit_70_crlf) == (0, 0), measured.exits
    assert all(codes == [0, 0, 0] for codes in measured.exits.values()), measured.exits
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("On `tests/data/import_delivery/`") :]
    for row in figures.report(measured).splitlines():
        assert row in section, f"README: update the row {row!r}"


def test_every_delivery_repository_is_listed_in_its_readme() -> None:
    listed = (DELIVERY / "README.md").read_text(encoding="utf-8")
    for repo in sorted(p.name for p in DELIVERY.iterdir() if p.is_dir()):
        assert f"| `{repo}/` |" in listed, repo
