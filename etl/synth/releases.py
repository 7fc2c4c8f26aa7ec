"""The releases dump: :class:`_ReleaseWriter` assembles one release record (formats,
artists and title, labels and series, extra artists, genres and styles, country and release
date, notes, data quality, master, tracklist, identifiers, videos, companies) from the pieces of
:class:`~etl.synth.release_parts._ReleaseParts`, and :func:`write_releases` streams a whole file.
"""

from __future__ import annotations

from pathlib import Path

from etl.synth.common import _FLUSH_PARTS, _SEPS, _esc, _pick, _Sink, _yt
from etl.synth.naming import VARIOUS_ID, _master_core, _master_of
from etl.synth.release_parts import _ReleaseParts
from etl.synth.vocabulary import _FILE_TEXTS, _MISC_FORMATS, _VINYL_TEXTS


class _ReleaseWriter(_ReleaseParts):
    """Builds release records; one instance per file, all randomness from ``rng``."""

    def record(self, rid: int, o: list[str]) -> None:
        """Append the pieces of release ``rid`` (one line, trailing newline) to ``o``."""
        rng = self.rng
        rnd = rng.random
        p = self.p
        a = o.append

        m, is_main = _master_of(rid, self.n, self.n_masters)
        core = _master_core(m, self.n_artists) if m else None
        box = rnd() < 0.01
        kind = self.kinds[int(rnd() * len(self.kinds))]
        compilation = (core is not None and not core.artists) or (core is None and rnd() < 0.05)

        # formats and tracklist shape
        f: list[str] = []
        if box:
            qty = 3 + int(rnd() * 38)
            ntracks = 100 + int(rnd() * rnd() * 501)
            media = "CD" if rnd() < 0.8 else "Vinyl"
            f.append(
                '<format name="Box Set" qty="1" text=""><descriptions>'
                "<description>Compilation</description>"
                "<description>Limited Edition</description></descriptions></format>"
            )
            f.append(
                f'<format name="{media}" qty="{qty}" text=""><descriptions>'
                f"<description>{'Album' if media == 'CD' else 'LP'}</description>"
                "<description>Remastered</description></descriptions></format>"
            )
            if rnd() < 0.3:
                f.append(
                    '<format name="DVD" qty="1" text=""><descriptions>'
                    "<description>DVD-Video</description><description>NTSC</description>"
                    "</descriptions></format>"
                )
            positions = self._positions("disc", ntracks, qty)
            if rnd() < 0.2:
                positions = [f"CD{x}" for x in positions]
            credit_rate, index_rate, heading_rate = 0.5, (0.12 if rnd() < 0.4 else 0.01), 0.01
        else:
            _, _, fname, qtys, base, extra, layout, (lo, hi) = kind
            qty = qtys[int(rnd() * len(qtys))]
            if fname == "Shellac":
                fname = _MISC_FORMATS[int(rnd() * len(_MISC_FORMATS))]
            text = (
                _pick(rnd, _FILE_TEXTS)
                if fname == "File"
                else _pick(rnd, _VINYL_TEXTS)
                if fname == "Vinyl"
                else ""
            )
            descs = list(base)
            if rnd() < 0.5:
                descs.append(_pick(rnd, extra))
            if compilation and "Compilation" not in descs:
                descs.append("Compilation")
            attrs = (
                f'name="{fname}" qty="{qty}"'
                if fname == "File" and rnd() < 0.05
                else f'name="{fname}" qty="{qty}" text="{text}"'
            )
            if rnd() < 0.035:
                f.append(f"<format {attrs}/>")
            else:
                f.append(f"<format {attrs}><descriptions>")
                f.extend(f"<description>{_esc(d)}</description>" for d in dict.fromkeys(descs))
                f.append("</descriptions></format>")
            if rnd() < 0.03:
                f.append(
                    '<format name="CD" qty="1" text=""><descriptions>'
                    "<description>Album</description></descriptions></format>"
                )
            ntracks = lo + int(rnd() * (hi - lo + 1))
            positions = self._positions(layout, ntracks, qty)
            u = rnd()
            credit_rate = 0.0 if u < 0.6 else 0.3 if u < 0.85 else 0.9
            index_rate = 0.02 if rnd() < 0.05 else 0.0
            heading_rate = 0.04 if rnd() < 0.03 else 0.0

        durs = rnd() < 0.55
        t: list[str] = []
        self._tracklist(t, positions, durs, credit_rate, compilation, index_rate, heading_rate)

        # artists and title
        a(f'<release id="{rid}"><artists>')
        if compilation:
            a(f"<artist><id>{VARIOUS_ID}</id><name>Various</name></artist>")
        elif core is not None:
            self._main_credits(o, core.artists)
        else:
            u = rnd()
            cnt = 1 if u < 0.87 else 2 if u < 0.97 else 3 + int(rnd() * 6)
            self._main_credits(o, [self._artist_idx() for _ in range(cnt)])
        title = core.title if core is not None else _pick(rnd, p.titles)
        u = rnd()
        if u < 0.025:
            title = f"{title} " if u < 0.015 else f" {title}"
        a(f"</artists><title>{title}</title><labels>")

        # labels, series
        u = rnd()
        for _ in range(1 if u < 0.85 else 2 if u < 0.97 else 3 + int(rnd() * 4)):
            li = self._label_idx()
            v = rnd()
            catno = (
                "none"
                if v < 0.05
                else f"{self.label_prefix[li]} {int(v * 99999)}"
                if v < 0.8
                else f"{self.label_prefix[li]}-{int(v * 999):03d} CD"
            )
            a(f'<label name="{self.label_attr[li]}" catno="{catno}" id="{li + 1}"/>')
        a("</labels>")
        if rnd() < 0.08:
            li = self._label_idx()
            v = rnd()
            catno = "" if v < 0.3 else str(int(v * 200)) if v < 0.8 else f"Vol. {int(v * 20)}"
            a(
                f'<series><series name="{self.label_attr[li]}" catno="{catno}" id="{li + 1}"/>'
                "</series>"
            )

        # extraartists
        u = rnd()
        nx = (
            0
            if u < 0.40
            else 1 + int(rnd() * 5)
            if u < 0.85
            else 6 + int(rnd() * 35)
            if u < 0.995
            else 50 + int(rnd() * 251)
        )
        if nx:
            a("<extraartists>")
            roles = p.roles
            for _ in range(nx):
                self._credit(o, roles[int(rnd() * len(roles))], self._tracks_attr(positions))
            a("</extraartists>")
        a("<formats>")
        o.extend(f)
        a("</formats>")

        # genres, styles, country, released
        if core is not None:
            genres, styles = core.genres, core.styles
        else:
            g1 = _pick(rnd, p.genres)
            genres = (g1,) if rnd() < 0.7 else tuple(dict.fromkeys((g1, _pick(rnd, p.genres))))
            ss = p.styles[g1]
            styles = tuple(dict.fromkeys(_pick(rnd, ss) for _ in range(int(rnd() * 4))))
        a("<genres>")
        o.extend(f"<genre>{g}</genre>" for g in genres)
        a("</genres>")
        if styles:
            a("<styles>")
            o.extend(f"<style>{s}</style>" for s in styles)
            a("</styles>")
        if rnd() < 0.97:
            a(f"<country>{_pick(rnd, p.countries)}</country>")
        base_year = core.year if core is not None and core.year else 1950 + int(rnd() * 76)
        year = base_year if is_main else min(2025, base_year + int(rnd() * rnd() * 30))
        u = rnd()
        if u < 0.89:
            mo, day = 1 + int(rnd() * 12), 1 + int(rnd() * 28)
            if u < 0.55:
                a(f"<released>{year}</released>")
            elif u < 0.62:
                a(f"<released>{year}-{mo:02d}-00</released>")
            elif u < 0.64:
                a(f"<released>{year}-00-00</released>")
            elif u < 0.8895:
                a(f"<released>{year}-{mo:02d}-{day:02d}</released>")
            else:
                a(
                    f"<released>{year}-13-00</released>"
                    if u < 0.88975
                    else "<released>197?</released>"
                )

        # notes, data quality, master
        u = rnd()
        if u < 0.64:
            nl = p.note_lines
            sep = _SEPS[int(rnd() * len(_SEPS))]
            lines = [nl[int(rnd() * len(nl))] for _ in range(1 + int(rnd() * rnd() * 10))]
            a(f"<notes>{sep.join(lines)}</notes>")
        elif u < 0.643:
            a("<notes>&#13;\n</notes>")
        a(
            f"<data_quality>{_pick(rnd, p.data_quality)}</data_quality>"
            f'<master_id is_main_release="{"true" if is_main else "false"}">{m}</master_id>'
            "<tracklist>"
        )
        o.extend(t)
        a("</tracklist>")

        # identifiers
        u = rnd()
        ni = 0 if u < 0.5 else 1 + int(rnd() * 4) if u < 0.97 else 5 + int(rnd() * 46)
        if ni:
            a("<identifiers>")
            for _ in range(ni):
                a(self._identifier(rid))
            a("</identifiers>")

        # videos
        u = rnd()
        nv = 0 if u < 0.5 else 1 + int(rnd() * 6) if u < 0.97 else 5 + int(rnd() * 30)
        if nv:
            a("<videos>")
            dl = p.desc_lines
            for _ in range(nv):
                a(
                    f'<video src="https://www.youtube.com/watch?v={_yt(rng)}" '
                    f'duration="{0 if rnd() < 0.05 else 60 + int(rnd() * 600)}" embed="true">'
                    f"<title>{_pick(rnd, p.track_titles)}</title>"
                )
                if rnd() < 0.85:
                    sep = _SEPS[int(rnd() * len(_SEPS))]
                    k = 1 + int(rnd() * rnd() * 14)
                    a(
                        f"<description>{sep.join(dl[int(rnd() * len(dl))] for _ in range(k))}"
                        "</description>"
                    )
                a("</video>")
            a("</videos>")

        # companies
        u = rnd()
        nc = (
            0
            if u < 0.55
            else 1 + int(rnd() * 6)
            if u < 0.98
            else 7 + int(rnd() * 31)
            if not box
            else 10 + int(rnd() * 28)
        )
        if nc:
            a("<companies>")
            ets = p.entity_types
            for _ in range(nc):
                li = self._label_idx()
                et, etn = ets[int(rnd() * len(ets))]
                cat = (
                    f"<catno>{self.label_prefix[li]} {int(rnd() * 9999)}</catno>"
                    if rnd() < 0.15
                    else ""
                )
                a(
                    f"<company><id>{li + 1}</id><name>{self.label_text[li]}</name>{cat}"
                    f"<entity_type>{et}</entity_type><entity_type_name>{etn}</entity_type_name>"
                    f"<resource_url>https://api.discogs.com/labels/{li + 1}</resource_url>"
                    "</company>"
                )
            a("</companies>")
        a("</release>\n")


def write_releases(
    path: Path,
    n: int,
    *,
    seed: int = 1,
    n_artists: int | None = None,
    n_labels: int | None = None,
    n_masters: int | None = None,
) -> int:
    """Write ``n`` releases (ids ``1..n``) to ``path``; return the bytes of XML written.

    Defaults for the referenced dumps follow :func:`write_month`: ``n/2`` artists, ``n/8``
    labels, ``n/7`` masters.
    """
    n_artists = max(1, n // 2) if n_artists is None else n_artists
    n_labels = max(1, n // 8) if n_labels is None else n_labels
    n_masters = min(n, max(1, n // 7)) if n_masters is None else n_masters
    if n_artists < 1 or n_labels < 1 or n_masters < 0 or n_masters > max(n, 0):
        raise ValueError("need n_artists >= 1, n_labels >= 1 and 0 <= n_masters <= n")
    gen = _ReleaseWriter(n, seed, n_artists, n_labels, n_masters)
    with _Sink(Path(path)) as sink:
        parts = sink.parts
        parts.append("<releases>\n")
        for rid in range(1, n + 1):
            gen.record(rid, parts)
            if len(parts) > _FLUSH_PARTS:
                sink.flush()
        parts.append("</releases>\n")
    return sink.bytes
