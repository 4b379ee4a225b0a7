"""Sentence boundaries in news text, as code-point spans into the untouched text.

How it works: one regex per kind of candidate finds every place a sentence could end (newlines,
terminal punctuation followed by space, a period glued to a capitalised word, a dateline, a
sentence opener or caption label with no punctuation before it, inline list markers). The
candidates are merged in text order and each one is decided from its neighbours only (the word
before, the word after, the sentence so far, all within a bounded window), so the cost is linear
in the text. The text is then cut at the chosen positions and every piece is trimmed of
whitespace, which makes the spans non-overlapping, whitespace-free at the edges and
round-trippable by construction.

Conventions (the corpus follows them; see schema/taxonomy.json `conventions.quotations`):
- A newline always ends a sentence (headlines, datelines, captions, list lines are sentences).
- A quotation of two sentences is two sentences: `"It is over. We lost," he said.` splits after
  `over.`; a closing quotation mark stays with the sentence it closes (`..." She left` splits after
  the quotation mark), and a quotation followed by a lower-case attribution (`"Great." she said`)
  stays one sentence.
- A colon followed by a whole sentence (a usual opener, then a lower-case word) ends a sentence,
  as in GUM: `for two reasons: As it moves over land, ...`.
- An abbreviation that may end a sentence (`U.S.`, `Inc.`, `Jr.`) ends it only when the next word
  is a usual sentence opener (lexicon.STARTERS): `U.S. Government` stays, `the U.S. How` splits.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterator

from .lexicon import (
    BEFORE_NUMBER,
    CAPTION_LABELS,
    DATE_PREPOSITIONS,
    MAYBE_FINAL,
    MAYBE_FINAL_CASED,
    OPENS_WITHOUT_PUNCTUATION,
    PRONOUNS_AND_QUESTIONS,
    STARTERS,
    TIMES,
    TITLES,
    USUALLY_FINAL,
    is_initialism,
)

OPENERS = "\"'“‘«‹([{¿¡"
CLOSERS = "\"'”’»›)]}"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

_SPACE = r"[ \t\u00a0]"
_SPACES = " \t\u00a0"
# One pattern per kind of candidate, each starting with a literal or a character set so that the
# regex engine skips ahead quickly; the candidates are merged in text order.
_NEWLINE = re.compile(r"\r\n|[\n\r\u2028\u2029\x0b\x0c\x85]")
_TERMINAL = re.compile(  # ".", "?!", "...", ". . . .", "…" with closing quotes/brackets, then space
    r"(?P<term>[.!?…‼⁇⁈⁉](?<![.!?…‼⁇⁈⁉].)(?:[ \u00a0]?[.!?…‼⁇⁈⁉])*+)(?P<close>[\"'”’»›)\]}“]*+)(?=\s|$)"
)
_GLUED = re.compile(r"\.(?<=[a-z0-9]\.)(?=[A-Z][a-z])")  # "world.Today"
_WEEKDAY_DATE = re.compile(
    r"(?P<weekday>Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?"
    + _SPACE
    + r"+(?:"
    + _MONTHS
    + r")"
    + _SPACE
    + r"+\d{1,2}(?P<year>,"
    + _SPACE
    + r"*\d{4})?(?![\w,])"
)
_MONTH_DATE = re.compile(
    r"(?P<weekday>)(?:" + _MONTHS + r")" + _SPACE + r"+\d{1,2}(?P<year>," + _SPACE + r"*\d{4})(?![\w,])"
)
_OPENER = re.compile(r"(?P<opener>" + "|".join(sorted(OPENS_WITHOUT_PUNCTUATION)) + r")\b")
_QUOTE_END = re.compile(r"[\"”](?<=[^\s.!?,;:][\"”])(?=" + _SPACE + r"+[A-Z])")  # 'documented" The'
_COLON = re.compile(r":(?<=\w:)(?=" + _SPACE + r"+[A-Z])")
_DASH = re.compile(r"--(?<=\s--)(?=" + _SPACE + r"+(?:[\"“]?[A-Z]|--))")  # transcripts: "We have -- How"
_CAPTION = re.compile(r"(?:" + "|".join(CAPTION_LABELS) + r"):")

# "1.", "a)", "• 9.", "iv." alone: a list marker, never a sentence of its own.
_MARKER_ONLY = re.compile(r"[•⁃▪◦‣*-]?\s*(?:\d{1,3}|[A-Za-z]|[ivxIVX]{2,4})[.)]*\.?")
# "At 5 a.m" alone: a time phrase opening the sentence, not a sentence.
_BARE_TIME = re.compile(
    r"(?:(?:at|by|around|about|until|before|after|from|since|shortly after|just after)\s+)?"
    r"\d{1,2}(?:[:.]\d\d)?\s*[ap]\.m",
    re.IGNORECASE,
)
# Inline list markers: "1) ... 2) ...", "1.) ...", "a. ... b. ...", bullets.
_LIST_ITEM = re.compile(r"(?<!\S)(?P<num>\d{1,2}|[a-z])(?P<punct>\.\)|\)|\.)(?=\s)")
_BULLET = re.compile(r"(?<=\S)\s+(?P<bullet>[•⁃▪◦‣])")
_NEXT_WORD = re.compile(r"[^\S\n\r\u2028\u2029\x0b\x0c\x85]*([" + re.escape(OPENERS) + r"]*)(\S?)(\w*)")
_DAY_OR_MONTH = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|" + _MONTHS)
_LOOK_AROUND = 64
_NEWLINES = "\n\r\u2028\u2029\x0b\x0c\x85"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end), code points, end exclusive, in text order."""
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in (*_cut_positions(text), len(text)):
        span = trimmed(text, start, cut)
        if span:
            spans.append(span)
        start = cut
    return spans


def trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """text[start:end] without the whitespace at its edges, or None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _cut_positions(text: str) -> list[int]:
    """Positions where a new sentence starts, increasing. Forced cuts (newlines, list items) and
    decided ones (punctuation) are merged so that each decision sees the sentence so far."""
    candidates = heapq.merge(
        *(_found(text, order, pattern, decide) for order, (pattern, decide) in enumerate(_RULES)),
        ((cut, -1, None, None) for cut in _list_cuts(text)),
        key=lambda item: (item[0], item[1]),
    )
    cuts: list[int] = []
    last = 0
    for start, _order, match, decide in candidates:
        for cut in decide(text, match, last) if decide else (start,):
            if cut > last:
                cuts.append(cut)
                last = cut
    return cuts


def _found(text: str, order: int, pattern: re.Pattern, decide: Callable) -> Iterator[tuple]:
    for match in pattern.finditer(text):
        yield match.start(), order, match, decide


def _decide_newline(text: str, match: re.Match, last: int) -> tuple[int, ...]:
    return (match.end(),)


def _decide_quote_or_dash(text: str, match: re.Match, last: int) -> tuple[int, ...]:
    """A closing quotation mark or a broken-off '--' with no full stop, then a usual opener."""
    word = _next_word(text, match.end())[2]
    opens = (word in STARTERS and word != "I") or text.startswith("--", match.end() + 1)
    return (match.end(),) if opens else ()


def _after_word(text: str, start: int, last: int, allowed: str) -> bool:
    """Space before `start`, and before the space a word character or one of `allowed`."""
    if start == 0 or text[start - 1] not in _SPACES:
        return False
    while start > last and text[start - 1] in _SPACES:
        start -= 1
    return start > last and (text[start - 1].isalnum() or text[start - 1] in allowed)


def _decide_caption(text: str, match: re.Match, last: int) -> tuple[int, ...]:
    """'... in Cairo Image: Reuters': a caption label after a word starts a new sentence."""
    return (match.start(),) if _after_word(text, match.start(), last, "_.)]") else ()


def _next_word(text: str, pos: int) -> tuple[str, str, str]:
    """(openers, first character, word) after the whitespace at `pos`; first is '' at a line end,
    so a newline (which always cuts) is never looked across."""
    match = _NEXT_WORD.match(text, pos)
    return match.group(1), match.group(2), match.group(2) + match.group(3)


def _word_before(text: str, end: int, low: int) -> str:
    """The non-space run that ends at `end`, not before `low`, at most _LOOK_AROUND characters (a
    longer run is no abbreviation, and the bound keeps space-free input linear)."""
    window = text[max(low, end - _LOOK_AROUND) : end]
    return window.split()[-1] if window and not window[-1].isspace() else ""


def _previous_word(text: str, pos: int, low: int) -> str:
    """The word before `pos`, skipping the whitespace just before it."""
    return _word_before(text, _skip_space_back(text, pos, low), low)


def _skip_space_back(text: str, pos: int, low: int) -> int:
    while pos > low and text[pos - 1].isspace():
        pos -= 1
    return pos


def _word_after(text: str, start: int) -> str:
    window = text[start : start + _LOOK_AROUND]
    return window.split(None, 1)[0] if window and not window[0].isspace() else ""


def _decide_terminal(text: str, match: re.Match, last: int) -> tuple[int, ...]:
    """'.', '?', '!', '...' followed by space: the word before and the word after decide."""
    term_start = match.start("term")
    cut = match.end("close")
    openers, first, word = _next_word(text, cut)
    if not first or first in ",;:%)]}-–—/":
        return ()
    if first.islower() and word[1:] == word[1:].lower() and "(" not in openers:
        return ()  # a parenthesis after a full stop opens a sentence: ". (http://...)"
    term = match.group("term")
    if term[0] != "." and term[0] != "…":
        return (cut,)
    if len(term) > 1 and "." in term[1:] or "…" in term:
        return _decide_ellipsis(text, term, term_start, cut, word, openers)
    before = _word_before(text, term_start, last)
    if not before and term_start - 1 > last:  # "Mr ." in pre-tokenized text
        before = _word_before(text, term_start - 1, last)
    before = before.lstrip(OPENERS).rstrip(CLOSERS)
    if term_start - last <= _LOOK_AROUND:  # only a short sentence so far can be a marker or a time
        so_far = text[last:term_start].strip()
        if _MARKER_ONLY.fullmatch(so_far) or _BARE_TIME.fullmatch(so_far):
            return ()
    lower = before.lower()
    if first.isdigit():
        keeps = lower in BEFORE_NUMBER or lower in TITLES or lower in MAYBE_FINAL  # "No. 5", "Sept. 11"
        keeps = keeps or len(before) == 1 or is_initialism(before)
        return () if keeps else (cut,)
    if lower in TITLES:
        return ()
    if lower in TIMES or lower in USUALLY_FINAL:
        return (cut,)
    if len(before) == 1 and before.isalpha():
        return _decide_initial(text, before, term_start, last, cut, word)
    if lower in MAYBE_FINAL or before in MAYBE_FINAL_CASED or is_initialism(before):
        return (cut,) if word in STARTERS else ()
    return (cut,)


def _decide_initial(text: str, letter: str, at: int, last: int, cut: int, word: str) -> tuple[int, ...]:
    """'Jonas E. Smith' keeps going; 'you and I. Did' and 'Plan B. The' end."""
    if word in STARTERS:
        return (cut,)
    if letter == "I":
        previous = _previous_word(text, at - 1, last)
        if previous[:1].islower():
            return (cut,)
    return ()


def _decide_ellipsis(
    text: str, term: str, term_start: int, cut: int, word: str, openers: str
) -> tuple[int, ...]:
    if term_start > 0 and text[term_start - 1] == "[":
        # "[...]" marks an elision: it ends a sentence only before a usual opener
        return (cut,) if word in STARTERS and not openers else ()
    dots = term.count(".") + 3 * term.count("…")
    if dots >= 4:
        glued_to_word = term_start > 0 and not text[term_start - 1].isspace()
        if " " in term and glued_to_word:
            return (term_start + 1,)  # "compounds. . . . The": a period, then an ellipsis opening the next
        return (cut,)
    return (cut,) if word[:1].isupper() and word != "I" else ()


def _decide_glued(text: str, match: re.Match, last: int) -> tuple[int, ...]:
    """'world.Today' (no space after the period): a boundary unless it is a URL, an e-mail, a
    domain or an abbreviation glued to a name ('St.Louis')."""
    at = match.start()
    left = _word_before(text, at, 0)
    chunk = left + _word_after(text, at)
    if "@" in chunk or "://" in chunk or chunk.lower().startswith("www."):
        return ()
    before = left.rsplit(".", 1)[-1].lstrip(OPENERS).lower()
    if before in TITLES or before in MAYBE_FINAL or before in BEFORE_NUMBER:
        return ()
    return (at + 1,)


def _decide_date(text: str, match: re.Match, last: int) -> tuple[int, ...]:
    """A dateline ('Friday, July 21, 2017') between a headline and the body, or a byline's date
    ('The Canadian Press, August 15, 2008'), with the newlines lost, ends a sentence when a
    capitalised word follows it; with a weekday it also starts one."""
    start, end = match.span()
    if start > 0 and text[start - 1].isalnum():
        return ()
    weekday, year = match.group("weekday"), match.group("year")
    if not weekday and not year:
        return ()
    _openers, first, _word = _next_word(text, end)
    ends = bool(first) and (first.isupper() or first in OPENERS)
    before_end = _skip_space_back(text, start, last)
    if before_end == last:
        return (end,) if ends else ()
    previous = _word_before(text, before_end, last).lower()
    char_before = text[before_end - 1]
    if previous in DATE_PREPOSITIONS or previous.endswith("day,") or char_before in "(“‘«[":
        return ()
    # a full dateline run into a headline stands alone: cut before it and after it
    alone = bool(weekday) and bool(year) and char_before != ","
    ends = ends or (alone and bool(first) and first not in ",.;:")
    return tuple(cut for cut, wanted in ((start, alone or (ends and weekday)), (end, ends)) if wanted)


def _decide_colon(text: str, match: re.Match, last: int) -> tuple[int, ...]:
    """'... for two reasons: As it moves over land, ...': a colon followed by a whole sentence
    (a usual opener, then a lower-case word) ends a sentence, as in GUM and UD; a colon before a
    name, a title or a list ('said: The Times', 'topics: Politics, ...') does not."""
    end = match.end()
    after = _NEXT_WORD.match(text, end)
    word = after.group(2) + after.group(3)
    if word not in STARTERS or word in ("The", "A", "An", "I"):
        return ()
    following = _next_word(text, after.end())[2]
    return (end,) if following[:1].islower() or following[:1] in "'’" else ()


def _decide_opener(text: str, match: re.Match, last: int) -> tuple[int, ...]:
    """'... in Hong Kong In the New Territories ...': a sentence opener with no punctuation before
    it. Not in title case ('Fire In The Hole'), and a pronoun or question word only before a
    lower-case word ('a banner that read We Know', 'Doctor Who.')."""
    if not _after_word(text, match.start(), last, "_)]"):
        return ()
    previous = _previous_word(text, match.start(), last).lstrip(OPENERS)
    if previous.lower() in ("the", "a", "an"):  # "a concert by The Who in London"
        return ()
    opener = match.group("opener")
    following = _next_word(text, match.end("opener"))[2]
    if opener in PRONOUNS_AND_QUESTIONS:
        return (match.start("opener"),) if following[:1].islower() or following[:1] in "'’" else ()
    if previous[:1].isupper() and following[:1].isupper() and not _DAY_OR_MONTH.match(following):
        return ()
    return (match.start("opener"),)


def _list_cuts(text: str) -> list[int]:
    """Cuts before the 2nd, 3rd... item of an inline list whose first item opens its line:
    '1) The first item 2) The second item'. Markers must count up (1, 2, 3 or a, b, c) in one
    style, so '2. The' inside a sentence never cuts alone."""
    if not any(ch in text for ch in ".)•⁃▪◦‣"):
        return []
    cuts = [m.start("bullet") for m in _BULLET.finditer(text)]
    chain: list[re.Match] = []
    for match in _LIST_ITEM.finditer(text):
        if chain and _continues(text, chain[-1], match):
            chain.append(match)
            continue
        if len(chain) > 1:
            cuts.extend(m.start() for m in chain[1:])
        chain = [match] if _opens_line(text, match.start()) else []
    if len(chain) > 1:
        cuts.extend(m.start() for m in chain[1:])
    return sorted({_item_start(text, cut) for cut in cuts})


def _item_start(text: str, pos: int) -> int:
    """Move a cut before a marker back to the bullet that precedes it ('• 10.')."""
    back = pos
    while back > 0 and text[back - 1] in " \t\u00a0":
        back -= 1
    if back > 0 and text[back - 1] in "•⁃▪◦‣":
        return back - 1
    return pos


def _continues(text: str, previous: re.Match, match: re.Match) -> bool:
    if previous.group("punct") != match.group("punct"):
        return False
    if any(ch in _NEWLINES for ch in text[previous.end() : match.start()]):
        return False
    a, b = previous.group("num"), match.group("num")
    if a.isdigit() and b.isdigit():
        return int(b) == int(a) + 1
    return not a.isdigit() and not b.isdigit() and ord(b) == ord(a) + 1


def _opens_line(text: str, pos: int) -> bool:
    """Only whitespace or a bullet between the line start and `pos`."""
    while pos > 0 and text[pos - 1] not in _NEWLINES:
        pos -= 1
        if not (text[pos].isspace() or text[pos] in "•⁃▪◦‣*-"):
            return False
    return True


_RULES = (
    (_NEWLINE, _decide_newline),
    (_TERMINAL, _decide_terminal),
    (_GLUED, _decide_glued),
    (_WEEKDAY_DATE, _decide_date),
    (_MONTH_DATE, _decide_date),
    (_OPENER, _decide_opener),
    (_QUOTE_END, _decide_quote_or_dash),
    (_DASH, _decide_quote_or_dash),
    (_COLON, _decide_colon),
    (_CAPTION, _decide_caption),
)
