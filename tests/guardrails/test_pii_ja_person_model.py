"""``guardrails.pii.ja_person_model``: the learned Japanese person tagger (CRF weights)."""

from __future__ import annotations

import time

import numpy as np
import pytest

from guardrails.pii import PiiEngine
from guardrails.pii.ja_person_model import (
    PERSON,
    PersonTagger,
    echo_kinds,
    katakana_compounds,
    load_tagger,
    rule_kinds,
    sequence_features,
    surnames_of_full_names,
    token_parts,
)
from guardrails.pii.recognizers_ja import (
    MARKED,
    Token,
    name_spans,
    person_morphemes,
    person_spans,
)
from guardrails.run_memo import kept_table, run_memo
from tests.guardrails.pii_engine_cache import japanese_persons, shared_pii_engine


def _tokens(*parts: tuple[str, tuple[str, ...]]) -> list[Token]:
    out, pos = [], 0
    for surface, tags in parts:
        out.append(Token(pos, pos + len(surface), surface, tags))
        pos += len(surface)
    return out


NAME = ("名詞", "固有名詞", "人名", "一般")
SURNAME = ("名詞", "固有名詞", "人名", "姓")
GIVEN = ("名詞", "固有名詞", "人名", "名")
PLACE = ("名詞", "固有名詞", "地名", "一般")
NOUN = ("名詞", "普通名詞", "一般", "*")
PARTICLE = ("助詞", "係助詞", "*", "*")
DOT = ("補助記号", "一般", "*", "*")
# Weight vectors over the labels (person, other).
NAME_WEIGHT = {"pos=名詞/固有名詞/人名": [5.0, 0.0], "bias": [-1.0, 0.0]}


def test_the_shipped_weights_load() -> None:
    tagger = load_tagger()
    assert tagger is not None and len(tagger.weights) > 100
    assert {"P", "O", "ORG", "LOC"} <= set(tagger.label_names)
    k = len(tagger.label_names)
    assert tagger.transitions.shape == (k, k)
    assert all(len(w) == k for w in tagger.weights.values())


def test_a_name_joined_by_a_middle_dot_is_one_span() -> None:
    sentence = _tokens(("ジョン", NAME), ("・", DOT), ("ケリー", NAME), ("は", PARTICLE))
    assert PersonTagger(NAME_WEIGHT).spans(sentence, []) == [(0, 7)]


def test_a_particle_never_joins_two_names() -> None:
    sentence = _tokens(("高畑", NAME), ("や", PARTICLE), ("宮崎", NAME), ("は", PARTICLE))
    # A strong person-to-person transition and a tiny threshold would bridge the particle
    # if the part of speech did not forbid it.
    tagger = PersonTagger(NAME_WEIGHT, {"P>P": 10.0}, threshold=0.001)
    assert tagger.spans(sentence, []) == [(0, 2), (3, 5)]


def test_transitions_decide_an_uncertain_token() -> None:
    sentence = _tokens(("ジョン", NAME), ("スミス", NOUN), ("は", PARTICLE))
    weights = {**NAME_WEIGHT, "pos=名詞/普通名詞/一般": [-0.5, 0.0]}
    assert PersonTagger(weights).spans(sentence, []) == [(0, 3)]
    assert PersonTagger(weights, {"P>P": 2.0}).spans(sentence, []) == [(0, 6)]


def test_runtime_scores_are_the_sum_of_the_training_features() -> None:
    tagger = load_tagger()
    assert tagger is not None
    text = "会長の池田大作は、アラン・スミス氏と会った。池田は話した。"
    tokens = person_morphemes(text)
    kinds = rule_kinds(tokens, [(3, 7, 0.9)])
    zero = np.zeros(len(tagger.label_names))
    expected = [
        sum((tagger.weights.get(f, zero) for f in feats), zero)
        for feats in sequence_features(tokens, kinds)
    ]
    assert tagger.scores(tokens, kinds) == pytest.approx(np.array(expected))


def test_person_probabilities_are_marginals() -> None:
    sentence = _tokens(("ジョン", NAME), ("スミス", NOUN), ("は", PARTICLE))
    tagger = PersonTagger(NAME_WEIGHT)
    # No transitions: each token's marginal is the logistic of its own person score.
    expected = [1 / (1 + np.exp(-4.0)), 1 / (1 + np.exp(1.0)), 0.0]
    assert tagger.person_probabilities(sentence, ["none"] * 3) == pytest.approx(expected)


def test_marginals_cover_every_label_and_agree_with_person_probabilities() -> None:
    sentence = _tokens(("ジョン", NAME), ("スミス", NOUN), ("は", PARTICLE))
    tagger = PersonTagger(NAME_WEIGHT, {"P>P": 1.0})
    marginals = tagger.marginals(sentence, ["none"] * 3)
    assert marginals.shape == (3, 2)
    assert marginals.sum(axis=1) == pytest.approx(np.ones(3))
    person = tagger.person_probabilities(sentence, ["none"] * 3)
    assert list(marginals[:, 0]) == pytest.approx(person)
    assert tagger.marginals([], []).shape == (0, 2)


def test_katakana_compounds_span_all_their_parts() -> None:
    sentence = _tokens(
        ("アラン", NOUN),
        ("・", DOT),
        ("スミス", NOUN),
        ("・", DOT),
        ("ジュニア", NOUN),
        ("は", PARTICLE),
    )
    compounds = katakana_compounds(sentence)
    assert compounds[0] == compounds[4] == (3, 0, 4)
    assert compounds[5] == (1, 5, 5)


