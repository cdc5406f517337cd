import sys


def length_of_lis(nums: list[int]) -> int:
    """The length of the longest strictly increasing subsequence."""
    # TODO: your solution here.
    return 0


def main() -> None:
    data = sys.stdin.read().split()
    n = int(data[0])
    nums = [int(x) for x in data[1 : 1 + n]]
    print(length_of_lis(nums))


main()
