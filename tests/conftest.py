"""Fixtures shared by every test layer."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
# Test modules import helpers such as `owning_tools` by their bare name, whatever --import-mode.
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))

from owning_tools import ToolEnv  # noqa: E402


@pytest.fixture
def isolated_tool_env(tmp_path_factory: pytest.TempPathFactory) -> ToolEnv:
    """A fresh throw-away HOME/XDG/TMPDIR/DVC/git environment for the owning tools."""
    return ToolEnv.create(tmp_path_factory.mktemp("tool-env"))
