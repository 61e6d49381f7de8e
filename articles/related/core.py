"""The related-posts scoring core: plain data in, plain data out, no Django.

An article is a ``Document``: its id, topic ids (synonyms already resolved), term counts
from ``analysis.analyse`` and its publication day. ``Index`` turns a corpus into one sparse matrix
whose row dot products are the relevance of two articles:

    relevance(a, b) = topics * cos_idf(topics_a, topics_b) + text * cos_tfidf(text_a, text_b)
    score(a, b)     = relevance(a, b) * (1 - recency + recency * freshness(b))

Weights are inverse document frequencies: ``ln((N + 1) / (df + 1))`` for words, so a word
on every article weighs nothing, and ``max(0, ln((N - df + 0.5) / (df + 0.5)))`` for
topics, so a topic on half the articles or more (like the site's own name) weighs nothing
and rare topics dominate. Freshness
halves every ``half_life_days`` behind the newest article, so recency can move a score by at
most ``recency``. Lists are re-ranked with maximal marginal relevance (MMR) so they are not
five near-copies. Every weight lives in ``Weights`` below.
"""

import math
import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class Weights:
    """Every knob of the engine, in one place. Defaults were tuned on tests/data."""

    #: Share of relevance from rarity-weighted topic overlap (the editors' own labels).
    topics: float = 0.5
    #: Share of relevance from TF-IDF similarity of title, summary and body.
    text: float = 0.5
    #: Largest share of a score that age can take away (a small recency term).
    recency: float = 0.1
    #: Days after which an article is half as fresh as the newest one.
    half_life_days: float = 730.0
    #: MMR trade-off: 0 ranks by score alone, 1 by novelty alone.
    diversity: float = 0.3
    #: Similarity below this is not redundancy: MMR penalises only the part above it, so
    #: articles on one subject may sit together but near-copies are pushed apart.
    near_copy: float = 0.5
    #: How many best-scoring candidates MMR chooses from.
    pool: int = 40
    #: How many automatic items each stored list keeps (the API's maximum limit).
    keep: int = 20
    #: Scores below this are noise, never recommended.
    min_score: float = 0.03
    #: Title and summary words count this many times a body word.
    title_boost: int = 3
    summary_boost: int = 2
    #: Terms kept per article when analysing (most frequent first) and per matrix row.
    stored_terms: int = 200
    row_terms: int = 100
    #: How many shared topics and terms a reason lists.
    reason_topics: int = 3
    reason_terms: int = 3
    #: Topics weighing less than this (near-ubiquitous ones) are never given as a reason.
    reason_min_idf: float = 0.1


WEIGHTS = Weights()
EDITOR, AUTO = "editor", "auto"


@dataclass(frozen=True)
class Document:
    """One article as the engine sees it. ``day`` is a proleptic ordinal (date.toordinal())."""

    id: int
    topics: tuple = ()
    terms: Mapping = field(default_factory=dict)
    day: int | None = None
    #: False for articles that may have a list but must never be recommended.
    candidate: bool = True


@dataclass(frozen=True)
class Recommendation:
    id: int
    score: float
    source: str
    #: Shared topic ids, rarest first.
    topics: tuple = ()
    #: Strongest shared terms, strongest first.
    terms: tuple = ()


@dataclass(frozen=True)
class RankedList:
    source: int
    items: tuple
    #: The score a newcomer must reach to enter this list's MMR pool (see ``affected``).
    threshold: float


def _idf(df, n):
    """Smoothed IDF for words: a word on every article weighs exactly nothing."""
    return np.log((n + 1.0) / (np.asarray(df, dtype=np.float64) + 1.0))


def _topic_idf(df, n):
    """Probabilistic IDF for topics, floored at 0: a label on half the articles or more
    (such as the site's own name) does not tell articles apart, so it weighs nothing."""
    df = np.asarray(df, dtype=np.float64)
    return np.maximum(np.log((n - df + 0.5) / (df + 0.5)), 0.0)


def _normalise_rows(matrix):
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ matrix


