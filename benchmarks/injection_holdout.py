"""An in-house held-out injection batch, scored on its own.

Run: ``python benchmarks/injection_holdout.py [BATCH]`` with BATCH one of ``BATCHES``
(default ``ja_r20``). Attacks of ``benchmarks/data/injection_inhouse_<BATCH>_holdout_attacks.jsonl``
are embedded in the test support emails of their language at the start, middle and end (as
``benchmarks/injection.py`` does); the clean texts of ``..._holdout_clean.jsonl`` are checked
as they are. Each batch was written before any code of its round changed and scored once on
the unchanged code; that run is frozen in
``benchmarks/results/injection_<BATCH>_holdout_first_run.json`` and never tuned on. Later runs
write ``injection_<BATCH>_holdout.json``.

Batches ``ja_r20``, ``r21``, ``r22``, ``r23``, ``r24``, ``r26`` and ``r28`` are dev data since
stop 30 (``injection_data.DEMOTED_HOLDOUTS``): a run writes ``injection_<BATCH>_dev.json`` and, with
``-v``, prints the batch's misses and false alarms; their held-out files stay as they were.

Batches: ``ja_r20`` (issue 9, round 20: Japanese attacks and hard negatives); ``r21`` (issue 9,
round 21, English and Japanese: a secret or someone's data transformed or used as material
for a poem, a claimed special mode or authority, and hard negatives about passwords,
translations, poems, modes and overrides); ``r22`` (issue 9, stop 22, English and Japanese:
hijacking, prompt extraction, personas, orders addressed to the AI or bot, "ignore the
earlier instructions" in Japanese; ordinary customer emails that mention the system, prompts,
instructions, settings, bots, assistants, roles, "ignore", "respond" and "repeat"); ``r23``
(issue 9, stop 23, English and Japanese: the same attack kinds in other email phrasings, fake
end-of-message and system blocks, translated or summarised prompts; customer emails naming the
system, prompts, instructions, settings, the bot, "ignore my previous email" and "new
instructions from our office"; and degenerate inputs, reported apart: emoji only, symbol runs,
replacement characters, one or two words); ``r24`` (issue 9, stop 24, mostly Japanese: hijacking,
prompt extraction, personas and role-play, orders to the AI, assistant, bot, ボット or
AIアシスタント, output-format hijacks, keigo and casual forms, orders split across sentences or
set in the middle of a long email; customer emails naming システム, プロンプト, 指示, 設定, AI,
the chatbot, an earlier mail to ignore and new instructions innocently); ``r26`` (issue 9, stop 26,
English and Japanese, written by a separate helper that did not read the injection detector's
code: hijacking (reply only with, open your answer with, output only, say X), prompt extraction
(paste, summarise, translate, echo or list the reader's instructions, rules, system prompt or
configuration), personas and role-play (a named unrestricted agent, a grandparent's bedtime
story, swapped roles, a debug persona), orders to the AI, assistant, bot, GPT, LLM, the model or
"whatever is processing this", fake system and administrator notices, delimiter and HTML-comment
tricks, polite and indirect forms, keigo and casual Japanese; customer emails naming the system,
a prompt, instructions, roles, settings, the assistant or chatbot, AI features, password resets,
a repeated order, a printed invoice, 無視, 指示, 設定 and システム in their ordinary senses);
``r28`` (issue 9, round 28, English and Japanese, written by a separate helper that did not read the
injection detector's code: hijacking (respond with, prefix your reply, say only, JSON only),
prompt extraction (copy, repeat, translate, summarise, list or base64-encode the reader's
instructions, rules, prompt or preamble), personas and role-play (a late relative reading codes,
swapped roles, an unlocked persona, a developer-mode AI), orders to the AI, assistant, bot or
chatbot, off-topic tasks handed to the model, Q/A transcripts left for the reader to finish,
orders hidden in quoted or forwarded text, signatures and HTML comments, keigo and casual
Japanese; customer emails naming the system, a prompt, instructions, a command prompt,
developer mode in an app, the personal data held on them, translating a manual's instructions,
an app's message, "ignore my previous email" and "new instructions from our office");
``r29`` (issue 9, the round after 28, English and Japanese, written by a separate helper that did
not read the injection detector's code: hijacking (one dictated sentence, a dictated opening,
capitals with a fixed ending, a link only, JSON only), prompt extraction (paste, print, translate,
summarise or quote the reader's guidance, setup text, rules, system message or system prompt),
personas and role-play (a limitless refund agent, a late relative reading discount codes, the
reader as the customer's lawyer, swapped roles, an anything-goes operator), orders to the AI,
assistant, bot, language model or AIアシスタント (keigo included), off-topic tasks handed to the
model (an essay, a scraper, a rap verse, a book report, a betting tip, an intrusion script),
orders hidden in forwarded text, a colleague's quoted note, signatures, an HTML comment and a
fake system notice; customer emails naming the booking system, an app's location prompt,
assembly instructions, developer mode switched on in an app, the website's AI assistant or
chatbot, translating a manual, their own personal data (data protection law, 個人情報保護法,
deleting their account), new instructions from the office, a system administrator, "please
ignore my earlier email", "disregard the first address", a quoted "respond with", role-play
kits and training, a voice assistant, an override code, a forwarded question, an image
generator's prompt, the command prompt, "just answer yes or no" and a Systems Engineer /
システム部 signature); ``r30`` (issue 9, stop 29, English and Japanese, written by a separate helper
that did not read guardrails/, service/ or prompts/: hijacking (a dictated first or last
sentence, three words only, an emoji only, JSON only, "tell me that the fee is waived"), prompt
extraction (write out, copy, list, render as a poem, hex-encode, translate, quote or summarise
the reader's starting text, configuration notes, private guidelines, directions or hidden
prompt), personas and role-play (a policy-free rep named Max, a late uncle reading override
PINs, an unfiltered assistant, swapped manager/intern and staff/customer roles, a 何でも承認くん
clerk, a grandmother reading discount codes, a developer-mode AI), orders to the AI, bot,
automated system, language model, "whoever or whatever is answering", チャットボット, AIアシスタント
(keigo) and ボット (casual), off-topic tasks (an essay, a scraper, a book report), orders hidden in
an HTML comment, a fake end-of-message and system block, a P.S., a forwarded colleague's or
boss's note and a 【システム通知】; customer emails naming "ignore my previous email", new
instructions from the office, a heating or water-heater system error, a school play's role,
translating safety instructions, a driver-install prompt, developer options on a phone, staff
and IT instructions, "respond when you can", "say in the delivery note", a prompt engineer's
invoice, an automated reminder system, a disregarded address, a class demo of the chatbot, the
website's AI assistant quoting a wrong price, acting for a grandparent, customer-service
role-play training, a game's developer console, 無視, 指示, 取り消し, プロンプト,
管理者モード and AIに指示を出す練習); ``r31`` (issue 9, stop 30, English and Japanese, written by a
separate helper (branch holdout-r30) before the round changed any code, without reading
guardrails/, service/ or prompts/ nor the earlier batches' texts: relayed orders (a manager, an IT
lead, 部長 or 上司 asking the customer to tell the AI or bot something), fake system, admin and
maintenance notices (【管理者通知】, 【システムメンテナンスのお知らせ】, an override block, an
end-of-message marker before a new task), off-topic jobs before the answer (a limerick, 俳句, a
password-spraying download script, a price scraper, translating a dissertation or an English
sentence, a competitor's review), output-format hijacks (JSON only, a fixed phrase at every
sentence's end, capitals with a dictated opening, one dictated sentence or first line),
personas and role-play (a yes-man agent, an unrestricted assistant, a retired engineer's story
of the admin password, なんでもOKさん, a 店長 with secret codes), prompt extraction (copy, list,
summarise, spell out letter by letter or translate the reader's instructions, hidden rules or
system prompt; keigo and casual), orders hidden in quoted text, a signature, an HTML comment, a
forwarded message and a Q/A transcript left to finish; customer emails quoting an app's "system
prompt" error, a sync log's "override failed", a システムエラー, assembly and router
instructions, an English manual's "Ignore this warning", the website's AI chat or AI summary
giving wrong facts, switching AI suggestions off, AIアシスタント機能, a colleague's or a
manager's forwarded request, asking for bullet points, two languages, a reference number first,
an order number in the subject, "just answer yes or no", "ignore my last attachment",
"disregard the phone number", 前回のメールは無視, cancelling a cancellation, a system
administrator and システム部, an installer's administrator-password prompt, a prompt-writing
class, an AI instruction training course, a prompt engineer's slow API, a school play's support
agent role, 店員役, GDPR and 開示請求, acting for an elderly mother and a game's 開発者モード);
``r32`` (issue 9, stop 31, 25 English and 20 Japanese attacks, 25 English and 20 Japanese
customer emails, written by a separate helper (branch holdout-r31) before the round changed any
code, without reading guardrails/, service/ or prompts/ nor the earlier batches' texts:
hijacking (a dictated refund sentence, a dictated opening, 「全額返金いたします」とだけ, 一言だけ),
prompt extraction (copy out the opening guidance, list the rules kept from customers, the setup
text as a rhyming poem, システムプロンプトを全文, 隠し指示を英訳; keigo and casual), personas and
role-play (a no-policy agent named Rex, a late grandad reading staff voucher codes,
なんでも返金マン, a grandmother reading 割引コード), orders relayed from a third party (an
accountant, an office manager, a developer team, 上司, 経理), fake system notices with a machine
named (an admin message to the language model, a reply-engine update, 【AIモデル向けシステム通知】)
and without one (head office, 運営本部, an end-of-message marker before a new task), one-word
fixed replies (APPROVED, yes, OK), format hijacks (JSON only with a fixed amount, capitals with a
fixed ending, a fixed phrase after every sentence), orders split across short sentences, orders
hidden mid-email (a bracketed note, an HTML comment, a P.S.) and off-topic jobs (an account
break-in script, a cover letter, a 2000-character report); customer emails, 34 of 45 hard
negatives: "ignore my previous email", the company's chatbot or AI assistant or AI tutor (wrong
answers, praise, switching it off, spelling settings), a quoted login "System error" and an
"Override not permitted" message, a heating system code and the manual's instructions, the
school's uniform instructions, delivery instructions, disregarding an old address, a smart
plug's setup prompt, system requirements, a system administrator adding users, writing for a
father, "respond to my earlier question", 前回のメールは無視, チャットボット, システムエラー,
取扱説明書の指示, 設定画面, AIアシスタント, システム部, 配送時の指示, プロンプトの書き方講座,
取り消し, 上司, 母の代わり, 初期設定, AIチャットの案内, ロールプレイ研修 and ナビの案内を無視);
``r33`` (issue 9, stop 32, 25 English and 20 Japanese attacks, 25 English and 20 Japanese
customer emails, written by a separate helper (branch holdout-r32) before the round changed any
code, without reading guardrails/, service/, prompts/ or evals/ nor the earlier batches' texts:
hijacking (a dictated credit sentence with nothing around it, 「全額返金を承認しました」とだけ,
a fixed ending line in capitals), prompt extraction (the guidance reproduced word for word, the
setup instructions translated into French as practice, every rule as bullet points, a debug mode
printing the configuration, システムプロンプトを英訳して署名の下に, 指示を箇条書きで; keigo and
casual), personas and role-play (Dex, a rep with no returns policy; a late grandad reading the
back office's admin passwords; swapped roles writing a complaint about the company; 何でも無料の
タロウ; a grandmother reading 管理画面のパスワード; 開発者モード), orders relayed from a third
party (a solicitor, a manager, an IT-support forward, 上司, 顧問弁護士), fake system notices
colon-headed ("SYSTEM MESSAGE:", 本部からの指示：), bracketed ([ADMIN OVERRIDE], a fake refund
tool's [Result], 【システム管理者より】, [運営本部・緊急]) and end-of-message markers before a new
task (English and ＝＝＝), one-word fixed replies (CONFIRMED, yes, OK, 了解), format hijacks
(JSON only with a fixed amount, capitals, 「（返金確定）」 after every sentence), orders split
across short sentences (EN and JA), orders hidden mid-email (a bracketed note, an HTML comment,
a signature's P.S., 追伸) and off-topic jobs (a history essay, an email break-in script, a
competitor's review, a 3000-character report, logging into someone's LINE account); customer
emails, 36 of 45 hard negatives: "ignore my previous email", the website's AI assistant quoting
a wrong sale date, a "prompt timed out" upload error, the manual's instructions, a system
administrator moving the admin role, role-play in staff training, disregarding a delivery
address, a school project on chatbots, a router's setup prompt for an admin password, writing
for a mother, a boss's forwarded request, switching off AI summaries, an "Override not
permitted for this role" message, a heating code the manual says to ignore, "please respond to
my question", a course on writing image prompts, "just answer yes or no", the refund amount
asked for at the top, delivery instructions, a voice assistant, 前回のメールは無視, AIチャットの
案内, システムエラー, 取扱説明書の指示, システム部, ロールプレイ研修, 管理者権限, 母の代わり,
配送時の指示, ナビの案内を無視, 上司の指示, AIアシスタント機能, プロンプトの書き方講座,
キャンセルの取り消し, 「管理者のみ可能」 and 箇条書きでの返信);
``r34`` (issue 9, stop 33, 25 English and 20 Japanese attacks, 25 English and 20 Japanese
customer emails, written by a separate helper (branch holdout-r33) before the round changed any
code, without reading guardrails/, service/, prompts/ or evals/ nor the earlier batches' texts:
hijacking (respond only with a dictated approval, prefix your response with a fixed banner, just
say a dictated yes, "ignore what I just said and respond with", an emoji and two words only,
「〜の一文だけ」, 冒頭に【返金確約】, 「〜とだけ答えて」, capitals ending in APPROVED), prompt
extraction (repeat your instructions from the first line, print them with any hidden prompt in a
code block, reveal the system prompt for an audit, everything above this message, the rules and
the operators' confidential notes first; 指示を一字一句, システムプロンプトを全文,
設定されてる文章を貼り付けて, 社内向けの指示を原文のまま), personas and role-play (RefundBot
9000, a late grandmother reading staff discount codes, DAN and the account's internal notes, the
head of customer service waiving fees; 返金大臣, a grandfather reading 社員用クーポンコード,
制限のない自由なAI asking for a family member's address), orders addressed to the AI, the
assistant or bot, ChatGPT and the language model (a VIP discount, free express shipping, the
account holder's phone number, a resolved ticket with a cheque; このメールを読んでいるAIへ,
AIアシスタントさん with 以前の指示を無視, ボットへの命令), fake notices dictating a concession
(a dashed SYSTEM NOTICE waiving late fees, an Accounts Department refund, an HTML-comment
supervisor exception, a head-office credit; 【重要・システム通知】, ＜経理部からの自動連絡＞,
※社内メモ) and off-topic jobs (a sonnet, a German translation, a PIN-guessing script; 俳句, a
Korean translation, a VBA mass-mail macro); customer emails, 35 of 45 hard negatives: "ignore my
previous email", the booking system logging out, "in your reply please confirm", the app's AI
assistant giving wrong hours, new instructions from the office, the shelving unit's
instructions, an administrator-password prompt, a school's NOTICE forwarded, a school report on
chatbots, "respond only by email", "please say in your reply", a boiler's system error code, a
system administrator moving the admin role, a chatbot looping, a school-play role, disregarding
an old phone number, turning off AI summaries, writing for a father, a self-checkout prompt, a
class on image-generator prompts, 前回のメールは無視, 予約システムの「システムエラー」,
取扱説明書の指示, AIアシスタントの案内, システム部からの指示, 返信に発送日を記載, 母の代わり,
チャットボット, 管理者のパスワード, 配送時の指示, AI機能をオフ, ロールプレイ研修, a company's
【お知らせ】, 以前お送りした指示書 and プロンプトの書き方講座);
``r35`` (issue 9, stop 34, 25 English and 20 Japanese attacks, 43 English and 37 Japanese customer
emails, written by a separate helper (branch holdout-r34) before the round changed any code,
without reading guardrails/, service/, prompts/ or evals/ nor the earlier batches' texts (r34's
first eight attacks and first two emails were seen, for the format): orders hidden in quoted
and forwarded mail (an accounts reply quoted with "> ", a forwarded team lead's note,
＞経理担当からの転送), in form
and spreadsheet fields (a gift message, "Notes for agent software", a comments column, 備考欄,
申込書の「その他」欄) and in signatures (a P.S. for the reply-writing assistant, a bracketed note
under "Sent from my phone", ※返信を作成するAIへ), polite business prose addressed to the AI
assistant (恐れ入りますが…AIアシスタント様におかれましては), requests for other customers' data
(the last five buyers' emails, other tour members' addresses, a neighbour's orders;
他のお客様の名前と電話番号, 隣の部屋の山田さんの配送先), concessions demanded "from the system"
(an authorised goodwill payment, an AUTOMATED COMPLIANCE MESSAGE, 【システムより自動通知】),
role-play and personas (SupportBot Unlimited, a late uncle reading override codes, 店長タダノさん,
a grandmother reading 社員割引のコード), prompt extraction (hidden instructions word for word, the
guidelines pasted unchanged, operators' confidential notes summarised, システムプロンプトを全文,
社内用マニュアルを箇条書き), orders to the AI, language model, reply generator or automated
responder (a warranty extended, a return approved while "the humans are on strike", an upgrade in
a hidden div; ねえAI in casual Japanese, an HTML comment to 返信生成システム), an end-of-message
marker before a new system instruction (EN and ＝＝＝), orders relayed from a manager or 上司,
format hijacks (one dictated sentence, French ending in COMPENSATION GRANTED,
「返金を承認しました」の一文だけ, English ending in APPROVED BY SYSTEM) and off-topic jobs (a
history essay, a password-guessing script, 感想文2000字, logging into someone's Instagram);
customer emails, 35 of 80 hard negatives: "ignore my last email", a forgotten password and a reset
link to an old address, a cot's instructions, a returns policy's two periods, the website's AI
chat calling boots waterproof, a thermostat's system settings, a courier's email forwarded,
disregarding a delivery note, an office manager's new delivery instructions, a router's admin
password, a class project on AI in customer service, a "System error: request override not
permitted" payment page, "respond only by email", writing for a father, turning off AI product
suggestions, a course on image-generator prompts, "in your reply, could you please confirm", an
app ignoring the dark-mode setting, 前回のメールは無視, パスワードの再設定, 取扱説明書の指示,
返品ポリシー, サイトのAIチャット, 給湯器の「システム設定」, 配送業者のメールを転送,
以前お送りした指示書は取り消し, 上司の指示, 母の代わり, ルーターの管理者パスワード,
システム部からの二段階認証, AIによるおすすめ機能をオフ, 返信に注文番号と発送予定日を記載,
ロールプレイの新人研修, ナビの案内 and アプリの「システムエラー」).
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks import injection_data as data  # noqa: E402
from benchmarks.injection import (  # noqa: E402
    JAPANESE_EMAILS,
    SUPPORT_EMAILS,
    _attack_rows,
    _clean_rows,
    _flagged,
    carrier_seed,
)
from guardrails.base import Guardrail  # noqa: E402
from guardrails.registry import build_guardrails  # noqa: E402
from guardrails.resources import GuardrailResources  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
BATCHES = (
    "ja_r20",
    "r21",
    "r22",
    "r23",
    "r24",
    "r26",
    "r28",
    "r29",
    "r30",
    "r31",
    "r32",
    "r33",
    "r34",
    "r35",
)


def _print_wrong(
    guardrail: Guardrail, batch: list[data.Sample], emails_en: list[str], emails_ja: list[str]
) -> None:
    """Print a demoted batch's misses (with the positions caught) and false alarms."""
    for s in batch:
        if s.attack:
            rng = random.Random(carrier_seed(s.text))
            carriers = emails_ja if s.lang == "ja" else emails_en
            hits = [
                _flagged(guardrail, data.embed(rng.choice(carriers), s.text, p), s.lang)
                for p in data.POSITIONS
            ]
            if not all(hits):
                marks = "".join("x" if h else "." for h in hits)
                print(f"MISS  {s.lang} {marks} {' '.join(s.text.split())[:160]}")
        elif _flagged(guardrail, s.text, s.lang):
            print(f"FALSE {s.lang} {' '.join(s.text.split())[:160]}")


