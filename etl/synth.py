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
import base64
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

import isal.igzip

__all__ = ["write_artists", "write_labels", "write_masters", "write_month", "write_releases"]

VARIOUS_ID = 194
NAMELESS_LABEL_ID = 212
_M64 = (1 << 64) - 1
_FLUSH_PARTS = 40_000
_CRLF = "&#13;\n"
# line separators of multi-line texts: LF, blank line, CRLF (CR written as &#13;)
_SEPS = ("\n", "\n", "\n\n", "&#13;\n", "&#13;\n&#13;\n")

# --------------------------------------------------------------------------- vocabulary (raw)
# fmt: off

_FIRST = (
    "John", "Paul", "Mark", "David", "Michael", "Peter", "Chris", "Steve", "Richard", "Tom",
    "James", "Robert", "Anna", "Maria", "Laura", "Sarah", "Emma", "Julia", "Claire", "Nina",
    "José", "François", "Björn", "Søren", "Zoë", "Jürgen", "Ágúst", "Łukasz", "Jiří", "Dániel",
    "Renée", "Noël", "Sigurður", "Çağlar", "André", "Mónica", "Håkan", "Inés", "Thérèse", "Lars",
    "DJ", "MC", "Lil'", "Dr.", "Kid", "Big", "Sister", "Uncle", "King", "Lady",
    "Carlos", "Pedro", "Kenji", "Luca", "Marco", "Jan", "Pieter", "Ahmed", "Fela", "Miles",
)
_LAST = (
    "Smith", "Johnson", "Brown", "Miller", "Davis", "Wilson", "Moore", "Taylor", "Anderson",
    "Thomas", "Jackson", "White", "Harris", "Martin", "Thompson", "Garcia", "Martinez", "Clark",
    "Lewis", "Walker", "Young", "King", "Wright", "Hill", "Scott", "Green", "Baker", "Adams",
    "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker",
    "Müller", "Schröder", "Dahlbäck", "Gardarsson", "Jónsson", "Þórarinsson", "Nuñez", "Lefèvre",
    "Østergaard", "Kowalczyk", "Dvořák", "Öztürk", "Fernández", "Gonçalves", "Ó Floinn", "Åberg",
    "O'Donnell", "O'Brien", "McCartney", "Van Der Berg", "De La Cruz", "D'Angelo", "St. John",
    "Kool & The Gang", "Legowitz", "Bliss", "Oliver", "Bigg", "Corbijn", "Gahan", "Wilder",
    "Marsico", "Veloso", "Morelenbaum", "Kuti", "Davis Jr.", "Sakamoto", "Hosono", "Diop", "Kone",
    "Larsen", "Nieminen", "Virtanen", "Horváth", "Novak", "Popescu", "Rossi", "Esposito", "Bauer",
)
_CYR_FIRST = ("Иван", "Алексей", "Ольга", "Наталья", "Сергей", "Дмитрий", "Татьяна", "Юрий")
_CYR_LAST = ("Петров", "Смирнова", "Кузнецов", "Соколов", "Попова", "Лебедев", "Морозов", "Волков")
_JP_FAMILY = ("坂本", "細野", "山下", "竹内", "久石", "高橋", "中田", "小室", "椎名", "宇多田")
_JP_GIVEN = ("龍一", "晴臣", "達郎", "まりや", "譲", "幸宏", "ヤスタカ", "哲哉", "林檎", "ヒカル")
_BAND_ADJ = (
    "Black", "Electric", "Silver", "Velvet", "Neon", "Golden", "Crimson", "Lost", "Dark", "Happy",
    "Broken", "Cosmic", "Digital", "Wild", "Secret", "Frozen", "Burning", "Hidden", "Sonic",
    "Psychic", "Atomic", "Royal", "Tropical", "Liquid", "Infinite", "Urban", "Rebel", "Mighty",
    "Schwarze", "Rote", "Les Petits", "Los Grandes", "Électrique", "Ночные", "東京",
)
_BAND_NOUN = (
    "Machines", "Orchestra", "Collective", "Sound System", "Brothers", "Sisters", "Quartet", "Trio",
    "Ensemble", "Project", "Experience", "Underground", "Revival", "Allstars", "Crew", "Posse",
    "Connection", "Society", "Band", "Boys", "Girls", "Dreams", "Hearts", "Ghosts", "Wolves",
    "Kings & Queens", "Riders", "Tapes", "Frequencies", "Signals", "Tigers", "Souls", "Angels",
    "Kapelle", "Chor", "Groupe", "Combo", "Снайперы", "楽団",
)
_LABEL_STEM = (
    "Rough Trade", "Mute", "Warp", "Sire", "Reprise", "Blue Note", "Verve", "Island", "Virgin",
    "Parlophone", "Columbia", "Epic", "Atlantic", "Elektra", "Motown", "Stax", "Chess", "Trojan",
    "Factory", "Creation", "Domino", "Ninja Tune", "Kompakt", "Tresor", "Svek", "Network Medien",
    "Four Music", "Polydor", "Decca", "Deutsche Grammophon", "Harmonia Mundi", "Nonesuch", "ECM",
    "Sub Pop", "Matador", "Merge", "Drag City", "4AD", "Beggars", "XL", "R&S", "Planet E",
    "Underground Resistance", "Metroplex", "Strictly Rhythm", "Nervous", "Defected", "Hed Kandi",
    "Мелодия", "東芝EMI", "Éditions Zéro", "Café Del Mar", "Señor Coconut", "Tonträger Süd",
    "Big & Small", "Salt 'N' Pepper", "The \"Real\" Deal", "Copyright Control", "Windswept Pacific",
)
_LABEL_SUFFIX = (
    "Records", "Recordings", "Music", "", "Records Ltd.", "Music GmbH", "Records Inc.",
    "Entertainment", "Label Group", "Disques", "Tonträger", "Publishing", "Productions", "Audio",
    "Sound", "Distribution", "Pressing Plant", "Studios", "Mastering", "Records B.V.",
)
_WORDS = (
    "Love", "Night", "Day", "Dream", "Fire", "Water", "Heart", "Soul", "Dance", "Time", "Light",
    "Dark", "Blue", "Red", "Gold", "Silver", "City", "Sun", "Moon", "Star", "Rain", "Wind",
    "Summer", "Winter", "Paradise", "Machine", "Voice", "Silence", "Echo", "Shadow", "Mirror",
    "Road", "River", "Ocean", "Island", "Freedom", "Revolution", "Memory", "Future", "Yesterday",
    "Tomorrow", "Forever", "Never", "Again", "Home", "World", "Life", "Death", "Angel", "Devil",
    "Baby", "Girl", "Boy", "Man", "Woman", "Money", "Power", "Glory", "Groove", "Funk", "Jam",
    "Rhythm", "Beat", "Bass", "Disco", "Electric", "Cosmic", "Midnight", "Morning", "Evening",
    "Östermalm", "Södermalm", "Café", "Señorita", "Mañana", "Crème", "Déjà Vu", "Über", "Nöel",
    "Ночь", "Любовь", "Звезда", "Город", "夜", "東京", "愛", "夢", "さくら", "Rock & Roll",
    "R&B", "<Untitled>", "\"Live\"", "Don't", "Can't", "It's", "I'm", "You", "Me", "We", "Them",
    "Of", "The", "In", "On", "To", "And", "My", "Your", "All", "No", "One", "Two", "Three",
)
_TITLE_SUFFIX = (
    " (Original Mix)", " (Radio Edit)", " (Extended Version)", " (Live)", " (Remix)", " (Dub)",
    " (Instrumental)", " (Acoustic)", " (Demo)", " (Edit)", " (Remastered)", " (Reprise)",
    " (12\" Version)", " (Club Mix)", " - Part 1", " - Part 2", " (Intro)", " [Bonus Track]",
)
_ROLES = (
    ("Written-By", 30), ("Producer", 12), ("Composed By", 5), ("Vocals", 5), ("Music By", 5),
    ("Remix", 5), ("Lyrics By", 4), ("Guitar", 4), ("Drums", 4), ("Bass", 3),
    ("Mastered By", 3), ("Lead Vocals", 3), ("Engineer", 3), ("Featuring", 3),
    ("Arranged By", 3), ("Mixed By", 3), ("Backing Vocals", 2), ("Piano", 2), ("Recorded By", 2),
    ("Performer", 2), ("Executive-Producer", 2), ("Photography By", 2), ("Keyboards", 1),
    ("Design", 1), ("Engineer [Assistant]", 1), ("Violin", 1), ("Orchestra", 1),
    ("Written-By, Producer", 1), ("Conductor", 1), ("Trumpet", 1), ("Liner Notes", 1),
    ("Remix, Producer [Additional]", 1), ("Art Direction", 1), ("Lacquer Cut By", 1),
    ("Photography By [Underwater Photograph]", 1), ("Producer, Arranged By, Mixed By", 1),
    ("Other [Maculelê]", 1), ("Music By [All Tracks By]", 1), ("Design [Assistant]", 1),
)
_TRACK_ROLES = (
    ("Written-By", 40), ("Producer", 10), ("Remix", 10), ("Featuring", 8), ("Vocals", 6),
    ("Lyrics By", 5), ("Music By", 5), ("Arranged By", 3), ("Mixed By", 3), ("Composed By", 5),
    ("Remix, Producer [Additional]", 2), ("Conductor", 1), ("Orchestra", 1), ("Performer", 1),
)
_JOINS = ((",", 40), ("&", 20), ("Feat.", 10), ("/", 5), ("And", 5), ("vs.", 5), ("•", 1),
          (" &", 2), ("+", 2), ("With", 2), ("x", 1), ("Presents", 1), ("Featuring", 1))
