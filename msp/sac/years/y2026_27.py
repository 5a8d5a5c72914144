"""2026-27: unchanged from 2025-26."""

from msp.sac.model import Changes

CHANGES = Changes(
    source="No 2026-27 guidance had been published when this was written: the 2025-26 requirements are carried forward until it is",
)
