"""Acronyms met by the phrase they abbreviate."""

from __future__ import annotations

from guardrails.text.acronyms import looks_like_acronym, spelled_acronyms


def test_phrases_spell_their_acronyms() -> None:
    assert "2fa" in spelled_acronyms("Turn on two-factor authentication under Security.")
    assert "sso" in spelled_acronyms("We support single sign-on with SAML.")
    assert "tos" in spelled_acronyms("Read our terms of service.")
    assert "2fa" not in spelled_acronyms("Reset your password from the sign-in page.")


def test_what_looks_like_an_acronym() -> None:
    assert looks_like_acronym("2fa") and looks_like_acronym("sso")
    assert not looks_like_acronym("a") and not looks_like_acronym("123")
    assert not looks_like_acronym("authentication")
