"""Imported once by the server that forks crawl children (child_process.py): the modules every crawl runs, so
that no child imports them again. Importing this installs no Twisted reactor: each child installs its own."""

from __future__ import annotations

import resource  # noqa: F401 (Scrapy's memory usage extension imports it when the crawl opens)

import sqlalchemy.dialects.postgresql  # noqa: F401 (the insert constructs db/insert_once.py builds per dialect)
import sqlalchemy.dialects.sqlite  # noqa: F401
from scrapy.settings import Settings
from scrapy.utils.misc import load_object, walk_modules_iter
from sqlalchemy.orm import configure_mappers

import crawler.run.child  # noqa: F401 (the child's entry point, and Scrapy's crawler with it)
import db.models  # noqa: F401 (the ORM classes the pipelines and the known-item index query)
from crawler.extract.topics import default_taxonomy

SETTINGS_MODULES = ("crawler.scrapy_ext.settings", "crawler.distributed.child_settings")
# Settings naming a dict of components (with Scrapy's own in their _BASE): Scrapy imports every one, a disabled
# one (order None) too, to match its path against the other entries; and those naming one class.
COMPONENT_DICTS = ("DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "EXTENSIONS", "ITEM_PIPELINES")
# Scheme → handler; a disabled scheme's handler (None) is never imported.
HANDLER_DICT = "DOWNLOAD_HANDLERS"
COMPONENT_CLASSES = ("SCHEDULER", "DUPEFILTER_CLASS", "STATS_CLASS", "LOG_FORMATTER", "SCHEDULER_PRIORITY_QUEUE",
                     "SCHEDULER_MEMORY_QUEUE", "SCHEDULER_DISK_QUEUE", "DOWNLOADER", "SPIDER_LOADER_CLASS",
                     "REQUEST_FINGERPRINTER_CLASS", "DOWNLOADER_CLIENTCONTEXTFACTORY", "ITEM_PROCESSOR")


def component_paths(settings_module: str) -> set[str]:
    settings = Settings()
    settings.setmodule(settings_module, priority="project")
    paths = {path for name in COMPONENT_DICTS for path in settings.getwithbase(name) if isinstance(path, str)}
    handlers = {path for path in settings.getwithbase(HANDLER_DICT).values() if isinstance(path, str)}
    classes = {path for name in COMPONENT_CLASSES if isinstance(path := settings.get(name), str)}
    return {path for path in paths | handlers | classes if "." in path}  # not a marker such as "SENTINEL"


def preload() -> list[str]:
    """Import what crawls run; what fails to import is left to each child, whose log then says why (a broken
    module must fail its crawls with their reason, not the server that starts every crawl). The failures."""
    failed = []
    for path in sorted(set().union(*(component_paths(module) for module in SETTINGS_MODULES))):
        try:
            load_object(path)
        except Exception as exc:  # noqa: BLE001 (any error: the child meets it again and reports it)
            failed.append(f"{path}: {exc!r}")
    try:
        for _ in walk_modules_iter("spiders"):
            pass
    except Exception as exc:  # noqa: BLE001
        failed.append(f"spiders: {exc!r}")
    configure_mappers()  # the ORM's classes set up here, not by every crawl's first query
    try:
        default_taxonomy()  # read and compiled once here, not by every crawl's first article
    except Exception as exc:  # noqa: BLE001
        failed.append(f"topic taxonomy: {exc!r}")
    return failed


preload()