_GENRES = (
    ("Electronic", 30), ("Rock", 25), ("Pop", 15), ("Folk, World, & Country", 6),
    ("Classical", 4), ("Jazz", 5), ("Funk / Soul", 7), ("Hip Hop", 5), ("Stage & Screen", 2),
    ("Latin", 2), ("Blues", 2), ("Reggae", 2), ("Non-Music", 1), ("Children's", 1),
    ("Brass & Military", 1),
)
_STYLES = {
    "Electronic": ("House", "Deep House", "Techno", "Tech House", "Electro", "Synth-pop",
                   "Ambient", "Downtempo", "Trance", "Experimental", "Euro House", "Drum n Bass"),
    "Rock": ("Pop Rock", "Alternative Rock", "Punk", "Indie Rock", "Hard Rock", "Heavy Metal",
             "Classic Rock", "Psychedelic Rock", "Prog Rock", "New Wave", "Rock & Roll"),
    "Pop": ("Ballad", "Vocal", "Europop", "Chanson", "Schlager", "Soft Rock", "J-pop", "Kayōkyoku"),
    "Folk, World, & Country": ("Folk", "Country", "Celtic", "African", "Bluegrass", "Country Rock"),
    "Classical": ("Romantic", "Baroque", "Classical", "Contemporary", "Opera", "Modern"),
    "Jazz": ("Contemporary Jazz", "Hard Bop", "Cool Jazz", "Big Band", "Fusion", "Free Jazz"),
    "Funk / Soul": ("Soul", "Funk", "Disco", "Rhythm & Blues", "RnB/Swing", "Neo Soul"),
    "Hip Hop": ("Boom Bap", "Hardcore Hip-Hop", "Trap", "Conscious", "Pop Rap", "Instrumental"),
    "Stage & Screen": ("Soundtrack", "Score", "Musical", "Theme"),
    "Latin": ("Salsa", "Bossa Nova", "MPB", "Cumbia", "Samba"),
    "Blues": ("Blues Rock", "Chicago Blues", "Delta Blues", "Electric Blues"),
    "Reggae": ("Dub", "Roots Reggae", "Dancehall", "Ska", "Rocksteady"),
    "Non-Music": ("Field Recording", "Spoken Word", "Comedy", "Interview", "Noise"),
    "Children's": ("Educational", "Story", "Nursery Rhymes"),
    "Brass & Military": ("Marches", "Brass Band", "Military"),
}
_COUNTRIES = (
    ("US", 25), ("Germany", 9), ("UK", 8), ("Japan", 6), ("Italy", 4), ("Canada", 4),
    ("Netherlands", 4), ("France", 3), ("Spain", 3), ("Russia", 3), ("Europe", 3), ("Sweden", 2),
    ("Australia", 2), ("Poland", 2), ("Norway", 1), ("Greece", 1), ("Switzerland", 1),
    ("Czechoslovakia", 1), ("UK & Europe", 1), ("Rhodesia", 1), ("Denmark", 1), ("USSR", 1),
    ("Brazil", 1), ("Jamaica", 1), ("Unknown", 1), ("Worldwide", 1), ("Iceland", 1),
)
_DATA_QUALITY = (("Needs Vote", 55), ("Correct", 35), ("Complete and Correct", 3),
                 ("Needs Minor Changes", 5), ("Needs Major Changes", 2))
