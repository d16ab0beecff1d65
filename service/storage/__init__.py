"""Storage: the only code that talks to the database (SQLite by default, or PostgreSQL)."""

from service.storage.store import DraftKind, Store
from service.storage.summary import SUMMARY_KEYS, summarize_request

__all__ = ["SUMMARY_KEYS", "DraftKind", "Store", "summarize_request"]
