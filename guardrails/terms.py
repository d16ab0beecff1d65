"""Content terms for lexical matching in English and Japanese, cheap enough to run per call.

English words are lower-cased, lightly stemmed and mapped to a shared concept for common
support synonyms; Japanese uses character bigrams over kanji/katakana runs, which needs no
tokenizer and survives inflection (送料/送料は, 変更できますか/変更いたします).
"""

from __future__ import annotations

import re

from guardrails.language import KANJI, KATAKANA_LETTERS, normalise_width
from guardrails.run_memo import per_run
from guardrails.text.word_class import is_known_word

_EN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+(?:[.,]\d+)*")
# A word written in short parts joined by a hyphen ("Wi-Fi", "hi-fi"): each part alone is too
# short to be a term, so the word would say nothing; read as one word ("wifi"), it meets its
# unhyphenated spelling. Letters are matched by lookarounds, not ``\b``: a kana before it is a
# word character ("部屋にWi-Fiは").
_SHORT_HYPHENATED = re.compile(r"(?<![a-z])([a-z]{1,2})-([a-z]{1,2})(?![a-z])")
_KANJI_RUN = re.compile(f"[{KANJI}]+")
_KATAKANA_WORD = re.compile(f"[{KATAKANA_LETTERS}]{{2,}}")
# Single kanji that carry no topic (a lone kanji is usually a verb stem: 届く/お届け -> 届;
# 何 and 誰 are wh-words, what an ask asks, not what it is about).
_JA_STOP_SINGLE = frozenset(
    "何 誰 教 知 思 願 伺 申 存 致 頂 方 私 様 当 弊 御 的 等 中 上 下 前 後 今 "
    "者 事 物 時 度 所 点 旨 件 際 問 合".split()
)
_EN_STOP = frozenset(
    """a an the and or but if of to in on at by for from with about into as is are was were be
    been being am do does did doing have has had having i me my we our us you your he she it its
    they them their this that these those there here what when where which who whom why how can
    could would should will shall may might must not no yes so too very just also than then
    please tell know like want need wonder wondering let any some all get got hi hello dear thanks
    thank regards best kind much many long one ll ve re d s t m i'd i'm i've we're we'll we've
    you're don't can't it's that's there's what's where's who's how's when's here's whether
    take takes possible okay come comes coming
    came go goes going went through policy policies status information info details detail
    process procedure option options way ways question questions wanted check""".split()
)
# Bigrams that carry no topic in customer mail (greetings, request boilerplate).
_JA_STOP = frozenset(
    "世話 質問 問合 合せ 合わ 場合 可能 教示 連絡 確認 返信 対応 回答 お願 願い 件名 宜し 以下 "
    "下記 今回 方法 手順 状況 詳細 情報 予定".split()
)
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly")
# Support synonyms folded to one concept so "shipping" meets "delivery".
_CONCEPTS = {
    "ship": "deliver",
    "deliver": "deliver",
    "delivery": "deliver",
    "arriv": "deliver",
    "arrive": "deliver",
    "post": "deliver",
    "mail": "deliver",
    "dispatch": "deliver",
    "refund": "refund",
    "reimburs": "refund",
    "money": "refund",
    "cancel": "cancel",
    "cancell": "cancel",
    # stopping or pausing a plan, a delivery, an account: one concept of "halt"
    "suspend": "halt",
    "paus": "halt",
    "freez": "halt",
    "froz": "halt",
    "terminat": "cancel",
    "cost": "price",
    "price": "price",
    "fee": "price",
    "charg": "price",
    "pay": "price",
    "invoic": "invoice",
    "receipt": "invoice",
    "bill": "invoice",
    "password": "password",
    "login": "login",
    "log": "login",
    "sign": "login",
    "return": "return",
    # "send it to the UK" delivers; "send it back" (folded as a phrase below) returns
    "send": "deliver",
    "exchang": "return",
    "swap": "return",
    "subscript": "plan",
    "plan": "plan",
    "upgrad": "plan",
    "downgrad": "plan",
    "color": "colour",
    "colour": "colour",
    "enabl": "enable",
    "activat": "enable",
    "replac": "replace",
    "replacement": "replace",
    "extens": "extend",
    "extension": "extend",
    "extend": "extend",
    "damag": "broken",
    "broken": "broken",
    "defect": "broken",
    "crack": "broken",
    "shatter": "broken",
    "smash": "broken",
    "dent": "broken",
    "scratch": "broken",
    "faulty": "broken",
    # "close my subscription" asks to end it; "proof of payment" is a receipt
    "clos": "cancel",
    "proof": "invoice",
    # correcting or editing something is changing it ("can the address be corrected?")
    "correct": "chang",
    "amend": "chang",
    "edit": "chang",
    # parts of an address name the address
    "addres": "address",
    "street": "address",
    "postcod": "address",
    "zip": "address",
}
# Multi-word spellings of one concept, folded before tokenising ("two-factor" = "2FA").
_PHRASES = re.compile(
    r"\b(?:two[- ]factor(?:\s+authentication)?|two[- ]step\s+verification|2-step\s+verification|"
    r"multi[- ]factor(?:\s+authentication)?|2fa|mfa)\b|"
    r"\b(?:a\s+)?(?:few\s+)?(?:more|extra|additional)\s+(?:days|time|weeks)\b|\b(?:turn|switch)\s+on\b|\bset\s+up\b"
    r"|\bsend(?:ing)?\s+(?:\w+\s+){0,2}?back\b",
    re.IGNORECASE,
)
_PHRASE_CONCEPT = {
    "send": "return",
    "sending": "return",
    "turn": "enable",
    "switch": "enable",
    "set": "enable",
    "a": "extend",
    "few": "extend",
    "more": "extend",
    "extra": "extend",
    "additional": "extend",
}
# Japanese words and the English concept they share: a Japanese ask meets an English answer
# ("解約したい" / "You can cancel ...") and spelling variants meet (到着予定 / お届け).
_JA_CONCEPTS = {
    "返金": "refund",
    "払い戻": "refund",
    "解約": "cancel",
    "キャンセル": "cancel",
    "取り消": "cancel",
    "取消": "cancel",
    "配送": "deliver",
    "発送": "deliver",
    "配達": "deliver",
    "届": "deliver",
    "到着": "deliver",
    "着荷": "deliver",
    "料金": "price",
    "価格": "price",
    "費用": "price",
    "値段": "price",
    # the amount billed is the price paid ("請求額が上がった" / "料金改定")
    "請求額": "price",
    "請求金額": "price",
    "月額": "price",
    "年額": "price",
    "請求書": "invoice",
    "領収書": "invoice",
    "レシート": "invoice",
    "パスワード": "password",
    "ログイン": "login",
    "サインイン": "login",
    "返品": "return",
    "交換": "return",
    "プラン": "plan",
    "住所": "address",
    "配送先": "address",
    "注文": "order",
    "破損": "broken",
    "不良": "broken",
    "二段階認証": "twofactor",
    "営業時間": "hours",
}


