"""The public contract's request and report models (``../shared/CONTRACT.md``)."""

from service.models.report import Citation, DraftReport, Flag, QuestionReport, Redactions, Usage
from service.models.request import (
    Agent,
    Attachment,
    Customer,
    DraftRequest,
    KnowledgeArticle,
    Message,
    SavedReply,
    Thread,
    Voice,
)

__all__ = [
    "Agent",
    "Attachment",
    "Citation",
    "Customer",
    "DraftReport",
    "DraftRequest",
    "Flag",
    "KnowledgeArticle",
    "Message",
    "QuestionReport",
    "Redactions",
    "SavedReply",
    "Thread",
    "Usage",
    "Voice",
]
