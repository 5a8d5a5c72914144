"""`msp two-factor issue|reset|status USERNAME`: staff two-factor sign-in from the server's
command line, for the first administrator and for when no one else can sign in. The pages at
/accounts/staff/ do the same for administrators and safeguarding leads."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from msp.accounts import two_factor
from msp.accounts.models import User


class Command(BaseCommand):
    help = (
        "Staff two-factor sign-in. `issue USERNAME` prints a one-time enrolment code (shown once) "
        "to give the person out of band; `reset USERNAME --reason TEXT` removes their "
        "authenticator and signs them out; `status USERNAME` says where they are. Every issue and "
        "reset is in the audit trail."
    )

    def add_arguments(self, parser):
        parser.add_argument("task", choices=["issue", "reset", "status"])
        parser.add_argument("username")
        parser.add_argument("--reason", default="", help="Why the reset (needed for reset)")

    def handle(self, *args, task, username, reason, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username}")
        try:
            if task == "issue":
                issued = two_factor.enrolment_code_issue(actor=None, user=user)
                self.stdout.write(
                    f"Enrolment code for {username}: {issued.text}\n"
                    f"It works once, until {issued.code.expires_at:%-d %B %Y %H:%M %Z}. Give it "
                    "to them yourself, by phone or in person. It is not shown again."
                )
            elif task == "reset":
                two_factor.two_factor_reset(actor=None, user=user, reason=reason)
                self.stdout.write(
                    f"Two-factor sign-in reset for {username}: signed out everywhere; issue a "
                    "new enrolment code for them to set up again."
                )
            else:
                self.stdout.write(self._status(user))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

    def _status(self, user) -> str:
        if two_factor.has_authenticator(user):
            return f"{user.username} has set up two-factor sign-in."
        code = two_factor.live_code(user)
        if code is not None:
            return (
                f"{user.username} has not set up two-factor sign-in; an enrolment code issued by "
                f"{code.issued_by_name} works until {code.expires_at:%-d %B %Y %H:%M %Z}."
            )
        return f"{user.username} has not set up two-factor sign-in and has no enrolment code."