class Corpus:
    """Documents with their terms encoded as integer ids, ready to index in milliseconds.

    Keep one alive between refreshes (the store does) and ``put`` only what changed:
    building an ``Index`` from it is then all numpy, with no per-term Python work.
    """

    def __init__(self, docs: Iterable[Document] = ()):
        self.term_id: dict[str, int] = {}
        self.terms: list[str] = []
        self.entries: dict[int, tuple] = {}
        for doc in docs:
            self.put(doc)

    def encode(self, terms, grow=True):
        """Term ids and counts of a term-count mapping (unknown terms skipped unless grow)."""
        term_id = self.term_id
        if grow:
            for term in terms:
                if term not in term_id:
                    term_id[term] = len(self.terms)
                    self.terms.append(term)
            known = terms
        else:
            known = [term for term in terms if term in term_id]
        ids = [term_id[term] for term in known]
        counts = [terms[term] for term in known]
        return np.array(ids, dtype=np.int64), np.array(counts, dtype=np.float64)

    def put(self, doc: Document):
        ids, counts = self.encode(doc.terms)
        self.entries[doc.id] = (replace(doc, terms={}), ids, counts)

    def discard(self, pk):
        self.entries.pop(pk, None)

    def __contains__(self, pk):
        return pk in self.entries

    def __len__(self):
        return len(self.entries)


class Index:
    """A corpus as one row-normalised sparse matrix, plus what scoring needs beside it.

    Columns are topic ids first, then the corpus's term ids. A term found in only one
    article cannot relate two articles, so it is left out (it would only dilute the rest).
    """

    def __init__(self, corpus: Corpus | Iterable[Document], weights: Weights = WEIGHTS):
        if not isinstance(corpus, Corpus):
            corpus = Corpus(corpus)
        self.weights = weights
        self.corpus = corpus
        entries = [corpus.entries[pk] for pk in sorted(corpus.entries)]
        self.docs = [entry[0] for entry in entries]
        n = len(self.docs)
        self.ids = np.fromiter((d.id for d in self.docs), dtype=np.int64, count=n)
        self.row = {pk: i for i, pk in enumerate(self.ids.tolist())}
        self.candidate = np.fromiter((d.candidate for d in self.docs), dtype=bool, count=n)

        topic_df = Counter(t for d in self.docs for t in set(d.topics))
        self.topic_ids = sorted(topic_df)
        self.topic_col = {t: i for i, t in enumerate(self.topic_ids)}
        self.topic_idf = _topic_idf([topic_df[t] for t in self.topic_ids], n)
        self.n_topics = len(self.topic_ids)

        self.vocab = corpus.terms
        self.n_terms = len(self.vocab)
        lengths = np.fromiter((len(e[1]) for e in entries), dtype=np.int64, count=n)
        term_ids = np.concatenate([e[1] for e in entries]) if n else np.zeros(0, np.int64)
        counts = np.concatenate([e[2] for e in entries]) if n else np.zeros(0)
        df = np.bincount(term_ids, minlength=self.n_terms)
        self.term_idf = np.where(df >= 2, _idf(df, n), 0.0)

        self.matrix = self._matrix(self._topic_part(self.docs), lengths, term_ids, counts)
        self.matrix_t = self.matrix.T.tocsr()
        days = [d.day for d in self.docs if d.day is not None]
        self.newest = max(days) if days else 0
        self.freshness = np.fromiter((self.fresh(d) for d in self.docs), dtype=np.float32, count=n)

    def fresh(self, doc):
        """The multiplier recency applies to ``doc`` as a candidate (1 for the newest)."""
        w = self.weights
        if doc.day is None:
            level = 0.5
        else:
            level = 0.5 ** (max(0, self.newest - doc.day) / w.half_life_days)
        return 1.0 - w.recency + w.recency * level

    def _topic_part(self, docs):
        topic_sets = [
            [c for t in set(d.topics) if (c := self.topic_col.get(t)) is not None] for d in docs
        ]
        rows = np.repeat(np.arange(len(docs)), [len(cols) for cols in topic_sets])
        cols = np.fromiter(chain.from_iterable(topic_sets), dtype=np.int64, count=len(rows))
        return sparse.csr_matrix(
            (self.topic_idf[cols], (rows, cols)), shape=(len(docs), self.n_topics)
        )

    def _matrix(self, topics, lengths, term_ids, counts):
        """Rows of sqrt(topics) * topic vector | sqrt(text) * text vector, each unit length."""
        w = self.weights
        n = len(lengths)
        rows = np.repeat(np.arange(n), lengths)
        values = (1.0 + np.log(np.maximum(counts, 1.0))) * self.term_idf[term_ids]
        kept = (values > 0) & (counts > 0)
        rows, cols, values = rows[kept], term_ids[kept], values[kept]
        # Sort by row, strongest value first within a row, and keep each row's first terms.
        order = np.argsort(rows - values / (values.max(initial=0.0) + 1.0))
        rows, cols, values = rows[order], cols[order], values[order]
        starts = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))[:-1]])
        strongest = np.arange(len(rows)) - starts[rows] < w.row_terms
        text = sparse.csr_matrix(
            (values[strongest], (rows[strongest], cols[strongest])), shape=(n, self.n_terms)
        )
        parts = [
            math.sqrt(w.topics) * _normalise_rows(topics),
            math.sqrt(w.text) * _normalise_rows(text),
        ]
        return sparse.hstack(parts, format="csr", dtype=np.float32)

    def vector(self, doc):
        """The matrix row ``doc`` would have in this index (e.g. an article's old version)."""
        term_ids, counts = self.corpus.encode(doc.terms, grow=False)
        known = term_ids < self.n_terms
        term_ids, counts = term_ids[known], counts[known]
        return self._matrix(self._topic_part([doc]), [len(term_ids)], term_ids, counts)

    def relevance(self, rows):
        """Dense relevance of the given matrix rows against every indexed article."""
        return (rows @ self.matrix_t).toarray()

    def gather(self, rows):
        """The given matrix rows as a small dense block over the columns they use.

        Returns (block, columns, dots): ``block[i, j]`` is row ``rows[i]`` at column
        ``columns[j]`` and ``dots`` their pairwise dot products (relevance).
        """
        m = self.matrix
        rows = np.asarray(rows, dtype=np.int64)
        starts, ends = m.indptr[rows], m.indptr[rows + 1]
        lengths = ends - starts
        owner = np.repeat(np.arange(len(rows)), lengths)
        first = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        positions = first + np.arange(lengths.sum())
        columns, inverse = np.unique(m.indices[positions], return_inverse=True)
        block = np.zeros((len(rows), len(columns)), dtype=np.float64)
        block[owner, inverse] = m.data[positions]
        # Pairwise dot products without BLAS: its threads cost more than they save on a
        # few dozen short rows, and they fight the web server for cores.
        compact = sparse.csr_matrix((m.data[positions], (owner, inverse)), shape=block.shape)
        return block, columns, (compact @ compact.T).toarray()

    def reasons(self, products, columns):
        """Shared topic ids (rarest first) and strongest shared terms from one row of
        element-wise products of a source and a target over ``columns``."""
        w = self.weights
        shared = np.flatnonzero(products > 0)
        shared = columns[shared[np.argsort(-products[shared], kind="stable")]].tolist()
        topics = [self.topic_ids[c] for c in shared if c < self.n_topics]
        topics = [t for t in topics if self.topic_idf[self.topic_col[t]] >= w.reason_min_idf]
        terms = [self.vocab[c - self.n_topics] for c in shared if c >= self.n_topics]
        return tuple(topics[: w.reason_topics]), tuple(terms[: w.reason_terms])


