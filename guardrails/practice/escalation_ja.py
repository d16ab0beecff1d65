"""Japanese escalation reader: which escalation triggers a customer's text states.

Words are SudachiPy morphemes read by their normalised forms (出して -> 出す, 下さい -> 下さる)
and matched against the concept classes of ``escalation_lexicon``. Whether a mention is an
escalation is decided by what follows it in the sentence: a request or intent (ください, たい,
ます, させて), a negation (つもりはありません, 不要です), a hypothetical (もし, 〜した場合,
〜たら), or attributive use (解約する方法, 口コミを表示する機能: a how-to, not an act).
"""

from __future__ import annotations

import re
from functools import lru_cache

from guardrails.language import normalise_width
from guardrails.practice import escalation_lexicon as lex
from guardrails.practice.morphemes import Morpheme, morphemes
from guardrails.sentences import split_sentences
from guardrails.text.negation import asks_after_negative

# Forms that make a clause a request or a statement of intent.
_REQUEST = frozenset(
    """ください 下さい 下さる くださる たい 欲しい ほしい もらう 貰う もらえる 貰える いただく 頂く
    いただける 頂ける 願う お願い くれる 呉れる 求める 希望 せる させる 要求 ます いたす 致す
    進める 予定 つもり 積もり""".split()
)
_NEGATION = frozenset("ない 無い ぬ ん 不要 結構 要る".split())
_HYPOTHETICAL_AFTER = frozenset("場合 たら ば なら 時 とき 際 後 あと 前".split())
# Nouns that make the trigger attributive: a how-to or a feature, not an act.
_ATTRIBUTIVE_NOUN = frozenset(
    """方法 手順 やり方 仕方 ボタン 機能 ページ 画面 場合 際 時 とき 条件 期限 規約 料金 設定
    向け 用 権限 事務所 テンプレート サイト 表示""".split()
)
_PARTICLES_TO = frozenset("に へ と".split())
_ORDINAL = re.compile(r"(?:[3-9]|[1-9]\d|[三四五六七八九十]|何)(?:回目|度目|通目)")
_LOW_STARS = re.compile(r"星(?:[0-2]|ゼロ|零|一|ひと)つ?|最低評価|低評価")


def _forms(m: Morpheme) -> set[str]:
    return {m.normalized_form, m.dictionary_form, m.surface}


def _is(m: Morpheme, words: frozenset[str]) -> bool:
    return bool(_forms(m) & words)


_VOCABULARY = frozenset().union(
    *(value for name, value in vars(lex).items() if name.startswith("JA_")),
    _REQUEST,
)
_LONGEST = 4


def _merge(ms: tuple[Morpheme, ...]) -> list[Morpheme]:
    """Short units joined into the lexicon's words (弁護+士 -> 弁護士, 乗り+換え -> 乗り換える).

    Sudachi's mode A splits compounds; the lexicons list whole words, so the longest run of
    up to four morphemes whose surface, or whose surface with the last part in its
    dictionary form, is a lexicon word becomes one morpheme.
    """
    out: list[Morpheme] = []
    i = 0
    while i < len(ms):
        for size in range(min(_LONGEST, len(ms) - i), 1, -1):
            run = ms[i : i + size]
            head = "".join(m.surface for m in run[:-1])
            forms = {head + run[-1].surface, head + run[-1].dictionary_form}
            hit = forms & _VOCABULARY
            if hit:
                last = run[-1]
                pos = run[0].pos if last.pos[0] == "接尾辞" else last.pos
                word = hit.pop()
                out.append(Morpheme(run[0].start, last.end, head + last.surface, pos, word, word))
                i += size
                break
        else:
            out.append(ms[i])
            i += 1
    return out


def _sentences(text: str) -> list[tuple[str, list[Morpheme]]]:
    """Each sentence with its words (spans index the sentence)."""
    return [(s.text, _merge(morphemes(s.text))) for s in split_sentences(text)]


def _tail(ms: list[Morpheme], i: int) -> list[Morpheme]:
    """The morphemes after ``i`` up to the end of its clause (a comma ends it)."""
    out = []
    for m in ms[i + 1 :]:
        if m.surface in ("、", ",", "，"):
            break
        out.append(m)
    return out


def _negated(tail: list[Morpheme]) -> bool:
    """A negation follows ("解約するつもりはありません", "取り次ぎは不要です").

    Not a negative request ("代わっていただけませんか") nor a negated hesitation ("辞さない",
    "厭わない": "will not shrink from" affirms).
    """
    for k, m in enumerate(tail):
        if _is(m, _NEGATION) and (
            m.pos[0] in ("助動詞", "形容詞") or m.surface in ("不要", "結構")
        ):
            rest = "".join(x.surface for x in tail[k + 1 : k + 3])
            hesitation = k > 0 and _is(tail[k - 1], lex.JA_HESITATE)
            if not asks_after_negative(rest) and not hesitation:
                return True
    return False


