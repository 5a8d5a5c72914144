"""Helpers for the improvement tests: posting GOV.UK date fields."""

from datetime import date


def date_fields(name: str, day: date) -> dict:
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}
