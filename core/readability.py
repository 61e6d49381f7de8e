"""How hard a text is to read: the Flesch-Kincaid grade, the US school year it suits.

A rough, well-known yardstick (sentence length and syllables per word), good enough to tell
an editor "this reads at grade 13; the site aims for 8". Syllables are counted by vowel
groups, which is right for most English words and close for the rest.
"""

import re

WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")
VOWEL_GROUP = re.compile(r"[aeiouy]+")


def syllables(word):
    word = word.lower().strip("'-")
    if not word:
        return 0
    count = len(VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(count, 1)


def grade_level(text):
    """The Flesch-Kincaid grade of ``text`` (one decimal), or None for too little text."""
    words = WORD.findall(text)
    if len(words) < 20:
        return None
    sentences = max(len(SENTENCE_END.findall(text)), 1)
    syllable_count = sum(syllables(word) for word in words)
    grade = 0.39 * len(words) / sentences + 11.8 * syllable_count / len(words) - 15.59
    return round(max(grade, 0.0), 1)
