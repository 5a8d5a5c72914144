"""Passwords are stored with Argon2id; PBKDF2 hashes made before still sign in and are upgraded."""

import pytest
from django.contrib.auth.hashers import identify_hasher, make_password

from msp import settings as configured
from msp.accounts.hashers import Argon2idPasswordHasher
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def real_hashers(settings):
    """The project's own list, as msp/settings.py sets it (the suite hashes with MD5 for speed)."""
    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS


def test_owasp_minimum_argon2id_settings():
    # OWASP Password Storage Cheat Sheet: Argon2id, at least 19 MiB, 2 iterations, 1 lane.
    assert Argon2idPasswordHasher.memory_cost >= 19_456
    assert Argon2idPasswordHasher.time_cost >= 2
    assert Argon2idPasswordHasher.parallelism == 1
    assert configured.PASSWORD_HASHERS[0] == ("msp.accounts.hashers.Argon2idPasswordHasher")


@pytest.mark.django_db
def test_a_new_password_is_stored_as_argon2id(real_hashers):
    user = UserFactory()
    user.set_password("a new long passphrase for work")
    user.save()
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert user.check_password("a new long passphrase for work")
    assert not user.check_password("a different passphrase")


@pytest.mark.django_db
def test_an_old_pbkdf2_password_signs_in_and_is_upgraded(real_hashers, client):
    user = UserFactory()
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    assert identify_hasher(user.password).algorithm == "pbkdf2_sha256"

    response = client.post("/accounts/sign-in/", {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_a_wrong_password_leaves_an_old_hash_alone(real_hashers, client):
    user = UserFactory()
    old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.password = old
    user.save(update_fields=["password"])

    response = client.post("/accounts/sign-in/", {"username": user.username, "password": "wrong"})

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.password == old
