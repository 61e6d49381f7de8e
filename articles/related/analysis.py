"""Words out of article text for the related-posts engine: pure Python, no Django.

Title and summary words count more than body words; stop words go; plurals fold
(therapies -> therapy) but words stay readable, because the strongest shared terms are
shown to readers and apps as a reason.
"""

import re
import sys
from collections import Counter

from articles.related.core import WEIGHTS

_STOP_TEXT = """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each even ever every few for from further get gets getting
    got had hadn't has hasn't have haven't having he her here hers herself him himself his how
    however i if in into is isn't it it's its itself just least less let like made make makes
    many may maybe me might more most much must my myself need needs never no nor not now of
    off often on once one only or other others our ours ourselves out over own per perhaps
    quite rather really same say says she should shouldn't so some such than that that's the
    their theirs them themselves then there these they this those though through thus to too
    under until up upon us use used very was wasn't way we well were weren't what when where
    whether which while who whom whose why will with within without won't would wouldn't yes
    yet you your yours yourself yourselves
    again already always another anything around back came come comes day days everything
    expect first full go goes going gone including include includes kind know knew last lot
    look member month months new next old part put said see seen something someone still
    take takes thing things time times told try want wants week weeks went year years
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def normalise(word):
    """A light plural folding that keeps words readable (therapies -> therapy)."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def tokens(text):
    """Content words of a text, lower-cased and plural-folded, stop words dropped."""
    for word in _WORD.findall((text or "").lower().replace("\u2019", "'")):
        if word in STOP_WORDS or len(word) < 3 or word.isdigit():
            continue
        word = normalise(word)
        if len(word) >= 3 and word not in STOP_WORDS:
            yield sys.intern(word)


def analyse(title="", summary="", body="", weights=WEIGHTS):
    """Term counts for an article, title and summary boosted, most frequent terms only."""
    counts = Counter()
    for text, boost in ((title, weights.title_boost), (summary, weights.summary_boost)):
        for word in tokens(text):
            counts[word] += boost
    counts.update(tokens(body))
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: weights.stored_terms]
    return dict(top)
