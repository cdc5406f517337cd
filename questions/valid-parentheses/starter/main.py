import sys


def is_valid(s: str) -> bool:
    """Whether every bracket in s is closed by its kind, in order."""
    # TODO: your solution here.
    return False


def main() -> None:
    s = sys.stdin.readline().rstrip("\n")
    print("true" if is_valid(s) else "false")


main()
