"""Jinja templates for mail and chat: HTML autoescaped, CSS written inline so that mail clients keep it.

Gmail, Outlook and most webmail drop <style> blocks or rewrite them, so every element carries its own
style attribute, taken from STYLES below; tables do the layout because Outlook's Word engine ignores
most of CSS box layout. Keeping the CSS here (instead of a CSS inliner at send time) avoids a
dependency and keeps the rendered mail reviewable in tests.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import ChoiceLoader, Environment, PackageLoader, StrictUndefined, select_autoescape

FONT = "font-family:-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei','Noto Sans CJK SC',Arial,sans-serif;"
STYLES = {
    "body": f"margin:0;padding:0;background:#f3f4f6;{FONT}color:#1f2937;",
    "outer": "width:100%;background:#f3f4f6;padding:16px 0;",
    "container": "width:100%;max-width:680px;margin:0 auto;background:#ffffff;border:1px solid #e5e7eb;",
    "header": "background:#0f3d6e;color:#ffffff;padding:18px 24px;",
    "h1": f"margin:0;font-size:20px;line-height:1.3;font-weight:600;color:#ffffff;{FONT}",
    "subtitle": "margin:4px 0 0 0;font-size:13px;color:#cbd5e1;",
    "section": "padding:8px 24px 4px 24px;",
    "h2": f"margin:18px 0 8px 0;font-size:16px;font-weight:600;color:#0f3d6e;border-bottom:2px solid #dbe4ee;"
          f"padding-bottom:4px;{FONT}",
    "h3": f"margin:14px 0 6px 0;font-size:14px;font-weight:600;color:#374151;{FONT}",
    "card": "padding:8px 0 10px 0;border-bottom:1px solid #f0f1f3;",
    "title": "font-size:15px;line-height:1.45;color:#1d4ed8;text-decoration:none;font-weight:600;",
    "title_plain": "font-size:15px;line-height:1.45;color:#111827;font-weight:600;",
    "meta": "margin:3px 0 0 0;font-size:12px;line-height:1.5;color:#6b7280;",
    "pill": "display:inline-block;margin:2px 4px 0 0;padding:1px 6px;font-size:11px;color:#1e3a5f;"
            "background:#e0ecf8;border-radius:3px;",
    "badge": "display:inline-block;padding:0 5px;font-size:11px;font-weight:600;color:#ffffff;"
             "background:#6b7280;border-radius:3px;",
    "badge_new": "display:inline-block;padding:0 5px;font-size:11px;font-weight:600;color:#ffffff;"
                 "background:#15803d;border-radius:3px;",
    "badge_warn": "display:inline-block;padding:0 5px;font-size:11px;font-weight:600;color:#ffffff;"
                  "background:#b45309;border-radius:3px;",
    "badge_bad": "display:inline-block;padding:0 5px;font-size:11px;font-weight:600;color:#ffffff;"
                 "background:#b91c1c;border-radius:3px;",
    "small": "margin:3px 0 0 0;font-size:12px;line-height:1.5;color:#374151;",
    "link": "color:#1d4ed8;text-decoration:underline;",
    "before": "color:#991b1b;text-decoration:line-through;",
    "after": "color:#166534;",
    "table": "width:100%;border-collapse:collapse;font-size:12px;",
    "th": "text-align:left;padding:4px 6px;background:#f3f4f6;border:1px solid #e5e7eb;color:#374151;",
    "td": "padding:4px 6px;border:1px solid #e5e7eb;vertical-align:top;",
    "note": "margin:8px 0;font-size:13px;color:#6b7280;",
    "footer": "padding:14px 24px;font-size:11px;color:#9ca3af;border-top:1px solid #e5e7eb;",
}


@lru_cache(maxsize=4)
def environment(*packages: str) -> Environment:
    """Templates from these packages' templates/ folders, first match wins; .html is escaped, .txt is not."""
    loaders = [PackageLoader(package, "templates") for package in (*packages, "crawler.alerts")]
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["css"] = STYLES
    return env


def render(template: str, packages: tuple[str, ...] = (), **context: object) -> str:
    return environment(*packages).get_template(template).render(**context)
