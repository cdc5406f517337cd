import * as fs from 'fs';

/** The positions i < j of the two numbers that add up to target. */
function twoSum(nums: number[], target: number): [number, number] {
  // TODO: your solution here.
  return [0, 0];
}

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter(Boolean).map(Number);
const n = data[0];
const nums = data.slice(1, 1 + n);
const target = data[1 + n];
const [i, j] = twoSum(nums, target);
console.log(`${i} ${j}`);
