"""2017-18: unchanged from 2016-17."""

from msp.sac.model import Changes

CHANGES = Changes(
    source="No change to the lists, tables or rules the product implements was found in NHS Digital's published SAC material for 2017-18",
)
