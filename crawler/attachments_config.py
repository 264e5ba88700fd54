"""The `attachments:` configuration section, and each source's effective policy (catalog overrides applied)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator

from crawler.attachment_policy import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TYPES,
    AttachmentPolicy,
    check_host_name,
    check_type_names,
)
from crawler.config import ConfigError, Settings

if TYPE_CHECKING:
    from crawler.catalog import Source


class AttachmentsSection(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    # Off by default: fetching attachments adds requests to every new article's host.
    enabled: StrictBool = False
    max_bytes: int = Field(default=DEFAULT_MAX_BYTES, ge=1)
    types: list[str] = Field(default_factory=lambda: list(DEFAULT_TYPES), min_length=1)
    hosts: list[str] = Field(default_factory=list)

    @field_validator("types", mode="before")
    @classmethod
    def _types(cls, value: Any) -> Any:
        return check_type_names(value) if isinstance(value, list) else value

    @field_validator("hosts", mode="before")
    @classmethod
    def _hosts(cls, value: Any) -> Any:
        return [check_host_name(h) for h in value] if isinstance(value, list) else value


def load_attachments_config(settings: Settings) -> AttachmentsSection:
    where = settings.config_path or "configuration"
    section = settings.raw.get("attachments")
    if section is None:
        return AttachmentsSection()
    if not isinstance(section, dict):
        raise ConfigError(f"{where}: attachments: must be a mapping, e.g. {{enabled: true, max_bytes: 20971520}}")
    try:
        return AttachmentsSection.model_validate(section)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            key = ".".join(str(p) for p in err["loc"])
            message = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
            lines.append(f"{where}: attachments.{key}: {message}")
        raise ConfigError("\n".join(lines)) from None


def attachment_policy(settings: Settings, source: Source) -> AttachmentPolicy:
    """The configuration's section with the source's catalog overrides (`attachments:`, `attachment_hosts:`)."""
    section = load_attachments_config(settings)
    own = source.attachments
    enabled = section.enabled if own.enabled is None else own.enabled
    return AttachmentPolicy(
        enabled=enabled,
        max_bytes=own.max_bytes or section.max_bytes,
        types=frozenset(own.types or section.types),
        hosts=tuple(dict.fromkeys([*section.hosts, *source.attachment_hosts])),
    )