# Inflected forms whose concept is not their stem's: to be "billed" is to be charged (a price),
# while "a bill" or "Billing" names the invoice or a settings page.
_FORM_CONCEPTS = {"billed": "price"}


@per_run(keep=is_known_word)
def _stem(word: str) -> str:
    if word in _FORM_CONCEPTS:
        return _FORM_CONCEPTS[word]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "es" and not word[:-2].endswith(("s", "x", "z", "ch", "sh")):
                suffix = "s"  # codes -> code (like code), boxes -> box
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # shipp -> ship
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return _CONCEPTS.get(word, word)


def _fold_phrase(match: re.Match[str]) -> str:
    words = match.group().split()
    first = words[0].split("-")[0].lower()
    concept = _PHRASE_CONCEPT.get(first, "twofactor")
    if first in {"send", "sending"}:
        # "send the boots back": the thing sent back is still named
        return " " + " ".join([concept, *words[1:-1]]) + " "
    return " " + concept + " "


def en_terms(text: str) -> set[str]:
    """Return the stemmed, concept-folded English content terms (numbers as ``#N``)."""
    out = set()
    lowered = _SHORT_HYPHENATED.sub(r"\1\2", text.lower())
    for word in _EN_WORD.findall(_PHRASES.sub(_fold_phrase, lowered)):
        if word[0].isdigit():
            out.add("#" + word.replace(",", ""))
        elif word not in _EN_STOP and len(word) > 2:
            # A possessive names its owner ("this month's invoice": month); the stemmer would
            # take its "s" for a plural and leave "month'", which meets nothing.
            out.add(_stem(word.removesuffix("'s")))
    return out


def ja_terms(text: str) -> set[str]:
    """Return kanji bigrams (a lone kanji as itself) and katakana words of ``text``."""
    out: set[str] = set(_KATAKANA_WORD.findall(text))
    for run in _KANJI_RUN.findall(text):
        if len(run) == 1:
            if run not in _JA_STOP_SINGLE:
                out.add(run)
            continue
        bigrams = [run[i : i + 2] for i in range(len(run) - 1)]
        stops = {i for i, b in enumerate(bigrams) if b in _JA_STOP}
        # A bigram straddling a stop word ("着予" in 到着予定) is no word at all.
        out.update(b for i, b in enumerate(bigrams) if not stops & {i - 1, i, i + 1})
    out.update(concept for word, concept in _JA_CONCEPTS.items() if word in text)
    return out - _JA_STOP


def is_ja_stop_word(word: str) -> bool:
    """True for a Japanese word that carries no topic (予定, 方法, 質問, a lone 何)."""
    return word in _JA_STOP or word in _JA_STOP_SINGLE


def content_terms(text: str) -> set[str]:
    """Return the content terms of mixed English/Japanese ``text``."""
    return set(_content_terms(text))


@per_run
def _content_terms(text: str) -> frozenset[str]:
    # A request's text, memoised for its run; KB sentences are termed once per KB, in the
    # indexes cached under its content hash (kb_cache).
    folded = normalise_width(text)
    return frozenset(en_terms(folded) | ja_terms(folded))
