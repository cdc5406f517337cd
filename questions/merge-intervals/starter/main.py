import sys


def merge(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The overlapping intervals merged, sorted by start."""
    # TODO: your solution here.
    return []


def main() -> None:
    data = sys.stdin.read().split()
    n = int(data[0])
    intervals = [(int(data[1 + 2 * k]), int(data[2 + 2 * k])) for k in range(n)]
    for start, end in merge(intervals):
        print(start, end)


main()
