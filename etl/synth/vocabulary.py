"""The raw vocabulary of the generator: first and last names (Latin, Cyrillic, Japanese), band and
label name parts, title words and suffixes, weighted roles, joins, genres, styles, countries and
data qualities, entity types, note/description/profile templates, format kinds and identifier
parts. Plain unescaped literals only; :mod:`etl.synth.pools` escapes and expands them once.
"""

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
