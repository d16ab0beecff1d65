"""Vendor channel names to the contract's ``email`` / ``chat`` / ``social``: one table."""

from __future__ import annotations

from service.helpdesk.turns import Channel

# Lower-cased channel/source names as the vendors' APIs spell them (Zendesk ``via.channel``,
# Help Scout conversation ``type``, Front message ``type``); anything else is email-like.
_CHAT = frozenset(
    {
        "chat",
        "chat_transcript",
        "native_messaging",
        "messaging",
        "mobile_sdk",
        "sms",
        "whatsapp",
        "line",
        "wechat",
        "telegram",
        "viber",
        "smooch",
        "front_chat",
        "intercom",
        "beacon",
    }
)
_SOCIAL = frozenset(
    {
        "twitter",
        "tweet",
        "twitter_dm",
        "facebook",
        "facebook_post",
        "facebook_message",
        "instagram",
        "instagram_dm",
        "googleplay",
    }
)


def channel_for(name: str | None) -> Channel:
    """The contract channel of a vendor channel name (unknown or missing: email)."""
    key = (name or "").strip().lower()
    if key in _CHAT or key.startswith("sunshine_conversations"):
        return "chat"
    if key in _SOCIAL:
        return "social"
    return "email"
