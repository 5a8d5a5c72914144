"""The reporting years, in order: the first written out in full, each later one as its changes."""

from msp.sac.years import (
    y2015_16,
    y2016_17,
    y2017_18,
    y2018_19,
    y2019_20,
    y2020_21,
    y2021_22,
    y2022_23,
    y2023_24,
    y2024_25,
    y2025_26,
    y2026_27,
)

FIRST = y2015_16.SPEC
LATER = {
    "2016-17": y2016_17.CHANGES,
    "2017-18": y2017_18.CHANGES,
    "2018-19": y2018_19.CHANGES,
    "2019-20": y2019_20.CHANGES,
    "2020-21": y2020_21.CHANGES,
    "2021-22": y2021_22.CHANGES,
    "2022-23": y2022_23.CHANGES,
    "2023-24": y2023_24.CHANGES,
    "2024-25": y2024_25.CHANGES,
    "2025-26": y2025_26.CHANGES,
    "2026-27": y2026_27.CHANGES,
}