def _mmr(scores, similarity, chosen, keep, diversity):
    """Greedy maximal marginal relevance over a pool of candidates.

    ``scores[i]`` is candidate i's score and ``similarity[i][j]`` its relevance to pool
    member j (symmetric); ``chosen`` are members already shown (editor picks). Each step
    takes the candidate with the best (1 - diversity) * score - diversity * (closest shown
    item). Returns candidate positions in order. Plain Python: the pool is a few dozen.
    """
    count = len(scores)
    penalty = [0.0] * count
    for j in chosen:
        penalty = [p if p > s else s for p, s in zip(penalty, similarity[j], strict=False)]
    relevance = [(1 - diversity) * score for score in scores]
    remaining = set(range(count))
    picked = []
    while remaining and len(picked) < keep:
        best = max(remaining, key=lambda i: (relevance[i] - diversity * penalty[i], -i))
        remaining.discard(best)
        picked.append(best)
        penalty = [p if p > s else s for p, s in zip(penalty, similarity[best], strict=False)]
    return picked


def rank(
    index: Index,
    sources: Iterable[int] | None = None,
    *,
    picks: Mapping[int, Sequence[int]] | None = None,
    exclusions: Mapping[int, Iterable[int]] | None = None,
    chunk: int = 128,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
) -> Iterator[RankedList]:
    """Ranked lists for ``sources`` (all indexed articles by default), in chunks of rows.

    Editor picks come first in the editor's order, when they are candidates and not
    excluded; automatic items fill up to ``keep``. Never builds an N x N matrix: each
    chunk is ``chunk`` x N. With ``workers`` > 1 (and enough rows), chunks are ranked in
    that many forked processes that share the index; lists come back in the same order.
    """
    picks = picks or {}
    exclusions = exclusions or {}
    rows = [index.row[s] for s in (index.ids.tolist() if sources is None else sources)]
    blocks = [rows[start : start + chunk] for start in range(0, len(rows), chunk)]
    if workers > 1 and len(blocks) > 1 and "fork" in multiprocessing.get_all_start_methods():
        yield from _rank_forked(index, blocks, picks, exclusions, progress, workers)
        return
    allowed = _allowed(index)
    for block in blocks:
        yield from _rank_block(index, block, allowed, picks, exclusions)
        if progress:
            progress(len(block))


