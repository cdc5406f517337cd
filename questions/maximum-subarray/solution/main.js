const fs = require('fs');

// Kadane: the best sum ending here either extends the previous one or starts anew.
function maxSubarray(nums) {
  let best = nums[0];
  let current = nums[0];
  for (let k = 1; k < nums.length; k++) {
    current = Math.max(nums[k], current + nums[k]);
    best = Math.max(best, current);
  }
  return best;
}

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
console.log(maxSubarray(data.slice(1, 1 + data[0])));
