import sys


def two_sum(nums: list[int], target: int) -> tuple[int, int]:
    """The positions i < j of the two numbers that add up to target."""
    # TODO: your solution here.
    return (0, 0)


def main() -> None:
    data = sys.stdin.read().split()
    n = int(data[0])
    nums = [int(x) for x in data[1 : 1 + n]]
    target = int(data[1 + n])
    i, j = two_sum(nums, target)
    print(i, j)


main()
