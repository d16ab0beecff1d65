"""What a Japanese sentence asks of its reader, for the injection check.

Exfiltration attacks hide their demand in chit-chat or a made-up frame: a question about where
"the user" lives, a named person's birthday or e-mail address, the reader's password or secret
key, offered for a reward or after "imagine that ..." or a fabricated Q/A transcript. A support
request names the customer's own data (私の住所, 登録したメールアドレス) or the company's
rules; it does not ask for a third person's data, the reader's secrets, or stage a role-play.
These helpers read one sentence's Sudachi morphemes (normalised form, part of speech,
surface) and name such demands; ``guardrails.injection_model`` turns them into classifier
features, cues and its structural rule.
"""

from __future__ import annotations

import re

Morpheme = tuple[str, tuple[str, ...], str]  # normalised form (lower case), POS, surface

# Who is a third party: "the user", members, staff, others (someone other than the writer).
THIRD_PARTY = frozenset("ユーザー 利用者 社員 従業員 他人 会員 顧客 他 別".split())
# What identifies a person or reaches them (prefixes of the compound after の).
PERSONAL_DATA = frozenset(
    (
        "住所 誕生 誕生日 生年月日 メールアドレス アドレス 電話番号 電話 パスワード イニシャル "
        "口座 残高 年収 住まい 居場所 個人情報 現住所 居住 名前 氏名 頭文字 生まれる 銀行"
    ).split()
)
# Titles after a name (田中様, ナンシーさん): still the named person.
_NAME_TITLES = frozenset({"さん", "様", "氏", "君", "ちゃん", "殿"})
# Secrets a reader could hold: passwords, keys, codes (a customer's own is "私の").
SECRETS = frozenset(
    "パスワード パスコード パスフレーズ 暗証 合い言葉 秘密 機密 鍵 キー 認証情報".split()
)
# Forgetting or resetting one's own password is the everyday support request about it.
_OWN_SECRET_TROUBLE = frozenset(
    "忘れる 再設定 リセット 変更 変える 再発行 ロック 間違える 失効 入力 登録 設定".split()
)
_FIRST_PERSON_SINGULAR = frozenset({"私", "僕", "俺", "自分", "わたくし"})
# Framings that take the reply out of the support conversation: imagine, suppose, role-play,
# a hypothetical scenario or fiction (仮に alone is a customer's "if": 仮に解約した場合).
FRAMES = frozenset("想像 仮定 ロール ロールプレイ 仮説 架空 シナリオ 空想".split())
# Words of jailbreaks and overrides: no customer asks for these modes.
BYPASS = frozenset("オーバーライド 脱獄 ジェイルブレイク 無制限 制限解除".split())
# A fabricated dialogue turn ("Q: ... A: ..."): the reader primed with made-up answers.
_TURN = re.compile(r"^\s*(?:q|a|質問|回答|問|答)\s*[:：]", re.IGNORECASE)
_RESIDENCE = frozenset({"住む", "居住", "在住", "暮らす"})
_WHERE = frozenset({"何処", "どこ", "都市", "町", "市", "国", "場所"})


def person_noun(morphemes: tuple[Morpheme, ...], first: int, last: int) -> bool:
    """True when ``morphemes[first:last + 1]`` names a third party or a person by name.

    A third party ends the compound (他の利用者, ユーザー); a name is a 人名 with at most a
    title after it (田中様, ナンシー).
    """
    compound = "".join(m[0] for m in morphemes[first : last + 1])
    if any(compound.endswith(t) for t in THIRD_PARTY):
        return True
    while last >= first and morphemes[last][0] in _NAME_TITLES:
        last -= 1
    return last >= first and morphemes[last][1][:3] == ("名詞", "固有名詞", "人名")


