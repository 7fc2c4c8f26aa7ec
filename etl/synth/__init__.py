"""Deterministic synthetic Discogs dumps in the 2025/2026 serialisation (docs/dump-format.md).

Every writer streams one record per line (no XML declaration, root element, records joined by
``\\n``), omits empty optional elements, and escapes text like Discogs does (``&amp; &lt; &gt;``,
CR as ``&#13;``, TAB as ``&#9;``, ``&quot;`` in attributes). Output is gzip when the path ends in
``.gz``. The same arguments always give the same bytes: randomness comes from
``random.Random(seed)`` and from a fixed integer hash, never from the clock or global state.

Cross-file references do not depend on the seeds, only on the sizes, so the four files written by
:func:`write_month` agree: release credits point at artists of the artists dump (plus unlinked
credits and artist 194 "Various", which that dump lacks, as in real data), release labels, series
and companies at labels, ``master_id`` at masters, and a master's ``main_release`` at the release
carrying that ``master_id`` with ``is_main_release="true"``.

Id spaces: artists ``1..n+1`` without 194; labels ``1..n`` (212 is the nameless "DO NOT USE"
label); masters ``1..n``; releases ``1..n``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

from etl.synth.entities import write_artists, write_labels, write_masters
from etl.synth.naming import NAMELESS_LABEL_ID as NAMELESS_LABEL_ID
from etl.synth.naming import VARIOUS_ID as VARIOUS_ID
from etl.synth.releases import write_releases

__all__ = ["write_artists", "write_labels", "write_masters", "write_month", "write_releases"]


def write_month(
    out_dir: Path,
    dump_date: str = "20260101",
    *,
    releases: int = 2000,
    seed: int = 7,
) -> list[Path]:
    """Write the four referentially consistent dumps of one month; return their paths.

    Files are ``discogs_<date>_{artists,labels,masters,releases}.xml.gz`` (in that order).
    Sizes follow ``releases``: artists = releases/2, labels = releases/8, masters = releases/7.
    """
    return [pth for pth, _ in _write_month(Path(out_dir), dump_date, releases, seed)]


def _write_month(out_dir: Path, dump_date: str, releases: int, seed: int) -> list[tuple[Path, int]]:
    """:func:`write_month` returning (path, XML bytes) pairs."""
    n_artists, n_labels, n_masters = (max(1, releases // d) for d in (2, 8, 7))
    n_masters = min(n_masters, releases)
    a, lb, m, r = (
        out_dir / f"discogs_{dump_date}_{kind}.xml.gz"
        for kind in ("artists", "labels", "masters", "releases")
    )
    return [
        (a, write_artists(a, n_artists, seed=seed * 4 + 1)),
        (lb, write_labels(lb, n_labels, seed=seed * 4 + 2)),
        (
            m,
            write_masters(
                m, n_masters, n_releases=releases, seed=seed * 4 + 3, n_artists=n_artists
            ),
        ),
        (
            r,
            write_releases(
                r,
                releases,
                seed=seed * 4 + 4,
                n_artists=n_artists,
                n_labels=n_labels,
                n_masters=n_masters,
            ),
        ),
    ]


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m etl.synth OUT_DIR [--releases N]``: write a month, print sizes and speed."""
    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--releases", type=int, default=2000)
    ap.add_argument("--date", default="20260101")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    written = _write_month(args.out_dir, args.date, args.releases, args.seed)
    dt = time.perf_counter() - t0
    for pth, xml in written:
        print(f"{pth}  {xml / 1e6:,.1f} MB XML, {pth.stat().st_size / 1e6:,.1f} MB gz")
    xml_total = sum(x for _, x in written)
    print(
        f"{args.releases:,} releases, {written[-1][1] / max(1, args.releases):,.0f} B XML per "
        f"release; {xml_total / 1e6:,.1f} MB XML in {dt:.1f} s ({xml_total / 1e6 / dt:.1f} MB/s)"
    )