def test_a_surname_seen_in_a_full_name_is_remembered() -> None:
    sentence = _tokens(("高畑", SURNAME), ("勲", GIVEN), ("と", PARTICLE), ("宮崎", PLACE))
    assert surnames_of_full_names(sentence) == {"高畑"}
    repeated = _tokens(("高畑", SURNAME), ("勲", GIVEN), ("と", PARTICLE), ("高畑", PLACE))
    assert "seen_full=True" in sequence_features(repeated, ["none"] * 4)[3]
    assert "seen_full=True" not in sequence_features(repeated, ["none"] * 4)[0]


def test_a_role_before_a_name_is_not_part_of_it() -> None:
    text = "第三代会長池田大作は講演した。"
    spans = name_spans(text, person_morphemes(text), load_tagger())
    assert [text[s:e] for s, e, _ in spans] == ["池田大作"]


@pytest.mark.parametrize(
    ("thing", "kept"),
    [
        ("追討軍", []),  # a long common noun after the name: a thing named after someone
        ("大作", ["池田大作"]),  # a short one before a particle: a given name Sudachi lacks
    ],
)
def test_a_name_before_a_common_noun(thing: str, kept: list[str]) -> None:
    sentence = _tokens(("池田", SURNAME), (thing, NOUN), ("は", PARTICLE))
    text = "".join(t.surface for t in sentence)
    every_noun = PersonTagger(
        {"pos=名詞/固有名詞/人名": [5.0, 0.0], "pos=名詞/普通名詞/一般": [5.0, 0.0]}
    )
    assert [text[s:e] for s, e, _ in name_spans(text, sentence, every_noun)] == kept


# Behaviour on sentences written for these tests (not from any corpus): names after a role,
# a surname used alone after the full name, organisations named after places or founders.
@pytest.fixture(scope="module")
def engine() -> PiiEngine:
    return shared_pii_engine()


_persons = japanese_persons


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("営業本部長の森下圭介が新年の挨拶をした。", "森下圭介"),
        ("監督の石川正人は若手に細かく指示を出した。", "石川正人"),
        ("会長大橋秀雄の退任が発表された。", "大橋秀雄"),
        ("担当者の野村沙織様よりご連絡いただきました。", "野村沙織"),
    ],
)
def test_a_name_after_a_role_is_found_without_the_role(
    engine: PiiEngine, text: str, name: str
) -> None:
    assert name in _persons(engine, text)


def test_a_surname_used_alone_after_the_full_name_is_found(engine: PiiEngine) -> None:
    text = "窓口の松岡雄一さんから電話がありました。松岡は明日また連絡すると言っていました。"
    persons = _persons(engine, text)
    assert "松岡" in persons and any(p.startswith("松岡雄一") for p in persons)


@pytest.mark.parametrize(
    "text",
    [
        "北海道大学教授として長く勤めた。",
        "東京電力社長が記者会見を開いた。",
        "日本銀行総裁の発言が注目された。",
        "トヨタ自動車会長が工場を視察した。",
    ],
)
def test_an_organisation_before_a_role_is_not_a_name(engine: PiiEngine, text: str) -> None:
    assert _persons(engine, text) == []


def test_a_compound_proper_noun_keeps_its_head() -> None:
    heads = {t.surface: t.head for t in person_morphemes("東京電力の池田大作と自民党")}
    assert heads["東京電力"] == "名詞/普通名詞"
    assert heads["自民党"].startswith("接尾辞")
    assert heads["池田"] == heads["大作"] == ""


def test_list_members_see_each_other() -> None:
    sentence = _tokens(("島", NOUN), ("、", DOT), ("池田", SURNAME), ("の", PARTICLE))
    features = sequence_features(sentence, ["none", "none", "tagged", "none"])
    assert "next_list=、/名詞/固有名詞/人名" in features[0]
    assert "next_list_rule=、/tagged/kanji" in features[0]
    assert not any(f.startswith("prev_list") for f in features[0])


def test_a_word_knows_how_it_is_used_elsewhere_in_the_text() -> None:
    name = ("名詞", "普通名詞", "一般", "*")
    sentence = _tokens(
        ("エド", name), ("・", DOT), ("マロー", name), ("と", PARTICLE), ("マロー", name)
    )
    echoes = echo_kinds(sentence, ["compound"] * 3 + ["none"] * 2, katakana_compounds(sentence))
    assert echoes[4] == {"compound", "last"}  # the full name's family name, seen before
    assert echoes[0] == frozenset()


def test_the_rules_added_spans_can_be_switched_off_for_measuring() -> None:
    sentence = _tokens(
        ("山田", SURNAME), ("花子", GIVEN), ("は", PARTICLE), ("山田", PLACE), ("が", PARTICLE)
    )
    text = "".join(t.surface for t in sentence)
    tagger = PersonTagger(NAME_WEIGHT)  # tags the 人名 tokens only, not the lone place-tagged one

    def found(**switches: bool) -> list[tuple[int, int]]:
        return [(a, b) for a, b, _ in name_spans(text, sentence, tagger, **switches)]

    assert found() == [(0, 4), (5, 7)]
    # The lone surname is both a context-marked rule span and a repeated part of the
    # tagger's full name: it goes only when both are switched off.
    assert found(keep_marked=False) == [(0, 4), (5, 7)]
    assert found(repeats=False) == [(0, 4), (5, 7)]
    assert found(keep_marked=False, repeats=False) == [(0, 4)]


