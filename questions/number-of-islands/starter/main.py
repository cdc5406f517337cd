import sys


def count_islands(grid: list[str]) -> int:
    """The number of islands of 1s connected up, down, left or right."""
    # TODO: your solution here.
    return 0


def main() -> None:
    data = sys.stdin.read().split()
    rows = int(data[0])
    grid = data[2 : 2 + rows]
    print(count_islands(grid))


main()
