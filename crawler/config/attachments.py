"""Each source's attachment policy: the `attachments:` section with the catalog's overrides applied."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawler.config import Settings
from crawler.config.attachment_policy import AttachmentPolicy

if TYPE_CHECKING:
    from crawler.config.catalog import CatalogSource


def attachment_policy(settings: Settings, source: CatalogSource) -> AttachmentPolicy:
    """The configuration's section with the source's catalog overrides (`attachments:`, `attachment_hosts:`)."""
    section = settings.config.attachments
    own = source.attachments
    enabled = section.enabled if own.enabled is None else own.enabled
    return AttachmentPolicy(
        enabled=enabled,
        max_bytes=own.max_bytes or section.max_bytes,
        types=frozenset(own.types or section.types),
        hosts=tuple(dict.fromkeys([*section.hosts, *source.attachment_hosts])),
    )
