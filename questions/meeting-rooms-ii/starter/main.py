import sys


def min_rooms(intervals: list[tuple[int, int]]) -> int:
    """The fewest rooms that hold every meeting."""
    # TODO: your solution here.
    return 0


def main() -> None:
    data = sys.stdin.read().split()
    n = int(data[0])
    intervals = [(int(data[1 + 2 * k]), int(data[2 + 2 * k])) for k in range(n)]
    print(min_rooms(intervals))


main()
