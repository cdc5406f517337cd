const fs = require('fs');

/** Whether every bracket in s is closed by its kind, in order. */
function isValid(s) {
  // TODO: your solution here.
  return false;
}

const s = fs.readFileSync(0, 'utf8').split('\n')[0];
console.log(isValid(s) ? 'true' : 'false');
