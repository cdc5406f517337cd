const fs = require('fs');

/** The overlapping intervals merged, sorted by start. Each interval is [start, end]. */
function merge(intervals) {
  // TODO: your solution here.
  return [];
}

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0];
const intervals = [];
for (let k = 0; k < n; k++) intervals.push([data[1 + 2 * k], data[2 + 2 * k]]);
for (const [start, end] of merge(intervals)) console.log(`${start} ${end}`);