_ENTITY_TYPES = (
    (4, "Record Company"), (5, "Licensed To"), (6, "Licensed From"), (7, "Licensed Through"),
    (8, "Marketed By"), (9, "Distributed By"), (10, "Manufactured By"),
    (13, "Phonographic Copyright (p)"), (14, "Copyright (c)"), (16, "Made By"),
    (17, "Pressed By"), (18, "Duplicated By"), (19, "Printed By"), (21, "Published By"),
    (23, "Recorded At"), (24, "Engineered At"), (27, "Mixed At"), (29, "Mastered At"),
    (30, "Lacquer Cut At"), (31, "Glass Mastered At"), (33, "Designed At"),
    (35, "Remastered At"), (42, "Exclusive Retailer"),
)
_CITIES = ("London", "Berlin", "New York", "Detroit", "Chicago", "Reykjavík", "Stockholm",
           "Tokyo", "Москва", "São Paulo", "Kingston", "Paris", "Düsseldorf", "Lagos")
_NOTE_LINES = (
    "Recorded at {studio}, {city}.", "Mastered at {studio}.", "℗ {year} {label} © {year} {label}",
    "Made in {country}.", "Catalog number on spine: {catno}", "Manufactured in the EU",
    "Tracks {n} to {m} previously unreleased.", "[b]Limited edition of {big} copies.[/b]",
    "Includes {n}-page booklet with lyrics.", "Cover photo by [a={person}].",
    "Distributed by [l={label}].", "See also [r={rid}] and [m{mid}].", "Produced for [l{lid}].",
    "More info: [url=https://www.example.com/{slug}]website[/url]",
    "Barcode sticker on shrinkwrap: {barcode}", "Отпечатано в СССР.", "日本盤 帯付き 解説書付",  # noqa: RUF001
    "Édition limitée numérotée.", 'Track {n} is mislabeled as "{title}" on the sleeve.',
    "Runout etchings: <{catno}> & \"{slug}\"", "All songs written by [a={person}] & [a={person}].",
    "[i]Dedicated to {person}.[/i]", "Printed in {country} by {label}.",
)
_DESC_LINES = (
    "Provided to YouTube by {label}", "{title} · {person}", "℗ {year} {label}",
    "Released on: {date}", "Producer: {person}", "Associated  Performer: {person}",
    "Composer: {person}", "Auto-generated by YouTube.", "Official video for \"{title}\"",
    "https://www.discogs.com/release/{rid}", "Subscribe: https://www.youtube.com/@{slug}",
    "Video upload powered by https://www.TunesToTube.com", "Lyrics: {person} & {person}",
)
_PROFILE_LINES = (
    "{adj} {job} from {city}.", "Member of [a={group}] since {year}.",
    "Founded [l={label}] in {year}.",
    "Also recorded as [a{aid}].", "Born {date} in {city}.", "Not to be confused with [a={person}].",
    "[b]Please do not use for {person}.[/b]", "Brother of [a={person}].", "Died {date}.",
    "Worked for [l{lid}] & [l={label}] between {year} and {year2}.",
)
_FORMAT_KINDS = (
    # kind, weight, format name, qty choices, base descriptions, extra descriptions, layout,
    # (min tracks, max tracks)
    ("lp", 20, "Vinyl", (1, 1, 1, 2), ("LP", "Album"), ("Reissue", "Stereo", "Gatefold", "Mono",
     "Promo", "Limited Edition", "Repress", "180 Gram"), "side", (6, 14)),
    ("12in", 14, "Vinyl", (1,), ('12"', "33 ⅓ RPM"), ("Single", "EP", "Maxi-Single", "45 RPM",
     "White Label", "Promo", "Test Pressing"), "side", (2, 6)),
    ("7in", 10, "Vinyl", (1,), ('7"', "45 RPM"), ("Single", "Promo", "Stereo", "Mono"),
     "side", (2, 2)),
    ("cd", 22, "CD", (1,), ("Album",), ("Reissue", "Remastered", "Enhanced", "Promo",
     "Limited Edition", "Digipak"), "num", (8, 18)),
    ("cds", 6, "CD", (1,), ("Single",), ("Maxi-Single", "Promo", "Enhanced"), "num", (2, 6)),
    ("2cd", 4, "CD", (2, 2, 3), ("Album",), ("Compilation", "Deluxe Edition", "Remastered"),
     "disc", (18, 34)),
    ("file", 10, "File", (1,), ("MP3",), ("Album", "Single", "EP", "FLAC", "WAV", "AAC"),
     "num", (1, 12)),
    ("cass", 6, "Cassette", (1,), ("Album",), ("Stereo", "Dolby HX Pro", "Reissue"),
     "side", (6, 12)),
    ("cdr", 4, "CDr", (1,), ("Album",), ("Mixed", "Promo", "Unofficial Release"), "num", (4, 15)),
    ("dvd", 1, "DVD", (1,), ("DVD-Video",), ("PAL", "NTSC", "Concert"), "num", (8, 20)),
    ("misc", 3, "Shellac", (1,), ('10"', "78 RPM"), ("Single",), "side", (2, 2)),
)
_MISC_FORMATS = ("Shellac", "Flexi-disc", "Reel-To-Reel", "8-Track Cartridge", "VHS", "Acetate",
                 "All Media", "Lathe Cut")
