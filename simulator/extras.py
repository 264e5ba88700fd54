"""List entries that are not articles of the source: off-site links (WeChat, news sites) and bare PDFs."""

from __future__ import annotations

import string
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from simulator import vocabulary as v
from simulator.generator import HISTORY_DAYS, OPENING
from simulator.site_model import SiteColumn

_TOKEN = string.ascii_letters + string.digits + "-_"
HERBS = ("黄芪", "党参", "当归", "浙贝母", "酒续断", "炒火麻仁", "蛇床子", "密蒙花", "草豆蔻", "浮萍", "白术", "川芎")
PHRASES = ("监管服务双轮驱动 医药产业行稳致远", "精准施策保安全 协同联动促发展", "守护健康 共筑药品安全防线",
           "创新向未来 改革促发展", "筑牢防线保安全 强化服务促发展", "着眼全局强监管 立足职能促发展")


@dataclass(frozen=True)
class ListExtra:
    """One list entry that links somewhere other than an article page of the source."""

    source_id: str
    title: str
    url: str  # absolute for off-site links, a site path for on-site PDFs
    published: datetime
    reason: str  # "offsite" or "pdf"

    def as_json(self, base_url: str) -> dict[str, str]:
        url = self.url if "://" in self.url else base_url + self.url
        return {"url": url, "title": self.title, "published": self.published.isoformat(timespec="seconds"),
                "reason": self.reason}


def _token(rng: Random, size: int) -> str:
    return "".join(rng.choice(_TOKEN) for _ in range(size))


def _weixin(rng: Random, year: int) -> tuple[str, str]:
    topic, product = rng.choice(v.BIO_TOPICS), rng.choice(v.PRODUCTS)
    title = rng.choice((f"“检”问百“答” | {topic}检验问题解答", f"检验技术共享丨{product}安全有效性评价",
                        f"图解：{year}年{topic}监管政策要点", f"新闻发布会答记者问：{topic}审评审批改革"))
    return title, f"https://mp.weixin.qq.com/s/{_token(rng, 22)}"


def _iqilu(rng: Random, year: int) -> tuple[str, str]:
    url = f"https://sdxw.iqilu.com/share/YS0yMS0x{rng.randrange(10**7)}.html"
    return f"做客山东台 | {rng.choice(PHRASES)}", url


def _chp(rng: Random, year: int) -> tuple[str, str]:
    title = rng.choice((f"关于转发第{rng.randrange(5, 15)}批{rng.randrange(10, 40)}个中药配方颗粒国家药品标准的通知",
                        f"关于勘误“{rng.choice(HERBS)}配方颗粒”国家药品标准有关内容的函",
                        f"{year}年版《中国药典》实施有关事项解读"))
    return title, f"https://www.chp.org.cn/#/newsDetail?id={uuid.UUID(int=rng.getrandbits(128))}"


def _pdf(rng: Random, year: int) -> tuple[str, str]:
    title = rng.choice((f"{year}年第{rng.randrange(1, 12)}期{rng.choice(v.PRODUCTS)}质量抽检结果",
                        f"{rng.choice(v.PRODUCTS)}说明书修订要求（{year}年）"))
    return title, f"/directory/web/nmpa/images/{_token(rng, 28)}.pdf"


MAKERS = {"weixin": _weixin, "iqilu": _iqilu, "chp": _chp, "pdf": _pdf}


def generate(source: SiteColumn, anchor: datetime, seed: int) -> tuple[ListExtra, ...]:
    """The source's non-article entries, spread over its history, newest first."""
    rng = Random(f"{seed}:{source.id}:extras")
    found = []
    for kind, count in source.extras:
        for _ in range(count):
            day = anchor - timedelta(days=rng.uniform(3, HISTORY_DAYS))
            moment = day.replace(hour=OPENING.hour + rng.randrange(9), minute=rng.randrange(60), second=0,
                                 microsecond=0)
            title, url = MAKERS[kind](rng, moment.year)
            reason = "pdf" if kind == "pdf" else "offsite"
            found.append(ListExtra(source.id, title, url, min(moment, anchor), reason))
    return tuple(sorted(found, key=lambda e: e.published, reverse=True))
