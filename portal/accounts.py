"""Staff accounts: allauth adapters. Accounts are created by administrators, never by sign-up,
and TOTP secrets are encrypted at rest so that a database dump alone does not reveal them."""

import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.utils.crypto import constant_time_compare, salted_hmac

from .models import DepartmentProfile
from .proxies import client_ip


def _fernet_for(secret: str) -> Fernet:
    key = hashlib.sha256(("portal.mfa:" + secret).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def mfa_fernet() -> MultiFernet:
    """Encrypts with the first key of MFA_ENCRYPTION_KEY and decrypts with any of them, so keys
    can be rotated. Secrets written before a key was set were encrypted with a key derived from
    SECRET_KEY: those (and SECRET_KEY_FALLBACKS) still decrypt until `rotate_mfa_key` rewrites
    them. Outside production an empty MFA_ENCRYPTION_KEY falls back to SECRET_KEY; production
    refuses to start without it (portal.E005)."""
    secrets = [*settings.MFA_ENCRYPTION_KEY, settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return MultiFernet([_fernet_for(secret) for secret in dict.fromkeys(secrets)])


# How long a set-up link that an administrator hands over stays valid.
ENROLMENT_LINK_MAX_AGE = 3 * 24 * 60 * 60
_ENROLMENT_SALT = "portal.mfa-enrolment"
# The session key that marks a set-up link as opened (StaffMFARequiredMiddleware reads it).
ENROLMENT_SESSION_KEY = "portal_mfa_enrolment"


def _enrolment_fingerprint(user) -> str:
    # Bound to the password: a link handed over before a password reset no longer works.
    return salted_hmac(_ENROLMENT_SALT, f"{user.pk}:{user.password}").hexdigest()[:20]


def mfa_enrolment_token(user) -> str:
    """The token of a link that lets `user` set up TOTP once they have signed in with their
    password. Only an administrator makes one (the user admin's action): the password alone
    must never be enough to attach an authenticator to an account."""
    return signing.dumps([user.pk, _enrolment_fingerprint(user)], salt=_ENROLMENT_SALT)


def mfa_enrolment_token_is_valid(user, token: str) -> bool:
    try:
        pk, fingerprint = signing.loads(token, salt=_ENROLMENT_SALT, max_age=ENROLMENT_LINK_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return False
    return pk == user.pk and constant_time_compare(fingerprint, _enrolment_fingerprint(user))


def vietnamese_full_name(user) -> str:
    """The family name (last_name) first, then the middle and given names (first_name), as
    Vietnamese names are written: "Trần Thị Thu Hà", not "Thị Thu Hà Trần"."""
    return f"{user.last_name} {user.first_name}".strip()


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request) -> str:
        # allauth's rate limits key on this: the visitor behind our proxies, not the proxy.
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine the client's address.")
        return ip


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return mfa_fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return mfa_fernet().decrypt(encrypted_text.encode()).decode()

    def get_totp_issuer(self) -> str:
        profile = DepartmentProfile.current()
        return str(profile.name) if profile.pk else settings.MFA_TOTP_ISSUER
