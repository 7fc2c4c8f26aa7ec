"""A synthetic Parquet snapshot of a whole Discogs month, written straight from DuckDB SQL.

Usage::

    .venv/bin/python bench/snapshot_gen.py [--releases N] [--out DIR] [--no-check]

It writes ``<out>/parquet/<dump_date>/<table>/part-0.parquet`` for every table of
``etl.schemas.ALL_TABLES`` plus the four run reports ``reports/<type>.json`` (and empty
``quarantine/<type>.jsonl``), i.e. what four ``discogs-etl parse`` runs would publish, without
any XML. Built in a hidden directory and renamed into place when complete.

Shape, for N releases: ~N/2 artists (id 194 "Various" is credited but, as in the real dumps,
absent from the artists table; every 9th artist is a group with members), N/8 labels (a quarter
with a parent of lower id, so the hierarchy is acyclic; ``label_sublabels`` mirrors it), N//7
masters (master m's main release lies in the id block ``7m-6 .. 7m`` and carries
``master_id = m, is_main_release = true``; ~45% of the other releases are versions of a master
drawn with a heavy tail). Per release on average: ~10 tracks (box sets make a heavy tail; some
headings and index tracks with sub-tracks), ~1.2 main artists, ~5 extra artists and ~5 track
extra artists with real role strings, ~1.2 labels, ~1.1 formats, 1-3 of the 15 genres with
styles of the first genre, ``released`` in 1950-2025 with ~7% NULL years.

Values come from DuckDB's ``hash()`` chained over (id, salt), so the same N and DuckDB version
give the same data; no clock or global random state is used for values (``random()`` appears
only in an always-true CASE, see :func:`_project`).
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from etl.schemas import ALL_TABLES, TABLES_BY_DUMP  # noqa: E402

DUMP_DATE = "20260101"
VARIOUS_ID = 194
GENERATOR = "bench/snapshot_gen.py"

# --------------------------------------------------------------------------- vocabulary
# (value, weight) pairs are expanded into SQL list literals and indexed by a hash in [0, 1).
# fmt: off
_FIRST = (
    "John", "Paul", "Mark", "David", "Michael", "Peter", "Chris", "Steve", "Richard", "Tom",
    "Anna", "Maria", "Laura", "Sarah", "Emma", "Julia", "Claire", "Nina", "José", "François",
    "Björn", "Søren", "Zoë", "Jürgen", "Łukasz", "Jiří", "DJ", "MC", "Lil'", "Dr.", "Kid",
    "King", "Lady", "Carlos", "Kenji", "Luca", "Jan", "Ahmed", "Fela", "Miles", "Иван", "坂本",
)
_LAST = (
    "Smith", "Johnson", "Brown", "Miller", "Davis", "Wilson", "Moore", "Taylor", "Anderson",
    "Jackson", "White", "Harris", "Martin", "Garcia", "Clark", "Lewis", "Walker", "Young",
    "Müller", "Schröder", "Dahlbäck", "Jónsson", "Nuñez", "Lefèvre", "Østergaard", "Dvořák",
    "O'Brien", "McCartney", "Van Der Berg", "De La Cruz", "D'Angelo", "Sakamoto", "Kuti",
    "Larsen", "Virtanen", "Novak", "Rossi", "Bauer", "Петров", "龍一",
)
_BAND_ADJ = (
    "Black", "Electric", "Silver", "Velvet", "Neon", "Golden", "Crimson", "Lost", "Dark",
    "Broken", "Cosmic", "Digital", "Wild", "Secret", "Frozen", "Sonic", "Atomic", "Royal",
    "Liquid", "Infinite", "Urban", "Schwarze", "Les Petits", "Électrique", "Ночные", "東京",
)
_BAND_NOUN = (
    "Machines", "Orchestra", "Collective", "Sound System", "Brothers", "Sisters", "Quartet",
    "Trio", "Ensemble", "Project", "Experience", "Underground", "Allstars", "Crew", "Society",
    "Band", "Dreams", "Hearts", "Ghosts", "Wolves",
)
_LABEL_WORD = (
    "Warp", "Atlantic", "Island", "Blue Note", "Motown", "Factory", "Mute", "Rough Trade",
    "Sub Pop", "Kompakt", "Tresor", "Ninja Tune", "Stax", "Chess", "Trojan", "Ariola", "Polydor",
    "Columbia", "Decca", "Philips", "Melodiya", "Toshiba", "Virgin", "Elektra", "Epic", "Sire",
    "Metronome", "Supraphon", "Amiga", "Odeon", "Harvest", "Vertigo", "Nonesuch", "ECM",
)
_LABEL_SUFFIX = ("Records", "Recordings", "Music", "Schallplatten", "Disques", "Sound", "Tonträger")
_WORDS = (
    "Love", "Night", "Dance", "Time", "Heart", "Dream", "World", "Life", "Fire", "Light",
    "Blue", "Summer", "City", "Rain", "Gold", "Moon", "Sun", "Star", "Road", "Home", "Girl",
    "Boy", "Soul", "Music", "Baby", "Freedom", "Paradise", "Shadow", "Electric", "Midnight",
    "Of", "The", "In", "On", "My", "Your", "All", "No", "One", "Two", "Liebe", "Nacht", "Amour",
    "Corazón", "Любовь", "夜", "Tanz", "Ciel", "Sueño",
)
_TITLE_SUFFIX = (
    " (Original Mix)", " (Radio Edit)", " (Extended Version)", " (Live)", " (Remix)", " (Dub)",
    " (Instrumental)", " (Remastered)", " (12\" Version)", " - Part 1", " [Bonus Track]",
)
_ROLES = (
    ("Written-By", 30), ("Producer", 12), ("Composed By", 5), ("Vocals", 5), ("Music By", 5),
    ("Remix", 5), ("Lyrics By", 4), ("Guitar", 4), ("Drums", 4), ("Bass", 3),
    ("Mastered By", 3), ("Lead Vocals", 3), ("Engineer", 3), ("Featuring", 3),
    ("Arranged By", 3), ("Mixed By", 3), ("Backing Vocals", 2), ("Piano", 2), ("Recorded By", 2),
    ("Performer", 2), ("Executive-Producer", 2), ("Photography By", 2), ("Keyboards", 1),
    ("Design", 1), ("Engineer [Assistant]", 1), ("Violin", 1), ("Written-By, Producer", 1),
    ("Co-producer", 1), ("Remix, Producer [Additional]", 1), ("Art Direction", 1),
    ("Lacquer Cut By", 1), ("Producer, Arranged By, Mixed By", 1), ("Liner Notes", 1),
)
_TRACK_ROLES = (
    ("Written-By", 40), ("Producer", 10), ("Remix", 10), ("Featuring", 8), ("Vocals", 6),
    ("Lyrics By", 5), ("Music By", 5), ("Arranged By", 3), ("Mixed By", 3), ("Composed By", 5),
    ("Remix, Producer [Additional]", 2), ("Conductor", 1), ("Orchestra", 1), ("Performer", 1),
)
_JOINS = ((",", 40), ("&", 20), ("Feat.", 10), ("/", 5), ("And", 5), ("vs.", 5), ("With", 2),
          ("+", 2), ("Presents", 1))
# the 15 genres of Discogs, each with a few of its styles
_GENRES: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    ("Electronic", 30, ("House", "Deep House", "Techno", "Tech House", "Electro", "Synth-pop",
                        "Ambient", "Downtempo", "Trance", "Experimental", "Drum n Bass")),
    ("Rock", 25, ("Pop Rock", "Alternative Rock", "Punk", "Indie Rock", "Hard Rock",
                  "Heavy Metal", "Classic Rock", "Psychedelic Rock", "Prog Rock", "New Wave")),
    ("Pop", 15, ("Ballad", "Vocal", "Europop", "Chanson", "Schlager", "Soft Rock", "J-pop")),
    ("Folk, World, & Country", 6, ("Folk", "Country", "Celtic", "African", "Bluegrass")),
    ("Classical", 4, ("Romantic", "Baroque", "Classical", "Contemporary", "Opera", "Modern")),
    ("Jazz", 5, ("Contemporary Jazz", "Hard Bop", "Cool Jazz", "Big Band", "Fusion")),
    ("Funk / Soul", 7, ("Soul", "Funk", "Disco", "Rhythm & Blues", "Neo Soul")),
    ("Hip Hop", 5, ("Boom Bap", "Hardcore Hip-Hop", "Trap", "Conscious", "Pop Rap")),
    ("Stage & Screen", 2, ("Soundtrack", "Score", "Musical", "Theme")),
    ("Latin", 2, ("Salsa", "Bossa Nova", "MPB", "Cumbia", "Samba")),
    ("Blues", 2, ("Blues Rock", "Chicago Blues", "Delta Blues", "Electric Blues")),
    ("Reggae", 2, ("Dub", "Roots Reggae", "Dancehall", "Ska", "Rocksteady")),
    ("Non-Music", 1, ("Field Recording", "Spoken Word", "Comedy", "Interview", "Noise")),
    ("Children's", 1, ("Educational", "Story", "Nursery Rhymes")),
    ("Brass & Military", 1, ("Marches", "Brass Band", "Military")),
)
_COUNTRIES = (
    ("US", 25), ("Germany", 9), ("UK", 8), ("Japan", 6), ("Italy", 4), ("Canada", 4),
    ("Netherlands", 4), ("France", 3), ("Spain", 3), ("Russia", 3), ("Europe", 3), ("Sweden", 2),
    ("Australia", 2), ("Poland", 2), ("Brazil", 1), ("Jamaica", 1), ("UK & Europe", 1),
    ("USSR", 1), ("Unknown", 1),
)
_DATA_QUALITY = (("Needs Vote", 55), ("Correct", 35), ("Complete and Correct", 3),
                 ("Needs Minor Changes", 5), ("Needs Major Changes", 2))
# kind: (weight, format name, qty, base descriptions, extra descriptions, layout, min/max tracks)
_KINDS: tuple[tuple[int, str, int, tuple[str, ...], tuple[str, ...], str, int, int], ...] = (
    (20, "Vinyl", 1, ("LP", "Album"), ("Reissue", "Stereo", "Gatefold", "Mono", "180 Gram"),
     "side", 6, 14),
    (14, "Vinyl", 1, ('12"', "33 ⅓ RPM"), ("Single", "EP", "Maxi-Single", "Promo"), "side", 2, 6),
    (10, "Vinyl", 1, ('7"', "45 RPM"), ("Single", "Promo", "Stereo", "Mono"), "side", 2, 2),
    (22, "CD", 1, ("Album",), ("Reissue", "Remastered", "Enhanced", "Digipak"), "num", 8, 18),
    (6, "CD", 1, ("Single",), ("Maxi-Single", "Promo", "Enhanced"), "num", 2, 6),
    (4, "CD", 2, ("Album",), ("Compilation", "Deluxe Edition", "Remastered"), "disc", 18, 34),
    (10, "File", 1, ("MP3",), ("Album", "Single", "EP", "FLAC", "WAV"), "num", 1, 12),
    (6, "Cassette", 1, ("Album",), ("Stereo", "Dolby HX Pro", "Reissue"), "side", 6, 12),
    (4, "CDr", 1, ("Album",), ("Mixed", "Promo", "Unofficial Release"), "num", 4, 15),
    (1, "DVD", 1, ("DVD-Video",), ("PAL", "NTSC", "Concert"), "num", 8, 20),
    (3, "Shellac", 1, ('10"', "78 RPM"), ("Single",), "side", 2, 2),
)
_FORMAT_TEXTS = ("", "", "", "", "", "White", "Black", "Red Translucent", "320 kbps", "FLAC")
_IDENTIFIER_TYPES = (("Barcode", 35), ("Matrix / Runout", 35), ("Rights Society", 10),
                     ("Label Code", 8), ("Mastering SID Code", 6), ("Mould SID Code", 6))
_ENTITY_TYPES = (
    (13, "Phonographic Copyright (p)"), (14, "Copyright (c)"), (9, "Distributed By"),
    (10, "Manufactured By"), (17, "Pressed By"), (23, "Recorded At"), (29, "Mastered At"),
    (30, "Lacquer Cut At"), (21, "Published By"), (4, "Record Company"),
)
_CITIES = ("London", "Berlin", "New York", "Detroit", "Chicago", "Reykjavík", "Tokyo", "Москва",
           "São Paulo", "Kingston", "Paris", "Düsseldorf", "Lagos")
# fmt: on


def _lit(values: Sequence[object]) -> str:
    """A DuckDB list literal of strings or ints (strings quoted with '' escaping)."""
    items = []
    for v in values:
        if isinstance(v, str):
            items.append("'" + v.replace("'", "''") + "'")
        elif isinstance(v, (tuple, list)):
            items.append(_lit(v))
        else:
            items.append(str(v))
    return "[" + ", ".join(items) + "]"


def _weighted(pairs: Sequence[tuple[str, int]]) -> str:
    return _lit([v for v, w in pairs for _ in range(w)])


# --------------------------------------------------------------------------- sizes


@dataclass(frozen=True)
class Sizes:
    """Entity counts for N releases; ids are 1..count (artist 194 is left out, as in Discogs)."""

    releases: int
    artists: int
    labels: int
    masters: int

    @classmethod
    def for_releases(cls, n: int) -> Sizes:
        if n < 100:
            raise ValueError(f"need at least 100 releases, got {n}")
        return cls(releases=n, artists=max(n // 2, 400), labels=max(n // 8, 20), masters=n // 7)


@dataclass
class GenStats:
    """What :func:`generate` wrote."""

    releases: int
    dump_date: str
    snapshot_dir: str
    seconds: float = 0.0
    bytes: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    duckdb_version: str = duckdb.__version__


# --------------------------------------------------------------------------- SQL


def _multiplier(n: int) -> int:
    """A multiplier coprime to n, so k -> 1 + (k - 1) * m % n permutes 1..n."""
    return next(m for m in (7_919, 104_729, 1_299_709, 15_485_863) if math.gcd(m, n) == 1)


def _macros(s: Sizes) -> list[str]:
    """Hash-based random numbers, weighted picks and the name functions shared by all tables."""
    nf, nl = len(_FIRST), len(_LAST)
    na, nn = len(_BAND_ADJ), len(_BAND_NOUN)
    nw, ns = len(_LABEL_WORD), len(_LABEL_SUFFIX)
    kind_index = [i for i, k in enumerate(_KINDS, start=1) for _ in range(k[0])]
    genre_index = [i for i, g in enumerate(_GENRES, start=1) for _ in range(g[1])]
    return [
        # DuckDB's multi-argument hash(a, b) combines weakly (hash(r, 2) and hash(r, 3) are
        # correlated), so salts are chained through the single-value hash instead
        "create macro mix(h, v) as hash((h >> 8) + v::ubigint)",
        "create macro h2(a, k) as mix(hash(a), k)",
        "create macro h3(a, b, k) as mix(mix(hash(a), b), k)",
        "create macro h4(a, b, c, k) as mix(mix(mix(hash(a), b), c), k)",
        # uniform [0, 1) from the top 53 bits
        "create macro unit(h) as (h >> 11)::double / 9007199254740992.0",
        "create macro u(a, k) as unit(h2(a, k))",
        "create macro u3(a, b, k) as unit(h3(a, b, k))",
        "create macro u4(a, b, c, k) as unit(h4(a, b, c, k))",
        "create macro pick(lst, x) as lst[1 + floor(x * len(lst))::bigint]",
        "create macro rhash(x) as (hash(x) >> 1)::bigint",
        "create macro disamb(i, n) as "
        "case when i // n > 0 then ' (' || (i // n + 1)::varchar || ')' else '' end",
        f"create macro artist_name(a) as case when a = {VARIOUS_ID} then 'Various' "
        f"when a % 9 = 0 then {_lit(_BAND_ADJ)}[1 + (a // 9) % {na}] || ' ' || "
        f"{_lit(_BAND_NOUN)}[1 + (a // 9 // {na}) % {nn}] || disamb(a // 9, {na * nn}) "
        f"else {_lit(_FIRST)}[1 + a % {nf}] || ' ' || {_lit(_LAST)}[1 + (a // {nf}) % {nl}] "
        f"|| disamb(a, {nf * nl}) end",
        f"create macro label_name(l) as {_lit(_LABEL_WORD)}[1 + l % {nw}] || ' ' || "
        f"{_lit(_LABEL_SUFFIX)}[1 + (l // {nw}) % {ns}] || disamb(l, {nw * ns})",
        # Popularity is a power law over ranks 1..n; scramble() permutes the ranks over the ids
        # so popular artists, labels and masters are spread out. A linked artist is drawn from
        # 1..artists-1 and shifted past 194 (Various), a bijection onto the artists table's ids.
        "create macro scramble(k, n, m) as 1 + ((k - 1) * m) % n",
        f"create macro pick_artist0(x, p) as scramble(1 + floor({s.artists - 1} * pow(x, p))"
        f"::bigint, {s.artists - 1}, {_multiplier(s.artists - 1)})",
        f"create macro pick_artist(x, p) as "
        f"pick_artist0(x, p) + (pick_artist0(x, p) >= {VARIOUS_ID})::bigint",
        f"create macro pick_label(x) as scramble(1 + floor({s.labels} * pow(x, 2))::bigint, "
        f"{s.labels}, {_multiplier(s.labels)})",
        f"create macro pick_master(x) as scramble(1 + floor({s.masters} * pow(x, 2))::bigint, "
        f"{s.masters}, {_multiplier(s.masters)})",
        f"create macro words(seed, n) as array_to_string(list_transform(range(n), "
        f"lambda j: {_lit(_WORDS)}[1 + floor(u3(seed, j, 77) * {len(_WORDS)})::bigint]), ' ')",
        f"create macro title_of(seed) as words(seed, 1 + floor(4 * u(seed, 78))::bigint) || "
        f"case when u(seed, 79) < 0.08 then pick({_lit(_TITLE_SUFFIX)}, u(seed, 80)) "
        f"else '' end",
        f"create macro kind_of(x) as pick({_lit(kind_index)}, x)",
        f"create macro genre_of(x) as pick({_lit(genre_index)}, x)",
        "create macro mmss(s) as case when s >= 3600 then (s // 3600)::varchar || ':' || "
        "lpad(((s // 60) % 60)::varchar, 2, '0') else (s // 60)::varchar end || ':' || "
        "lpad((s % 60)::varchar, 2, '0')",
        f"create macro kname(k) as {_lit([k[1] for k in _KINDS])}[k]",
        f"create macro kqty(k) as {_lit([k[2] for k in _KINDS])}[k]",
        f"create macro kbase(k) as {_lit([list(k[3]) for k in _KINDS])}[k]",
        f"create macro kextra(k) as {_lit([list(k[4]) for k in _KINDS])}[k]",
        f"create macro klayout(k) as {_lit([k[5] for k in _KINDS])}[k]",
        f"create macro kmin(k) as {_lit([k[6] for k in _KINDS])}[k]",
        f"create macro kmax(k) as {_lit([k[7] for k in _KINDS])}[k]",
        f"create macro gname(g) as {_lit([g[0] for g in _GENRES])}[g]",
        f"create macro gstyles(g) as {_lit([list(g[2]) for g in _GENRES])}[g]",
        f"create macro profile_of(seed) as {_lit(_WORDS)}[1 + floor(u(seed, 90) * "
        f"{len(_WORDS)})::bigint] || ' musician from ' || pick({_lit(_CITIES)}, u(seed, 91)) || "
        f"'.' || case when u(seed, 92) < 0.3 then chr(13) || chr(10) || "
        f"'Also recorded as [a' || (1 + floor(u(seed, 93) * {s.artists}))::varchar || '].' "
        f"else '' end",
    ]


def _rel_sql(s: Sizes) -> str:
    """One row per release with every per-release draw that several tables need."""
    return f"""
