"""Small concept lexicons for the escalation readers: classes of things, never whole sentences.

Each set names an entity class (people with authority, legal actors, payment parties,
regulators, public channels, relationship objects) or a class of actions, as English lemmas
(lemminflect) or Japanese normalised forms (SudachiPy). The readers in ``escalation_en`` and
``escalation_ja`` decide from sentence structure (who acts, negation, hypotheticals, questions,
attributive use) whether a mention is an escalation; these sets only say what a word is.
"""

from __future__ import annotations

# --- English (lemmas; multiword entries are matched as lemma sequences) ---------------------

# People above the first-line agent.
EN_AUTHORITY = frozenset(
    "manager supervisor boss superior director management higher-up higher-ups head".split()
)
EN_AUTHORITY_MULTI = (("team", "lead"), ("team", "leader"), ("higher", "up"))
# "someone senior", "anyone above you", "somebody in charge", "a person with authority".
EN_SOMEONE = frozenset("someone somebody anyone anybody person people whoever".split())
EN_SENIORITY = frozenset("senior higher above authority charge superior more".split())
# Verbs of reaching a person (the customer asks to reach the authority, or it to reach them).
EN_REACH = frozenset(
    """speak talk transfer connect put get want need like see call reach pass hand bring
    escalate let give find contact email phone ring have review handle look approve decide
    deal take""".split()
)

# Verbs whose negation affirms: "I won't hesitate to ..." announces the act.
EN_HESITATE = frozenset("hesitate think twice".split())
EN_LEGAL_ACTOR = frozenset("lawyer attorney solicitor barrister counsel".split())
EN_LEGAL_ACT = frozenset("sue lawsuit litigation court tribunal".split())
EN_LEGAL_MULTI = (
    ("legal", "action"),
    ("legal", "proceeding"),
    ("legal", "step"),
    ("legal", "route"),
    ("small", "claim"),
    ("breach", "of", "contract"),
    ("take", "you", "to", "court"),
)

EN_PAYMENT_PARTY = frozenset("bank paypal visa mastercard amex issuer stripe klarna".split())
EN_PAYMENT_PARTY_MULTI = (
    ("card", "company"),
    ("card", "issuer"),
    ("credit", "card", "company"),
    ("card", "provider"),
    ("american", "express"),
)
EN_PAYMENT_OBJECT = frozenset("charge payment transaction debit".split())
EN_PAYMENT_ACTION = frozenset(
    "contact call ask tell report dispute complain file claim notify email phone".split()
)
EN_PAYMENT_REVERSAL = frozenset("reverse stop block cancel claw recall refuse".split())

EN_REGULATOR = frozenset(
    "bbb ftc cfpb ombudsman regulator regulators ico fca ofcom accc ag".split()
)
EN_REGULATOR_MULTI = (
    ("better", "business", "bureau"),
    ("federal", "trade", "commission"),
    ("consumer", "financial", "protection", "bureau"),
    ("trading", "standard"),
    ("attorney", "general"),
    ("consumer", "protection"),
    ("consumer", "right"),
    ("consumer", "affair"),
    ("data", "protection", "authority"),
    ("competition", "bureau"),
)
EN_COMPLAINT_ACTION = frozenset(
    """report complain complaint file lodge contact write go take escalate tell send notify
    alert submit raise refer""".split()
)

EN_PUBLIC_CHANNEL = frozenset(
    """twitter facebook instagram reddit tiktok linkedin youtube trustpilot yelp google
    review online internet everyone everybody world forum forums x social media glassdoor
    people""".split()
)
EN_PUBLISH = frozenset(
    "post tweet share write leave put publish tell warn blast expose review rate".split()
)
EN_BAD_RATING = frozenset("bad negative terrible horrible scathing honest awful poor".split())
EN_LOW_STARS = frozenset("1 one 0 zero no".split())

EN_CANCEL = frozenset("cancel terminate unsubscribe quit close end".split())
# What a customer cancels when they leave (not an order, a post or a booking of their shop).
EN_RELATIONSHIP = frozenset(
    "account subscription membership plan contract service everything renewal".split()
)
EN_SWITCH = frozenset("switch move go migrate take".split())
EN_ELSEWHERE = frozenset("competitor competitors another other elsewhere different".split())

