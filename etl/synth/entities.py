"""The artists, labels and masters dumps: :func:`write_artists` (groups with members, persons
with groups and aliases, profiles, URLs, name variations), :func:`write_labels` (parent labels and
sublabels, the nameless label 212) and :func:`write_masters` (main releases and the cores the
releases of each master share), every cross-reference following :mod:`etl.synth.naming`.
"""

from __future__ import annotations

import random
from pathlib import Path

from etl.synth.common import _CRLF, _FLUSH_PARTS, _esc, _pick, _Sink, _yt
from etl.synth.naming import (
    VARIOUS_ID,
    _artist_aliases,
    _artist_groups,
    _artist_id,
    _artist_name,
    _group_members,
    _is_group,
    _label_children,
    _label_name,
    _label_parent,
    _main_release,
    _master_core,
)
from etl.synth.pools import _pools
from etl.synth.vocabulary import _CITIES

# --------------------------------------------------------------------------- artists


def write_artists(path: Path, n: int, *, seed: int = 2) -> int:
    """Write ``n`` artists (ids ``1..n+1`` without 194); return the bytes of XML written.

    Groups (every 10th artist) list their members, members list their groups, and some persons
    are aliases of each other; every reference stays inside the file.
    """
    rng = random.Random(seed)
    rnd = rng.random
    p = _pools()
    with _Sink(Path(path)) as sink:
        o = sink.parts
        a = o.append
        a("<artists>\n")
        for k in range(n):
            name = _artist_name(k)
            a(f"<artist><id>{_artist_id(k)}</id><name>{_esc(name)}</name>")
            if not _is_group(k) and rnd() < 0.25:
                real = _pick(rnd, p.persons)
                a(
                    f"<realname>{real}&#13;\n{real[:5]}</realname>"
                    if rnd() < 0.01
                    else f"<realname>{real}</realname>"
                )
            if rnd() < 0.45:
                pl = p.profile_lines
                lines = [pl[int(rnd() * len(pl))] for _ in range(1 + int(rnd() * rnd() * 6))]
                a(f"<profile>{_CRLF.join(lines)}</profile>")
            a(f"<data_quality>{_pick(rnd, p.data_quality)}</data_quality>")
            if rnd() < 0.25:
                slug = "".join(c for c in name.lower() if c.isascii() and c.isalnum()) or str(k)
                urls = [
                    f"https://www.facebook.com/{slug}",
                    f"https://soundcloud.com/{slug}",
                    f"https://en.wikipedia.org/wiki/{slug}",
                    f"http://www.{slug}.com",
                    f" https://{slug}.bandcamp.com/ ",
                ]
                a("<urls>")
                o.extend(f"<url>{u}</url>" for u in urls[: 1 + int(rnd() * 5)])
                a("</urls>")
            if rnd() < 0.3:
                first, _, rest = name.partition(" ")
                vs = [
                    name.upper(),
                    f"{first[0]}. {rest}" if rest else name.lower(),
                    name.replace(" ", ""),
                    name.removeprefix("The "),
                    f"{name} & Friends",
                ]
                a("<namevariations>")
                o.extend(f"<name>{_esc(v)}</name>" for v in vs[: 1 + int(rnd() * 5)])
                a("</namevariations>")
            aliases = _artist_aliases(k, n)
            if aliases:
                a("<aliases>")
                o.extend(
                    f'<name id="{_artist_id(x)}">{_esc(_artist_name(x))}</name>' for x in aliases
                )
                a("</aliases>")
            if _is_group(k):
                members = _group_members(k, n)
                if members:
                    a("<members>")
                    o.extend(
                        f'<name id="{_artist_id(x)}">{_esc(_artist_name(x))}</name>'
                        for x in members
                    )
                    a("</members>")
            else:
                groups = _artist_groups(k)
                if groups:
                    a("<groups>")
                    o.extend(
                        f'<name id="{_artist_id(x)}">{_esc(_artist_name(x))}</name>' for x in groups
                    )
                    a("</groups>")
            a("</artist>\n")
            if len(o) > _FLUSH_PARTS:
                sink.flush()
        a("</artists>\n")
    return sink.bytes


# --------------------------------------------------------------------------- labels