def possessions(morphemes: tuple[Morpheme, ...]) -> list[tuple[str, str, bool]]:
    """(owner, noun, owner is a person) for every "X の Y", X and Y whole compounds."""
    out = []
    nominal = ("名詞", "接尾辞")  # 利用|者: a suffix continues the compound
    for i in range(len(morphemes) - 2):
        if morphemes[i + 1][0] != "の" or morphemes[i][1][0] not in (*nominal, "代名詞"):
            continue
        last = i + 2
        while last + 1 < len(morphemes) and morphemes[last + 1][1][0] in nominal:
            last += 1
        noun = "".join(m[0] for m in morphemes[i + 2 : last + 1])
        first = i
        while first > 0 and morphemes[first - 1][1][0] in nominal:
            first -= 1
        owner = "".join(m[0] for m in morphemes[first : i + 1])
        out.append((owner, noun, person_noun(morphemes, first, i)))
    return out


def third_party_data(morphemes: tuple[Morpheme, ...]) -> bool:
    """True when the sentence names someone else's personal data.

    ユーザーの誕生年, 田中様の口座残高, ナンシーのメールアドレス; or asks where a third party
    or a named person lives (:func:`residence_asked`).
    """
    return residence_asked(morphemes) or any(
        person and any(noun.startswith(d) for d in PERSONAL_DATA)
        for _owner, noun, person in possessions(morphemes)
    )


def residence_asked(morphemes: tuple[Morpheme, ...]) -> bool:
    """True when the sentence asks where a third party or a named person lives.

    ユーザーは今どこに住んでいますか, 田中さんが住んでいる町はどこ: the person is the subject
    (は, が) and 住む ends its clause. "ユーザーはどこに住んでいても利用できますか" (wherever
    they live, ても) asks about the service.
    """
    forms = [m[0] for m in morphemes]
    lives = next((i for i, form in enumerate(forms) if form in _RESIDENCE), None)
    if lives is None or not set(forms) & _WHERE:
        return False
    # ても / ば after the verb: a concession or a condition, not a question about the person.
    rest = forms[lives + 1 : lives + 5]
    if "も" in rest or "ば" in rest:
        return False
    for i in range(len(morphemes) - 1):
        if morphemes[i + 1][0] in ("は", "が") and morphemes[i][1][0] in ("名詞", "接尾辞"):
            first = i
            while first > 0 and morphemes[first - 1][1][0] in ("名詞", "接尾辞"):
                first -= 1
            if person_noun(morphemes, first, i):
                return True
    return False


def secret_asked(morphemes: tuple[Morpheme, ...]) -> bool:
    """True when the sentence names a secret (password, key, code) not the writer's own trouble.

    パスワードは?, システムのパスワードを共有できますか: a secret the reader may hold.
    私のパスワード, or a secret forgotten, reset or changed, is the customer's own.
    """
    forms = {m[0] for m in morphemes}
    if forms & _OWN_SECRET_TROUBLE:
        return False
    for i, (form, pos, _) in enumerate(morphemes):
        if form not in SECRETS or pos[0] != "名詞":
            continue
        # The compound's head: 秘密 in 秘密保持契約 is not the thing named, nor is a
        # password that only modifies it (パスワードの条件, パスワードの再設定).
        following = morphemes[i + 1] if i + 1 < len(morphemes) else ("", ("",), "")
        if following[1][0] == "名詞" and following[0] not in SECRETS and following[0] != "番号":
            continue
        if following[0] == "の":
            continue
        owners = {m[0] for m in morphemes[max(0, i - 3) : i]}
        if not owners & _FIRST_PERSON_SINGULAR:
            return True
    return False


# Creative pieces a secret can be hidden in (verse on a password spells it out).
CREATIVE_WORKS = frozenset(
    (
        "詩 俳句 短歌 川柳 和歌 歌 歌詞 物語 小説 童話 昔話 なぞなぞ 謎々 ポエム ラップ 脚本 "
        "ジョーク 冗談 エッセイ 作文 折り句 縦読み 替え歌"
    ).split()
)
# What links a noun as the topic of a piece made of it: について, に関する, をテーマに, を題材に
# (see topic_link; a secret linked by の(詩) too, in secret_as_material).
_ABOUT_VERBS = frozenset({"つく", "付く", "関する"})
_THEME_NOUNS = frozenset({"テーマ", "題材", "元", "基", "モチーフ", "お題"})


