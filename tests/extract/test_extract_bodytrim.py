"""The article text proper: headline matter, bylines and promotions off the start; staff lines, pagers, notices
and a reposted article's footer off the end; the text's own last lines (an origin note, a sign-off) kept."""

from __future__ import annotations

import pytest

from crawler.extract.bodytrim import reprint_source, trim_body

TITLE = "某某对张三说了啥？张三上下半场判若两人"
TEXT = ["某某报讯 2019年篮球排位赛，某队战胜对手，保住了希望。", "最终全场砍下两双数据。"]


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        ([TITLE], TITLE),  # the title repeated
        (["（原标题：某某对张三说了啥？张三上下半场判若两人）", "某某对张三说了啥？大将军上下半场判若两人"], TITLE),
        (["某某委员会", "关于批准某项议案的决议"], "某某委员会关于批准某项议案的决议"),
        # A news agency's headline block: the title with a verb, then short lines.
        (["某某主持召开座谈会强调", "推动区域一体化发展取得新的重大突破", "某某某某出席"], "某某主持召开座谈会"),
        (["执笔/张三、李四&王五"], TITLE),
        (["某某新闻记者 张三 李四"], TITLE),
        (["点击进入“某某专栏”>>"], TITLE),
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
        ["（责任编辑：张三）"],
        ["【编辑:李四】"],
        ["责编：Demi Xia", "(综合整理自某某新闻、某某网等)"],
        ["本文来源：某某报 责任编辑：张三_AB12345"],
        ["某某党支部、某某科供稿 摄影/张三 编辑/李四"],
        ["（实习生王金茹对此文亦有贡献）"],
        ["【1】【2】【3】【4】"],
        ["作者：张三 李四", "这是一个插进来的小部件"],
        ["特别声明：以上作品内容为自媒体平台用户上传并发布，本平台仅提供信息存储空间服务。", "Notice: the content above"],
        # A reposted WeChat article's footer: credits, an origin line, a QR prompt, a reply menu.
        ["编辑|王五", "责编|钱七", "来源|某某参考、某某发布", "扫描下方二维码解锁更多技能",
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
        [*TEXT, "（来源：某某政府网）"],
        [*TEXT, "总体全县投资结构趋稳趋优。（某某县发改局）"],
        [*TEXT, "此事引发社会广泛关注。"],
        # A photo caption resembling the title is text, and so is a 文号 line or a numbered heading.
        ["图为某某对张三说了啥的现场。（某某社记者 摄）", *TEXT],
        ["浙科发〔2019〕12号", *TEXT],
        ["一", "《药品注册检验工作程序和技术要求规范》对检品数量有什么新的要求？", *TEXT],
    ],
)
def test_the_text_is_kept(lines: list[str]) -> None:
    assert trim_body(lines, [TITLE]).lines == lines


def test_nothing_is_cut_to_nothing() -> None:
    assert trim_body([TITLE], [TITLE]).lines == [TITLE]


def test_the_last_line_loses_a_trailing_promotion_link() -> None:
    assert trim_body([TEXT[0], "整顿仍将持续。返回首页>>"], [TITLE]).lines == [TEXT[0], "整顿仍将持续。"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ([*TEXT, "（来源：某某政府网）"], "某某政府网"),
        (["【来源：某某网】", *TEXT], "某某网"),
        ([*TEXT, "（资料来源：某某报、某某网等）"], None),  # material used, not the text's origin
        (TEXT, None),
    ],
)
def test_reprint_source(lines: list[str], expected: str | None) -> None:
    assert reprint_source(lines) == expected


@pytest.mark.parametrize(
    "tail",
    [
        ["|<<1234下一页>>|"],
        ["某某报记者 孙八", "编辑 张三 校对 李四"],
        ["本文为某某网原创文章，未经允许不得转载，如需转载请联系"],
        ["(本文来自某某新闻，更多原创资讯请下载“某某新闻”APP)"],
        ["（原题为《某某现象是热潮还是回归理性》）"],
        ["(编辑：文静)", "关键字： LPR"],
        ["进入【新浪财经股吧】讨论"],
        ["此前报道：港媒曝当事人出狱前首受访", "点击进入专题：", "聚焦香港局势"],
        ["（某某台记者 周九 吴十）"],
    ],
)
def test_more_tail_matter_is_cut(tail: list[str]) -> None:
    lines = [*TEXT, *TEXT]  # long enough that the tail is in the second half
    assert trim_body([*lines, *tail], [TITLE]).lines == lines


def test_a_related_heading_near_the_top_is_part_of_the_text() -> None:
    lines = ["相关新闻", *TEXT, *TEXT, *TEXT]
    assert trim_body(lines, [TITLE]).lines == lines


@pytest.mark.parametrize("lead", [["视频-某某事件现场"], ["原创： 张三编译 某某研究"], ["摄影：产品经理"]])
def test_more_lead_matter_is_cut(lead: list[str]) -> None:
    assert trim_body([*lead, *TEXT], [TITLE]).lines == TEXT
