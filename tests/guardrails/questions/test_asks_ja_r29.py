"""Japanese ask kinds, round 29: a request told inside a story of the past; closings."""

from __future__ import annotations

import pytest

from guardrails.questions.asks_ja import ask_kind_ja, notes_goodwill_ja


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        # the act runs on with て into a clause that ends in the past: a story
        ("母が昔そちらで額装をお願いしていて、とても気に入っていました。", None),
        ("父がそちらで修理をしていただいて、長く使っていました。", None),
        # a request of now, or one followed by what is asked now
        ("額装をお願いします。", "request"),
        ("額装をお願いしていて、明日受け取りたいです。", "request"),
    ],
)
def test_a_request_inside_a_story_of_the_past_asks_nothing(sentence: str, kind: str | None) -> None:
    assert ask_kind_ja(sentence) == kind


@pytest.mark.parametrize(
    ("text", "goodwill"),
    [
        ("毎回楽しみにしています。これからもよろしくお願いします。", True),
        ("今後ともよろしくお願いいたします。", True),
        ("英会話のレッスンを受けている者です。", False),
        ("レッスンの日程を変更したいです。よろしくお願いします。", False),
    ],
)
def test_looking_forward_and_continued_custom_close_a_note(text: str, goodwill: bool) -> None:
    assert notes_goodwill_ja(text) is goodwill
