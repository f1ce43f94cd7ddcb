"""Resolving the name a user typed to one person among the candidates given."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from network.common.errors import AmbiguousPerson, BadInput, UnknownPerson
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


def _candidate(person_id: int, name: str) -> _Candidate:
    """Fold a name once so every rule can reuse it."""
    folded = fold(name)
    return _Candidate(person_id, name, folded, folded.split(), words(folded))


def _squash(s: str) -> str:
    """s without spaces or punctuation, so "obrien" finds "O'Brien"."""
    return "".join(words(s))


def _prefix_match(query: str, squashed: str, c: _Candidate) -> bool:
    """True when the full name or any word of it starts with the query."""
    if any(key.startswith(query) for key in (c.folded, *c.tokens, *c.parts)):
        return True
    keys = (_squash(c.folded), *(_squash(t) for t in c.tokens))
    return bool(squashed) and any(key.startswith(squashed) for key in keys)


def _sorted_names(candidates: Iterable[_Candidate]) -> list[str]:
    """Names in the order a person would look for them."""
    return sorted((c.name for c in candidates), key=lambda n: (fold(n), n))


def _scores(query: str, candidates: Iterable[_Candidate]) -> list[tuple[float, _Candidate]]:
    """Fuzzy score of each candidate, best first; scores below SUGGEST count as 0."""
    import difflib  # only the rare fuzzy path pays for it

    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(query)  # seq2 is the side difflib caches, so the query goes there
    scored: list[tuple[float, _Candidate]] = []
    for c in candidates:
        best = 0.0
        for key in dict.fromkeys((c.folded, *c.tokens, *c.parts)):
            matcher.set_seq1(key)
            # The cheap upper bounds skip the quadratic ratio for hopeless pairs.
            if matcher.real_quick_ratio() >= SUGGEST and matcher.quick_ratio() >= SUGGEST:
                best = max(best, matcher.ratio())
        scored.append((best, c))
    scored.sort(key=lambda sc: (-sc[0], sc[1].folded, sc[1].name))
    return scored


def _suggestions(scored: list[tuple[float, _Candidate]], n: int) -> list[str]:
    """Up to n distinct names scoring at least SUGGEST, best first."""
    names: list[str] = []
    for score, c in scored:
        if score < SUGGEST or len(names) >= n:
            break
        if c.name not in names:
            names.append(c.name)
    return names


def fuzzy_candidates(query: str, names: Sequence[str], n: int = 3) -> list[str]:
    """Up to n of names that look like a misspelling of query, best first."""
    candidates = [_candidate(i, name) for i, name in enumerate(names)]
    return _suggestions(_scores(fold(query), candidates), n)


def choose(query: str, people: Sequence[tuple[int, str]]) -> tuple[int, str]:
    """The (id, name) among people that query means, or an error saying why not."""
    q = fold(query)
    if not q:
        raise BadInput("a name cannot be empty", EMPTY_HINT)
    candidates = [_candidate(pid, name) for pid, name in people]

    exact = [c for c in candidates if c.folded == q]
    if len(exact) == 1:
        return exact[0].id, exact[0].name
    if exact:
        raise AmbiguousPerson(query, _sorted_names(exact))

    squashed = _squash(q)
    prefixed = [c for c in candidates if _prefix_match(q, squashed, c)]
    if len(prefixed) == 1:
        return prefixed[0].id, prefixed[0].name
    if prefixed:
        # "al" means Al Gore rather than Alice Chen, unless someone else has a whole
        # word "al" too (Jo Al), in which case the user has to say which.
        first = [c for c in prefixed if c.tokens[0] == q]
        whole = [c for c in prefixed if q in c.tokens or q in c.parts]
        if len(first) == 1 and len(whole) == 1:
            return first[0].id, first[0].name
        raise AmbiguousPerson(query, _sorted_names(prefixed))

    scored = _scores(q, candidates)
    if scored and scored[0][0] >= ACCEPT:
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        if runner_up < ACCEPT and scored[0][0] - runner_up >= MARGIN - _EPSILON:
            return scored[0][1].id, scored[0][1].name
    raise UnknownPerson(query, _suggestions(scored, 3))
