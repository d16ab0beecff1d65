"""Japanese asks read from SudachiPy's morphemes: negated, unexpected and recurring states."""

import pytest

from guardrails.context import GuardrailContext, Message
from guardrails.questions import LexicalJudge, Question
from guardrails.questions.answer_types import asked_types
from guardrails.questions.asks_ja import asks_when_ja, is_polar_ja
from guardrails.questions.extract import ask_kind, asks_in


@pytest.mark.parametrize(
    "sentence",
    [
        "マイページに請求書が表示されません。",  # negation through passive れる and ます
        "アプリから解約させてもらえない状態です。",  # through causative させる
        "ログインするたびに認証コードを求められます。",  # recurring + passive
        "何度も同じ確認メールが送られてきます。",
        "返品したのに、返金がまだ保留のままです。",  # まま as the predicate
        "配送状況が「発送準備中」のままになっています。",
        "なぜか注文がキャンセル扱いになっています。",  # an unbidden change
        "昨日届くはずでしたが、まだ来ていません。",
        "間違えてアカウントを削除してしまいました。",  # てしまう
    ],
)
def test_japanese_problem_reports(sentence: str) -> None:
    assert ask_kind(sentence) == "problem"


@pytest.mark.parametrize(
    "sentence",
    [
        "すみません、先日問い合わせた者です。",  # apology: a set phrase, not a negated state
        "日程は変更でも構いません。",  # permission
        "来週は不在にするかもしれません。",  # epistemic かもしれない
        "申し訳ありません。",
        "このままで大丈夫です。",  # まま after a demonstrative
        "毎回丁寧にご対応いただき感謝しています。",  # recurring, but nothing done to anyone
        "何卒よろしくお願いいたします。",  # a closing formula
        "引き続きよろしくお願いいたします。",  # 引き続き is split into two verbs by the tokenizer
        "引き続き、どうぞよろしくお願いします。",
        "重ねてよろしくお願いいたします。",
    ],
)
def test_japanese_non_asks(sentence: str) -> None:
    assert ask_kind(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("送付先を勤務先に変更したいのですが", "request"),
        ("請求書の再送をお願いいたします", "request"),
        ("分割払いには対応していますでしょうか", "question"),
        ("ポイントの有効期限について知りたいです", "question"),
        # a closing adverb does not hide what is asked for
        ("引き続き調査をお願いいたします", "request"),
        ("引き続きご対応をよろしくお願いいたします", "request"),
        # a hedged wish: conditional ば + と + a verb of thinking
        ("次回から土曜日の枠に移れればと思います", "request"),
        ("解約金の有無を確認できればと存じます", "question"),
        # a noun of desire used as a verb
        ("午前中の配送を希望します", "request"),
    ],
)
def test_japanese_requests_and_questions_without_question_marks(sentence: str, kind: str) -> None:
    assert ask_kind(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "いつもサービスを利用させていただいております。",  # a favour received, progressive
        "先日は早急に交換していただいてありがとうございました。",  # thanks after the favour
        "商品を無事に送っていただきました。",  # past
    ],
)
def test_a_favour_received_is_not_a_request(sentence: str) -> None:
    assert ask_kind(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    ["二週間前に問い合わせましたが返信がない。", "見覚えのない引き落としがありました。"],
)
def test_a_missing_thing_is_a_problem(sentence: str) -> None:
    assert ask_kind(sentence) == "problem"


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("決済しようとすると画面が止まってしまう", "problem"),  # what happens on trying
        ("アプリを開こうとしても真っ白です", "problem"),
        ("来年また購入しようと思っています。", None),  # と + 思う: a plan
    ],
)
def test_what_happens_on_trying(sentence: str, kind: str | None) -> None:
    assert ask_kind(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "届いた花瓶が割れていました。",  # a verb of damage
        "箱の角がへこんでいました",
        "ジャケットのファスナーが取れていました。",  # came off: a resultative 〜ている
    ],
)
def test_japanese_damage_reports(sentence: str) -> None:
    assert ask_kind(sentence) == "problem"


