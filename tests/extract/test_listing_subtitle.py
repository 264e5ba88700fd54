"""Subtitles are split off only where the page sets them apart."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from crawler.extract.listing_subtitle import split_subtitle, subtitle_beside
from crawler.extract.listing_text import clean_title


def _split(markup: str) -> tuple[str, str | None]:
    link = lxml_html.fragment_fromstring(markup)
    return split_subtitle(link, clean_title(link.text_content()), link.get("title"), set())


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<a title="关于征求意见的通知">关于征求意见的通知（第二次征求意见）</a>', ("关于征求意见的通知", "第二次征求意见")),
        ('<a title="关于征求意见的通知">关于征求意见的通知——补充说明</a>', ("关于征求意见的通知", "补充说明")),
        ("<a><span>科技赋能产业发展</span><em>——全省科技大会召开</em></a>", ("科技赋能产业发展", "全省科技大会召开")),
        ("<a>科技赋能产业发展<br>（全省科技大会召开）</a>", ("科技赋能产业发展", "全省科技大会召开")),
        # Written into one headline string: stays whole.
        ("<a>用线上新型消费激活内需（人民时评）</a>", ("用线上新型消费激活内需（人民时评）", None)),
        ("<a>优化城乡建设用地布局——全省强化管理</a>", ("优化城乡建设用地布局——全省强化管理", None)),
        # A law's revision note is part of its name, even set apart.
        ('<a title="中华人民共和国科学技术普及法">中华人民共和国科学技术普及法（2024年修订）</a>',
         ("中华人民共和国科学技术普及法（2024年修订）", None)),
        ("<a>国家科学技术奖励条例<span>（2024年修订）</span></a>", ("国家科学技术奖励条例（2024年修订）", None)),
        # What would stay is not a title.
        ('<a title="通知">通知（第二次征求意见）</a>', ("通知（第二次征求意见）", None)),
        # A title attribute that is not a prefix of the text says nothing about a subtitle.
        ('<a title="hide">关于征求意见的通知（第二次）</a>', ("关于征求意见的通知（第二次）", None)),
    ],
)
def test_split_subtitle(markup: str, expected: tuple[str, str | None]) -> None:
    assert _split(markup) == expected


def test_subtitle_beside_needs_a_marking_class_and_no_link_or_date() -> None:
    item = lxml_html.fragment_fromstring(
        '<li><a href="/1.html">主标题内容</a><p class="summary">摘要文字</p><span class="sub-date">2024-05-09</span>'
        '<p class="fbt">——副标题内容</p></li>'
    )
    assert subtitle_beside(item, item.find("a")) == "副标题内容"
    plain = lxml_html.fragment_fromstring('<li><a href="/1.html">主标题内容</a><p class="summary">摘要文字</p></li>')
    assert subtitle_beside(plain, plain.find("a")) is None