def write_labels(path: Path, n: int, *, seed: int = 3) -> int:
    """Write ``n`` labels (ids ``1..n``) with a parent/sublabel hierarchy; return XML bytes.

    Chains such as 1 > 11 > 111 > 1111 give depth, labels 1-3 get long sublabel lists, label 212
    has no ``<name>`` (as in the 2024-12+ dumps) so its sublabels carry ``<parentLabel id="212"/>``.
    """
    rng = random.Random(seed)
    rnd = rng.random
    p = _pools()
    with _Sink(Path(path)) as sink:
        o = sink.parts
        a = o.append
        a("<labels>\n")
        for lid in range(1, n + 1):
            name = _label_name(lid)
            a(f"<label><id>{lid}</id>")
            if name is not None:
                a(f"<name>{_esc(name)}</name>")
            if rnd() < 0.15:
                a(
                    f"<contactinfo>{_esc(name or '')}&#13;\n{int(rnd() * 9000) + 1} "
                    f"{_pick(rnd, _CITIES)} Street&#13;\n{_pick(rnd, _CITIES)}&#13;\n"
                    f"[url=mailto:info@label{lid}.example]info@label{lid}.example[/url]"
                    "</contactinfo>"
                )
            if rnd() < 0.3:
                pl = p.profile_lines
                lines = [pl[int(rnd() * len(pl))] for _ in range(1 + int(rnd() * 4))]
                lines.append(f"Label Code: LC {lid % 99999:05d}")
                a(f"<profile>{_CRLF.join(lines)}</profile>")
            a(f"<data_quality>{_pick(rnd, p.data_quality)}</data_quality>")
            parent = _label_parent(lid)
            if parent is not None:
                pname = _label_name(parent)
                a(
                    f'<parentLabel id="{parent}">{_esc(pname)}</parentLabel>'
                    if pname
                    else f'<parentLabel id="{parent}"/>'
                )
            if rnd() < 0.35:
                a("<urls>")
                o.extend(
                    f"<url>http://www.label{lid}.example/{x}</url>"
                    for x in ("", "shop", "about")[: 1 + int(rnd() * 3)]
                )
                a("</urls>")
            else:
                a("<urls/>")
            children = _label_children(lid, n)
            if children:
                a("<sublabels>")
                for c in children:
                    cname = _label_name(c)
                    a(f'<label id="{c}">{_esc(cname)}</label>' if cname else f'<label id="{c}"/>')
                a("</sublabels>")
            a("</label>\n")
            if len(o) > _FLUSH_PARTS:
                sink.flush()
        a("</labels>\n")
    return sink.bytes


# --------------------------------------------------------------------------- masters


def write_masters(
    path: Path,
    n: int,
    *,
    n_releases: int,
    seed: int = 4,
    n_artists: int | None = None,
) -> int:
    """Write ``n`` masters (ids ``1..n``) for a releases dump of ``n_releases``; return XML bytes.

    ``main_release`` points at the release that carries the master with
    ``is_main_release="true"``; artists, title, genres and styles are the ones its releases use.
    ``n_artists`` defaults to ``n_releases / 2`` like :func:`write_releases`.
    """
    if n > n_releases:
        raise ValueError("a masters dump cannot have more masters than releases")
    n_artists = max(1, n_releases // 2) if n_artists is None else n_artists
    rng = random.Random(seed)
    rnd = rng.random
    p = _pools()
    with _Sink(Path(path)) as sink:
        o = sink.parts
        a = o.append
        a("<masters>\n")
        for m in range(1, n + 1):
            core = _master_core(m, n_artists)
            a(
                f'<master id="{m}"><main_release>{_main_release(m, n_releases, n)}</main_release>'
                "<artists>"
            )
            if core.artists:
                for k in core.artists:
                    a(
                        f"<artist><id>{_artist_id(k)}</id><name>{_esc(_artist_name(k))}</name>"
                        "<join>,</join></artist>"
                    )
            else:
                a(f"<artist><id>{VARIOUS_ID}</id><name>Various</name><join>,</join></artist>")
            a("</artists><genres>")
            o.extend(f"<genre>{g}</genre>" for g in core.genres)
            a("</genres>")
            if core.styles:
                a("<styles>")
                o.extend(f"<style>{s}</style>" for s in core.styles)
                a("</styles>")
            if rnd() < 0.05:
                a(f"<notes>{_pick(rnd, p.note_lines)}</notes>")
            a(
                f"<year>{core.year}</year><title>{core.title}</title>"
                "<data_quality>Correct</data_quality>"
            )
            if rnd() < 0.6:
                a("<videos>")
                for _ in range(1 + int(rnd() * rnd() * 12)):
                    a(
                        f'<video src="https://www.youtube.com/watch?v={_yt(rng)}" '
                        f'duration="{int(rnd() * 600)}" embed="true">'
                        f"<title>{_pick(rnd, p.track_titles)}</title>"
                    )
                    if rnd() < 0.85:
                        a(f"<description>{_pick(rnd, p.desc_lines)}</description>")
                    a("</video>")
                a("</videos>")
            a("</master>\n")
            if len(o) > _FLUSH_PARTS:
                sink.flush()
        a("</masters>\n")
    return sink.bytes
