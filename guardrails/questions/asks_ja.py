"""What kind of ask a Japanese sentence is, read from SudachiPy's part-of-speech analysis.

Japanese customers often end a question without ？ (「可能でしょうか」), ask through desire
(「返金したいのですが」「返品について知りたい」), request with an auxiliary verb of giving
(「教えてください」「交換していただけますか」「発行をお願いいたします」), or report a problem as a
negated state (「カードが届きません」「ログインできない」). These are read from the morphemes:

* a question: the sentence-final particle か (かな, かしら), or ？;
* a request: the desiderative auxiliary たい, ほしい after て, the giving verbs くださる /
  いただく / もらう after て, or お願い + する/いたす; a request to be told something
  (知りたい, 教えてください) is a question;
* a problem: a verb negated by ない/ぬ (「届きません」「使えない」), or a verb or noun of
  failure (間違う, 壊れる, エラー, 不具合).

Closing formulas (「よろしくお願いいたします」「今後ともよろしくお願いします」) are not requests.
"""

from __future__ import annotations

import re
from typing import Any

from guardrails.base import AskKind
from guardrails.japanese import tokenize
from guardrails.language import JAPANESE
from guardrails.questions.patterns import JA_ACT_NOUNS
from guardrails.run_memo import per_run
from guardrails.sentences import SENTENCE_STOPS


def _morphemes(sentence: str) -> list[Any]:
    """The sentence's morphemes, any length (Sudachi refuses a piece over 49,149 bytes)."""
    return [morpheme for _, morpheme in tokenize(sentence)]


# Verbs of knowing or telling: a wish or request about these asks for information.
_INFO_VERBS = frozenset({"知る", "教える", "伺う", "聞く", "知らせる", "確認", "説明"})
_GIVING = frozenset(
    {"くださる", "下さる", "いただく", "頂く", "いただける", "頂ける", "もらう", "もらえる"}
)
_HUMBLE_DO = frozenset({"する", "いたす", "致す", "できる", "出来る"})
# Verbs and nouns of something gone wrong.
_FAILURE_VERBS = frozenset(
    {
        "間違う",
        "違う",
        "壊れる",
        "遅れる",
        "消える",
        "止まる",
        "落ちる",
        "切れる",
        "外れる",
        "漏れる",
        "忘れる",
        # Intransitive verbs of damage: 「割れていました」「袋が破れています」. (取れる is left out:
        # 「予約が取れました」 is the potential of 取る, a success.)
        "割れる",
        "破れる",
        "剥がれる",
        "欠ける",
        "折れる",
        "凹む",
        "へこむ",
        "潰れる",
        "ほつれる",
        # losing a thing of one's own: 「鍵をなくしました」
        "なくす",
        "無くす",
        "失くす",
        "汚れる",
        # 「アプリが重くて困っています」: the customer's own trouble, which asks for help
        "困る",
        # 「小さすぎる」「高すぎます」: too much of something, a mismatch with what was wanted
        "すぎる",
        "過ぎる",
    }
)
_FAILURE_NOUNS = frozenset(
    {
        "エラー",
        "不具合",
        "故障",
        "破損",
        "不良",
        "誤り",
        "間違い",
        "二重",
        "紛失",
        "未着",
        "遅延",
        "障害",
        "不正",
        "誤配",
        "欠品",
        "汚れ",
        "傷",
    }
)
# Damage named as a thing (「扉にひびが入っていました」「錆が出てきました」), read as whole
# morphemes only: as substrings they sit inside names and other words (ひびき).
_DAMAGE_NOUNS = frozenset({"ひび", "亀裂", "へこみ", "凹み", "錆", "サビ", "カビ", "黴", "変色"})
# Verbs of a surface or a part gone off: 「襟が黄ばんで」「脚がぐらついて」「塗装が剥げて」. They
# also tell how things are in general (「鉄は錆びます」), so they are read as damage only of a
# thing the customer names (``_damage_at``).
_DAMAGE_VERBS = frozenset(
    {
        "黄ばむ",
        "黒ずむ",
        "色褪せる",
        "色あせる",
        "錆びる",
        "剥げる",
        "歪む",
        "縮む",
        "腐る",
        "傷む",
        "ぐらつく",
        "がたつく",
        # a part gone or a thing gone off since it was bought or handed over: 「預けたコート、
        # ボタンが一つなくなっていました」「届いた花束がしおれていて」; of a thing named only
        # (「在庫がなくなりました」「桜が枯れる季節」 name none of the customer's)
        "なくなる",
        "無くなる",
        "崩れる",
        "しおれる",
        "萎れる",
        "枯れる",
        "溶ける",
    }
)
# Mimetic words of a loose or shaky part: 「脚がぐらぐらしています」.
_SHAKY = frozenset({"ぐらぐら", "グラグラ", "がたがた", "ガタガタ", "ぐらり"})
# Nouns made of a failure verb's stem (水漏れ, 品切れ, ひび割れ, 配送の遅れ): the verb's event
# named as a thing. Only 一段 verbs (〜れる, 〜える, 〜ける, 〜ちる) have a stem that is the
# dictionary form less る; すぎる says "too much", not a failure, and stays out.
_FAILURE_STEMS = frozenset(
    v[:-1] for v in _FAILURE_VERBS if re.search(r"(?:れ|え|け|ち)る$", v) and len(v) >= 3
)
# Numerals that may open a counter word Sudachi keeps whole (一切れ, 数切れ).
_NUMERAL_CHARS = frozenset("0123456789０１２３４５６７８９一二三四五六七八九十百千数幾何")
# Failure verbs that close a compound verb (途切れる, 置き忘れる, 擦り切れる) by suffix;
# すぎる/過ぎる are left out (通り過ぎる passes by).
_FAILURE_SUFFIXES = frozenset(
    v for v in _FAILURE_VERBS if len(v) >= 3 and v not in {"すぎる", "過ぎる"}
)
# Verbs that make a compound particle with the に before them (〜に合わせて, 〜に伴い, 〜に対して):
# 「引っ越したのに合わせて」 is "along with having moved", not a concessive のに.
_PARTICLE_VERBS = frozenset(
    {"合わせる", "伴う", "対する", "関する", "際する", "基づく", "応じる", "よる", "因る", "向ける"}
)
# Predicates of worry over an embedded question: 「間に合うか心配です」「在庫があるか気になります」.
_WORRY = frozenset({"心配", "不安", "気がかり", "気掛かり"})
# "問題ありません", "特に急ぎではありません": a negated existence that reports nothing wrong.
_BENIGN_NEGATED = frozenset(
    {"問題", "支障", "心配", "必要", "異常", "急ぎ", "特に", "差し支え", "申し訳", "仕方"}
)
# Indeterminate pronouns: a question holding one as a wh-word asks for a fact, not for yes or
# no. Matched at the start of a morpheme, since Sudachi keeps some compounds whole (いつ頃,
# 何時頃, 幾ら); an adverb must be the word itself, so どうぞ, どうも and 何卒 are not wh-words.
_INDETERMINATE = re.compile(
    r"何故|何処|何方|何時|何|なに|なん|いつ|どこ|どう|どの|どんな|どれ|どちら|どっち|どなた|"
    r"誰|だれ|なぜ|いくら|幾|いかが|如何"
)
# Followed by も / でも / か, an indeterminate is a quantifier, not a wh-word: いつでも
# (any time), いつも (always), 何か (something), どこでも (anywhere), 誰か (someone).
# A case particle or まで may stand between (どこにも, どうにか, いつまでも).
_QUANTIFYING = frozenset({"も", "でも", "か"})
_BEFORE_QUANTIFYING = frozenset({"で", "に", "まで"})
_WHAT_TO_DO = re.compile(r"どう(?:したら|すれば|すると)(?:よい|いい|良い)|どうしたらいい")
# Nouns in a closing formula ("今後ともよろしくお願いします").
# Nouns, verbs and adjectives of a closing formula and its cushion words
# ("お忙しいところ恐れ入りますが、よろしくお願いいたします").
_CLOSING_NOUNS = frozenset(
    {
        "今後",
        "引き続き",
        "何卒",
        "どうぞ",
        "宜しく",
        "よろしく",
        "忙しい",
        "ところ",
        "所",
        "恐れ入る",
        "恐れる",
        "入る",
        "手数",
        "恐縮",
        "勝手",
        "申し訳",
        "ない",
        "是非",
        "重ねる",
        "大変",
        "以上",
        # 「お手数をおかけしますが」: the cushion before a closing
        "かける",
        "掛ける",
        "する",
    }
)


def _pos(m: Any) -> tuple[str, ...]:
    return tuple(m.part_of_speech())


# Questions with no mark that seek a confirmation or a reminder: 「段ボールってもらえるんですよね」
# (the customer's understanding put to the reader), 「データが消えることはないですよね」, 「引き
# 落とし日っていつでしたっけ」. A plain よね after an adjective or a noun (「暑いですよね」) is
# small talk, not asked.
_TRAILING_STOPS = rf"[{SENTENCE_STOPS}…\s]*$"
_CONFIRMING_END = re.compile(
    rf"(?:ないです|ません|でしょう)よね{_TRAILING_STOPS}|"
    rf"(?:でした|だった|だ|ました|ます|です)っけ{_TRAILING_STOPS}"
)
# 〜んですよね / 〜のですよね: a confirmation only when what it confirms is the reader's service
# (``_serves_reader``); 「年末はどこも混むんですよね」 tells, it does not ask.
_NOMINAL_CONFIRMING_END = re.compile(rf"(?:ん|の)(?:です|だ)よね{_TRAILING_STOPS}")
# Predicates about what the reader's service allows, costs or needs: possibility (できる, 可能,
# a giving verb in the potential: もらえる, いただける), cost (かかる, 無料, 有料), need (必要,
# 要る, 不要) and leave (大丈夫, or いい/よい/構わない after 〜ても).
_SERVICE_PREDICATES = frozenset(
    {
        "できる",
        "出来る",
        "可能",
        "もらえる",
        "貰える",
        "いただける",
        "頂ける",
        "かかる",
        "掛かる",
        "無料",
        "有料",
        "必要",
        "要る",
        "不要",
        "大丈夫",
    }
)
_LEAVE_PREDICATES = frozenset({"いい", "よい", "良い", "構う", "構わない"})