_FILE_TEXTS = ("320 kbps", "FLAC", "", "64 kbps", "24bit/96kHz", "")
_VINYL_TEXTS = ("", "", "", "", "", "White", "Black", "Red Translucent", "Gatefold", "Etched")
_RIGHTS = ("GEMA", "BIEM", "ASCAP", "JASRAC", "BMI", "SACEM", "STEMRA", "PRS", "BIEM/GEMA")
_SPARS = ("AAD", "ADD", "DDD")
_PLANTS = ("SR", "MPO", "DADC Austria", "Optimal Media", "GZ", "Pallas", "RTI")

# fmt: on

# --------------------------------------------------------------------------- helpers


def _esc(s: str) -> str:
    """Escape element text as the dumps do (CR and TAB as character references)."""
    return (
        s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\r", "&#13;")
        .replace("\t", "&#9;")
    )


def _attr(s: str) -> str:
    """Escape an attribute value (text escaping plus ``&quot;``)."""
    return _esc(s).replace('"', "&quot;")


def _mix(x: int) -> int:
    """SplitMix64 finaliser: a fast, seed-free, platform-independent integer hash."""
    x = (x + 0x9E3779B97F4A7C15) & _M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _M64
    return x ^ (x >> 31)


def _table(weighted: Sequence[tuple[str, int]]) -> tuple[str, ...]:
    """Expand (value, weight) pairs into a flat lookup table for uniform index picks."""
    return tuple(v for v, w in weighted for _ in range(w))


