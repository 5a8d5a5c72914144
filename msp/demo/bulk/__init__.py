"""Demo data at council and national scale, written in bulk rather than through the services.

`msp demo --concerns 20000` (a council's year) or `--concerns 600000` (England's year) uses this.
See docs/performance.md for what the bulk path writes, what it leaves out, and how long it takes.
"""

from msp.demo.bulk.load import Result, generate, last_complete_year

__all__ = ["Result", "generate", "last_complete_year"]
