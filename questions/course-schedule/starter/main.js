const fs = require('fs');

/** Whether all n courses can be taken in some order. Each prerequisite is [course, before]. */
function canFinish(n, prerequisites) {
  // TODO: your solution here.
  return false;
}

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const [n, m] = data;
const prerequisites = [];
for (let k = 0; k < m; k++) prerequisites.push([data[2 + 2 * k], data[3 + 2 * k]]);
console.log(canFinish(n, prerequisites) ? 'true' : 'false');
