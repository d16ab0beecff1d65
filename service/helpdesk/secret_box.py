"""Integration secrets at rest: Fernet (``cryptography``) with a key from the settings.

``REPLYDRAFT_HELPDESK_SECRETS_KEY`` is a Fernet key (``Fernet.generate_key()``). Unset, the key is
derived from a random key file ``<data_dir>/replydraft-secrets.key`` (mode 0600) created on first
use, like the audit key; back it up with the database or the stored secrets cannot be read.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from service.errors import ConfigurationError
from service.settings import Settings
from service.storage.audit_key import _key_file

KEY_FILE_NAME = "replydraft-secrets.key"


class SecretBox:
    """Encrypts and decrypts small secrets; never prints them."""

    def __init__(self, fernet: Fernet) -> None:
        self._fernet = fernet

    def __repr__(self) -> str:
        return "SecretBox(<key>)"

    def seal(self, plaintext: str) -> str:
        """The Fernet token of ``plaintext``."""
        return self._fernet.encrypt(plaintext.encode("utf-8")).decode("ascii")

    def open(self, token: str) -> str:
        """The plaintext of ``token``; a ConfigurationError when the key does not match."""
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except InvalidToken:
            raise ConfigurationError(
                "stored helpdesk secrets cannot be decrypted: the secrets key changed"
            ) from None


def load_secret_box(settings: Settings) -> SecretBox:
    """The box for the configured key, or for the data directory's generated one."""
    if settings.helpdesk_secrets_key is not None:
        try:
            return SecretBox(Fernet(settings.helpdesk_secrets_key.get_secret_value()))
        except ValueError:
            raise ConfigurationError(
                "REPLYDRAFT_HELPDESK_SECRETS_KEY is not a Fernet key (32 url-safe base64 bytes)"
            ) from None
    seed = _key_file(Path(settings.data_dir) / KEY_FILE_NAME)
    digest = hashlib.sha256(b"replydraft-helpdesk-secrets\0" + seed).digest()
    return SecretBox(Fernet(base64.urlsafe_b64encode(digest)))
