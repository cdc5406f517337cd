import * as fs from 'fs';

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

// A stack of the openers still waiting for their closer.
function isValid(s: string): boolean {
  const stack: string[] = [];
  for (const ch of s) {
    const opener = PAIRS[ch];
    if (opener === undefined) stack.push(ch);
    else if (stack.pop() !== opener) return false;
  }
  return stack.length === 0;
}

const s = fs.readFileSync(0, 'utf8').split('\n')[0] ?? '';
console.log(isValid(s) ? 'true' : 'false');
