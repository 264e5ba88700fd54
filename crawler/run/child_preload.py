"""Imported once by the server that forks crawl children (child_process.py): the modules every crawl runs, so
that no child imports them again. Importing this installs no Twisted reactor: each child installs its own."""

from __future__ import annotations

from scrapy.settings import Settings
from scrapy.utils.misc import load_object, walk_modules_iter

import crawler.run.child  # noqa: F401 (the child's entry point, and Scrapy's crawler with it)

SETTINGS_MODULES = ("crawler.scrapy_ext.settings", "crawler.distributed.child_settings")
# Settings naming a dict of components (with Scrapy's own in their _BASE), and those naming one class.
COMPONENT_DICTS = ("DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "EXTENSIONS", "ITEM_PIPELINES", "DOWNLOAD_HANDLERS")
COMPONENT_CLASSES = ("SCHEDULER", "DUPEFILTER_CLASS", "STATS_CLASS", "LOG_FORMATTER", "SCHEDULER_PRIORITY_QUEUE",
                     "SCHEDULER_MEMORY_QUEUE", "SCHEDULER_DISK_QUEUE", "DOWNLOADER", "SPIDER_LOADER_CLASS",
                     "REQUEST_FINGERPRINTER_CLASS", "DOWNLOADER_CLIENTCONTEXTFACTORY", "ITEM_PROCESSOR")


def component_paths(settings_module: str) -> set[str]:
    settings = Settings()
    settings.setmodule(settings_module, priority="project")
    paths = {path for name in COMPONENT_DICTS for path, order in settings.getwithbase(name).items()
             if isinstance(path, str) and order is not None}
    return paths | {path for name in COMPONENT_CLASSES if isinstance(path := settings.get(name), str)}


def preload() -> None:
    for path in sorted(set().union(*(component_paths(module) for module in SETTINGS_MODULES))):
        try:
            load_object(path)
        except (ImportError, NameError, AttributeError, ValueError):  # not a component: the child says so if it matters
            continue
    for _ in walk_modules_iter("spiders"):
        pass


preload()
