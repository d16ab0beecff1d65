"""The offline drafter's fixed wording, one table per reply language (English, Japanese).

Every sentence the offline drafter writes that is not copied from a KB article comes from
here, so the wording can be reviewed (and translated) in one place. Slots use
``str.format`` names; none of them carries a figure, link or promise of its own except the
pending line's time frame, which the backend makes optional.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Phrases:
    """The sentences the offline drafter composes a reply from, in one language."""

    greeting_named: str  # {name}
    greeting_plain: str
    intro: str  # {agent} {team}: who is writing (empty when the register does not use one)
    ack_thanks_about: str  # {topic}
    ack_thanks: str
    ack_sorry_about: str  # {topic}
    ack_sorry: str
    ack_kind_words: str  # a message that only thanks us
    topic_quote: str  # {text}: a restated question shown in quotes
    read_more: str  # {title} {url}
    read_more_no_url: str  # {title}
    pending_in_days: str  # {days}
    pending_open: str
    pending_about: str  # {topic} {when}: a pending line naming the question, one sentence
    when_in_days: str  # {days}
    when_open: str
    no_question_lead: str
    need_from_you: str  # {sentence}
    close_pending: str
    close_done: str
    close_kind_words: str  # the close after a thank-you reply: nothing above to check
    social_private: str
    shared_secret: str  # the customer posted a card number, password or national ID
    sign_off: str
    closing_line: str  # {brand}: a final courtesy line before the sign-off, may be ""
    closing_line_plain: str  # the same without a brand


EN = Phrases(
    greeting_named="Hi {name},",
    greeting_plain="Hello,",
    intro="",
    ack_thanks_about="Thank you for your message about {topic}.",
    ack_thanks="Thank you for getting in touch.",
    ack_sorry_about="I'm sorry about {topic}, and thank you for letting us know.",
    ack_sorry="I'm sorry for the trouble, and thank you for letting us know.",
    ack_kind_words="Thank you so much for your kind message; it means a lot to the whole team.",
    topic_quote="“{text}”",
    read_more="More in our help article “{title}”: {url}",
    read_more_no_url="More in our help article “{title}”.",
    pending_in_days=(
        "We are checking this with our team and will reply within {days} business days."
    ),
    pending_open="We are checking this with our team and will get back to you with an answer.",
    pending_about="We are checking this with our team: {topic} {when}",
    when_in_days="We will reply within {days} business days.",
    when_open="We will get back to you as soon as we have an answer.",
    no_question_lead="Here is what our help center says about this:",
    need_from_you="What we need from you: {sentence}",
    close_pending=(
        "I'll follow up on the open point above as soon as I have an answer; for anything "
        "else, just reply to this message."
    ),
    close_done=(
        "If anything above does not match what you see, just reply to this message and "
        "I'll look into it."
    ),
    close_kind_words="If there is ever anything we can help with, just reply to this message.",
    social_private=(
        "So we can look at your account details privately, please send us a direct message."
    ),
    shared_secret=(
        "For your security, please don't send card numbers, passwords or ID numbers by "
        "email or chat; we will never ask you for them."
    ),
    sign_off="Best regards,",
    closing_line="",
    closing_line_plain="",
)

JA = Phrases(
    greeting_named="{name}様",
    greeting_plain="お問い合わせいただきありがとうございます。",
    intro="{team}の{agent}でございます。",
    ack_thanks_about="このたびは{topic}の件でお問い合わせいただき、誠にありがとうございます。",
    ack_thanks="このたびはお問い合わせいただき、誠にありがとうございます。",
    ack_sorry_about="このたびは{topic}の件でご不便をおかけしており、誠に申し訳ございません。",
    ack_sorry="このたびはご不便をおかけしており、誠に申し訳ございません。",
    ack_kind_words=(
        "このたびは温かいお言葉をいただき、誠にありがとうございます。"
        "スタッフ一同、大変うれしく拝見いたしました。"
    ),
    topic_quote="「{text}」について",
    read_more="詳しくは「{title}」をご覧ください：{url}",
    read_more_no_url="詳しくはヘルプ記事「{title}」をご覧ください。",
    pending_in_days="こちらは担当部署に確認のうえ、{days}営業日以内にご連絡いたします。",
    pending_open="こちらは担当部署に確認のうえ、改めてご連絡いたします。",
    pending_about="{topic}、担当部署に確認のうえ、{when}",
    when_in_days="{days}営業日以内にご連絡いたします。",
    when_open="改めてご連絡いたします。",
    no_question_lead="ヘルプセンターの該当記事より、ご案内いたします。",
    need_from_you="お手数ですが、{sentence}",
    close_pending=(
        "確認中の点につきましては、分かり次第ご連絡いたします。"
        "そのほかご不明な点がございましたら、本メールにご返信ください。"
    ),
    close_done="ご不明な点がございましたら、お気軽に本メールにご返信ください。",
    close_kind_words="今後もお困りのことがございましたら、お気軽に本メールにご返信ください。",
    social_private="お客様の情報を確認するため、ダイレクトメッセージにてご連絡いただけますでしょうか。",
    shared_secret=(
        "セキュリティ保護のため、カード番号・パスワード・マイナンバーはメールやチャットで"
        "お送りにならないようお願いいたします。当社からお尋ねすることはございません。"
    ),
    sign_off="",
    closing_line="今後とも{brand}をよろしくお願いいたします。",
    closing_line_plain="今後ともよろしくお願いいたします。",
)

_TABLES = {"en": EN, "ja": JA}


# On chat there is no email to reply to: the close lines name the chat instead.
_CHAT_WORDING = (("本メール", "このチャット"), ("this email", "this chat"))


def phrases_for(language: str, channel: str = "email") -> Phrases:
    """Return the phrase table for ``language`` (English for any language we lack).

    On ``chat`` the sentences that name the email name the chat (the channel's register).
    """
    table = _TABLES.get(language, EN)
    if channel != "chat":
        return table
    chat = {}
    for name, value in vars(table).items():
        for email_word, chat_word in _CHAT_WORDING:
            value = value.replace(email_word, chat_word)
        chat[name] = value
    return Phrases(**chat)
