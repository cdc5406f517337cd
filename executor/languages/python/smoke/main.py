import sys
a, b = map(int, sys.stdin.read().split())
print("Hello, CodeSync!")
print(f"sum={a + b}")
