"""Turn what a worried reader types into words the search backend can use.

Readers type questions, brand names, slang and typos. This module cleans the text
(punctuation and stop words never reach the backend), resolves names and synonyms
("benzos", "Klonopin", "Narcan") to the concept they name and adds its other names, and
corrects words it does not know against a small vocabulary (those names, live page titles
and summaries) so a typo in those still finds results on any database.

The concepts come from the apps, through Wagtail's ``search_lexicon`` hook: each hook
returns objects with a ``search_names`` list (the topics app returns its topics, whose
names are the topic's name and synonyms). So this module imports no app.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.core.cache import cache
from wagtail import hooks
from wagtail.models import Page, get_page_models

from core.access import Access

MAX_QUERY_LENGTH = 200
MIN_CORRECTABLE_LENGTH = 4
CORRECTION_CUTOFF = 0.8
VOCABULARY_CACHE_KEY = "search:vocabulary"
VOCABULARY_SECONDS = 300

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOP_WORDS_TEXT = """
    a about after again all am an and any are as at be because been before being but by
    can could did do does doing don dont for from get got had has have having he her here
    hers him his how i if in into is it its just me more most my no nor not now of off on
    once only or other our out over own same she should so some such than that the their
    them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def words(text):
    """Lower-cased words in ``text``, punctuation dropped, apostrophes removed."""
    return [re.sub(r"['’]", "", w) for w in _WORD.findall((text or "").lower())]


def content_words(text):
    """``words`` without stop words and single letters."""
    return [w for w in words(text) if w not in STOP_WORDS and len(w) > 1]


def lexicon():
    """Every concept the apps name (``search_lexicon`` hooks), each with ``search_names``."""
    return [concept for hook in hooks.get_hooks("search_lexicon") for concept in hook()]


def searchable_models(kind=None):
    """Page types readers search: those that declare a ``search_kind`` (optionally one kind)."""
    return [
        model
        for model in get_page_models()
        if getattr(model, "search_kind", None) and kind in (None, model.search_kind)
    ]


def _summaries(anyone):
    for model in searchable_models():
        if any(field.name == "summary" for field in model._meta.local_fields):
            yield from anyone.listable(model.objects.all()).values_list("summary", flat=True)


def vocabulary():
    """Words the site knows: concept names, and the titles and summaries anyone may see listed.

    Only what an anonymous reader may see listed counts, so a correction ("also searched
    for …") can never reveal a word from a hidden page. Cached.
    """
    known = cache.get(VOCABULARY_CACHE_KEY)
    if known is None:
        anyone = Access.anonymous()
        known = set()
        for concept in lexicon():
            for name in concept.search_names:
                known.update(content_words(name))
        pages = anyone.listable(Page.objects.filter(depth__gt=1))
        for title in pages.values_list("title", flat=True):
            known.update(content_words(title))
        for summary in _summaries(anyone):
            known.update(content_words(summary))
        cache.set(VOCABULARY_CACHE_KEY, known, VOCABULARY_SECONDS)
    return known


def forget_vocabulary(**kwargs):
    """Drop the cached vocabulary (a signal receiver: pages or concepts changed)."""
    cache.delete(VOCABULARY_CACHE_KEY)


def correct(word, known):
    """The closest known word to a word the site does not know, or None."""
    if word in known or len(word) < MIN_CORRECTABLE_LENGTH or word.isdigit():
        return None
    matches = difflib.get_close_matches(word, known, n=1, cutoff=CORRECTION_CUTOFF)
    return matches[0] if matches else None


def _variants(word):
    """The word and its simple singular/plural forms, for matching topic names."""
    forms = {word}
    if word.endswith("s") and len(word) > 3:
        forms.add(word[:-1])
    else:
        forms.add(word + "s")
    return forms


def topics_named(phrase_words, topics):
    """Concepts whose name or a synonym appears in the query (whole words, any case)."""
    text = f" {' '.join(phrase_words)} "
    singles = set().union(*(_variants(w) for w in phrase_words)) if phrase_words else set()
    found = []
    for topic in topics:
        for name in topic.search_names:
            name_words = words(name)
            if not name_words:
                continue
            if len(name_words) == 1:
                hit = name_words[0] in singles
            else:
                hit = f" {' '.join(name_words)} " in text
            if hit:
                found.append(topic)
                break
    return found


@dataclass
class ParsedQuery:
    """A reader's query, cleaned and expanded."""

    raw: str
    terms: list = field(default_factory=list)
    corrections: dict = field(default_factory=dict)
    topics: list = field(default_factory=list)
    expansions: list = field(default_factory=list)

    @property
    def search_words(self):
        """Every word to look for: the reader's, corrections, topic names and synonyms."""
        return list(dict.fromkeys([*self.terms, *self.corrections.values(), *self.expansions]))

    @property
    def search_string(self):
        return " ".join(self.search_words)

    @property
    def is_empty(self):
        return not self.search_words


def parse(raw):
    """Clean, correct and expand a query string."""
    raw = " ".join((raw or "").split())[:MAX_QUERY_LENGTH]
    parsed = ParsedQuery(raw=raw, terms=content_words(raw))
    if not parsed.terms:
        return parsed
    known = vocabulary()
    for term in parsed.terms:
        fixed = correct(term, known)
        if fixed:
            parsed.corrections[term] = fixed
    topics = lexicon()
    candidates = [*words(raw), *parsed.corrections.values()]
    parsed.topics = topics_named(candidates, topics)
    for topic in parsed.topics:
        for name in topic.search_names:
            parsed.expansions.extend(content_words(name))
    return parsed
