"""Passwords that are only digits, or one short pattern repeated, are refused with a clear message."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from msp.accounts.passwords import MESSAGE

REFUSED = [
    "123456789012",  # the reported twelve digits
    "940217384615",
    "000000000000",
    "aaaaaaaaaaaa",
    "abcabcabcabc",
    "abcdabcdabcdab",
    "Passw0rdPassw0rd",
    "abcdefghijkl",
    "987654321098",
]
ACCEPTED = ["correct horse battery staple", "meadow-kettle-27-orbit", "Safeguarding2026!x"]


@pytest.mark.parametrize("password", REFUSED)
def test_digits_and_repeated_patterns_are_refused(password):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert MESSAGE in refused.value.messages


@pytest.mark.parametrize("password", ACCEPTED)
def test_good_passwords_pass(password):
    validate_password(password)


@pytest.mark.django_db
def test_the_admin_refuses_a_twelve_digit_password(client, administrator, practitioner):
    administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    response = client.post(
        f"/admin/accounts/user/{practitioner.pk}/password/",
        {"password1": "123456789012", "password2": "123456789012", "usable_password": "true"},
    )
    assert response.status_code == 200 and "not only numbers" in response.content.decode()