def _attributive(tail: list[Morpheme]) -> bool:
    """The trigger describes a noun after it ("解約する方法", "キャンセルするには")."""
    for k, m in enumerate(tail[:4]):
        if m.pos[0] == "名詞" and m.surface in _ATTRIBUTIVE_NOUN:
            return True
        if m.surface == "に" and tail[k + 1 : k + 2] and tail[k + 1].surface == "は":
            return True
        if m.pos[0] == "名詞" and m.surface not in ("手続き", "手続"):
            return False
    return False


def _hypothetical(ms: list[Morpheme], i: int, tail: list[Morpheme]) -> bool:
    if any(m.surface == "もし" for m in ms[:i]):
        return True
    return any(_is(m, _HYPOTHETICAL_AFTER) for m in tail[:4])


def _requested(tail: list[Morpheme]) -> bool:
    return any(_is(m, _REQUEST) for m in tail)


def _statement(ms: list[Morpheme], i: int) -> bool:
    """The word at ``i`` is asked for or announced, not negated, hypothetical or attributive."""
    tail = _tail(ms, i)
    if _negated(tail) or _attributive(tail) or _hypothetical(ms, i, tail):
        return False
    return _requested(tail)


def _manager(text: str, ms: list[Morpheme]) -> bool:
    for i, m in enumerate(ms):
        if not (_is(m, lex.JA_AUTHORITY) or _above_person(ms, i)):
            continue
        tail = ms[i + 1 :]
        if any(t.surface in ("不要", "結構") for t in tail):
            continue
        k = _first_predicate(tail, 0)
        if k is not None and _is(tail[k], lex.JA_REACH) and _statement(tail, k):
            return True
    return False


def _above_person(ms: list[Morpheme], i: int) -> bool:
    """上の者, 上の人, 上の立場の方: "the one above", up to two nouns between."""
    if ms[i].surface != "上" or ms[i + 1 : i + 2] == [] or ms[i + 1].surface != "の":
        return False
    for m in ms[i + 2 : i + 6]:
        if m.surface in lex.JA_ABOVE_PERSON:
            return True
        if m.pos[0] != "名詞" and m.surface != "の":
            return False
    return False


def _first_predicate(ms: list[Morpheme], k: int) -> int | None:
    """The first verb, verbal noun (確認, 連絡) or reaching word (話) from ``k`` on.

    What the person before it is asked to do or be reached by: "上司に確認してから" goes
    with 確認 (the customer's own boss checks), "上司に代わって" with 代わる.
    """
    for j in range(k, len(ms)):
        m = ms[j]
        verbal_noun = m.pos[0] == "名詞" and m.pos[2] == "サ変可能"
        if m.pos[0] == "動詞" or verbal_noun or _is(m, lex.JA_REACH):
            return j
    return None


def _legal(text: str, ms: list[Morpheme]) -> bool:
    for i, m in enumerate(ms):
        tail = _tail(ms, i)
        compound = bool(tail) and tail[0].pos[0] == "接尾辞"  # 裁判+所: a court house
        if _is(m, lex.JA_LEGAL_ACT) and not (compound or _negated(tail) or _attributive(tail)):
            return True
        if m.surface == "法的" and any(_is(t, lex.JA_LEGAL_MEANS) for t in tail[:3]):
            return not _negated(tail)
        if _is(m, lex.JA_LEGAL_ACTOR) and tail and tail[0].surface in ("に", "と", "へ", "を"):
            for k, t in enumerate(tail):
                if _is(t, lex.JA_CONSULT) and not _negated(tail[k:]) and not _attributive(tail[k:]):
                    return True
    return False