def _serves_reader(morphemes: list[Any]) -> bool:
    """True when the predicate before a final 〜んですよね is about the reader's service.

    The predicate is the last content word before the nominal ん/の, past the auxiliaries
    (ない, た, だ) after it: 「かからないんですよね」 reads かかる, 「必要なんですよね」 必要.
    """
    nominal = [k for k, m in enumerate(morphemes) if _pos(m)[1] == "準体助詞"]
    if not nominal:
        return False
    k = nominal[-1] - 1
    while k >= 0 and _pos(morphemes[k])[0] in {"助動詞", "接尾辞"}:
        k -= 1
    if k < 0:
        return False
    head = morphemes[k].dictionary_form()
    if head in _SERVICE_PREDICATES:
        return True
    # 「返品してもいいんですよね」: leave asked, いい after 〜ても (not 「本当にいいんですよね」)
    return head in _LEAVE_PREDICATES and k > 0 and morphemes[k - 1].surface() == "も"


def _is_question_end(morphemes: list[Any], sentence: str) -> bool:
    if sentence.rstrip().endswith(("？", "?")):
        return True
    if _CONFIRMING_END.search(sentence):
        return True
    if _NOMINAL_CONFIRMING_END.search(sentence) and _serves_reader(morphemes):
        return True
    tail = [m for m in morphemes if _pos(m)[0] not in {"補助記号", "空白"}]
    if not tail:
        return False
    last = tail[-1]
    if _pos(last)[1] == "終助詞" and last.dictionary_form() in {"か", "かな", "かしら"}:
        return True
    if (
        last.dictionary_form() in {"です", "だ"}
        and _pos(last)[5].startswith("意志推量形")
        and _asks_wh(tail)
        and not _exclaims(tail)
    ):
        # 「いつ頃届くんでしょう」: a guess (でしょう, だろう) about a wh-word asks it; with no
        # wh-word (「きっと混むんでしょう」) it only guesses
        return True
    # "…ですかね" / "…でしょうかね": a question softened by ね.
    return (
        len(tail) > 1
        and last.dictionary_form() in {"ね", "な"}
        and tail[-2].dictionary_form() in {"か"}
    )


# Words of degree that make a でしょう sentence an exclamation: 「どれほど助かったことでしょう」
# ("how much it helped!"), 「どんなに嬉しいでしょう」, 「なんと素晴らしいことでしょう」.
# (Read on the surface text: the tokenizer splits どんな|に and なん|と.)
_DEGREE_WORDS = re.compile(r"どれほど|どんなに|(?:なん|何)と(?!か)")


def _exclaims(tail: list[Any]) -> bool:
    """True for a でしょう sentence that exclaims rather than asks.

    A degree word (どれほど, どんなに, なんと) or こと right before でしょう (「何度お願いした
    ことでしょう」, "how many times I asked!") marks it; 「いつ届くでしょう」 still asks.
    """
    if _DEGREE_WORDS.search("".join(m.surface() for m in tail)):
        return True
    return len(tail) > 1 and tail[-2].surface() == "こと"


def _previous_verb(morphemes: list[Any], index: int) -> str | None:
    """The dictionary form of the verb (or verbal noun) a particle or auxiliary attaches to."""
    for m in reversed(morphemes[:index]):
        pos = _pos(m)
        if pos[0] == "助詞" and m.surface() == "て":
            continue
        if pos[0] == "動詞" and m.dictionary_form() in _HUMBLE_DO:
            continue
        if pos[0] in {"動詞", "名詞"}:
            return str(m.dictionary_form())
        return None
    return None


def _request_kind(morphemes: list[Any]) -> AskKind | None:
    """Question for a wish or request to be told something, request for the others."""
    # Both read once per sentence: rebuilt for every request word, a long run-on of
    # 〜お願いしていて、 was quadratic. The tail is empty unless the sentence ends in the past た;
    # a closing (「よろしくお願いします」) is looked for only after its よろしく.
    past_tail = _past_tail(morphemes)
    yoroshiku = next(
        (k for k, m in enumerate(morphemes) if m.dictionary_form() in {"よろしく", "宜しく"}),
        len(morphemes),
    )
    for i, m in enumerate(morphemes):
        pos, form = _pos(m), m.dictionary_form()
        wish = pos[0] == "助動詞" and form == "たい"
        want = pos[0] == "形容詞" and form in {"ほしい", "欲しい"} and i > 0
        giving = (
            pos[0] == "動詞"
            and form in _GIVING
            and i > 0
            and (morphemes[i - 1].surface() == "て" or _honorific_act(morphemes, i - 1))
        )
        ask = (
            pos[0] == "動詞"
            and form == "願う"
            and i > 0
            and morphemes[i - 1].surface() in {"お", "御"}
        )
        if (ask or giving) and _narrated_past(past_tail, i):
            continue  # 「母が昔額装をお願いしていて、気に入っていました」: a story, asking nothing
        if ask and yoroshiku < i - 1 and _is_closing(morphemes[: i - 1]):
            continue
        if ask and _ongoing(morphemes, i):
            continue  # 「家庭教師をお願いしています」: an arrangement in place, background
        if giving and _received(morphemes, i):
            continue  # 「ご対応いただきありがとうございます」「利用させていただいております」
        if giving and _refused(morphemes, i):
            continue  # 「返金してもらえません。」 reports a refusal; 「もらえませんか」 asks
        if (ask or giving or wish) and _introduces_writer(morphemes, i):
            continue  # 「彫刻をお願いしている山田です」 says who writes, asking nothing new
        if (ask or giving) and _names_past_act(morphemes, i):
            continue  # 「修理をお願いしていた件ですが、」 names the matter, a request made before
        if (
            wish
            or want
            or giving
            or ask
            or _hedged_wish(morphemes, i)
            or _desire_noun(morphemes, i)
        ):
            verb = _previous_verb(morphemes, i)
            return "question" if verb in _INFO_VERBS else "request"
        if pos[0] == "動詞" and form in {"くださる", "下さる"} and pos[5].startswith("命令形"):
            return "request"  # 「ご確認ください」 without て
    if _bare_te_request(morphemes):
        verb = _previous_verb(morphemes, len(_content_tail(morphemes)) - 1)
        return "question" if verb in _INFO_VERBS else "request"
    return None


# Verbs and act nouns that take a question as their object: deciding, choosing, telling apart.
_DECIDING = frozenset(
    {"決める", "選ぶ", "判断", "決定", "選択", "見分ける", "判別", "見極める", "調べる", "確かめる"}
)


def weighs_question_ja(question: str, after: str) -> bool:
    """True when ``after`` asks how to decide the embedded question ``question`` before it.

    「どのプランにすればいいか、どうやって選べばいいですか」 asks one thing: the first clause
    (ending in か) is what the second decides, and the second names nothing but deciding.
    「いつ届くのか、送料はいくらなのか教えてください」 asks two.
    """
    if not question.rstrip(" 、,").endswith("か"):
        return False
    content = [
        m
        for m in _morphemes(after)
        if _pos(m)[0] in {"名詞", "動詞"} and _pos(m)[1] not in {"非自立可能", "数詞"}
    ]
    return bool(content) and all(m.dictionary_form() in _DECIDING for m in content)


# Topics that make 「XはYで」 a statement of what happened or why, not an act chosen: a
# reason's own noun (「転居が理由で」 read the other way round).
_REASON_TOPICS = frozenset({"理由", "原因", "目的", "用件"})


def _elided_request(tail: list[Any]) -> bool:
    """「青いほうは返品で。」「定期便、停止で」: an act chosen, its お願いします left unsaid.

    The sentence ends in the case particle で right after a noun of an act the shop does on
    an order, a booking or a subscription (``JA_ACT_NOUNS``, the vocabulary the request
    readers share), nothing after it. Any other noun before で sets a detail or tells a reason
    (「支払いは現金で」「先週は出張で」), and so does a topic that is a time or a reason
    (「前の月はキャンセルで」 tells what was done then; 「理由は変更で」 why). ``tail``: the
    sentence's morphemes up to its last word (``_content_tail``).
    """
    # で as a case particle, or read as the copula's て-form when no 。 follows (「返品で」)
    if len(tail) < 2 or tail[-1].surface() != "で" or _pos(tail[-1])[1] not in {"格助詞", "*"}:
        return False
    act = tail[-2]
    if _pos(act)[0] != "名詞" or act.dictionary_form() not in _ACT_NOUNS:
        return False
    return not any(
        tail[k].surface() == "は" and _pos(tail[k])[1] == "係助詞" and _time_or_reason(tail[:k])
        for k in range(1, len(tail) - 2)
    )


def _time_or_reason(before: list[Any]) -> bool:
    """True when the phrase before a topic's は is a bare time (「先日」「先週末」) or a reason.

    A time is read as nouns that may stand as adverbs (副詞可能), alone in their clause: with
    a modifier before them (「来週届く分」「来週の分」) they name a part of an order instead.
    """
    if before[-1].dictionary_form() in _REASON_TOPICS:
        return True
    start = len(before)
    while start and _pos(before[start - 1])[1] != "読点":
        start -= 1
    phrase = before[start:]
    return all(_pos(m)[2] == "副詞可能" for m in phrase)


# Verbs that carry an act on to the noun it describes: 〜して「いる」, 〜して「おり」ます.
_CHAIN_VERBS = frozenset({"する", "いる", "おる", "致す", "いたす"})
# What ends a sentence that names the writer: 〜者「です」, 〜山田「と申します」.
_NAMING_END = frozenset({"です", "だ", "でござる", "ござる", "と", "申す", "ます"})