def test_a_given_name_used_alone_after_the_full_name_is_found(engine: PiiEngine) -> None:
    text = "山田花子さんが受付に来ました。花子はすぐに帰りました。"
    persons = _persons(engine, text)
    assert persons.count("花子") == 1


def test_bio_labels_sum_begin_and_inside_into_the_person_probability() -> None:
    sentence = _tokens(("山田", SURNAME), ("太郎", GIVEN), ("は", PARTICLE))
    # Each of B-P and I-P alone stays under 0.5 on a name token (e^2 / (2e^2 + 1) = 0.47);
    # their sum is the token's person probability.
    weights = {"pos=名詞/固有名詞/人名": [2.0, 2.0, 0.0]}
    tagger = PersonTagger(weights, labels=("B-P", "I-P", "O"))
    probabilities = tagger.person_probabilities(sentence, ["none"] * 3)
    assert probabilities[0] == pytest.approx(2 * np.e**2 / (2 * np.e**2 + 1))
    assert probabilities[2] == 0.0
    assert tagger.spans(sentence, []) == [(0, 4)]


def _scores_as_summed_before(tagger: PersonTagger, tokens: list[Token], kinds: list[str]) -> bytes:
    """The scores as ``PersonTagger.scores`` summed them before its look-up shortcuts.

    Every part's weight vectors from zero left to right, absent features adding zero, and the
    parts summed per token by numpy: the reference the tagger must match bit for bit.
    """
    zero = tagger._zero
    parts_of = [
        sum((tagger.weights.get(f, zero) for f in part(*args)), zero)
        for parts in token_parts(tokens, kinds, tagger.ranks)
        for part, args in parts
    ]
    k = len(tagger.label_names)
    return bytes(np.array(parts_of).reshape(len(tokens), -1, k).sum(axis=1).tobytes())