@lru_cache(maxsize=16)  # keyed by a lexicon's names and particles, never by a request's text
def _party_patterns(
    parties: frozenset[str], particles: str
) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each party name, longest first, with its pattern: the name before one of ``particles``."""
    return tuple(
        (name, re.compile(re.escape(name) + r"(?:サイト)?(?=[" + particles + "])"))
        for name in sorted(parties, key=len, reverse=True)
    )


def _after_party(
    text: str, ms: list[Morpheme], parties: frozenset[str], particles: str
) -> list[int]:
    """Indexes of the first morpheme after each party name followed by one of ``particles``."""
    found: list[int] = []
    for name, pattern in _party_patterns(parties, particles):
        if name in text:  # the pattern opens with the name itself: most sentences name none
            found.extend(match.end() for match in pattern.finditer(text))
    if not found:
        return []
    return [next((k for k, m in enumerate(ms) if m.start >= end), len(ms)) for end in found]


def _chargeback(text: str, ms: list[Morpheme]) -> bool:
    for i, m in enumerate(ms):
        if "チャージバック" in m.surface and not _negated(_tail(ms, i)):
            return not _attributive(_tail(ms, i))
    for k in _after_party(text, ms, lex.JA_PAYMENT_PARTY, "にへ"):
        for j in range(k, len(ms)):
            if _is(ms[j], lex.JA_PAYMENT_ACTION):
                tail = _tail(ms, j)
                if not _negated(tail) and not _attributive(tail):
                    return True
    return False


def _public(text: str, ms: list[Morpheme]) -> bool:
    if _LOW_STARS.search(normalise_width(text)):
        return True
    for k in _after_party(text, ms, lex.JA_REGULATOR, "にへ"):
        for j in range(k, len(ms)):
            if _is(ms[j], lex.JA_REPORT) and _statement(ms, j):
                return True
    asked = text.rstrip().endswith(("か", "か。", "？", "?"))
    for k in _after_party(text, ms, lex.JA_PUBLIC_CHANNEL, "にでへ"):
        verb = _governing_verb(ms, k)
        if verb is not None and _is(ms[verb], lex.JA_PUBLISH) and not asked:
            tail = _tail(ms, verb)
            if not (_negated(tail) or _attributive(tail)):
                return True
    return False


def _governing_verb(ms: list[Morpheme], k: int) -> int | None:
    """The first verb from ``k`` on (a verb, or a noun + する): what the place phrase goes with.

    "SNSで拡散します": 拡散; "SNSでシェアするボタンを付けたい": シェア, not 付ける.
    """
    for j in range(k, len(ms)):
        if ms[j].pos[0] == "動詞":
            return j
        nxt = ms[j + 1] if j + 1 < len(ms) else None
        if ms[j].pos[0] == "名詞" and nxt is not None and nxt.normalized_form == "為る":
            return j
    return None


def _owned_relationship(ms: list[Morpheme], i: int) -> bool:
    """Whether the object is the customer's relationship (契約をキャンセル, 利用をやめる)."""
    before = ms[max(0, i - 4) : i]
    nouns = [m for m in before if m.pos[0] == "名詞"]
    return not nouns or any(_is(m, lex.JA_RELATIONSHIP) for m in nouns)


def _switches_away(ms: list[Morpheme], i: int) -> bool:
    """Whether the customer leaves for another provider (他社に乗り換えます, not 他社から)."""
    before = ms[:i]
    if any(m.surface == "から" for m in before):
        return False  # moving from another provider to us
    if ms[i].normalized_form.startswith("乗り換"):
        return True
    return any(_is(x, lex.JA_ELSEWHERE) for x in before) and any(
        m.surface in ("に", "へ") for m in before
    )


_ASK_FOR = frozenset(
    "いただける 頂ける もらえる 貰える くれる くださる 下さる いただく 頂く".split()
)


def _plain_question(text: str, ms: list[Morpheme]) -> bool:
    """A question that asks about something (解約はいつでもできますか), not for it.

    A request put as a question keeps its giving verb after て ("解約していただけますか").
    """
    if not text.rstrip().rstrip("。").endswith(("か", "？", "?")):
        return False
    return not any(
        m.dictionary_form in _ASK_FOR and k > 0 and ms[k - 1].surface in ("て", "で")
        for k, m in enumerate(ms)
    )


def _cancel(text: str, ms: list[Morpheme], upset: bool) -> bool:
    """Cancelling or leaving (退会します, 解約していただけますか, 他社に乗り換えます)."""
    if _plain_question(text, ms) and not upset:
        return False  # "解約はいつでもできますか" asked calmly is a how-to
    for i, m in enumerate(ms):
        tail = _tail(ms, i)
        strong = _is(m, lex.JA_CANCEL)
        soft = _is(m, lex.JA_CANCEL_SOFT) and _owned_relationship(ms, i)
        switch = _is(m, lex.JA_SWITCH) and _switches_away(ms, i)
        if not (strong or soft or switch):
            continue
        if _negated(tail) or _hypothetical(ms, i, tail):
            continue
        if _statement(ms, i) or (strong and upset):
            return True
    return False


def _repeat(text: str, ms: list[Morpheme]) -> bool:
    """Whether the customer counts their contacts (三度目の問い合わせ; not 四回目の更新)."""
    plain = normalise_width(text)
    for match in _ORDINAL.finditer(plain):
        after = plain[match.end() :].lstrip("のです。、！!")
        counted = _merge(morphemes(after))[:1] if after else []
        # What is counted: a contact, or nothing named ("もう三度目です").
        if not counted or counted[0].pos[0] != "名詞" or _is(counted[0], lex.JA_CONTACT):
            return True
    for i, m in enumerate(ms):
        if _is(m, lex.JA_MANY) and any(_is(t, lex.JA_CONTACT) for t in ms[i + 1 : i + 6]):
            return True
    return False


def triggers(text: str, upset: bool) -> set[str]:
    """The triggers ``text`` states (manager, legal, chargeback, public, cancel, repeat)."""
    found: set[str] = set()
    for sentence, ms in _sentences(text):
        if _manager(sentence, ms):
            found.add("manager")
        if _legal(sentence, ms):
            found.add("legal")
        if _chargeback(sentence, ms):
            found.add("chargeback")
        if _public(sentence, ms):
            found.add("public")
        if _cancel(sentence, ms, upset):
            found.add("cancel")
        if _repeat(sentence, ms):
            found.add("repeat")
    return found
