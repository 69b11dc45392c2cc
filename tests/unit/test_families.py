"""The family table: every section of the spec has a family that reads it, every family has steps.

The core stages loop over ``families/table.py``; these tests hold the table to the spec so that a
new section cannot be added without a family to lower, check and render it.
"""

from __future__ import annotations

import inspect

import pytest

from mlops_compiler.families.family import Family, Steps
from mlops_compiler.families.table import FAMILIES
from mlops_compiler.spec import MlopsSpec, whole_model

READ_BY_THE_DRIVER = {"version", "project", "overrides", "allow"}
"""Sections no one family owns: the format version, the project, patches of any output."""


def test_every_section_is_read_by_a_family_or_the_driver() -> None:
    read = {section for family in FAMILIES for section in family.sections}
    assert set(MlopsSpec.model_fields) - read - READ_BY_THE_DRIVER == set()


def test_families_read_only_sections_that_exist() -> None:
    for family in FAMILIES:
        assert set(family.sections) <= set(MlopsSpec.model_fields), family.name


@pytest.mark.parametrize("family", FAMILIES, ids=lambda family: family.name)
def test_a_family_has_every_step(family: Family) -> None:
    steps = family.steps()
    for name in ("lower", "check", "targets", "explain", "linters"):
        wanted = inspect.signature(getattr(Steps, name))
        got = inspect.signature(getattr(steps, name))
        assert list(got.parameters) == list(wanted.parameters)[1:], (
            f"{family.name}.{name}"
        )  # no self


def test_a_spec_without_monitoring_or_deploy_uses_neither() -> None:
    spec = whole_model().model_validate({"version": 1, "project": {"name": "demo"}})
    assert [family.name for family in FAMILIES if family.reads(spec)] == []
