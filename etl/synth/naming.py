"""Ids, names and the cross-file reference rules, all seed-independent (they depend only on
the sizes, which is what keeps the four dumps of a month consistent): artist ids (``1..n+1``
without 194 "Various") and names, group members, groups and aliases; label names (212 is the
nameless "DO NOT USE" label), parents and sublabels, catalogue-number prefixes; which master a
release belongs to, each master's main release, and the core (artists, title, genres, styles,
year) a master shares with its releases.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.synth.common import _mix
from etl.synth.pools import _pools
from etl.synth.vocabulary import (
    _BAND_ADJ,
    _BAND_NOUN,
    _CYR_FIRST,
    _CYR_LAST,
    _FIRST,
    _JP_FAMILY,
    _JP_GIVEN,
    _LABEL_STEM,
    _LABEL_SUFFIX,
    _LAST,
)

VARIOUS_ID = 194
NAMELESS_LABEL_ID = 212


def _artist_id(k: int) -> int:
    """Id of the artist at 0-based index ``k``: ``1..n+1`` skipping 194 ("Various")."""
    return k + 1 if k < VARIOUS_ID - 1 else k + 2


def _is_group(k: int) -> bool:
    return k % 10 == 0


def _artist_name(k: int) -> str:
    """Raw, seed-independent, mostly unique name of the artist at index ``k``."""
    if _is_group(k):
        j = k // 10
        na, nn = len(_BAND_ADJ), len(_BAND_NOUN)
        name = f"{_BAND_ADJ[j % na]} {_BAND_NOUN[j // na % nn]}"
        if j % 3 == 0:
            name = "The " + name
        cycle = j // (na * nn)
    elif k % 23 == 4:
        j = k // 23
        cf, cl = len(_CYR_FIRST), len(_CYR_LAST)
        name, cycle = f"{_CYR_FIRST[j % cf]} {_CYR_LAST[j // cf % cl]}", j // (cf * cl)
    elif k % 29 == 5:
        j = k // 29
        jf, jg = len(_JP_FAMILY), len(_JP_GIVEN)
        name, cycle = f"{_JP_FAMILY[j % jf]} {_JP_GIVEN[j // jf % jg]}", j // (jf * jg)
    else:
        nf, nl = len(_FIRST), len(_LAST)
        name, cycle = f"{_FIRST[k % nf]} {_LAST[k // nf % nl]}", k // (nf * nl)
    return f"{name} ({cycle + 1})" if cycle else name


def _group_size(g: int) -> int:
    return 2 + _mix(g) % 4


def _group_members(k: int, n: int) -> list[int]:
    """Member indexes of group ``k``: the next 2-5 persons, plus person ``k+19``."""
    out = [m for m in range(k + 1, k + 1 + _group_size(k)) if m < n]
    if k + 19 < n:
        out.append(k + 19)
    return out


def _artist_groups(k: int) -> list[int]:
    """Group indexes person ``k`` belongs to (inverse of :func:`_group_members`)."""
    g = k - k % 10
    out = [g] if 0 < k - g <= _group_size(g) else []
    if k % 10 == 9 and k >= 19:
        out.append(k - 19)
    return out


def _artist_aliases(k: int, n: int) -> list[int]:
    """Alias indexes: persons ``…7`` and ``…8`` are aliases of each other."""
    if k % 10 == 7 and k + 1 < n:
        return [k + 1]
    if k % 10 == 8:
        return [k - 1]
    return []


def _label_name(lid: int) -> str | None:
    """Raw name of label ``lid`` (None for the nameless label 212)."""
    if lid == NAMELESS_LABEL_ID:
        return None
    j = lid - 1
    ns, nx = len(_LABEL_STEM), len(_LABEL_SUFFIX)
    suffix = _LABEL_SUFFIX[j // ns % nx]
    name = f"{_LABEL_STEM[j % ns]} {suffix}" if suffix else _LABEL_STEM[j % ns]
    cycle = j // (ns * nx)
    return f"{name} ({cycle + 1})" if cycle else name


def _label_parent(lid: int) -> int | None:
    """Parent label id: ``10p+1`` and ``10p+2`` are sublabels of ``p`` (so 1 > 11 > 111 > 1111),
    every 50th label from 53 on is a sublabel of label 1, 2 or 3."""
    if lid == NAMELESS_LABEL_ID:
        return None
    if lid >= 10 and lid % 10 in (1, 2):
        return lid // 10
    if lid >= 53 and lid % 50 == 3:
        return lid // 50 % 3 + 1
    return None


def _label_children(lid: int, n: int) -> list[int]:
    """Sublabel ids of label ``lid`` among labels ``1..n`` (inverse of :func:`_label_parent`)."""
    out = [c for c in (10 * lid + 1, 10 * lid + 2) if c <= n and c != NAMELESS_LABEL_ID]
    if lid <= 3:
        out += [c for c in range(53, n + 1, 50) if c // 50 % 3 + 1 == lid]
    return out


def _catno_prefix(name: str | None) -> str:
    letters = "".join(w[0] for w in (name or "X").split() if w[:1].isascii() and w[:1].isalpha())
    return (letters.upper() or "CAT")[:4]


def _block(n_releases: int, n_masters: int) -> int:
    return max(1, n_releases // n_masters)


def _master_of(rid: int, n_releases: int, n_masters: int) -> tuple[int, bool]:
    """(master id or 0, is main release) of release ``rid``.

    Master ``m`` owns the block of releases ``(m-1)*b+1 .. m*b``; one of them (chosen by hash) is
    its main release, about half of the others are further versions, the rest have no master.
    """
    if n_masters <= 0:
        return 0, False
    b = _block(n_releases, n_masters)
    m = (rid - 1) // b + 1
    if m > n_masters:
        return 0, False
    off = (rid - 1) % b
    if off == _mix(m) % b:
        return m, True
    return (m, False) if _mix(rid ^ 0x5BD1E995) % 100 < 55 else (0, False)


def _main_release(m: int, n_releases: int, n_masters: int) -> int:
    b = _block(n_releases, n_masters)
    return (m - 1) * b + 1 + _mix(m) % b


@dataclass(frozen=True)
class _MasterCore:
    """The parts of a master its releases share: artists, title, genres, styles, year."""

    artists: tuple[int, ...]  # artist indexes; empty means "Various"
    title: str
    genres: tuple[str, ...]
    styles: tuple[str, ...]
    year: int


def _skewed(h: int, n: int) -> int:
    """Map hash bits to ``0..n-1`` with a popularity skew (low indexes are frequent)."""
    u = (h & 0xFFFFFFFF) / 4294967296.0
    return int(n * u * u)


def _master_core(m: int, n_artists: int) -> _MasterCore:
    p = _pools()
    h1 = _mix(m * 7919 + 1)
    h2 = _mix(h1)
    if h1 % 100 < 4:
        artists: tuple[int, ...] = ()
    elif h1 % 100 < 14:
        artists = (_skewed(h2, n_artists), _skewed(h2 >> 32, n_artists))
    else:
        artists = (_skewed(h2, n_artists),)
    g1 = p.genres[(h1 >> 8) % len(p.genres)]
    genres = (
        (g1,) if (h1 >> 20) % 4 else tuple(dict.fromkeys((g1, p.genres[(h2 >> 8) % len(p.genres)])))
    )
    ss = p.styles[g1]
    ns = (h2 >> 24) % 4
    styles = tuple(dict.fromkeys(ss[(h2 >> (30 + 4 * i)) % len(ss)] for i in range(ns)))
    year = 0 if (h1 >> 40) % 40 == 0 else 1950 + (h2 >> 50) % 76
    return _MasterCore(artists, p.titles[(h1 >> 28) % len(p.titles)], genres, styles, year)
