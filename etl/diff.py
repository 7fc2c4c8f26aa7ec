"""What changed between two snapshots: ids added, removed and changed (by record_hash).

Cheap by design: only the id and record_hash columns of the four top-level tables are read,
straight from the Parquet; no XML is touched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from etl.config import parquet_dir, validate_dump_date
from etl.errors import EtlError
from etl.snapshots import complete_snapshots, previous_snapshot

ENTITY_KEYS = {
    "releases": "release_id",
    "artists": "artist_id",
    "labels": "label_id",
    "masters": "master_id",
}
_EXAMPLES = 5


@dataclass
class EntityChanges:
    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0
    examples: dict[str, list[int]] = field(default_factory=dict)  # kind -> a few ids


@dataclass
class DiffStats:
    from_date: str
    to_date: str
    entities: dict[str, EntityChanges] = field(default_factory=dict)


def diff(data_dir: Path, from_date: str | None = None, to_date: str | None = None) -> DiffStats:
    """Compare two complete snapshots (default: the newest one against the one before it)."""
    dates = complete_snapshots(data_dir)
    to_date = validate_dump_date(to_date) if to_date else (dates[-1] if dates else None)
    if to_date is None:
        raise EtlError(f"no complete snapshot under {data_dir / 'parquet'}; run ingest first")
    from_date = validate_dump_date(from_date) if from_date else previous_snapshot(data_dir, to_date)
    if from_date is None:
        raise EtlError(
            f"no complete snapshot older than {to_date} to compare with; pass --from YYYYMMDD"
        )
    for date in (from_date, to_date):
        if date not in dates:
            raise EtlError(
                f"snapshot {date} is missing or incomplete under {data_dir / 'parquet'}; "
                f"complete snapshots: {', '.join(dates) or 'none'}"
            )
    stats = DiffStats(from_date, to_date)
    with duckdb.connect() as con:
        for entity, key in ENTITY_KEYS.items():
            stats.entities[entity] = _compare(con, data_dir, entity, key, from_date, to_date)
    return stats


def _compare(
    con: duckdb.DuckDBPyConnection, data_dir: Path, entity: str, key: str, old: str, new: str
) -> EntityChanges:
    def files(date: str) -> str:
        return str(parquet_dir(data_dir, date) / entity / "*.parquet")

    con.execute(
        f"""
        create or replace temp table delta as
        select coalesce(n.{key}, o.{key}) as id,
               case when o.{key} is null then 'added'
                    when n.{key} is null then 'removed'
                    when n.record_hash <> o.record_hash then 'changed'
                    else 'unchanged' end as kind
        from read_parquet(?) n full outer join read_parquet(?) o on n.{key} = o.{key}
        """,
        [files(new), files(old)],
    )
    counts = dict(con.execute("select kind, count(*) from delta group by kind").fetchall())
    examples = con.execute(
        f"select kind, list(id order by id)[1:{_EXAMPLES}] from delta "
        "where kind <> 'unchanged' group by kind"
    ).fetchall()
    return EntityChanges(
        added=counts.get("added", 0),
        removed=counts.get("removed", 0),
        changed=counts.get("changed", 0),
        unchanged=counts.get("unchanged", 0),
        examples={kind: ids for kind, ids in examples},
    )
