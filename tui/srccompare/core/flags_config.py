"""The ``flags:`` section of the configuration: switches, severities and the word lists the flag rules use.

Part of :mod:`srccompare.core.config` (which loads and validates it with the
other sections); apart only because the word lists are long.
"""

from __future__ import annotations

import msgspec


class FlagsConfig(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Which divergences are flagged as changes of fact, and the word lists that decide it."""

    enabled: bool = True
    """Run the flag detectors at all."""
    close_copy: float = 0.6
    """Agreement (0-1) at or above which two linked texts are close copies: there, clauses and names
    present on one side only are flagged as omissions/additions (in linked sentences of a paraphrase
    only figures and dates are). Two sources whose links agree this well on average are close copies:
    a paragraph one lacks is a full-severity omission; between others it is one step lower, and
    flagged only when it carries a fact."""
    severity: dict[str, str] = msgspec.field(
        default_factory=lambda: {
            "number": "critical",
            "negation": "critical",
            "misattribution": "critical",
            "name": "major",
            "quote": "major",
            "date": "major",
            "title": "major",
            "omission": "major",
            "addition": "minor",
            "spelling": "minor",
            "boilerplate": "minor",
        }
    )
    """Severity of each kind of flag (``misattribution``: a quote given to someone else, shown as ``quote``).
    A paragraph missing from a source that is not a close copy, or a clause missing, is one step lower."""
    number_words: dict[str, int] = msgspec.field(
        default_factory=lambda: {
            "zero": 0,
            "one": 1,
            "two": 2,
            "three": 3,
            "four": 4,
            "five": 5,
            "six": 6,
            "seven": 7,
            "eight": 8,
            "nine": 9,
            "ten": 10,
            "eleven": 11,
            "twelve": 12,
            "thirteen": 13,
            "fourteen": 14,
            "fifteen": 15,
            "sixteen": 16,
            "seventeen": 17,
            "eighteen": 18,
            "nineteen": 19,
            "twenty": 20,
            "thirty": 30,
            "forty": 40,
            "fifty": 50,
            "sixty": 60,
            "seventy": 70,
            "eighty": 80,
            "ninety": 90,
            "dozen": 12,
            "hundred": 100,
            "thousand": 1000,
            "million": 1000000,
            "billion": 1000000000,
            "trillion": 1000000000000,
        }
    )
    """Written-out numbers ("three thousand" == "3,000"); hundred and above multiply."""
    name_variants: list[list[str]] = msgspec.field(
        default_factory=lambda: [
            ["Kyiv", "Kiev"],
            ["Kharkiv", "Kharkov"],
            ["Lviv", "Lvov", "Lwów"],
            ["Odesa", "Odessa"],
            ["Mykolaiv", "Nikolaev", "Nikolayev"],
            ["Zaporizhzhia", "Zaporizhia", "Zaporozhye"],
            ["Luhansk", "Lugansk"],
            ["Chornobyl", "Chernobyl"],
            ["Volodymyr", "Vladimir", "Wolodymyr", "Volodimir"],
            ["Oleksandr", "Aleksandr", "Alexander", "Olexandr"],
            ["Gdańsk", "Danzig"],
            ["Wrocław", "Breslau"],
            ["Beijing", "Peking"],
            ["Mumbai", "Bombay"],
            ["Myanmar", "Burma"],
            ["Türkiye", "Turkey"],
            ["Czechia", "Czech Republic"],
            ["Belarus", "Byelorussia"],
            ["Moldova", "Moldavia"],
            ["Tbilisi", "Tiflis"],
            ["Muammar", "Moammar"],
            ["Gaddafi", "Qaddafi", "Kadhafi", "Qadhafi"],
            ["Mohammed", "Muhammad", "Mohamed", "Mohammad"],
        ]
    )
    """Groups of spellings of one name: a swap inside a group is a minor ``spelling`` flag, not a ``name``
    flag. Diacritics, doubled letters and y/i/j endings (Erdoğan/Erdogan, Zelensky/Zelenskyy) are
    recognised as variants without being listed."""
    negation_words: list[str] = msgspec.field(
        default_factory=lambda: [
            "not",
            "no",
            "never",
            "none",
            "nobody",
            "nothing",
            "neither",
            "nor",
            "nowhere",
            "without",
            "cannot",
            "n't",
            "refuse",
            "refused",
            "refuses",
            "refusing",
            "deny",
            "denied",
            "denies",
            "denying",
            "reject",
            "rejected",
            "rejects",
            "rejecting",
            "fail to",
            "failed to",
            "fails to",
            "failing to",
            "declined to",
            "declines to",
            "unable",
            "unlikely",
            "impossible",
            "lack",
            "lacks",
            "lacked",
            "lacking",
            "lest",
        ]
    )
    """Words (or phrases: "failed to") that turn a statement negative; a sentence whose count of these
    flips parity against its counterpart is a ``negation`` flag ("did not agree" and "refused" both count once)."""
    negation_exceptions: list[str] = msgspec.field(
        default_factory=lambda: [
            "not only",
            "not just",
            "no doubt",
            "not least",
            "nothing but",
            "no sooner",
            "no longer than",
            "or not",
            "not to mention",
            "no more than",
            "no less than",
            "no fewer than",
            "not more than",
            "not less than",
            "not fewer than",
        ]
    )
    """Phrases whose negation word does not negate the statement."""
    title_words: list[str] = msgspec.field(
        default_factory=lambda: [
            "former",
            "ex",
            "acting",
            "interim",
            "deputy",
            "vice",
            "late",
            "outgoing",
            "incoming",
            "president",
            "prime",
            "minister",
            "premier",
            "chancellor",
            "secretary",
            "spokesperson",
            "spokesman",
            "spokeswoman",
            "ambassador",
            "envoy",
            "governor",
            "mayor",
            "senator",
            "general",
            "commander",
            "chief",
            "head",
            "leader",
            "chairman",
            "chairwoman",
            "chair",
            "director",
            "ceo",
            "king",
            "queen",
            "prince",
            "princess",
            "pope",
            "judge",
            "speaker",
            "lawmaker",
            "mp",
            "representative",
            "rep",
            "sen",
            "gov",
            "gen",
            "lt",
            "col",
            "colonel",
            "lieutenant",
            "admiral",
            "marshal",
            "sergeant",
            "captain",
            "officer",
            "foreign",
            "defence",
            "defense",
            "interior",
            "finance",
            "transport",
            "economy",
            "health",
            "justice",
            "labour",
            "labor",
            "trade",
            "energy",
            "union",
            "opposition",
            "party",
            "special",
            "executive",
            "national",
            "security",
            "adviser",
            "advisor",
        ]
    )
    """Words of a role or title before or after a name ("former transport minister Jan Nowak"); the set of
    them around one person is compared between sources (``title`` flag)."""
    title_modifiers: list[str] = msgspec.field(
        default_factory=lambda: ["former", "ex", "acting", "interim", "deputy", "vice", "late", "outgoing", "incoming"]
    )
    """Title words that change who holds the role ("former minister" is not the minister): a change in
    these is always flagged; other title words only where the two sources are close (a paraphrase may
    call a president "the leader")."""
    title_synonyms: list[list[str]] = msgspec.field(
        default_factory=lambda: [
            ["spokesperson", "spokesman", "spokeswoman"],
            ["defence", "defense"],
            ["labour", "labor"],
            ["chairman", "chairwoman", "chair"],
            ["adviser", "advisor"],
            ["ex", "former"],
            ["sen", "senator"],
            ["gov", "governor"],
            ["gen", "general"],
            ["rep", "representative"],
        ]
    )
    """Title words that mean the same role."""
    speech_verbs: list[str] = msgspec.field(
        default_factory=lambda: [
            "said",
            "says",
            "say",
            "stated",
            "states",
            "told",
            "tells",
            "added",
            "adds",
            "claimed",
            "claims",
            "wrote",
            "writes",
            "asked",
            "asks",
            "insisted",
            "insists",
            "warned",
            "warns",
            "declared",
            "declares",
            "argued",
            "argues",
            "noted",
            "notes",
            "stressed",
            "stresses",
            "explained",
            "explains",
            "announced",
            "announces",
            "according",
        ]
    )
    """Verbs that attribute a quote to a speaker ("..., Nowak said"); used to catch misattribution."""
