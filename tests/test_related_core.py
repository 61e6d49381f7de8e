"""The scoring core on plain data: no database, no Django."""

from articles.related import core
from articles.related.analysis import analyse, tokens

SITE = 1  # a topic on every article, like the site's own name


def doc(pk, topics=(), text="", day=740000, candidate=True):
    return core.Document(pk, tuple(topics), analyse(text, "", text), day, candidate)


def ranked(docs, source, **kwargs):
    index = core.Index(docs)
    (result,) = core.rank(index, [source], **kwargs)
    return [item.id for item in result.items], result


FILLER = [doc(100 + i, [SITE, 50 + i % 5], f"garden weather holiday recipe {i}") for i in range(12)]


def test_analysis_drops_stop_words_and_folds_plurals():
    assert list(tokens("The therapies and the Benzodiazepines were tapered")) == [
        "therapy",
        "benzodiazepine",
        "tapered",
    ]
    counts = analyse("Methadone", "methadone helps", "methadone")
    assert counts["methadone"] == 3 + 2 + 1


def test_rare_topics_outweigh_ubiquitous_ones():
    docs = [
        doc(1, [SITE, 2, 3], "alpha"),
        doc(2, [SITE, 2], "beta"),  # shares the rare topic 2
        doc(3, [SITE, 3, 4, 5], "gamma"),  # shares topic 3 (rare too) but is diluted
        doc(4, [SITE], "delta"),  # shares only the ubiquitous topic
        *FILLER,
    ]
    order, result = ranked(docs, 1)
    assert order[0] == 2
    assert 4 not in order  # a topic on every article counts for nothing
    assert result.items[0].topics == (2,)


def test_ubiquitous_topic_is_never_a_reason():
    docs = [doc(1, [SITE, 2], "alpha"), doc(2, [SITE, 2], "beta"), *FILLER]
    _, result = ranked(docs, 1)
    assert SITE not in result.items[0].topics


def test_text_separates_articles_when_topics_do_not():
    text_a = "methadone maintenance clinic dose methadone"
    docs = [
        doc(1, [SITE], text_a),
        doc(2, [SITE], "methadone clinic dose schedule"),
        doc(3, [SITE], "birthday party invitation cake"),
        *FILLER,
    ]
    order, result = ranked(docs, 1)
    assert order == [2]
    assert "methadone" in result.items[0].terms


def test_exclusions_never_appear_even_when_picked():
    docs = [doc(i, [SITE, 2], "shared words here") for i in range(1, 6)] + FILLER
    order, _ = ranked(docs, 1, exclusions={1: {2, 3}}, picks={1: [3]})
    assert 2 not in order
    assert 3 not in order
    assert set(order) == {4, 5}


def test_editor_picks_come_first_in_editor_order():
    docs = [doc(i, [SITE, 2], "shared words here") for i in range(1, 6)]
    docs.append(doc(6, [SITE, 9], "nothing in common at all"))
    docs += FILLER
    order, result = ranked(docs, 1, picks={1: [6, 4]})
    assert order[:2] == [6, 4]
    assert [item.source for item in result.items[:3]] == ["editor", "editor", "auto"]
    assert order.count(4) == 1


def test_never_recommend_and_non_candidates_are_skipped_but_still_get_lists():
    docs = [
        doc(1, [SITE, 2], "shared words"),
        doc(2, [SITE, 2], "shared words", candidate=False),
        doc(3, [SITE, 2], "shared words"),
        *FILLER,
    ]
    assert ranked(docs, 1)[0] == [3]
    assert ranked(docs, 2)[0][0] in (1, 3)  # an opted-out article still has a list
    assert ranked(docs, 1, picks={1: [2]})[0] == [3]  # not even as an editor pick


def test_diversity_prefers_a_different_angle_over_a_near_copy():
    copies = "naloxone overdose reversal spray kit"
    docs = [
        doc(1, [SITE, 2], "naloxone overdose reversal spray kit support meetings"),
        doc(2, [SITE, 2], copies),
        doc(3, [SITE, 2], copies),
        doc(4, [SITE, 2], copies),
        doc(5, [SITE, 2], "support meetings"),
        *FILLER,
    ]
    by_score = [
        i.id for i in next(core.rank(core.Index(docs, core.Weights(diversity=0)), [1])).items
    ]
    with_mmr = [i.id for i in next(core.rank(core.Index(docs), [1])).items]
    assert by_score[-1] == 5  # the least similar by score alone...
    assert with_mmr[1] == 5  # ...comes second once near-copies are penalised
    assert set(with_mmr) == set(by_score)


def test_recency_breaks_ties_and_moves_scores_at_most_its_weight():
    docs = [
        doc(1, [SITE, 2], "same words", day=740000),
        doc(2, [SITE, 2], "same words", day=740000 - 3000),
        doc(3, [SITE, 2], "same words", day=740000),
        *FILLER,
    ]
    _, result = ranked(docs, 1)
    assert [i.id for i in result.items] == [3, 2]
    old, new = result.items[1].score, result.items[0].score
    assert new * (1 - core.WEIGHTS.recency) <= old < new


def test_chunked_ranking_matches_one_by_one():
    docs = [doc(i, [SITE, 2 + i % 4], f"word{i % 7} common{i % 3} thing") for i in range(1, 60)]
    index = core.Index(docs)
    together = {r.source: r for r in core.rank(index, chunk=7)}
    for pk in (1, 17, 59):
        assert next(core.rank(index, [pk], chunk=1)) == together[pk]


def test_ranking_in_forked_workers_gives_the_same_lists_in_order():
    docs = [doc(1, [SITE, 2], "taper dose"), doc(2, [SITE, 2], "taper doctor"), *FILLER]
    index = core.Index(docs)
    picks, exclusions = {1: [105]}, {2: [1]}
    alone = list(core.rank(index, chunk=3, picks=picks, exclusions=exclusions))
    seen = []
    forked = list(
        core.rank(
            index, chunk=3, picks=picks, exclusions=exclusions, workers=2, progress=seen.append
        )
    )
    assert forked == alone
    assert [r.source for r in forked] == index.ids.tolist()
    assert sum(seen) == len(docs)


def test_affected_finds_lists_a_new_article_enters():
    docs = [doc(i, [SITE, 2 + i % 3], f"topic{i % 3} words") for i in range(1, 40)] + FILLER
    index = core.Index(docs)
    thresholds = {r.source: r.threshold for r in core.rank(index)}
    newcomer = doc(500, [SITE, 2], "topic0 words")
    index = core.Index([*docs, newcomer])
    hits = core.affected(index, [newcomer], thresholds)
    assert hits
    assert all(pk % 3 == 0 for pk in hits if pk < 100)  # the sources with topic 2
    entered = {r.source for r in core.rank(index) if 500 in [i.id for i in r.items]}
    assert entered <= hits


def test_reason_line():
    assert core.reason_line(["Benzodiazepines", "Medication"], [], False) == (
        "Also about: Benzodiazepines · Medication"
    )
    assert core.reason_line([], ["methadone"], True) == (
        "Chosen by our editors · Also mentions: methadone"
    )
