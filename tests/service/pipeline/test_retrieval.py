from __future__ import annotations

import pytest

from service.models import KnowledgeArticle
from service.pipeline.retrieval import Retriever, tokenise

KB = [
    KnowledgeArticle(id="refunds", title="Refunds", body="Refunds reach your card in 5-10 days."),
    KnowledgeArticle(
        id="invoices",
        title="Download invoices",
        body="Open Billing, then Invoices, and click Download PDF.",
    ),
    KnowledgeArticle(
        id="shipping", title="Shipping countries", body="We ship to the United States and Canada."
    ),
    KnowledgeArticle(
        id="ja-refund", title="返金について", body="返金は5営業日以内にカードへ戻ります。"
    ),
    KnowledgeArticle(
        id="ja-invoice",
        title="請求書のダウンロード",
        body="管理画面の「請求」から請求書をPDFでダウンロードできます。",
    ),
]


@pytest.fixture(scope="module")
def retriever() -> Retriever:
    return Retriever()


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("How do I download my invoices as PDF?", "invoices"),
        ("Do you ship to Canada?", "shipping"),
        ("I want a refund", "refunds"),
        ("請求書をダウンロードする方法を教えてください", "ja-invoice"),
        ("返金はいつになりますか", "ja-refund"),
    ],
)
def test_best_article_for_query(retriever: Retriever, query: str, best: str) -> None:
    passages = retriever.retrieve(KB, query, k=3)
    assert passages[0].article_id == best


def test_japanese_is_tokenised_into_words_not_sentences() -> None:
    terms = tokenise("請求書をPDFでダウンロードする方法を教えてください。")
    assert "ダウンロード" in terms and "pdf" in terms
    assert all(len(t) < 8 for t in terms)


def test_full_width_text_matches_half_width() -> None:
    assert "pdf" in tokenise("ＰＤＦ")


def test_unrelated_query_returns_nothing(retriever: Retriever) -> None:
    assert retriever.retrieve(KB, "zebra xylophone", k=3) == []


def test_empty_kb_returns_nothing(retriever: Retriever) -> None:
    assert retriever.retrieve([], "refund", k=3) == []


def test_index_is_cached_per_kb_content(retriever: Retriever) -> None:
    retriever.retrieve(KB, "refund", k=1)
    cached = len(retriever._cache)
    retriever.retrieve(list(KB), "invoice", k=1)
    assert len(retriever._cache) == cached


def test_japanese_terms_are_normalised_topical_words_with_synonym_groups() -> None:
    terms = tokenise("今日中に返金していただけますか")
    assert "返金" in terms and "今日" not in terms  # time nouns are no topic
    assert any(t.startswith("≈") for t in terms)


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("クーポンが使えないのはなぜですか", "ja-coupons"),  # 使う ~ ご利用
        ("プランをキャンセルしたい", "ja-cancel"),  # キャンセル ~ 解約
    ],
)
def test_japanese_synonyms_meet(retriever: Retriever, query: str, best: str) -> None:
    kb = [
        *KB,
        KnowledgeArticle(
            id="ja-coupons",
            title="コードの入力",
            body="期限を過ぎたコードはご利用いただけません。",
        ),
        KnowledgeArticle(
            id="ja-cancel", title="プランの解約", body="解約はプラン画面から行えます。"
        ),
    ]
    assert retriever.retrieve(kb, query, k=3)[0].article_id == best


def test_a_numeral_compound_stays_one_term() -> None:
    terms = tokenise("請求が二重になっています")
    assert "二重" in terms and "重" not in terms
    assert "三回" not in tokenise("三回目の問い合わせです")  # a counter is no topic


def test_a_verb_meets_the_noun_made_from_it(retriever: Retriever) -> None:
    kb = [
        KnowledgeArticle(id="ja-shipping", title="配送", body="注文から3〜5営業日でお届けします。"),
        KnowledgeArticle(id="ja-points", title="ポイント", body="ポイントの有効期限は1年です。"),
    ]
    found = retriever.retrieve(kb, "届くまで何日かかりますか", k=2)  # 届く ~ お届け
    assert [p.article_id for p in found] == ["ja-shipping"]


def test_passages_carry_the_articles_audience() -> None:
    articles = [
        KnowledgeArticle(id="pub", title="Refunds", body="Refunds take 5 days."),
        KnowledgeArticle(
            id="int", title="Refund approvals", body="Refunds need approval.", audience="internal"
        ),
    ]
    passages = {p.article_id: p for p in Retriever().retrieve(articles, "refund approval", 2)}
    assert passages["pub"].audience == "public"
    assert passages["int"].audience == "internal"


TERSE_KB = [
    KnowledgeArticle(
        id="cancel",
        title="Cancelling your subscription",
        body="You can cancel at any time from Settings > Billing.",
    ),
    KnowledgeArticle(
        id="2fa",
        title="Security settings",
        body="Turn on two-factor authentication under Profile > Security.",
    ),
    KnowledgeArticle(id="receipts", title="Invoices", body="Download every invoice as a PDF."),
]


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("How do I actually cancel?", "cancel"),
        ("How do I turn on 2FA?", "2fa"),
        ("where do i get a receipt", "receipts"),
    ],
)
def test_terse_asks_find_their_article(retriever: Retriever, query: str, best: str) -> None:
    passages = retriever.retrieve(TERSE_KB, query, k=1)
    assert [p.article_id for p in passages] == [best]


def test_each_ask_brings_its_article(retriever: Retriever) -> None:
    long_message = "I love the PDF invoices, every invoice is great. Invoices! " * 5
    query = long_message + "How do I actually cancel?"
    whole = [p.article_id for p in retriever.retrieve(TERSE_KB, query, k=1)]
    per_ask = retriever.retrieve(TERSE_KB, query, k=1, asks=["How do I actually cancel?"])
    assert whole == ["receipts"]
    assert [p.article_id for p in per_ask] == ["receipts", "cancel"]


@pytest.mark.parametrize(
    "query",
    [
        "How do I download my invoices as PDF?",
        "refund refund days card",
        "ship invoices refunds billing",  # several articles score: the order must hold
        "請求書をダウンロードする方法",
        "nothing here matches at all",
    ],
)
@pytest.mark.parametrize("k", [1, 2, 5])
def test_top_articles_are_bm25s_own_retrieve(retriever: Retriever, query: str, k: int) -> None:
    # ``Retriever._top`` scores and ranks without ``BM25.retrieve``'s per-call wrapping: the
    # articles, their order and their scores must be the library's own for any query and k.
    index = retriever._index(KB)
    assert index.bm25 is not None
    terms = tokenise(query)
    ids, scores = index.bm25.retrieve([terms], k=k, show_progress=False)
    expected = [(int(d), float(s)) for d, s in zip(ids[0], scores[0], strict=True) if s > 0]
    assert Retriever._top(index, terms, k) == expected
