"""The judge's per-ask analyses, memoised for the run and keyed by every text they read."""

from __future__ import annotations

from guardrails.questions.judge import (
    _said,
    _terms,
    _topic,
    _with_compounds,
    _with_synonyms,
)
from guardrails.questions.synonyms import word_synonyms, wordnet_synonyms
from guardrails.run_memo import run_memo

ASK = "振り込みはできますか"
OTHER_ASK = "Can I pay by card?"
REPLY = "振込でお支払いいただけます。"


def test_said_is_the_reply_s_terms_under_the_ask_s_synonyms_and_topic() -> None:
    for ask, text in ((ASK, REPLY), (OTHER_ASK, REPLY), (OTHER_ASK, "Yes, we take Visa.")):
        held = _with_synonyms(
            _with_synonyms(_terms(text), word_synonyms(ask)), wordnet_synonyms(ask)
        )
        assert _said(ask, text) == _with_compounds(held, _topic(ask))


def test_said_and_topic_are_kept_for_the_run_keyed_by_ask_and_text() -> None:
    with run_memo():
        first = _said(ASK, REPLY)
        assert _said(ASK, REPLY) is first
        assert _topic(ASK) is _topic(ASK)
        # The same reply read for another ask is another entry: the ask's words change it.
        other = _said(OTHER_ASK, REPLY)
        assert other != first
        assert first - other  # the ask's own word, said by the reply's compound
        # Another reply for the same ask is another entry too.
        assert _said(ASK, "Yes, we take Visa.") != first
        assert _topic(OTHER_ASK) != _topic(ASK)
    # Outside a run nothing is kept: the request's text does not outlive it.
    assert _said(ASK, REPLY) is not _said(ASK, REPLY)
    assert _said(ASK, REPLY) == first
