from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "msp.drafts"
    label = "drafts"
    verbose_name = "Unsaved changes"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from msp.drafts.offer import offer_after_sign_in

        user_logged_in.connect(offer_after_sign_in, dispatch_uid="msp.drafts.offer")
