const fs = require('fs');

/** The largest sum of a non-empty contiguous run of nums. */
function maxSubarray(nums) {
  // TODO: your solution here.
  return 0;
}

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0];
console.log(maxSubarray(data.slice(1, 1 + n)));
