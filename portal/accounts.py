"""Staff accounts: allauth adapters. Accounts are created by administrators, never by sign-up,
and TOTP secrets are encrypted at rest so that a database dump alone does not reveal them."""

import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet
from django.conf import settings

from .models import DepartmentProfile


def _fernet() -> Fernet:
    secret = settings.MFA_ENCRYPTION_KEY or settings.SECRET_KEY
    key = hashlib.sha256(("portal.mfa:" + secret).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return _fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        return _fernet().decrypt(encrypted_text.encode()).decode()

    def get_totp_issuer(self) -> str:
        profile = DepartmentProfile.current()
        return str(profile.name) if profile.pk else settings.MFA_TOTP_ISSUER