# Our own lines: names, a katakana name, an address, digits, a list, a role, a quote.
_TEXTS = [
    "お世話になっております。佐々木です。注文番号 #77120 の件でご連絡しました。",
    "担当の森さんと林さん、それからマイケル・ブラウン様にもお伝えください。",
    "〒150-0001 東京都渋谷区神宮前4丁目3番、電話 03-1234-9876 までお願いします。",
    "「田中が来る」と言われましたが、田中一郎さんのことでしょうか。",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_scores_are_bit_for_bit_the_plain_sums_cold_warm_and_in_a_run(text: str) -> None:
    tagger = load_tagger()
    assert tagger is not None
    tokens = person_morphemes(text)
    kinds = rule_kinds(tokens, [])
    expected = _scores_as_summed_before(tagger, tokens, kinds)
    for summed in tagger._summed_parts.values():  # cold: no part sum kept yet
        summed._kept.clear()  # type: ignore[attr-defined]
    assert tagger.scores(tokens, kinds).tobytes() == expected
    assert any(kept_table(s) for s in tagger._summed_parts.values())  # the shortcut has work
    assert tagger.scores(tokens, kinds).tobytes() == expected  # warm: read from kept tables
    with run_memo():  # in a run: the others from the run's memo
        assert tagger.scores(tokens, kinds).tobytes() == expected
        assert tagger.scores(tokens, kinds).tobytes() == expected


def test_a_part_whose_features_have_no_weights_sums_to_zero() -> None:
    tagger = PersonTagger({"bias": [0.25, -0.5]})
    tokens = _tokens(("山田", NAME), ("は", PARTICLE))
    scores = tagger.scores(tokens, ["none", "none"])
    # Only "bias" has weights: every other part adds nothing, and no score is -0.0.
    assert scores.tolist() == [[0.25, -0.5], [0.25, -0.5]]
    assert not np.signbit(scores[:, 0]).any()


def test_a_word_that_names_nobody_is_kept_and_a_name_only_for_its_run() -> None:
    from guardrails.pii import ja_person_model as model

    common = ("請求書", "名詞/普通名詞/一般", "名詞/普通名詞/一般/*", "False", "")
    proper = ("山田", "名詞/固有名詞/人名", "名詞/固有名詞/人名/姓", "False", "")
    unknown = ("ゾルバニク", "名詞/普通名詞/一般", "名詞/普通名詞/一般/*", "True", "")
    surname_noun = ("林", "名詞/普通名詞/一般", "名詞/普通名詞/一般/*", "False", "")
    kept = kept_table(model._word_names_nobody)
    with run_memo():
        assert model.names_nobody(common, "prev", model.EDGE)
        for word in (proper, unknown, surname_noun):
            assert not model.names_nobody(common, word)
    # The dictionary word is answered by one look-up from now on, in any request; a name, an
    # unknown word and a common noun that is also a surname are never kept.
    assert (common,) in kept
    assert all((word,) not in kept for word in (proper, unknown, surname_noun))
    assert model.names_nobody(common)
    assert not model.names_nobody(surname_noun)


def _marginals_as_computed_before(tagger: PersonTagger, scores: np.ndarray) -> bytes:
    """Forward-backward as ``PersonTagger._marginals`` wrote it first: the bit-for-bit reference."""
    n = len(scores)
    expo = np.exp(scores - scores.max(axis=1, keepdims=True))
    trans = tagger._exp_transitions
    alpha, beta = np.empty_like(expo), np.empty_like(expo)
    a = expo[0] / expo[0].sum()
    alpha[0] = a
    for t in range(1, n):
        a = (a @ trans) * expo[t]
        a /= a.sum()
        alpha[t] = a
    b = np.ones(expo.shape[1])
    beta[n - 1] = b
    for t in range(n - 2, -1, -1):
        b = trans @ (expo[t + 1] * b)
        b /= b.sum()
        beta[t] = b
    both = alpha * beta
    return bytes((both / both.sum(axis=1, keepdims=True)).tobytes())


@pytest.mark.parametrize("labels", [2, 7, 9])
def test_marginals_are_bit_for_bit_the_plain_forward_backward(labels: int) -> None:
    # Two labels, the shipped model's seven, and nine (where numpy no longer adds a row left to
    # right): random scores of every size from one token, spread over many magnitudes.
    rng = np.random.default_rng(labels)
    names = [PERSON, *(f"L{i}" for i in range(labels - 1))]
    transitions = {f"{a}>{b}": float(rng.normal(0, 3)) for a in names for b in names}
    tagger = PersonTagger({"bias": [0.0] * labels}, transitions, labels=names)
    for n in [1, 2, 3, *rng.integers(4, 120, size=40)]:
        scores = rng.normal(0, 4, size=(int(n), labels)) * 10.0 ** rng.integers(-2, 2)
        assert tagger._marginals(scores).tobytes() == _marginals_as_computed_before(tagger, scores)


@pytest.mark.parametrize("text", _TEXTS)
def test_the_shipped_tagger_marginals_are_the_plain_forward_backward(text: str) -> None:
    tagger = load_tagger()
    assert tagger is not None
    tokens = person_morphemes(text)
    scores = tagger.scores(tokens, rule_kinds(tokens, []))
    assert tagger._marginals(scores).tobytes() == _marginals_as_computed_before(tagger, scores)


SUFFIX = ("接尾辞", "名詞的", "一般", "*")


@pytest.mark.parametrize(
    ("after", "kept"),
    [
        # A surname and a given name of the dictionary: a person's name before any word.
        ((("事務所", NOUN), ("に", PARTICLE)), ["佐藤健二"]),
        ((("宛", SUFFIX), ("の", PARTICLE)), ["佐藤健二"]),
        ((("口座", NOUN), ("に", PARTICLE)), ["佐藤健二"]),
        # A role in the compound after it, or an author's mark: still the person's name.
        ((("財務", NOUN), ("次官", NOUN), ("が", PARTICLE)), ["佐藤健二"]),
        ((("作", SUFFIX), ("の", PARTICLE)), ["佐藤健二"]),
        ((("は", PARTICLE),), ["佐藤健二"]),
    ],
)
def test_the_taggers_name_before_a_noun_that_is_no_persons_is_dropped(
    after: tuple[tuple[str, tuple[str, ...]], ...], kept: list[str]
) -> None:
    # The rules' test of what follows a name held only for their own spans: the tagger's
    # 佐藤健二 before 事務所 was kept.
    sentence = _tokens(("佐藤", SURNAME), ("健二", GIVEN), *after)
    text = "".join(t.surface for t in sentence)
    tagger = PersonTagger(NAME_WEIGHT)
    assert [text[s:e] for s, e, _ in name_spans(text, sentence, tagger)] == kept


@pytest.mark.parametrize(
    ("after", "kept"),
    [
        # A word heading a business, a body or a place: the name is the thing's.
        ((("事務所", NOUN), ("に", PARTICLE)), []),
        ((("村営", NOUN), ("バス", NOUN), ("に", PARTICLE)), []),
        ((("商店", NOUN), ("で", PARTICLE)), []),
        # Any other noun or suffix: a person's name (宛, 宅, 口座, 分 were dropped).
        ((("宛", SUFFIX), ("の", PARTICLE)), ["ミナト"]),
        ((("宅", NOUN), ("へ", PARTICLE)), ["ミナト"]),
        ((("口座", NOUN), ("から", PARTICLE)), ["ミナト"]),
        ((("分", NOUN), ("の", PARTICLE)), ["ミナト"]),
    ],
)
def test_the_taggers_name_is_dropped_only_before_a_business_or_a_place(
    after: tuple[tuple[str, tuple[str, ...]], ...], kept: list[str]
) -> None:
    sentence = _tokens(("ミナト", NAME), *after)
    text = "".join(t.surface for t in sentence)
    tagger = PersonTagger(NAME_WEIGHT)
    assert [text[s:e] for s, e, _ in name_spans(text, sentence, tagger)] == kept


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("大野直樹宛の封筒が戻ってきました。", "大野直樹"),
        ("川口由美子宅へ再配達をお願いします。", "川口由美子"),
        ("石川美和口座に振り込みました。", "石川美和"),
        ("三浦智子分の領収書もください。", "三浦智子"),
    ],
)
def test_a_full_name_before_a_noun_of_no_business_is_masked(
    engine: PiiEngine, text: str, name: str
) -> None:
    assert name in _persons(engine, text)


def test_a_name_is_not_spread_into_a_business_or_a_place(engine: PiiEngine) -> None:
    text = "村井様からのご依頼。村井工業の請求書と赤坂様の件、赤坂三丁目駅の地図です。"
    assert _persons(engine, text) == ["村井", "赤坂"]
    assert _persons(engine, "ミナミさんのお店です。ミナミ通りの角です。") == ["ミナミ"]


def _numbered_names(count: int) -> tuple[str, list[Token]]:
    parts: list[tuple[str, tuple[str, ...]]] = []
    for n in range(count):
        given = "".join(chr(0x30A2 + int(d)) for d in f"{n:05d}")  # a distinct word per name
        parts += [("ミナト", SURNAME), (given, GIVEN), ("と", PARTICLE)]
    sentence = _tokens(*parts)
    return "".join(t.surface for t in sentence), sentence


