const fs = require('fs');

/** The fewest rooms that hold every meeting. Each interval is [start, end]. */
function minRooms(intervals) {
  // TODO: your solution here.
  return 0;
}

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0];
const intervals = [];
for (let k = 0; k < n; k++) intervals.push([data[1 + 2 * k], data[2 + 2 * k]]);
console.log(minRooms(intervals));
