"""Resolving the name a user typed to one person among the candidates given."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Literal, NamedTuple

from network.common.errors import AmbiguousPerson, BadInput, NetworkError, UnknownPerson
from network.common.text import fold, words

ACCEPT = 0.85  # a fuzzy score this high is taken as the person meant...
MARGIN = 0.1  # ...when it beats every other candidate by this much
SUGGEST = 0.6  # lowest fuzzy score worth suggesting
EMPTY_HINT = 'type part of their name, e.g. "alice" or "chen"'

# Scores are differences of floats: 0.95 - 0.85 must count as a margin of 0.1.
_EPSILON = 1e-9


class _Candidate(NamedTuple):
    """One person with the folded forms of their name used for comparing."""

    id: int
    name: str
    folded: str
    tokens: list[str]  # split on spaces: keeps "o'brien" and "mary-jane" whole
    parts: list[str]  # split on anything else too: "o", "brien", "mary", "jane"


# ASCII letters and digits: what common.text.words keeps of an ASCII string
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def _fold_words(s: str) -> tuple[str, list[str]]:
    """fold(s) and words(s), the same, faster for the ASCII names most people have (a
    shortlist of thousands is folded on every typo): lower-casing is all fold does to
    them."""
    if s.isascii():
        folded = " ".join(s.lower().split())
        return folded, _ASCII_WORD.findall(folded)
    folded = fold(s)
    return folded, words(folded)


def _candidate(person_id: int, name: str) -> _Candidate:
    """Fold a name once so every rule can reuse it."""
    folded, parts = _fold_words(name)
    return _Candidate(person_id, name, folded, folded.split(), parts)


def _squash(s: str) -> str:
    """s without spaces or punctuation, so "obrien" finds "O'Brien"."""
    return "".join(_fold_words(s)[1])


def _prefix_match(query: str, squashed: str, c: _Candidate) -> bool:
    """True when the full name or any word of it starts with the query."""
    if any(key.startswith(query) for key in (c.folded, *c.tokens, *c.parts)):
        return True
    if not squashed or squashed[0] not in c.folded:
        return False  # (squashing keeps letters: no key can start with it; cheap to tell)
    keys = (_squash(c.folded), *(_squash(t) for t in c.tokens))
    return any(key.startswith(squashed) for key in keys)


def _sorted_names(candidates: Iterable[_Candidate | Choice]) -> list[str]:
    """Names in the order a person would look for them."""
    return sorted((c.name for c in candidates), key=lambda n: (fold(n), n))


def _scores(
    query: str, candidates: Iterable[_Candidate], wanted: int = 3
) -> list[tuple[float, _Candidate]]:
    """Fuzzy scores, best first, of enough candidates to decide: the best, the runner-up
    and the first `wanted` distinct names scoring at least SUGGEST are those of scoring
    everyone (in the same order); the others may be left out, and a score below SUGGEST
    counts as 0."""
    import bisect
    import difflib  # only the rare fuzzy path pays for it

    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(query)  # seq2 is the side difflib caches, so the query goes there
    # Words repeat across a network (thousands of Jamals): each is compared once.
    bounds: dict[str, float] = {}
    exact: dict[str, float] = {}

    def bound(key: str) -> float:
        """difflib's cheap upper bounds of the score; 0 when below SUGGEST."""
        found = bounds.get(key)
        if found is None:
            matcher.set_seq1(key)
            found = 0.0
            if matcher.real_quick_ratio() >= SUGGEST:
                found = matcher.quick_ratio()
                if found < SUGGEST:
                    found = 0.0
            bounds[key] = found
        return found

    def score(key: str) -> float:
        found = exact.get(key)
        if found is None:
            found = 0.0
            if bound(key):  # the quadratic ratio only for pairs that could matter
                matcher.set_seq1(key)
                found = matcher.ratio()
            exact[key] = found
        return found

    def keys(c: _Candidate) -> tuple[str, ...]:
        return (c.folded, *c.tokens, *c.parts)

    hopeful = [(b, c) for c in candidates if (b := max(map(bound, keys(c)))) > 0]
    hopeful.sort(key=lambda bc: -bc[0])
    order: list[tuple[float, str, str]] = []  # the sort key of each scored, in order
    scored: list[tuple[float, _Candidate]] = []
    for b, c in hopeful:
        if b < _deciding(scored, wanted):
            break  # no one left can outscore those that decide (a tie could: go on)
        best = max(map(score, keys(c)))
        at = bisect.bisect(order, (-best, c.folded, c.name))
        order.insert(at, (-best, c.folded, c.name))
        scored.insert(at, (best, c))
    return scored


