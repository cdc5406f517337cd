import bisect
import sys


def lis_length(nums):
    # tails[k] is the smallest last element of an increasing subsequence of length k + 1.
    tails = []
    for x in nums:
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)


data = sys.stdin.read().split()
n = int(data[0])
print(lis_length([int(x) for x in data[1 : 1 + n]]))
