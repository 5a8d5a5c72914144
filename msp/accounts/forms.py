from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    username = forms.CharField(
        label="Username",
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask your administrator.",
    }


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=10,
        help_text="The 6-digit code, for example 123456",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(
                "Enter the 6-digit code from your authenticator app, for example 123456"
            )
        return code


class EnrolmentCodeForm(forms.Form):
    enrolment_code = forms.CharField(
        label="Enrolment code",
        max_length=40,
        help_text="The 16-character code your administrator or a safeguarding lead gave you, for example ABCD-EFGH-JKLM-NPQR",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": "Enter the enrolment code you were given"},
    )

    def clean_enrolment_code(self):
        code = "".join(ch for ch in self.cleaned_data["enrolment_code"].upper() if ch.isalnum())
        if len(code) != 16:
            raise forms.ValidationError(
                "Enter the 16-character enrolment code you were given, for example ABCD-EFGH-JKLM-NPQR"
            )
        return code


class TwoFactorResetForm(forms.Form):
    reason = forms.CharField(
        label="Why are you resetting their two-factor sign-in?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, they have a new phone. Your name and reason are recorded",
        error_messages={"required": "Say why their two-factor sign-in is being reset"},
    )
