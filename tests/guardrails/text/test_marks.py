import pytest

from guardrails.text.marks import fold_marks


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Any update?!", "Any update?"),
        ("is it open?? and the car park", "is it open? and the car park"),
        ("how much is less？ like once a day？", "how much is less? like once a day?"),
        ("Thanks so much！！", "Thanks so much!"),
        ("EV充電器ってある?!", "EV充電器ってある？"),
        ("送料はいくらですか??あと", "送料はいくらですか？あと"),
    ],
)
def test_runs_and_widths_of_marks_fold_to_one_mark(typed: str, folded: str) -> None:
    assert fold_marks(typed) == folded


@pytest.mark.parametrize(
    "text",
    [
        "Is it open? Yes.",
        "Great! Thanks.",
        "営業していますか？",
        "助かりました！",
        "v1.2 (no marks)",
    ],
)
def test_single_marks_of_the_right_width_are_left_as_they_are(text: str) -> None:
    assert fold_marks(text) == text