def test_a_booking_secured_is_not_damage() -> None:
    # 取れる after an act noun (予約, サ変) is the potential of 取る: a success
    assert ask_kind("来週の予約が取れています。") is None


def test_an_honorific_request_without_te_asks() -> None:
    # ご + an act + いただける, softened by 幸いです / 助かります
    assert ask_kind("本日中にご返信いただけると助かります") == "request"


@pytest.mark.parametrize(
    "sentence",
    [
        "お手数をおかけしますが、よろしくお願いいたします。",  # a cushion, then a closing
        "ご対応いただきありがとうございます",  # a favour received
    ],
)
def test_japanese_cushions_and_thanks_are_not_asks(sentence: str) -> None:
    assert ask_kind(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "質問してもいいですか",  # leave to ask, no topic
        "お伺いしたいことがあります。",  # たい + こと + ある: something to ask is coming
        "今お時間よろしいでしょうか",
    ],
)
def test_japanese_announcements_of_an_ask_are_not_asks(sentence: str) -> None:
    assert ask_kind(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    ["営業時間を聞きたいです", "いつ届くか聞いてもいいですか", "返品について相談できますか"],
)
def test_asking_about_a_topic_still_asks(sentence: str) -> None:
    assert ask_kind(sentence) == "question"


@pytest.mark.parametrize(
    ("sentence", "polar"),
    [
        # an indeterminate + も/でも/か is a quantifier: the question asks yes or no
        ("いつでも解約できますか", True),
        ("いつも使えますか", True),
        ("何か必要ですか", True),
        ("どこでも使えますか", True),
        ("誰でも登録できますか", True),
        ("何回でも使えますか", True),
        # the same words as wh-words ask for a fact
        ("いつ届きますか", False),
        ("どこで買えますか", False),
        ("何日かかりますか", False),
        ("いつまでに返品できますか", False),
        ("返金はいつ頃になりますか", False),  # Sudachi keeps いつ頃 whole
        ("どうして届かないのですか", False),
    ],
)
def test_an_indeterminate_with_mo_or_ka_is_no_wh_word(sentence: str, polar: bool) -> None:
    assert is_polar_ja(sentence) is polar


def test_a_yes_no_ask_with_itsudemo_is_answered_by_a_yes() -> None:
    (assessment,) = LexicalJudge().assess(
        [Question("q1", "いつでも解約できますか", "question")],
        "はい、可能です。",
        GuardrailContext(
            messages=(Message(role="customer", body="いつでも解約できますか"),),
            customer_language="ja",
            draft_language="ja",
        ),
    )
    assert assessment.status == "answered"


@pytest.mark.parametrize(
    "sentence",
    [
        "荷物が届けば連絡します",  # a conditional with a plan after it
        "特に希望はありません",  # a noun of desire that is not a verb
    ],
)
def test_conditionals_and_desire_nouns_that_do_not_ask(sentence: str) -> None:
    assert ask_kind(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "asks_when"),
    [
        ("荷物はいつ届きますか。", True),
        ("いつ頃発送されますか", True),
        ("いつまでに申し込めばよいですか。", True),
        ("いつまで有効ですか", True),
        ("いつでも解約できますか。", False),  # any time: a yes/no ask
        ("いつも使っているカードが使えません。", False),  # always: Sudachi's one noun
        ("いつまでも待てません。", False),
    ],
)
def test_itsu_asks_when_only_as_a_wh_word(sentence: str, asks_when: bool) -> None:
    # One reading of いつ for extraction (asks_when_ja) and judgement (asked_types).
    assert asks_when_ja(sentence) is asks_when
    assert ("@time" in asked_types(sentence)) is asks_when


