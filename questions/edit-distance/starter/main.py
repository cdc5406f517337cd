import sys


def edit_distance(word1: str, word2: str) -> int:
    """The fewest insertions, deletions and replacements from word1 to word2."""
    # TODO: your solution here.
    return 0


def main() -> None:
    # Either word may be empty: read lines, not whitespace-separated tokens.
    lines = sys.stdin.read().split("\n")
    word1 = lines[0] if len(lines) > 0 else ""
    word2 = lines[1] if len(lines) > 1 else ""
    print(edit_distance(word1, word2))


main()
