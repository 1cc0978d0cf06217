"""Where a subtitler breaks a line (docs/standards.md §4): after punctuation, before conjunctions and
prepositions; never between article and noun, adjective and noun, first and last name, subject
pronoun and verb, auxiliary and verb. Each gap between two words gets a cost; lower is better."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .emphasis import MARKS, strip_marks
from .typography import is_french


@dataclass(frozen=True)
class Words:
    """Function words of one language (lower case; elided forms like l’ are glued to their word)."""

    conjunctions: frozenset[str]
    prepositions: frozenset[str]
    determiners: frozenset[str]
    pronouns: frozenset[str]      # subject pronouns and clitics that lean on the next word
    auxiliaries: frozenset[str]
    adjectives: frozenset[str]    # usually before their noun
    locutions: frozenset[tuple[str, str]] = frozenset()  # two words read as one ("parce que")


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


FRENCH = Words(
    conjunctions=_set("et ou mais donc or ni car que qu’ qui quand comme si puis parce lorsque "
                      "pendant alors sinon pourtant"),
    prepositions=_set("à au aux de des du dans sur sous avec sans pour par chez vers entre contre "
                      "depuis jusque jusqu’ après avant devant derrière en malgré selon envers"),
    determiners=_set("le la les l’ un une des du au aux ce cet cette ces mon ma mes ton ta tes son sa ses "
                     "notre nos votre vos leur leurs quel quelle quels quelles chaque quelques plusieurs "
                     "aucun aucune tout toute tous toutes"),
    pronouns=_set("je j’ tu il elle on nous vous ils elles me m’ te t’ se s’ ne n’ y lui leur "
                  "pas plus jamais rien très trop si"),  # negation and degree words lean on the next one
    auxiliaries=_set("ai as a avons avez ont avais avait avions aviez avaient aurai auras aura "
                     "suis es est sommes êtes sont étais était étions étiez étaient serai sera "
                     "ait aie soit va vais vas allons allez vont peux peut pouvait veux veut voulais dois doit "
                     "fais fait faisait"),
    adjectives=_set("petit petite petits petites grand grande grands grandes bon bonne bons bonnes "
                    "beau belle beaux belles nouveau nouvelle nouveaux vieux vieille jeune jeunes premier "
                    "première premiers dernier dernière derniers même mêmes autre autres seul seule "
                    "vrai vraie gros grosse mauvais mauvaise meilleur meilleure"),
    locutions=frozenset(tuple(p.split()) for p in (
        "parce que", "alors que", "bien que", "pendant que", "tandis que", "dès que", "afin que",
        "pour que", "sans que", "avant que", "après que", "depuis que", "ainsi que", "même si",
        "à cause", "grâce à", "en train", "au lieu", "du coup", "quelque chose",
        "côté de", "cause de", "lieu de", "face à", "près de", "loin de", "autour de", "lors de")),
)

ENGLISH = Words(
    conjunctions=_set("and or but so nor because that which who when while if then though although "
                      "until unless since as"),
    prepositions=_set("to in on at of for with without from by into onto about after before behind "
                      "between through under over during against toward towards"),
    determiners=_set("the a an my your his her its our their this that these those each every some "
                     "any no all both"),
    pronouns=_set("i you he she it we they"),
    auxiliaries=_set("am is are was were be been being have has had do does did will would shall "
                     "should can could may might must don’t didn’t can’t won’t isn’t wasn’t"),
    adjectives=_set("little big small good bad new old young first last same other only real whole"),
    locutions=frozenset(tuple(p.split()) for p in (
        "because of", "so that", "as well", "even if", "even though", "as if", "instead of",
        "in front", "kind of", "a lot")),
)


def words_for(lang: str) -> Words:
    return FRENCH if is_french(lang) else ENGLISH


# costs of breaking a line or an event after `left` and before `right`
SENTENCE_END = 0.0
CLAUSE_END = 1.0
BEFORE_LINK = 3.0
ORDINARY = 8.0
LEANING = 20.0
FORBIDDEN = 60.0

_CLOSERS = "\"»”’)\u202f" + MARKS   # what may follow a sentence's or clause's last sign
_SENTENCE = re.compile(rf"[.!?…][{_CLOSERS}]*$")
_CLAUSE = re.compile(rf"[,;:—–][{_CLOSERS}]*$")
_WORD = re.compile(r"[^\w’'-]+")


def _bare(token: str) -> str:
    return _WORD.sub("", token).lower()


def gap_cost(left: str, right: str, words: Words) -> float:
    """Cost of a break between the tokens `left` and `right`."""
    if _SENTENCE.search(left):
        return SENTENCE_END
    if left == "-":
        return FORBIDDEN   # a dialogue dash stays with the turn's first word
    if _CLAUSE.search(left):
        return CLAUSE_END
    a, b = _bare(left), _bare(right)
    if (a, b) in words.locutions or (b.startswith("qu’") and (a, "que") in words.locutions):
        return FORBIDDEN   # "parce | que" reads as a broken word
    # a word glued by an apostrophe (l’école, j’ai) is one token: its head decides
    head = a.split("’")[0] + "’" if "’" in a[:-1] else a
    if (head in words.determiners or a in words.determiners or head in words.pronouns
            or a in words.pronouns or a in words.auxiliaries or a in words.prepositions
            or a in words.adjectives):
        return FORBIDDEN
    if a in words.conjunctions:
        return LEANING   # a conjunction opens the next line ("puis / les messages" reads cut)
    if right.startswith("«") or left.endswith("«"):
        return FORBIDDEN if left.endswith("«") else BEFORE_LINK
    if _is_name(left) and _is_name(right):
        return FORBIDDEN   # first and last name
    if b in words.conjunctions or b in words.prepositions or b.split("’")[0] + "’" in words.conjunctions:
        return BEFORE_LINK
    return ORDINARY


COMPLEMENT = 10.0   # a line break between a word and its complement ("la dame / au téléphone")
NEGATION_TAIL = frozenset("pas plus jamais rien personne guère point".split())
COMPLEMENT_OPENERS = frozenset("à au aux de d’ du des".split())


def splits_complement(before: str, left: str, right: str, after: str, words: Words) -> bool:
    """Whether a break between `left` and `right` (with `before` and `after` around them, "" at
    the ends) cuts a noun phrase or a verb from its complement: a noun or verb (a content word
    after a determiner, a pronoun or an auxiliary: "la dame", "j’avais mal", "me faisaient",
    "a appelé") from the determiner or à/de that opens its complement ("au téléphone", "des
    bruits", "mes parents"), or a verb from the end of its negation ("connaissais / même pas")."""
    if _SENTENCE.search(left) or _CLAUSE.search(left):
        return False
    a, b, n = _bare(left), _bare(right), _bare(after)
    if b in NEGATION_TAIL or (b == "même" and n in NEGATION_TAIL):
        return True
    head_b = b.split("’")[0] + "’" if "’" in b[:-1] else b
    if not (b in words.determiners or b in COMPLEMENT_OPENERS or head_b in COMPLEMENT_OPENERS):
        return False
    function = (words.determiners | words.pronouns | words.prepositions | words.conjunctions
                | words.auxiliaries | words.adjectives)
    if not a or a in function:
        return False
    p = _bare(before)
    head_p = p.split("’")[0] + "’" if "’" in p[:-1] else p
    return bool(p) and not (_SENTENCE.search(before) or _CLAUSE.search(before)) and (
        p in words.determiners or p in words.pronouns or head_p in words.pronouns or p in words.auxiliaries)


def splits_subject(left: str, right: str, words: Words) -> bool:
    """Whether a break puts a subject and its verb's auxiliary apart ("quelqu’un / a publié",
    "la CPE / a appelé"): fine between lines, not between two events."""
    if _SENTENCE.search(left) or _CLAUSE.search(left):
        return False
    a, b = _bare(left), _bare(right)
    function = words.determiners | words.prepositions | words.conjunctions | words.auxiliaries
    return b in words.auxiliaries and bool(a) and a not in function


def ends_negation(before: list[str], left: str, words: Words) -> bool:
    """Whether `left` closes a negation after a conjugated verb ("je ne connaissais même pas /
    me faisaient"; `before`: the words before it): a break after it is an ordinary one, though
    "pas" leans on the next word in "ne pas entendre" and after an auxiliary ("je n’ai pas / vu")."""
    if _bare(left) not in NEGATION_TAIL:
        return False
    previous = [_bare(w) for w in before]
    while previous and previous[-1] == "même":
        previous.pop()
    if not previous:
        return False
    p = previous[-1]
    verb = p[2:] if p.startswith("n’") else p
    return p not in ("ne", "n’") and verb not in words.auxiliaries and verb not in words.pronouns


def _is_name(token: str) -> bool:
    t = strip_marks(token).strip("«»“”\"'()")
    return len(t) > 1 and t[0].isupper() and t[1:].replace("-", "").isalpha() and not t.isupper()


_EMOJI_GLUE = {0x200D, 0xFE0E, 0xFE0F, 0x20E3}


def is_emoji(token: str) -> bool:
    """A token of pictographs only (with their joiners and punctuation): 🤝, 💬!, 👍🏽."""
    t = strip_marks(token)
    pictures = [c for c in t if ord(c) >= 0x2190 and unicodedata.category(c) == "So"
                or 0x1F3FB <= ord(c) <= 0x1F3FF]
    rest = [c for c in t if c not in pictures and ord(c) not in _EMOJI_GLUE]
    return bool(pictures) and all(not c.isalnum() for c in rest)


def line_shape_cost(lengths: list[int], max_chars: int) -> float:
    """Two lines: prefer balanced and bottom-heavy (a top line longer than the bottom one costs)."""
    if len(lengths) < 2:
        return 0.0
    top, bottom = lengths[0], lengths[1]
    longer_top = max(0, top - bottom)
    return 0.25 * longer_top + 0.05 * abs(top - bottom) * 32 / max_chars