def _pick(rnd: Callable[[], float], seq: Sequence[str]) -> str:
    return seq[int(rnd() * len(seq))]


def _yt(rng: random.Random) -> str:
    """An 11-character YouTube video id."""
    return base64.urlsafe_b64encode(rng.getrandbits(72).to_bytes(9, "big"))[:11].decode()


def _fmt_duration(sec: int, long_style: bool) -> str:
    """``M:SS``; above an hour either ``MMM:SS`` or ``H:MM:SS``, both occur in the dumps."""
    if sec >= 3600 and long_style:
        return f"{sec // 3600}:{sec // 60 % 60:02d}:{sec % 60:02d}"
    return f"{sec // 60}:{sec % 60:02d}"


class _Sink:
    """Buffered UTF-8 writer (gzip when the name ends in ``.gz``) counting uncompressed bytes."""

    def __init__(self, path: Path) -> None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._raw: BinaryIO = open(path, "wb")  # noqa: SIM115
        self._f: BinaryIO = self._raw
        if path.name.endswith(".gz"):
            # no file name and mtime 0 in the gzip header, so equal inputs give equal bytes
            self._f = isal.igzip.IGzipFile(  # type: ignore[assignment]
                filename="",
                mode="wb",
                compresslevel=1,
                fileobj=self._raw,
                mtime=0,
            )
        self.parts: list[str] = []
        self.bytes = 0

    def flush(self) -> None:
        """Encode and write the pending pieces."""
        if self.parts:
            data = "".join(self.parts).encode()
            self.parts.clear()
            self._f.write(data)
            self.bytes += len(data)

    def __enter__(self) -> _Sink:
        return self

    def __exit__(
        self,
        et: type[BaseException] | None,
        ev: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if et is None:
                self.flush()
            self._f.close()
        finally:
            self._raw.close()


# --------------------------------------------------------------------------- shared pools


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


# --------------------------------------------------------------------------- entity naming


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


# --------------------------------------------------------------------------- releases


class _ReleaseWriter:
    """Builds release records; one instance per file, all randomness from ``rng``."""

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


# --------------------------------------------------------------------------- a whole month


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


if __name__ == "__main__":
    main()
