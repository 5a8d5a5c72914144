"""2025-26: unchanged from 2024-25."""

from msp.sac.model import Changes

CHANGES = Changes(
    source="DHSC, Safeguarding Adults Collection (SAC) data return 2025 to 2026 guidance (published 29 January 2026): the data requirements are unchanged from 2024-25",
)