def test_an_indeterminate_with_its_particle_in_one_word_is_no_wh_word() -> None:
    assert is_polar_ja("何か問題がありますか。")
    assert not is_polar_ja("何が問題ですか。")


@pytest.mark.parametrize(
    "sentence",
    [
        "すみません、少しお伺いしたいことがあります。",  # an apology is a set phrase, not a topic
        "えっと、ご相談したい点がございます。",  # an interjection names nothing
        "確認したいことがあるのですが。",  # a desire clause on a formal noun said to exist
    ],
)
def test_announcements_of_an_ask_are_not_asks(sentence: str) -> None:
    assert ask_kind(sentence) is None


def test_an_announcement_with_a_topic_still_asks() -> None:
    assert ask_kind("請求について確認したいことがあります。") is not None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("届いたバッグの色がサイトで見たものよりずっと明るいです。", "problem"),
        ("頼んだカーテンが思っていたより短かったです。", "problem"),
        ("アプリが重くて困っています。", "problem"),
        ("思ったより早く届きました。", None),  # a favourable surprise
        ("先月より料金が高いです。", None),  # compared with a time, not an expectation
    ],
)
def test_worse_than_expected_is_a_problem(sentence: str, kind: str | None) -> None:
    assert ask_kind(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("席を予約したいのですが、何時までに連絡すればよいでしょうか", "question"),
        ("退会したいのですが、今月中でも可能でしょうか", "question"),
        ("相談があるのですが、明細を送っていただけますか。", "request"),
        ("手続きを進めたいので、書類を送ってもらえますか。", "request"),
    ],
)
def test_the_main_clause_after_ga_or_node_sets_the_kind(sentence: str, kind: str) -> None:
    assert ask_kind(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("この荷物どこにあるの", "question"),  # a wh-word and the sentence-final の
        ("昨日届いたの", None),  # the final の without a wh-word states
        ("ログインの仕方教えて", "question"),  # a bare て-form request to be told
        ("配送先を変更して", "request"),
        ("画面が急に消えてしまって", "problem"),  # て after an auxiliary verb tells a state
        ("ひとつ聞いてもいいですか", None),  # a count of asks names no topic
    ],
)
def test_casual_questions_and_requests(sentence: str, kind: str | None) -> None:
    assert ask_kind(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("料金が間違っているんじゃないですか", "problem"),  # trouble put as a question for assent
        ("こちらのプランの方が得なんじゃないですか", "question"),  # no trouble in the clause
    ],
)
def test_a_negative_question_about_trouble_is_a_problem(sentence: str, kind: str) -> None:
    assert ask_kind(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("困ったことがなければ、また来月利用します。", None),  # a negation in a conditional
        ("分からない点があったら電話します。", None),
        ("荷物が届かなかったら返金してもらえますか。", "request"),  # the main clause asks
    ],
)
def test_a_negation_in_a_conditional_reports_nothing(sentence: str, kind: str | None) -> None:
    assert ask_kind(sentence) == kind


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("まだ振込が確認されてないんですけど", "problem"),  # 〜てない, spoken 〜ていない
        ("頼んだ資料、まだ読んでないです", "problem"),  # 〜でない after a voiced stem
        ("夕方になると回線がつながりにくいです", "problem"),  # a suffix of difficulty
        ("この画面は文字が見づらいです", "problem"),
        ("分かりにくければ図を送ってください", "request"),  # the difficulty is only supposed
    ],
)
def test_contracted_negation_and_difficulty_report_problems(
    sentence: str, kind: str | None
) -> None:
    assert ask_kind(sentence) == kind