create temp table rel as
with base as (
    select
        r,
        kind_of(u(r, 1)) as kind,
        case when u(r, 2) < 0.07 then null
             else 1950 + floor(76 * pow(u(r, 3), 0.55))::int end as year,
        (r - 1) // 7 + 1 as blk,
        u(r, 4) < 0.08 as is_comp,
        genre_of(u(r, 5)) as g1,
        1 + (u(r, 6) < 0.25)::int + (u(r, 7) < 0.05)::int as n_genres,
        floor(4 * pow(u(r, 8), 1.4))::int as n_styles
    from (select range + 1 as r from range({s.releases}))
), dated as (
    select *,
        case when year is null or u(r, 10) < 0.3 then null
             else 1 + floor(12 * u(r, 11))::int end as month,
        blk <= {s.masters} and r = 7 * (blk - 1) + 1 + h2(blk, 12) % 7 as is_main
    from base
), picked as (
    select *,
        case when month is not null and u(r, 13) < 0.8 then 1 + floor(28 * u(r, 14))::int
        end as day,
        case when is_main then blk
             when u(r, 15) < 0.45 then pick_master(u(r, 16))
        end as master_id,
        kmin(kind) + floor((kmax(kind) - kmin(kind) + 1) * u(r, 17))::int
            + case when u(r, 18) < 0.015 then 20 + floor(150 * pow(u(r, 19), 2))::int
                   else 0 end as n_songs
    from dated
)
select
    r as release_id, kind, year, month, day, master_id, is_comp,
    case when master_id is null then null else is_main end as is_main_release,
    case when year is null then (case when u(r, 20) < 0.1 then 'Unknown' end)
         when month is null then (case when u(r, 21) < 0.5 then year::varchar
                                       else year::varchar || '-00-00' end)
         when day is null then printf('%04d-%02d-00', year, month)
         else printf('%04d-%02d-%02d', year, month, day) end as released,
    title_of(r) as title,
    list_distinct(list_transform(range(n_genres),
        lambda j: gname(case when j = 0 then g1 else genre_of(u3(r, j, 22)) end))) as genres_raw,
    list_distinct(list_transform(range(n_styles),
        lambda j: pick(gstyles(g1), u3(r, j, 23)))) as styles_raw,
    u(r, 24) < 0.03 as has_heading,
    n_songs,
    n_songs + (u(r, 24) < 0.03)::int as n_tracks,
    case when n_songs >= 5 and u(r, 25) < 0.02
         then 1 + (h2(r, 26) % (n_songs - 3))::int end as index_at,
    case when is_comp then 1
         else 1 + (u(r, 27) < 0.15)::int + (u(r, 28) < 0.03)::int end as n_artists,
    least(floor(-ln(1 - u(r, 29)) * 5.5)::int, 200) as n_extra,
    1 + (u(r, 30) < 0.17)::int + (u(r, 31) < 0.03)::int as n_labels,
    1 + (u(r, 32) < 0.08)::int + (u(r, 33) < 0.02)::int as n_formats,
    case when kqty(kind) > 1 and u(r, 34) < 0.3 then 3 else kqty(kind) end as qty