# Verbs of contacting support (a repeat contact: "I reported this ... and again").
EN_CONTACT = frozenset(
    """ask write email contact call message tell explain report raise chase repeat remind
    reach mention follow send chat ring phone""".split()
)
EN_CONTACT_NOUN = frozenset(
    """time email mail message request ticket call attempt chat letter contact reminder
    follow-up""".split()
)
EN_ORDINAL = frozenset(
    "third fourth fifth sixth seventh eighth ninth tenth umpteenth nth 3rd 4th 5th 6th".split()
)
EN_MANY = frozenset(
    "several many multiple numerous countless three four five six seven eight nine ten".split()
)

# --- Japanese (SudachiPy normalised forms) ---------------------------------------------------

JA_AUTHORITY = frozenset(
    "責任者 上司 上長 管理職 店長 支配人 マネージャー マネジャー 上席 役職者 社長 偉い".split()
)
# 上の者 / 上の人 / 上の方: "the one above".
JA_ABOVE_PERSON = frozenset("者 人 方".split())
JA_REACH = frozenset(
    """出す 話す 話 代わる 替わる 変わる 繋ぐ 取り次ぐ 呼ぶ 連絡 対応 電話 説明 交代 交替
    出る 回す 会う 相談""".split()
)
# Verbs whose negation affirms: 辞さない, 厭わない ("will not shrink from").
JA_HESITATE = frozenset("辞す 辞する 厭う 躊躇う ためらう 躊躇".split())
JA_LEGAL_ACTOR = frozenset("弁護士 司法書士 法律家".split())
JA_LEGAL_ACT = frozenset("訴訟 訴える 提訴 告訴 裁判 法廷 告発".split())
JA_LEGAL_MEANS = frozenset("措置 手段 処置 対応 手続き 行動".split())
JA_CONSULT = frozenset(
    "相談 依頼 連絡 任せる 立てる 入れる 通す 話す 委任 頼む 伝える 見せる 送る".split()
)
JA_PAYMENT_PARTY = frozenset(
    "カード会社 クレジットカード会社 銀行 決済会社 信販会社 ペイパル".split()
)
JA_PAYMENT_ACTION = frozenset(
    """連絡 相談 申告 申し立てる 申し立て 異議 止める 取り消す 取り消し 返金 求める 通報
    報告 請求 停止 取り消し 差し止める 止め""".split()
)
JA_REGULATOR = frozenset(
    """消費者センター 消費生活センター 国民生活センター 消費者庁 公正取引委員会 公取 警察
    監督官庁 金融庁 経済産業省 総務省 行政""".split()
)
JA_REPORT = frozenset(
    "相談 通報 報告 申告 訴える 連絡 言う 届ける 持ち込む 苦情 申し出る 告発 通告".split()
)
JA_PUBLIC_CHANNEL = frozenset(
    """口コミ クチコミ レビュー SNS ツイッター ネット インターネット 掲示板 ブログ グーグル
    評価サイト 口コミサイト フェイスブック インスタ インスタグラム""".split()
)
JA_PUBLISH = frozenset(
    "書く 投稿 載せる 晒す 拡散 公開 暴露 流す 広める 付ける 書き込む 発信 つける".split()
)
JA_CANCEL = frozenset("解約 退会 脱退 契約解除".split())
JA_CANCEL_SOFT = frozenset("キャンセル 止める 辞める やめる 解除".split())
JA_RELATIONSHIP = frozenset(
    "契約 プラン サブスク サブスクリプション 会員 アカウント サービス 定期 購読 利用 登録".split()
)
JA_SWITCH = frozenset("乗り換える 乗り換え 移る 切り替える 移行 乗換え 乗換".split())
JA_ELSEWHERE = frozenset("他社 他 別 競合 ほか".split())
JA_MANY = frozenset("何度 何回 再三 度々 たびたび 幾度 何遍 何べん 繰り返し".split())
JA_CONTACT = frozenset(
    """連絡 問い合わせる 問い合わせ 問合せ お願い 願う 説明 メール 電話 言う 伝える 申し上げる
    送る 書く 聞く 確認 申す 依頼 相談 催促 質問""".split()
)
