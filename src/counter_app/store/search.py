"""Dossier search helpers that differ per backend: owner-name word-prefix search, query plans
for "newest first, at most N", dossier-code prefixes.

Owner names are searched on ``dossier.owner_name_folded`` (domain.text.fold of the name:
"Nguyễn Văn Ấn" -> "nguyen van an"). A name query is a set of tokens; a dossier matches when
every token is the prefix of a word of its folded owner name, in any order ("van an" and
"an nguyen" find "Nguyễn Văn Ấn"; "nguyen van b" does not find "Nguyễn Văn An"). The index
is kept current by the database itself, so that every writer is covered (receive_dossier,
sync, scripts, manual repairs):

- SQLite: ``dossier_name_fts``, an FTS5 *external-content* table over
  dossier.owner_name_folded keyed by the dossier's rowid (unicode61 tokenizer;
  ``detail=none``, no phrase query is ever asked; prefix indexes for 1 to 7 letters, which
  covers every Vietnamese syllable: without them a prefix query such as "nguyen"* merges the
  whole 400,000-entry doclist on each search), kept current by AFTER INSERT / DELETE /
  UPDATE OF owner_name_folded triggers on dossier. Queried with ``"nguyen"* AND "an"*``.
- PostgreSQL: ``ix_dossier_owner_name_prefixes``, a GIN index on
  ``counter_app_name_prefixes(owner_name_folded)``, an IMMUTABLE SQL function giving every
  prefix of every word ("nguyen an" -> {n, ng, …, nguyen, a, an}); queried with
  ``@> ARRAY['nguyen', 'an']``. This, not to_tsvector/to_tsquery('nguyen:*'), because a
  tsquery prefix term is a GIN *partial match*: it collects the whole posting list of
  "nguyen" (40 % of the table) on every search, 50–300 ms on 1,000,000 dossiers, while exact
  array elements get GIN's fast scan (the rare word skips through the common one).

Tokens are ``[a-z0-9]+`` runs and reach the database only as bound parameters, so nothing
typed can change the shape of an FTS5 MATCH expression, an array or a regular expression.

Newest first, at most N (newest_with_name, walk_condition, no_index). A search returns the
newest `limit` matches. When a condition holds for few rows, the rows are collected through
its index and sorted; when it holds for many ("nguyen" alone), it is cheaper to walk dossier
newest first through the received_at index, testing each row, until `limit` rows are found.
The walk costs ~limit * N / matches rows, the collection ~matches rows: they meet near
sqrt(limit * N). Planners get this wrong here — SQLite has no statistics on a site database
(nobody runs ANALYZE), PostgreSQL prices the per-row cost of the prefix function and the
random heap reads of a bitmap scan poorly — so the choice is made explicitly: SQLite from the
matching rowids read from the FTS5 index (no table access; reused to collect), PostgreSQL
from the planner's row estimate (EXPLAIN, ~1 ms). A walk is bounded, so a wrong estimate
(correlated words: "ngo thi van" is far rarer than "thi" and "van" suggest) costs one short
walk, then the matches are collected.

The schema objects come from migration 0005 (``install_name_search`` recreates them); they
are not SQLAlchemy models, so Alembic autogenerate must be told to leave them alone: pass
``include_name`` below to ``context.configure(include_name=...)`` /
``MigrationContext.configure(opts={"include_name": ...})``.

SQLite caveat. The FTS table is keyed by dossier's implicit rowid (its primary key is a UUID).
``VACUUM`` may renumber implicit rowids, and an Alembic batch-mode rebuild of the dossier table
(``batch_alter_table("dossier")`` on SQLite) drops its triggers and renumbers the rows. A
migration that rebuilds the dossier table must call ``install_name_search(connection)``
afterwards (idempotent: recreates what is missing and rebuilds the index); after a VACUUM call
``rebuild_name_search``. tests/store/test_migration_search.py checks the objects are in place
at head.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql import operators
from sqlalchemy.sql.elements import ClauseElement, UnaryExpression
from sqlalchemy.sql.expression import Executable

from counter_app.store.models import Dossier

FTS_TABLE = "dossier_name_fts"
SQLITE_TRIGGERS = ("dossier_name_fts_ai", "dossier_name_fts_ad", "dossier_name_fts_au")
PG_PREFIX_FUNCTION = "counter_app_name_prefixes"
PG_NAME_INDEX = "ix_dossier_owner_name_prefixes"
SQLITE_MATCH_FUNCTION = "counter_app_words_match"

# Collect-and-sort below this many (estimated) matches, walk newest first above. Measured on
# 1,000,000 dossiers (tests/bench/bench_search.py): SQLite collects a match by rowid in ~5 µs
# and walks ~0.8 µs a row; PostgreSQL collects a match through the GIN bitmap in ~5–10 µs
# (random heap pages) and walks ~1.5 µs a row (pages in insertion order, a regex per token).
SQLITE_DENSE_MATCHES = 5_000
PG_DENSE_MATCHES = 6_000
# A walk newest first covers at most this many dossiers before collecting the matches instead.
WALK_MIN_ROWS = 2_000
WALK_MAX_ROWS = 50_000

# FTS5 shadow tables: <name>_data, _idx, _config, _docsize (absent with columnsize=0), _content.
_FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_config", "_docsize", "_content")

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_WORD_RE = re.compile(r"[^\W_]+")
_CODE_PREFIX_RE = re.compile(r"[0-9A-Z.\-]+")
_BYTEWISE_COLLATIONS = {"C", "POSIX", "C.UTF-8", "C.UTF8"}

_SQLITE_INSTALL = (
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        owner_name_folded, content='dossier', tokenize='unicode61', prefix='1 2 3 4 5 6 7',
        detail=none, columnsize=0)""",
    f"""CREATE TRIGGER IF NOT EXISTS dossier_name_fts_ai AFTER INSERT ON dossier BEGIN
        INSERT INTO {FTS_TABLE}(rowid, owner_name_folded) VALUES (new.rowid, new.owner_name_folded);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS dossier_name_fts_ad AFTER DELETE ON dossier BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, owner_name_folded)
            VALUES ('delete', old.rowid, old.owner_name_folded);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS dossier_name_fts_au AFTER UPDATE OF owner_name_folded ON dossier BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, owner_name_folded)
            VALUES ('delete', old.rowid, old.owner_name_folded);
        INSERT INTO {FTS_TABLE}(rowid, owner_name_folded) VALUES (new.rowid, new.owner_name_folded);
    END""",
)
_PG_INSTALL = (
    f"""CREATE OR REPLACE FUNCTION {PG_PREFIX_FUNCTION}(name text) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
            SELECT coalesce(array_agg(DISTINCT left(w, n)), '{{}}')
            FROM regexp_split_to_table(name, '[^a-z0-9]+') AS w, generate_series(1, length(w)) AS n
            WHERE w <> ''
        $$""",
    f"CREATE INDEX IF NOT EXISTS {PG_NAME_INDEX} ON dossier USING gin ({PG_PREFIX_FUNCTION}(owner_name_folded))",
)


