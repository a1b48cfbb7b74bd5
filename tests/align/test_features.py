from srccompare.engine.align.features import build_space, dot, paragraph_counts, skeleton, word_features


def test_skeleton_meets_spelling_variants():
    assert skeleton("sayde") == skeleton("said")
    assert skeleton("sayle") == skeleton("sail")
    assert skeleton("zelenskyy") == skeleton("zelensky")
    assert skeleton("iulius") == skeleton("julius")
    assert skeleton("vnto") == skeleton("unto")
    assert skeleton("harbour") != skeleton("minister")


def test_numbers_are_one_strong_feature():
    feats = dict(word_features("3,000"))
    assert feats == {"#3000": 2.0}
    assert "w3000" not in feats


def test_a_quantity_is_its_digits_whatever_is_written_onto_it():
    assert paragraph_counts("a 30-day truce from May 15th") == paragraph_counts("a 30 truce from May 15")
    assert dict(word_features("72-hour")) == {"#72": 2.0}
    assert dict(word_features("1990s")) == dict(word_features("1990"))


def test_names_with_digits_keep_their_letters():
    assert dict(word_features("covid-19")) == {"#covid19": 2.0}
    assert word_features("a380") != word_features("380")


def test_counts_fold_case_quotes_and_diacritics():
    assert paragraph_counts("Wróbel’s PORT") == paragraph_counts("wrobel's port")


def test_rare_words_weigh_more_than_common_ones():
    space = build_space([["the port closed", "the strike began", "the ferry sailed"], ["the port reopened"]])
    vec = space.vectors[0][0]
    assert "wthe" not in vec or vec["wthe"] < vec["wport"]
    assert vec["wclosed"] > vec.get("wthe", 0.0)


def test_dot_is_symmetric_and_zero_without_shared_features():
    a, b = {"x": 1.0, "y": 2.0}, {"y": 3.0, "z": 5.0}
    assert dot(a, b) == dot(b, a) == 6.0
    assert dot(a, {"q": 1.0}) == 0.0


def test_norms_match_vectors():
    space = build_space([["one harbour strike", "two ferries"], ["three pilots"]])
    for vecs, norms in zip(space.vectors, space.norms2):
        for vec, norm in zip(vecs, norms):
            assert abs(dot(vec, vec) - norm) < 1e-9


def test_vectors_weighed_on_use_are_those_weighed_all_at_once():
    """A long pair's search worker weighs every paragraph; this process, only those it asks for."""
    from srccompare.engine.align.features import count_paragraphs, norms_on_use, shared_idf, weigh_all, weighed_on_use
    from tests.align.prose import REWORDED, STORY

    counted = [count_paragraphs(STORY), count_paragraphs(REWORDED)]
    idf = shared_idf(counted)
    (all_a, _all_b), (norms_a, _norms_b) = weigh_all(counted, idf)
    on_use = weighed_on_use(counted[0], idf)
    norms = norms_on_use(on_use)
    assert len(on_use) == len(all_a) and len(norms) == len(norms_a)
    assert on_use[3] == all_a[3] and on_use[3] is on_use[3]  # made once, then kept
    assert norms[3] == norms_a[3]  # the same bits: summed as weigh_all sums them
    assert on_use[1:4] == all_a[1:4] and list(norms) == norms_a