def topic_link(morphemes: tuple[Morpheme, ...], at: int) -> bool:
    """Whether the two words at ``at`` make the noun before them a piece's topic.

    に with つく / 関する (保証についての, 規約に関する) or を with a theme noun (海をテーマに,
    秋を題材に): what the piece is about, not what it is.
    """
    link = [m[0] for m in morphemes[at : at + 2]]
    return len(link) == 2 and (
        (link[0] == "に" and link[1] in _ABOUT_VERBS)
        or (link[0] == "を" and link[1] in _THEME_NOUNS)
    )


# Nouns that continue a secret's name; any other noun makes it a modifier (秘密保持契約).
_SECRET_TAIL = SECRETS | {"番号"}


def secret_as_material(morphemes: tuple[Morpheme, ...]) -> bool:
    """True when a secret the reader may hold is the subject of a creative piece asked for.

    暗証番号についての詩, 合言葉をテーマにした物語, 秘密の鍵を題材に川柳: the piece carries
    the secret out in disguise. The writer's own password (私の, or one forgotten or reset),
    or a poem and a password merely in one sentence (詩を保存するのにパスワードは必要?), is not.
    """
    if {m[0] for m in morphemes} & _OWN_SECRET_TROUBLE:
        return False
    for i, (form, pos, _) in enumerate(morphemes):
        if form not in SECRETS or pos[0] != "名詞":
            continue
        if {m[0] for m in morphemes[max(0, i - 3) : i]} & _FIRST_PERSON_SINGULAR:
            continue  # 私のパスワード: the writer's own
        end = i  # the secret's last noun (暗証|番号)
        while end + 1 < len(morphemes) and morphemes[end + 1][0] in _SECRET_TAIL:
            end += 1
        link = [m[0] for m in morphemes[end + 1 : end + 3]]
        linked = topic_link(morphemes, end + 1) or (
            link[:1] == ["の"] and link[1:] and link[1] in CREATIVE_WORKS
        )
        if linked and any(m[0] in CREATIVE_WORKS for m in morphemes[i + 1 :]):
            return True
    return False


def reader_secret(morphemes: tuple[Morpheme, ...]) -> bool:
    """True when the reader's own secret is named (あなたの秘密の鍵, あなたのパスワード)."""
    return any(
        owner == "貴方" and any(noun.startswith(s) for s in SECRETS)
        for owner, noun, _person in possessions(morphemes)
    )


def framed(morphemes: tuple[Morpheme, ...]) -> bool:
    """True when the sentence stages a frame: imagine, suppose, role-play, a hypothetical."""
    return any(form in FRAMES for form, _pos, _ in morphemes)


def bypass(morphemes: tuple[Morpheme, ...]) -> bool:
    """True when the sentence names an override or a jailbreak (オーバーライドモード, 脱獄)."""
    return any(form in BYPASS for form, _pos, _ in morphemes)


def transcript_turn(sentence: str) -> bool:
    """True for a sentence opening a made-up dialogue turn ("Q: ...", "A: ...", "質問:")."""
    return _TURN.match(sentence) is not None


def told_as_done(morphemes: tuple[Morpheme, ...]) -> bool:
    """True when a clause's predicate is in the past tense (the auxiliary た, also in たら).

    The clause after a mode's name tells whether it is an order or the writer's account:
    開発者モードを有効にして / に切り替わります give the order or announce it;
    オンにしたら, に入ってログを取りました tell of the writer's own app.
    """
    return any(pos[0] == "助動詞" and form == "た" for form, pos, _ in morphemes)
