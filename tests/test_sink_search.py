"""The sink search used by the "nothing raw anywhere" tests."""

from __future__ import annotations

from tests.sink_search import find_planted

_DIGEST = "1f96556b4d8451ba20205009d6d5a69d2419b0dbfcc53c55ff8b877419d1b4a3"


def test_a_value_inside_a_digest_or_an_id_is_no_leak() -> None:
    assert find_planted(f'["{_DIGEST}"]', "20500") == -1
    assert find_planted("id 9b2a0e1c-2050-4f00-8d1e-205001234567 stored", "20500") == -1


def test_a_value_anywhere_else_is_found_where_it_stands() -> None:
    content = f'["{_DIGEST}", "DC 20500"]'
    assert find_planted(content, "20500") == content.index("DC 20500") + 3
    assert find_planted("zip20500", "20500") == 3
    assert find_planted("Call JOHN", "john", ignore_case=True) == 5
    assert find_planted("Call JOHN", "john") == -1