def _introduces_writer(morphemes: list[Any], i: int) -> bool:
    """True when the act at ``i`` sits in a clause naming the writer: 「お願いした者です」.

    The act's verb chain (して, いる, た, ます) ends in a noun (者, a name) and the sentence
    ends there with a copula or 申します: it says who is writing (「修理をお願いしている山田
    です」), the way English "the one who ordered the cake" does. 「お願いしたいのですが」
    (の is no noun) and 「お願いしたいことがあります」 (more follows) still ask.
    """
    n, j = len(morphemes), i + 1
    while j < n:
        pos, form = _pos(morphemes[j]), morphemes[j].dictionary_form()
        if pos[0] == "助動詞" or morphemes[j].surface() == "て" or form in _CHAIN_VERBS:
            j += 1
            continue
        break
    if (
        j >= n
        or _pos(morphemes[j])[0] != "名詞"
        or not _pos(morphemes[j - 1])[5].startswith("連体形")
    ):
        return False
    k = j
    while k < n and _pos(morphemes[k])[0] in {"名詞", "接尾辞"}:
        k += 1
    rest = [m for m in morphemes[k:] if _pos(m)[0] not in {"補助記号", "空白"}]
    return bool(rest) and all(m.dictionary_form() in _NAMING_END for m in rest)


def _names_past_act(morphemes: list[Any], i: int) -> bool:
    """True when the act at ``i`` is a past one naming the matter written about.

    「修理をお願いしていた件ですが、」「注文していただいた商品ですが、」: the act's verb chain
    holds the past た and ends in a noun, then a copula and が/けど open the sentence's main
    clause, which says what is wrong or asked. 「お願いしたい件ですが」 (a wish, no た) still asks.
    """
    n, j, past = len(morphemes), i + 1, False
    while j < n:
        pos, form = _pos(morphemes[j]), morphemes[j].dictionary_form()
        if pos[0] == "助動詞" or morphemes[j].surface() == "て" or form in _CHAIN_VERBS:
            past = past or (pos[0] == "助動詞" and form == "た")
            j += 1
            continue
        break
    if not past or j >= n or _pos(morphemes[j])[0] != "名詞":
        return False
    k = j
    while k < n and _pos(morphemes[k])[0] in {"名詞", "接尾辞"}:
        k += 1
    rest = [m.surface() for m in morphemes[k : k + 3]]
    if not rest:
        return False
    if rest[0] in {"は", "が", "、"}:
        return True  # 「お願いした見積もりは」: the past act's thing is the topic or subject
    links = {"が", "けど", "けれど", "けれども"}
    return rest[0] in {"です", "だ", "でし"} and any(r in links for r in rest[1:])


def _past_tail(morphemes: list[Any]) -> list[Any]:
    """The sentence's content tail when it ends in the past た, else an empty list."""
    tail = _content_tail(morphemes)
    last = tail[-1] if tail else None
    if last is None or _pos(last)[0] != "助動詞" or last.dictionary_form() != "た":
        return []
    return tail


def _narrated_past(tail: list[Any], i: int) -> bool:
    """True when the act at ``i`` is told inside a story of the past, not asked now.

    ``tail`` is the sentence's tail ending in the past た (``_past_tail``; empty when it does
    not): the act's verb chain (して, いて) runs on into a later clause, 「母が昔そちらで額装を
    お願いしていて、とても気に入っていました。」. A request ends its own sentence
    (「額装をお願いします」) or is followed by what is asked (「お願いしたいのですが、…」 ends
    in no past).
    """
    j = i + 1
    while j < len(tail):
        m = tail[j]
        if _pos(m)[0] == "助動詞" or m.dictionary_form() in _CHAIN_VERBS or m.surface() == "て":
            j += 1
            continue
        break
    return j < len(tail) and tail[j - 1].surface() == "て"


def _content_tail(morphemes: list[Any]) -> list[Any]:
    """The morphemes up to the last one that is not a symbol or a space."""
    end = len(morphemes)
    while end and _pos(morphemes[end - 1])[0] in {"補助記号", "空白"}:
        end -= 1
    return morphemes[:end]


def _bare_te_request(morphemes: list[Any]) -> bool:
    """「やり方教えて」「至急確認して」: a casual request, the sentence ending in a verb's て-form.

    The verb must be a main verb of an act: a sentence cut off after an auxiliary verb
    (「消えてしまって」「待っていて」), after a negation (「届かなくて」) or after a verb of
    trouble (「困って」) tells a state, not a request.
    """
    tail = _content_tail(morphemes)
    if len(tail) < 2 or tail[-1].surface() not in {"て", "で"} or _pos(tail[-1])[1] != "接続助詞":
        return False
    verb = tail[-2]
    return (
        _pos(verb)[0] == "動詞"
        and _pos(verb)[1] != "非自立可能"
        or (_pos(verb)[0] == "動詞" and verb.dictionary_form() in _HUMBLE_DO and len(tail) > 2)
    ) and verb.dictionary_form() not in _FAILURE_VERBS


def _casual_wh_question(morphemes: list[Any]) -> bool:
    """「いつ届くの」「なんで使えないの」: a wh-word and a sentence-final の ask casually."""
    tail = _content_tail(morphemes)
    return (
        bool(tail) and tail[-1].surface() == "の" and _pos(tail[-1])[0] == "助詞" and _asks_wh(tail)
    )


# Verbs of thinking that carry a hedged wish: 「変更できればと思います」
# 「ご検討いただければと存じます」.
_THINKING = frozenset({"思う", "考える", "存じる", "存ずる"})
# Nouns of desire that make a request with する: 「夕方の配達を希望します」「返金を要望します」.
_DESIRE_NOUNS = frozenset({"希望", "要望"})


def _hedged_wish(morphemes: list[Any], i: int) -> bool:
    """True for a conditional ば + と + a verb of thinking at ``i``: "it would be good if".

    「〜できればと思います」 wishes politely; a conditional with anything else after it
    (「届けば連絡します」) states a plan.
    """
    m = morphemes[i]
    if m.surface() != "ば" or _pos(m)[0] != "助詞" or i + 2 >= len(morphemes):
        return False
    return morphemes[i + 1].surface() == "と" and morphemes[i + 2].dictionary_form() in _THINKING


def _desire_noun(morphemes: list[Any], i: int) -> bool:
    """True for a noun of desire used as a verb at ``i``: 「配達を希望します」.

    A noun of desire before する asks; 「ご希望の日時」 (a modifier) or 「希望がある」 does not.
    """
    if morphemes[i].dictionary_form() not in _DESIRE_NOUNS or i + 1 >= len(morphemes):
        return False
    return morphemes[i + 1].dictionary_form() in _HUMBLE_DO - {"できる", "出来る"}


def _honorific_act(morphemes: list[Any], j: int) -> bool:
    """True for お/ご + a verb or noun of an act at ``j`` (「ご確認いただけますと幸いです」)."""
    return (
        j > 0
        and _pos(morphemes[j])[0] in {"名詞", "動詞"}
        and _pos(morphemes[j - 1])[0] == "接頭辞"
        and morphemes[j - 1].surface() in {"お", "ご", "御"}
    )


def _received(morphemes: list[Any], i: int) -> bool:
    """True when the giving verb at ``i`` tells of a favour received, not one asked for.

    Its past (いただいた), its progressive (いただいております) or thanks after it
    (いただきありがとうございます) state what happened; a request takes the imperative
    (ください), the potential (いただけますか) or たい.
    """
    after = [m for m in morphemes[i + 1 : i + 4] if m.dictionary_form() != "ます"]
    if not after:
        return False
    first = after[0]
    if _pos(first)[0] == "助動詞" and first.dictionary_form() == "た":
        return True
    if _progressive(after):
        return True
    rest = "".join(m.surface() for m in morphemes[i + 1 :]).lstrip("てで、,")
    return rest.startswith(("ありがと", "感謝", "大変助か", "助かり", "嬉し", "うれし"))


_BE = frozenset({"いる", "おる", "居る"})
# The casual progressive: してます/してる, 読んでます, tagged as one auxiliary てる/でる.
_CASUAL_PROGRESSIVE = frozenset({"てる", "でる"})


def _progressive(after: list[Any]) -> bool:
    """True when ``after`` (the morphemes after a verb) opens with its progressive.

    て/で + いる/おる (「お願いしています」「届いております」) or the casual contraction the
    tokenizer reads as one auxiliary (「お願いしてます」「使ってる」): one form to every rule.
    """
    if not after:
        return False
    if _pos(after[0])[0] == "助動詞" and after[0].dictionary_form() in _CASUAL_PROGRESSIVE:
        return True
    return (
        len(after) > 1 and after[0].surface() in {"て", "で"} and after[1].dictionary_form() in _BE
    )


def _ongoing(morphemes: list[Any], i: int) -> bool:
    """True when the お願い at ``i`` is in the progressive: 「毎週清掃をお願いしています」.

    The customer tells of a service already arranged (する + て + いる/おる), the setting of
    what they ask next; 「お願いします」「お願いしたいのですが」 ask for it.
    """
    after = morphemes[i + 1 : i + 4]
    return bool(after) and after[0].dictionary_form() in _HUMBLE_DO and _progressive(after[1:])


def _refused(morphemes: list[Any], i: int) -> bool:
    """True when the giving verb at ``i`` is negated and the sentence asks nothing."""
    after = morphemes[i + 1 : i + 4]
    negated = any(
        _pos(m)[0] == "助動詞" and m.dictionary_form() in {"ない", "ぬ", "ず"} for m in after
    )
    text = "".join(m.surface() for m in morphemes)
    return negated and not _is_question_end(morphemes, text)


# Adverbs of a closing formula that the tokenizer splits into verbs: 引き続き is 引く + 続く,
# 重ねて 重ねる; they name the relationship going on, not a thing to do.
_CLOSING_ADVERBS = re.compile(r"引き?続き|重ねて|今後とも")


