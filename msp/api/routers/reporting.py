"""Measures and the statutory return (the reporting scope)."""

from ninja import Router

router = Router(tags=["Reporting"])
