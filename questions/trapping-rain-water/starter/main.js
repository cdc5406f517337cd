const fs = require('fs');

/** The units of water trapped between the bars. */
function trap(nums) {
  // TODO: your solution here.
  return 0;
}

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0];
console.log(trap(data.slice(1, 1 + n)));