def _is_closing(before: list[Any]) -> bool:
    """True when only a closing formula precedes お願い ("今後ともよろしく", "引き続きよろしく").

    A clause of its own before a comma (its last word a predicate, not a noun: 「お忙しい
    ところすみません、」「お手数ですが、」) is an apology or a preface, not what is asked
    for: only what follows that comma is read. 「駐車場の件、よろしく」 keeps its noun.
    """
    clause_ends = [
        k
        for k in range(1, len(before))
        if _pos(before[k])[1] == "読点" and _pos(before[k - 1])[0] not in {"名詞", "接尾辞"}
    ]
    if clause_ends:
        before = before[clause_ends[-1] + 1 :]
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in before:
        spans.append((pos, pos + len(m.surface())))
        pos += len(m.surface())
    text = "".join(m.surface() for m in before)
    adverbs = [(a.start(), a.end()) for a in _CLOSING_ADVERBS.finditer(text)]
    nouns = [
        m.dictionary_form()
        for m, (start, end) in zip(before, spans, strict=True)
        if _pos(m)[0] in {"名詞", "動詞", "形容詞"}
        and m.dictionary_form() not in _CLOSING_NOUNS
        and not any(a <= start and end <= b for a, b in adverbs)
    ]
    said_yoroshiku = any(m.dictionary_form() in {"よろしく", "宜しく"} for m in before)
    return said_yoroshiku and not nouns


# 「ボタンが取れていました」: come off, as a state that resulted (〜ている); 「予約が取れました」
# (the potential of 取る) is a success, so only the resultative form of a thing reports damage.
_DETACHED = frozenset({"取れる", "抜ける"})


def _resultative(morphemes: list[Any], i: int) -> bool:
    """True when the verb at ``i`` is followed by て + いる/おる (a resulting state).

    A subject that names an act (a サ変 noun: 予約, 連絡, 確認) makes the verb the potential
    of 取る/抜く (「予約が取れています」: the booking is secured), not a part come off.
    """
    if i >= 2 and morphemes[i - 1].surface() == "が" and _pos(morphemes[i - 2])[2] == "サ変可能":
        return False
    return _progressive(morphemes[i + 1 : i + 3])


# Negated verbs that grammar has turned into set phrases, not states of anything: apology
# (すみません), permission (構いません), and かもしれない (epistemic "may").
_SET_PHRASE_NEGATED = frozenset({"済む", "すむ", "構う", "かまう", "知れる", "しれる"})
# Auxiliaries between a verb and its negation: polite ます, passive/potential れる・られる and
# causative せる・させる (表示-さ-れ-ませ-ん, 使わ-せ-ない), by conjugation type, not by word.
_THROUGH_NEGATION = ("助動詞-マス", "助動詞-レル", "助動詞-セル", "助動詞-サセル")
# Closed-class markers of an event that keeps happening (「〜するたびに」「毎回」「何度も」).
_RECURRING = frozenset({"たび", "度", "毎回", "毎度", "いつも"})
# The spoken contraction of 〜ている (返金されてない, 読んでない): Sudachi reads it as the
# auxiliary てる/でる, which stands between the verb and its negation like いる does.
_CONTRACTED_IRU = frozenset({"てる", "でる"})
# Suffixes of difficulty on a verb stem (つながりにくい, 見づらい): the thing is hard to use.
_DIFFICULT = frozenset({"にくい", "づらい", "辛い"})
# Adverbs of an unexplained or unbidden change (「なぜか」「勝手に」「いつの間にか」).
_UNBIDDEN = re.compile(r"なぜか|何故か|勝手に|いつの間にか|知らない間に|知らないうちに")


def _negated_verb(morphemes: list[Any], i: int) -> int | None:
    """The index of the verb the negation at ``i`` attaches to, through auxiliaries."""
    j = i - 1
    while (
        j > 0
        and _pos(morphemes[j])[0] == "助動詞"
        and (
            _pos(morphemes[j])[4].startswith(_THROUGH_NEGATION)
            or morphemes[j].dictionary_form() in _CONTRACTED_IRU
        )
    ):
        j -= 1  # 届き-ませ-ん, 表示-さ-れ-ませ-ん: through polite, passive and causative
    return j if j >= 0 and _pos(morphemes[j])[0] == "動詞" else None


def _hypothetical(morphemes: list[Any], i: int) -> bool:
    """True when the negation at ``i`` lies in a conditional clause (〜ば, 〜たら, 〜なら).

    A conditional marker after the negation and before the end of the sentence makes it a
    supposed case (「届かなければ」「わからないことがあったら」); the main clause decides.
    """
    for m in morphemes[i + 1 :]:
        pos = _pos(m)
        if pos[1] == "接続助詞" and m.surface() == "ば":
            return True
        if pos[0] == "助動詞" and pos[5].startswith("仮定形"):
            return True  # たら, なら, ければ
        if pos[0] == "動詞" and pos[5].startswith("仮定形"):
            return True  # あれ(ば)
    return False


def _negated_state(morphemes: list[Any]) -> bool:
    """A verb negated by ない/ぬ/ず (「届きません」「表示されません」「押せない」)."""
    for i, m in enumerate(morphemes):
        adjective = _pos(m)[0] == "形容詞" and m.dictionary_form() in {"ない", "無い"}
        if not adjective and not (
            _pos(m)[0] == "助動詞" and m.dictionary_form() in {"ない", "ぬ", "ず"}
        ):
            continue
        if _hypothetical(morphemes, i):
            continue  # 「わからないことがあれば連絡します」: a case that may come, not a report
        if _pos(m)[0] == "形容詞" and m.dictionary_form() in {"ない", "無い"} and i > 1:
            # 「返信がない」「身に覚えのない請求」: a thing that should be there is not
            before = morphemes[i - 1]
            if (
                before.surface() in {"て", "で"}
                and _pos(before)[1] == "接続助詞"
                and _pos(morphemes[i - 2])[0] == "動詞"
            ):
                return True  # 「まだ読んでない」: 〜ていない said short, a state not reached
            if _pos(before)[0] == "助詞" and before.surface() in {"が", "の", "は", "も"}:
                if not any(x.dictionary_form() in _BENIGN_NEGATED for x in morphemes[:i]):
                    return True
            continue
        j = _negated_verb(morphemes, i)
        if j is None:
            continue
        verb = morphemes[j].dictionary_form()
        if verb in _SET_PHRASE_NEGATED:
            continue
        if verb == "ある" and any(x.dictionary_form() in _BENIGN_NEGATED for x in morphemes[:i]):
            continue
        return True
    return False


def _passive_or_ongoing(morphemes: list[Any]) -> bool:
    """A passive (「聞かれます」: done to the customer) or an event that goes on (〜続ける)."""
    return any(
        (_pos(m)[0] == "助動詞" and _pos(m)[4].startswith("助動詞-レル"))
        or (_pos(m)[0] == "動詞" and m.dictionary_form() == "続ける" and _pos(m)[1] == "非自立可能")
        for m in morphemes
    )


def _unexpected_state(morphemes: list[Any], text: str) -> bool:
    """A state that did not change or should not be (「〜のままです」「なぜか0になっています」).

    * まま as the predicate after の or a verb: a state left as it was (「準備中のままです」,
      「会員のままになっています」); 「このままで大丈夫」 (after a demonstrative) is not;
    * a counter-expectation: a concessive のに or はず + が/のに before the clause
      (「解約したはずなのに、」「届くはずですが、」), or an adverb of an unbidden change
      (なぜか, 勝手に, いつの間にか);
    * てしまう/ちゃう: an event that happened against the speaker's wish (「削除してしまいました」).
    """
    for i, m in enumerate(morphemes):
        pos, form = _pos(m), m.dictionary_form()
        if form == "まま" and pos[0] == "名詞" and i > 0:
            before = morphemes[i - 1]
            after = [x for x in morphemes[i + 1 :] if _pos(x)[0] != "補助記号"]
            anchored = (before.surface() == "の" and _pos(before)[1] == "格助詞") or _pos(before)[
                0
            ] in {"動詞", "助動詞"}
            predicate = bool(after) and (
                after[0].dictionary_form() in {"だ", "です", "である"}
                or (
                    after[0].surface() == "に"
                    and len(after) > 1
                    and after[1].dictionary_form() == "なる"
                )
            )
            if anchored and predicate:
                return True
        if form == "の" and pos[1] == "準体助詞" and i + 2 < len(morphemes):
            # 「したのに、」: の + に, then a comma, opens the clause that went against it.
            if morphemes[i + 1].surface() == "に" and _pos(morphemes[i + 2])[1] == "読点":
                return True
            # 「解約したのにまだ引き落とされています」: after a past clause のに is concessive
            # (a non-past verb before it can state a purpose: 「使うのに必要な書類」).
            past = i > 0 and morphemes[i - 1].dictionary_form() == "た"
            governed = morphemes[i + 2].dictionary_form() in _PARTICLE_VERBS
            if past and morphemes[i + 1].surface() == "に" and not governed:
                return True
        if form == "はず" and pos[0] == "名詞":
            rest = "".join(x.surface() for x in morphemes[i + 1 : i + 5])
            if re.match(r"(?:です|だ|でした|だった)?(?:が|けど|けれど)|なのに|なんですが", rest):
                return True
        if (
            form == "しまう"
            and pos[1] == "非自立可能"
            and i > 0
            and morphemes[i - 1].surface() in {"て", "で"}
        ) or (form in {"ちゃう", "じゃう"} and pos[0] == "助動詞"):
            return True
    return bool(_UNBIDDEN.search(text))


def _attempt_then(morphemes: list[Any]) -> bool:
    """「登録しようとすると弾かれます」「支払おうとしたら固まりました」: what happens on trying.

    A volitional form (意志推量形) + と + する in a conditional or concessive (と, たら, ても, ば)
    and a clause after it: the customer tells what goes wrong when they try something.
    (「購入しようと思っています」, と + 思う, is a plan.)
    """
    for i, m in enumerate(morphemes[:-3]):
        if _pos(m)[0] != "動詞" or not _pos(m)[5].startswith("意志推量形"):
            continue
        if morphemes[i + 1].surface() != "と" or morphemes[i + 2].dictionary_form() != "する":
            continue
        link = morphemes[i + 3]
        conditional = link.surface() in {"と", "たら", "ても", "ば", "が", "けど"} or (
            link.surface() == "て" and i + 4 < len(morphemes) and morphemes[i + 4].surface() == "も"
        )
        rest = [x for x in morphemes[i + 4 :] if _pos(x)[0] in {"動詞", "形容詞", "形状詞", "名詞"}]
        if conditional and rest:
            return True
    return False