def test_spreading_names_is_linear_in_their_number() -> None:
    # Every name shares its first word: the mentions were checked against every name that
    # opened with it (quadratic: 3,000 such names took seconds).
    from guardrails.pii.recognizers_ja import _with_repeated_names

    timings = []
    for count in (500, 2000):
        text, sentence = _numbered_names(count)
        spans = [(sentence[3 * i].begin, sentence[3 * i + 1].end, 0.85) for i in range(count)]
        runs = []
        for _ in range(3):  # the least of three: a pause on a shared machine is not the code
            began = time.perf_counter()
            _with_repeated_names(sentence, spans)
            runs.append(time.perf_counter() - began)
        timings.append(min(runs))
    assert timings[1] < 8 * timings[0] + 0.05  # four times the input: quadratic is 16x


def test_a_name_found_once_is_found_at_every_mention() -> None:
    # The tagger finds the first mention only (a name-tagged word); the second is read as a
    # common noun, as Sudachi does for rare names.
    sentence = _tokens(
        ("ミナト", NAME),
        ("が", PARTICLE),
        ("来", NOUN),
        ("、", DOT),
        ("ミナト", NOUN),
        ("は", PARTICLE),
    )
    text = "".join(t.surface for t in sentence)
    spans = name_spans(text, sentence, PersonTagger(NAME_WEIGHT))
    assert [text[s:e] for s, e, _ in spans] == ["ミナト", "ミナト"]


def test_a_part_of_a_word_is_no_mention_of_a_name() -> None:
    sentence = _tokens(("ミナト", NAME), ("が", PARTICLE), ("ミナトガワ", NOUN), ("へ", PARTICLE))
    text = "".join(t.surface for t in sentence)
    spans = name_spans(text, sentence, PersonTagger(NAME_WEIGHT))
    assert [text[s:e] for s, e, _ in spans] == ["ミナト"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("大沢党首が記者会見を開いた。", "大沢"),
        ("田村教授は講義を休んだ。", "田村"),
    ],
)
def test_a_dictionary_name_before_a_role_is_marked_by_it(text: str, name: str) -> None:
    # Marked (always kept, whatever the tagger says), not only tagged as a dictionary name.
    spans = person_spans(text, person_morphemes(text))
    assert [(text[s:e], score) for s, e, score in spans] == [(name, MARKED)]


@pytest.mark.parametrize("text", ["三森商事の設立に参画した。", "田村工事の現場を見た。"])
def test_a_dictionary_name_before_a_business_word_is_not_marked(text: str) -> None:
    spans = person_spans(text, person_morphemes(text))
    assert all(score != MARKED for _, _, score in spans)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("ミナミさんに渡しました。ミナミは喜んでいました。", ["ミナミ", "ミナミ"]),
        ("アユミちゃんが泣いていました。", ["アユミ"]),
    ],
)
def test_a_katakana_given_name_sudachi_reads_as_a_common_noun_is_found_before_san(
    engine: PiiEngine, text: str, names: list[str]
) -> None:
    # ミナミ (also "south") is a common noun to Sudachi: ミナミさん was left in clear.
    assert _persons(engine, text) == names


@pytest.mark.parametrize(
    "text",
    [
        "ドライバーさんが荷物を届けてくれました。",
        "コックさんに聞きました。",
        "スタッフさんに伝えました。",
        "ウサギさんの形のクッキーを注文しました。",  # 兎: an animal written in katakana
        "キツネさんのお面が届きません。",
    ],
)
def test_a_katakana_role_before_san_is_no_name(engine: PiiEngine, text: str) -> None:
    assert _persons(engine, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "三森商事の設立に参画した。",
        "北川村営バスの停留所に着いた。",
    ],
)
def test_a_name_that_modifies_a_business_or_a_place_is_no_person(
    engine: PiiEngine, text: str
) -> None:
    assert _persons(engine, text) == []


# A tagger that finds no one: what ``name_spans`` returns then is the rules' marked spans.
NOBODY = PersonTagger({"bias": [-5.0, 0.0]})


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("社長の堀田竹夫は会見に臨んだ。", "堀田竹夫"),
        ("画家・岡村秋彦が表紙を描いた。", "岡村秋彦"),
        ("係長の長崎が記録をまとめた。", "長崎"),  # a surname Sudachi tags as a place
    ],
)
def test_a_name_after_a_role_and_no_or_a_middle_dot_is_marked(text: str, name: str) -> None:
    spans = name_spans(text, person_morphemes(text), NOBODY)
    assert [text[s:e] for s, e, _ in spans] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "課長のiPadが壊れた。",  # a Latin word
        "部長のInstagramを見た。",
        "係長のトヨタが納車された。",  # a company, no person's name
        "選手の大阪での会見が開かれた。",  # a place that is no surname
        "監督の長編小説集が出た。",  # a common noun
        "社長の東京出張が決まった。",  # a compound goes on after the place
        "中盤のオーストリアは強国だった。",  # 中盤 is no role, オーストリア a country
    ],
)
def test_no_name_is_marked_after_a_role_without_one(text: str) -> None:
    assert name_spans(text, person_morphemes(text), NOBODY) == []


