"""Create or update an API user with a role, and print its token."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rest_framework.authtoken.models import Token

from aicmo_site.kernel.permissions import OPERATORS, VIEWERS


class Command(BaseCommand):
    help = (
        "Create USERNAME (or update it) in the operators group, or with --viewer in "
        "the viewers group, and print its API token on stdout. With --staff the user "
        "may also sign in to the admin (set its password with 'changepassword')."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--viewer", action="store_true", help="Read-only role instead."
        )
        parser.add_argument("--email", default="", help="The user's email.")
        parser.add_argument(
            "--staff",
            action="store_true",
            help="May sign in to the admin at /admin/ (with its role's rights).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        role = VIEWERS if options["viewer"] else OPERATORS
        group = Group.objects.filter(name=role).first()
        if group is None:
            raise CommandError(
                f"No '{role}' group: run 'manage.py migrate' first, it creates them."
            )
        user, created = get_user_model().objects.get_or_create(
            username=options["username"], defaults={"email": options["email"]}
        )
        if created:
            # An API user signs in with its token; set a password later if needed.
            user.set_unusable_password()
            user.save(update_fields=["password"])
        if options["staff"] and not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        user.groups.remove(*Group.objects.filter(name__in=(OPERATORS, VIEWERS)))
        user.groups.add(group)
        token, _ = Token.objects.get_or_create(user=user)
        verb = "Created" if created else "Updated"
        self.stderr.write(f"{verb} '{user.get_username()}' with the {role} role.")
        if user.is_staff and not user.has_usable_password():
            self.stderr.write(
                "To sign in to the admin, set a password: "
                f"python manage.py changepassword {user.get_username()}"
            )
        self.stdout.write(token.key)