# --- schema objects (the migration's, for repairs and later migrations) -----------------------


def install_name_search(conn: sa.Connection) -> None:
    """Create the name-search objects of conn's backend if missing and (re)build the index
    from the dossiers already there. Idempotent."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        for statement in _SQLITE_INSTALL:
            conn.exec_driver_sql(statement)
        rebuild_name_search(conn)
    elif dialect == "postgresql":
        for statement in _PG_INSTALL:
            conn.exec_driver_sql(statement)
    else:  # pragma: no cover - only the two supported backends
        raise NotImplementedError(f"no name search for {dialect}")


def uninstall_name_search(conn: sa.Connection) -> None:
    """Drop the name-search objects of conn's backend (the data stays in dossier)."""
    dialect = conn.dialect.name
    if dialect == "sqlite":
        for trigger in SQLITE_TRIGGERS:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif dialect == "postgresql":
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {PG_NAME_INDEX}")
        conn.exec_driver_sql(f"DROP FUNCTION IF EXISTS {PG_PREFIX_FUNCTION}(text)")
    else:  # pragma: no cover
        raise NotImplementedError(f"no name search for {dialect}")


def rebuild_name_search(conn: sa.Connection) -> None:
    """Rebuild the name index from dossier (SQLite: after a VACUUM or a table rebuild)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"REINDEX INDEX {PG_NAME_INDEX}")


def name_search_objects(conn: sa.Connection) -> set[str]:
    """Names of the name-search objects present in conn's database (for checks and tests)."""
    if conn.dialect.name == "sqlite":
        rows = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE (type = 'table' AND name = ?) "
            "OR (type = 'trigger' AND tbl_name = 'dossier' AND name LIKE 'dossier~_name~_fts~_%' ESCAPE '~')",
            (FTS_TABLE,),
        ).scalars()
        return set(rows)
    rows = conn.execute(
        sa.text(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname = :index "
            "UNION ALL SELECT proname FROM pg_proc WHERE proname = :function "
            "AND pronamespace = current_schema()::regnamespace"
        ),
        {"index": PG_NAME_INDEX, "function": PG_PREFIX_FUNCTION},
    ).scalars()
    return set(rows)


