"""Lower `data` to .dvc/config: remotes, the default remote and DVC's own settings (`data.config`).

Credentials never live in the committed config: options that carry them are refused here."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from mlops_compiler import spec
from mlops_compiler.errors import Diagnostic, Loc
from mlops_compiler.families.dvc import ir
from mlops_compiler.spec.data import (
    AzureRemote,
    Data,
    GsRemote,
    HttpRemote,
    LocalRemote,
    S3Remote,
    SshRemote,
)

SECRET_OPTIONS = frozenset(
    {
        "password",
        "secret_access_key",
        "access_key_id",
        "session_token",
        "token",
        "sas_token",
        "account_key",
        "connection_string",
        "client_secret",
        "gdrive_client_secret",
        "secret",
        "key",
    }
)
""".dvc/config options that hold credentials: they belong in .dvc/config.local, never here."""


def lower_dvc_settings(data: Data, diagnostics: list[Diagnostic]) -> ir.DvcConfig:
    """`data.config` as .dvc/config sections (remotes and the default are added by lower)."""
    config = data.config or {}
    if not data.remotes and not config:
        diagnostics.append(
            Diagnostic(
                "`data` declares no remotes and no settings",
                loc=("data",),
                on_key=True,
                hint="add `remotes:`, or remove `data:`",
            )
        )
    core: tuple[tuple[str, str], ...] = ()
    sections = []
    for name, options in config.items():
        values = []
        for key, value in options.items():
            loc: Loc = ("data", "config", name, key)
            if key.lower() in SECRET_OPTIONS:
                diagnostics.append(
                    Diagnostic(
                        f"`{key}` is a credential",
                        loc=loc,
                        on_key=True,
                        redact=True,
                        hint="credentials never go in mlops.yaml: keep them in .dvc/config.local"
                        " (`dvc remote modify --local`) or a CI secret",
                    )
                )
                continue
            values.append((key, str(value).lower() if isinstance(value, bool) else str(value)))
        diagnostics += _config_conflicts(data, name, options)
        if name == "core":
            core = tuple(values)
        else:
            sections.append((f"'{name}'" if " " in name else name, tuple(values)))
    return ir.DvcConfig(default_remote=None, remotes=(), core=core, sections=tuple(sections))


def _config_conflicts(data: Data, name: str, options: Mapping[str, object]) -> list[Diagnostic]:
    if name == "core" and "remote" in options and (data.remotes or data.default is not None):
        return [
            Diagnostic(
                "the default remote is given twice",
                loc=("data", "config", "core", "remote"),
                on_key=True,
                hint="use `data.default` for a remote declared under `data.remotes`",
            )
        ]
    remote = name.removeprefix('remote "').removesuffix('"')
    if name.startswith('remote "') and remote in data.remotes:
        return [
            Diagnostic(
                f"remote `{remote}` is declared twice",
                loc=("data", "config", name),
                on_key=True,
                hint="keep it under `data.remotes` or under `data.config`, not both",
            )
        ]
    return []


def config_remotes(data: Data | None) -> list[str]:
    """Names of the remotes `data.config` declares verbatim (`remote "name"` sections)."""
    if data is None or not data.config:
        return []
    return [
        name.removeprefix('remote "').removesuffix('"')
        for name in data.config
        if name.startswith('remote "')
    ]


def dvc_config(data: spec.data.Data, diagnostics: list[Diagnostic]) -> ir.DvcConfig:
    names = list(data.remotes)
    default = data.default
    config = lower_dvc_settings(data, diagnostics)
    if not names:
        return replace(config, default_remote=None)
    if default is None and len(names) > 1:
        diagnostics.append(
            Diagnostic(
                "several remotes and no default",
                loc=("data", "remotes"),
                on_key=True,
                hint=f"add `default: {names[0]}` under `data:`",
            )
        )
    elif default is not None and default not in data.remotes:
        diagnostics.append(
            Diagnostic(
                f"default remote `{default}` is not declared",
                loc=("data", "default"),
                hint="declared remotes: " + ", ".join(f"`{name}`" for name in names),
            )
        )
    remotes = tuple(
        ir.Remote(name, _remote_options(remote)) for name, remote in data.remotes.items()
    )
    return replace(config, default_remote=default or names[0], remotes=remotes)


def _remote_options(remote: Any) -> tuple[tuple[str, str], ...]:
    if isinstance(remote, LocalRemote):
        return (("url", _local_url(remote.url)),)
    extra: dict[type[Any], tuple[str, ...]] = {
        S3Remote: ("region", "profile", "endpointurl"),
        GsRemote: ("projectname",),
        AzureRemote: ("account_name",),
        SshRemote: ("port", "user"),
        HttpRemote: ("auth", "user"),
    }
    options = [("url", remote.url)]
    for name in extra[type(remote)]:
        value = getattr(remote, name)
        if value is not None:
            options.append((name, str(value)))
    return tuple(options)


def _local_url(path: str) -> str:
    """DVC resolves a relative remote path from the folder of the config file, `.dvc/`."""
    if posixpath.isabs(path):
        return path
    return posixpath.normpath(posixpath.join("..", path))
