"""Watch rules: which events a rule matches, and where an event goes now (content vs the operator)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from crawler.alerts.config import load_alerts_config
from crawler.alerts.context import EventContext, SourceInfo
from crawler.alerts.glossary import Glossary
from crawler.alerts.rules import compile_rules, highlight_rules, immediate_routes, rule_matches
from crawler.config import ConfigError
from db.models import ChangeEvent, Item
from tests.alerts.dbfactory import TEST_TOPICS, settings_for

GLOSSARY = Glossary(TEST_TOPICS)
ZJ_KJT = SourceInfo("zj-kjt-notices", "浙江省科学技术厅 通知公告", "浙江省科学技术厅",
                    "Zhejiang Department of Science and Technology", "zhejiang", "science")
ZJ_MPA = SourceInfo("zj-mpa-notices", "浙江省药品监督管理局 通知公告", "浙江省药品监督管理局",
                    "Zhejiang Medical Products Administration", "zhejiang", "drug")
JS_KJT = SourceInfo("js-kjt-notices", "江苏省科学技术厅 通知公告", "江苏省科学技术厅", "", "jiangsu", "science")
CHANNELS = {
    "team": {"type": "apprise", "url": "json://127.0.0.1:1/team"},
    "other": {"type": "apprise", "url": "json://127.0.0.1:1/other"},
    "ops": {"type": "apprise", "url": "json://127.0.0.1:1/ops", "operator": True},
}


def ctx(kind: str, source: SourceInfo, title: str = "", **item_fields: Any) -> EventContext:
    event = ChangeEvent(id=1, kind=kind, source_id=source.id, created_at=datetime(2025, 3, 10, tzinfo=timezone.utc),
                        payload={})
    item = None if kind == "health" else Item(id=1, source_id=source.id, url="https://x.gov.cn/1.html", title=title,
                                               **item_fields)
    return EventContext(event, item, source)


def setup(rules: list[dict[str, Any]]) -> tuple[Any, list[Any]]:
    config = load_alerts_config(settings_for("sqlite://", Path("."), {"channels": CHANNELS, "rules": rules}), {})
    return config, compile_rules(config.rules, GLOSSARY)


def one_rule(**rule: Any) -> Any:
    return setup([{"name": "r", "mode": "digest", **rule}])[1][0]


CELL_TITLE = "关于开展免疫细胞治疗临床研究备案的通知"


@pytest.mark.parametrize(
    ("rule", "context", "matches"),
    [
        ({}, ctx("new", ZJ_KJT, "任意通知"), True),
        ({"events": ["changed"]}, ctx("new", ZJ_KJT, "x"), False),
        ({"keywords": ["cell therapy"]}, ctx("new", ZJ_KJT, CELL_TITLE), True),  # English → 免疫细胞治疗
        ({"keywords": ["cell therapy"]}, ctx("new", ZJ_KJT, "关于人工智能的通知"), False),
        ({"keywords": ["cell therapy"]}, ctx("new", ZJ_KJT, "通知", body_text="支持细胞治疗产业"), True),
        ({"keywords": ["cell therapy"]}, ctx("new", ZJ_KJT, "通知", attachments=[{"name": "细胞治疗指南.pdf"}]), True),
        ({"keywords": ["AI"]}, ctx("new", ZJ_KJT, "MAIN RULES"), False),
        ({"topics": ["cell-therapy"]}, ctx("changed", ZJ_KJT, "x", topics=["cell-therapy", "ai"]), True),
        ({"topics": ["cell-therapy"]}, ctx("changed", ZJ_KJT, "x", topics=["ai"]), False),
        ({"provinces": ["Zhejiang"]}, ctx("new", ZJ_MPA, "x"), True),
        ({"provinces": ["zhejiang"]}, ctx("new", JS_KJT, "x"), False),
        ({"agencies": ["浙江省药品监督管理局"]}, ctx("new", ZJ_MPA, "x"), True),
        ({"agencies": ["zhejiang medical products administration"]}, ctx("new", ZJ_MPA, "x"), True),
        ({"agencies": ["浙江省药品监督管理局"]}, ctx("new", ZJ_KJT, "x"), False),
        ({"agency_kinds": ["drug"]}, ctx("new", ZJ_MPA, "x"), True),
        ({"agency_kinds": ["drug"]}, ctx("new", ZJ_KJT, "x"), False),
        ({"sources": ["zj-*-notices"]}, ctx("new", ZJ_MPA, "x"), True),
        ({"sources": ["zj-kjt-*"]}, ctx("new", JS_KJT, "x"), False),
        ({"events": ["health"], "provinces": ["zhejiang"]}, ctx("health", ZJ_KJT), True),
        ({"events": ["health"]}, ctx("new", ZJ_KJT, "x"), False),
        ({"keywords": ["cell therapy"], "provinces": ["jiangsu"]}, ctx("new", ZJ_KJT, CELL_TITLE), False),
    ],
)
def test_a_rule_matches_when_every_filter_it_gives_holds(rule: dict[str, Any], context: EventContext,
                                                          matches: bool) -> None:
    assert rule_matches(one_rule(**rule), context, GLOSSARY) is matches


def test_immediate_rules_route_to_their_channels_and_digest_rules_do_not() -> None:
    config, rules = setup([
        {"name": "cells now", "keywords": ["cell therapy"], "channels": ["team", "other"]},
        {"name": "zhejiang later", "provinces": ["zhejiang"], "mode": "digest", "channels": ["team"]},
    ])
    assert immediate_routes(ctx("new", ZJ_KJT, CELL_TITLE), config, rules, GLOSSARY) == {
        "team": ["cells now"], "other": ["cells now"]}
    assert immediate_routes(ctx("new", ZJ_KJT, "无关"), config, rules, GLOSSARY) == {}


def test_health_events_reach_the_operator_channel_only() -> None:
    config, rules = setup([{"name": "everything", "channels": ["team"]}])
    assert immediate_routes(ctx("health", ZJ_MPA), config, rules, GLOSSARY) == {"ops": ["operator"]}
    assert immediate_routes(ctx("new", ZJ_MPA, "x"), config, rules, GLOSSARY) == {"team": ["everything"]}


def test_a_rule_can_ask_for_health_events_of_its_sources_on_a_content_channel() -> None:
    config, rules = setup([{"name": "my sources", "events": ["health"], "sources": ["zj-mpa-*"], "channels": ["team"]}])
    assert immediate_routes(ctx("health", ZJ_MPA), config, rules, GLOSSARY) == {"ops": ["operator"],
                                                                                "team": ["my sources"]}
    assert immediate_routes(ctx("health", ZJ_KJT), config, rules, GLOSSARY) == {"ops": ["operator"]}


def test_highlights_take_content_rules_meant_for_the_digest_channel() -> None:
    _config, rules = setup([
        {"name": "a", "mode": "digest"},
        {"name": "b", "mode": "digest", "channels": ["other"]},
        {"name": "c", "channels": ["team"]},
        {"name": "h", "events": ["health"], "mode": "digest"},
    ])
    assert [r.name for r in highlight_rules(rules, "team")] == ["a", "c"]
    assert [r.name for r in highlight_rules(rules, None)] == ["a", "b", "c"]


def test_a_keyword_the_matcher_refuses_is_a_configuration_error() -> None:
    def strict(_text: str, terms: list[str]) -> list[str]:
        if any(len(t) == 1 for t in terms):
            raise ValueError("single Chinese character")
        return []

    config = load_alerts_config(settings_for("sqlite://", Path("."), {"rules": [
        {"name": "too short", "keywords": ["药"], "mode": "digest"}]}), {})
    with pytest.raises(ConfigError, match=r"rules\[0\] \('too short'\).keywords: single Chinese character"):
        compile_rules(config.rules, Glossary([], strict))
