/**
 * A correct two-sum that also tries to leak: it keeps every input it was given in
 * /tmp (which the cases of one test run share) and prints all of it to stderr, so a
 * case shows the input of every case before it. The secrecy tests run it to prove the
 * candidate still never receives a hidden case. Any input it cannot read is no pair.
 */
export const LEAKY_TWO_SUM = `import sys
data = sys.stdin.read()
with open('/tmp/seen', 'a') as log:
    log.write(data)
with open('/tmp/seen') as log:
    sys.stderr.write(log.read())
lines = data.split('\\n')
nums = [int(x) for x in lines[1].split()] if len(lines) > 2 else []
target = int(lines[2]) if len(lines) > 2 and lines[2].strip() else 0
index = {}
for i, x in enumerate(nums):
    if target - x in index:
        print(index[target - x], i)
        break
    index[x] = i
`;
