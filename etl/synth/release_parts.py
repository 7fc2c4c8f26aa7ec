"""The building blocks of a release record, as the base class of the release writer: its
per-file state (rng, pools, pre-escaped artist heads and label names, weighted format kinds),
popularity-skewed artist and label picks, main and extra artist credits, track positions and
``tracks`` attributes, the tracklist with index tracks, headings and sub-tracks, and identifiers.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from etl.synth.common import _attr, _esc, _fmt_duration, _pick
from etl.synth.naming import NAMELESS_LABEL_ID, _artist_id, _artist_name, _catno_prefix, _label_name
from etl.synth.pools import _pools
from etl.synth.vocabulary import _FORMAT_KINDS, _PLANTS, _RIGHTS, _SPARS


class _ReleaseParts:
    """Per-file state and the sub-record pieces of :class:`~etl.synth.releases._ReleaseWriter`."""

    def __init__(self, n: int, seed: int, n_artists: int, n_labels: int, n_masters: int) -> None:
        self.n, self.n_artists, self.n_labels, self.n_masters = n, n_artists, n_labels, n_masters
        self.rng = random.Random(seed)
        self.p = _pools()
        self.heads = [
            f"<id>{_artist_id(k)}</id><name>{_esc(_artist_name(k))}</name>"
            for k in range(n_artists)
        ]
        names = [_label_name(i) for i in range(1, n_labels + 1)]
        self.label_attr = [_attr(x or "") for x in names]
        self.label_text = [_esc(x or "") for x in names]
        self.label_prefix = [_catno_prefix(x) for x in names]
        self.kinds = tuple(k for k in _FORMAT_KINDS for _ in range(k[1]))

    # ---- small pieces

    def _artist_idx(self) -> int:
        u = self.rng.random()
        return int(self.n_artists * u * u)

    def _label_idx(self) -> int:
        u = self.rng.random()
        i = int(self.n_labels * u * u)
        if i + 1 == NAMELESS_LABEL_ID:  # the nameless label is not used by releases
            return i + 1 if i + 1 < self.n_labels else i - 1
        return i

    def _anv(self, k: int) -> str:
        name = _artist_name(k)
        first, _, rest = name.partition(" ")
        return _esc(f"{first[0]}. {rest}" if rest else name.upper())

    def _credit(self, o: list[str], role: str, tracks: str, link: float = 0.98) -> None:
        """An extra-artist credit; about 2% are unlinked (name only, no ``<id>``)."""
        rnd = self.rng.random
        a = o.append
        u = rnd()
        if u < link:
            k = self._artist_idx()
            a("<artist>")
            a(self.heads[k])
            if rnd() < 0.08:
                a(f"<anv>{self._anv(k)}</anv>")
        elif u < 0.9999:
            a(f"<artist><name>{_pick(rnd, self.p.persons)}</name>")
        else:
            a(f"<artist><id>0</id><name>{_pick(rnd, self.p.persons)}</name>")
        a(f"<role>{role}</role>")
        if tracks:
            a(f"<tracks>{tracks}</tracks>")
        a("</artist>")

    def _main_credits(self, o: list[str], idxs: Sequence[int]) -> None:
        """Main artist credits with joins between them (none after the last)."""
        rnd = self.rng.random
        last = len(idxs) - 1
        for i, k in enumerate(idxs):
            o.append("<artist>")
            o.append(self.heads[k])
            if rnd() < 0.04:
                o.append(f"<anv>{self._anv(k)}</anv>")
            if i < last:
                o.append(f"<join>{_pick(rnd, self.p.joins)}</join>")
            o.append("</artist>")

    def _tracks_attr(self, positions: list[str]) -> str:
        rnd = self.rng.random
        if not positions or rnd() < 0.75:
            return ""
        i = int(rnd() * len(positions))
        j = min(len(positions) - 1, i + int(rnd() * 4))
        u = rnd()
        if u < 0.4 or i == j:
            return positions[i]
        sep = " to " if u < 0.75 else ", "
        return f"{positions[i]}{sep}{positions[j]}"

    @staticmethod
    def _positions(layout: str, n: int, qty: int) -> list[str]:
        if layout == "num":
            return [str(i) for i in range(1, n + 1)]
        if layout == "disc":
            per = -(-n // qty)
            return [f"{i // per + 1}-{i % per + 1}" for i in range(n)]
        sides = max(2, 2 * qty)
        per = -(-n // sides)
        out: list[str] = []
        for s in range(sides):
            cnt = min(per, n - len(out))
            if cnt <= 0:
                break
            letter = chr(65 + s)
            out += [letter] if cnt == 1 else [f"{letter}{t}" for t in range(1, cnt + 1)]
        return out

    # ---- tracklist

    def _tracklist(
        self,
        t: list[str],
        positions: list[str],
        durs: bool,
        credit_rate: float,
        compilation: bool,
        index_rate: float,
        heading_rate: float,
    ) -> None:
        rnd = self.rng.random
        a = t.append
        tt = self.p.track_titles
        troles = self.p.track_roles
        i, n = 0, len(positions)
        while i < n:
            if rnd() < heading_rate:
                a(f"<track><title>{_pick(rnd, tt)}</title></track>")
            if n - i >= 3 and rnd() < index_rate:
                k = min(n - i, 2 + int(rnd() * 5))
                a(f"<track><title>{_pick(rnd, tt)}</title>")
                if durs and rnd() < 0.5:
                    a(f"<duration>{_fmt_duration(300 + int(rnd() * 1500), rnd() < 0.5)}</duration>")
                a("<sub_tracks>")
                if rnd() < 0.5:
                    subs = positions[i : i + k]
                    i += k
                else:
                    base = positions[i]
                    sep = "." if rnd() < 0.5 else ""
                    subs = [f"{base}{sep}{chr(97 + s)}" for s in range(k)]
                    i += 1
                for pos in subs:
                    self._track(t, pos, durs, credit_rate * 0.5, False, tt, troles)
                a("</sub_tracks></track>")
                continue
            self._track(t, positions[i], durs, credit_rate, compilation, tt, troles)
            i += 1

    def _track(
        self,
        t: list[str],
        pos: str,
        durs: bool,
        credit_rate: float,
        compilation: bool,
        tt: Sequence[str],
        troles: Sequence[str],
    ) -> None:
        rnd = self.rng.random
        a = t.append
        title = tt[int(rnd() * len(tt))]
        u = rnd()
        if u < 0.003:
            title = f" {title}" if u < 0.0015 else f"{title} "
        elif u < 0.0035:
            title = title.replace(" ", "&#9;", 1)
        a(
            f"<track><position>{pos}</position><title>{title}</title>"
            if pos
            else f"<track><title>{title}</title>"
        )
        if durs and rnd() < 0.95:
            u = rnd()
            sec = 90 + int(rnd() * 330) if u < 0.99 else 1800 + int(rnd() * 8000)
            a(f"<duration>{_fmt_duration(sec, rnd() < 0.5)}</duration>")
        if compilation or rnd() < 0.02:
            a("<artists>")
            ks = [self._artist_idx()] if rnd() < 0.8 else [self._artist_idx(), self._artist_idx()]
            self._main_credits(t, ks)
            a("</artists>")
        if credit_rate and rnd() < credit_rate:
            a("<extraartists>")
            for _ in range(1 + int(rnd() * rnd() * 5)):
                self._credit(t, troles[int(rnd() * len(troles))], "")
            a("</extraartists>")
        a("</track>")

    # ---- the record

    def _identifier(self, rid: int) -> str:
        rnd = self.rng.random
        u = rnd()
        if u < 0.35:
            typ, desc = "Barcode", ("", "", "Text", "Scanned")[int(rnd() * 4)]
            digits = f"{int(rnd() * 10**12):012d}"
            value = digits if rnd() < 0.5 else f"{digits[0]} {digits[1:7]} {digits[7:]}"
        elif u < 0.7:
            side = chr(65 + int(rnd() * 4))
            typ = "Matrix / Runout"
            desc = (
                "",
                f"Side {side}",
                f"Runout side {side}, variant {1 + int(rnd() * 3)}",
                "CD1",
                "Etched",
            )[int(rnd() * 5)]
            value = f"{_pick(rnd, _PLANTS)} {rid % 9000 + 100}-{side}{1 + int(rnd() * 3)}"
            if rnd() < 0.01:
                value += "&#9;"
        elif u < 0.8:
            typ, desc, value = "Rights Society", "", _pick(rnd, _RIGHTS)
        elif u < 0.86:
            typ, desc, value = "Label Code", "", f"LC {int(rnd() * 99999):05d}"
        elif u < 0.9:
            typ, desc = "Mastering SID Code", ""
            value = f"IFPI L{int(rnd() * 999):03d}"
        elif u < 0.93:
            typ, desc = "Mould SID Code", ("", "Version 1", "Version 2")[int(rnd() * 3)]
            value = f"IFPI {int(rnd() * 9999):04X}"
        elif u < 0.95:
            typ, desc, value = "SPARS Code", "", _pick(rnd, _SPARS)
        elif u < 0.96:
            typ, desc = "Depósito Legal", ""
            value = f"B-{int(rnd() * 99999)}-{1970 + int(rnd() * 50)}"
        elif u < 0.97:
            typ, desc, value = "ISRC", "", f"GB{int(rnd() * 10**10):010d}"
        else:
            typ, desc = (
                "Other",
                ("", "Cat#  Disc 1", "Price code", "Distribution &amp; Sales")[int(rnd() * 4)],
            )
            value = f"&quot;{int(rnd() * 999999)}&quot; &amp; &lt;x&gt;"
        return f'<identifier type="{typ}" description="{desc}" value="{value}"/>'
