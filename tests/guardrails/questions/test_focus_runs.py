"""A long kanji run in a Japanese ask: its subject is read once per run, same subject as before."""

from __future__ import annotations

from guardrails.questions.focus import _JA_SUBJECT, yes_no_shape
from guardrails.terms import content_terms


def test_the_subject_is_the_noun_before_its_particle_as_before() -> None:
    def subject(text: str) -> str | None:
        found = _JA_SUBJECT.search(text)
        return found.group(1) if found else None

    assert subject("一時保育は当日でも利用できますか") == "一時保育"
    assert subject("ホテルが近くにありますか") == "ホテル"
    # katakana then kanji: the kanji run is the noun the particle marks
    assert subject("ホテル駐車場は使えますか") == "駐車場"
    # one katakana letter is no noun; a kanji run with no particle after it is no subject
    assert subject("ア漢字を使えますか") is None
    shape = yes_no_shape("一時保育は当日でも利用できますか")
    assert shape.subject == frozenset(content_terms("一時保育"))


def test_the_subject_is_read_only_from_the_start_of_a_run() -> None:
    # the structure that bounds the work: no attempt from inside a run, so each run is read once
    text = "一時保育は"
    assert _JA_SUBJECT.match(text, 0) is not None
    assert all(_JA_SUBJECT.match(text, pos) is None for pos in range(1, 4))
    katakana = "ホテルが"
    assert all(_JA_SUBJECT.match(katakana, pos) is None for pos in range(1, 3))


def test_a_kanji_only_ask_of_fifty_thousand_characters_has_no_subject() -> None:
    # linear: the old pattern read the run again from each kanji (22 s for this one)
    assert _JA_SUBJECT.search("漢" * 50_000) is None
    assert yes_no_shape("漢" * 50_000 + "は使えますか").subject