def _deciding(scored: list[tuple[float, _Candidate]], wanted: int) -> float:
    """The lowest score among the best two and the first `wanted` distinct names scoring
    at least SUGGEST in scored (best first); 0 until scored holds them all."""
    names: set[str] = set()
    for n, (score, c) in enumerate(scored):
        if score < SUGGEST:
            return 0.0
        names.add(c.name)
        if n >= 1 and len(names) >= wanted:
            return score
    return 0.0


def _suggestions(scored: list[tuple[float, _Candidate]], n: int) -> list[str]:
    """Up to n distinct names scoring at least SUGGEST, best first."""
    names: list[str] = []
    for score, c in scored:
        if score < SUGGEST or len(names) >= n:
            break
        if c.name not in names:
            names.append(c.name)
    return names


# --- narrowing a large network before the fuzzy scores ------------------------------------
# Scoring everyone costs ~30 µs a person: ~30 s at a million. Up to this many people every
# one is still scored (small networks see no change); above it the store first narrows
# the network to a shortlist (see shortlist), and only that is scored.
SCORE_EVERYONE_UP_TO = 5000


class Shape(NamedTuple):
    """Letters a word of a name has: `head` then, later, `tail` (either may be empty).
    `anchored` shapes are a word's own start (head) or end (tail): in a short word two
    letters anywhere would match nearly everyone."""

    head: str
    tail: str
    anchored: bool = False


def word_halves(word: str) -> list[Shape]:
    """Fewer, looser shapes than word_shapes with the same promise: a word one edit away
    keeps the first or the last (n - 1) // 2 letters (see word_shapes). Two patterns
    cost less to test on every name; what they let through is then tested for more."""
    n = len(word)
    if n < 5:
        return word_shapes(word)
    k = (n - 1) // 2
    return [Shape(word[:k], ""), Shape("", word[-k:])]


def word_shapes(word: str) -> list[Shape]:
    """Shapes of which every word one edit away from `word` (a letter wrong, missing,
    extra, or two neighbours swapped, anywhere, the first letter too) has one.

    An edit at position p leaves word[:p] and word[p + 2:] as they were, in order (p + 2:
    a swap touches two letters). Edits in a block of b positions from a therefore keep
    word[:a] and word[a + b + 1:]: one shape per block, each of n - b - 1 letters, so a
    typo of a long word is looked for with a few specific patterns. A word of three or
    four letters keeps its first two letters or its last two (either in order), or its
    first and last; one of two letters keeps one of them at an end."""
    n = len(word)
    if n >= 5:
        block = 1 if n <= 7 else 2
        shapes = [Shape(word[:a], word[a + block + 1 :]) for a in range(0, n, block)]
        # a shape inside another is implied by it: "jam" is in every word "jama" is in
        return [
            s
            for s in dict.fromkeys(shapes)
            if not any(
                o != s and o.tail == "" and s.tail == "" and s.head.startswith(o.head)
                for o in shapes
            )
        ]
    if n <= 2:  # "al" mistyped is a word starting or ending with a or l
        ends = dict.fromkeys(word)
        return [Shape(c, "", True) for c in ends] + [Shape("", c, True) for c in ends]
    first, last = word[:2], word[-2:]
    shapes = [Shape(first, "", True), Shape(first[::-1], "", True)]
    shapes += [Shape("", last, True), Shape("", last[::-1], True)]
    shapes.append(Shape(word[0], word[-1], True))
    return list(dict.fromkeys(shapes))


class Clue(NamedTuple):
    """One word of a query: the word, the shapes a one-edit typo of it keeps, and whether
    having the word whole is enough to be shortlisted."""

    word: str
    shapes: list[Shape]
    alone: bool
    halves: list[Shape]


def shortlist(query: str) -> list[Clue]:
    """What a person must have to be worth a fuzzy score for `query` in a large network
    (the store turns it into SQL; a superset is fine, everything found is scored).

    One word typed: a word of one of its shapes. Several: one of them whole (a typo
    touches one word, and the close rivals that could make the best guess unclear mostly
    share a word too), or a word of a shape of each. A word such as an initial ("n.") is
    in too many names to count alone."""
    typed = list(dict.fromkeys(fold(query).split()))
    short = all(len(w) < 3 for w in typed)
    return [Clue(w, word_shapes(w), short or len(w) >= 3, word_halves(w)) for w in typed]


def word_matches(query: str, names: Sequence[str]) -> list[str]:
    """The names of which query starts the whole name or a word (as resolve reads a
    prefix: "obr" starts O'Brien), in the order given."""
    q = fold(query)
    if not q:
        return list(names)
    squashed = _squash(q)
    return [name for name in names if _prefix_match(q, squashed, _candidate(0, name))]


def fuzzy_candidates(query: str, names: Sequence[str], n: int = 3) -> list[str]:
    """Up to n of names that look like a misspelling of query, best first."""
    candidates = [_candidate(i, name) for i, name in enumerate(names)]
    return _suggestions(_scores(fold(query), candidates, n), n)