from picked
"""


def _table_sql(s: Sizes) -> dict[str, str]:
    """Table -> a SELECT producing its columns by name (cast and ordered by :func:`_project`)."""
    q: dict[str, str] = {}
    q["releases"] = f"""
select release_id, null as status, title,
    pick({_weighted(_COUNTRIES)}, u(release_id, 40)) as country,
    released, year as released_year, month as released_month, day as released_day,
    case when u(release_id, 41) < 0.3 then 'Recorded at ' || pick({_lit(_CITIES)},
        u(release_id, 42)) || '.' || chr(10) || 'Made in ' || pick({_weighted(_COUNTRIES)},
        u(release_id, 43)) || '.' end as notes,
    pick({_weighted(_DATA_QUALITY)}, u(release_id, 44)) as data_quality,
    master_id, is_main_release,
    list_sort(genres_raw) as genres, list_sort(styles_raw) as styles,
    rhash(release_id::varchar || title || coalesce(released, '') || genres_raw::varchar)
        as record_hash
from rel"""
    # main credits: Various on compilations, 1% unlinked, joins between credits
    credit_cols = """
    case when unlinked then null else artist_id end as artist_id,
    case when unlinked then 'Unknown Artist ' || (h2(k, 51) % 1000)::varchar
         else artist_name(artist_id) end as name,
    case when not unlinked and u(k, 52) < 0.04
         then split_part(artist_name(artist_id), ' ', 1) end as anv"""
    q["release_artists"] = f"""
