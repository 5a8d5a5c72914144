"""2020-21: unchanged from 2019-20."""

from msp.sac.model import Changes

CHANGES = Changes(
    source="No change to the lists, tables or rules the product implements was found in NHS Digital's published SAC material for 2020-21",
)
