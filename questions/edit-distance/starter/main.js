const fs = require('fs');

/** The fewest insertions, deletions and replacements from word1 to word2. */
function editDistance(word1, word2) {
  // TODO: your solution here.
  return 0;
}

// Either word may be empty: read lines, not whitespace-separated tokens.
const [word1 = '', word2 = ''] = fs.readFileSync(0, 'utf8').split('\n');
console.log(editDistance(word1, word2));