# Adjectives of a favourable surprise: 「思ったより早く届きました」「想像より簡単でした」 is
# praise, not a complaint. Everything else measured against what the customer saw or expected
# (「写真で見たものより暗い」「思ったより小さい」) falls short of it.
_FAVOURABLE = frozenset(
    {
        "良い",
        "いい",
        "よい",
        "嬉しい",
        "うれしい",
        "素晴らしい",
        "早い",
        "速い",
        "安い",
        "簡単",
        "便利",
        "快適",
        "丁寧",
        "楽",
        "綺麗",
        "きれい",
    }
)


def _short_of_expectation(morphemes: list[Any]) -> bool:
    """「写真で見たものよりかなり暗いです」「思ったより小さかった」: worse than was expected.

    The standard of the comparison (before the case particle より) is a past clause, what the
    customer saw, read or thought (見た, 思った, 聞いていた), bare or on the noun it modifies;
    the predicate is an adjective: the thing as it came is compared with that expectation.
    「前より使いやすくなりました」 compares with a time, not with an expectation.
    """
    content = [m for m in morphemes if _pos(m)[0] not in {"補助記号", "助動詞", "助詞", "空白"}]
    if not content or _pos(content[-1])[0] not in {"形容詞", "形状詞"}:
        return False
    if content[-1].dictionary_form() in _FAVOURABLE:
        return False
    for k, m in enumerate(morphemes):
        if not (m.surface() == "より" and _pos(m)[1] == "格助詞") or k < 1:
            continue
        j = k - 1
        if _pos(morphemes[j])[0] == "名詞" and j >= 1:
            j -= 1  # 見たもの, 聞いた話: the noun the past clause modifies
        while (
            j >= 1 and _pos(morphemes[j])[0] == "助動詞" and morphemes[j].dictionary_form() != "た"
        ):
            j -= 1  # 思ってい-た: through the auxiliaries of the clause
        if _pos(morphemes[j])[0] == "助動詞" and morphemes[j].dictionary_form() == "た":
            return True
    return False


def _not_yet(morphemes: list[Any]) -> bool:
    """「返事がまだです」「返金がまだなんですが」: まだ as the predicate, a thing not come yet.

    The adverb stands right before the copula (だ/です, な + ん), so it is what is said of the
    subject, not a modifier of a verb (「まだ使えます」).
    """
    return any(
        m.surface() == "まだ"
        and _pos(m)[0] == "副詞"
        and i + 1 < len(morphemes)
        and _pos(morphemes[i + 1])[0] == "助動詞"
        and morphemes[i + 1].dictionary_form() in {"だ", "です"}
        for i, m in enumerate(morphemes)
    )


def _worried_whether(morphemes: list[Any]) -> bool:
    """「間に合うか心配です」「在庫があるか気になります」: a question embedded under a worry.

    A clause closed by か, then a noun of worry (心配, 不安) or 気 + に + なる: the customer
    asks, in a statement, whether the thing will be so.
    """
    for i, m in enumerate(morphemes[1:-1], start=1):
        if m.surface() != "か" or _pos(m)[0] != "助詞":
            continue
        after = morphemes[i + 1 :]
        if after[0].dictionary_form() in _WORRY:
            return True
        words = [x.dictionary_form() for x in after[:3]]
        if words[:3] == ["気", "に", "なる"]:
            return True
    return False


def _difficult(morphemes: list[Any]) -> bool:
    """「電話がつながりにくい」「画面が見づらいです」: a verb made hard by a suffix of difficulty.

    The suffix (接尾辞, 形容詞的) follows a verb's continuative stem; a conditional after it
    (「分かりにくければ」) supposes a case and reports nothing.
    """
    return any(
        _pos(m)[0] == "接尾辞"
        and m.dictionary_form() in _DIFFICULT
        and i > 0
        and _pos(morphemes[i - 1])[0] == "動詞"
        and not _hypothetical(morphemes, i)
        for i, m in enumerate(morphemes)
    )


def _failure_stem_noun(morphemes: list[Any], i: int) -> bool:
    """True when noun ``i`` names a failure by a failure verb's stem (水漏れ, 在庫切れ).

    Read in the written form and in Sudachi's normalised form, which spells the stem in kanji
    (水もれ is 水漏れ, おくれ is 遅れ).

    A counter after a numeral (「二切れ」「一切れ」: slices) counts, and a stem noun that
    modifies the noun after it (「物忘れ防止グッズ」: goods against forgetting) names a kind of
    thing: neither reports a failure.
    """
    found = [
        (word, stem)
        for word in (morphemes[i].surface(), morphemes[i].normalized_form())
        for stem in _FAILURE_STEMS
        if word.endswith(stem)
    ]
    if not found:
        return False
    word, stem = found[0]
    if i > 0 and _pos(morphemes[i - 1])[1] == "数詞":
        return False
    if word[: -len(stem)] and all(c in _NUMERAL_CHARS for c in word[: -len(stem)]):
        return False  # 一切れ is one word to Sudachi
    return not (i + 1 < len(morphemes) and _pos(morphemes[i + 1])[0] == "名詞")


# Adjectives of colour: a thing turning one of them (「黄色くなってきました」) has discoloured.
_COLOURS = frozenset({"黒い", "白い", "赤い", "青い", "黄色い", "茶色い"})


def _discoloured(morphemes: list[Any]) -> bool:
    """A change of colour: a colour adjective, or one said of 色, before なる.

    「一部が黄色くなってきました」「色が薄くなりました」 report a thing gone off; 「暖かくなって
    きました」 (the season) and 「安くなりますか」 name no colour.
    """
    named = _first_thing_named(morphemes)
    for i, m in enumerate(morphemes[:-1]):
        if _pos(m)[0] != "形容詞" or morphemes[i + 1].dictionary_form() != "なる":
            continue
        if named >= i:
            continue  # 「紅葉で山が赤くなってきました」: the season, no thing of the customer's
        colour = m.dictionary_form() in _COLOURS
        of_colour = any(x.surface() == "色" for x in morphemes[max(0, i - 2) : i])
        if colour or of_colour:
            return True
    return False


# Words of a memory: 「昔」「子供の頃」「覚えています」. Damage in one is no trouble now.
_RECALLING = frozenset({"昔", "当時", "頃", "覚える", "思い出す", "懐かしい"})


def _first_thing_named(morphemes: list[Any]) -> int:
    """Where a clause first names a thing: 「買ったシャツ」「レンタルしている観葉植物」.

    A thing the customer bought, rents or had serviced is named so (a verb's attributive
    form before the noun); damage or a change of colour said of it after that is the thing
    going off. 「柱にひびが入っているのを見て」 (の, no thing), 「古い車がガタガタしながら走る
    場面」 (the clause comes after the damage) and a memory (「子供の頃」「覚えています」) name
    none. The index of the noun, or the length of ``morphemes`` when there is none.
    """
    if any(m.dictionary_form() in _RECALLING for m in morphemes):
        return len(morphemes)
    surfaces = [m.surface() for m in morphemes]
    for k, m in enumerate(morphemes[:-1]):
        if _pos(m)[0] not in {"動詞", "助動詞"} or not _pos(m)[5].startswith("連体形"):
            continue
        j = k + 1
        if surfaces[j : j + 2] == ["ばかり", "の"]:
            j += 2  # 「買ったばかりの鍋」
        if j < len(morphemes) and _pos(morphemes[j])[0] in {"名詞", "形容詞", "形状詞", "接頭辞"}:
            return j
    return len(morphemes)


def _damage_at(morphemes: list[Any], i: int) -> bool:
    """Damage told at ``i``: a damage noun (ひび, 錆), a colour gone off (黄ばむ), a shaky part.

    「扉にひびが入っていました」「襟が黄ばんで」「脚がぐらぐらしています」; 「がたがたの道」
    (no する) describes a road, 「汗ばむ」 is no colour.
    """
    m = morphemes[i]
    pos, form = _pos(m), m.dictionary_form()
    following = morphemes[i + 1].dictionary_form() if i + 1 < len(morphemes) else ""
    damage = (
        (pos[0] == "名詞" and form in _DAMAGE_NOUNS)
        or (pos[0] == "動詞" and form in _DAMAGE_VERBS and not _hypothetical(morphemes, i))
        or (
            pos[0] == "接尾辞"
            and form in {"ばむ", "ずむ"}
            and i > 0
            and morphemes[i - 1].surface() in {"黄", "黒"}  # Sudachi splits 黄 + ばむ
        )
        or (form in _SHAKY and following == "する")
    )
    return damage


def _damage_of_named_thing(morphemes: list[Any]) -> bool:
    """Damage (``_damage_at``) told after a clause naming a thing (``_first_thing_named``).

    「購入したマグカップにひびが入っていました」; 「鉄は錆びます」「隣の家の屋根が錆びていて」
    name no thing of the customer's.
    """
    damaged = (i for i in range(len(morphemes)) if _damage_at(morphemes, i))
    first = next(damaged, None)
    if first is None:
        return False
    named = _first_thing_named(morphemes)
    return named < first or any(named < i for i in damaged)


