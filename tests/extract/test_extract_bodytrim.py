"""The article text proper: headline matter, bylines and promotions off the start; staff lines, pagers, notices
and a reposted article's footer off the end; the text's own last lines (an origin note, a sign-off) kept."""

from __future__ import annotations

import pytest

from crawler.extract.bodytrim import reprint_source, trim_body

TITLE = "姚明对周琦说了啥？周琦上下半场判若两人"
TEXT = ["新京报讯 2019年篮球世界杯排位赛，中国男篮战胜对手，保住了希望。", "最终全场砍下两双数据。"]


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        ([TITLE], TITLE),  # the title repeated
        (["（原标题：姚明对周琦说了啥？周琦上下半场判若两人）", "姚明对周琦说了啥？大魔王上下半场判若两人"], TITLE),
        (["全国人民代表大会常务委员会", "关于批准某项议案的决议"], "全国人民代表大会常务委员会关于批准某项议案的决议"),
        # A news agency's headline block: the title with a verb, then short lines.
        (["习近平主持召开座谈会强调", "推动长三角一体化发展取得新的重大突破", "李强蔡奇出席"], "习近平主持召开座谈会"),
        (["执笔/叨叨姐、胡一刀&李小飞刀"], TITLE),
        (["澎湃新闻记者 段彦超 廖艳"], TITLE),
        (["点击进入“文艺星青年”>>"], TITLE),
        (["图集"], TITLE),
        (["发布日期：2026-11-19 09:27:13 信息来源：浙江省科学技术厅"], TITLE),
    ],
)
def test_lead_matter_is_cut(lead: list[str], title: str) -> None:
    trimmed = trim_body([*lead, *TEXT], [title])
    assert trimmed.lines == TEXT
    assert trimmed.cut_lead == lead


@pytest.mark.parametrize(
    "tail",
    [
        ["（责任编辑：周雁）"],
        ["【编辑:陈海峰】"],
        ["责编：Demi Xia", "(综合整理自澎湃新闻、智东西、雷锋网等)"],
        ["本文来源：新京报 责任编辑：杜硕_NB12556"],
        ["医技药剂党支部、药剂科供稿 摄影/张艳 编辑/苏芳"],
        ["（实习生王金茹对此文亦有贡献）"],
        ["【1】【2】【3】【4】"],
        ["作者：上官云 宋宇晟", "这是一个插进来的小部件"],
        ["特别声明：以上作品内容为自媒体平台用户上传并发布，本平台仅提供信息存储空间服务。", "Notice: the content above"],
        # A reposted WeChat article's footer: credits, an origin line, a QR prompt, a reply menu.
        ["编辑|禤志杰", "责编|陈梦莹", "来源|广州参考、广州南沙发布", "扫描下方二维码解锁更多技能",
         "1、回复【公租房】查看最新消息", "点击菜单栏【便民服务】解锁更多服务！", "看都看完了，点【在看】试试"],
    ],
)
def test_tail_matter_is_cut(tail: list[str]) -> None:
    trimmed = trim_body([*TEXT, *tail], [TITLE])
    assert trimmed.lines == TEXT
    assert trimmed.cut_tail == tail


@pytest.mark.parametrize(
    "lines",
    [
        # The text's own last lines stay: an origin note, a sign-off, a sentence that merely mentions attention.
        [*TEXT, "（来源：中国政府网）"],
        [*TEXT, "总体全县投资结构趋稳趋优。（德清县发改局）"],
        [*TEXT, "此事引发社会广泛关注。"],
        # A photo caption resembling the title is text, and so is a 文号 line or a numbered heading.
        ["图为姚明对周琦说了啥的现场。（新华社记者 摄）", *TEXT],
        ["浙科发〔2019〕12号", *TEXT],
        ["一", "《药品注册检验工作程序和技术要求规范》对检品数量有什么新的要求？", *TEXT],
    ],
)
def test_the_text_is_kept(lines: list[str]) -> None:
    assert trim_body(lines, [TITLE]).lines == lines


def test_nothing_is_cut_to_nothing() -> None:
    assert trim_body([TITLE], [TITLE]).lines == [TITLE]


def test_the_last_line_loses_a_trailing_promotion_link() -> None:
    assert trim_body([TEXT[0], "整顿仍将持续。返回腾讯网首页>>"], [TITLE]).lines == [TEXT[0], "整顿仍将持续。"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([*TEXT, "（来源：中国政府网）"], "中国政府网"),
        (["【来源：新华网】", *TEXT], "新华网"),
        ([*TEXT, "（资料来源：参考消息、海外网等）"], None),  # material used, not the text's origin
        (TEXT, None),
    ],
)
def test_reprint_source(lines: list[str], expected: str | None) -> None:
    assert reprint_source(lines) == expected


@pytest.mark.parametrize(
    "tail",
    [
        ["|<<1234下一页>>|"],
        ["新京报记者 陆一夫", "编辑 刘晓阳 校对 李铭"],
        ["本文为CSDN原创文章，未经允许不得转载，如需转载请联系"],
        ["(本文来自澎湃新闻，更多原创资讯请下载“澎湃新闻”APP)"],
        ["（原题为《是“收割韭菜”还是“回归理性”》）"],
        ["(编辑：文静)", "关键字： LPR"],
        ["进入【新浪财经股吧】讨论"],
        ["此前报道：港媒曝当事人出狱前首受访", "点击进入专题：", "聚焦香港局势"],
        ["（总台央视记者 奚丹霓 张赛）"],
    ],
)
def test_more_tail_matter_is_cut(tail: list[str]) -> None:
    lines = [*TEXT, *TEXT]  # long enough that the tail is in the second half
    assert trim_body([*lines, *tail], [TITLE]).lines == lines


def test_a_related_heading_near_the_top_is_part_of_the_text() -> None:
    lines = ["相关新闻", *TEXT, *TEXT, *TEXT]
    assert trim_body(lines, [TITLE]).lines == lines


@pytest.mark.parametrize("lead", [["视频-陈同佳出狱 鞠躬说“对不起”"], ["原创： 路闻卓立编译 人民币交易与研究"], ["摄影：产品经理"]])
def test_more_lead_matter_is_cut(lead: list[str]) -> None:
    assert trim_body([*lead, *TEXT], [TITLE]).lines == TEXT