select release_id, idx, {credit_cols},
    case when idx < n - 1 then pick({_weighted(_JOINS)}, u(k, 53)) end as "join",
    null as role, null as tracks
from (select *, h2(release_id, idx) as k,
             u(k, 54) < 0.01 and artist_id <> {VARIOUS_ID} as unlinked
      from (select release_id, idx, n,
                   case when is_comp then {VARIOUS_ID}
                        else pick_artist(u3(release_id, idx, 55), 2) end as artist_id
            from (select release_id, is_comp, n_artists as n,
                         unnest(range(n_artists))::int as idx from rel)))"""
    q["release_extraartists"] = f"""
select release_id, idx, {credit_cols}, null as "join",
    pick({_weighted(_ROLES)}, u(k, 56)) as role,
    case when u(k, 57) < 0.15 then 'A1 to B' || (1 + h2(k, 58) % 4)::varchar end as tracks
from (select *, h3(release_id, idx, 1) as k, u(k, 54) < 0.01 as unlinked,
             pick_artist(u3(release_id, idx, 59), 2) as artist_id
      from (select release_id, unnest(range(n_extra))::int as idx from rel))"""
    q["release_labels"] = """
select release_id, idx, label_id, label_name(label_id) as name,
    case when u(k, 61) < 0.05 then 'none'
         else upper(left(label_name(label_id), 3)) || ' ' || (h2(k, 62) % 9000 + 100)::varchar
    end as catno
from (select *, h3(release_id, idx, 2) as k, pick_label(u3(release_id, idx, 60)) as label_id
      from (select release_id, unnest(range(n_labels))::int as idx from rel))"""
    q["release_series"] = """
select release_id, 0 as idx, series_id, label_name(series_id) || ' Series' as name,
    case when u(release_id, 64) < 0.5 then (h2(release_id, 65) % 200)::varchar end as catno
from (select release_id, pick_label(u(release_id, 63)) as series_id from rel
      where u(release_id, 66) < 0.08)"""
    q["release_formats"] = f"""
select release_id, idx, kname(k) as name, case when idx = 0 then qty else 1 end as qty,
    nullif(pick({_lit(_FORMAT_TEXTS)}, u3(release_id, idx, 67)), '') as text,
    list_concat(kbase(k), list_distinct(list_transform(range(floor(3 * u3(release_id, idx, 68))
        ::bigint), lambda j: pick(kextra(k), u4(release_id, idx, j, 69))))) as descriptions
from (select release_id, idx, qty,
             case when idx = 0 then kind else kind_of(u3(release_id, idx, 70)) end as k
      from (select release_id, kind, qty, unnest(range(n_formats))::int as idx from rel))"""
    # tracks: an optional heading first, an optional index track with two sub-tracks
    q["release_tracks"] = """
