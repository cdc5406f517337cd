import sys


def merge(intervals):
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged


data = sys.stdin.read().split()
n = int(data[0])
intervals = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n)]
for start, end in merge(intervals):
    print(start, end)