# Our own fragments, joined at random into texts: full names and surnames alone, katakana
# names with a middle dot, lists, quotes, roles, digits, Latin words and repeated words, so
# every part (the rare ones too) meets many contexts.
_FRAGMENTS = [
    "山本花子さんから連絡がありました。",
    "山本さんは明日来ます。",
    "担当の森と林、それから小川が対応します。",
    "ジョン・スミス様とマリア・ガルシア様へ。",
    "「青木が言った」と書いてあります。",
    "注文番号 58213 の返金は 3 営業日です。",
    "Tanaka様のアカウントを確認しました。",
    "営業部長の西村健一です。",
    "サクラ・レコードとブルー・ムーン・バンドの件。",
    "市長や知事、議員が集まりました。",
    "ご不明な点はお気軽にどうぞ。",
    "請求書をお送りします。",
    "",
]


def _varied_texts(count: int, seed: int) -> list[str]:
    import random

    rng = random.Random(seed)
    return ["".join(rng.choices(_FRAGMENTS, k=rng.randint(1, 6))) for _ in range(count)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scores_are_bit_for_bit_the_plain_sums_on_varied_texts(seed: int) -> None:
    # Old (every feature's weight summed per part, the parts per token) against the scorer's
    # numbered words and row sums, outside a run and twice inside one (warm memo).
    tagger = load_tagger()
    assert tagger is not None
    for text in _varied_texts(25, seed):
        tokens = person_morphemes(text)
        kinds = rule_kinds(tokens, person_spans(text, tokens))
        expected = _scores_as_summed_before(tagger, tokens, kinds)
        assert tagger.scores(tokens, kinds).tobytes() == expected
        with run_memo():
            assert tagger.scores(tokens, kinds).tobytes() == expected
            assert tagger.scores(tokens, kinds).tobytes() == expected


def test_scores_of_made_up_tags_are_the_plain_sums() -> None:
    # Tags no sentence gives (a list joiner between two names, a name in a quote, a role at
    # the text's edge), with weights on every feature of the first text.
    tokens = _tokens(
        ("「", DOT), ("森", SURNAME), ("・", DOT), ("ケン", GIVEN), ("」", DOT), ("、", DOT),
        ("森", SURNAME), ("と", PARTICLE), ("東京", PLACE), ("は", PARTICLE), ("会長", NOUN),
    )  # fmt: skip
    kinds = ["none", "tagged", "none", "marked", "none", "none", "tagged", "none", "none",
             "none", "compound"]  # fmt: skip
    features = {f for fs in sequence_features(tokens, kinds) for f in fs}
    weights = {f: [0.1 * (n % 7) - 0.3, 0.01 * n] for n, f in enumerate(sorted(features))}
    tagger = PersonTagger(weights)
    for cut in range(1, len(tokens) + 1):
        expected = _scores_as_summed_before(tagger, tokens[:cut], kinds[:cut])
        assert tagger.scores(tokens[:cut], kinds[:cut]).tobytes() == expected


def test_the_rare_parts_are_named_exactly_when_they_name_features() -> None:
    from guardrails.pii.ja_person_model import TextContext

    for text in _varied_texts(30, 4):
        tokens = person_morphemes(text)
        kinds = rule_kinds(tokens, person_spans(text, tokens))
        context = TextContext(tokens, kinds)
        for i, parts in enumerate(token_parts(tokens, kinds)):
            naming = [(part, args) for part, args in parts[5:] if part(*args)]
            rare = context.sparse_parts(tokens, i)
            assert [(p, a) for p, a in rare if p(*a)] == naming
            assert len(rare) == len(naming)


def test_one_run_scores_each_text_as_its_own() -> None:
    # The scorer numbers words per text: a text scored after another, and again after a
    # third that differs in one word, gives its own scores each time.
    tagger = load_tagger()
    assert tagger is not None
    texts = ["担当の森が伺います。", "担当の林が伺います。", "担当の森が伺います。"]
    with run_memo():
        found = []
        for text in texts:
            tokens = person_morphemes(text)
            kinds = rule_kinds(tokens, person_spans(text, tokens))
            found.append(tagger.scores(tokens, kinds).tobytes())
            assert found[-1] == _scores_as_summed_before(tagger, tokens, kinds)
    assert found[0] == found[2]
    assert found[0] != found[1]


def _echo_kinds_as_counted_before(
    tokens: list[Token], kinds: list[str], compounds: list[tuple[int, int, int]]
) -> list[frozenset[str]]:
    from collections import Counter

    from guardrails.pii.ja_person_model import char_type

    uses: dict[str, Counter[str]] = {}
    own: list[tuple[str, ...]] = []
    for i, tok in enumerate(tokens):
        if len(tok.surface) < 2 or char_type(tok.surface) in ("digit", "mixed"):
            own.append(())
            continue
        parts, first, last = compounds[i]
        place = "" if parts < 2 else "last" if i == last else "first" if i == first else ""
        own.append(tuple(use for use in (kinds[i], place) if use))
        uses.setdefault(tok.surface, Counter()).update(own[-1])
    return [
        frozenset(u for u, n in uses[t.surface].items() if n > (u in own[i]))
        if own[i] and uses.get(t.surface)
        else frozenset()
        for i, t in enumerate(tokens)
    ]


def test_echo_kinds_are_the_counted_uses_on_varied_texts() -> None:
    for text in _varied_texts(40, 5):
        tokens = person_morphemes(text)
        kinds = rule_kinds(tokens, person_spans(text, tokens))
        compounds = katakana_compounds(tokens)
        assert echo_kinds(tokens, kinds, compounds) == _echo_kinds_as_counted_before(
            tokens, kinds, compounds
        )


def test_pair_rows_are_kept_for_dictionary_words_and_for_a_run_with_a_name() -> None:
    from guardrails.pii.ja_person_model import _pair

    tagger = load_tagger()
    assert tagger is not None
    kept = kept_table(tagger._pair_rows)
    common = ("請求書", "名詞/普通名詞/一般", "名詞/普通名詞/一般/*", "False", "")
    particle = ("を", "助詞/格助詞/*", "助詞/格助詞/*/*", "False", "")
    before = ("の", "助詞/格助詞/*", "助詞/格助詞/*/*", "False", "")
    name = ("山田", "名詞/固有名詞/人名", "名詞/固有名詞/人名/姓", "False", "")
    # (word, previous, next), as _pair reads them.
    plain = tuple(tagger._feature_rows(_pair(common, before, particle)))
    named = tuple(tagger._feature_rows(_pair(name, before, particle)))
    assert plain != named
    with run_memo():
        assert tagger._pair_rows(common, before, particle) == plain
        assert tagger._pair_rows(name, before, particle) == named
    # Same words: the same rows, kept across requests; a name in the trio: never kept.
    assert kept.get((common, before, particle)) == plain
    assert (name, before, particle) not in kept
    assert tagger._pair_rows(common, before, particle) == plain


def test_a_line_break_names_nobody_but_a_number_or_a_name_does() -> None:
    from guardrails.pii import ja_person_model as model

    line_break = ("\n", "空白/*/*", "空白/*/*/*", "True", "")
    wide_space = ("\u3000", "空白/*/*", "空白/*/*/*", "True", "")
    digits = ("5555", "名詞/数詞/*", "名詞/数詞/*/*", "True", "")
    # Space, but not tagged as such; a name with a space after it; a symbol out of vocabulary.
    untagged = (" ", "補助記号/一般/*", "補助記号/一般/*/*", "True", "")
    spaced_name = ("山田 ", "空白/*/*", "空白/*/*/*", "True", "")
    symbol = ("★", "補助記号/一般/*", "補助記号/一般/*/*", "True", "")
    with run_memo():
        assert model.names_nobody(line_break) and model.names_nobody(wide_space)
        for word in (digits, untagged, spaced_name, symbol):
            assert not model.names_nobody(word)
            assert not model.names_nobody(line_break, word)


def test_char_types_given_or_not_give_the_same_compounds_and_echoes() -> None:
    from guardrails.pii.ja_person_model import char_type

    for text in _varied_texts(20, 6):
        tokens = person_morphemes(text)
        kinds = rule_kinds(tokens, person_spans(text, tokens))
        types = [char_type(t.surface) for t in tokens]
        compounds = katakana_compounds(tokens)
        assert katakana_compounds(tokens, types) == compounds
        assert echo_kinds(tokens, kinds, compounds, types) == echo_kinds(tokens, kinds, compounds)


def test_far_rows_are_kept_for_a_dictionary_word_and_for_a_run_with_a_name() -> None:
    from guardrails.pii.ja_person_model import EDGE, _far

    tagger = load_tagger()
    assert tagger is not None
    kept = kept_table(tagger._far_rows)
    common = ("請求書", "名詞/普通名詞/一般", "名詞/普通名詞/一般/*", "False", "")
    name = ("山田", "名詞/固有名詞/人名", "名詞/固有名詞/人名/姓", "False", "")
    for before, after in ((common, EDGE), (EDGE, common), (name, EDGE), (EDGE, name)):
        expected = tuple(tagger._feature_rows(_far(before, after)))
        with run_memo():
            assert tagger._far_rows(before, after) == expected
        assert tagger._far_rows(before, after) == expected
    # Each side its own rows; the dictionary word kept across requests, the name never.
    assert tagger._far_rows(common, EDGE) != tagger._far_rows(EDGE, common)
    assert tagger._far_rows(common, EDGE) != tagger._far_rows(name, EDGE)
    assert (common, EDGE) in kept and (EDGE, common) in kept
    assert (name, EDGE) not in kept and (EDGE, name) not in kept


# Round 31 (sentences written for these tests): a place listed between names, a place the
# lexicon also reads as a name, an office holder and a ring name are told apart.
@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("山田太郎、東京、鈴木一郎が参加した。", ["山田太郎", "鈴木一郎"]),
        ("鈴木、大阪、田中を訪ねて回ります。", ["鈴木", "田中"]),
        ("ブラウン国務長官は声明を出した。", ["ブラウン"]),
        ("横綱千代の富士は強かった。", ["千代の富士"]),
    ],
)
def test_names_and_places_in_one_sentence(engine: PiiEngine, text: str, persons: list[str]) -> None:
    assert _persons(engine, text) == persons


