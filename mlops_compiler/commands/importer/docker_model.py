"""A Dockerfile in the spec's vocabulary: `images.train` or `images.serve`, or why not.

`images` writes its own Dockerfile: a build stage that installs the project's requirements into
a virtual environment, and a runtime stage that runs the command as a numeric non-root user
(a serving image also exposes its port and probes its health path). A Dockerfile is modelled
when every instruction says something `images` can say: one `FROM` with a tag (and a digest),
`WORKDIR`, `COPY` of the project, `RUN pip install` of a requirements file or of packages, the
`ENV` the generated file sets anyway, `EXPOSE`, `USER`, `HEALTHCHECK`, `CMD`/`ENTRYPOINT`.
Anything else (`RUN apt-get`, `ARG`, a second stage, ...) keeps the file verbatim, and the
reason names the first such instruction.

A modelled Dockerfile is not the same file: the generated one is stricter (a virtual
environment, non-root, a health probe). Each such difference is listed, for the report and for
`mlops import --keep-behaviour`, which carries such files verbatim instead.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import field
from typing import Any, Literal

from mlops_compiler.dataclass import dataclass

ImageName = Literal["train", "serve"]
_REF = re.compile(r"^[a-z0-9][a-z0-9._/:-]*:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")
_DIGEST = re.compile(r"^sha256:[0-9a-f]{64}$")
_PIP: tuple[tuple[str, ...], ...] = (
    ("pip", "install"),
    ("pip3", "install"),
    ("python", "-m", "pip", "install"),
    ("python3", "-m", "pip", "install"),
)
_PIP_FLAGS = frozenset({"--no-cache-dir", "-q", "--quiet", "--upgrade", "-U"})
_GENERATED_ENV = {"PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1"}
_SHELL = re.compile(r"[;&|<>$`(){}*?~\\]")
_HEALTH_URL = re.compile(
    r"https?://(?:localhost|127\.0\.0\.1|0\.0\.0\.0)(?::\d+)?(/[A-Za-z0-9._~/-]*)"
)
_DVC = re.compile(r"^\s*dvc([\[=<>~!;\s]|$)", re.MULTILINE)
DEFAULT_UID = 10001


@dataclass(frozen=True)
class ImageModel:
    """What `images` says for one Dockerfile, and how the generated file differs."""

    name: ImageName
    base: str
    digest: str | None
    image: dict[str, Any]
    """The `images.train` / `images.serve` entry."""
    requirements: str | None
    packages: tuple[str, ...]
    uid: int | None
    differences: tuple[str, ...]


@dataclass
class _Read:
    base: str | None = None
    digest: str | None = None
    workdir: str | None = None
    copies: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    packages: list[str] = field(default_factory=list)
    port: int | None = None
    user: str | None = None
    health: str | None = None
    entrypoint: list[str] = field(default_factory=list)
    cmd: list[str] = field(default_factory=list)


def model_dockerfile(
    path: str, instructions: list[list[Any]], requirements_text: Callable[[str], str | None]
) -> ImageModel | str:
    """The `images` entry for a Dockerfile's ``instructions``, or why it stays verbatim.

    ``requirements_text`` reads a requirements file the Dockerfile installs (``None`` if it
    cannot be read): a training image runs DVC, so its requirements must install it.
    """
    read = _Read()
    for keyword, flags, arguments in instructions:
        handler = _HANDLERS.get(keyword)
        if handler is None:
            return f"{keyword} {_shown(arguments)}: `images` cannot say it"
        why = handler(read, flags, arguments)
        if why is not None:
            return why
    return _finish(path, read, requirements_text)


def _shown(arguments: Any) -> str:
    text = " ".join(arguments) if isinstance(arguments, list) else str(arguments)
    return text if len(text) <= 60 else text[:57] + "..."


def _from(read: _Read, flags: list[str], arguments: Any) -> str | None:
    if read.base is not None:
        return "a second FROM (a multi-stage build): `images` writes its own two stages"
    if flags or not isinstance(arguments, str) or "$" in arguments:
        return f"FROM {_shown(arguments)}: `images.base` is a plain image reference"
    reference = arguments.split()[0]
    image, _, digest = reference.partition("@")
    if digest and not _DIGEST.match(digest):
        return f"FROM {reference}: the digest is not a sha256 digest"
    if not _REF.match(image):
        return f"FROM {reference}: `images.base` needs a tag (`python:3.11-slim`)"
    read.base, read.digest = image, digest or None
    return None


def _workdir(read: _Read, flags: list[str], arguments: Any) -> str | None:
    read.workdir = str(arguments)
    return None


def _copy(read: _Read, flags: list[str], arguments: Any) -> str | None:
    if any(not flag.startswith("--chown=") for flag in flags):
        return f"COPY {' '.join(flags)}: `images` copies from the build context only"
    parts = arguments if isinstance(arguments, list) else arguments.split()
    if len(parts) < 2 or any("$" in part or "*" in part for part in parts):
        return f"COPY {_shown(arguments)}: `images` copies project paths as they are"
    read.copies += parts[:-1]
    return None


def _run(read: _Read, flags: list[str], arguments: Any) -> str | None:
    if flags or not isinstance(arguments, list):
        return f"RUN {_shown(arguments)}: `images` installs Python requirements only"
    commands: list[list[str]] = [[]]
    for word in arguments:
        if word == "&&":
            commands.append([])
        else:
            commands[-1].append(word)
    for command in commands:
        why = _pip_install(read, command)
        if why is not None:
            return f"RUN {_shown(arguments)}: {why}"
    return None


def _pip_install(read: _Read, command: list[str]) -> str | None:
    prefix = next((p for p in _PIP if tuple(command[: len(p)]) == p), None)
    if prefix is None:
        return "`images` installs Python requirements only (`pip install`)"
    words = command[len(prefix) :]
    packages: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        if word == "-r" and index + 1 < len(words):
            read.requirements.append(words[index + 1])
            index += 2
            continue
        if word.startswith("-") and word not in _PIP_FLAGS:
            return f"the pip option {word} has no place in `images`"
        if not word.startswith("-"):
            packages.append(word)
        index += 1
    if packages not in (["pip"], ["pip", "setuptools", "wheel"]):  # an upgrade of pip itself
        read.packages += packages
    return None


def _env(read: _Read, flags: list[str], arguments: Any) -> str | None:
    for item in arguments if isinstance(arguments, list) else [str(arguments)]:
        key, _, value = item.partition("=")
        if _GENERATED_ENV.get(key) != value:
            return f"ENV {key}: `images` sets no environment variables of its own"
    return None


def _expose(read: _Read, flags: list[str], arguments: Any) -> str | None:
    ports = str(arguments).split()
    port = ports[0].removesuffix("/tcp") if len(ports) == 1 else ""
    if read.port is not None or not port.isdigit() or not 1 <= int(port) <= 65535:
        return f"EXPOSE {arguments}: `images.serve` listens on one TCP port"
    read.port = int(port)
    return None


def _user(read: _Read, flags: list[str], arguments: Any) -> str | None:
    read.user = str(arguments)
    return None


def _healthcheck(read: _Read, flags: list[str], arguments: Any) -> str | None:
    found = _HEALTH_URL.search(str(arguments))
    if found is None:
        return f"HEALTHCHECK {_shown(arguments)}: `images.serve` probes an HTTP path"
    read.health = found.group(1)
    return None


def _command(target: str) -> Callable[[_Read, list[str], Any], str | None]:
    def handle(read: _Read, flags: list[str], arguments: Any) -> str | None:
        if isinstance(arguments, str):
            if _SHELL.search(arguments):
                return f"{target} {_shown(arguments)}: a shell command; `images` runs exec form"
            arguments = shlex.split(arguments)
        setattr(read, target.lower(), [str(word) for word in arguments])
        return None

    return handle


_HANDLERS: dict[str, Callable[[_Read, list[str], Any], str | None]] = {
    "FROM": _from,
    "WORKDIR": _workdir,
    "COPY": _copy,
    "RUN": _run,
    "ENV": _env,
    "EXPOSE": _expose,
    "USER": _user,
    "HEALTHCHECK": _healthcheck,
    "CMD": _command("CMD"),
    "ENTRYPOINT": _command("ENTRYPOINT"),
}


def _finish(
    path: str, read: _Read, requirements_text: Callable[[str], str | None]
) -> ImageModel | str:
    command = [*read.entrypoint, *read.cmd]
    if read.base is None or not command:
        return "no FROM or no command: `images` needs both"
    requirements = sorted(set(read.requirements))
    if len(requirements) > 1 or (requirements and read.packages):
        return "it installs from more than one source; `project` names one (a file or packages)"
    requirement = requirements[0] if requirements else None
    if requirement is not None and requirement not in read.copies:
        return f"it installs {requirement} without copying it in"
    name: ImageName = "serve" if read.port is not None else "train"
    differences = [
        "installs into a virtual environment (/opt/venv) in a separate build stage",
        "sets PATH, HOME=/tmp, PYTHONDONTWRITEBYTECODE=1 and PYTHONUNBUFFERED=1",
    ]
    uid = _uid(read.user, differences)
    if read.workdir not in (None, "/app"):
        differences.append(f"works in /app, not {read.workdir}")
    sources = [source for source in read.copies if source != requirement]
    image: dict[str, Any] = {"dockerfile": path}
    if name == "train":
        why = _trains_with_dvc(requirement, read.packages, requirements_text)
        if why is not None:
            return why
        image["command"] = command
        if sorted(set(sources)) != ["."]:
            differences.append("copies the whole project (less .dockerignore) into /app")
        differences.append("configures DVC for an image without git (core.no_scm)")
    else:
        image.update(port=read.port, server={"kind": "command", "command": command})
        if read.health is not None:
            image["server"]["health_path"] = read.health
        else:
            differences.append("probes /health every 30 s (HEALTHCHECK)")
        image["copy_paths"] = sources
    return ImageModel(
        name,
        read.base,
        read.digest,
        image,
        requirement,
        tuple(read.packages),
        uid,
        tuple(differences),
    )


def _uid(user: str | None, differences: list[str]) -> int | None:
    """The numeric user the original runs as, kept; otherwise the difference is listed."""
    if user is not None:
        uid, _, gid = user.partition(":")
        if uid.isdigit() and int(uid) > 0 and gid in ("", uid):
            return int(uid)
    was = "root" if user in (None, "0", "root", "0:0") else f"user {user}"
    differences.append(f"runs as uid:gid {DEFAULT_UID}:{DEFAULT_UID}, not {was} (non-root)")
    return None


def _trains_with_dvc(
    requirement: str | None, packages: list[str], requirements_text: Callable[[str], str | None]
) -> str | None:
    """A training image configures DVC at build time: its requirements must install DVC."""
    if requirement is None:
        text = "\n".join(packages)
        source = "its packages"
    else:
        text = requirements_text(requirement) or ""
        source = requirement
    if _DVC.search(text):
        return None
    return (
        f"a training image (no EXPOSE) runs DVC, and {source} does not install dvc; give it an"
        " EXPOSE if it serves, or add dvc to the requirements"
    )


def base_python(base: str) -> str | None:
    """The Python version of an official `python:3.X...` base image, if it is one."""
    repository, _, tag = base.rpartition(":")
    found = re.match(r"^(3\.[0-9]{1,2})(?![0-9])", tag)
    return found.group(1) if found and repository.rsplit("/", 1)[-1] == "python" else None
