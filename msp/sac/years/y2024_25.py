"""2024-25: unchanged from 2023-24."""

from msp.sac.model import Changes

CHANGES = Changes(
    source="NHS England, Safeguarding Adults Collection 2024-25 guidance (the terminology and SG1 pages read for sac-reference.md): no change to the lists, tables or rules the product implements",
)
