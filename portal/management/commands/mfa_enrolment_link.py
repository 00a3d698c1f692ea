"""Prints the two-step verification set-up link of an account, for the first administrator
(later ones use the user admin's action)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from portal.accounts import mfa_enrolment_token


class Command(BaseCommand):
    help = "Print the TOTP set-up link of the account with this e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        try:
            user = get_user_model().objects.get(email__iexact=email)
        except get_user_model().DoesNotExist as error:
            raise CommandError(f"No account has the e-mail address {email}.") from error
        self.stdout.write(reverse("portal:mfa_enrolment_start", args=[mfa_enrolment_token(user)]))
