import sys


def max_subarray(nums: list[int]) -> int:
    """The largest sum of a non-empty contiguous run of nums."""
    # TODO: your solution here.
    return 0


def main() -> None:
    data = sys.stdin.read().split()
    n = int(data[0])
    nums = [int(x) for x in data[1 : 1 + n]]
    print(max_subarray(nums))


main()
