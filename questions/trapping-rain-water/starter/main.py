import sys


def trap(nums: list[int]) -> int:
    """The units of water trapped between the bars."""
    # TODO: your solution here.
    return 0


def main() -> None:
    data = sys.stdin.read().split()
    n = int(data[0])
    nums = [int(x) for x in data[1 : 1 + n]]
    print(trap(nums))


main()