def _is_problem(morphemes: list[Any]) -> bool:
    """A problem report: failure words, a negated or unexpected state, a recurring imposition."""
    text = "".join(m.surface() for m in morphemes)
    if any(noun in text for noun in _FAILURE_NOUNS):  # 二重 is 二 + 重 in short units
        return True
    if _damage_of_named_thing(morphemes):
        return True
    for i, m in enumerate(morphemes):
        pos, form = _pos(m), m.dictionary_form()
        if pos[0] == "名詞" and form in _FAILURE_NOUNS:
            return True
        failing = form in _FAILURE_VERBS or any(
            form.endswith(v) and len(form) > len(v) for v in _FAILURE_SUFFIXES
        )
        if pos[0] == "動詞" and failing and not _hypothetical(morphemes, i):
            return True  # 「壊れたら」「困ったことがあれば」 suppose; they report nothing
        if pos[0] == "名詞" and _failure_stem_noun(morphemes, i):
            return True  # 「水漏れしています」「在庫切れでした」
        if pos[0] == "動詞" and form in _DETACHED and _resultative(morphemes, i):
            return True
    if _discoloured(morphemes):
        return True
    if _negated_state(morphemes) or _unexpected_state(morphemes, text) or _difficult(morphemes):
        return True
    if _not_yet(morphemes):
        return True
    if _attempt_then(morphemes) or _short_of_expectation(morphemes):
        return True
    # 「開くたびにパスワードを聞かれます」: something done to the customer again and again.
    recurring = (
        any(m.dictionary_form() in _RECURRING and _pos(m)[0] in {"名詞", "副詞"} for m in morphemes)
        or "何度も" in text
    )
    return recurring and _passive_or_ongoing(morphemes)


# Words about asking itself, and the light words around them: 「質問してもいいですか」
# 「お伺いしたいことがあります」「今お時間よろしいでしょうか」 announce an ask, or ask leave
# to ask, and name no topic.
_ASKING = frozenset(
    {"質問", "相談", "問い合わせ", "問い合わせる", "伺う", "聞く", "尋ねる", "時間", "聞こえる"}
)
_ANNOUNCING = _ASKING | frozenset(
    {
        "する",
        "ある",
        # the polite existence verb: 「お伺いしたいことがございます」
        "ござる",
        "御座る",
        "いい",
        "よい",
        "良い",
        "よろしい",
        "宜しい",
        "大丈夫",
        "できる",
        "こと",
        "今",
        "少し",
        "ちょっと",
        "一つ",
        "ひとつ",
        "いくつ",
        "もしもし",
        "させる",
        "もらう",
        "いただく",
        "くださる",
    }
)


def _set_phrase(morphemes: list[Any], i: int) -> bool:
    """True when the verb at ``i`` is negated into a set phrase (すみません, 構いません)."""
    return morphemes[i].dictionary_form() in _SET_PHRASE_NEGATED and any(
        _pos(m)[0] == "助動詞" and m.dictionary_form() in {"ない", "ぬ", "ず"}
        for m in morphemes[i + 1 : i + 4]
    )


# Formal nouns a desire clause can modify to name an unspecified thing: 「確認したいことがある」.
_FORMAL_NOUNS = frozenset({"こと", "事", "点", "件"})
_EXISTENTIAL = frozenset({"ある", "有る", "ござる", "御座る"})


def _wished_unnamed(morphemes: list[Any]) -> set[int]:
    """Indexes of desire-clause verbs on a formal noun said to exist, and of those nouns.

    「確認したいことがあります」「ご相談したい点がございます」: the customer has a thing they want
    to ask or check, and names it in the next sentence. The verb (確認, 相談) says only what
    kind of ask is coming, not what it is about.
    """
    found: set[int] = set()
    for i, m in enumerate(morphemes[:-3]):
        if not (_pos(m)[0] == "助動詞" and m.dictionary_form() == "たい"):
            continue
        if not _pos(m)[5].startswith("連体形"):
            continue
        noun, case = morphemes[i + 1], morphemes[i + 2]
        # A count may stand before the verb: 「確認したいことが2つあります」「伺いたい点がいくつか
        # ございます」 (numeral, counter suffix, か) says how many asks, not what about.
        k = i + 3
        while k < len(morphemes) - 1 and (
            _pos(morphemes[k])[1] == "数詞"
            or _pos(morphemes[k])[0] == "接尾辞"
            or (morphemes[k].surface() == "か" and _pos(morphemes[k - 1])[1] == "数詞")
        ):
            k += 1
        verb = morphemes[k]
        if (
            noun.dictionary_form() in _FORMAL_NOUNS
            and case.surface() in {"が", "は", "も"}
            and verb.dictionary_form() in _EXISTENTIAL
        ):
            j = _previous_verb_index(morphemes, i)
            if j is not None:
                found |= {j, i + 1}
    return found


def _previous_verb_index(morphemes: list[Any], index: int) -> int | None:
    """The index of the verb or verbal noun before ``index``, through する/いたす and て."""
    for j in range(index - 1, -1, -1):
        m = morphemes[j]
        if _pos(m)[0] == "助詞" and m.surface() == "て":
            continue
        if _pos(m)[0] == "動詞" and m.dictionary_form() in _HUMBLE_DO:
            continue
        return j if _pos(m)[0] in {"動詞", "名詞"} else None
    return None


def _announces(morphemes: list[Any]) -> bool:
    """True when the sentence is only about asking: no word of it names a topic.

    Interjections (あの, えっと) and apologies (すみません) name nothing; a desire clause on
    a formal noun said to exist (「確認したいことがあります」) announces an ask whatever its verb.
    """
    unnamed = _wished_unnamed(morphemes)
    words = {
        m.dictionary_form()
        for i, m in enumerate(morphemes)
        if _pos(m)[0] in {"名詞", "動詞", "形容詞", "形状詞", "副詞"}
        and i not in unnamed
        and _pos(m)[1] != "数詞"  # 「ひとつ」「いくつか」: how many asks, not about what
        and not _set_phrase(morphemes, i)
    }
    return bool(words & _ASKING or unnamed) and words <= _ANNOUNCING


# Conjunctive particles that end a background clause (「〜したいのですが、」「〜ので、」).
_BACKGROUND_LINKS = frozenset({"が", "けど", "けれど", "けれども", "ので", "から"})


def _main_clause(morphemes: list[Any]) -> list[Any]:
    """The morphemes after the last background clause (が/けど/ので + 読点), or all of them."""
    start = 0
    for i, m in enumerate(morphemes[:-2]):
        if (
            _pos(m)[1] == "接続助詞"
            and m.surface() in _BACKGROUND_LINKS
            and _pos(morphemes[i + 1])[1] == "読点"
        ):
            start = i + 2
    rest = morphemes[start:]
    has_content = any(_pos(m)[0] in {"名詞", "動詞", "形容詞", "形状詞"} for m in rest)
    return rest if start and has_content else morphemes


def asking_clause_ja(sentence: str) -> str:
    """The clause of a Japanese ask that asks, without the background clauses before it.

    「来週引っ越すのですが、住所の変更はどこでできますか」 -> 「住所の変更はどこでできますか」:
    the clauses closed by が/けど/ので/から and a 読点 tell the background (a wish, a report,
    a reason), and the clause after the last of them is what a reply must answer. The same
    reading ``ask_kind_ja`` uses (``_main_clause``, on SudachiPy's parts of speech). The
    extraction reads whether a request names its own object on it (``names_only_act_ja``);
    it is offered to the judge, whose ``_asking_clause`` still reads a narrower clause of its
    own (a wish before のですが only; a report before the ask stays there). A sentence with
    no background clause, or whose last clause names nothing (「…のですが、」), is returned
    whole; so is text with no Japanese.
    """
    if not JAPANESE.search(sentence):
        return sentence
    morphemes = _morphemes(sentence)
    main = _main_clause(morphemes)
    if main is morphemes:
        return sentence
    return "".join(m.surface() for m in main).strip()


def names_only_act_ja(sentence: str) -> bool:
    """True when a Japanese ask's asking clause names the act and nothing it is done to.

    「交換できますか」「返金してください」「すみませんが、返品できますか」: one verbal noun
    (サ変) done by する/できる, and no other noun, so the thing acted on is the one told
    before (in the send before it). 「部屋を替えてもらえますか」「配送は土日もしてますか」
    and 「ギフトカードは使えますか」 name their own thing; text with no Japanese names none.
    """
    if not JAPANESE.search(sentence):
        return False
    morphemes = _morphemes(asking_clause_ja(sentence))
    nouns = [
        i
        for i, m in enumerate(morphemes)
        if _pos(m)[0] in {"名詞", "代名詞"} and _pos(m)[1] != "数詞"
    ]
    if len(nouns) != 1 or not _pos(morphemes[nouns[0]])[2].startswith("サ変"):
        return False
    after = morphemes[nouns[0] + 1 : nouns[0] + 2]
    return bool(after) and after[0].dictionary_form() in _HUMBLE_DO


# A negated copula after a nominalised clause: 「〜んじゃないですか」「〜のではないでしょうか」.
_NEGATED_COPULA = re.compile(r"(?:じゃ|では)(?:ない|ありません|ございません)")


def _confirms_trouble(morphemes: list[Any]) -> bool:
    """「請求が間違っているんじゃないですか」: trouble told as a question asking for assent.

    A clause nominalised by の/ん, then a negated copula and a question: the customer states
    what they think went wrong and asks the shop to own it, a problem report in form of a
    question. The clause itself must report trouble (「〜のではないでしょうか」 alone may be
    a polite guess about anything).
    """
    for i, m in enumerate(morphemes[1:], start=1):
        if m.surface() not in {"の", "ん"} or _pos(m)[1] != "準体助詞":
            continue
        rest = "".join(x.surface() for x in morphemes[i + 1 :])
        if _NEGATED_COPULA.match(rest) and _is_problem(morphemes[:i]):
            return True
    return False


# Conjunctive particles that close a reason or a contrast added after the main clause.
_AFTERTHOUGHT_ENDS = frozenset({"ので", "から", "けど", "けれど", "けれども", "し", "のに"})


def _closes_afterthought(tail: list[Any]) -> bool:
    """True when the morphemes end in a conjunctive particle of ``_AFTERTHOUGHT_ENDS``.

    Sudachi reads ので as の + the copula で: the surface decides, the last part of speech
    (a particle or that copula) confirms it is not a noun ending so (「その」).
    """
    text = "".join(m.surface() for m in tail[-3:])
    return text.endswith(tuple(_AFTERTHOUGHT_ENDS)) and _pos(tail[-1])[0] in {"助詞", "助動詞"}


