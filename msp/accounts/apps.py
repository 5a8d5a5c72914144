from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "msp.accounts"
    label = "accounts"
    verbose_name = "Users and teams"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from msp.accounts.middleware import stamp_at_sign_in

        user_logged_in.connect(stamp_at_sign_in, dispatch_uid="msp.accounts.idle_stamp")
