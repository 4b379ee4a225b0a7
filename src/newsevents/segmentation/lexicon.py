"""Closed word lists the sentence splitter and the tokenizer share.

They are small on purpose: each list answers one question the rules ask ("can this abbreviation
end a sentence?", "does this capitalised word usually begin one?"), and a list that grows past
what a reader can check by eye is a sign the rule belongs elsewhere. Keys are lower case unless
the set name says CASED.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations that stand before a name or a noun and never end a sentence in news:
# "Gen. Motors" is rarer than "Gen. Petraeus", and "Mt. Fuji" never ends a sentence.
TITLES = _words("""
    mr mrs ms messrs mme mlle dr prof gen lt col maj capt cpt cmdr cdr adm sgt cpl pvt brig
    gov sen sens rep reps rev hon pres supt insp det atty mt ft fr msgr vs viz cf
    e.g i.e approx ca
    """)

# Abbreviations that can end a sentence ("... Pitt, Briggs & Co. It closed"): after one of these a
# capitalised word starts a new sentence only when it is a usual sentence opener (STARTERS).
MAYBE_FINAL = _words("""
    co corp inc ltd llc plc bros jr sr esq dept univ assn ave blvd rd st hwy
    jan feb aug sept oct nov dec
    """)

# Abbreviations that end their sentence whenever a capitalised word follows ("..., etc. Reviews").
USUALLY_FINAL = frozenset(("etc", "al"))

# State abbreviations of AP datelines ("SAN JOSE, Calif."): only capitalised, since several are
# ordinary words in lower case ("ill", "wash", "mass").
MAYBE_FINAL_CASED = _words("""
    Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont
    Neb Nev Okla Ore Pa Penn Tenn Tex Va Vt Wash Wis Wyo
    """)

# Abbreviations that are abbreviations only before a number ("No. 5", "p. 55", "Vol. 3", "Mar. 5").
BEFORE_NUMBER = _words(
    "no nos nr n° p pp vol vols ch chap art sec fig figs para pt op ex ext tel mar apr jun jul"
)

# Time abbreviations: "at 6 p.m. Mr. Smith left" is two sentences, "At 5 a.m. Mr. Smith went" one.
TIMES = frozenset(("a.m", "p.m"))

# Capitalised words that usually open a sentence and rarely follow an abbreviation inside one.
# After "U.S." or "Inc." only these start a new sentence ("U.S. Government" stays one).
STARTERS = _words("""
    The A An This That These Those It Its He She They We I You His Her Their Our My Your There Here
    But And Or So Yet However Meanwhile Moreover Furthermore Also Still Then Now Today Yesterday
    Tomorrow Earlier Later Last Next In On At For From With Without After Before When While If As
    Although Though Since Because According What Who Whom Whose Where Why How Which Some Many Most
    All Both Each Every Several Few Other Others Another No Not None One Two Three Do Does Did Is Are
    Was Were Has Have Had Will Would Can Could Should Might Must Let Please Thank Thanks Yes During
    Under Over Despite Instead Until By To Of Such Only Even Just Nor Once Unlike Like Following
    Oh Yeah Well Sure Okay
    """)

# Capitalised words that begin a sentence even with no punctuation before them: a headline, a
# caption or a transcript line run into the next sentence ("... in Hong Kong In the New Territories").
# Short function words are lower case inside English titles, and pronouns and question words are
# capitalised mid-sentence only in titles of works, so these cut unless the text around is in
# title case. "I", "The" and "A" are left out: they follow names and titles all the time.
PRONOUNS_AND_QUESTIONS = _words("It He She They We You What How Why Where When Who")
OPENS_WITHOUT_PUNCTUATION = PRONOUNS_AND_QUESTIONS | _words("In On At As If For But And So According")

# Labels that open a photo caption or credit line ("... in Cairo Image: Reuters"): a new sentence
# even when the caption before them has no final punctuation.
CAPTION_LABELS = (
    "Image",
    "Images",
    "Photo",
    "Photos",
    "Picture",
    "Credit",
    "Video",
    "Caption",
    "Source",
    "image",
    "photo",
)

# Words before a dateline that keep it inside the sentence ("on Tuesday, May 5, 2015").
DATE_PREPOSITIONS = _words(
    "on by until till since before after from of to through and or between than last next this that"
)


def is_initialism(word: str) -> bool:
    """True for 'U.S', 'D.C', 'a.m', 'U.S.A' (the word before a final period): single letters joined
    by periods. These keep their periods in the token and rarely end a sentence."""
    if len(word) < 3 or word[1] != ".":
        return False
    parts = word.split(".")
    return all(len(p) == 1 and p.isalpha() for p in parts)
