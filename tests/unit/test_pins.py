"""The built-in action pins: current (Node 24) majors, each a full commit SHA."""

from __future__ import annotations

import re

from mlops_compiler.families.delivery.pins import PINS

# The first major of each action that runs on Node 24 (GitHub runners removed Node 20 on
# 2026-09-16); read from each release's action.yml (`runs.using: node24`).
NODE24_MAJORS = {
    "actions/checkout": 6,
    "actions/setup-python": 6,
    "conda-incubator/setup-miniconda": 4,
    "docker/login-action": 4,
    "docker/metadata-action": 6,
    "docker/build-push-action": 7,
}


def test_every_pin_is_a_node24_major() -> None:
    assert set(PINS) == set(NODE24_MAJORS)
    for action, pin in PINS.items():
        major = int(re.fullmatch(r"v(\d+)\.\d+\.\d+", pin.version).group(1))  # type: ignore[union-attr]
        assert major >= NODE24_MAJORS[action], f"{action} {pin.version} is a Node 20 major"


def test_every_pin_is_a_full_sha() -> None:
    for pin in PINS.values():
        assert re.fullmatch(r"[0-9a-f]{40}", pin.sha), pin
