const fs = require('fs');

/** The length of the longest strictly increasing subsequence. */
function lengthOfLis(nums) {
  // TODO: your solution here.
  return 0;
}

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0];
console.log(lengthOfLis(data.slice(1, 1 + n)));
