import heapq
import sys


def min_rooms(meetings):
    # A heap of the end times of the rooms in use; a room whose meeting ended is reused.
    ends = []
    for start, end in sorted(meetings):
        if ends and ends[0] <= start:
            heapq.heapreplace(ends, end)
        else:
            heapq.heappush(ends, end)
    return len(ends)


data = sys.stdin.read().split()
n = int(data[0])
print(min_rooms([(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(n)]))
