import sys


def edit_distance(a, b):
    # One row of the DP table at a time: prev[j] is the distance from a[:i-1] to b[:j].
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                cur[j] = prev[j - 1]
            else:
                cur[j] = 1 + min(prev[j - 1], prev[j], cur[j - 1])
        prev = cur
    return prev[len(b)]


lines = sys.stdin.read().split("\n")
a = lines[0] if len(lines) > 0 else ""
b = lines[1] if len(lines) > 1 else ""
print(edit_distance(a, b))