@pytest.mark.parametrize(
    "sentence",
    ["聞きたいことが3つあります。", "質問したいことがいくつかございます。"],
)
def test_an_announced_count_of_asks_is_no_ask(sentence: str) -> None:
    assert ask_kind(sentence) is None


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("頼んだ見積もりがまだです", "problem"),  # まだ as the predicate: not come yet
        ("まだ使えますよ", None),  # まだ modifying a verb
        ("先週退会したのに会費が引かれていました", "problem"),  # のに after a past clause
        ("転居したのに合わせて登録住所を直しました", None),  # 〜に合わせて, no concession
        ("夜になると映像が途切れます", "problem"),  # a compound verb of failure
        ("浴室の水漏れがひどいです", "problem"),  # a failure verb's stem as a noun
        ("充電器の電池切れが続いています", "problem"),
        ("台所の蛇口が水もれしています", "problem"),  # the stem spelled in kana
        ("パンを三切れ焼いてもらいました", None),  # a counter after a numeral: slices
        ("食パンを一切れ残しておきました", None),  # numeral and counter in one word
        ("電池切れ防止の設定にしました", None),  # a stem noun naming a kind of thing
        ("会員証をなくしました", "problem"),  # a thing of one's own lost
        ("発表会に間に合うか心配です", "question"),  # an embedded question under a worry
        ("替えの部品があるか気になっています", "question"),
    ],
)
def test_more_problem_and_question_forms(sentence: str, kind: str | None) -> None:
    assert ask_kind(sentence) == kind


def test_a_japanese_ask_longer_than_sudachi_takes_is_read_not_refused() -> None:
    # One sentence of ~60,000 bytes: Sudachi refuses pieces over 49,149 bytes, so the ask's
    # morphemes are read piece by piece (the draft used to fail with SudachiError).
    sentence = "返品" + "の件で確認したいこと" * 2000 + "はありますか？"
    assert len(sentence.encode()) > 49_149
    assert ask_kind(sentence) == "question"
    assert is_polar_ja(sentence)


@pytest.mark.parametrize(
    ("body", "count"),
    [
        # a degree word or こと before でしょう exclaims: no question
        ("どんなに心強かったことでしょう。", 0),
        ("あの時の対応でどれほど救われたでしょう。", 0),
        ("なんと美しい包装でしょう。", 0),
        # a wh-word guess still asks; なんとか is no degree word
        ("いつ頃届くんでしょう。", 1),
        ("どのくらい待てばいいでしょう。", 1),
        ("何とかならないでしょうか。", 1),
    ],
)
def test_a_degree_word_before_deshou_exclaims(body: str, count: int) -> None:
    assert len(asks_in(body)) == count


def test_the_asking_clause_is_read_without_the_background_before_it() -> None:
    from guardrails.questions.asks_ja import asking_clause_ja

    assert asking_clause_ja("来月引っ越すのですが、住所の変更はどこでできますか") == (
        "住所の変更はどこでできますか"
    )
    assert asking_clause_ja("予約したいのですが、何日前までに申し込めばよいでしょうか") == (
        "何日前までに申し込めばよいでしょうか"
    )
    # negatives: no background clause, a last clause naming nothing, English text
    assert asking_clause_ja("住所の変更はどこでできますか") == "住所の変更はどこでできますか"
    assert asking_clause_ja("変更したいのですが、") == "変更したいのですが、"
    assert asking_clause_ja("Can I change it?") == "Can I change it?"


@pytest.mark.parametrize(
    "sentence", ["交換できますか", "返金してください", "恐れ入りますが、返品できますか"]
)
def test_names_only_act_ja_reads_a_request_with_no_object(sentence: str) -> None:
    from guardrails.questions.asks_ja import names_only_act_ja

    assert names_only_act_ja(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # negatives: the ask names its own thing, or is no Japanese
        "部屋を替えてもらえますか",
        "配送は土日もしてますか",
        "ギフトカードは使えますか",
        "配送先を変更したいです",
        "Can I get a refund?",
    ],
)
def test_names_only_act_ja_is_false_for_an_ask_naming_its_thing(sentence: str) -> None:
    from guardrails.questions.asks_ja import names_only_act_ja

    assert not names_only_act_ja(sentence)
