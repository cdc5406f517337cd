import sys


def group_anagrams(words: list[str]) -> list[list[str]]:
    """The words grouped so that each group holds anagrams of one another."""
    # TODO: your solution here.
    return [words]


def main() -> None:
    data = sys.stdin.read().split()
    n = int(data[0])
    groups = group_anagrams(data[1 : 1 + n])
    # The expected output: each group sorted, then the lines sorted.
    for line in sorted(" ".join(sorted(group)) for group in groups):
        print(line)


main()
