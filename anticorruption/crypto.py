"""Encryption of the anonymous channel: a sealed box built from `cryptography`.

Every report, message and attachment is sealed to the inspection unit's X25519 public key: a
fresh key pair per item, X25519 with the unit's key, HKDF-SHA256 over the shared secret and both
public keys, then AES-256-GCM. The result is `ephemeral public key (32) | nonce (12) | ciphertext`.
Only the public key is on the web servers; a database and media dump alone reveal nothing.

The private key lives outside the database, in a PEM file (PKCS#8) protected by a passphrase
(`ANTICORRUPTION_PRIVATE_KEY_FILE`). An inspector opens it with the passphrase for the length of
their signed-in session: the raw key is then kept in the session store encrypted with a random
key that only the inspector's browser holds (an HttpOnly cookie), so neither the session store
(Redis, the database) nor the cookie alone opens a report.
"""

import base64
import os
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

INFO = b"portal anticorruption sealed box v1"
KEY_BYTES = 32
NONCE_BYTES = 12
SESSION_KEY = "anticorruption_key"
COOKIE_NAME = "anticorruption_unlock"


class CannotOpen(Exception):
    """The key is wrong or the sealed data was changed."""


def _raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _derive(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=KEY_BYTES, salt=ephemeral + recipient, info=INFO
    ).derive(shared)


def seal(data: bytes, public_key: X25519PublicKey | None = None) -> bytes:
    """`data` sealed to the inspection unit's public key (or `public_key`)."""
    recipient = public_key or inspection_public_key()
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _raw_public(ephemeral.public_key())
    key = _derive(ephemeral.exchange(recipient), ephemeral_public, _raw_public(recipient))
    nonce = os.urandom(NONCE_BYTES)
    return ephemeral_public + nonce + AESGCM(key).encrypt(nonce, data, None)


def unseal(blob: bytes, private_key: X25519PrivateKey) -> bytes:
    blob = bytes(blob)
    if len(blob) < KEY_BYTES + NONCE_BYTES + 16:
        raise CannotOpen
    ephemeral_public = blob[:KEY_BYTES]
    nonce = blob[KEY_BYTES : KEY_BYTES + NONCE_BYTES]
    recipient = _raw_public(private_key.public_key())
    shared = private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    key = _derive(shared, ephemeral_public, recipient)
    try:
        return AESGCM(key).decrypt(nonce, blob[KEY_BYTES + NONCE_BYTES :], None)
    except InvalidTag as error:
        raise CannotOpen from error


def seal_text(text: str) -> bytes:
    return seal(text.encode())


def unseal_text(blob, private_key) -> str:
    return unseal(blob, private_key).decode()


def reporter_private_key(normalised_receipt: str) -> X25519PrivateKey:
    """The reporter's key pair, derived from the receipt (which only the reporter has)."""
    raw = HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=b"reporter", info=INFO).derive(
        normalised_receipt.encode()
    )
    return X25519PrivateKey.from_private_bytes(raw)


def reporter_public_bytes(normalised_receipt: str) -> bytes:
    return _raw_public(reporter_private_key(normalised_receipt).public_key())


def public_from_bytes(raw: bytes) -> X25519PublicKey:
    return X25519PublicKey.from_public_bytes(bytes(raw))


# The keys ----------------------------------------------------------------------------------


def generate_key_pair(passphrase: str) -> tuple[bytes, str]:
    """A new key pair: (the private key as passphrase-protected PEM, the public key in base64)."""
    private = X25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode()),
    )
    return pem, base64.b64encode(_raw_public(private.public_key())).decode()


def public_key_text() -> str:
    """The configured public key (base64): the setting, else the `.pub` file beside the
    private key file (development and the demo)."""
    text = settings.ANTICORRUPTION_PUBLIC_KEY.strip()
    if not text and settings.ANTICORRUPTION_PRIVATE_KEY_FILE:
        beside = Path(settings.ANTICORRUPTION_PRIVATE_KEY_FILE).with_suffix(".pub")
        if beside.is_file():
            text = beside.read_text().strip()
    return text


def channel_ready() -> bool:
    try:
        inspection_public_key()
    except ImproperlyConfigured:
        return False
    return True


def inspection_public_key() -> X25519PublicKey:
    text = public_key_text()
    try:
        return X25519PublicKey.from_public_bytes(base64.b64decode(text, validate=True))
    except ValueError as error:
        raise ImproperlyConfigured(
            "ANTICORRUPTION_PUBLIC_KEY is not set or is not a base64 X25519 public key."
        ) from error


def load_private_key(passphrase: str) -> X25519PrivateKey:
    """The inspection unit's private key, opened with its passphrase. CannotOpen when the
    passphrase is wrong or the file is missing or does not match the public key."""
    path = settings.ANTICORRUPTION_PRIVATE_KEY_FILE
    if not path or not Path(path).is_file():
        raise CannotOpen
    try:
        key = serialization.load_pem_private_key(
            Path(path).read_bytes(), password=passphrase.encode() or None
        )
    except (ValueError, TypeError) as error:
        raise CannotOpen from error
    if not isinstance(key, X25519PrivateKey):
        raise CannotOpen
    if channel_ready() and _raw_public(key.public_key()) != _raw_public(inspection_public_key()):
        raise CannotOpen
    return key


# The inspector's session -------------------------------------------------------------------


def unlock_session(request, response, private_key: X25519PrivateKey) -> None:
    """Keeps the opened key for this session: encrypted in the session, its key in a cookie."""
    wrapping = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(NONCE_BYTES)
    raw = private_key.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )
    sealed = AESGCM(wrapping).encrypt(nonce, raw, str(request.user.pk).encode())
    request.session[SESSION_KEY] = base64.b64encode(nonce + sealed).decode()
    response.set_cookie(
        COOKIE_NAME,
        base64.urlsafe_b64encode(wrapping).decode(),
        httponly=True,
        secure=settings.SESSION_COOKIE_SECURE,
        samesite="Strict",
    )


def session_private_key(request) -> X25519PrivateKey | None:
    stored = request.session.get(SESSION_KEY)
    wrapping = request.COOKIES.get(COOKIE_NAME)
    if not stored or not wrapping or not request.user.is_authenticated:
        return None
    try:
        blob = base64.b64decode(stored)
        raw = AESGCM(base64.urlsafe_b64decode(wrapping)).decrypt(
            blob[:NONCE_BYTES], blob[NONCE_BYTES:], str(request.user.pk).encode()
        )
        return X25519PrivateKey.from_private_bytes(raw)
    except (ValueError, InvalidTag):
        return None


def lock_session(request, response) -> None:
    request.session.pop(SESSION_KEY, None)
    response.delete_cookie(COOKIE_NAME, samesite="Strict")
