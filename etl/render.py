"""Results as people read them: one-line summaries, text tables, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from etl.diff import DiffStats
from etl.parse import ParseStats
from etl.warehouse import QueryResult


def render_diff(stats: DiffStats) -> str:
    lines = [f"changes {stats.from_date} -> {stats.to_date}:"]
    lines.append(f"  {'entity':<10}{'added':>10}{'removed':>10}{'changed':>10}{'unchanged':>12}")
    for entity, c in stats.entities.items():
        lines.append(
            f"  {entity:<10}{c.added:>10,}{c.removed:>10,}{c.changed:>10,}{c.unchanged:>12,}"
        )
    return "\n".join(lines)


def render(result: QueryResult, fmt: str) -> str:
    """A query result as an aligned text table, CSV or JSON."""
    if fmt == "json":
        records = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        return json.dumps(records, ensure_ascii=False, default=str, indent=1) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(result.rows)
        return buffer.getvalue()
    cells = [[_cell(value) for value in row] for row in result.rows]
    widths = [
        max([_width(c), *(_width(row[i]) for row in cells)]) for i, c in enumerate(result.columns)
    ]
    lines = [
        "  ".join(_pad(c, w) for c, w in zip(result.columns, widths, strict=True)),
        "  ".join("-" * w for w in widths),
        *("  ".join(_pad(v, w) for v, w in zip(row, widths, strict=True)) for row in cells),
        f"({len(cells)} row{'s' if len(cells) != 1 else ''})",
    ]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _width(text: str) -> int:
    """Terminal columns: East Asian wide characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _cell(value: object) -> str:
    if value is None:
        return "NULL"
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def summary(stats: ParseStats) -> str:
    """One line: what was parsed, how much, how fast, where it went."""
    drift = f", {len(stats.unknown)} unknown element/attribute kinds" if stats.unknown else ""
    return (
        f"{stats.dump_type}s {stats.dump_date}: {stats.records:,} records, "
        f"{sum(stats.rows.values()):,} rows in {len(stats.rows)} tables, "
        f"{stats.quarantined:,} quarantined{drift}; {stats.xml_bytes / 1e6:,.1f} MB XML in "
        f"{stats.seconds:.1f} s ({stats.xml_mb_per_second:.1f} MB/s) -> {stats.output_dir}"
    )
