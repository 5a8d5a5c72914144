"""How passwords are stored: Argon2id at OWASP's recommended minimum (docs/decisions/0012)."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idPasswordHasher(Argon2PasswordHasher):
    """Argon2id with 19 MiB of memory, 2 passes and 1 lane: OWASP's Password Storage Cheat
    Sheet's first recommended setting, and tens of milliseconds of one core per sign-in where
    PBKDF2 at Django's 1,000,000 iterations took a second. A hash made with other settings
    (or with PBKDF2) still verifies and is rewritten with these at the next sign-in."""

    time_cost = 2
    memory_cost = 19_456  # KiB
    parallelism = 1
