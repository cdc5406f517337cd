import sys


def trapped(heights):
    # Two pointers: the lower side's wall bounds the water above it, whatever lies between.
    left, right = 0, len(heights) - 1
    left_max = right_max = water = 0
    while left < right:
        if heights[left] < heights[right]:
            left_max = max(left_max, heights[left])
            water += left_max - heights[left]
            left += 1
        else:
            right_max = max(right_max, heights[right])
            water += right_max - heights[right]
            right -= 1
    return water


data = sys.stdin.read().split()
n = int(data[0])
print(trapped([int(x) for x in data[1 : 1 + n]]))