def _allowed(index):
    """Each article's multiplier as a candidate: its freshness, or 0 if never recommended."""
    return np.where(index.candidate, index.freshness, 0.0).astype(np.float64)


def _rank_block(index, block, allowed, picks, exclusions):
    scores = index.relevance(index.matrix[block]) * allowed
    return [
        _rank_row(index, row, scores[offset], picks, exclusions) for offset, row in enumerate(block)
    ]


#: What forked ranking processes read: set just before the pool forks, never pickled.
_FORK_STATE = {}


def _rank_forked_block(block):
    state = _FORK_STATE
    return _rank_block(state["index"], block, state["allowed"], state["picks"], state["exclusions"])


def _rank_forked(index, blocks, picks, exclusions, progress, workers):
    _FORK_STATE.update(index=index, allowed=_allowed(index), picks=picks, exclusions=exclusions)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for block, lists in zip(blocks, pool.imap(_rank_forked_block, blocks), strict=True):
                yield from lists
                if progress:
                    progress(len(block))
    finally:
        _FORK_STATE.clear()


def _rank_row(index, row, scores, picks, exclusions):
    w = index.weights
    source = int(index.ids[row])
    scores[row] = 0.0
    excluded = set(exclusions.get(source, ()))
    for pk in excluded:
        if (col := index.row.get(pk)) is not None:
            scores[col] = 0.0
    chosen = []
    for pick in dict.fromkeys(picks.get(source, ())):
        col = index.row.get(pick)
        if col is not None and col != row and index.candidate[col] and pick not in excluded:
            chosen.append(col)
    pick_scores = scores[chosen].tolist()
    scores[chosen] = 0.0
    size = min(w.pool, int(np.count_nonzero(scores >= w.min_score)))
    top = np.argpartition(-scores, size - 1)[:size] if size else np.zeros(0, dtype=np.int64)
    top = top[np.argsort(-scores[top], kind="stable")]
    top_scores = scores[top].tolist()
    threshold = top_scores[-1] if size == w.pool else w.min_score

    block, columns, dots = index.gather(np.concatenate([top, chosen, [row]]).astype(np.int64))
    redundancy = np.clip((dots[:-1, :-1] - w.near_copy) / (1.0 - w.near_copy), 0.0, None)
    similarity = redundancy.tolist()
    picked_positions = list(range(len(top), len(top) + len(chosen)))
    order = _mmr(top_scores, similarity, picked_positions, w.keep, w.diversity)
    products = block[:-1] * block[-1]

    items = []
    for position, col in enumerate(chosen):
        topics, terms = index.reasons(products[len(top) + position], columns)
        items.append(
            Recommendation(int(index.ids[col]), pick_scores[position], EDITOR, topics, terms)
        )
    for position in order:
        topics, terms = index.reasons(products[position], columns)
        items.append(
            Recommendation(int(index.ids[top[position]]), top_scores[position], AUTO, topics, terms)
        )
    return RankedList(source, tuple(items), threshold)


def affected(
    index: Index,
    changed: Iterable[Document],
    thresholds: Mapping[int, float],
    tolerance: float = 0.005,
) -> set[int]:
    """Sources whose list a changed article can enter or leave.

    ``changed`` holds each changed article's old and/or new ``Document`` (as stored before
    the change and as indexed now). An article belongs to source S's pool when its score
    from S reaches S's threshold, so S is affected when either version reaches it.
    """
    vectors, multipliers, origins = [], [], []
    for doc in changed:
        if not doc.candidate:
            continue
        vectors.append(index.vector(doc))
        multipliers.append(index.fresh(doc))
        origins.append(doc.id)
    hits = set()
    if not vectors:
        return hits
    limit = np.array([thresholds.get(int(pk), 0.0) for pk in index.ids]) - tolerance
    scores = index.relevance(sparse.vstack(vectors)) * np.array(multipliers)[:, None]
    for origin, row in zip(origins, scores, strict=True):
        reached = np.flatnonzero(row >= np.maximum(limit, 1e-9))
        hits.update(int(index.ids[i]) for i in reached if int(index.ids[i]) != origin)
    return hits


def reason_line(topic_names: Sequence[str], terms: Sequence[str], editor_pick: bool) -> str:
    """The short human explanation shown under a recommendation."""
    parts = ["Chosen by our editors"] if editor_pick else []
    if topic_names:
        parts.append("Also about: " + " · ".join(topic_names))
    elif terms:
        parts.append("Also mentions: " + ", ".join(terms))
    return " · ".join(parts) if parts else "Related reading"
