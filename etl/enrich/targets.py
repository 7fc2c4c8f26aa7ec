"""What to fetch: built-in selections over the warehouse, a file of ids, or any SQL query.

Targets fetched more recently than --max-age days are skipped, so a rerun (after a kill, say)
continues where the last one stopped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.enrich.store import table_glob
from etl.errors import EtlError

ENDPOINTS = {
    "release": "/releases/{}",
    "master": "/masters/{}",
    "artist": "/artists/{}",
    "label": "/labels/{}",
}
BULK = {
    "master-versions": ("master", "master_versions", "/masters/{}/versions"),
    "label-releases": ("label", "label_releases", "/labels/{}/releases"),
}


@dataclass(frozen=True)
class Target:
    entity: str
    id: int
    endpoint: str  # release | master | artist | label | master_versions | label_releases
    path: str  # without query string

    @property
    def paged(self) -> bool:
        return self.endpoint in ("master_versions", "label_releases")


def entity_target(entity: str, entity_id: int) -> Target:
    return Target(entity, entity_id, entity, ENDPOINTS[entity].format(entity_id))


# Each selection: SQL over the warehouse returning (entity, id) in fetch order. {fresh} is a
# subquery of (entity, id, endpoint, last fetch) from the enrich responses.
_MISSING = """
with refs as ({refs}),
missing as (select distinct id from refs where id is not null
            except select {key} from {table}),
fresh as ({fresh})
select '{entity}', m.id from missing m
left join fresh f on f.entity = '{entity}' and f.id = m.id and f.endpoint = '{entity}'
where f.last is null or f.last < now() - to_days(?::integer)
order by f.last nulls first, m.id
"""

SELECTIONS = {
    "releases": """
with fresh as ({fresh})
select 'release', r.release_id from releases r
left join fresh f on f.entity = 'release' and f.id = r.release_id and f.endpoint = 'release'
where f.last is null or f.last < now() - to_days(?::integer)
order by f.last nulls first, r.release_id
""",
    "missing-masters": _MISSING.format(
        refs="select master_id as id from releases",
        key="master_id",
        table="masters",
        entity="master",
        fresh="{fresh}",
    ),
    "missing-labels": _MISSING.format(
        refs="select label_id as id from release_labels",
        key="label_id",
        table="labels",
        entity="label",
        fresh="{fresh}",
    ),
    "missing-artists": _MISSING.format(
        refs="select artist_id as id from release_artists union all "
        "select artist_id from release_extraartists union all "
        "select artist_id from release_track_artists union all "
        "select artist_id from release_track_extraartists union all "
        "select artist_id from master_artists",
        key="artist_id",
        table="artists",
        entity="artist",
        fresh="{fresh}",
    ),
    "master-versions": """
with fresh as ({fresh})
select 'master', m.master_id from masters m
left join fresh f on f.entity = 'master' and f.id = m.master_id
    and f.endpoint = 'master_versions'
where f.last is null or f.last < now() - to_days(?::integer)
order by f.last nulls first, m.master_id
""",
    "label-releases": """
with fresh as ({fresh})
select 'label', l.label_id from labels l
left join fresh f on f.entity = 'label' and f.id = l.label_id and f.endpoint = 'label_releases'
where f.last is null or f.last < now() - to_days(?::integer)
order by f.last nulls first, l.label_id
""",
}


def select_targets(
    con: duckdb.DuckDBPyConnection,
    data_dir: Path,
    *,
    select: str | None = None,
    ids_file: Path | None = None,
    query: str | None = None,
    max_age: int = 30,
    limit: int | None = None,
) -> list[Target]:
    """The targets of one run, in fetch order, fresh ones left out."""
    # When each (entity, id, endpoint) was last fetched completely: a list endpoint counts
    # only once every page of it is stored.
    fresh = (
        "select entity, id, endpoint, max(fetched_at) as last "
        f"from read_parquet('{_literal(table_glob(data_dir, 'responses'))}') "
        "group by entity, id, endpoint "
        "having count(distinct page) >= coalesce(max(pages), 1)"
    )
    if query is not None or ids_file is not None:
        pairs = _pairs_from_query(con, query) if query else _pairs_from_file(ids_file)
        recent = set(
            con.execute(
                f"select entity, id from ({fresh}) "
                "where endpoint = entity and last >= now() - to_days(?::integer)",
                [max_age],
            ).fetchall()
        )
        targets = [entity_target(e, i) for e, i in pairs if (e, i) not in recent]
    else:
        name = select or "releases"
        if name not in SELECTIONS:
            raise EtlError(f"unknown selection {name!r}; choose one of {', '.join(SELECTIONS)}")
        sql = SELECTIONS[name].replace("{fresh}", fresh)
        rows = con.execute(sql, [max_age]).fetchall()
        if name in BULK:
            _, endpoint, path = BULK[name]
            targets = [Target(e, i, endpoint, path.format(i)) for e, i in rows]
        else:
            targets = [entity_target(e, i) for e, i in rows]
    return targets[:limit] if limit is not None else targets


def _literal(text: str) -> str:
    return text.replace("'", "''")


def _pairs_from_query(con: duckdb.DuckDBPyConnection, query: str) -> list[tuple[str, int]]:
    try:
        rows = con.execute(query).fetchall()
    except duckdb.Error as exc:
        raise EtlError(f"--query failed: {str(exc).splitlines()[0]}") from None
    return [_pair(row, f"--query row {n}") for n, row in enumerate(rows, 1)]


def _pairs_from_file(path: Path | None) -> list[tuple[str, int]]:
    assert path is not None
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EtlError(f"{path}: cannot read the ids file ({exc.strerror})") from None
    return [
        _pair(tuple(line.replace(",", " ").split()), f"{path} line {n}")
        for n, line in enumerate(lines, 1)
        if line.strip() and not line.startswith("#")
    ]


def _pair(row: tuple[object, ...], where: str) -> tuple[str, int]:
    """(entity, id) from a row of (id) or (entity, id); a bare id is a release."""
    entity, value = ("release", row[0]) if len(row) == 1 else (str(row[0]), row[1])
    if entity not in ENDPOINTS or len(row) > 2:
        raise EtlError(
            f"{where}: expected 'ID' or 'ENTITY ID' (entity one of "
            f"{', '.join(ENDPOINTS)}), got {row!r}"
        )
    try:
        return entity, int(str(value))
    except ValueError:
        raise EtlError(f"{where}: {value!r} is not an id") from None
