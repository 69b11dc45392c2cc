"""`data`: where DVC pushes and pulls data. Credentials never live here."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from mlops_compiler.spec.base import Name, SpecModel, SshPort, empty_dict

Url = Annotated[str, StringConstraints(min_length=1, max_length=2048, pattern=r"^[^\s]+$")]


class S3Remote(SpecModel):
    """An Amazon S3 (or S3-compatible) bucket."""

    kind: Literal["s3"] = Field(examples=["s3"])
    """Remote type."""
    url: Annotated[Url, StringConstraints(pattern=r"^s3://[^\s]+$")] = Field(
        examples=["s3://my-bucket/dvc"]
    )
    """The bucket and prefix, `s3://bucket/path`."""
    region: str | None = Field(default=None, examples=["eu-west-1"])
    """The AWS region of the bucket."""
    profile: str | None = Field(default=None, examples=["ml-team"])
    """An AWS credentials profile name (the credentials themselves stay in ~/.aws)."""
    endpointurl: Url | None = Field(default=None, examples=["https://minio.example.com:9000"])
    """The endpoint of an S3-compatible store (MinIO, R2, ...)."""


class GsRemote(SpecModel):
    """A Google Cloud Storage bucket."""

    kind: Literal["gs"] = Field(examples=["gs"])
    """Remote type."""
    url: Annotated[Url, StringConstraints(pattern=r"^gs://[^\s]+$")] = Field(
        examples=["gs://my-bucket/dvc"]
    )
    """The bucket and prefix, `gs://bucket/path`."""
    projectname: str | None = Field(default=None, examples=["my-gcp-project"])
    """The Google Cloud project that owns the bucket."""


class AzureRemote(SpecModel):
    """An Azure Blob Storage container."""

    kind: Literal["azure"] = Field(examples=["azure"])
    """Remote type."""
    url: Annotated[Url, StringConstraints(pattern=r"^azure://[^\s]+$")] = Field(
        examples=["azure://my-container/dvc"]
    )
    """The container and prefix, `azure://container/path`."""
    account_name: str | None = Field(default=None, examples=["mlstorageaccount"])
    """The storage account name."""


class SshRemote(SpecModel):
    """A folder on a machine reached over SSH."""

    kind: Literal["ssh"] = Field(examples=["ssh"])
    """Remote type."""
    url: Annotated[Url, StringConstraints(pattern=r"^ssh://[^\s]+$")] = Field(
        examples=["ssh://user@example.com/srv/dvc"]
    )
    """`ssh://[user@]host[:port]/path`."""
    port: SshPort | None = Field(default=None, examples=[2222])
    """The SSH port, if not 22."""
    user: str | None = Field(default=None, examples=["dvc"])
    """The login name (keys and passwords stay in the SSH agent or config.local)."""


class HttpRemote(SpecModel):
    """An HTTP(S) store, DagsHub's included."""

    kind: Literal["http"] = Field(examples=["http"])
    """Remote type."""
    url: Annotated[Url, StringConstraints(pattern=r"^https?://[^\s]+$")] = Field(
        examples=["https://dagshub.com/owner/repo.dvc"]
    )
    """The store's base URL."""
    auth: Literal["basic", "digest", "custom"] | None = Field(default=None, examples=["basic"])
    """The authentication scheme; the password is set in `.dvc/config.local` or the environment."""
    user: str | None = Field(default=None, examples=["alice"])
    """The login name for `basic` or `digest` authentication."""


class LocalRemote(SpecModel):
    """A folder on this machine or a mounted share."""

    kind: Literal["local"] = Field(examples=["local"])
    """Remote type."""
    url: Annotated[str, StringConstraints(min_length=1, max_length=4096)] = Field(
        examples=["/mnt/shared/dvc-storage"]
    )
    """A folder: an absolute path, or a path relative to mlops.yaml."""


Remote = Annotated[
    S3Remote | GsRemote | AzureRemote | SshRemote | HttpRemote | LocalRemote,
    Field(discriminator="kind"),
]


SECTION_PATTERN = r'^[A-Za-z][A-Za-z0-9_-]*( "[A-Za-z0-9_. -]+")?$'
ConfigSection = Annotated[str, StringConstraints(pattern=SECTION_PATTERN, max_length=200)]
"""A .dvc/config section as DVC names it: `core`, `studio`, `remote "name"`."""
ConfigKey = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_.-]*$", max_length=100)]
ConfigValue = Annotated[str, StringConstraints(max_length=4096)] | int | bool


class Data(SpecModel):
    """DVC remotes: where versioned data and models are stored."""

    remotes: dict[Name, Remote] = Field(
        default_factory=empty_dict,
        min_length=1,
        examples=[{"storage": {"kind": "s3", "url": "s3://my-bucket/dvc"}}],
    )
    """Remotes by name."""
    default: Name | None = Field(default=None, examples=["storage"])
    """The remote `dvc push` and `dvc pull` use; may be omitted when there is only one."""
    config: dict[ConfigSection, dict[ConfigKey, ConfigValue]] | None = Field(
        default=None,
        examples=[{"core": {"autostage": True}, 'remote "vault"': {"url": "webdavs://host/dvc"}}],
    )
    """Any other .dvc/config settings, section by section, written as they are (`core` options
    join `[core]`). Credentials never go here: they belong in .dvc/config.local."""
