import sys


def two_sum(nums, target):
    # One pass: the partner of each number is looked up among the ones seen before it.
    seen = {}
    for j, x in enumerate(nums):
        i = seen.get(target - x)
        if i is not None:
            return i, j
        seen[x] = j
    raise ValueError("no pair adds up to the target")


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    nums = [int(x) for x in data[1 : 1 + n]]
    target = int(data[1 + n])
    i, j = two_sum(nums, target)
    print(i, j)


main()
