"""A catalog entry for a recognised list page (`newswatch sources add`): its id, names and family values as
YAML text in the catalog's own style, and appending it to a user catalog file without touching what is there."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml

from crawler.config.catalog import CatalogError, CatalogSource, load_catalog_file
from crawler.config.recognize import Recognition, meta_value, page_title
from crawler.util.file_writes import write_text_atomically

# Provinces as ids and the `province` field write them, and the host labels that name them.
PROVINCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "beijing": ("bj", ("beijing", "bj")), "tianjin": ("tj", ("tianjin", "tj")), "hebei": ("he", ("hebei",)),
    "shanxi": ("sx", ("shanxi",)), "neimenggu": ("nm", ("nmg", "nm")), "liaoning": ("ln", ("ln", "liaoning")),
    "jilin": ("jl", ("jl", "jilin")), "heilongjiang": ("hl", ("hlj",)), "shanghai": ("sh", ("sh", "shanghai")),
    "jiangsu": ("js", ("jiangsu", "js")), "zhejiang": ("zj", ("zj", "zhejiang")), "anhui": ("ah", ("ah", "anhui")),
    "fujian": ("fj", ("fujian", "fj")), "jiangxi": ("jx", ("jiangxi", "jx")), "shandong": ("sd", ("shandong", "sd")),
    "henan": ("ha", ("henan", "ha")), "hubei": ("hb", ("hubei",)), "hunan": ("hn", ("hunan",)),
    "guangdong": ("gd", ("gd", "guangdong")), "guangxi": ("gx", ("gxzf", "gx")), "hainan": ("hi", ("hainan",)),
    "chongqing": ("cq", ("cq", "chongqing")), "sichuan": ("sc", ("sc", "sichuan")), "guizhou": ("gz", ("guizhou",)),
    "yunnan": ("yn", ("yn", "yunnan")), "xizang": ("xz", ("xizang",)), "shaanxi": ("sn", ("shaanxi",)),
    "gansu": ("gs", ("gansu",)), "qinghai": ("qh", ("qinghai",)), "ningxia": ("nx", ("nx", "ningxia")),
    "xinjiang": ("xj", ("xinjiang", "xj")),
}
_DRUG_LABELS = {"mpa", "nmpa", "da", "yjj", "ypjg", "fda", "cde"}
_SCIENCE_LABELS = {"kjt", "kjj", "kw", "stc", "kxjst", "gdstc", "most", "stcsm", "kjw"}
_PAGE_FILE_RE = re.compile(r"^index(_\d+)?\.\w+$|^default\.\w+$", re.I)


class EntryError(ValueError):
    """The entry cannot be written as asked: the message says what to pass or fix."""


@dataclass(frozen=True)
class Naming:
    source_id: str
    province: str
    agency_kind: str | None  # None: not told by the host or the names; --kind must say
    name_zh: str
    agency_zh: str
    column: str  # the id's last part


def _labels(host: str) -> tuple[list[str], bool]:
    labels = [x for x in host.lower().split(".") if x and x != "www"]
    if labels[-2:] == ["gov", "cn"]:
        return labels[:-2], True
    return labels[:-1] if len(labels) > 1 else labels, False


def _token(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _column(url: str) -> str:
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s and not _PAGE_FILE_RE.match(s)]
    column = _token(re.sub(r"\.\w+$", "", segments[-1])) if segments else "home"
    ids = [v for k, v in parse_qsl(parts.query) if k.lower() in ("id", "colid", "columnid", "gd", "catid")]
    return (column + "".join(_token(v) for v in ids))[:40] or "home"


def name_source(url: str, text: str) -> Naming:
    """Id, province, names and (when the host or the names tell) the agency kind of the list page at `url`."""
    host = urlsplit(url).hostname or ""
    labels, government = _labels(host)
    province, short = "national", "cn"
    for name, (abbr, host_labels) in PROVINCES.items():
        if government and len(labels) >= 2 and labels[-1] in host_labels:
            province, short = name, abbr
            break
    agency = _token(labels[0]) if labels else "site"
    column = _column(url)
    site = meta_value(text, "SiteName") or page_title(text).split("-")[-1].strip() or host
    column_name = meta_value(text, "ColumnName") or page_title(text).split("-")[0].strip() or column
    kind = None
    if "药" in site or agency in _DRUG_LABELS:
        kind = "drug"
    elif "科学技术" in site or "科技" in site or agency in _SCIENCE_LABELS:
        kind = "science"
    elif province == "national" and government:
        kind = "ministry"
    name_zh = column_name if site in column_name else f"{site} {column_name}"
    return Naming(f"{short}-{agency or 'site'}-{column}", province, kind, name_zh, site, column)


def _plain(value: str) -> bool:
    """True when the string reads back as itself written bare inside a flow mapping and a flow list."""
    if not value or value != value.strip() or "#" in value or "\n" in value:
        return False
    try:
        return yaml.safe_load(f"{{k: [{value}], m: {{k: {value}}}}}") == {"k": [value], "m": {"k": value}}
    except yaml.YAMLError:
        return False


def _flow(value: Any) -> str:
    """One value as YAML flow text: plain where it reads back as itself, else a JSON string (which is a YAML
    double-quoted scalar)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, str) and _plain(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def entry_dict(url: str, found: Recognition, naming: Naming, kind: str) -> dict[str, Any]:
    host = urlsplit(url).hostname or ""
    entry: dict[str, Any] = {
        "id": naming.source_id,
        "name": {"zh": naming.name_zh, "en": f"{host} - {naming.column}"},
        "agency": {"zh": naming.agency_zh, "en": host},
        "province": naming.province,
        "agency_kind": kind,
        "family": found.family,
        "start_urls": [url],
    }
    if found.paging:
        entry["paging"] = dict(found.paging)
    if found.params:
        entry["params"] = dict(found.params)
    CatalogSource.model_validate(entry)  # what is written loads
    return entry


def entry_yaml(entry: dict[str, Any], comments: list[str], indent: str = "  ") -> str:
    """The entry as one item of the `sources:` list, in the catalog files' style, with comment lines first."""
    lines = [f"{indent}# {c}" for c in comments]
    keys = list(entry)
    lines.append(f"{indent}- {keys[0]}: {_flow(entry[keys[0]])}")
    lines += [f"{indent}  {key}: {_flow(entry[key])}" for key in keys[1:]]
    return "\n".join(lines) + "\n"


def _item_indent(text: str) -> str | None:
    """The indentation of the `sources:` list's items, or None when the list is not written as a block."""
    match = re.search(r"^sources:[ \t]*(?:#.*)?\n(?:[ \t]*(?:#.*)?\n)*([ \t]*)- ", text, re.M)
    return match.group(1) if match else None


def append_entry(path: Path, entry: dict[str, Any], comments: list[str]) -> None:
    """Add the entry at the end of the catalog file (created if missing), keeping its text and comments; the
    file is replaced whole, and only once the new text loads as a catalog."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    try:
        data = yaml.safe_load(old) if old.strip() else None
    except yaml.YAMLError as exc:
        raise EntryError(f"{path} is not valid YAML: {exc}") from None
    if data is not None and not isinstance(data, dict):
        raise EntryError(f"{path}: a catalog is a mapping with one key, 'sources', holding a list of sources")
    if data and any(isinstance(s, dict) and s.get("id") == entry["id"] for s in data.get("sources") or []):
        raise EntryError(f"{path} already has a source {entry['id']!r}: pass --id to name this one")
    indent = _item_indent(old)
    if indent is not None:
        new = old + ("" if old.endswith("\n") else "\n") + "\n" + entry_yaml(entry, comments, indent)
    elif data is None or data == {"sources": []} or data == {"sources": None}:
        kept = re.sub(r"^sources:.*$", "", old, flags=re.M).rstrip()
        new = (kept + "\n" if kept else "") + "sources:\n" + entry_yaml(entry, comments)
    else:
        raise EntryError(f"{path} does not hold its sources as a YAML block list (`sources:` then `  - id: …`); "
                         "add the entry by hand (printed above)")
    candidate = path.with_name(f".{path.name}.candidate")
    try:
        candidate.write_text(new, encoding="utf-8")
        load_catalog_file(candidate)
    except CatalogError as exc:
        message = str(exc).replace(str(candidate), str(path))
        raise EntryError(f"the catalog would not load with the new entry: {message}") from None
    finally:
        candidate.unlink(missing_ok=True)
    write_text_atomically(path, new)
