"""The one table of GitHub Actions the workflows use, each pinned to the commit of a release.

A tag or a branch can be moved to other code after review; a commit cannot. Each SHA below is
the commit its release tag points at; the version is written next to it as a comment so that
reviewers and Dependabot can read it. `ci.actions` in the spec overrides an entry.
"""

from __future__ import annotations

from mlops_compiler.dataclass import dataclass


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
        Pin("actions/checkout", "d23441a48e516b6c34aea4fa41551a30e30af803", "v6.1.0"),
        Pin("actions/setup-python", "ece7cb06caefa5fff74198d8649806c4678c61a1", "v6.3.0"),
        Pin(
            "conda-incubator/setup-miniconda", "8ee1f361103df19b6f8c8655fd3967a8ecb162d5", "v4.0.1"
        ),
        Pin("docker/login-action", "4907a6ddec9925e35a0a9e82d7399ccc52663121", "v4.1.0"),
        Pin("docker/metadata-action", "dc802804100637a589fabce1cb79ff13a1411302", "v6.2.0"),
        Pin("docker/build-push-action", "53b7df96c91f9c12dcc8a07bcb9ccacbed38856a", "v7.3.0"),
    )
}
"""Every action a generated workflow may use, by name."""
