const fs = require('fs');

const PAIRS = { ')': '(', ']': '[', '}': '{' };

// A stack of the openers still waiting for their closer.
function isValid(s) {
  const stack = [];
  for (const ch of s) {
    if (ch in PAIRS) {
      if (stack.pop() !== PAIRS[ch]) return false;
    } else {
      stack.push(ch);
    }
  }
  return stack.length === 0;
}

const s = fs.readFileSync(0, 'utf8').split('\n')[0];
console.log(isValid(s) ? 'true' : 'false');
