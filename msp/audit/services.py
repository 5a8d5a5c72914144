from msp.audit.models import AccessEvent


def access_record(
    *, actor, action: str, obj=None, person=None, detail: str = "", request=None
) -> AccessEvent:
    """Record that someone viewed or searched; called by the views that show personal data."""
    return AccessEvent.objects.create(
        actor=actor,
        action=action,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        person=person,
        detail=detail[:255],
        ip_address=request.META.get("REMOTE_ADDR") if request is not None else None,
    )
