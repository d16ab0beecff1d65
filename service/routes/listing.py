"""``GET /v1/voices``, ``/v1/knowledge-bases``, ``/v1/saved-replies``: what drafts may use."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict

from service.auth import DRAFTING_ROLES, CallerDep, require_role
from service.deps import RuntimeDep

router = APIRouter(
    prefix="/v1", tags=["listing"], dependencies=[Depends(require_role(*DRAFTING_ROLES))]
)


class StoredItem(BaseModel):
    """One stored voice or knowledge base."""

    model_config = ConfigDict(extra="forbid")

    id: str


class VoiceList(BaseModel):
    """The caller's tenant's stored voices, sorted by id (every tenant's for an admin)."""

    model_config = ConfigDict(extra="forbid")

    voices: list[StoredItem]


class KnowledgeBaseList(BaseModel):
    """The caller's tenant's stored knowledge bases, sorted by id (every tenant's for an admin)."""

    model_config = ConfigDict(extra="forbid")

    knowledge_bases: list[StoredItem]


class SavedReplyItem(BaseModel):
    """One stored saved reply: its id (``SET:KEY``) and title; the text stays on the server."""

    model_config = ConfigDict(extra="forbid")

    id: str
    title: str


class SavedReplyList(BaseModel):
    """The caller's tenant's saved replies, by set and file order (every tenant's for an admin)."""

    model_config = ConfigDict(extra="forbid")

    saved_replies: list[SavedReplyItem]


@router.get("/voices", response_model=VoiceList)
async def list_voices(runtime: RuntimeDep, caller: CallerDep) -> VoiceList:
    """Ids of the stored voices the caller may pass as ``voice_id``."""
    ids = await run_in_threadpool(lambda: runtime.store.list_voices(tenant=caller.tenant_scope))
    return VoiceList(voices=[StoredItem(id=i) for i in ids])


@router.get("/knowledge-bases", response_model=KnowledgeBaseList)
async def list_knowledge_bases(runtime: RuntimeDep, caller: CallerDep) -> KnowledgeBaseList:
    """Ids of the stored knowledge bases the caller may pass as ``knowledge_base_id``."""
    ids = await run_in_threadpool(
        lambda: runtime.store.list_knowledge_bases(tenant=caller.tenant_scope)
    )
    return KnowledgeBaseList(knowledge_bases=[StoredItem(id=i) for i in ids])


@router.get("/saved-replies", response_model=SavedReplyList)
async def list_saved_replies(runtime: RuntimeDep, caller: CallerDep) -> SavedReplyList:
    """The stored saved replies the caller may pass as ``saved_reply_id``."""
    replies = await run_in_threadpool(
        lambda: runtime.store.list_saved_replies(tenant=caller.tenant_scope)
    )
    return SavedReplyList(saved_replies=[SavedReplyItem(id=r.id, title=r.title) for r in replies])
