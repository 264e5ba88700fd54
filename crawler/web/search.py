"""Substring search over title, 文号 and body, answered from the trigram index of migration 0007.

SQLite: FTS5 trigram MATCH for every term of three or more characters; shorter terms (a two-character Chinese
word such as 药品) cannot be trigrams and are matched with LIKE over the same columns. PostgreSQL: ILIKE on the
indexed expression, which pg_trgm answers for any length (two characters through a full index scan).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, literal_column, or_, select, text, true

from db.models import Item

# Must be the expression migration 0007 indexed, character for character, or PostgreSQL will not use the index.
SEARCH_EXPRESSION = "(coalesce(title, '') || ' ' || coalesce(doc_number, '') || ' ' || coalesce(body_text, ''))"
MIN_TRIGRAM = 3


def terms_of(query: str) -> list[str]:
    """Whitespace-separated terms, every one required; single characters are dropped (they match nearly all)."""
    return [t for t in dict.fromkeys(query.split()) if len(t) >= 2]


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _sqlite_clause(terms: list[str]) -> ColumnElement[bool]:
    long_terms = [t for t in terms if len(t) >= MIN_TRIGRAM]
    short_terms = [t for t in terms if len(t) < MIN_TRIGRAM]
    clauses: list[ColumnElement[bool]] = []
    if long_terms:
        match = " AND ".join(_fts_phrase(t) for t in long_terms)
        clauses.append(Item.id.in_(
            select(literal_column("rowid")).select_from(text("items_fts"))
            .where(text("items_fts MATCH :match").bindparams(match=match))
        ))
    for term in short_terms:
        pattern = _like_pattern(term)
        clauses.append(or_(Item.title.like(pattern, escape="\\"), Item.doc_number.like(pattern, escape="\\"),
                           Item.body_text.like(pattern, escape="\\")))
    return and_(*clauses)


def _postgres_clause(terms: list[str]) -> ColumnElement[bool]:
    expression = literal_column(SEARCH_EXPRESSION)
    return and_(*(expression.ilike(_like_pattern(t), escape="\\") for t in terms))


def search_clause(query: str, dialect: str) -> ColumnElement[bool]:
    terms = terms_of(query)
    if not terms:
        return true()
    return _sqlite_clause(terms) if dialect == "sqlite" else _postgres_clause(terms)
