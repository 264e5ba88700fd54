"""Substring search over title, 文号 and body, answered from the trigram index of migration 0008.

SQLite: the FTS5 trigram index answers a term of three or more characters as a phrase of its trigrams, and a
two-character term (药品) as any indexed trigram that starts with it: the index holds every value with a
newline appended, so every occurrence of two characters starts some trigram. Which trigrams those are comes
from the index's vocabulary (items_fts_terms), which also says how many items a term can match at most: a
term in more than about sqrt(page size × items) items is cheaper to find by reading items newest first until a page is full
(it is common, so that page fills fast) than by sorting every match. PostgreSQL: ILIKE on the expression
pg_trgm indexes (for three characters or more; two are looked for in items read newest first, case folded).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, false, func, literal_column, or_, select, text, true
from sqlalchemy.orm import Session

from db.models import Item

# Must be the expression migration 0008 indexed, character for character, or PostgreSQL will not use the index.
SEARCH_EXPRESSION = "(coalesce(title, '') || ' ' || coalesce(doc_number, '') || ' ' || coalesce(body_text, ''))"
MIN_TRIGRAM = 3
# A term in M of N items costs about M row reads through the index (every match, then sorted), and about
# PAGE * N / M reads newest first (until a page is full): the two meet at M = sqrt(PAGE * N). The index's count
# is an upper bound (a two-character term adds up the items of each trigram it starts), hence the factor 2.
PAGE = 51
FTS_FACTOR = 2.0
FTS_MAX_ROWS: int | None = None  # fixed threshold (tests); None: from the number of items


def terms_of(query: str) -> list[str]:
    """Whitespace-separated terms, every one required; single characters are dropped (they match nearly all)."""
    return [t for t in dict.fromkeys(query.split()) if len(t) >= 2]


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _quoted(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _like(term: str) -> ColumnElement[bool]:
    pattern = _like_pattern(term)
    return or_(Item.title.like(pattern, escape="\\"), Item.doc_number.like(pattern, escape="\\"),
               Item.body_text.like(pattern, escape="\\"))


def _fts(match: str) -> ColumnElement[bool]:
    return Item.id.in_(select(literal_column("rowid")).select_from(text("items_fts"))
                       .where(text("items_fts MATCH :match").bindparams(match=match)))


def _vocabulary(session: Session, term: str) -> tuple[list[str], int]:
    """The indexed trigrams a term needs (all of them for a long term, any of them for two characters) and at
    most how many items hold it. The trigram tokenizer folds ASCII case, so the lookup does too."""
    folded = term.lower()
    if len(folded) >= MIN_TRIGRAM:
        grams = sorted({folded[i:i + 3] for i in range(len(folded) - 2)})
        counts = session.execute(text("SELECT term, doc FROM items_fts_terms WHERE term IN "
                                      f"({', '.join(f':t{i}' for i in range(len(grams)))})"),
                                 {f"t{i}": g for i, g in enumerate(grams)}).all()
        found = dict(counts)
        return ([_quoted(term)] if len(found) == len(grams) else []), min(found.values(), default=0)
    upper = folded[:-1] + chr(ord(folded[-1]) + 1)
    rows = session.execute(text("SELECT term, doc FROM items_fts_terms WHERE term >= :low AND term < :high"),
                           {"low": folded, "high": upper}).all()
    return [_quoted(t) for t, _doc in rows], sum(doc for _t, doc in rows)


def fts_max_rows(session: Session) -> int:
    if FTS_MAX_ROWS is not None:
        return FTS_MAX_ROWS
    items = session.scalar(select(func.max(Item.id))) or 0  # ids grow by one per stored item
    return int(FTS_FACTOR * math.sqrt(PAGE * items))


def _sqlite_clause(session: Session, term: str, threshold: int) -> ColumnElement[bool]:
    grams, most = _vocabulary(session, term)
    if not grams:
        return false()  # some trigram of it is in no item
    if most > threshold:
        return _like(term)
    return _fts(" OR ".join(grams) if len(term) < MIN_TRIGRAM else grams[0])


def search_clause(query: str, session: Session) -> ColumnElement[bool]:
    terms = terms_of(query)
    if not terms:
        return true()
    if session.get_bind().dialect.name == "sqlite":
        threshold = fts_max_rows(session)
        return and_(*(_sqlite_clause(session, t, threshold) for t in terms))
    return and_(*(_postgres_clause(t) for t in terms))


# PostgreSQL: a page of search results is looked for among the items published in the newest month, then year,
# then all; migration 0009's index holds published_at beside the trigrams, so each try rechecks only the
# matching rows of its window (a common term fills its page in the first month; a rare one costs three index
# scans and its few rows).
SEARCH_WINDOWS = (timedelta(days=31), timedelta(days=366))


def search_windows(query: str, session: Session) -> list[datetime | None]:
    """The lower bounds of published_at to try in turn (None: no bound), for a search on PostgreSQL with a term
    the trigram index answers; otherwise just [None]."""
    if session.get_bind().dialect.name == "sqlite" or not any(len(t) >= MIN_TRIGRAM for t in terms_of(query)):
        return [None]
    newest = session.scalar(select(func.max(Item.published_at)))
    return [None] if newest is None else [*(newest - w for w in SEARCH_WINDOWS), None]


def _postgres_clause(term: str) -> ColumnElement[bool]:
    """ILIKE, which pg_trgm's index answers, for three characters or more. Two characters hold no trigram: the
    index would be read whole for them (seconds on 20,000 items, measured), so strpos, which no index
    serves, leaves the planner to read items newest first; a term with letters that have case is matched over
    lower() of both, as ILIKE and SQLite's trigram index match (Chinese has no case: lower() of each row's
    text would only cost time)."""
    expression = literal_column(SEARCH_EXPRESSION)
    if len(term) < MIN_TRIGRAM:
        if term.lower() == term.upper():
            return func.strpos(expression, term) > 0
        return func.strpos(func.lower(expression), term.lower()) > 0
    return expression.ilike(_like_pattern(term), escape="\\")
