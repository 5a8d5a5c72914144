"""What templates may ask about the signed-in user: answers from msp.accounts.policy, never a
role name in a template."""

from django.utils.functional import cached_property

from msp.accounts import policy


class Access:
    """`access.<question>` in a template; each answer is worked out once, when first asked."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def can_view_cases(self) -> bool:
        return policy.can_view_cases(self.user)

    @cached_property
    def can_record_cases(self) -> bool:
        return policy.can_record_cases(self.user)

    @cached_property
    def can_prepare_return(self) -> bool:
        return policy.can_prepare_return(self.user)

    @cached_property
    def can_use_measures(self) -> bool:
        return policy.can_use_measures(self.user)

    @cached_property
    def can_use_board(self) -> bool:
        return policy.can_use_board(self.user)

    @cached_property
    def can_audit(self) -> bool:
        return policy.can_audit(self.user)

    @cached_property
    def can_restrict_records(self) -> bool:
        return policy.can_restrict_records(self.user)

    @cached_property
    def can_handle_data_protection(self) -> bool:
        return policy.can_handle_data_protection(self.user)

    @cached_property
    def can_import(self) -> bool:
        return policy.can_import(self.user)

    @cached_property
    def can_export(self) -> bool:
        return policy.can_export(self.user)

    @cached_property
    def can_manage_two_factor(self) -> bool:
        return policy.can_manage_two_factor(self.user)


def access(request):
    return {"access": Access(getattr(request, "user", None))}