# --- typed ids --------------------------------------------------------------------------
# A person is p12, a ledger entry (an ask is one) e3, a promise or follow-up (an obligation)
# o7: the shell keeps them whole (unlike `#12`, read as a comment) and `answer e3` cannot be
# mistaken for `done o3`. `#12` is still read as a person and a3 as an entry (an ask).
PERSON_PREFIX, ENTRY_PREFIX, OBLIGATION_PREFIX = "p", "e", "o"
_TYPED = re.compile(r"\s*(#|[peao])(\d+)\s*", re.IGNORECASE | re.ASCII)
_SYNONYMS = {"#": PERSON_PREFIX, "a": ENTRY_PREFIX}
WHAT = {
    PERSON_PREFIX: "a person",
    ENTRY_PREFIX: "a ledger entry",
    OBLIGATION_PREFIX: "a promise or follow-up",
}
MAX_ID = 2**63 - 1  # beyond SQLite's 64-bit integers: no row has it


def typed_id(text: str) -> tuple[str, int] | None:
    """("p", 12) for "p12" or "#12", ("e", 3) for "e3" or "a3", ("o", 7) for "o7"; else None."""
    found = _TYPED.fullmatch(text)
    if found is None:
        return None
    prefix = found.group(1).lower()
    return _SYNONYMS.get(prefix, prefix), int(found.group(2))


def person_ref(person_id: int) -> str:
    """How a person's id is shown and typed: p12."""
    return f"{PERSON_PREFIX}{person_id}"


def entry_ref(entry_id: int) -> str:
    """How a ledger entry's (an ask's) id is shown and typed: e3."""
    return f"{ENTRY_PREFIX}{entry_id}"


def obligation_ref(obligation_id: int) -> str:
    """How a promise's or follow-up's id is shown and typed: o7."""
    return f"{OBLIGATION_PREFIX}{obligation_id}"


def item_or_person(text: str, prefix: str, example: str) -> str:
    """What `answer` (prefix "e") or `done` ("o") was given, for the app: an id of the
    kind wanted as its bare number, anything else (a person, a bare number) as typed.
    An id of the other kind is refused rather than read as something it is not."""
    typed = typed_id(text)
    if typed is None or typed[0] == PERSON_PREFIX:
        return text
    kind, number = typed
    if kind != prefix:
        raise BadInput(
            f"{text.strip()} is {WHAT[kind]}, not {WHAT[prefix]}",
            f"give its id ({example}) or the person's name",
        )
    return str(number)


def entry_number(text: str) -> int:
    """The entry an `entry edit`/`entry rm` argument names: e12, a12 or 12."""
    stripped = text.strip()
    typed = typed_id(stripped)
    if typed is None and stripped.isascii() and stripped.isdigit():
        typed = (ENTRY_PREFIX, int(stripped))
    if typed is not None and typed[0] != ENTRY_PREFIX:
        raise BadInput(
            f"{stripped} is {WHAT[typed[0]]}, not a ledger entry",
            "use the entry's id as history shows it, e.g. e12",
        )
    if typed is None or not 1 <= typed[1] <= MAX_ID:
        raise BadInput(f'"{stripped}" is not an entry id', "use the id history shows, e.g. e12")
    return typed[1]


class NoSuchPerson(UnknownPerson):
    """A typed person id that names no one."""

    def __init__(self, typed: str) -> None:
        NetworkError.__init__(
            self,
            f"no one with id {typed} in your network",
            "see the ids with network people --all, or type their name",
        )
        self.query = typed
        self.suggestions = []


# --- several people match: the likeliest first -------------------------------------------


class Choice(NamedTuple):
    """One of several people a name matches, with what tells them apart."""

    id: int
    name: str
    tie: str | None = None
    last_contact: date | None = None
    company: str | None = None


_TIE_ORDER = {"close": 0, "casual": 1}


def ranked(choices: Iterable[Choice]) -> list[Choice]:
    """The people you most likely mean first: close ties, then casual, then the rest
    (an imported roster); within each, the most recently contacted; then by name."""
    return sorted(
        choices,
        key=lambda c: (
            _TIE_ORDER.get(c.tie or "", 2),
            -(c.last_contact.toordinal() if c.last_contact else 0),
            fold(c.name),
            c.id,
        ),
    )


def _label(choice: Choice, *, repeated: bool) -> str:
    """Ben Ortiz (p3), or with the company when the name alone is not enough."""
    extra = f", {choice.company}" if repeated and choice.company else ""
    return f"{choice.name} ({person_ref(choice.id)}{extra})"