@pytest.mark.parametrize(
    "text",
    [
        "ロンドンで会議が開かれた。",  # Sudachi's lexicon lists ロンドン as a name too
        "ロンドン支店に転勤しました。",
        "札幌市長が訪れた。",  # a place before its own office
        "パリ市長と会談した。",
        "ロンドン市長と会談した。",  # a katakana place before its office (stop 32)
        "ロンドン、パリ、ベルリンを回った。",
        "阪神、巨人、中日が首位を争った。",  # teams
        "東京、大阪、名古屋の三店舗で扱っています。",  # places only
        "横綱審議委員会が開かれた。",
        "スミス通商代表部の発表を待つ。",  # an office
        "自民党と東京電力の担当者が出席した。",  # a party and a company
    ],
)
def test_places_teams_and_offices_are_no_names(engine: PiiEngine, text: str) -> None:
    assert _persons(engine, text) == []


# Fixer of round 31 (sentences written for these tests): a place-only word the tagger finds
# stays a person where the sentence frames a person.
@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("横浜と申します。配送の件でご連絡しました。", ["横浜"]),  # the speaker's own name
        ("担当の横浜が対応します。", ["横浜"]),  # staff of a desk
        ("総務部の仙台と申します。", ["仙台"]),  # a department's member
        ("木村、札幌、小川の三名が伺います。", ["木村", "札幌", "小川"]),  # counted as people
        ("井上、京都、小川の三人で対応します。", ["井上", "京都", "小川"]),
    ],
)
def test_a_place_word_in_a_person_frame_is_a_name(
    engine: PiiEngine, text: str, persons: list[str]
) -> None:
    assert _persons(engine, text) == persons


