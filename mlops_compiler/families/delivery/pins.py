"""The one table of GitHub Actions the workflows use, each pinned to the commit of a release.

A tag or a branch can be moved to other code after review; a commit cannot. Each SHA below is
the commit its release tag points at; the version is written next to it as a comment so that
reviewers and Dependabot can read it. `ci.actions` in the spec overrides an entry.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pin:
    """An action at one commit."""

    action: str
    sha: str
    version: str

    @property
    def uses(self) -> str:
        """The value of a step's `uses:`."""
        return f"{self.action}@{self.sha}"


PINS: dict[str, Pin] = {
    pin.action: pin
    for pin in (
        Pin("actions/checkout", "11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2"),
        Pin("actions/setup-python", "a26af69be951a213d495a4c3e4e4022e16d87065", "v5.6.0"),
        Pin(
            "conda-incubator/setup-miniconda", "835234971496cad1653abb28a638a281cf32541f", "v3.2.0"
        ),
        Pin("docker/login-action", "74a5d142397b4f367a81961eba4e8cd7edddf772", "v3.4.0"),
        Pin("docker/metadata-action", "902fa8ec7d6ecbf8d84d538b9b233a880e428804", "v5.7.0"),
        Pin("docker/build-push-action", "263435318d21b8e681c14492fe198d362a7d2c83", "v6.18.0"),
    )
}
"""Every action a generated workflow may use, by name."""
