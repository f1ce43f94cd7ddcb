"""Text normalisation for comparing names and topics regardless of case and accents."""

from __future__ import annotations

import unicodedata

# Letters that NFKD leaves whole (they are not "letter + accent" in Unicode),
# but that people type without the stroke on an English keyboard.
_NO_DECOMPOSITION = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "\u0131": "i",  # dotless i
        "ħ": "h",
        "ŧ": "t",
        "ƒ": "f",
        "ŋ": "ng",
        "ĸ": "k",
    }
)

# Words that end in "s" in the singular and must not be shortened.
_INVARIANT = frozenset({"news", "series", "species", "physics", "maths", "politics"})

# Singulars ending in "ie": their plural "-ies" must lose only the "s".
_IE_SINGULARS = frozenset(
    {
        "movie",
        "cookie",
        "calorie",
        "smoothie",
        "zombie",
        "rookie",
        "selfie",
        "goodie",
        "hippie",
        "prairie",
        "pixie",
        "genie",
        "brownie",
        "hoodie",
        "sortie",
        "auntie",
        "indie",
        "techie",
        "foodie",
        "newbie",
    }
)

# Singulars ending in "use" after a consonant (most "-uses" after a consonant are
# plurals of "-us" words: buses, campuses, viruses).
_USE_SINGULARS = frozenset(
    {
        "abuse",
        "accuse",
        "amuse",
        "excuse",
        "fuse",
        "muse",
        "peruse",
        "recluse",
        "refuse",
        "ruse",
        "misuse",
        "disuse",
        "overuse",
        "reuse",
    }
)


def _strip_marks(s: str) -> str:
    """Decompose and drop combining accents."""
    decomposed = unicodedata.normalize("NFKD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(s: str) -> str:
    """Lower-case, accent-free, single-spaced form of s for comparisons."""
    # NFKD first so that compatibility forms (full-width, black-letter) are casefolded
    # too; a single pass is a fixed point for every code point (checked exhaustively).
    s = _strip_marks(s).casefold().translate(_NO_DECOMPOSITION)
    return " ".join(s.split())


def _is_word_char(c: str) -> bool:
    """True for letters, digits and marks (marks belong to the letters of many scripts)."""
    return unicodedata.category(c)[0] in "LNM"


def words(s: str) -> list[str]:
    """Folded words of s, split on anything that is not a letter or digit."""
    out: list[str] = []
    current: list[str] = []
    for c in fold(s):
        if _is_word_char(c):
            current.append(c)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def singular(word: str) -> str:
    """Crude English singular of one folded word, good enough to match topics."""
    # Every branch returns a word the rules leave alone, so singular is idempotent.
    if len(word) <= 3 or not word.endswith("s") or word in _INVARIANT:
        return word
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        if word[:-1] in _IE_SINGULARS or len(word) <= 4:
            return word[:-1]  # movies -> movie, ties -> tie
        return word[:-3] + "y"  # companies -> company
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]  # classes -> class, boxes -> box, churches -> church
    if word.endswith("uses"):
        if word[:-1] in _USE_SINGULARS or word[-5:-4] in ("", "a", "e", "i", "o", "u"):
            return word[:-1]  # excuses -> excuse, houses -> house, uses -> use
        return word[:-2]  # buses -> bus, campuses -> campus
    return word[:-1]


def topic_key(s: str) -> str:
    """Canonical key of a topic: folded singular words, e.g. "Résumés" -> "resume"."""
    return " ".join(singular(w) for w in words(s))


# Characters that change what a terminal shows instead of being shown: C0 and C1 controls
# (ESC starts the sequences that recolour, hide text or retitle the window), DEL, and the
# bidirectional overrides and isolates that make text read in another order than stored.
_BIDI = {*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C}


def _invisible(c: str) -> bool:
    o = ord(c)
    return o < 0x20 or 0x7F <= o <= 0x9F or o in _BIDI


def visible(s: str, *, keep_newlines: bool = False) -> str:
    """`s` safe to print on a terminal: every control character escaped (`\\x1b`, `\\u202e`),
    so stored text can never drive the terminal. JSON output keeps the exact string."""
    if not any(_invisible(c) for c in s):  # the common case, at C speed per character
        return s
    out = []
    for c in s:
        if not _invisible(c) or (keep_newlines and c == "\n"):
            out.append(c)
        elif c == "\t":
            out.append("\\t")
        elif c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        else:
            out.append(f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
    return "".join(out)
