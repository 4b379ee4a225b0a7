"""The English Golden Rules of the pragmatic segmenter, as our own table of cases.

Source: github.com/diasks2/pragmatic_segmenter (MIT licence) README.md at commit
358fe97e62902cd86fa6b85063c3bf91aa6c156a, cross-checked with pySBD's
benchmarks/english_golden_rules.py. `in_pysbd48` marks the 48 rules pySBD scores itself on (it
leaves out 40, 41, 42 and 52). Two rules cannot hold under this corpus's conventions, and `note`
says why: 40 (a newline always ends a sentence here) and 41 (the expected output is cleaned text,
which no segmenter that keeps offsets into the untouched text can give).

Used by tests/test_segment.py (one parametrized case per rule) and scripts/bench_segment.py.
"""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    id: int
    name: str
    text: str
    sentences: tuple[str, ...]
    in_pysbd48: bool
    note: str = ""


# Rules that the corpus conventions make impossible: id -> why.
UNREACHABLE = {
    40: "a newline always ends a sentence in this corpus",
    41: "expects cleaned output (newline removed); offsets into the untouched text cannot give it",
}

GOLDEN_RULES: tuple[Rule, ...] = (
    Rule(
        1,
        "Simple period to end sentence",
        "Hello World. My name is Jonas.",
        ("Hello World.", "My name is Jonas."),
        True,
    ),
    Rule(
        2,
        "Question mark to end sentence",
        "What is your name? My name is Jonas.",
        ("What is your name?", "My name is Jonas."),
        True,
    ),
    Rule(
        3,
        "Exclamation point to end sentence",
        "There it is! I found it.",
        ("There it is!", "I found it."),
        True,
    ),
    Rule(
        4,
        "One letter upper case abbreviations",
        "My name is Jonas E. Smith.",
        ("My name is Jonas E. Smith.",),
        True,
    ),
    Rule(5, "One letter lower case abbreviations", "Please turn to p. 55.", ("Please turn to p. 55.",), True),
    Rule(
        6,
        "Two letter lower case abbreviations in the middle of a sentence",
        "Were Jane and co. at the party?",
        ("Were Jane and co. at the party?",),
        True,
    ),
    Rule(
        7,
        "Two letter upper case abbreviations in the middle of a sentence",
        "They closed the deal with Pitt, Briggs & Co. at noon.",
        ("They closed the deal with Pitt, Briggs & Co. at noon.",),
        True,
    ),
    Rule(
        8,
        "Two letter lower case abbreviations at the end of a sentence",
        "Let's ask Jane and co. They should know.",
        ("Let's ask Jane and co.", "They should know."),
        True,
    ),
    Rule(
        9,
        "Two letter upper case abbreviations at the end of a sentence",
        "They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
        ("They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."),
        True,
    ),
    Rule(
        10,
        "Two letter (prepositive) abbreviations",
        "I can see Mt. Fuji from here.",
        ("I can see Mt. Fuji from here.",),
        True,
    ),
    Rule(
        11,
        "Two letter (prepositive & postpositive) abbreviations",
        "St. Michael's Church is on 5th st. near the light.",
        ("St. Michael's Church is on 5th st. near the light.",),
        True,
    ),
    Rule(
        12,
        "Possesive two letter abbreviations",
        "That is JFK Jr.'s book.",
        ("That is JFK Jr.'s book.",),
        True,
    ),
    Rule(
        13,
        "Multi-period abbreviations in the middle of a sentence",
        "I visited the U.S.A. last year.",
        ("I visited the U.S.A. last year.",),
        True,
    ),
    Rule(
        14,
        "Multi-period abbreviations at the end of a sentence",
        "I live in the E.U. How about you?",
        ("I live in the E.U.", "How about you?"),
        True,
    ),
    Rule(
        15,
        "U.S. as sentence boundary",
        "I live in the U.S. How about you?",
        ("I live in the U.S.", "How about you?"),
        True,
    ),
    Rule(
        16,
        "U.S. as non sentence boundary with next word capitalized",
        "I work for the U.S. Government in Virginia.",
        ("I work for the U.S. Government in Virginia.",),
        True,
    ),
    Rule(
        17,
        "U.S. as non sentence boundary",
        "I have lived in the U.S. for 20 years.",
        ("I have lived in the U.S. for 20 years.",),
        True,
    ),
    Rule(
        18,
        "A.M. / P.M. as non sentence boundary and sentence boundary",
        "At 5 a.m. Mr. Smith went to the bank. He left the bank at 6 P.M. Mr. Smith then went to the store.",
        (
            "At 5 a.m. Mr. Smith went to the bank.",
            "He left the bank at 6 P.M.",
            "Mr. Smith then went to the store.",
        ),
        True,
    ),
    Rule(
        19,
        "Number as non sentence boundary",
        "She has $100.00 in her bag.",
        ("She has $100.00 in her bag.",),
        True,
    ),
    Rule(
        20,
        "Number as sentence boundary",
        "She has $100.00. It is in her bag.",
        ("She has $100.00.", "It is in her bag."),
        True,
    ),
    Rule(
        21,
        "Parenthetical inside sentence",
        "He teaches science (He previously worked for 5 years as an engineer.) at the local University.",
        ("He teaches science (He previously worked for 5 years as an engineer.) at the local University.",),
        True,
    ),
    Rule(
        22,
        "Email addresses",
        "Her email is Jane.Doe@example.com. I sent her an email.",
        ("Her email is Jane.Doe@example.com.", "I sent her an email."),
        True,
    ),
    Rule(
        23,
        "Web addresses",
        "The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.",
        ("The site is: https://www.example.50.com/new-site/awesome_content.html.", "Please check it out."),
        True,
    ),
    Rule(
        24,
        "Single quotations inside sentence",
        "She turned to him, 'This is great.' she said.",
        ("She turned to him, 'This is great.' she said.",),
        True,
    ),
    Rule(
        25,
        "Double quotations inside sentence",
        'She turned to him, "This is great." she said.',
        ('She turned to him, "This is great." she said.',),
        True,
    ),
    Rule(
        26,
        "Double quotations at the end of a sentence",
        'She turned to him, "This is great." She held the book out to show him.',
        ('She turned to him, "This is great."', "She held the book out to show him."),
        True,
    ),
    Rule(
        27,
        "Double punctuation (exclamation point)",
        "Hello!! Long time no see.",
        ("Hello!!", "Long time no see."),
        True,
    ),
    Rule(
        28, "Double punctuation (question mark)", "Hello?? Who is there?", ("Hello??", "Who is there?"), True
    ),
    Rule(
        29,
        "Double punctuation (exclamation point / question mark)",
        "Hello!? Is that you?",
        ("Hello!?", "Is that you?"),
        True,
    ),
    Rule(
        30,
        "Double punctuation (question mark / exclamation point)",
        "Hello?! Is that you?",
        ("Hello?!", "Is that you?"),
        True,
    ),
    Rule(
        31,
        "List (period followed by parens and no period to end item)",
        "1.) The first item 2.) The second item",
        ("1.) The first item", "2.) The second item"),
        True,
    ),
    Rule(
        32,
        "List (period followed by parens and period to end item)",
        "1.) The first item. 2.) The second item.",
        ("1.) The first item.", "2.) The second item."),
        True,
    ),
    Rule(
        33,
        "List (parens and no period to end item)",
        "1) The first item 2) The second item",
        ("1) The first item", "2) The second item"),
        True,
    ),
    Rule(
        34,
        "List (parens and period to end item)",
        "1) The first item. 2) The second item.",
        ("1) The first item.", "2) The second item."),
        True,
    ),
    Rule(
        35,
        "List (period to mark list and no period to end item)",
        "1. The first item 2. The second item",
        ("1. The first item", "2. The second item"),
        True,
    ),
    Rule(
        36,
        "List (period to mark list and period to end item)",
        "1. The first item. 2. The second item.",
        ("1. The first item.", "2. The second item."),
        True,
    ),
    Rule(
        37,
        "List with bullet",
        "• 9. The first item • 10. The second item",
        ("• 9. The first item", "• 10. The second item"),
        True,
    ),
    Rule(
        38,
        "List with hypthen",
        "⁃9. The first item ⁃10. The second item",
        ("⁃9. The first item", "⁃10. The second item"),
        True,
    ),
    Rule(
        39,
        "Alphabetical list",
        "a. The first item b. The second item c. The third list item",
        ("a. The first item", "b. The second item", "c. The third list item"),
        True,
    ),
    Rule(
        40,
        "Errant newline in the middle of a sentence (PDF)",
        "This is a sentence\ncut off in the middle because pdf.",
        ("This is a sentence\ncut off in the middle because pdf.",),
        False,
        "contains newline(s); pySBD benchmark omits it",
    ),
    Rule(
        41,
        "Errant newline in the middle of a sentence",
        "It was a cold \nnight in the city.",
        ("It was a cold night in the city.",),
        False,
        "expected output is cleaned (newline removed); not offset-preserving",
    ),
    Rule(
        42,
        "Lower case list separated by newline",
        "features\ncontact manager\nevents, activities\n",
        ("features", "contact manager", "events, activities"),
        False,
        "contains newline(s); pySBD benchmark omits it",
    ),
    Rule(
        43,
        "Geo Coordinates",
        "You can find it at N°. 1026.253.553. That is where the treasure is.",
        ("You can find it at N°. 1026.253.553.", "That is where the treasure is."),
        True,
    ),
    Rule(
        44,
        "Named entities with an exclamation point",
        "She works at Yahoo! in the accounting department.",
        ("She works at Yahoo! in the accounting department.",),
        True,
    ),
    Rule(
        45,
        "I as a sentence boundary and I as an abbreviation",
        "We make a good team, you and I. Did you see Albert I. Jones yesterday?",
        ("We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"),
        True,
    ),
    Rule(
        46,
        "Ellipsis at end of quotation",
        "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”",
        (
            "Thoreau argues that by simplifying one’s life, “the laws of the universe will appear less complex. . . .”",
        ),
        True,
    ),
    Rule(
        47,
        "Ellipsis with square brackets",
        '"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).',
        ('"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).',),
        True,
    ),
    Rule(
        48,
        "Ellipsis as sentence boundary (standard ellipsis rules)",
        "If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . . Next sentence.",
        (
            "If words are left off at the end of a sentence, and that is all that is omitted, indicate the omission with ellipsis marks (preceded and followed by a space) and then indicate the end of the sentence with a period . . . .",
            "Next sentence.",
        ),
        True,
    ),
    Rule(
        49,
        "Ellipsis as sentence boundary (non-standard ellipsis rules)",
        "I never meant that.... She left the store.",
        ("I never meant that....", "She left the store."),
        True,
    ),
    Rule(
        50,
        "Ellipsis as non sentence boundary",
        "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
        (
            "I wasn’t really ... well, what I mean...see . . . what I'm saying, the thing is . . . I didn’t mean it.",
        ),
        True,
    ),
    Rule(
        51,
        "4-dot ellipsis",
        "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds. . . . The practice was not abandoned. . . .",
        (
            "One further habit which was somewhat weakened . . . was that of combining words into self-interpreting compounds.",
            ". . . The practice was not abandoned. . . .",
        ),
        True,
    ),
    Rule(
        52,
        "No whitespace in between sentences",
        "Hello world.Today is Tuesday.Mr. Smith went to the store and bought 1,000.That is a lot.",
        (
            "Hello world.",
            "Today is Tuesday.",
            "Mr. Smith went to the store and bought 1,000.",
            "That is a lot.",
        ),
        False,
        "no whitespace between sentences; pySBD benchmark omits it",
    ),
)
