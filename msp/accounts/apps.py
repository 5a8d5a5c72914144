from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "msp.accounts"
    label = "accounts"
    verbose_name = "Users and teams"
