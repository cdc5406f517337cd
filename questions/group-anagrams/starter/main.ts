import * as fs from 'fs';

/** The words grouped so that each group holds anagrams of one another. */
function groupAnagrams(words: string[]): string[][] {
  // TODO: your solution here.
  return [words];
}

const data = fs.readFileSync(0, 'utf8').split(/\s+/).filter(Boolean);
const n = Number(data[0]);
const groups = groupAnagrams(data.slice(1, 1 + n));
// The expected output: each group sorted, then the lines sorted.
const lines = groups.map((group) => [...group].sort().join(' ')).sort();
console.log(lines.join('\n'));
