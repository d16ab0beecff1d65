"""Japanese recognizers: names from SudachiPy's 人名 tags; phone, postal, address, My Number.

Text arrives folded by ``guardrails.normalise.normalise`` (NFKC and more), so patterns
need only ASCII digits.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable
from functools import cache, lru_cache
from typing import Any, NamedTuple

from presidio_analyzer import EntityRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from sudachipy import Dictionary, SplitMode

from guardrails.japanese import (
    can_name_a_person,
    counter_at,
    names_a_place,
    spells_a_kanji_noun,
    tokenize,
)
from guardrails.pii.ja_gazetteer import gazetteer_code
from guardrails.pii.ja_person_model import PersonTagger, load_tagger
from guardrails.pii.names import NameLexicon

# An honorific, a title or a role after a name, or a word naming whose a thing is or whom a
# letter is for (名義, 御中): the Japanese name reader's and the English one's (a Latin name in
# Japanese text: "Quaile様", "Thornton部長", "Quaile名義"). One list for both.
HONORIFIC = re.compile(
    r"^(?:さん|様|さま|氏|君|くん|ちゃん|先生|殿|選手|監督|社長|部長|課長|係長|教授|博士|"
    r"夫人|議員|首相|大統領|長官|大臣|知事|市長|将軍|大佐|中佐|少佐|大尉|中尉|少尉|容疑者|被告|"
    r"兄弟|姉妹|一家|元帥|提督|司令官|准教授|講師|記者|弁護士|医師|捜査官|刑事|警部|"
    r"夫妻|名義|スタッフ|御中)"
)
# A match starts where a katakana run starts: tried inside a run too, the pattern rescans the
# rest of the run from every position (quadratic on one long run); it can only match there
# if it matches at the run's start.
_KATAKANA_NAME = re.compile(r"(?<![ァ-ヴー])[ァ-ヴー]{2,}(?:[・=＝][ァ-ヴー]{2,})+")
_KATAKANA_WORD = re.compile(r"[ァ-ヴー]{2,}")
_KATAKANA_PART = re.compile(r"[・=＝]")


class Token(NamedTuple):
    """One Sudachi morpheme with its offsets in the whole text."""

    begin: int
    end: int
    surface: str
    pos: tuple[str, ...]
    oov: bool = False  # not in Sudachi's dictionary (often a foreign name)
    # A proper noun made of several short units: the part of speech of the last one. A
    # common noun or suffix there (東京|電力, 自民|党, 立命館|大学) heads a company, party or
    # school; a person's name splits into names (池田|大作). Empty for one unit.
    head: str = ""
    # How Sudachi reads the word here (本 as ホン, a book; 林 as ハヤシ). Empty when not read.
    reading: str = ""


# Last character of a noun that names a person by role, rank or kinship (会長, 選手, 作家,
# 議員, 教授, 大統領, 親王, 夫人, 弟子...): a name before one is still a person. A name before
# any other noun is the modifier of a compound that names something else: a party or
# government (自民党, ニクソン政権), a company (吉本興業, 星野商店), a place or building
# (佐沼城, 森美術館), an event (選手権), a team (選手団).
_PERSON_NOUN_END = frozenset(
    "長手者員官師士家将王帝相領督授事役人氏君様子皇妃姫卿公侯伯爵佐尉女男父母兄弟姉妹夫妻"
    "身主匠僧嬢客友方関宰司臣侍守頭首表記優使"
)
# The sumo ranks, person nouns by the whole word: 綱 alone ends no role (命綱, a lifeline).
_SUMO_RANKS = frozenset({"横綱", "大関", "関脇", "小結"})
# Titles after a proper noun that make it a person: 伯爵, 中尉, 親方 (not 会社, 大学).
_TITLE_END = frozenset("爵尉佐将督帥卿公侯伯王帝妃姫方関")
# 天皇 and the like after an era or a name: the whole is one person's name (昭和天皇).
_SOVEREIGN = frozenset({"天皇", "上皇", "法皇", "皇后", "皇太后", "親王", "内親王", "女王"})
# Honorifics of address (a closed class of suffixes): what they follow is a person's name.
_ADDRESSED = re.compile(r"さん|様|さま|氏|君|くん|ちゃん|殿")
# The titles of a letter or an article (ウー氏, アー様), not a nickname's さん or ちゃん.
_FORMAL_TITLES = frozenset({"氏", "様", "殿"})
# Place names ending in these are places, not surnames (東京都, 大阪府, 横浜市, 渋谷区).
_PLACE_END = frozenset("都道府県市区町村郡州省国島")
_PLURAL = frozenset({"ら", "たち", "達", "ども", "自身", "本人", "一家", "兄弟", "姉妹"})


def _name_end(morphemes: list[Token], begins: list[int], span: Span) -> int | None:
    """Where the name of ``span`` ends, or ``None`` when it modifies a noun after it.

    A name before a noun or suffix that is not a person's (党, 政権, 商店, 選手権) is part of
    the name of something else. A surname (or a role-marked name) followed by a short noun
    and then a particle is a surname and a given name Sudachi does not know (後藤夜半は):
    the name runs through it.
    """
    start, end, _ = span
    i = bisect.bisect_left(begins, end)
    if i >= len(morphemes) or morphemes[i].begin != end:
        return end
    nxt = morphemes[i]
    if not (nxt.pos[0] == "接尾辞" or (nxt.pos[0] == "名詞" and nxt.pos[1] == "普通名詞")):
        return end
    if nxt.pos[2] == "サ変可能":
        return end  # what the person did: 暗殺, 推挙, 監修, 主演
    surface = nxt.surface
    if surface in _PLURAL or HONORIFIC.fullmatch(surface) or surface[-1] in _PERSON_NOUN_END:
        return end
    if _role_compound_after(morphemes, i):
        return end  # the holder of an office: ブラウン|国務|長官, 田中|第|二|書記
    after = morphemes[i + 1].pos[0] if i + 1 < len(morphemes) else "補助記号"
    first = morphemes[bisect.bisect_left(begins, start)]
    if (
        first.end == end
        and first.pos[1] == "固有名詞"
        and (first.pos[3] == "姓" or first.pos[2] != "人名")
        and len(surface) <= 2
        and after in ("助詞", "補助記号")
        and nxt.pos[0] == "名詞"
        and not _KATAKANA_WORD.fullmatch(surface)
    ):
        return int(nxt.end)
    return None


def _checked(morphemes: list[Token], found: list[tuple[int, int]]) -> list[Span]:
    """The tagger's spans with their edges on words, never on a ``・`` or other symbol.

    Roles and numbers at the edges are trimmed (第三代会長池田大作 -> 池田大作), and a span that
    ends in a common noun naming a thing (:func:`_names_a_thing`) is dropped.
    """
    begins = [m.begin for m in morphemes]
    out: list[Span] = []
    for start, end in found:
        first = bisect.bisect_left(begins, start)
        last = bisect.bisect_left(begins, end)
        inside = [m for m in _after_a_colon(morphemes[first:last]) if m.pos[0] != "補助記号"]
        while inside and _not_name_edge(inside[0]):
            inside.pop(0)
        while inside and _not_name_edge(inside[-1]):
            inside.pop()
        inside = _script_edges_trimmed(inside)
        if len(inside) > 1 and _time_word_before_katakana(inside[0], inside[1]):
            inside.pop(0)
        if not inside or _names_a_thing(morphemes, begins, inside):
            continue
        start, end = inside[0].begin, inside[-1].end
        if _places_only(inside) and not _in_a_person_frame(morphemes, begins, start, end):
            continue
        out.append((start, end, TAGGED))
    return out


# A katakana word, full or half width (チー, ｳｰ).
_KATAKANA_RUN = re.compile(r"[ァ-ヴーｦ-ﾟ]+")


def _time_word_before_katakana(first: Token, second: Token) -> bool:
    """A time noun in kanji or kana before a katakana word: when, not part of the name.

    Sudachi's adverbial common nouns (副詞可能: 昨日, 毎朝, 先週) say when something
    happened; one before a katakana name (昨日チーさん) is no part of it, as a name does not
    change script from such a word into katakana. Names in kanji are left alone (今日子).
    """
    return (
        first.pos[1] == "普通名詞"
        and first.pos[2] == "副詞可能"
        and not _KATAKANA_RUN.fullmatch(first.surface)
        and bool(_KATAKANA_RUN.fullmatch(second.surface))
    )


def _modifiers_dropped(morphemes: list[Token], spans: list[Span]) -> list[Span]:
    """The tagger's spans held to the rules' test of what follows a name (:func:`_name_end`).

    A name right before a noun or suffix that is no person's (佐藤健二事務所, 北川村営, 森村洞)
    modifies it: the whole names an office, a service or a place, and the span is dropped; a
    surname before a short noun and a particle runs through it (a given name Sudachi does
    not know).
    """
    begins = [m.begin for m in morphemes]
    out: list[Span] = []
    for span in spans:
        if _role_in_compound_after(morphemes, begins, span[1]):
            out.append(span)
            continue
        end = _name_end(morphemes, begins, span)
        if end is None and (
            _full_dictionary_name(morphemes, begins, span)
            or not body_word_after(morphemes, begins, span[1])
        ):
            # Privacy first: only a word that heads a business, a body or a place makes the
            # name a modifier; before 宛, 宅, 口座, 分 or 名 it is a person's. A surname and
            # a given name of the dictionary are a person's name before any word.
            end = span[1]
        if end is not None:
            out.append((span[0], end, span[2]))
    return out


# Last character of a noun that heads a business, a body, a building or a place (事務所,
# 商店, 基金, 村営, 工業, 電器, 証券, 財団, 駅, 通り), the place endings of ``_PLACE_END`` among
# them: a name before one names the thing (松下電器, 岡田駅前店), not a person.
_BODY_END = _PLACE_END | frozenset("所店金営洞党権業器券団院館社局園校寺駅橋賞派組庁署屋薬車場通")


_OKURIGANA = re.compile(r"[\u3041-\u3096]+$")


def _heads_a_body(token: Token) -> bool:
    """A common noun or suffix heading a business, a body or a place (商店, 駅, 通り, 市)."""
    if not (token.pos[0] == "接尾辞" or (token.pos[0] == "名詞" and token.pos[1] == "普通名詞")):
        return False
    stem = _OKURIGANA.sub("", token.surface) or token.surface  # 通り -> 通: okurigana
    return stem[-1] in _BODY_END and not _is_person_noun(token)


def body_word_after(morphemes: list[Token], begins: list[int], end: int) -> bool:
    """A word heading a business, a body or a place in the compound right after ``end``.

    Read over the run of touching common nouns, suffixes and numbers (at most four words:
    佐藤|工業, 青山|一|丁目|駅, 岡田|駅前|店); a place ending opening the word right after
    counts too (横浜|市長: 横浜市's mayor).
    """
    i = bisect.bisect_left(begins, end)
    at = end
    for tok in morphemes[i : i + 4]:
        if tok.begin != at or tok.pos[0] not in ("名詞", "接尾辞"):
            return False
        if tok.pos[1] == "固有名詞":
            return False
        if _heads_a_body(tok) or (tok.begin == end and tok.surface[0] in _PLACE_END):
            return True
        at = tok.end
    return False


def _full_dictionary_name(morphemes: list[Token], begins: list[int], span: Span) -> bool:
    """A surname then a given name, both of Sudachi's dictionary, fill ``span`` (清水|雅人)."""
    first = bisect.bisect_left(begins, span[0])
    inside = [m for m in morphemes[first : first + 4] if m.end <= span[1]]
    return (
        len(inside) >= 2
        and inside[0].pos[2:4] == ("人名", "姓")
        and inside[-1].pos[2:4] == ("人名", "名")
    )


# Suffixes after a name that make what precedes them its author (ハリソン作, 鈴木訳).
_AUTHOR_SUFFIX = frozenset("作著訳画編曲")


def _role_in_compound_after(morphemes: list[Token], begins: list[int], end: int) -> bool:
    """A role noun in the compound right after ``end`` (財務次官, 防衛大臣), or an author's mark.

    A name before 財務次官 is the vice-minister's; a name before 作 or 訳 is the author's.
    Read over the run of touching common nouns and suffixes (at most four words).
    """
    i = bisect.bisect_left(begins, end)
    at = end
    for tok in morphemes[i : i + 4]:
        if tok.begin != at or not (
            tok.pos[0] == "接尾辞" or (tok.pos[0] == "名詞" and tok.pos[1] == "普通名詞")
        ):
            return False
        if _is_person_noun(tok) or (tok.begin == end and tok.surface in _AUTHOR_SUFFIX):
            return True
        at = tok.end
    return False


def _names_a_thing(morphemes: list[Token], begins: list[int], inside: list[Token]) -> bool:
    """A name and then a common noun that is not a given name: a thing named after someone.

    長塚古墳 or a 追討軍 after a surname: the last word is a common noun Sudachi knows, longer
    than a given name or not followed by a particle. A short noun before a particle may be
    a given name Sudachi does not know (池田大作は) and is kept.
    """
    if len(inside) < 2:
        return False
    tail = inside[-1]
    if not (tail.pos[0] == "名詞" and tail.pos[1] == "普通名詞") or tail.oov:
        return False
    if _KATAKANA_WORD.fullmatch(tail.surface) or _is_person_noun(tail):
        return False
    i = bisect.bisect_left(begins, tail.end)
    after = morphemes[i].pos[0] if i < len(morphemes) else "補助記号"
    return len(tail.surface) > 2 or after not in ("助詞", "補助記号")


def _places_only(inside: list[Token]) -> bool:
    """Every word a place Sudachi's lexicon reads as no person's name under any reading.

    The tagger reads context (a list of names around 東京); a word the lexicon knows only as
    a place is still a place. A place that is a surname too (池田, 福島) may be a person.
    """
    return all(m.pos[2] == "地名" and not can_name_a_person(m.surface) for m in inside)


_COLONS = frozenset({":", "："})


def _after_a_colon(tokens: list[Token]) -> list[Token]:
    """The words after the last colon: a label (Re:, TO:, メモ:) is never part of a name."""
    for k in range(len(tokens) - 1, -1, -1):
        if tokens[k].surface in _COLONS:
            return tokens[k + 1 :]
    return tokens


def _script_edges_trimmed(inside: list[Token]) -> list[Token]:
    """A name in Japanese script without the spaces or Latin words at its edges (Re ブラウン).

    A name written in Latin letters alone (John Smith) is kept whole.
    """
    script = [k for k, m in enumerate(inside) if _JAPANESE_SCRIPT.search(m.surface)]
    if not script:
        return inside
    return inside[script[0] : script[-1] + 1]


# The verbs after と by which speakers give their own name (横浜と申します, 静岡と言います);
# not いい, which also lists things (東京といい大阪といい).
_SELF_NAMING_VERBS = ("申", "言い")
# Words before の that say a staff member follows: the one in charge or a department's
# member (担当の横浜, 営業部の静岡), and a short closed list of roles at a workplace. A role in
# general is no such word: 著者の本, 農家の米 and 田中さんの本 are their things.
_STAFF_OF = frozenset({"担当", "部署", "窓口"})
# The writer's workplace, by the words a support message names it with (弊社の林です,
# 大阪支店の森が伺います): where staff work, not what a business sells.
_WORKPLACES = (
    "弊社",
    "当社",
    "本社",
    "支社",
    "支店",
    "本店",
    "営業所",
    "事務所",
    "事務局",
    "研究室",
)
_WORKPLACE_ROLES = frozenset(
    {
        *("店長", "社長", "副社長", "部長", "課長", "係長", "室長", "所長", "支店長", "主任"),
        *("担当者", "責任者", "代表", "スタッフ", "社員", "店員", "職員", "係員", "受付"),
        *("後任", "前任", "当番"),
    }
)
# Where a customer is sent (ご連絡先は営業部の林です): a topic naming the person that follows.
_CONTACT_WORDS = frozenset({"連絡先", "問い合わせ先", "問合せ先", "問合わせ先"})
# The writer naming themself as the topic (私は弊社の林です, こちらはサポートの岡です).
_SPEAKER_WORDS = frozenset({"私", "わたし", "わたくし", "僕", "当方", "こちら", "小生"})
# Demonstratives of a thing or a place (これ, それ, あれ, ここ, そこ, あそこ): no person, unlike
# こちら, which also names the writer's side.
_THING_DEMONSTRATIVE = re.compile(r"[こそあど]れ|[こそど]こ|あそこ")
_SECTION_END = frozenset("部課室係")
# Katakana words for a unit of staff (開発チーム, サポートセンター, 営業グループ): one Sudachi
# word or the last of a compound, a unit whose member the word after の is, as 営業部's.
_STAFF_UNITS = ("チーム", "グループ", "センター", "サポート", "デスク")
# What follows a staff member's name in a support message: the subject or topic particle,
# です, or where a message comes from (担当の林が, 担当の林です, 担当者の森より).
_STAFF_NAME_FOLLOWERS = frozenset({"が", "は", "です", "より", "から"})
# Verbs by which only a person acts: humble verbs (伺います, 参ります, 申し上げます,
# 存じます, 承ります) and いたす (確認いたします).
_HUMBLE_VERBS = ("伺", "参", "申", "存じ", "承", "いた")
# The humble prefix of a verbal noun before する (ご案内します, お電話します).
_HUMBLE_PREFIXES = frozenset({"お", "ご", "御"})
# Humble verbs after て that make a する-verb the writer's side's act (外出しております;
# させていただきます after the causative).
_HUMBLE_AFTER_TE = ("おり", "おる", "おっ")
_GRANTED = ("いただ", "頂")
# The forms of する (対応します, 退職しました), and the passive or causative after it (返却
# されて: the thing was returned, not a person acting).
_SURU = frozenset({"し", "する", "さ", "せ", "すれ", "しろ"})
_PASSIVE = frozenset({"れ", "られ", "れる", "られる", "せ", "させ"})
# Words that end a clause: a predicate is looked for before one.
_CLAUSE_END = frozenset({"。", "！", "？", "!", "?", "\n"})
_PREDICATE_WINDOW = 12
# How much a frame says of the word in it (:func:`_frame_evidence`): nothing; a bare する-verb
# after a desk, department or role (担当の林が対応しました: an act, or an event that happens to
# a thing, 担当者の本が破損しました); or an act only a person does, a sender line or a
# self-introduction (伺います, 書類をお送りします, 総務課の森より, 営業部の林です).
_NO_FRAME, _WEAK_FRAME, _FRAME = 0, 1, 2
# Words after the list and の that count its members as people (A、B、Cの三名 / 全員).
_PEOPLE_COUNTERS = frozenset({"名", "人"})
_PEOPLE_WORDS = frozenset({"全員", "二人", "両名", "一同", "皆", "皆さん"})
_LIST_JOINERS = frozenset({"、", "と", "・", "や"})


def _in_a_person_frame(morphemes: list[Token], begins: list[int], start: int, end: int) -> bool:
    """Context that makes the tagger's ``[start, end)`` a person whatever the word's reading.

    A role next to it (:func:`_person_context`); a self-naming or staff frame
    (:func:`_frame_evidence`); a list whose members the words after it count as people
    (山田、静岡、佐藤の三名).
    """
    if _person_context(morphemes, begins, start, end):
        return True
    first = bisect.bisect_left(begins, start)
    after = bisect.bisect_left(begins, end)
    return _frame_evidence(morphemes, first, after) != _NO_FRAME or _counted_as_people(
        morphemes, first, after
    )


def _frame_evidence(morphemes: list[Token], first: int, after: int) -> int:
    """How much the sentence's frame says words ``first`` to ``after`` name a person.

    ``_FRAME``: the speaker naming themself (横浜と申します; not この本と申しますのは, "what is
    called"), or a staff member: a desk, department, workplace role, workplace or unit of
    staff and の before (担当の横浜, 営業部の森, 店長の林, 弊社の林, 開発チームの森) and after
    it an act only a person does, a sender line (:func:`_acts_as_staff`) or です introducing
    the member (:func:`_introduced`). ``_WEAK_FRAME``: a desk, department or role and a bare
    する-verb after (担当の林が対応しました), which a thing's event also is (担当者の本が破損
    しました; after a workplace or a unit, 本社の池が凍結しました, that says nothing), or a
    workplace's ``の<word>です`` opening a sentence (弊社の林です, 開発チームの本です).
    """
    if _self_naming(morphemes, first, after):
        return _FRAME
    if first < 2 or morphemes[first - 1].surface != "の":
        return _NO_FRAME
    desk = first - 2
    workplace = _workplace_or_unit(morphemes[desk])
    if not (workplace or _staff_word(morphemes[desk]) or _workplace_role(morphemes, desk)):
        return _NO_FRAME
    if after < len(morphemes) and morphemes[after].surface == "です":
        return _introduced(morphemes, desk, workplace)
    act = _acts_as_staff(morphemes, after)
    if act == _WEAK_FRAME and workplace:
        return _NO_FRAME
    return act


def _introduced(morphemes: list[Token], desk: int, workplace: bool) -> int:
    """``<desk>の<word>です`` introduces a person: by topic, or the writer at a sentence's start.

    With a topic the topic must be a person (:func:`_a_person_as_topic`): 担当は営業部の林です,
    後任は営業部の林です, 私は総務課の森です; not トイレは受付の奥です, これは当社の島です or
    彼女はチームの星です. With none the writer introduces themself (営業部の林です); after a
    workplace or a unit the phrase must open its sentence (お世話になっております。弊社の林です),
    not end one (一番大きいのが本社の池です), and is a weak frame: it also says whose a thing is
    (開発チームの本です).
    """
    start = desk
    stop = max(0, desk - _PREDICATE_WINDOW)  # a bounded look back: linear on any text
    while (
        start > stop
        and morphemes[start - 1].end == morphemes[start].begin
        and morphemes[start - 1].pos[0] in ("名詞", "接頭辞")
    ):
        start -= 1  # the compound the desk ends (大阪|支社, 品質|管理|チーム)
    k = start - 1
    while k >= max(1, stop) and morphemes[k].surface not in _CLAUSE_END:
        if morphemes[k].surface == "は" and morphemes[k].pos[1] == "係助詞":
            return _FRAME if _a_person_as_topic(morphemes[k - 1], workplace) else _NO_FRAME
        k -= 1
    if not workplace:
        return _FRAME
    before = morphemes[start - 1] if start > 0 else None
    opens = before is None or before.surface in _CLAUSE_END or before.pos[0] in ("補助記号", "空白")
    return _WEAK_FRAME if opens else _NO_FRAME


def _a_person_as_topic(topic: Token, workplace: bool) -> bool:
    """A topic that names the person the sentence introduces (担当は, 後任は, ご連絡先は, 私は).

    A role or a contact word, or the writer (私, こちら); before a desk or a department also
    another person or a pronoun of one (部長は, 彼は); never a thing's demonstrative (これ,
    ここ). Before a workplace or a unit a third person is no staff member by the frame alone
    (彼女はチームの星です).
    """
    surface = topic.surface
    if surface in _STAFF_OF or surface in _WORKPLACE_ROLES or surface in _CONTACT_WORDS:
        return True
    if surface in _SPEAKER_WORDS:
        return True
    if workplace or _THING_DEMONSTRATIVE.fullmatch(surface):
        return False
    return topic.pos[0] == "代名詞" or _is_person_noun(topic)


def _self_naming(morphemes: list[Token], first: int, after: int) -> bool:
    """The speaker gives their name: と and 申す or 言う after it (林と申します).

    A nominalised と申しますのは ("what is called") and a word a demonstrative modifies
    (この本と申しますのは) speak of a thing.
    """
    if not (
        after + 1 < len(morphemes)
        and morphemes[after].surface == "と"
        and morphemes[after + 1].pos[0] == "動詞"
        and morphemes[after + 1].surface.startswith(_SELF_NAMING_VERBS)
    ):
        return False
    if first > 0 and morphemes[first - 1].pos[0] == "連体詞":
        return False
    k = after + 2
    while k < len(morphemes) and morphemes[k].pos[0] == "助動詞":
        k += 1
    return not (
        k + 1 < len(morphemes) and morphemes[k].surface == "の" and morphemes[k + 1].surface == "は"
    )


def _acts_as_staff(morphemes: list[Token], after: int) -> int:
    """What follows a staff member's name: a particle and a person's act, or a sender line.

    After が, は, より or から the clause's predicate must be what a person does
    (:func:`_a_persons_act`): 担当の林が対応します, but not 担当者の本が届きました, 営業部の島は
    二階です, 受付の奥からお入りください or 専門家の本より分かりやすい. A sender line ends at
    より or から (総務課の森より、...).
    """
    if after >= len(morphemes) or morphemes[after].surface not in _STAFF_NAME_FOLLOWERS:
        return _NO_FRAME
    if morphemes[after].surface in ("より", "から") and (
        after + 1 == len(morphemes) or morphemes[after + 1].pos[1] in ("読点", "句点")
    ):
        return _FRAME
    return _a_persons_act(morphemes, after + 1)


def _a_persons_act(morphemes: list[Token], k: int) -> int:
    """How surely the clause from ``k`` says its subject acts as a person does.

    ``_FRAME``: an object (書類をお送りします), a humble verb or いたす (伺います, 確認いたします),
    a verbal noun with the humble お/ご before する (ご案内します) or a humble verb after it
    (外出しております, 対応させていただきます). ``_WEAK_FRAME``: a verbal noun with する in the
    active voice and nothing more (対応します), which a thing's event also is (破損しました).
    A verb of a thing (届く, 破れる), a passive (返却されて) or a predicate with no verb
    (二階です) is no one's act. A verb that goes on to another word (折り返し
    お電話, 届いて|いません) is not yet the predicate.
    """
    for j in range(k, min(len(morphemes), k + _PREDICATE_WINDOW)):
        m = morphemes[j]
        if m.surface in _CLAUSE_END or m.pos[0] == "助動詞":
            return _NO_FRAME
        if m.surface == "を" and m.pos[1] == "格助詞":
            return _FRAME
        if m.pos[0] != "動詞":
            continue
        if m.surface.startswith(_HUMBLE_VERBS):
            return _FRAME
        if m.surface in _SURU and j > k and morphemes[j - 1].pos[2] == "サ変可能":
            return _a_suru_verbs_weight(morphemes, j)
        nxt = morphemes[j + 1] if j + 1 < len(morphemes) else None
        if nxt is None or nxt.pos[0] not in ("助詞", "接頭辞", "名詞"):
            return _NO_FRAME
    return _NO_FRAME


def _a_suru_verbs_weight(morphemes: list[Token], j: int) -> int:
    """What the する of a verbal noun at ``j`` says of its subject (:func:`_a_persons_act`)."""
    after = [m.surface for m in morphemes[j + 1 : j + 4]]
    if (
        j >= 2
        and morphemes[j - 2].pos[0] == "接頭辞"
        and morphemes[j - 2].surface in _HUMBLE_PREFIXES
    ):
        return _FRAME  # ご案内します: the humble お/ご〜する
    if after and after[0] in _PASSIVE:
        # 返却されて is done to a thing; 対応させていただきます is the writer's humble act.
        granted = len(after) == 3 and after[1] == "て" and after[2].startswith(_GRANTED)
        return _FRAME if after[0] in ("せ", "させ") and granted else _NO_FRAME
    if len(after) >= 2 and after[0] == "て" and after[1].startswith(_HUMBLE_AFTER_TE):
        return _FRAME
    return _WEAK_FRAME


def _workplace_or_unit(token: Token) -> bool:
    """The writer's workplace or a unit of staff (弊社, 大阪支店, 開発チーム, ヘルプデスク).

    Its member may follow の, but so may its things (本社の池, デスクの角, チームの星): the
    frame asks more of what follows than after a desk (:func:`_frame_evidence`).
    """
    return token.surface.endswith(_WORKPLACES) or (
        token.pos[0] == "名詞"
        and token.pos[1] == "普通名詞"
        and token.surface.endswith(_STAFF_UNITS)
    )


def _staff_word(token: Token) -> bool:
    """A desk or a department (担当, 部署, 営業部, 総務課) whose member the word after の is.

    Not a share (一部, 全部), a count (三部), a relation (関係), nor a room with no staff:
    a room counts when a role works in it (社長室), not 待合室 or 図書室.
    """
    if token.surface in _STAFF_OF:
        return True
    if not _names_a_section(token):
        return False
    if token.pos[2] in ("副詞可能", "助数詞可能", "サ変可能") or len(token.surface) < 2:
        return False
    if token.surface[-1] == "室":
        return token.surface[-2] in _PERSON_NOUN_END
    return True


def _names_a_section(token: Token) -> bool:
    """A noun or suffix ending in 部, 課, 室 or 係: a section, room or office (長官室)."""
    if token.pos[0] not in ("名詞", "接尾辞") or token.pos[1] == "固有名詞":
        return False
    return token.surface[-1] in _SECTION_END


def _workplace_role(morphemes: list[Token], i: int) -> bool:
    """A role at a workplace (店長, スタッフ), or a department's head (営業部|長)."""
    token = morphemes[i]
    if token.pos[0] not in ("名詞", "接尾辞"):
        return False
    if token.surface in _WORKPLACE_ROLES:
        return True
    return (
        token.surface == "長"
        and token.pos[0] == "接尾辞"
        and i > 0
        and morphemes[i - 1].end == token.begin
        and _staff_word(morphemes[i - 1])
    )


def _counted_as_people(morphemes: list[Token], first: int, after: int) -> bool:
    """A list member (words ``first`` to ``after``) whose list の counts as people (三名, 全員)."""
    listed = first > 0 and morphemes[first - 1].surface in _LIST_JOINERS
    i = after
    while i < len(morphemes) and morphemes[i].surface in _LIST_JOINERS:
        listed = True
        i += 1
        while i < len(morphemes) and morphemes[i].pos[0] == "名詞":
            i += 1
    if not listed or i + 1 >= len(morphemes) or morphemes[i].surface != "の":
        return False
    head = morphemes[i + 1]
    if head.surface in _PEOPLE_WORDS:
        return True
    return (
        head.pos[1] == "数詞"
        and i + 2 < len(morphemes)
        and morphemes[i + 2].surface in _PEOPLE_COUNTERS
    )


def _not_name_edge(token: Token) -> bool:
    """A prefix, number, role noun or honorific at a span's edge: context, not the name.

    第三代会長池田大作 keeps 池田大作; 斉藤様 keeps 斉藤 (the honorific is how a letter
    addresses the person, not part of the name the customer's own name is matched with).
    """
    pos = token.pos
    if pos[0] == "接頭辞" or pos[1] == "数詞" or pos[2] == "助数詞可能":
        return True
    return (pos[1] == "普通名詞" or pos[0] == "接尾辞") and _is_person_noun(token)


def _merged(spans: list[Span]) -> list[Span]:
    """Overlapping spans joined (会長池田大作: the tagger's 池田, the role's 池田大作)."""
    out: list[Span] = []
    for start, end, score in sorted(spans):
        if out and start < out[-1][1]:
            last = out[-1]
            out[-1] = (last[0], max(last[1], end), max(last[2], score))
        else:
            out.append((start, end, score))
    return out


def _inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` lies inside one of ``ranges`` (sorted, non-overlapping)."""
    i = bisect.bisect_right(ranges, (start, 1 << 62)) - 1
    return i >= 0 and ranges[i][0] <= start and end <= ranges[i][1]


def _with_repeated_surnames(morphemes: list[Token], spans: list[Span]) -> list[Span]:
    """Add each lone later mention of a surname or given name of a full name in the text.

    A text names a person in full once and then by one part (高畑勲 ... 高畑は; a story's
    山田花子 ... 花子が): the surname of a full name (a 姓, or a proper noun before a 名),
    its given name (a 名 of two characters or more, whose lone mention Sudachi also reads as
    a proper noun: 大作 alone is a common noun) and the family name of a katakana ``A・B``
    name are person names wherever they recur alone.
    """
    families: set[str] = set()
    given: set[str] = set()
    begins = [m.begin for m in morphemes]
    for start, end, _ in spans:
        first = bisect.bisect_left(begins, start)
        last = bisect.bisect_left(begins, end)
        inside = [m for m in morphemes[first:last] if m.end <= end]
        if len(inside) >= 2 and (
            inside[0].pos[3] == "姓"
            or (inside[0].pos[1] == "固有名詞" and inside[-1].pos[3] == "名")
        ):
            families.add(inside[0].surface)
        if len(inside) >= 2 and inside[-1].pos[3] == "名" and len(inside[-1].surface) >= 2:
            given.add(inside[-1].surface)
        words = [m for m in inside if _KATAKANA_WORD.fullmatch(m.surface)]
        if len(words) >= 2:
            families.add(words[-1].surface)
    if not families and not given:
        return spans
    covered = sorted((s, e) for s, e, _ in spans)
    extra = [
        (m.begin, m.end, MARKED)
        for m in morphemes
        if m.pos[0] == "名詞"
        and (m.surface in families or (m.surface in given and m.pos[1] == "固有名詞"))
        and not _inside(covered, m.begin, m.end)
    ]
    return sorted(spans + extra)


def _with_repeated_names(morphemes: list[Token], spans: list[Span]) -> list[Span]:
    """Add every other mention of a name found once: one text names one person alike.

    A mention is the same run of words (whole tokens, so 田中 in 田中角栄 is no mention of a
    name 田中角栄, and 中 in 田中 none of 中); names of one character are left out (they recur
    by chance). Linear: the runs are looked up by their first word.
    """
    begins = [m.begin for m in morphemes]
    # The names found, one set of word tuples per length: each position is looked up once
    # per length (at most eight), whatever the number of names (linear).
    found: dict[int, set[tuple[str, ...]]] = {}
    for start, end, _ in spans:
        if body_word_after(morphemes, begins, end):
            continue  # 横浜 of 横浜市長, 佐藤 of 佐藤工業: no name to spread
        first = bisect.bisect_left(begins, start)
        words = tuple(m.surface for m in morphemes[first : first + 8] if m.end <= end)
        if words and sum(len(w) for w in words) >= 2:
            found.setdefault(len(words), set()).add(words)
    if not found:
        return spans
    lengths = sorted(found, reverse=True)  # the longest first
    surfaces = [m.surface for m in morphemes]
    covered = sorted((s, e) for s, e, _ in spans)
    extra: list[Span] = []
    for i in range(len(morphemes)):
        for length in lengths:
            if tuple(surfaces[i : i + length]) not in found[length]:
                continue
            run = morphemes[i : i + length]
            start, end = run[0].begin, run[-1].end
            if (
                not _inside(covered, start, end)
                and all(a.end == b.begin for a, b in zip(run, run[1:], strict=False))
                and not body_word_after(morphemes, begins, end)
            ):
                # Not before a business or a place word: 佐藤工業, 大和証券, 青山一丁目駅.
                extra.append((start, end, MARKED))
            break
    return sorted(spans + extra)


# What joins a role to the name it introduces: 社長の堀田, 画家・岡村.
_ROLE_JOINERS = frozenset({"の", "・"})
_ENDS_A_PHRASE = frozenset({"助詞", "補助記号", "助動詞"})


_JAPANESE_SCRIPT = re.compile(r"[\u3041-\u309f\u30a0-\u30ff\u4e00-\u9fff々]+")


def _may_be_a_name(token: Token) -> bool:
    """A person's name in Japanese script: Sudachi's 人名, or a person's in the names tables.

    A place counts only if a surname too (長崎, 小野: 選手の大阪での会見 names no one); a
    Latin word or a word nobody lists as a person's is a product or a service (担当者の
    iPhone, 担当者のメルカリ, 部長の日産).
    """
    if not _JAPANESE_SCRIPT.fullmatch(token.surface):
        return False
    if token.pos[2] == "地名":
        return not _is_place_name(token) and can_name_a_person(token.surface)
    code = gazetteer_code(token.surface)
    return token.pos[2] == "人名" or ("P" in code and "O" not in code)  # メルカリ: a firm too


def _named_after_a_role(morphemes: list[Token]) -> list[Span]:
    """A role, の or ・, then a name: 女優の川東, 社長の堀田竹夫, 画家・岡村秋彦.

    The name is one to three touching proper nouns or unknown words (no common noun: 監督の
    長編小説集, 住民の子供達; no place that is no surname: 中盤のオーストリア, 選手の大阪での),
    and a particle or a mark ends it.
    """
    out: list[Span] = []
    for i in range(len(morphemes) - 2):
        role, joiner = morphemes[i], morphemes[i + 1]
        if joiner.surface not in _ROLE_JOINERS or role.pos[1] != "普通名詞":
            continue
        if len(role.surface) < 2 or not _is_person_noun(role):
            continue
        j = i + 2
        while (
            j < len(morphemes)
            and j - i - 2 < 3
            and morphemes[j].begin == morphemes[j - 1].end
            and morphemes[j].pos[0] == "名詞"
            and (morphemes[j].pos[1] == "固有名詞" or morphemes[j].oov)
            and _may_be_a_name(morphemes[j])
        ):
            j += 1
        if j == i + 2 or j >= len(morphemes) or morphemes[j].pos[0] not in _ENDS_A_PHRASE:
            continue
        out.append((morphemes[i + 2].begin, morphemes[j - 1].end, MARKED))
    return out


def _surnames_in_a_person_frame(morphemes: list[Token]) -> list[Span]:
    """A surname Sudachi reads as a common noun or a place, where the frame says it is a name.

    林 or 森 come out as common nouns (a wood), 春日 as a place, and no rule or tagger span
    takes them, so 林と申します or 担当の春日です went unmasked. The frames of
    :func:`_frame_evidence` make the word a person whatever its reading: the speaker
    naming themself, or a desk, department, workplace role, workplace or unit and の before it
    and a staff member's act after (担当の林が伺います, 営業部の森より, 店長の春日明日香です,
    弊社の林が対応いたします). The word must be one Sudachi's lexicon also lists as a surname
    (林, 関; not 件, 車 or 心) and no role or time word (担当者の方が, 担当者の今は); a touching
    word after it that the lexicon lists as a person's name is the given name. A bare する-verb
    after a desk (:data:`_WEAK_FRAME`) does not make a common noun a name unless Sudachi reads
    it here as the lexicon reads the surname (林 ハヤシ, 担当の林が対応しました; not 本 ホン,
    担当者の本が破損しました): the reading is one signal, never a veto of a stronger frame.
    """
    out: list[Span] = []
    for i, m in enumerate(morphemes):
        if not _may_be_a_surname(m):
            continue
        last = i
        given = morphemes[i + 1] if i + 1 < len(morphemes) else None
        if given is not None and given.begin == m.end and _may_be_a_surname(given):
            last = i + 1
        nxt = morphemes[last + 1] if last + 1 < len(morphemes) else None
        if nxt is None or nxt.begin != morphemes[last].end:
            continue
        frame = _frame_evidence(morphemes, i, last + 1)
        if frame == _NO_FRAME:
            continue
        # The lexicon is asked last: only of words already in a frame. On a weak frame a
        # common noun standing alone must be read here as the surname is (林 ハヤシ is both;
        # 本 read ホン is a book, the surname モト); a given name after it vouches for the pair.
        read_as = m.reading if frame == _WEAK_FRAME and last == i and m.pos[1] == "普通名詞" else ""
        if not _listed_surname(m.surface, read_as):
            continue
        if last > i and not can_name_a_person(morphemes[last].surface):
            continue  # 担当の林業が: the word after is no given name
        out.append((m.begin, morphemes[last].end, MARKED))
    return out


def _may_be_a_surname(m: Token) -> bool:
    """A short kanji noun that is no role and no time or relation word (林, 春日; not 方, 今)."""
    return (
        m.pos[0] == "名詞"
        and m.pos[1] in ("普通名詞", "固有名詞")
        and m.pos[2] != "副詞可能"  # a time or a place in relation: 今, 前, 中
        and bool(_KANJI_SURNAME.fullmatch(m.surface))
        and not _is_person_noun(m)
    )


def _listed_surname(surface: str, reading: str = "") -> bool:
    """True when Sudachi's lexicon lists ``surface`` as a surname (林, 関), read ``reading``.

    Without ``reading``, under any reading. Not cached: the answer is asked of request words.
    """
    return any(
        _pos_of(m.part_of_speech_id())[2:4] == ("人名", "姓")
        and (not reading or m.reading_form() == reading)
        for m in _lookup(surface)
    )


def _lookup(surface: str) -> Any:
    return _core_dictionary().lookup(surface)


# A surname or a given name in kanji of one to three characters (林, 春日, 明日香); longer
# nouns are words.
_KANJI_SURNAME = re.compile(r"[\u4e00-\u9fff々]{1,3}")


def _is_person_noun(token: Token) -> bool:
    """A noun or suffix naming a person by role or relation (女優, 教授, 大統領, 氏, 母)."""
    if token.pos[0] not in ("名詞", "接尾辞") or token.pos[1] == "固有名詞":
        return False
    surface = token.surface
    if surface == "関" and token.pos[0] == "名詞":
        return False  # a barrier or a surname: 関 names a wrestler as a suffix or in 大関
    return (
        bool(HONORIFIC.fullmatch(surface))
        or surface[-1] in _PERSON_NOUN_END
        or surface in _SUMO_RANKS
    )


def _has_a_name_word(morphemes: list[Token], begins: list[int], start: int, end: int) -> bool:
    """Whether a part of the katakana compound ``[start, end)`` may be a name (ジュリア・フォード).

    A part must be a person's name by :func:`_may_be_a_name` (Sudachi's 人名, or a person's
    and no company's in the names tables). A brand and its product (トヨタ・カローラ, ヤマハ・
    ピアノ) or common words (バースデー・カード, サッカー・チーム) name a thing, whatever
    role stands next to them.
    """
    i = bisect.bisect_left(begins, start)
    parts = [m for m in morphemes[i : i + 12] if m.begin < end and m.pos[0] != "補助記号"]
    return any(_may_be_a_name(m) for m in parts)


def _one_dictionary_name(morphemes: list[Token], begins: list[int], start: int, end: int) -> bool:
    """One Sudachi word tagged a person's name is all of ``[start, end)`` (ヘレン・ケラー)."""
    i = bisect.bisect_left(begins, start)
    return (
        i < len(morphemes)
        and morphemes[i].begin == start
        and morphemes[i].end == end
        and morphemes[i].pos[2] == "人名"
    )


def _person_context(morphemes: list[Token], begins: list[int], start: int, end: int) -> bool:
    """A role or relation noun right after ``[start, end)`` or right before it (with の).

    The role after may end an office compound (ジョン・スミス下院議員, ブラウン国務長官).
    """
    i = bisect.bisect_left(begins, end)
    if (
        i < len(morphemes)
        and morphemes[i].begin == end
        and (_is_person_noun(morphemes[i]) or _role_compound_after(morphemes, i))
    ):
        return True
    j = bisect.bisect_left(begins, start) - 1
    if j >= 0 and morphemes[j].end == start:
        before = morphemes[j]
        if before.surface == "の" and j >= 1:
            before = morphemes[j - 1]
        return _is_person_noun(before)
    return False


def my_number_is_valid(digits: str) -> bool:
    """Check a 12-digit My Number against its check digit (the official mod-11 rule)."""
    if not re.fullmatch(r"\d{12}", digits):
        return False
    body = [int(c) for c in digits[:11]]
    total = sum(d * (n + 1 if n <= 6 else n - 5) for n, d in enumerate(reversed(body), start=1))
    remainder = total % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return check == int(digits[11])


class JaMyNumberRecognizer(PatternRecognizer):
    """JP_MY_NUMBER: 12 digits (optionally 4-4-4) whose check digit is right.

    In English text a bare 12-digit number is more often an order or account number, so there
    the score starts below the threshold and only a "My Number" context word lifts it.
    """

    def __init__(self, supported_language: str = "ja", score: float = 0.5) -> None:
        super().__init__(
            supported_entity="JP_MY_NUMBER",
            supported_language=supported_language,
            name="JaMyNumberRecognizer",
            patterns=[Pattern("my_number", r"(?<!\d)\d{4}[- ]?\d{4}[- ]?\d{4}(?!\d)", score)],
            context=["マイナンバー", "個人番号", "my number", "mynumber", "individual number"],
        )

    def validate_result(self, pattern_text: str) -> bool | None:
        """Drop numbers with a wrong check digit; keep the pattern score for the others.

        (``True`` would make every valid one certain, 1.0, and so defeat the low English
        score: one 12-digit order or card number in ten has a "valid" check digit.)
        """
        return None if my_number_is_valid(re.sub(r"\D", "", pattern_text)) else False


# Japanese numbers are written 03-1234-5678, 03 1234 5678, 03.1234.5678 or run together.
_SEP = r"[- .]?"
_NOT_AFTER = r"(?<![\d\-.])"
_NOT_BEFORE = r"(?![\d\-]|\.\d)"
# An extension after the number belongs to it (06-1234-5678 内線 204): the whole is masked.
_EXTENSION = r"(?:[ ]?(?:内線|ext\.?)[ ]?\d{1,5}(?!\d))?"
# The block part of an address: numbers each followed by 丁目, 番(地), 号 or a dash, to the last
# number (1丁目2番3号, 1-2-3, 1丁目2-3, 12番地の3). Kanji numerals arrive as digits (the fold).
_BLOCK_UNIT = r"(?:丁目|番地(?:の(?=\d))?|番|号|[-ー−](?=\d))"
_BLOCK = rf"\d+{_BLOCK_UNIT}(?:\d+{_BLOCK_UNIT})*(?:\d+(?!\d|階|F|号室))?"
# What follows a block in an address line: a building, its name (katakana, Latin letters,
# kanji, digits) and a word that names a building (ABCビル, グランドハイツ, 山田荘), then a
# floor or a room (5階, 5F, 201号室, or a bare room number right after the name: サンハイツ202);
# or a floor or a room alone (a last number before 階 is
# read as the floor: "2丁目3階" is masked whole either way). The name never holds kana
# (a particle ends it: "1-2-3に新しいビル" is no building of the address).
_BUILDING_WORD = (
    r"(?:ビルディング|ビル|マンション|ハイツ|コーポ|レジデンス|タワー|ハウス|ヒルズ|パレス|"
    r"プラザ|アパート|メゾン|コート|テラス|荘|館|棟|"
    r"(?<![A-Za-z])(?:Building|Bldg\.?|Tower|Heights|Residence|Mansion|Court|Plaza))"
)
_BUILDING_NAME_CHAR = r"[A-Za-z0-9&'.\-ァ-ヴー・\u4e00-\u9fff々]"
_BUILDING = (
    rf"(?:[ 　]?(?:{_BUILDING_NAME_CHAR}|[ 　](?={_BUILDING_NAME_CHAR})){{0,24}}?{_BUILDING_WORD})"
)
_FLOOR_OR_ROOM = r"(?:[ 　]?(?:\d{1,3}(?:階|F(?![A-Za-z]))|[A-Za-z]?\d{1,4}号室))"
# Right after a building's name a bare number is its room (サンハイツ202), unless a floor or
# a room word follows it (read by the floor-or-room part).
_ROOM_AFTER_BUILDING = r"(?:[ 　]?[A-Za-z]?-?\d{1,4}(?![\d階F号]))"
_BLOCK_AND_BUILDING = rf"{_BLOCK}(?:{_BUILDING}{_ROOM_AFTER_BUILDING}?)?{_FLOOR_OR_ROOM}{{0,2}}"


# The block's last number when no unit follows it ("1丁目2-3"); a dash before it is the block's.
_BARE_LAST = re.compile(r"(?:丁目|番地の?|番|号|(?P<dash>[-ー−]))(?P<number>\d+)$")
# A floor (3階) is part of the address; any other counter after that number makes it a count
# or a time, not the block's ("2丁目30分": thirty minutes, "2丁目3回": three times); a suffix
# (様方, 宛, 内) is no counter, and the number stays the address's.
_ADDRESS_COUNTERS = frozenset({"階"})


class JaAddressRecognizer(PatternRecognizer):
    """JP_ADDRESS from a prefecture, a city and a block, the block's last number checked."""

    def analyze(
        self,
        text: str,
        entities: list[str],
        nlp_artifacts: NlpArtifacts | None = None,
        regex_flags: int | None = None,
    ) -> list[RecognizerResult]:
        """Presidio's matches, each without a last number that a counter follows."""
        results: list[RecognizerResult] = super().analyze(
            text, entities, nlp_artifacts, regex_flags
        )
        for result in results:
            last = _BARE_LAST.search(text, result.start, result.end)
            if last is None:
                continue
            counter = counter_at(text, result.end)
            if counter is not None and counter not in _ADDRESS_COUNTERS:
                result.end = last.start("dash") if last.group("dash") else last.start("number")
        return results


def japanese_pattern_recognizers() -> list[EntityRecognizer]:
    """Phone, postal-code and address recognizers for ``ja`` (plus My Number)."""
    phone = PatternRecognizer(
        supported_entity="PHONE_NUMBER",
        supported_language="ja",
        name="JaPhoneRecognizer",
        patterns=[
            Pattern(
                "mobile",
                rf"{_NOT_AFTER}0[789]0{_SEP}\d{{4}}{_SEP}\d{{4}}{_NOT_BEFORE}{_EXTENSION}",
                0.85,
            ),
            Pattern(
                "free_dial",
                rf"{_NOT_AFTER}0(?:120|800){_SEP}\d{{3}}{_SEP}\d{{3}}{_NOT_BEFORE}{_EXTENSION}",
                0.85,
            ),
            Pattern(
                "landline",
                rf"{_NOT_AFTER}0\d{{1,4}}[- .]\d{{1,4}}[- .]\d{{4}}{_NOT_BEFORE}{_EXTENSION}",
                0.75,
            ),
            Pattern(
                "landline_paren",
                rf"{_NOT_AFTER}(?:0\d{{1,4}}[ ]?\(\d{{1,4}}\)[- .]?"
                r"|\(0\d{1,4}\)[- .]?\d{1,4}[- .]?)"
                rf"\d{{4}}{_NOT_BEFORE}{_EXTENSION}",
                0.75,
            ),
            # Ten digits run together: a landline, or an order number; a phone word decides.
            Pattern("landline_bare", rf"{_NOT_AFTER}0[1-9]\d{{8}}{_NOT_BEFORE}{_EXTENSION}", 0.4),
            Pattern(
                "intl",
                r"\+81[- .]?(?:\(0\)[- .]?)?\d{1,4}[- .]?\d{1,4}[- .]?\d{4}(?!\d)" + _EXTENSION,
                0.9,
            ),
        ],
        context=["電話", "tel", "携帯", "連絡先", "phone", "fax", "ファックス", "ファクス"],
    )
    postal = PatternRecognizer(
        supported_entity="JP_POSTAL_CODE",
        supported_language="ja",
        name="JaPostalCodeRecognizer",
        patterns=[
            Pattern("marked", r"〒\s?\d{3}-?\d{4}(?!\d)", 0.9),
            Pattern("bare", r"(?<![\d-])\d{3}-\d{4}(?![\d-])", 0.4),
        ],
        context=["郵便番号", "〒"],
    )
    address = JaAddressRecognizer(
        supported_entity="JP_ADDRESS",
        supported_language="ja",
        name="JaAddressRecognizer",
        patterns=[
            Pattern(
                "prefecture_city_block",
                r"(?:東京都|北海道|(?:京都|大阪)府|[^\s、。]{2,3}県)[^\s、。]{1,12}?[市区町村郡]"
                rf"[^\s、。]{{0,20}}?{_BLOCK_AND_BUILDING}",
                0.85,
            ),
        ],
    )
    return [phone, postal, address, JaMyNumberRecognizer()]


# A span of Latin words only (what the Latin reader's Japanese-context test judges).
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z .'&\-]*")


def _run_end(text: str, start: int) -> int:
    """Where the Latin run holding a Latin span at ``start`` ends ("Paul" of "Paul Smith製")."""
    match = _LATIN_RUN.match(text, start, start + 200)
    return start + len(match.group().rstrip()) if match else start


class JapaneseNameRecognizer(EntityRecognizer):
    """PERSON from SudachiPy 固有名詞/人名 runs, katakana ``A・B`` names and honorifics.

    A surname-like word before an honorific (さん, 様, 氏...) counts as a name too.
    """

    def __init__(
        self,
        lexicon: NameLexicon | None = None,
        latin_veto: Callable[[str, int, int, dict[str, bool]], bool] | None = None,
    ) -> None:
        _core_dictionary()  # load it now, not in the first request
        self._tagger = load_tagger(lexicon.name_ranks) if lexicon else load_tagger()
        # The Latin name reader's test of a Latin run in Japanese text (a compound noun's
        # modifier, a product with its model number, a quoted title): Sudachi reads Latin
        # words too ("Zenvoria社", "Galaxy S24の"), and one rule judges both readings.
        self._latin_veto = latin_veto
        super().__init__(
            supported_entities=["PERSON"], supported_language="ja", name="SudachiNameRecognizer"
        )

    def load(self) -> None:
        """Nothing to load: the dictionary ships in ``sudachidict-core``."""

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        """Return PERSON results for ``text`` (any length: Sudachi reads it in pieces)."""
        spans = name_spans(text, person_morphemes(text), self._tagger)
        veto = self._latin_veto
        verdicts: dict[str, bool] = {}  # the veto's memo for this text only (run -> verdict)
        return [
            RecognizerResult("PERSON", s, e, score)
            for s, e, score in spans
            if not (
                veto
                and _LATIN_RUN.fullmatch(text, s, e)
                and veto(text, s, _run_end(text, s), verdicts)
            )
        ]


def person_morphemes(text: str) -> list[Token]:
    """``text`` as Sudachi mode-C tokens with offsets in the whole text (any length)."""
    out = []
    for offset, m in tokenize(text, person_tokenizer()):
        pos = _pos_of(m.part_of_speech_id())
        out.append(
            Token(
                offset + m.begin(),
                offset + m.end(),
                m.surface(),
                pos,
                m.is_oov(),
                _head(m) if pos[1] == "固有名詞" and len(m.surface()) > 2 else "",
                m.reading_form(),
            )
        )
    return out


def _head(morpheme: Any) -> str:
    """The part of speech of a proper noun's last short unit (mode A), if it has several."""
    units = morpheme.split(SplitMode.A)
    if len(units) < 2:
        return ""
    pos = _pos_of(units[len(units) - 1].part_of_speech_id())
    return f"{pos[0]}/{pos[1]}"


def heads_a_body(token: Token) -> bool:
    """A proper noun ending in a common noun or suffix: an organisation or place (東京電力)."""
    return token.head.startswith(("名詞/普通名詞", "接尾辞"))


def name_spans(
    text: str,
    morphemes: list[Token],
    tagger: PersonTagger | None,
    keep_marked: bool = True,
    repeats: bool = True,
) -> list[Span]:
    """PERSON spans: the learned tagger's, plus the rules' context-marked ones (always kept).

    The tagger's spans pass the rules' test of the noun after a name (a name before 事務所
    or 村営 names an office or a service: :func:`_modifiers_dropped`); a name after a role
    and の or ・ is marked (:func:`_named_after_a_role`), and so is a katakana name paired
    with a found one (:func:`_paired_with_a_name`); every other mention of a name found
    is a name too (:func:`_with_repeated_names`). Without a tagger, the rules' spans
    (:func:`person_spans`) alone. ``keep_marked`` and
    ``repeats`` off (the context-marked spans, the lone parts of the tagger's full names)
    are for measuring what each adds (``benchmarks/ja_person_train.py --ablate``).
    """
    spans = person_spans(text, morphemes)
    if tagger is None:
        return spans
    learned = _modifiers_dropped(morphemes, _checked(morphemes, tagger.spans(morphemes, spans)))
    marked = [s for s in spans if keep_marked and s[2] == MARKED]
    if keep_marked:
        marked += _named_after_a_role(morphemes) + _surnames_in_a_person_frame(morphemes)
    merged = _merged(learned + marked)
    if keep_marked:
        merged = _merged(merged + _paired_with_a_name(morphemes, merged))
    # The tagger finds full names the rules did not: their parts recur alone too.
    if not repeats:
        return merged
    return _merged(_with_repeated_names(morphemes, _with_repeated_surnames(morphemes, merged)))


# What joins two names of a pair or a list: オルテガとサンチェス, AやB, A、B, A・B.
_PAIR_JOINERS = frozenset({"と", "や", "、", "・"})
_KATAKANA_JOINERS = frozenset({"・", "=", "＝"})


def _paired_with_a_name(morphemes: list[Token], spans: list[Span]) -> list[Span]:
    """A lone katakana name joined by と, や, 、 or ・ to a lone katakana name found (AとB).

    Names are listed with names: the partner of a found foreign name, itself a katakana word
    that may be a person's name (:func:`_may_be_a_name`; no place), standing alone between
    the joiner and a particle or a mark, is one too.
    """
    begins = [m.begin for m in morphemes]
    out: list[Span] = []
    for start, end, _ in spans:
        i = bisect.bisect_left(begins, start)
        if i >= len(morphemes) or morphemes[i].begin != start or morphemes[i].end != end:
            continue  # the found name is one word
        if not _KATAKANA_WORD.fullmatch(morphemes[i].surface):
            continue
        for joiner, other, beyond in ((i - 1, i - 2, i - 3), (i + 1, i + 2, i + 3)):
            if not 0 <= other < len(morphemes) or morphemes[joiner].surface not in _PAIR_JOINERS:
                continue
            partner = morphemes[other]
            edge = morphemes[beyond] if 0 <= beyond < len(morphemes) else None
            # The partner stands alone: a particle or a mark other than ・ beside it, not
            # another word of a compound (ロペス・ホール).
            alone = edge is None or (
                edge.pos[0] in _ENDS_A_PHRASE and edge.surface not in _KATAKANA_JOINERS
            )
            if (
                alone
                and _KATAKANA_WORD.fullmatch(partner.surface)
                and partner.pos[2] != "地名"  # ロンドン: Sudachi lists it as a person's too
                and _may_be_a_name(partner)
            ):
                out.append((partner.begin, partner.end, MARKED))
    return out


Span = tuple[int, int, float]
_local = threading.local()


@lru_cache(maxsize=1)
def _core_dictionary() -> Any:
    return Dictionary(dict="core")


@cache
def _pos_of(pos_id: int) -> tuple[str, ...]:
    """Sudachi's part-of-speech tuple for an id (a few thousand ids; one tuple each)."""
    return tuple(_core_dictionary().pos_of(pos_id))


def person_tokenizer() -> Any:
    """This thread's Sudachi tokenizer for names (mode C: a full name stays one unit)."""
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        tok = _local.tokenizer = _core_dictionary().tokenizer(mode=SplitMode.C)
    return tok


def person_spans(text: str, morphemes: list[Token]) -> list[Span]:
    """PERSON spans from Sudachi's tags, role and honorific context, and earlier mentions.

    1. Runs of 人名 tokens, and a proper noun right before an honorific or a title (山田様,
       ビュート伯爵) or right after a role (会長池田大作), or before 天皇 (昭和天皇).
    2. A katakana ``A・B`` compound is judged whole: a person when a part is a person name
       (and it does not start with a place); marked when a role stands next to it and a
       part may be a person's name, or when Sudachi lists the whole as one person's name.
       A dictionary name before a role compound is marked (スミス通商大臣, 田中第二書記).
    3. A name that modifies the noun after it is part of another thing's name (自民党,
       ニクソン政権, 星野商店, 選手権) and dropped; a surname followed by a short noun and a
       particle is a surname and an unknown given name (後藤夜半は), kept whole.
    4. A surname, given name or family name seen in a full name is a person wherever it
       recurs alone in the same text (高畑勲と宮崎駿は... 高畑や宮崎は); :func:`name_spans`
       does the same again for the full names the learned tagger finds.
    """
    begins = [m.begin for m in morphemes]
    spans = _sudachi_spans(morphemes)
    compounds: list[tuple[int, int]] = []
    judged: list[Span] = []
    for match in _KATAKANA_NAME.finditer(text):
        start, end = match.span()
        compounds.append((start, end))
        if (
            _person_context(morphemes, begins, start, end)
            and _has_a_name_word(morphemes, begins, start, end)
        ) or _one_dictionary_name(morphemes, begins, start, end):
            # A role next to it (画家のホープ・マーシュ, アルド・ペリーニ少佐) or Sudachi's
            # dictionary listing the whole as one person (ベーブ・ルース): a person.
            judged.append((start, end, MARKED))
        elif _katakana_name_ok(morphemes, begins, match):
            judged.append((start, end, COMPOUND))
    if compounds:
        spans = [s for s in spans if not _inside(compounds, s[0], s[1])] + judged
    spans.sort()
    kept: list[Span] = []
    for span in spans:
        name_end = _name_end(morphemes, begins, span)
        if name_end is not None:
            kept.append((span[0], name_end, span[2]))
    return _with_repeated_surnames(morphemes, kept)


# Scores: a dictionary name (人名) or a katakana compound is weak evidence the learned tagger
# weighs; a name marked by context (an honorific, a title, a role, 天皇, an earlier full
# mention) is strong and always kept.
TAGGED = 0.85
COMPOUND = 0.7
MARKED = 0.9


def _sudachi_spans(morphemes: list[Token]) -> list[Span]:
    spans: list[Span] = []
    for i, m in enumerate(morphemes):
        before = morphemes[i - 1] if i > 0 and morphemes[i - 1].end == m.begin else None
        after = morphemes[i + 1] if i + 1 < len(morphemes) else None
        if after is not None and after.surface in _SOVEREIGN and m.pos[1] == "固有名詞":
            spans.append((m.begin, after.end, MARKED))  # 昭和天皇, 明治天皇
            continue
        score = _name_part_score(m, before, after)
        if score == TAGGED and m.pos[2] == "人名" and _role_compound_after(morphemes, i + 1):
            score = MARKED  # スミス通商大臣, 山田第一書記: the name of the office holder
        if not score:
            continue
        if spans and spans[-1][1] == m.begin:
            spans[-1] = (spans[-1][0], m.end, max(spans[-1][2], score))
        else:
            spans.append((m.begin, m.end, score))
    return spans


# The words of a role compound after a name: 通商|大臣, 第|一|書記, 上級|顧問.
_ROLE_COMPOUND_WORDS = 3
# A member of an assembly (上院議員, 州議会議員): only a legislature seats one, so the body
# word before it is the assembly, never a business named after the person.
_LEGISLATOR = "議員"


def _role_compound_after(morphemes: list[Token], i: int) -> bool:
    """Two or three touching words from ``i`` naming an office, the last a role (第一書記).

    The words before the role are common nouns, prefixes or numbers heading no business, body
    or place (佐藤工業社長 is the president of a company, not 佐藤), unless the role is a seat
    in an assembly: a name never names a 上院 or a 州議会, so ミラー上院議員 is the member.
    """
    run = morphemes[i : i + _ROLE_COMPOUND_WORDS]
    legislator = any(t.surface.endswith(_LEGISLATOR) for t in run[1:])
    for k, tok in enumerate(run):
        if k and tok.begin != run[k - 1].end:
            return False
        if k and tok.pos[0] in ("名詞", "接尾辞") and tok.pos[1] != "固有名詞":
            if len(tok.surface) >= 2 and _is_person_noun(tok):
                # The role ends the compound: 通商|代表 is an office holder, 通商|代表|部 an
                # office.
                return not _continues_compound(morphemes, i + k)
        if not (
            tok.pos[0] == "接頭辞" or (tok.pos[0] == "名詞" and tok.pos[1] in ("普通名詞", "数詞"))
        ) or (_heads_a_body(tok) and not legislator):
            return False
    return False


def _continues_compound(morphemes: list[Token], i: int) -> bool:
    """A word touching ``morphemes[i]`` after it that names an office: 通商代表|部, 長官|室.

    Only an office or a body goes on from a role; a plural, an address, a party or a
    deputy (通商代表ら, 宛, 一行, 夫妻, 代理) still speaks of the office holder.
    """
    if i + 1 >= len(morphemes) or morphemes[i + 1].begin != morphemes[i].end:
        return False
    nxt = morphemes[i + 1]
    return _heads_a_body(nxt) or _names_a_section(nxt)


def _name_part_score(m: Token, before: Token | None, after: Token | None) -> float:
    """``MARKED`` for a name marked by context, ``TAGGED`` for a dictionary name, else 0."""
    pos = m.pos
    if (
        _is_place_name(m)
        and pos[3] != "国"
        and after is not None
        and after.begin == m.end
        and _ADDRESSED.fullmatch(after.surface)
        and can_name_a_person(m.surface)
    ):
        # A place that is a surname too, addressed by an honorific: a person (福島様, 児島さん;
        # not 福島県様 or 横浜市様, which name no one).
        return MARKED
    if (
        pos[0] == "感動詞"
        and after is not None
        and after.begin == m.end
        and after.surface in _FORMAL_TITLES
        and _KATAKANA_WORD.fullmatch(m.surface)
    ):
        # No one gives an interjection a formal title: a short foreign name Sudachi reads as a
        # filler (ウー氏, アー様). Not さん, which also makes a nickname of a word or a letter
        # (サヨナラさん, モシモシさん, エーさん).
        return MARKED
    if pos[0] != "名詞" or _is_place_name(m):
        return TAGGED if pos[1] == "固有名詞" and pos[2] == "人名" else 0.0
    # A katakana word Sudachi does not know may be a foreign name; one it knows as a common
    # noun (ラグビー before 選手, マイル after 平方) is not.
    candidate = (pos[1] == "固有名詞" and not heads_a_body(m)) or (
        m.oov and bool(_KATAKANA_WORD.fullmatch(m.surface))
    )
    # A katakana word Sudachi knows only as a common noun that the names dictionary lists
    # as a person's name (ミナミ, ヒカル, ウー; not ドライバー or コック:
    # :func:`_names_a_person_by_the_tables`), before an honorific of address: a person
    # (ミナミさん, ウーさん).
    if (
        after is not None
        and pos[1] == "普通名詞"
        and after.begin == m.end
        and _ADDRESSED.fullmatch(after.surface)
        and _KATAKANA_WORD.fullmatch(m.surface)
        and _names_a_person_by_the_tables(m.surface)
        and not spells_a_kanji_noun(m.surface)  # ウサギさん (兎): an animal
    ):
        return MARKED
    # Surnames are often tagged as place names; an honorific or a title after one, or a
    # role right before one (会長池田), settles it.
    if (
        candidate
        and after is not None
        and (HONORIFIC.fullmatch(after.surface) or _is_title(after))
        and not _heads_its_office(m, after)
    ):
        return MARKED
    if (
        pos[2] == "人名"
        and after is not None
        and after.begin == m.end
        and after.pos[1] == "普通名詞"
        and len(after.surface) >= 2
        and _is_person_noun(after)
        and (after.surface[-1] != "事" or HONORIFIC.fullmatch(after.surface))
    ):
        # A dictionary name before a role (大沢党首, 田中教授); not before 商事 or 工事,
        # whose 事 names a business or a work (知事 is a role: ``HONORIFIC``).
        return MARKED
    if candidate and before is not None and before.pos[1] == "普通名詞" and _is_person_noun(before):
        return MARKED
    return TAGGED if pos[1] == "固有名詞" and pos[2] == "人名" else 0.0


def _names_a_person_by_the_tables(surface: str) -> bool:
    """A katakana common noun the names table gives as a person's name (ミナミ, ウー).

    Listed as a person's name alone (ミナミ), or as a short name of no stated kind - mostly
    foreign personal names (ウー, Wu) - that is no everyday word: none of the senses Sudachi's
    lexicon gives it is in a synonym group (パパ, ドライバー, ノー and ボス are; ウー is not)
    and it is not the name of a Latin letter (オー, ビー: Aさん and Bさん stand for anyone).
    Short: one long syllable or two kana, as such names are written (ウー, チー); a longer
    word of no stated kind is as often a loanword of a role or a thing (シェフさん, ジープ).
    Not cached: the answer is asked of request words.
    """
    code = gazetteer_code(surface)
    if code == "P":
        return True
    if code != "U" or len(surface) > _SHORT_NAME or surface in _latin_letter_names():
        return False
    return not any(m.synonym_group_ids() for m in _lookup(surface))


# The longest katakana name of no stated kind taken before an honorific (ウー, チー).
_SHORT_NAME = 2


@lru_cache(maxsize=1)
def _latin_letter_names() -> frozenset[str]:
    """How Sudachi's lexicon reads each Latin letter (エー, ビー, オー, ダブリュー...).

    The letter's entries only (記号/文字), not the units it abbreviates (t トン, V ボルト):
    トンさん (Tong) is a name like ウーさん.
    """
    return frozenset(
        str(m.reading_form())
        for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        for m in _lookup(letter)
        if m.part_of_speech()[:2] == ("記号", "文字")
    )


def _heads_its_office(m: Token, office: Token) -> bool:
    """A place before its own office: 横浜市長 (the city's mayor), not 品川市長 (Mr 品川).

    The office must open with a place ending (市長, 区長), and the place must be one:
    Sudachi's lexicon lists the place with that ending (横浜市, 品川区; not 品川市), the
    word can name no one (パリ), or it is a katakana word Sudachi reads as the place here.
    The lexicon lists no foreign city with 市, and ロンドン or ボストン are names too; but
    where a katakana word is both, Sudachi reads the commoner sense in context: ロンドン市長
    comes out a place, スミス市長 or ジャクソン州知事 a person. A kanji place that is a
    surname (品川) is read as the place before 市長 too, so kanji keep the lexicon's test.
    """
    if m.pos[2] != "地名" or office.surface[0] not in _PLACE_END:
        return False
    return (
        names_a_place(m.surface + office.surface[0])
        or not can_name_a_person(m.surface)
        or bool(_KATAKANA_WORD.fullmatch(m.surface))
    )


def _is_place_name(m: Token) -> bool:
    """A country, or a place name ending in a place word (東京都, 大阪府, 横浜市)."""
    return m.pos[2] == "地名" and (m.pos[3] == "国" or m.surface[-1] in _PLACE_END)


def _is_title(m: Token) -> bool:
    return m.pos[1] == "普通名詞" and m.surface[-1] in _TITLE_END


def _katakana_name_ok(morphemes: list[Token], begins: list[int], match: re.Match[str]) -> bool:
    """True when a katakana ``A・B`` has a person-name part and does not start with a place.

    シアトル・ドルフィンズ starts with a place: a team. Four or more parts: an organisation.
    """
    start, end = match.span()
    first = max(0, bisect.bisect_right(begins, start) - 1)
    last = bisect.bisect_left(begins, end)
    inside = [
        m
        for m in morphemes[first:last]
        if m.begin < end and start < m.end and m.pos[0] != "補助記号"
    ]
    if not inside or len(_KATAKANA_PART.split(match.group())) > 3:
        return False
    if inside[0].pos[2] == "地名":
        return False
    return any(m.pos[1] == "固有名詞" and m.pos[2] == "人名" for m in inside)
