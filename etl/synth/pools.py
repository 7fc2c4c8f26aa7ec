"""The shared pools: pre-escaped titles, track titles, person names, note, description and
profile lines, and the expanded weighted tables (roles, joins, genres, styles, countries, data
qualities, entity types). Built once per process by :func:`_pools` from a fixed seed, so they
never depend on the writers' seeds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from etl.synth.common import _esc, _table
from etl.synth.vocabulary import (
    _BAND_ADJ,
    _BAND_NOUN,
    _CITIES,
    _COUNTRIES,
    _DATA_QUALITY,
    _DESC_LINES,
    _ENTITY_TYPES,
    _FIRST,
    _GENRES,
    _JOINS,
    _LABEL_STEM,
    _LAST,
    _NOTE_LINES,
    _PROFILE_LINES,
    _ROLES,
    _STYLES,
    _TITLE_SUFFIX,
    _TRACK_ROLES,
    _WORDS,
)


@dataclass(frozen=True)
class _Pools:
    """Pre-escaped vocabulary built once from a fixed seed (independent of the writers' seeds)."""

    titles: tuple[str, ...]
    track_titles: tuple[str, ...]
    persons: tuple[str, ...]
    note_lines: tuple[str, ...]
    desc_lines: tuple[str, ...]
    profile_lines: tuple[str, ...]
    roles: tuple[str, ...]
    track_roles: tuple[str, ...]
    joins: tuple[str, ...]
    genres: tuple[str, ...]
    styles: dict[str, tuple[str, ...]]
    countries: tuple[str, ...]
    data_quality: tuple[str, ...]
    entity_types: tuple[tuple[str, str], ...]


def _raw_person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"


def _fill(rng: random.Random, template: str) -> str:
    """Fill a note/description/profile template with random raw values, then escape it."""
    year = rng.randint(1950, 2025)
    return _esc(
        template.format(
            studio=f"{rng.choice(_LABEL_STEM)} Studios",
            city=rng.choice(_CITIES),
            year=year,
            year2=year + rng.randint(1, 20),
            label=f"{rng.choice(_LABEL_STEM)} Records",
            country=rng.choice(_COUNTRIES)[0],
            catno=f"{rng.choice('ABCDKLMRSX')}{rng.randint(1, 9999)}",
            n=rng.randint(1, 12),
            m=rng.randint(12, 24),
            big=rng.choice((300, 500, 1000, 2000)),
            person=_raw_person(rng),
            rid=rng.randint(1, 30_000_000),
            mid=rng.randint(1, 3_000_000),
            lid=rng.randint(1, 2_000_000),
            aid=rng.randint(1, 9_000_000),
            slug=f"{rng.choice(_WORDS).lower()}-{rng.randint(1, 999)}",
            title=_raw_title(rng, 3),
            barcode=f"{rng.randrange(10**12):012d}",
            date=f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            adj=rng.choice(("German", "British", "US", "Japanese", "Icelandic", "Brazilian")),
            job=rng.choice(("producer", "DJ", "singer", "guitarist", "composer", "rapper")),
            group=f"The {rng.choice(_BAND_ADJ)} {rng.choice(_BAND_NOUN)}",
        )
    )


def _raw_title(rng: random.Random, max_words: int) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(1, max_words))]
    words[0] = words[0].capitalize() if words[0].islower() else words[0]
    return " ".join(words)


@cache
def _pools() -> _Pools:
    """Build the shared pools (about 0.3 s, once per process)."""
    rng = random.Random(20260101)
    titles = tuple(_esc(_raw_title(rng, 4)) for _ in range(20_000))
    track_titles = []
    for _ in range(40_000):
        t = _raw_title(rng, 4)
        if rng.random() < 0.15:
            t += rng.choice(_TITLE_SUFFIX)
        track_titles.append(_esc(t))
    return _Pools(
        titles=titles,
        track_titles=tuple(track_titles),
        persons=tuple(_esc(_raw_person(rng)) for _ in range(5000)),
        note_lines=tuple(_fill(rng, rng.choice(_NOTE_LINES)) for _ in range(6000)),
        desc_lines=tuple(_fill(rng, rng.choice(_DESC_LINES)) for _ in range(6000)),
        profile_lines=tuple(_fill(rng, rng.choice(_PROFILE_LINES)) for _ in range(4000)),
        roles=tuple(_esc(r) for r in _table(_ROLES)),
        track_roles=tuple(_esc(r) for r in _table(_TRACK_ROLES)),
        joins=tuple(_esc(j) for j in _table(_JOINS)),
        genres=tuple(_esc(g) for g in _table(_GENRES)),
        styles={_esc(g): tuple(_esc(s) for s in ss) for g, ss in _STYLES.items()},
        countries=tuple(_esc(c) for c in _table(_COUNTRIES)),
        data_quality=_table(_DATA_QUALITY),
        entity_types=tuple((str(i), _esc(n)) for i, n in _ENTITY_TYPES),
    )
