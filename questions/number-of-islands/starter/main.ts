import * as fs from 'fs';

/** The number of islands of 1s connected up, down, left or right. grid is a list of rows, each a string of '0' and '1'. */
function countIslands(grid: string[]): number {
  // TODO: your solution here.
  return 0;
}

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter(Boolean);
const rows = Number(data[0]);
console.log(countIslands(data.slice(2, 2 + rows)));
