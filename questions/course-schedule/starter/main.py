import sys


def can_finish(n: int, prerequisites: list[tuple[int, int]]) -> bool:
    """Whether all n courses can be taken in some order."""
    # TODO: your solution here.
    return False


def main() -> None:
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    prerequisites = [(int(data[2 + 2 * k]), int(data[3 + 2 * k])) for k in range(m)]
    print("true" if can_finish(n, prerequisites) else "false")


main()