select release_id, track_idx, parent_track_idx,
    case when track_type <> 'track' then null
         when layout = 'side' then chr(65 + least(t // per_side, 25)::int)
                                   || (t % per_side + 1)::varchar
         when layout = 'disc' then (t // per_side + 1)::varchar || '-'
                                   || (t % per_side + 1)::varchar
         else (t + 1)::varchar end as position,
    title_of(h2(release_id, track_idx)) as title,
    mmss(secs) as duration, secs as duration_seconds, track_type
from (select *,
          case when track_type = 'track' and u3(release_id, track_idx, 71) >= 0.15 then
              case when u3(release_id, track_idx, 72) < 0.05
                   then 420 + floor(3000 * pow(u3(release_id, track_idx, 73), 2))::int
                   else 60 + floor(360 * pow(u3(release_id, track_idx, 74), 1.3))::int end
          end as secs
      from trk)"""
    q["release_track_artists"] = f"""
select release_id, track_idx, idx, {credit_cols},
    case when idx < n - 1 then 'Feat.' end as "join", null as role, null as tracks
from (select *, h3(release_id, track_idx, idx) as k, u(k, 54) < 0.01 as unlinked,
             pick_artist(u4(release_id, track_idx, idx, 75), 2) as artist_id
      from (select release_id, track_idx, n, unnest(range(n))::int as idx
            from (select release_id, track_idx,
                         case when is_comp then 1 + (u3(release_id, track_idx, 76) < 0.1)::int
                              else (u3(release_id, track_idx, 76) < 0.03)::int end as n
                  from trk where track_type = 'track')))"""
    q["release_track_extraartists"] = f"""
select release_id, track_idx, idx, {credit_cols}, null as "join",
    pick({_weighted(_TRACK_ROLES)}, u(k, 80)) as role, null as tracks
from (select *, h4(release_id, track_idx, idx, 1) as k, u(k, 54) < 0.01 as unlinked,
             pick_artist(u4(release_id, track_idx, idx, 81), 2) as artist_id
      from (select release_id, track_idx, unnest(range(n))::int as idx
            from (select release_id, track_idx,
                         (u3(release_id, track_idx, 82) < 0.35)::int
                         + (u3(release_id, track_idx, 83) < 0.12)::int
                         + (u3(release_id, track_idx, 84) < 0.04)::int as n
                  from trk where track_type = 'track')))"""
    q["release_identifiers"] = f"""
select release_id, idx, typ as type,
    case when typ = 'Matrix / Runout' then 'Side ' || chr(65 + idx) end as description,
    case when typ = 'Barcode' then (h2(release_id, 85) % 900000000000 + 100000000000)::varchar
         when typ = 'Label Code' then 'LC ' || lpad((h2(release_id, 86) % 99999)::varchar,
                                                    5, '0')
         else upper(substr(md5(release_id::varchar || idx::varchar), 1, 10)) end as value
from (select release_id, idx,
             pick({_weighted(_IDENTIFIER_TYPES)}, u3(release_id, idx, 87)) as typ
      from (select release_id, unnest(range(floor(5 * pow(u(release_id, 88), 1.5))::bigint))
                   ::int as idx from rel))"""
    video_cols = """
    'https://www.youtube.com/watch?v=' || substr(md5(k::varchar), 1, 11) as src,
    60 + (h2(k, 89) % 600)::int as duration, true as embed,
    title_of(k) as title,
    case when u(k, 90) < 0.6 then 'Provided to YouTube by ' || label_name(pick_label(u(k, 91)))
    end as description"""
    q["release_videos"] = f"""
select release_id, idx, {video_cols}
from (select release_id, idx, h3(release_id, idx, 3) as k
      from (select release_id, unnest(range((u(release_id, 92) < 0.45)::int
                   + (u(release_id, 93) < 0.3)::int + (u(release_id, 94) < 0.2)::int
                   + (u(release_id, 95) < 0.1)::int))::int as idx from rel))"""
    entity = _lit([e[0] for e in _ENTITY_TYPES])
    entity_names = _lit([e[1] for e in _ENTITY_TYPES])
    q["release_companies"] = f"""
select release_id, idx, company_id, label_name(company_id) as name,
    case when u(k, 96) < 0.1 then (h2(k, 97) % 9999)::varchar end as catno,
    {entity}[e] as entity_type, {entity_names}[e] as entity_type_name,
    'https://api.discogs.com/labels/' || company_id::varchar as resource_url
from (select *, h3(release_id, idx, 4) as k, pick_label(u3(release_id, idx, 98)) as company_id,
             1 + floor({len(_ENTITY_TYPES)} * u3(release_id, idx, 99))::int as e
      from (select release_id,
                   unnest(range(least(floor(-ln(1 - u(release_id, 100)) * 2)::bigint, 20)))
                   ::int as idx from rel))"""
    # artists: ids 1..n without 194; every 9th is a group
    q["artists"] = f"""
select artist_id, artist_name(artist_id) as name,
    case when artist_id % 9 <> 0 and u(artist_id, 110) < 0.4
         then {_lit(_FIRST)}[1 + (h2(artist_id, 111) % {len(_FIRST)})::bigint] || ' '
              || {_lit(_LAST)}[1 + (h2(artist_id, 112) % {len(_LAST)})::bigint] end
        as realname,
    case when u(artist_id, 113) < 0.5 then profile_of(artist_id) end as profile,
    pick({_weighted(_DATA_QUALITY)}, u(artist_id, 114)) as data_quality,
    rhash('a' || artist_id::varchar) as record_hash
from (select range + 1 as artist_id from range({s.artists})) where artist_id <> {VARIOUS_ID}"""
    q["artist_urls"] = """
select artist_id, idx, 'https://www.' || lower(replace(artist_name(artist_id), ' ', ''))
    || '.example.com/' || idx::varchar as url
from (select artist_id, unnest(range(floor(2.2 * pow(u(artist_id, 115), 1.2))::bigint))::int
             as idx from artists_ids)"""
    q["artist_namevariations"] = """
select artist_id, idx, case idx when 0 then upper(artist_name(artist_id))
    when 1 then replace(artist_name(artist_id), ' ', '') else 'The ' || artist_name(artist_id)
    end as name
from (select artist_id, unnest(range(floor(3.5 * pow(u(artist_id, 116), 1.5))::bigint))::int
             as idx from artists_ids)"""
    q["artist_aliases"] = """
select artist_id, idx, alias_id, artist_name(alias_id) as name
from (select artist_id, idx, pick_artist(u3(artist_id, idx, 117), 1) as alias_id
      from (select artist_id, unnest(range((u(artist_id, 118) < 0.25)::int
                   + (u(artist_id, 119) < 0.08)::int))::int as idx from artists_ids))"""
    q["artist_members"] = """
select group_id as artist_id,
    (row_number() over (partition by group_id order by member_id) - 1)::int as idx,
    member_id, artist_name(member_id) as name
from members order by group_id, idx"""
    q["artist_groups"] = """
select member_id as artist_id,
    (row_number() over (partition by member_id order by group_id) - 1)::int as idx,
    group_id, artist_name(group_id) as name
from members order by member_id, idx"""
    q["labels"] = """
select label_id, label_name(label_id) as name,
    case when u(label_id, 130) < 0.2 then label_name(label_id) || chr(13) || chr(10)
         || 'PO Box ' || (h2(label_id, 131) % 999)::varchar end as contactinfo,
    case when u(label_id, 132) < 0.4 then 'Label founded in '
         || (1950 + h2(label_id, 133) % 70)::varchar || '.' end as profile,
    pick(['Needs Vote', 'Correct', 'Needs Minor Changes'], u(label_id, 134)) as data_quality,
    parent_label_id, label_name(parent_label_id) as parent_label_name,
    rhash('l' || label_id::varchar) as record_hash
from label_parents order by label_id"""
    q["label_urls"] = """
select label_id, idx, 'https://www.' || lower(replace(label_name(label_id), ' ', ''))
    || '.example.com' || case when idx > 0 then '/' || idx::varchar else '' end as url
from (select label_id, unnest(range(floor(2 * pow(u(label_id, 135), 1.5))::bigint))::int
             as idx from label_parents)"""
    q["label_sublabels"] = """
select parent_label_id as label_id,
    (row_number() over (partition by parent_label_id order by label_id) - 1)::int as idx,
    label_id as sublabel_id, label_name(label_id) as name
from label_parents where parent_label_id is not null order by label_id, idx"""
    # masters: the main release's title, genres, styles; the year of the earliest version
    q["masters"] = f"""
select m.master_id, r.release_id as main_release_id, r.title, v.year,
    case when u(m.master_id, 140) < 0.1 then 'Original release: ' || r.title end as notes,
    pick(['Needs Vote', 'Correct', 'Complete and Correct'], u(m.master_id, 141))
        as data_quality,
    list_sort(r.genres_raw) as genres, list_sort(r.styles_raw) as styles,
    rhash('m' || m.master_id::varchar || r.title) as record_hash
from (select range + 1 as master_id from range({s.masters})) m
join rel r on r.master_id = m.master_id and r.is_main_release
left join (select master_id, min(year) as year from rel where master_id is not null
           group by master_id) v on v.master_id = m.master_id
order by m.master_id"""
    q["master_artists"] = """
select r.master_id, a.idx, a.artist_id, a.name, a.anv, a."join", a.role, a.tracks
from read_parquet($release_artists) a join rel r on r.release_id = a.release_id
where r.is_main_release order by r.master_id, a.idx"""
    q["master_videos"] = f"""
select master_id, idx, {video_cols}
from (select master_id, idx, h3(master_id, idx, 5) as k
      from (select master_id, unnest(range((u(master_id, 142) < 0.6)::int
                   + (u(master_id, 143) < 0.4)::int + (u(master_id, 144) < 0.2)::int))::int
                   as idx from (select range + 1 as master_id from range({s.masters}))))"""
    return q


def _helpers_sql(s: Sizes) -> list[str]:
    """Temp tables that several statements read: tracks, artist ids, members, label parents."""
    return [
        """create temp table trk as
select release_id, track_idx, is_comp,
    case when has_heading and track_idx = 0 then 'heading'
         when track_idx = index_at + has_heading::int then 'index'
         else 'track' end as track_type,
    case when track_idx in (index_at + has_heading::int + 1, index_at + has_heading::int + 2)
         then index_at + has_heading::int end as parent_track_idx,
    track_idx - has_heading::int as t,
    klayout(kind) as layout,
    greatest(1, case klayout(kind) when 'side' then least(ceil(n_songs / 2), 8)
                                   when 'disc' then ceil(n_songs / qty)
                                   else n_songs end)::int as per_side
from (select release_id, is_comp, has_heading, index_at, kind, qty, n_songs,
             unnest(range(n_tracks))::int as track_idx from rel)""",
        f"""create temp table artists_ids as select range + 1 as artist_id
from range({s.artists}) where range + 1 <> {VARIOUS_ID}""",
        f"""create temp table members as
select distinct artist_id as group_id,
    case when m % 9 = 0 then m - 1 else m end as member_id
from (select artist_id, 1 + floor({s.artists} * u3(artist_id, j, 120))::bigint as m
      from (select artist_id, unnest(range(2 + floor(4 * u(artist_id, 121))::bigint)) as j
            from artists_ids where artist_id % 9 = 0))
where case when m % 9 = 0 then m - 1 else m end <> {VARIOUS_ID}""",
        f"""create temp table label_parents as
select label_id, case when label_id > 1 and u(label_id, 136) < 0.25
    then 1 + floor((label_id - 1) * pow(u(label_id, 137), 2))::bigint end as parent_label_id
from (select range + 1 as label_id from range({s.labels}))""",
    ]


_DUCK_TYPES = {
    pa.int32(): "INTEGER",
    pa.int64(): "BIGINT",
    pa.string(): "VARCHAR",
    pa.bool_(): "BOOLEAN",
    pa.list_(pa.string()): "VARCHAR[]",
}


def _project(schema: pa.Schema, inner: str) -> str:
    """Cast the inner query's columns to the schema's types, in its order.

    DuckDB writes a Parquet column as REQUIRED (Arrow ``not null``) when the plan's statistics
    prove it has no NULL, which would make the file schema differ from the contract (every
    field nullable). ``case when random() < 2 then x end`` is always x, but being volatile it
    hides those statistics.
    """
    cols = []
    for f in schema:
        duck = _DUCK_TYPES.get(f.type)
        if duck is None:
            raise TypeError(f"no DuckDB type for {f.name}: {f.type}")
        cols.append(f'case when random() < 2 then cast(q."{f.name}" as {duck}) end as "{f.name}"')
    return "select " + ", ".join(cols) + f" from ({inner}) q"


# --------------------------------------------------------------------------- write + verify


class SnapshotError(RuntimeError):
    """The generated snapshot breaks its contract (schema or consistency)."""


def verify_schemas(snapshot: Path) -> None:
    """Every table of ALL_TABLES has parts whose Arrow schema is exactly the contract's."""
    problems = []
    for name, schema in ALL_TABLES.items():
        parts = sorted((snapshot / name).glob("*.parquet"))
        if not parts:
            problems.append(f"{name}: no parquet file")
        for part in parts:
            got = pq.read_schema(part)
            if not got.equals(schema, check_metadata=False):
                problems.append(
                    f"{part}:\n  got      {got}\n  expected {schema}".replace("\n", " ")
                )
    if problems:
        raise SnapshotError("schema mismatch:\n" + "\n".join(problems))


def generate(
    data_dir: Path, n: int, dump_date: str = DUMP_DATE, *, quiet: bool = False
) -> GenStats:
    """Write a complete synthetic snapshot of ``n`` releases under ``data_dir/parquet/<date>``.

    An earlier synthetic snapshot of that date is replaced (built aside, then renamed into
    place); a snapshot written by anything else (a real parse) is never touched.
    """
    sizes = Sizes.for_releases(n)
    parquet_root = data_dir / "parquet"
    final = parquet_root / dump_date
    if final.exists() and not is_synthetic(final):
        raise SnapshotError(
            f"{final} exists and was not written by {GENERATOR}; choose another directory"
        )
    build = parquet_root / f".build-{dump_date}-snapshot_gen"
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    t0 = time.perf_counter()
    stats = GenStats(releases=n, dump_date=dump_date, snapshot_dir=str(final))
    con = duckdb.connect()
    try:
        con.execute("set preserve_insertion_order = true")
        for stmt in _macros(sizes):
            con.execute(stmt)
        con.execute(_rel_sql(sizes))
        for stmt in _helpers_sql(sizes):
            con.execute(stmt)
        queries = _table_sql(sizes)
        for name, schema in ALL_TABLES.items():
            t1 = time.perf_counter()
            out = build / name / "part-0.parquet"
            out.parent.mkdir(parents=True)
            inner = queries.get(name)
            if inner is None:  # images: none since the 2025 dumps
                pq.write_table(schema.empty_table(), out, compression="zstd")
                stats.rows[name] = 0
            else:
                sql = _project(schema, inner).replace(
                    "$release_artists", "'" + str(build / "release_artists" / "*.parquet") + "'"
                )
                row = con.execute(
                    f"copy ({sql}) to '{out}' (format parquet, compression zstd)"
                ).fetchone()
                stats.rows[name] = int(row[0]) if row else 0
            if not quiet:
                print(
                    f"  {name:<28} {stats.rows[name]:>12,} rows  {time.perf_counter() - t1:6.1f} s",
                    flush=True,
                )
    finally:
        con.close()
    verify_schemas(build)
    _write_reports(build, dump_date, stats.rows)
    if final.exists():
        shutil.rmtree(final)
    build.rename(final)
    stats.seconds = time.perf_counter() - t0
    stats.bytes = sum(p.stat().st_size for p in final.rglob("*") if p.is_file())
    return stats


def is_synthetic(snapshot: Path) -> bool:
    """Whether a snapshot directory was written by this generator (its release report says so)."""
    try:
        report = json.loads((snapshot / "reports" / "release.json").read_text())
    except (OSError, ValueError):
        return False
    return report.get("source") == f"synthetic ({GENERATOR})"


def _write_reports(snapshot: Path, dump_date: str, rows: dict[str, int]) -> None:
    """The four run reports (and empty quarantine files) that mark the snapshot complete."""
    (snapshot / "reports").mkdir()
    (snapshot / "quarantine").mkdir()
    for dump_type, tables in TABLES_BY_DUMP.items():
        top = next(iter(tables))
        report = {
            "dump_type": dump_type,
            "dump_date": dump_date,
            "source": f"synthetic ({GENERATOR})",
            "records": rows[top],
            "quarantined": 0,
            "rows": {t: rows[t] for t in tables},
            "unknown": {},
        }
        (snapshot / "reports" / f"{dump_type}.json").write_text(json.dumps(report, indent=2))
        (snapshot / "quarantine" / f"{dump_type}.jsonl").write_text("")


# --------------------------------------------------------------------------- consistency


def _differ(a: str, b: str) -> str:
    """SQL counting the rows of the symmetric multiset difference of two queries."""
    return (
        f"select (select count(*) from (({a}) except all ({b}))) "
        f"+ (select count(*) from (({b}) except all ({a})))"
    )


def _checks() -> list[tuple[str, str]]:
    """(description, SQL counting violations) over views named like the tables."""
    keys = {
        "releases": "release_id",
        "artists": "artist_id",
        "labels": "label_id",
        "masters": "master_id",
        "release_tracks": "release_id, track_idx",
    }
    checks: list[tuple[str, str]] = []
    for name, schema in ALL_TABLES.items():
        cols = schema.names
        if name in keys:
            key = keys[name]
        elif "track_idx" in cols and "idx" in cols:
            key = "release_id, track_idx, idx"
        else:
            key = f"{cols[0]}, idx"
        nulls = " or ".join(f"{c.strip()} is null" for c in key.split(","))
        checks.append(
            (
                f"{name}: key ({key}) unique and not null",
                f"select count(*) - count(distinct ({key})) "
                f"+ count(*) filter (where {nulls}) from {name}",
            )
        )
        if key.endswith("idx") and name != "release_tracks":
            parent = key.rsplit(",", 1)[0]
            checks.append(
                (
                    f"{name}: idx is 0..n-1 within ({parent})",
                    f"select count(*) from (select {parent}, max(idx) + 1 as m, count(*) as c, "
                    f"min(idx) as lo from {name} group by all) where m <> c or lo <> 0",
                )
            )
        top = {"release": "releases", "artist": "artists", "label": "labels", "master": "masters"}
        parent_table = top[cols[0].removesuffix("_id")]
        if name != parent_table:
            checks.append(
                (
                    f"{name}: {cols[0]} exists in {parent_table}",
                    f"select count(*) from {name} c anti join {parent_table} p using ({cols[0]})",
                )
            )
    credit_tables = (
        "release_artists",
        "release_extraartists",
        "release_track_artists",
        "release_track_extraartists",
        "master_artists",
    )
    for t in credit_tables:
        checks.append(
            (
                f"{t}: linked artist ids exist (194 Various excepted) with that name",
                f"select count(*) from {t} c left join artists a using (artist_id) "
                f"where c.artist_id is not null and c.artist_id <> {VARIOUS_ID} "
                f"and (a.artist_id is null or a.name <> c.name)",
            )
        )
    for t in ("release_track_artists", "release_track_extraartists"):
        checks.append(
            (
                f"{t}: (release_id, track_idx) is a 'track' of release_tracks",
                f"select count(*) from {t} c anti join (select * from release_tracks "
                f"where track_type = 'track') t using (release_id, track_idx)",
            )
        )
    fk = [
        ("release_labels", "label_id", "labels", "label_id"),
        ("release_series", "series_id", "labels", "label_id"),
        ("release_companies", "company_id", "labels", "label_id"),
        ("releases", "master_id", "masters", "master_id"),
        ("labels", "parent_label_id", "labels", "label_id"),
        ("label_sublabels", "sublabel_id", "labels", "label_id"),
        ("artist_aliases", "alias_id", "artists", "artist_id"),
        ("artist_members", "member_id", "artists", "artist_id"),
        ("artist_groups", "group_id", "artists", "artist_id"),
        ("masters", "main_release_id", "releases", "release_id"),
    ]
    for t, col, ref, ref_col in fk:
        checks.append(
            (
                f"{t}.{col} -> {ref}.{ref_col}",
                f"select count(*) from {t} c where c.{col} is not null "
                f"and c.{col} not in (select {ref_col} from {ref})",
            )
        )
    checks += [
        (
            "release_labels.name is the label's name",
            "select count(*) from release_labels r join labels l using (label_id) "
            "where r.name <> l.name",
        ),
        (
            "masters.main_release_id has master_id = master and is_main_release",
            "select count(*) from masters m left join releases r "
            "on r.release_id = m.main_release_id "
            "where r.master_id is distinct from m.master_id or not r.is_main_release",
        ),
        (
            "exactly one main release per master, and every main release is its master's",
            "select (select count(*) from (select master_id from releases where is_main_release "
            "group by all having count(*) <> 1)) + (select count(*) from releases r "
            "where is_main_release and release_id not in (select main_release_id from masters))"
            " + (select count(*) from masters where master_id not in "
            "(select master_id from releases where is_main_release))",
        ),
        (
            "is_main_release is NULL exactly when master_id is NULL",
            "select count(*) from releases where (master_id is null) <> (is_main_release is null)",
        ),
        (
            "masters.year is the earliest released_year of its versions",
            "select count(*) from masters m left join (select master_id, min(released_year) y "
            "from releases group by all) v using (master_id) where m.year is distinct from v.y",
        ),
        (
            "master_artists are the main release's artists",
            _differ(
                'select master_id, idx, artist_id, name, anv, "join" from master_artists',
                'select m.master_id, a.idx, a.artist_id, a.name, a.anv, a."join" '
                "from masters m join release_artists a on a.release_id = m.main_release_id",
            ),
        ),
        (
            "label parents have a lower id (acyclic) and the parent's name",
            "select count(*) from labels c left join labels p on p.label_id = c.parent_label_id "
            "where c.parent_label_id is not null "
            "and (c.parent_label_id >= c.label_id or p.name is distinct from c.parent_label_name)",
        ),
        (
            "label_sublabels mirrors labels.parent_label_id (with the sublabel's name)",
            _differ(
                "select label_id, sublabel_id, name from label_sublabels",
                "select parent_label_id, label_id, name from labels "
                "where parent_label_id is not null",
            ),
        ),
        (
            "artist_groups is the inverse of artist_members",
            _differ(
                "select artist_id, member_id from artist_members",
                "select group_id, artist_id from artist_groups",
            ),
        ),
        (
            "released_year/month/day agree with released; years within 1950-2025",
            "select count(*) from releases where (released_year is not null and "
            "(released_year::varchar <> left(released, 4) or released_year not between 1950 "
            "and 2025)) or (released_month is not null and released_month::varchar "
            "<> ltrim(substr(released, 6, 2), '0')) or (released_day is not null "
            "and released_day::varchar <> ltrim(substr(released, 9, 2), '0')) "
            "or (released_year is null and released similar to '[0-9]{4}.*')",
        ),
        (
            "duration_seconds agrees with duration; only 'track' rows have positions",
            "select count(*) from release_tracks where (duration is null) <> "
            "(duration_seconds is null) or duration_seconds <> list_reduce(list_transform("
            "string_split(duration, ':'), lambda x: x::int), lambda a, b: a * 60 + b) "
            "or (track_type <> 'track' and position is not null) "
            "or track_type not in ('track', 'heading', 'index')",
        ),
        (
            "sub-tracks point at an index track of the same release",
            "select count(*) from release_tracks s left join release_tracks p "
            "on p.release_id = s.release_id and p.track_idx = s.parent_track_idx "
            "where s.parent_track_idx is not null and p.track_type is distinct from 'index'",
        ),
        (
            "genres are among the 15, styles belong to them, lists are non-empty/distinct",
            f"select count(*) from releases where len(genres) = 0 "
            f"or len(genres) <> len(list_distinct(genres)) "
            f"or not list_has_all({_lit([g[0] for g in _GENRES])}, genres) "
            f"or not list_has_all({_lit([s for g in _GENRES for s in g[2]])}, styles)",
        ),
    ]
    return checks


def check_snapshot(snapshot: Path) -> list[str]:
    """Referential and value consistency of a snapshot; the problems found (empty = good)."""
    con = duckdb.connect()
    try:
        for name in ALL_TABLES:
            glob = str(snapshot / name / "*.parquet")
            con.execute(f"create view {name} as select * from read_parquet('{glob}')")
        problems = []
        for desc, sql in _checks():
            bad = con.execute(sql).fetchone()
            if bad is None or bad[0] != 0:
                problems.append(f"{desc}: {bad[0] if bad else '?'} violations")
        for dump_type in TABLES_BY_DUMP:
            report = json.loads((snapshot / "reports" / f"{dump_type}.json").read_text())
            for t, n in report["rows"].items():
                got = con.execute(f"select count(*) from {t}").fetchone()
                if got is None or got[0] != n:
                    problems.append(f"report {dump_type}.json says {t} has {n} rows, not {got}")
        return problems
    finally:
        con.close()


def shape(snapshot: Path) -> dict[str, float]:
    """A few per-release averages and extremes, to eyeball realism."""
    con = duckdb.connect()
    g = str(snapshot) + "/{}/*.parquet"
    try:
        row = con.execute(
            f"""select
            (select count(*) from '{g.format("release_tracks")}' where track_type = 'track')
                / (select count(*) from '{g.format("releases")}') as tracks_per_release,
            (select max(c) from (select count(*) c from '{g.format("release_tracks")}'
                group by release_id)) as max_tracks,
            (select count(*) from '{g.format("release_artists")}')
                / (select count(*) from '{g.format("releases")}') as artists_per_release,
            (select count(*) from '{g.format("release_extraartists")}')
                / (select count(*) from '{g.format("releases")}') as extra_per_release,
            (select count(*) from '{g.format("release_track_extraartists")}')
                / (select count(*) from '{g.format("releases")}') as track_extra_per_release,
            (select count(*) from '{g.format("release_labels")}')
                / (select count(*) from '{g.format("releases")}') as labels_per_release,
            (select count(*) from '{g.format("release_formats")}')
                / (select count(*) from '{g.format("releases")}') as formats_per_release,
            (select avg((released_year is null)::int) from '{g.format("releases")}')
                as null_year_share,
            (select avg((master_id is not null)::int) from '{g.format("releases")}')
                as with_master_share,
            (select max(c) from (select count(*) c from '{g.format("releases")}'
                where master_id is not null group by master_id)) as max_versions,
            (select max(c) from (select count(*) c from '{g.format("release_extraartists")}'
                where role ilike '%producer%' group by artist_id)) as max_producer_credits
            """
        ).fetchone()
        assert row is not None
        cols = [d[0] for d in con.description or []]
        return {c: float(v) for c, v in zip(cols, row, strict=True)}
    finally:
        con.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write a synthetic Parquet snapshot (no XML).")
    ap.add_argument("--releases", type=int, default=10_000)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "snapshot")
    ap.add_argument("--dump-date", default=DUMP_DATE)
    ap.add_argument("--no-check", action="store_true", help="skip the consistency checks")
    args = ap.parse_args(argv)
    try:
        stats = generate(args.out, args.releases, args.dump_date)
    except (SnapshotError, ValueError) as e:
        print(f"Error: {e}", file=sys.stderr)
        return 1
    print(
        f"wrote {stats.snapshot_dir}: {sum(stats.rows.values()):,} rows, "
        f"{stats.bytes / 1e6:,.1f} MB in {stats.seconds:.1f} s"
    )
    snapshot = Path(stats.snapshot_dir)
    for k, v in shape(snapshot).items():
        print(f"  {k:<26} {v:10.3f}")
    if not args.no_check:
        t0 = time.perf_counter()
        problems = check_snapshot(snapshot)
        print(f"consistency checks: {len(_checks())} in {time.perf_counter() - t0:.1f} s")
        if problems:
            print("FAILED:\n  " + "\n  ".join(problems))
            return 1
        print("  all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