@pytest.mark.parametrize(
    "text",
    [
        "札幌、仙台、京都の三都市を巡ります。",  # a counter of places, not people
        "札幌と大阪を回った。",
        "担当の店舗は札幌にあります。",
    ],
)
def test_a_place_word_outside_a_person_frame_is_no_name(engine: PiiEngine, text: str) -> None:
    assert _persons(engine, text) == []


@pytest.mark.parametrize(
    ("text", "persons"),
    [
        ("Re: ミラーさんとの打ち合わせ", ["ミラー"]),
        ("RE: ジョーンズ様へのご回答", ["ジョーンズ"]),
        ("Fw: 中島さんからの依頼", ["中島"]),
        ("Re：ジョーンズさんの件", ["ジョーンズ"]),  # a full-width colon
        ("TO: ミラーさん", ["ミラー"]),
    ],
)
def test_a_latin_label_before_a_name_is_not_masked(
    engine: PiiEngine, text: str, persons: list[str]
) -> None:
    assert _persons(engine, text) == persons


# Stop 32 (sentences written for these tests): a one-word surname Sudachi reads as a common
# noun (林, 森, 原) is a person in a self-naming or staff frame.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("林と申します。注文の件でご連絡しました。", "林"),
        ("担当の林です。よろしくお願いいたします。", "林"),
        ("担当者の森より改めてご連絡いたします。", "森"),
        ("窓口の森から折り返しご連絡します。", "森"),
        ("社長の林が説明いたします。", "林"),
        ("担当の春日です。", "春日"),  # read as a place here, listed as a surname too
        ("店長の春日明日香です。", "春日明日香"),  # and a given name after it
        ("店長の林です。", "林"),
        ("総務課の森より、ご案内申し上げます。", "森"),  # a sender line
        ("営業部長の原が書類をお送りします。", "原"),  # a department's head; an object
        ("スタッフの林が対応いたします。", "林"),
        ("担当の関が本日中にご連絡いたします。", "関"),  # 関 alone is no sumo rank
        ("後任の森が伺います。", "森"),  # a humble verb
    ],
)
def test_a_common_noun_surname_in_a_person_frame_is_masked(
    engine: PiiEngine, text: str, name: str
) -> None:
    assert _persons(engine, text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "担当者の方が対応いたします。",  # a role word, not a name
        "社長の車が故障しました。",  # no surname reading
        "担当者の今は忙しい時期です。",  # a time word
        "部長の前で説明しました。",
        "担当の部署から連絡します。",
        "林の中を散歩しました。",  # no frame: a wood
        "森が見える部屋を予約しました。",
        "担当の林業が盛んな地域です。",  # a longer word: no surname
        "担当の大阪から発送します。",  # a place that is no surname
    ],
)
def test_common_nouns_outside_a_person_frame_are_no_names(engine: PiiEngine, text: str) -> None:
    assert _persons(engine, text) == []


# Review of stop 32 (sentences written for these tests): the staff frame opens only after a
# desk, a department or a workplace role, and takes the word only where a person acts.
@pytest.mark.parametrize(
    "text",
    [
        # a person noun that is no workplace role, の, and a thing that is also a surname
        "同じ著者の本が二冊届きました。",
        "農家の米が届きました。",
        "息子の本が届きました。",
        "作家の本です。",
        "中身の本が違っていました。",  # 身 ends person nouns, 中身 is none
        "店頭の本は取り置きできません。",
        # a share, a count or a relation ending in 部 or 係
        "一部の本が届いていません。",
        "全部の本が破れていました。",
        "両方の本が届きました。",
        "三部の本を注文しました。",
        "関係の本が届きました。",
        # a room where no one works
        "待合室の奥がトイレです。",
        "図書室の本が返却されていません。",
        "図書室の本です。",
        # a workplace role or department before a thing: the predicate is no person's act
        "担当者の本が届きました。",
        "店長の本が届きました。",
        "営業部の島は二階です。",
        "受付の奥からお入りください。",
        "専門家の本より分かりやすいです。",
        # と申しますのは: "what is called", no self-naming
        "この本と申しますのは、限定版のことです。",
        "森と申しますのは、北の地名です。",
    ],
)
def test_a_thing_after_a_role_or_a_share_is_no_staff_name(engine: PiiEngine, text: str) -> None:
    assert _persons(engine, text) == []


def test_the_thing_of_an_addressed_person_is_no_name(engine: PiiEngine) -> None:
    assert _persons(engine, "田中さんの本が届いていません。") == ["田中"]
