"""Small pieces of plain English shared by messages and pages: lists and counts."""


def joined(items) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def counted(number: int, one: str, many: str = "") -> str:
    """ "1 person", "2 people", "1,204 concerns"."""
    return f"{number:,} {one if number == 1 else many or one + 's'}"


def row_ranges(rows, *, most: int = 10) -> str:
    """Spreadsheet row numbers in words, runs shortened: "3, 5 to 9 and 12". A long list names
    its first runs and says how many more rows there are."""
    runs: list[list[int]] = []
    for row in sorted(set(rows)):
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    # Two rows side by side read better as a pair than as a run: "3 and 4", not "3 to 4".
    runs = [
        piece
        for first, last in runs
        for piece in ([[first, first], [last, last]] if last == first + 1 else [[first, last]])
    ]
    words = [str(first) if first == last else f"{first} to {last}" for first, last in runs]
    if len(words) <= most:
        return joined(words)
    left = sum(last - first + 1 for first, last in runs[most:])
    return f"{', '.join(words[:most])} and {counted(left, 'more row')}"