def ends_in_afterthought_ja(clause: str) -> bool:
    """True for a clause that only adds a reason or a contrast: 「来週使うので」「車で行くから」.

    Split off a question before it (「送ってもらえますか、来週使うので」), it asks nothing.
    """
    tail = _content_tail(_morphemes(clause))
    return bool(tail) and _closes_afterthought(tail)


def _before_afterthought(tail: list[Any]) -> str | None:
    """The question before a reason added after it: 「返品できますか、サイズが違ったので」.

    Chat Japanese puts the reason after the ask (倒置): the sentence then ends in ので or
    から, not in the question. The text up to the comma is returned when a question particle
    か closes it and the added clause ends in a conjunctive particle; else ``None``. ``tail``:
    the sentence's morphemes up to its last word (``_content_tail``).
    """
    if len(tail) < 4 or not _closes_afterthought(tail):
        return None
    for k in range(len(tail) - 2, 0, -1):
        if _pos(tail[k])[1] == "読点":
            before = tail[k - 1]
            if before.surface() == "か" and _pos(before)[1] == "終助詞":
                return "".join(m.surface() for m in tail[:k])
            return None
    return None


@per_run
def ask_kind_ja(sentence: str) -> AskKind | None:
    """The kind of ask a Japanese sentence makes, or ``None`` when it asks nothing."""
    morphemes = _morphemes(sentence)
    if _announces(morphemes):
        return None
    # the sentence's end, read once for the two readers of it below
    tail = _content_tail(morphemes)
    head = _before_afterthought(tail)
    if head is not None:
        return ask_kind_ja(head)  # 「送ってもらえますか、週末に使うので」
    main = _main_clause(morphemes)
    if main is not morphemes and _is_question_end(main, sentence):
        # 「予約したいのですが、何日前までに注文すればよいでしょうか」: the wish is the background;
        # the main clause after が/けど/ので says what is asked.
        request = _request_kind(main)
        if request is not None:
            return request
        return "request" if _WHAT_TO_DO.search(sentence) else "question"
    request = _request_kind(morphemes)
    if request is not None:
        return request
    if _elided_request(tail):
        return "request"  # 「定期便は停止で。」
    if _worried_whether(morphemes):
        return "question"
    if _is_question_end(morphemes, sentence) or _casual_wh_question(morphemes):
        if _confirms_trouble(morphemes):
            return "problem"
        # 「どうすればよいでしょうか」 asks the shop to act or to say what to do.
        return "request" if _WHAT_TO_DO.search(sentence) else "question"
    if _is_problem(morphemes):
        return "problem"
    return None


def _asks_wh(morphemes: list[Any]) -> bool:
    """True when an indeterminate pronoun in the sentence is a wh-word, not a quantifier."""
    return bool(_wh_words(morphemes))


def _wh_words(morphemes: list[Any]) -> list[str]:
    """The indeterminate pronouns of the sentence read as wh-words, not as quantifiers.

    「いつ届きますか」 asks when; 「いつでも解約できますか」 asks yes or no, since いつ + でも
    is "any time". A counter after 何/幾 belongs to it (何回でも, いくつか).
    """
    found = []
    for i, m in enumerate(morphemes):
        surface = m.surface()
        head = _INDETERMINATE.fullmatch if _pos(m)[0] == "副詞" else _INDETERMINATE.match
        matched = head(surface)
        if not matched:
            continue
        rest = surface[matched.end() :]
        if rest.removeprefix("まで") in _QUANTIFYING:
            continue  # one word with its particle: いつも (a noun to Sudachi), 何か, いつまでも
        j = i + 1
        if (
            _pos(m)[1] == "数詞"
            and j < len(morphemes)
            and _pos(morphemes[j])[0] in {"名詞", "接尾辞"}
        ):
            j += 1
        if j < len(morphemes) and morphemes[j].surface() in _BEFORE_QUANTIFYING:
            j += 1
        following = morphemes[j] if j < len(morphemes) else None
        if (
            following is None
            or _pos(following)[0] != "助詞"
            or following.surface() not in _QUANTIFYING
        ):
            found.append(surface)
    return found


@per_run
def asks_when_ja(sentence: str) -> bool:
    """True when the sentence asks when: いつ (いつ頃, いつまで) as a wh-word.

    The one reading of いつ for extraction and judgement: いつでも, いつも and いつまでも
    are quantifiers ("any time", "always", "for ever") and ask no time.
    """
    if "いつ" not in sentence:
        return False
    return any(w.startswith("いつ") for w in _wh_words(_morphemes(sentence)))


@per_run
def reports_problem_ja(sentence: str) -> bool:
    """True when a sentence, whatever its mood, tells of trouble (「届かないのですか」)."""
    return _is_problem(_morphemes(sentence))


@per_run
def specifies_ja(sentence: str) -> bool:
    """True for a request that sets how, not what: 「宛名は山田でお願いします」.

    お願い right after the case particle で asks for a manner or a value (a name, a date, a
    size) of something asked for elsewhere; 「交換をお願いします」 names the act itself.
    """
    morphemes = _morphemes(sentence)
    for i, m in enumerate(morphemes[1:], start=1):
        if m.dictionary_form() not in {"願う", "お願い"}:
            continue
        before = morphemes[i - 1]
        if before.surface() == "お" and i >= 2:
            before = morphemes[i - 2]
        if before.surface() == "で" and _pos(before)[:2] == ("助詞", "格助詞"):
            return True
        if before.surface() in {"から", "まで"} and _pos(before)[0] == "助詞":
            return True  # 「次の箱からお願いします」: from when (or until when), not what
    return False


def is_polar_ja(sentence: str) -> bool:
    """True for a yes/no question (「在庫はありますか」), not one with 何/いつ/どこ/いくら."""
    morphemes = _morphemes(sentence)
    if _asks_wh(morphemes):
        return False
    return _is_question_end(morphemes, sentence) or _request_kind(morphemes) == "request"


@per_run
def coordinated_asks_ja(sentence: str) -> tuple[str, ...]:
    """Two asks joined by の + と: 「料金について知りたいのと、解約方法も教えてください」.

    A clause nominalised by の and listed with と before a comma is an item of a list; when it
    and the rest each ask something, they are two asks. Otherwise the sentence is one.
    """
    morphemes = _morphemes(sentence)
    for i, m in enumerate(morphemes[1:-2], start=1):
        if not (m.surface() == "の" and _pos(m)[1] == "準体助詞"):
            continue
        if morphemes[i + 1].surface() != "と" or _pos(morphemes[i + 2])[1] != "読点":
            continue
        left = "".join(x.surface() for x in morphemes[:i])
        right = "".join(x.surface() for x in morphemes[i + 3 :])
        if ask_kind_ja(left) is not None and ask_kind_ja(right) is not None:
            return (left, *coordinated_asks_ja(right))
    return (sentence,)


@per_run
def announces_ja(sentence: str) -> bool:
    """True for a sentence only about asking (「質問が2つあります」, 「伺いたい点がございます」)."""
    return _announces(_morphemes(sentence))


# Nouns of the way to do something: a topic ending in one asks how (「返品の手順について」),
# and an ask of the way to do what a wish named asks nothing new (extract reads it so).
WAY_NOUNS = frozenset({"方法", "やり方", "仕方", "手順", "手続き", "手続"})
# 「返品の流れについて」: the flow of an act, as a topic, asks how too.
_WAY_TOPIC_NOUNS = WAY_NOUNS | {"流れ"}
# The verbs of 〜について / 〜に関して / 〜につき: they make the noun before them a topic.
_TOPIC_VERBS = frozenset({"つく", "就く", "付く", "関する"})


def _counts_asks(morphemes: list[Any], i: int) -> bool:
    """True for a numeral, or the counter after one: 「3点」「二つ」 count asks, name nothing."""
    if _pos(morphemes[i])[1] == "数詞":
        return True
    return (
        i > 0
        and _pos(morphemes[i - 1])[1] == "数詞"
        and _pos(morphemes[i])[2] in {"助数詞", "助数詞可能"}
    )


@per_run
def announces_topic_ja(sentence: str) -> bool:
    """「解約について教えてください」「料金プランについて質問です」: a topic, then only asking.

    The noun before 〜について / 〜に関して is the only thing the sentence names; what follows
    is only words of asking or telling (教える, 知る, 伺う, 質問, 相談) and the auxiliaries and
    giving verbs around them. Alone it asks about the topic; beside a question or request it
    announces it.
    """
    morphemes = _morphemes(sentence)
    for k, m in enumerate(morphemes[1:-1], start=1):
        if m.dictionary_form() not in _TOPIC_VERBS or _pos(m)[0] != "動詞":
            continue
        if morphemes[k - 1].surface() != "に" or morphemes[k + 1].surface() not in {"て", "き"}:
            continue
        if k >= 2 and morphemes[k - 2].dictionary_form() in _WAY_TOPIC_NOUNS:
            return False  # 「解約方法について教えてください」 asks how: an ask of its own
        after = morphemes[k + 2 :]
        words = {
            x.dictionary_form()
            for j, x in enumerate(after)
            if _pos(x)[0] in {"名詞", "動詞", "形容詞", "形状詞", "代名詞"}
            and x.dictionary_form() not in _GIVING | _HUMBLE_DO | {"ある", "ござる", "願う"}
            and not _counts_asks(after, j)
        }
        return bool(words) and words <= _INFO_VERBS | _ASKING
    return False


def _wish_marks(morphemes: list[Any], *, wanted: bool = False) -> list[int]:
    """Indexes of the desiderative たい (and, with ``wanted``, of 〜てほしい) in a sentence."""
    return [
        i
        for i, m in enumerate(morphemes)
        if (_pos(m)[0] == "助動詞" and m.dictionary_form() == "たい")
        or (wanted and _pos(m)[0] == "形容詞" and m.dictionary_form() in {"ほしい", "欲しい"})
    ]


