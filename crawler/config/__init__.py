"""Configuration: the YAML file and the environment as one validated model (settings.py), the schemas of its
sections, and the catalog of watched sources."""

from crawler.config.errors import ConfigError
from crawler.config.settings import DEFAULT_TIMEZONE, Settings, load_settings

__all__ = ["DEFAULT_TIMEZONE", "ConfigError", "Settings", "load_settings"]
