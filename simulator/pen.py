"""The writing toolkit shared by the article writers: seeded choices, Chinese dates, amounts, contacts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from random import Random

from simulator import vocabulary as v
from simulator.agencies import Agency
from simulator.content import Paragraph


def cn_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class Draft:
    """What a writer produces; the generator turns it into an Article."""

    title: str
    paragraphs: list[Paragraph]
    keywords: tuple[str, ...]
    comment_deadline: date | None = None
    attachment_stems: list[str] = field(default_factory=list)
    wants_doc_number: bool = False
    written: date | None = None  # 成文日期 when it is not the publication day


@dataclass
class Pen:
    """Seeded helpers for one article: everything random goes through `rng` so runs repeat exactly."""

    rng: Random
    agency: Agency
    published: datetime

    @property
    def kind(self) -> str:
        """science or drug: which topics and word banks the agency draws on."""
        return self.agency.kind

    @property
    def org(self) -> str:
        return self.agency.org

    @property
    def short(self) -> str:
        return self.agency.short

    @property
    def we(self) -> str:
        return self.agency.we

    def pick(self, options: tuple[str, ...] | list[str]) -> str:
        return options[self.rng.randrange(len(options))]

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def topic(self) -> str:
        # Biomedical topics come up more often than the rest: they are what the analysts read for.
        if self.chance(0.6):
            return self.pick(v.BIO_TOPICS)
        return self.pick(v.SCIENCE_TOPICS if self.kind == "science" else v.DRUG_TOPICS)

    def program(self) -> str:
        return self.pick(self.agency.programs)

    def policy_name(self, topic: str) -> str:
        forms = v.SCIENCE_POLICY_FORMS if self.kind == "science" else v.DRUG_POLICY_FORMS
        year = self.published.year + (1 if self.published.month >= 10 else 0)
        return self.pick(forms).format(t=topic, y=year, y2=year + 2, r=self.agency.region)

    def city(self) -> str:
        return self.pick(self.agency.cities)

    def firm(self) -> str:
        return self.city() + self.pick(v.FIRM_STEMS) + self.pick(v.FIRM_TRADES)

    def person(self) -> str:
        return self.pick(v.SURNAMES) + self.pick(("老师", "先生", "女士"))

    def phone(self) -> str:
        exchange = self.rng.choice(("8705", "8706", "8805", "8989", "6839", "5888"))
        return f"{self.agency.phone_area}-{exchange}{self.rng.randrange(1000, 10000)}"

    def fund(self) -> str:
        """A programme-sized sum, e.g. 4–5亿元 (the seed articles quote ranges like this)."""
        style = self.rng.randrange(3)
        if style == 0:
            low = self.rng.randrange(2, 9)
            return f"{low}–{low + 1}亿元"
        if style == 1:
            return f"{self.rng.randrange(11, 60) / 10:.1f}亿元"
        return f"{self.rng.randrange(20, 95) * 100}万元"

    def grant(self) -> str:
        """A per-project sum, far smaller than a programme fund."""
        if self.chance(0.5):
            return f"不超过{self.rng.choice((100, 200, 300, 500, 800, 1000))}万元"
        return f"{self.rng.randrange(5, 60) * 10}万元"

    def year_word(self) -> int:
        """The year a programme notice talks about: late-year notices announce next year's round."""
        return self.published.year + (1 if self.published.month >= 11 else 0)

    def divisions(self) -> tuple[str, ...]:
        return self.agency.division_names

    def addressee(self) -> Paragraph:
        return Paragraph(self.pick(self.agency.addressees))

    def contact(self) -> Paragraph:
        return Paragraph(f"联系人：{self.pick(self.divisions())}{self.person()}，联系电话：{self.phone()}。")

    def signature(self, day: date | None = None) -> list[Paragraph]:
        return [Paragraph(self.org, "right"), Paragraph(cn_date(day or self.published.date()), "right")]

    def postal_address(self) -> tuple[str, str]:
        return f"{self.agency.address}{self.org}{self.pick(self.divisions())}", self.agency.postcode

    def email(self) -> str:
        box = self.pick(("zcfgc", "shfzc", "gxjsc", "ypzcc", "ylqxc", "hzpc", "zhc"))
        return f"{box}{self.rng.randrange(10, 99)}@{self.agency.email_domain}"