@per_run
def wishes_ja(sentence: str) -> bool:
    """True for a plain wish: 「解約したいです」「返品したいのですが」, not a question or a plea.

    The desiderative たい carries the ask and no giving verb, お願い or question follows.
    """
    morphemes = _morphemes(sentence)
    if _is_question_end(morphemes, sentence):
        return False
    wish = _wish_marks(morphemes)
    if not wish:
        return False
    after = morphemes[wish[-1] + 1 :]
    return not any(
        m.dictionary_form() in _GIVING | {"願う"} and _pos(m)[0] == "動詞" for m in after
    )


@per_run
def ends_on_wish_ja(sentence: str) -> bool:
    """True for a sentence ending on its wish: 「ケーキを20個注文したいです」「返金してほしいです」.

    After the last たい (or 〜てほしい) come only auxiliaries, particles and marks (です, のですが,
    けど); 「念のため確認したく連絡しました」 goes on to another verb and tells why it writes.
    """
    morphemes = _morphemes(sentence)
    wish = _wish_marks(morphemes, wanted=True)
    if not wish:
        return False
    return all(
        _pos(m)[0] in {"助動詞", "助詞", "補助記号", "空白"} for m in morphemes[wish[-1] + 1 :]
    )


# The words of getting in touch: 「〜の件で連絡しました」「確認したく問い合わせました」.
_CONTACTING = frozenset({"連絡", "問い合わせ", "問い合わせる", "問合せ", "メール", "電話"})
# Light verbs that carry a verbal noun: 連絡(する), 連絡(させていただく).
_LIGHT_VERBS = _HUMBLE_DO | _GIVING | {"させる", "せる", "おる", "いる"}


@per_run
def contacts_about_ja(sentence: str) -> bool:
    """True for a sentence that only says why the customer writes: 「…の件で連絡しました」.

    Its predicate is a word of getting in touch (連絡, 問い合わせ); whatever it names is the
    matter the next question or plea is about (the English "I'm writing about ...").
    """
    content = [
        m
        for m in _morphemes(sentence)
        if _pos(m)[0] in {"名詞", "動詞", "形容詞", "形状詞"}
        and m.dictionary_form() not in _LIGHT_VERBS
    ]
    return bool(content) and content[-1].dictionary_form() in _CONTACTING


# Nouns of a request for an act of the shop's (one source with ``JA_REQUEST``): 返金, キャンセル.
_ACT_NOUNS = frozenset(JA_ACT_NOUNS)


@per_run
def requests_act_ja(sentence: str) -> bool:
    """True for a statement that asks for, or declares, an act on the customer's own matter.

    「予約をキャンセルしたい」 (``acts_on_arrangement_ja``), 「返金を希望しております」 (a noun of
    desire as a verb), 「清掃はキャンセルさせていただきます」 (an act noun as a verb): the shop
    must act on it, so it is an ask of its own, not the setting of a question after it.
    """
    if acts_on_arrangement_ja(sentence):
        return True
    morphemes = _morphemes(sentence)
    for i, m in enumerate(morphemes[:-1]):
        if _desire_noun(morphemes, i):
            return True
        if m.dictionary_form() in _ACT_NOUNS and morphemes[i + 1].dictionary_form() in (
            _HUMBLE_DO - {"できる", "出来る"}
        ):
            return True
    return False


# Request endings that turn to the reader: 「ご確認ください」「お願いいたします」「願います」.
_READER_REQUEST_END = re.compile(
    r"(?:ください|下さい|くださいませ|願います|お願いします|お願いいたします|お願い致します)"
    r"[。！？!?.\s]*$"
)


@per_run
def addresses_reader_ja(sentence: str) -> bool:
    """True when a Japanese sentence turns to the reader: a question or a plea to them.

    「空きはありますか」「受けてもらえますか」「ご確認ください」 do; a wish or a plan told as a
    statement (「カットをお願いしたいです」「日程を変えたいです」「念のため確認したく連絡しました」)
    asks no one, whatever it wants.
    """
    morphemes = _morphemes(sentence)
    if _is_question_end(morphemes, sentence) or _casual_wh_question(morphemes):
        return True
    return bool(_READER_REQUEST_END.search(sentence.strip()))


def acts_on_arrangement_ja(sentence: str) -> bool:
    """True when a wish acts on an arrangement already made: 「予約をキャンセルしたい」.

    The object before を is a verbal noun (サ変可能: 予約, 注文, 契約), an act done before and
    now a thing the customer holds, and the verb is another act on it (キャンセル, 延ばす); with
    する it makes a new one (「予約をしたい」). Japanese "my booking".
    """
    morphemes = _morphemes(sentence)
    for k in range(1, len(morphemes) - 1):
        if morphemes[k].surface() != "を" or _pos(morphemes[k])[0] != "助詞":
            continue
        noun = morphemes[k - 1]
        # the verb after を, past an honorific prefix (「調律をお願いしたい」 asks for a new one)
        verbs = [m for m in morphemes[k + 1 : k + 3] if _pos(m)[0] != "接頭辞"]
        if verbs and _pos(noun)[0] == "名詞" and _pos(noun)[2] == "サ変可能":
            return verbs[0].dictionary_form() not in _HUMBLE_DO | {"願う"}
    return False


def _asks_next_step(morphemes: list[Any]) -> bool:
    """True for a question of what the writer should do: 「いつまでに連絡すればよいですか」.

    A conditional ば and よい/いい/よろしい after it ask the way to carry out an act the
    writer means to do, not a fact of its own.
    """
    return any(
        m.surface() == "ば"
        and _pos(m)[0] == "助詞"
        and morphemes[k + 1].dictionary_form() in {"よい", "良い", "いい", "よろしい", "宜しい"}
        for k, m in enumerate(morphemes[:-1])
    )


# A wish opening a sentence that goes on after が/けど: 「〜したいのですが、〜」.
_WISH_THEN = re.compile(r"たい(?:の|ん)です(?:が|けど|けれど|けれども)[、,]\s*")


def owned_wish_split_ja(sentence: str) -> tuple[str, ...]:
    """「予約をキャンセルしたいのですが、キャンセル料はかかりますか？」 as its two asks.

    A wish that acts on the customer's own arrangement (``acts_on_arrangement_ja``) asks for
    that act, and the question after it asks a fact of its own. A wish for something new
    (「猫を三泊預けたいのですが、空きはありますか？」) is the question's setting: one ask.
    """
    match = _WISH_THEN.search(sentence)
    if match is None:
        return (sentence,)
    left, right = sentence[: match.end()].rstrip("、, "), sentence[match.end() :]
    if not acts_on_arrangement_ja(left) or ask_kind_ja(right) != "question":
        return (sentence,)
    if _asks_next_step(_morphemes(right)):
        return (sentence,)  # 「解約したいのですが、いつまでに連絡すればよいですか」: how, one ask
    return left, right


def wants_by_deadline_ja(sentence: str) -> bool:
    """True for a wish with a deadline and no object of its own (「金曜日までに受け取りたい」).

    Its last clause (after the last comma) holds 〜までに and a たい wish whose verb takes no
    object: what is wanted by then is what the customer asked about just before. 「金曜日
    までに住所を変更したいです」「来週までに古いソファも引き取ってほしい」 name their own
    object (を, も or は), a new ask.
    """
    morphemes = _morphemes(sentence)
    wanted = any(  # 「返してほしいです」: a want of the shop's act after て
        _pos(m)[0] == "形容詞"
        and m.dictionary_form() in {"ほしい", "欲しい"}
        and i > 0
        and morphemes[i - 1].surface() in {"て", "で"}
        for i, m in enumerate(morphemes)
    )
    if not (wishes_ja(sentence) or wanted) or _is_question_end(morphemes, sentence):
        return False
    commas = [i for i, m in enumerate(morphemes) if _pos(m)[1] == "読点"]
    clause = morphemes[commas[-1] + 1 :] if commas else morphemes
    surfaces = [m.surface() for m in clause]
    by = any(a == "まで" and b == "に" for a, b in zip(surfaces, surfaces[1:], strict=False))
    # an object of its own, marked by を, も or は (「古いソファも引き取ってほしい」): a new
    # request. A pronoun points back (「それも」) and a time noun sets when (「来週は」).
    has_object = any(
        m.surface() in {"を", "も", "は"}
        and _pos(m)[1] in {"格助詞", "係助詞"}
        and k > 0
        and _pos(clause[k - 1])[0] in {"名詞", "接尾辞"}
        and _pos(clause[k - 1])[2] != "副詞可能"
        for k, m in enumerate(clause)
    )
    return by and not has_object


@per_run
def introduces_writer_ja(sentence: str) -> bool:
    """True for a sentence saying who writes by an act done before: 「予約をお願いした佐藤です」.

    Such a line asks nothing new beside an ask; alone, the customer has opened the matter of
    that act and waits for the shop to take it up (extract reads it so).
    """
    morphemes = _morphemes(sentence)
    return any(
        _pos(m)[0] == "動詞" and _introduces_writer(morphemes, i) for i, m in enumerate(morphemes)
    )


# Goodwill told after the fact: thanks, praise, a matter closed (「無事に解決しました」).
_GOODWILL_JA = re.compile(
    r"ありがと|有難う|感謝|お礼|御礼|素晴らし|すばらし|最高|美味し|おいしかっ|楽しかっ|満足|"
    r"喜んで|よかったです|良かったです|無事|解決し|"
    # 「毎回楽しみにしています」「これからもよろしくお願いします」: looking forward, a closing
    r"楽しみにして|(?:これから|今後)(?:とも|も)(?:どうぞ)?(?:よろしく|宜しく)"
)


def notes_goodwill_ja(text: str) -> bool:
    """True when a Japanese text thanks, praises or closes a matter.

    「先週泊まった家族です。素晴らしい滞在をありがとうございました。」 says who writes, but
    waits on nothing from the shop.
    """
    return bool(_GOODWILL_JA.search(text))
