import sys

PAIRS = {")": "(", "]": "[", "}": "{"}


def is_valid(s):
    stack = []
    for ch in s:
        if ch in PAIRS:
            if not stack or stack.pop() != PAIRS[ch]:
                return False
        else:
            stack.append(ch)
    return not stack


line = sys.stdin.readline().rstrip("\n")
print("true" if is_valid(line) else "false")
