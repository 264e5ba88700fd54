"""Watch rules: whether an event matches a rule, and which channels an event goes to right away."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fnmatch import fnmatchcase

from crawler.alerts.config import AlertsConfig, Rule, load_alerts_config
from crawler.alerts.context import EventContext, SourceInfo
from crawler.alerts.glossary import Glossary, load_glossary
from crawler.config import ConfigError, Settings
from db.models import Item


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its keywords expanded once through the glossary."""

    rule: Rule
    terms: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.rule.name


def compile_rules(rules: Iterable[Rule], glossary: Glossary) -> list[CompiledRule]:
    compiled = []
    for index, rule in enumerate(rules):
        terms = tuple(dict.fromkeys(t for k in rule.keywords for t in glossary.expand(k)))
        try:
            glossary.check(terms)
        except ValueError as exc:  # the matcher's TermError: fail at load, not at the first crawl
            raise ConfigError(f"rules[{index}] ({rule.name!r}).keywords: {exc}") from None
        compiled.append(CompiledRule(rule, terms))
    return compiled


def _casefold_in(value: str, wanted: Iterable[str]) -> bool:
    value = value.casefold()
    return bool(value) and any(value == w.casefold() for w in wanted)


def source_matches(rule: Rule, source: SourceInfo) -> bool:
    if rule.sources and not any(fnmatchcase(source.id, pattern) for pattern in rule.sources):
        return False
    if rule.agencies and not (_casefold_in(source.agency, rule.agencies) or _casefold_in(source.agency_en, rule.agencies)):
        return False
    if rule.agency_kinds and source.agency_kind not in rule.agency_kinds:
        return False
    return not (rule.provinces and not _casefold_in(source.province, rule.provinces))


def item_text(item: Item) -> str:
    """What keywords are looked for in: title, 文号, attachment names and the body."""
    names = " ".join(str(a.get("name") or "") for a in item.attachments or [] if isinstance(a, dict))
    return "\n".join(p for p in (item.title, item.doc_number or "", names, item.body_text or "") if p)


def item_matches(rule: CompiledRule, item: Item | None, glossary: Glossary) -> bool:
    if not (rule.rule.topics or rule.terms):
        return True
    if item is None:
        return False
    if rule.rule.topics and not set(rule.rule.topics) & set(item.topics or []):
        return False
    return not (rule.terms and not glossary.match(item_text(item), rule.terms))


def rule_matches(rule: CompiledRule, ctx: EventContext, glossary: Glossary) -> bool:
    """Every filter the rule gives must hold; a filter left out matches everything."""
    if ctx.event.kind not in rule.rule.events:
        return False
    if not source_matches(rule.rule, ctx.source):
        return False
    return ctx.event.kind == "health" or item_matches(rule, ctx.item, glossary)


def matching_rules(rules: Iterable[CompiledRule], ctx: EventContext, glossary: Glossary) -> list[CompiledRule]:
    return [r for r in rules if rule_matches(r, ctx, glossary)]


def immediate_routes(ctx: EventContext, config: AlertsConfig, rules: list[CompiledRule],
                     glossary: Glossary) -> dict[str, list[str]]:
    """Channel → names of the rules that send this event there now; health always reaches the operator."""
    routes: dict[str, list[str]] = {}
    if ctx.event.kind == "health":
        for channel in config.operator_channels:
            routes.setdefault(channel, []).append("operator")
    for rule in matching_rules(rules, ctx, glossary):
        if rule.rule.mode != "immediate":
            continue
        for channel in rule.rule.channels:
            routes.setdefault(channel, []).append(rule.name)
    return routes


def highlight_rules(rules: Iterable[CompiledRule], channel: str | None) -> list[CompiledRule]:
    """Rules whose matches a digest highlights: content rules meant for this channel (or for any)."""
    chosen = []
    for rule in rules:
        if not set(rule.rule.events) - {"health"}:
            continue
        if channel is None or rule.rule.mode == "immediate" or not rule.rule.channels or channel in rule.rule.channels:
            chosen.append(rule)
    return chosen


@dataclass(frozen=True)
class AlertSetup:
    """The validated configuration, the glossary and the rules compiled against it: loaded once per cycle."""

    config: AlertsConfig
    glossary: Glossary
    rules: list[CompiledRule]


def load_setup(settings: Settings, environ: Mapping[str, str] | None = None) -> AlertSetup:
    glossary = load_glossary()
    # Topic ids are checked only when a taxonomy is there to check them against.
    config = load_alerts_config(settings, environ, topic_ids=set(glossary.topics) or None)
    return AlertSetup(config, glossary, compile_rules(config.rules, glossary))
