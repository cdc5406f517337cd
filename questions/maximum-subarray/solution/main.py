import sys


def max_subarray(nums):
    # Kadane: the best sum ending here either extends the previous one or starts anew.
    best = current = nums[0]
    for x in nums[1:]:
        current = max(x, current + x)
        best = max(best, current)
    return best


data = sys.stdin.read().split()
n = int(data[0])
print(max_subarray([int(x) for x in data[1 : 1 + n]]))
