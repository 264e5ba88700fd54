"""The configuration model: environment over file, one error per mistake naming where it came from, and the
README's table of environment variables kept the same as the code's."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.config import ConfigError, load_settings
from crawler.config.settings import DEFAULT_MAX_NEW_PER_CRAWL, environment_table

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_readme_lists_every_environment_variable() -> None:
    assert environment_table() in README.read_text(encoding="utf-8")


def test_the_environment_overrides_the_file_and_extends_its_catalogs(tmp_path: Path) -> None:
    config = tmp_path / "c.yaml"
    config.write_text("crawl_timeout: 60\ncatalogs: [a.yaml]\nsmtp: {host: file.example.com}\n", encoding="utf-8")
    env = {"NEWSWATCH_CRAWL_TIMEOUT": "90", "NEWSWATCH_CATALOGS": "b.yaml:c.yaml", "NEWSWATCH_SMTP_HOST": "env.example.com",
           "NEWSWATCH_DATA_DIR": str(tmp_path)}
    settings = load_settings(config, environ=env)
    assert settings.crawl_timeout == 90.0
    assert [p.name for p in settings.catalog_paths] == ["a.yaml", "b.yaml", "c.yaml"]
    assert settings.config.smtp.host == "env.example.com"


def test_a_yaml_error_and_a_missing_file_are_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("schedule: {jitter_seconds: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.yaml: not valid YAML"):
        load_settings(broken, environ={})
    with pytest.raises(ConfigError, match="missing.yaml: cannot read the configuration: No such file"):
        load_settings(tmp_path / "missing.yaml", environ={})
    listing = tmp_path / "list.yaml"
    listing.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="must be a mapping"):
        load_settings(listing, environ={})


def test_max_new_per_crawl_has_a_default_and_is_read_from_the_file(tmp_path: Path) -> None:
    env = {"NEWSWATCH_DATA_DIR": str(tmp_path)}
    assert load_settings(environ=env).max_new_per_crawl == DEFAULT_MAX_NEW_PER_CRAWL
    config = tmp_path / "c.yaml"
    config.write_text("max_new_per_crawl: 200\n", encoding="utf-8")
    assert load_settings(config, environ=env).max_new_per_crawl == 200


@pytest.mark.parametrize("value, why", [("0", "greater than or equal to 1"), ("-3", "greater than or equal to 1"),
                                        ("2.5", "a valid integer"), ("true", "a valid integer"),
                                        ("'200'", "a valid integer"), ("[10]", "a valid integer")])
def test_a_bad_max_new_per_crawl_is_refused_in_one_line(tmp_path: Path, value: str, why: str) -> None:
    config = tmp_path / "c.yaml"
    config.write_text(f"max_new_per_crawl: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config, environ={"NEWSWATCH_DATA_DIR": str(tmp_path)})
    assert str(caught.value) == f"{config}: max_new_per_crawl: Input should be {why}"
