"""Receipts of the anonymous channel.

A receipt is 160 random bits written as 32 letters and digits (base32, in groups of four). It is
shown once and never stored: the database keeps only an HMAC-SHA256 of it, keyed with a key
derived from SECRET_KEY, so that a database dump cannot be used to test guesses offline. A
receipt still opens its report after the secret key is rotated, while the old key is in
SECRET_KEY_FALLBACKS.
"""

import base64
import re
import secrets

from django.conf import settings
from django.utils.crypto import salted_hmac

RECEIPT_BYTES = 20  # 160 bits
KEY_SALT = "anticorruption.receipt"
GROUP = 4


def new_receipt() -> str:
    text = base64.b32encode(secrets.token_bytes(RECEIPT_BYTES)).decode()
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def normalise(receipt: str) -> str:
    """What the reporter typed, without spaces, dashes or case; 0/1/8 read as O/I/B (base32
    has no 0, 1 or 8)."""
    text = re.sub(r"[^A-Za-z0-9]", "", receipt or "").upper()
    return text.translate(str.maketrans("018", "OIB"))


def receipt_hash(receipt: str, secret: str | None = None) -> str:
    return salted_hmac(
        KEY_SALT, normalise(receipt), secret=secret or settings.SECRET_KEY, algorithm="sha256"
    ).hexdigest()


def receipt_hashes(receipt: str) -> list[str]:
    """The hash under the current key and under every fallback key."""
    secrets_ = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return [receipt_hash(receipt, secret) for secret in secrets_]