def include_name(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Alembic ``include_name`` hook: keep autogenerate away from the name-search objects
    (the FTS5 table and its shadow tables, the GIN index), which no model declares."""
    if name is None:
        return True
    if type_ == "table":
        return not (name == FTS_TABLE or any(name == FTS_TABLE + s for s in _FTS_SHADOW_SUFFIXES))
    if type_ == "index":
        return name != PG_NAME_INDEX
    return True


# --- name search ---------------------------------------------------------------------------------


def search_tokens(folded: str) -> tuple[str, ...]:
    """The tokens of an already folded query: its ``[a-z0-9]+`` runs (anything else separates
    words, as in the indexes), without duplicates and without tokens that are the prefix of
    another token (implied by it: "n nguyen" asks no more than "nguyen"). Sorted."""
    unique = set(_TOKEN_RE.findall(folded))
    return tuple(sorted(t for t in unique if not any(o != t and o.startswith(t) for o in unique)))


def words_match(folded_name: str | None, tokens: str) -> bool:
    """True when every space-separated token of `tokens` is the prefix of a word of folded_name
    (the indexes' test, in Python: SQLite's walk uses it)."""
    if not folded_name:
        return False
    words = _WORD_RE.findall(folded_name)
    return all(any(w.startswith(t) for w in words) for t in tokens.split())


class _Explain(Executable, ClauseElement):
    """EXPLAIN (FORMAT JSON) <select> (PostgreSQL), with the select's bound parameters."""

    inherit_cache = False

    def __init__(self, stmt: sa.Select) -> None:
        self.stmt = stmt


@compiles(_Explain, "postgresql")
def _compile_explain(element: _Explain, compiler, **kw) -> str:
    return "EXPLAIN (FORMAT JSON) " + compiler.process(element.stmt, **kw)


def _pg_estimated_matches(session: Session, tokens: Sequence[str], conditions: Sequence[sa.ColumnElement[bool]]) -> int:
    """The planner's estimate of the dossiers with the name tokens and the conditions (array
    element statistics of the index expression, kept by ANALYZE/autovacuum): planning only."""
    stmt = sa.select(sa.literal(1)).select_from(Dossier).where(_pg_prefixes_contain(tokens), *conditions)
    plan = session.execute(_Explain(stmt)).scalar_one()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


def _sqlite_name_rowids(session: Session, tokens: Sequence[str]) -> list[int]:
    """rowids of the dossiers with the name tokens, from the FTS5 index alone (no table
    access), at most SQLITE_DENSE_MATCHES of them."""
    return list(session.execute(
        sa.text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q LIMIT :cap"),
        {"q": _fts5_query(tokens), "cap": SQLITE_DENSE_MATCHES},
    ).scalars())


def _fts5_query(tokens: Sequence[str]) -> str:
    return " AND ".join(f'"{t}"*' for t in tokens)


def _pg_prefixes_contain(tokens: Sequence[str]) -> sa.ColumnElement[bool]:
    return getattr(sa.func, PG_PREFIX_FUNCTION)(Dossier.owner_name_folded).op("@>")(
        sa.bindparam("name_prefixes", list(tokens), type_=postgresql.ARRAY(sa.Text))
    )


def _indexed_name_condition(session: Session, tokens: Sequence[str], rowids: list[int] | None) -> sa.ColumnElement[bool]:
    """The name test answered by the index, for collecting few matches (SQLite: the rowids
    already found, when they are all of them)."""
    if _dialect(session) == "sqlite":
        rowid = sa.literal_column("dossier.rowid")
        if rowids is not None:
            return rowid.in_(sa.select(sa.literal_column("value")).select_from(
                sa.func.json_each(sa.bindparam("name_rowids", json.dumps(rowids)))
            ))
        fts = sa.table(FTS_TABLE, sa.column("rowid"))
        return rowid.in_(sa.select(fts.c.rowid).where(
            sa.literal_column(FTS_TABLE).op("MATCH")(sa.bindparam("name_fts", _fts5_query(tokens)))
        ))
    return _pg_prefixes_contain(tokens)


def _row_name_condition(session: Session, tokens: Sequence[str]) -> sa.ColumnElement[bool]:
    """The same test on each row, for walking. SQLite: every token somewhere in the name
    (instr, a quick necessary test), then a Python function (words_match); PostgreSQL: string
    positions, and a regular expression only for the rare names with other separators than
    spaces — far cheaper than the prefix function."""
    if _dialect(session) == "sqlite":
        raw = session.connection().connection.driver_connection
        raw.create_function(SQLITE_MATCH_FUNCTION, 2, lambda n, t: int(words_match(n, t)), deterministic=True)
        return sa.and_(
            *(sa.func.instr(Dossier.owner_name_folded, sa.bindparam(f"name_part_{i}", t)) > 0
              for i, t in enumerate(tokens)),
            getattr(sa.func, SQLITE_MATCH_FUNCTION)(Dossier.owner_name_folded, " ".join(tokens)) == 1,
        )
    name = Dossier.owner_name_folded
    return sa.and_(*(
        # Exactly "t begins a word": after a space (strpos, cheap), or else, when t is in the
        # name at all (strpos again), after another separator (the regular expression, rare).
        sa.or_(
            sa.func.strpos(sa.literal(" ") + name, sa.bindparam(f"name_word_{i}", " " + t)) > 0,
            sa.and_(
                sa.func.strpos(name, sa.bindparam(f"name_part_{i}", t)) > 0,
                name.op("~")(sa.bindparam(f"name_regex_{i}", f"(^|[^a-z0-9]){t}")),
            ),
        )
        for i, t in enumerate(tokens)
    ))


def _table_rows(session: Session) -> int:
    if _dialect(session) == "sqlite":
        return session.execute(sa.text("SELECT coalesce(max(rowid), 0) FROM dossier")).scalar_one()
    return max(0, int(session.execute(
        sa.text("SELECT reltuples FROM pg_class WHERE oid = 'dossier'::regclass")
    ).scalar_one()))


def _walk_cutoff(session: Session, rows: int) -> Any:
    """received_at of the rows-th newest dossier (None: fewer dossiers than that)."""
    return session.execute(
        sa.select(Dossier.received_at).order_by(Dossier.received_at.desc()).offset(rows - 1).limit(1)
    ).scalar_one_or_none()


def newest_with_name(
    session: Session,
    columns: Sequence[Any],
    conditions: Sequence[sa.ColumnElement[bool]],
    tokens: Sequence[str],
    limit: int,
) -> list[sa.Row]:
    """The newest `limit` dossiers (selecting `columns`) that satisfy `conditions` and whose
    folded owner name has a word beginning with each token, newest received first.

    Few matches (SQLite: fewer than SQLITE_DENSE_MATCHES found in the FTS index; PostgreSQL:
    planner's estimate under PG_DENSE_MATCHES): collected through the name index and sorted.
    Many: dossier is walked newest first, each row tested, but only over the newest W rows
    (twice what the estimate says is needed, 2,000–50,000); when that walk finds fewer than
    `limit` (the estimate was wrong: correlated words such as "thi" and "van" in "ngo thi van",
    or a restrictive filter), the matches are collected instead. So a wrong estimate costs one
    bounded walk, never a walk through the whole table."""
    if not tokens:
        raise ValueError("a name search needs at least one token")
    rowids: list[int] | None = None
    if _dialect(session) == "sqlite":
        found = _sqlite_name_rowids(session, tokens)
        estimate, dense = len(found), len(found) >= SQLITE_DENSE_MATCHES
        if not dense:
            rowids = found
    else:
        estimate = _pg_estimated_matches(session, tokens, conditions)
        dense = estimate >= PG_DENSE_MATCHES
    if dense:
        walk = min(WALK_MAX_ROWS, max(WALK_MIN_ROWS, 2 * limit * _table_rows(session) // max(estimate, 1)))
        cutoff = _walk_cutoff(session, walk)
        bound = [] if cutoff is None else [Dossier.received_at >= cutoff]
        stmt = (
            sa.select(*columns)
            .where(*conditions, *bound, _row_name_condition(session, tokens))
            .order_by(newest_first(session, walk=True))
            .limit(limit)
        )
        rows = list(session.execute(stmt).all())
        if len(rows) >= limit or cutoff is None:
            return rows
    stmt = (
        sa.select(*columns)
        .where(*conditions, _indexed_name_condition(session, tokens, rowids))
        .order_by(newest_first(session, walk=False))
        .limit(limit)
    )
    return list(session.execute(stmt).all())


def newest_first(session: Session, walk: bool = True) -> sa.ColumnElement[Any]:
    """ORDER BY term, newest received first. walk=True lets the planner walk the received_at
    index; walk=False hides it, so that the matches of a selective condition are collected
    through their own index and sorted."""
    if walk:
        return Dossier.received_at.desc()
    if _dialect(session) == "sqlite":
        return _no_index(Dossier.received_at).desc()
    return Dossier.received_at.op("+")(sa.literal_column("interval '0'")).desc()


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


# --- other conditions ----------------------------------------------------------------------------


def _no_index(column: Any) -> sa.ColumnElement[Any]:
    # SQLite: "+column" has the column's value but is not a column reference, so the planner
    # does not use the column's index for it.
    return UnaryExpression(column.expression, operator=operators.custom_op("+"), type_=column.type)


def walk_condition(session: Session, column: Any, build: Callable[[Any], sa.ColumnElement[bool]]) -> sa.ColumnElement[bool]:
    """build(column), for a query ordered newest first with a LIMIT.

    PostgreSQL plans with statistics: build(column) as is. SQLite: if the condition holds for
    many rows (SQLITE_DENSE_MATCHES or more, counted through column's index), the column's
    index is hidden from the planner, so that it walks the dossiers newest first instead of
    collecting and sorting a large part of the table."""
    condition = build(column)
    if session.get_bind().dialect.name != "sqlite":
        return condition
    probe = sa.select(sa.literal(1)).select_from(Dossier).where(condition).limit(SQLITE_DENSE_MATCHES).subquery()
    matches = session.execute(sa.select(sa.func.count()).select_from(probe)).scalar_one()
    return condition if matches < SQLITE_DENSE_MATCHES else build(_no_index(column))


def no_index(session: Session, column: Any) -> Any:
    """column, or on SQLite "+column" so that its index is not used (for a condition that holds
    for most rows, such as "due before now")."""
    return _no_index(column) if session.get_bind().dialect.name == "sqlite" else column


def code_prefix_condition(session: Session, prefix: str) -> sa.ColumnElement[bool]:
    """Dossier codes starting with prefix (upper-case letters, digits, '.' and '-' only)."""
    if not _CODE_PREFIX_RE.fullmatch(prefix):
        raise ValueError("a code prefix holds only upper-case letters, digits, '.' and '-'")
    if session.get_bind().dialect.name == "sqlite":
        # GLOB is case-sensitive, so SQLite answers it from the code's unique index
        # (a LIKE would not be); the prefix holds no GLOB wildcard.
        return Dossier.code.op("GLOB")(prefix + "*")
    condition = Dossier.code.like(prefix + "%")  # no LIKE wildcard in the prefix either
    if _pg_bytewise_collation(session):
        # PostgreSQL uses a b-tree for LIKE only under the "C" collation; a range does the
        # same under any collation that orders by code point, as C.UTF-8 does.
        condition = sa.and_(Dossier.code >= prefix, Dossier.code < prefix[:-1] + chr(ord(prefix[-1]) + 1), condition)
    return condition


def _pg_bytewise_collation(session: Session) -> bool:
    row = session.execute(
        sa.text("SELECT * FROM pg_database WHERE datname = current_database()")
    ).mappings().one()
    provider = row.get("datlocprovider", "c")
    return provider == "c" and str(row["datcollate"]).upper() in {c.upper() for c in _BYTEWISE_COLLATIONS}