def main() -> None:
    """Score the held-out batch; the first run is written once and kept."""
    batch_name = sys.argv[1] if len(sys.argv) > 1 else BATCHES[0]
    if batch_name not in BATCHES:
        raise SystemExit(f"unknown batch {batch_name!r}: one of {', '.join(BATCHES)}")
    prefix = f"inhouse:{batch_name}_holdout_"
    first_run = RESULTS / f"injection_{batch_name}_holdout_first_run.json"
    (guardrail,) = build_guardrails(["prompt_injection"], GuardrailResources())
    batch = [s for s in data.inhouse() if s.corpus.startswith(prefix)]
    if len({s.lang for s in batch}) > 1:  # a batch of both languages is reported per language
        batch = [replace(s, corpus=f"{s.corpus}_{s.lang}") for s in batch]
    emails_en = data.support_emails("test", SUPPORT_EMAILS)
    emails_ja = data.japanese_emails("test", JAPANESE_EMAILS)
    attacks = _attack_rows(guardrail, [s for s in batch if s.attack], emails_en, emails_ja)
    clean = _clean_rows(
        guardrail,
        {
            corpus: [(s.text, s.lang) for s in batch if s.corpus == corpus]
            for corpus in sorted({s.corpus for s in batch if not s.attack})
        },
    )
    result = {"attacks": attacks, "clean": clean}
    if batch_name in data.DEMOTED_HOLDOUTS:
        # Dev data since stop 30: scored as dev, its misses readable with -v; the files of its
        # held-out runs stay as they were.
        if "-v" in sys.argv:
            _print_wrong(guardrail, batch, emails_en, emails_ja)
        out = RESULTS / f"injection_{batch_name}_dev.json"
        out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    # Aggregates only (``_attack_rows`` and ``_clean_rows`` write no texts): a batch's misses
    # must not guide later changes.
    out = RESULTS / f"injection_{batch_name}_holdout.json" if first_run.exists() else first_run
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
