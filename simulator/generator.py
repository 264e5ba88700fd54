"""Deterministic generation of one source's article history and of the fresh articles published later."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from random import Random

from simulator.agencies import AGENCIES
from simulator.content import CHINA, Article, Attachment
from simulator.pen import Draft, Pen
from simulator.sites import SiteColumn
from simulator.writers import WRITERS

HISTORY_DAYS = 900  # about two and a half years of history before the anchor
OPENING, CLOSING = time(8, 30), time(18, 30)  # office hours: when government sites publish
GENERIC_STEMS = ("申报指南", "申报书模板", "项目汇总表", "意见反馈表", "名单", "评审结果", "推荐汇总表", "企业承诺书")


def anchor_moment(value: date | datetime) -> datetime:
    """The end of the simulated history; a bare date means the end of that office day, China time."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=CHINA) if value.tzinfo is None else value.astimezone(CHINA)
    return datetime.combine(value, CLOSING, CHINA)


def _weighted(rng: Random, weights: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([name for name, _ in weights], [w for _, w in weights])[0]


class SourceWriter:
    """Writes the articles of one source; all randomness comes from one seeded generator."""

    def __init__(self, source: SiteColumn, seed: int) -> None:
        self.source = source
        self.rng = Random(f"{seed}:{source.id}")
        self._doc_serials: dict[tuple[str, int], int] = {}

    def state(self) -> tuple[object, dict[tuple[str, int], int]]:
        """Everything later writing depends on, so a reset can resume from the end of the history."""
        return self.rng.getstate(), dict(self._doc_serials)

    def restore(self, state: tuple[object, dict[tuple[str, int], int]]) -> None:
        rng_state, serials = state
        self.rng.setstate(rng_state)  # type: ignore[arg-type]
        self._doc_serials = dict(serials)

    def history(self, anchor: datetime) -> list[Article]:
        """The initial corpus of the source, newest first, with id 0 (ids are assigned per host)."""
        moments = sorted(self._timeline(anchor))
        return [self.write(moment) for moment in moments][::-1]

    def write(self, published: datetime, kind: str | None = None) -> Article:
        kind = kind or _weighted(self.rng, self.source.kinds)
        pen = Pen(Random(self.rng.getrandbits(64)), AGENCIES[self.source.agency], published)
        draft = WRITERS[kind](pen)
        doc_number, placement = None, "none"
        if draft.wants_doc_number:
            doc_number = self.doc_number(published.year, letter=kind != "policy")
            placement = _weighted(pen.rng, self.source.doc_placements)
        origin = self.source.origins[0] if pen.chance(0.6) else pen.pick(self.source.origins)
        return Article(
            source_id=self.source.id, host=self.source.host, column_id=self.source.column_id, id=0,
            title=draft.title, published=published, origin=origin, kind=kind,
            paragraphs=tuple(draft.paragraphs), doc_number=doc_number, doc_placement=placement,
            comment_deadline=draft.comment_deadline, attachments=self._attachments(pen, draft),
            keywords=draft.keywords, written=draft.written,
        )

    def doc_number(self, year: int, letter: bool = False) -> str:
        """The next 文号 of a prefix; numbers rise through the year as on real documents."""
        prefixes = self.source.doc_prefixes
        prefix = self.source.letter_prefix if letter or not prefixes else self.rng.choice(prefixes)
        serial = self._doc_serials.get((prefix, year), self.rng.randrange(0, 4)) + self.rng.randrange(1, 4)
        self._doc_serials[(prefix, year)] = serial
        # Most documents use 〔〕; some pages type [] or full-width () instead, which extractors must accept.
        opening, closing = self.rng.choices((("〔", "〕"), ("[", "]"), ("（", "）")), (85, 8, 7))[0]
        return f"{prefix}{opening}{year}{closing}{serial}号"

    def _timeline(self, anchor: datetime) -> list[datetime]:
        moments = []
        for index in range(self.source.history):
            # The newest item is at most two days old so every source looks alive at the anchor.
            back = self.rng.uniform(0, 2) if index == 0 else self.rng.uniform(0, HISTORY_DAYS)
            day = (anchor - timedelta(days=back)).date()
            if day.weekday() >= 5 and self.rng.random() < 0.85:
                day -= timedelta(days=day.weekday() - 4)  # weekend items mostly go out on Friday
            moments.append(self._office_time(day, anchor))
        return moments

    def _office_time(self, day: date, anchor: datetime) -> datetime:
        start = datetime.combine(day, OPENING, CHINA)
        end = min(datetime.combine(day, CLOSING, CHINA), anchor)
        if end <= start:
            return end
        seconds = self.rng.randrange(int((end - start).total_seconds()))
        return start + timedelta(seconds=seconds)

    def _attachments(self, pen: Pen, draft: Draft) -> tuple[Attachment, ...]:
        stems = draft.attachment_stems
        found = []
        for index, stem in enumerate(stems, start=1):
            if stem in GENERIC_STEMS:
                stem = f"{pen.published.year}年度{stem}"
            ext = self._extension(pen, stem)
            name = f"{index}.{stem}.{ext}" if len(stems) > 1 or pen.chance(0.5) else f"{stem}.{ext}"
            found.append(Attachment(name, self._attachment_path(pen, ext)))
        return tuple(found)

    @staticmethod
    def _extension(pen: Pen, stem: str) -> str:
        if stem.endswith(("汇总表", "名单", "结果")):
            return pen.pick(("xls", "xlsx", "pdf"))
        if stem.endswith(("模板", "反馈表", "承诺书")):
            return pen.pick(("docx", "doc", "wps"))
        return pen.rng.choices(("pdf", "docx", "ofd", "zip"), (60, 25, 10, 5))[0]

    @staticmethod
    def _attachment_path(pen: Pen, ext: str) -> str:
        if pen.chance(0.6):
            return f"/module/download/downfile.jsp?classid=0&filename={pen.rng.getrandbits(128):032x}.{ext}"
        return f"/attach/-1/{pen.rng.randrange(10**8, 10**10)}.{ext}"

