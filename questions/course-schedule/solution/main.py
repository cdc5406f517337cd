import sys
from collections import deque


def can_finish(n, prerequisites):
    # Kahn's algorithm: every course is taken iff the prerequisite graph has no cycle.
    after = [[] for _ in range(n)]
    indegree = [0] * n
    for course, before in prerequisites:
        after[before].append(course)
        indegree[course] += 1
    ready = deque(i for i in range(n) if indegree[i] == 0)
    taken = 0
    while ready:
        c = ready.popleft()
        taken += 1
        for nxt in after[c]:
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    return taken == n


data = sys.stdin.read().split()
n, m = int(data[0]), int(data[1])
pairs = [(int(data[2 + 2 * i]), int(data[3 + 2 * i])) for i in range(m)]
print("true" if can_finish(n, pairs) else "false")
