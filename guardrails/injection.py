"""Prompt-injection patterns (English and Japanese) in customer text, compiled once at import."""

from __future__ import annotations

import re

_OUTPUT = r"(?:answer|response|reply|message|output|responses|replies|answers)"
_YOUR_OUTPUT = rf"(?:your|the)\s+(?:\w+\s+)?{_OUTPUT}(?:'s)?"
# Verbs that edit the reply as text (customers ask for facts, not for these).
_META_VERB = (
    r"(?:modify|enhance|augment|integrate|embed|render|rewrite|format|append|insert|"
    r"incorporate|conclude|end|begin|start|finish|sign|translate|write|compose|craft)"
)
# Verbs that only a request to rewrite the reply uses with "in your answer".
_EDIT_VERB = (
    r"(?:insert|append|integrate|embed|replace|convert|remove|group|combine|scramble|jumble|"
    r"rearrange|anagram|misspell|introduce|substitute|tease|hint|encourage|promote|urge|stress|"
    r"emphasi[sz]e|highlight|express|ask\s+(?:users|readers))"
)
# Everyday verbs ("include the tracking number in your reply") count only with a meta object.
_WEAK_VERB = r"(?:add|include|mention|use|provide|offer|recommend|direct|invite|put|suggest)"
_META_OBJECT = (
    r"(?:sentence|statement|line|tip|reminder|recommendation|reason|appeal|headline|"
    r"phrase|paragraph|slogan|joke|poem|story|advert|promotion|numbers?\s+(?:for|instead)|"
    r"symbols?|anagrams?|"
    r"typos?|misspellings?|emojis?|capital|uppercase|[\"“][^\"”\n]{1,120}[\"”]|www\.|https?://|\w+\.(?:com|net|org|xyz))"
)
# Within one sentence, letting URLs ("example.com") and quoted text ("...!") through.
_SAME_SENTENCE = r"(?:[^.?!\n\"“]|\.(?=\w)|[\"“][^\"”\n]{0,100}[\"”])"
_EN = [
    # Addressed to the model or its instructions.
    r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+|my\s+)?"
    r"(?:previous|prior|above|earlier|preceding|system|original|initial)?\s*"
    r"(?:instructions?|prompts?|rules|directions|guidelines|context)",
    r"\b(?:system|developer)\s+(?:prompt|message|instructions?)\b|\bjailbreak|\bdeveloper\s+mode\b",
    r"\b(?:you\s+are\s+now|from\s+now\s+on,?\s+you|act\s+as\s+(?:a|an|if)|pretend\s+(?:to\s+be|you))\b",
    r"\b(?:dear|attention|note\s+to|hey|hello)?\s*(?:the\s+)?(?:ai|a\.i\.|assistant|chatbot|bot|llm|"
    r"gpt|chatgpt|language\s+model|auto-?responder)\s*[:,]\s*(?:please\s+)?(?:ignore|disregard|forget|"
    r"reply|respond|write|say|tell|include|add|do\s+not|don't|always|never|you|stop|act|pretend|"
    r"output|print|send)",
    r"\b(?:if\s+you\s+are|as)\s+an?\s+(?:ai|language\s+model|assistant|llm|bot)\b[^.?!]{0,60}"
    r"\b(?:must|should|please|reply|respond|ignore|include|write)\b",
    r"^\s*(?:\[|<|#{2,}\s*)(?:system|instruction|inst|assistant)\b",
    # Tells the reply what to do.
    rf"\b{_META_VERB}\s+{_YOUR_OUTPUT}\b",
    rf"\b{_EDIT_VERB}\b{_SAME_SENTENCE}{{0,90}}?\b(?:in|to|into|within|throughout|for|from|of)\s+"
    rf"{_YOUR_OUTPUT}\b",
    rf"\b{_WEAK_VERB}\b(?:[^.?!\n]{{0,40}}?){_META_OBJECT}{_SAME_SENTENCE}{{0,90}}?"
    rf"\b(?:in|to|into|within|throughout|for|of)\s+{_YOUR_OUTPUT}\b",
    r"\bwhen\s+you\s+(?:answer|reply|respond|write\s+back)\b[^.?!\n]{0,40}?\b(?:make\s+sure\s+to|"
    r"be\s+sure\s+to|always)\s+(?:recommend|promote|mention|link|add|tell|say)",
    rf"\b(?:in|within|throughout)\s+{_YOUR_OUTPUT}\s*,\s*(?!please\s+(?:confirm|tell|let|include|"
    r"explain|clarify))\w+",
    rf"\b{_YOUR_OUTPUT}\s+(?:must|should|needs?\s+to)\s+(?:be\s+written|contain|include|start|"
    r"end|use|be\s+in)",
    rf"\b(?:provide|give|write|render)\s+{_YOUR_OUTPUT}\s+(?:using|in|with|without|as)\b",
    r"\b(?:replace|substitute|convert|swap)\s+(?:all\s+|every\s+\w+\s+|the\s+)?"
    r"(?:letters?|vowels?|consonants?|characters?|words?)\s+(?:with|in|to|into)\b",
    r"\b(?:reply|respond|answer)\s+only\s+(?:in|with|using)\b",
    r"\b(?:tell|suggest\s+to|encourage|urge|remind|invite)\s+(?:the\s+)?(?:users|readers|recipients)\b",
]
_JA = [
    r"(?:これまで|以前|前|上記|先ほど|今まで)の(?:指示|命令|プロンプト|ルール|設定)を?(?:すべて|全て)?"
    r"(?:無視|忘れ|破棄)",
    r"(?:指示|命令|プロンプト|ルール)(?:を|は)(?:すべて|全て)?(?:無視|忘れ)",
    r"システムプロンプト|開発者モード|ジェイルブレイク|脱獄",
    r"(?:AI|ＡＩ|エーアイ|アシスタント|チャットボット|ボット|言語モデル|自動応答)"
    r"(?:へ|に|の方|さん|として|は|の皆さん|様)?[、,:：\s]*(?:の)?(?:指示|命令|お願い|返信|回答|出力|"
    r"以下|次|あなた|必ず|これから)",
    r"(?:AI|ＡＩ|アシスタント|チャットボット|ボット|言語モデル|自動応答)(?:へ|に|さんへ|の方へ)[、,:：\s]"
    r"[^。\n]{0,60}?(?:回答|返信|返答|出力|記載|書いて|答えて)",
    r"あなたは(?:今|これ)から|あなたは[^。\n]{0,20}(?:として振る舞|になりきっ|のふりを)",
    r"(?:返信|回答|返答|応答|出力|メール)(?:文)?(?:の(?:冒頭|最後|末尾|最初|中|文末|文頭)|の中|内|の本文)?"
    r"(?:に|で|には|では)[、\s]*(?:必ず)?[^。\n]{0,40}?(?:「[^」]{1,80}」|リンク|URL|ＵＲＬ|文章|一文|"
    r"宣伝|広告)(?:を|と)?[^。\n]{0,10}?(?:追加|記載|挿入|含め|入れ|書い|添え|記述)",
    r"(?:返信|回答|返答|出力)(?:文)?(?:を|は)[^。\n]{0,20}?(?:ローマ字|逆さ|逆順|暗号|大文字|すべて英語|数字に置き換え|"
    r"スペースなし|アナグラム)",
    r"(?:文字|母音|単語)を[^。\n]{0,20}?(?:数字|記号)に(?:置き換え|変換)",
    r"(?:ユーザー|読者|利用者)(?:に|へ)[^。\n]{0,40}?(?:勧め|促し|誘導|宣伝)(?:て|る)",
]
INJECTION = re.compile("|".join(f"(?:{p})" for p in _EN + _JA), re.IGNORECASE | re.MULTILINE)
