"""Re-encrypts every stored TOTP secret with the first key of MFA_ENCRYPTION_KEY. Run it after
putting a new key in front of the list; the old keys can then be dropped."""

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from portal.accounts import mfa_fernet


class Command(BaseCommand):
    help = "Re-encrypt the staff TOTP secrets with the first MFA_ENCRYPTION_KEY."

    def handle(self, *args, **options):
        fernet = mfa_fernet()
        rotated = 0
        with transaction.atomic():
            for authenticator in Authenticator.objects.select_for_update().filter(
                type=Authenticator.Type.TOTP
            ):
                secret = authenticator.data["secret"]
                authenticator.data["secret"] = fernet.rotate(secret.encode()).decode()
                authenticator.save(update_fields=["data"])
                rotated += 1
        self.stdout.write(f"{rotated} TOTP secrets re-encrypted with the first key.")