class PickPerson(AmbiguousPerson):
    """Several people match the name; `choices` holds them, likeliest first (when the
    store has ranked them). A terminal offers them as a numbered list; elsewhere the
    error lists them with their ids."""

    SHOWN = 8

    def __init__(self, query: str, choices: list[Choice], *, labelled: bool = False) -> None:
        self.choices = choices
        if not labelled:
            # as the rule found them, without ids: just the names, in alphabetical order
            super().__init__(query, _sorted_names(choices))
            return
        seen = [fold(c.name) for c in choices]
        labels = [_label(c, repeated=seen.count(fold(c.name)) > 1) for c in choices]
        more = f" and {len(labels) - self.SHOWN} more" if len(labels) > self.SHOWN else ""
        NetworkError.__init__(
            self,
            f'"{query}" matches {len(labels)} people: {", ".join(labels[: self.SHOWN])}{more}',
            # people with the very same name can only be told apart by id
            ("" if len(set(seen)) < len(seen) else "type more of the name, or ")
            + f"name one by its id, e.g. {person_ref(choices[0].id)}",
        )
        self.query = query
        self.candidates = labels


class Match(NamedTuple):
    """The person a name resolved to, and how: only a `fuzzy` match is a guess."""

    id: int
    name: str
    how: Literal["exact", "prefix", "first", "accents", "fuzzy"]


class GuessedPerson(NetworkError):
    """The name matches someone only by similarity: a write never takes such a guess.

    Not an UnknownPerson, so nothing offers to add the misspelt name as someone new.
    """

    def __init__(self, query: str, match: Match) -> None:
        self.query = query
        self.match = match
        super().__init__(
            f'no one called "{query}" in your network', f'did you mean "{match.name}"?'
        )


def _accented(s: str) -> str:
    """Lower-case, single-spaced, accents kept: "José" and "Jose" stay apart."""
    return " ".join(unicodedata.normalize("NFC", s).casefold().split())


def _by_accents(query: str, found: list[_Candidate]) -> _Candidate | None:
    """Among people who match once accents are ignored, the one person whose name matches
    as typed, accents and all (`José` is José García, not Jose Lopez); None when the query
    has no accents or not exactly one matches them."""
    typed = _accented(query)
    if typed == fold(query):
        return None
    same = [
        c
        for c in found
        if (key := _accented(c.name)) == typed
        or key.startswith(typed)
        or any(word.startswith(typed) for word in key.split())
    ]
    return same[0] if len(same) == 1 else None


def _choices(found: Iterable[_Candidate]) -> list[Choice]:
    """The people found, as choices (the store adds what tells them apart)."""
    return [Choice(c.id, c.name) for c in found]


def resolve(query: str, people: Sequence[tuple[int, str]]) -> Match:
    """The person among people that query means and how it matched, or an error saying why
    not: exact (ignoring case and accents), a unique prefix or word, a first name, the one
    name that matches with the accents typed, or else a clear fuzzy winner."""
    q = fold(query)
    if not q:
        raise BadInput("a name cannot be empty", EMPTY_HINT)
    candidates = [_candidate(pid, name) for pid, name in people]

    exact = [c for c in candidates if c.folded == q]
    if len(exact) == 1:
        return Match(exact[0].id, exact[0].name, "exact")
    if exact:
        if (typed := _by_accents(query, exact)) is not None:
            return Match(typed.id, typed.name, "accents")
        raise PickPerson(query, _choices(exact))

    squashed = _squash(q)
    prefixed = [c for c in candidates if _prefix_match(q, squashed, c)]
    if len(prefixed) == 1:
        return Match(prefixed[0].id, prefixed[0].name, "prefix")
    if prefixed:
        if (typed := _by_accents(query, prefixed)) is not None:
            return Match(typed.id, typed.name, "accents")
        # "al" means Al Gore rather than Alice Chen, unless someone else has a whole
        # word "al" too (Jo Al), in which case the user has to say which.
        first = [c for c in prefixed if c.tokens[0] == q]
        whole = [c for c in prefixed if q in c.tokens or q in c.parts]
        if len(first) == 1 and len(whole) == 1:
            return Match(first[0].id, first[0].name, "first")
        raise PickPerson(query, _choices(prefixed))

    scored = _scores(q, candidates)
    if scored and scored[0][0] >= ACCEPT:
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if runner_up < ACCEPT and scored[0][0] - runner_up >= MARGIN - _EPSILON:
            return Match(scored[0][1].id, scored[0][1].name, "fuzzy")
    raise UnknownPerson(query, _suggestions(scored, 3))


def choose(query: str, people: Sequence[tuple[int, str]]) -> tuple[int, str]:
    """The (id, name) among people that query means, a fuzzy guess included (see resolve)."""
    match = resolve(query, people)
    return match.id, match.name
