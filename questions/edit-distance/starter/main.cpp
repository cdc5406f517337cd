#include <iostream>
#include <string>

using namespace std;

// The fewest insertions, deletions and replacements from word1 to word2.
int editDistance(const string& word1, const string& word2) {
    // TODO: your solution here.
    (void)word1; (void)word2;
    return 0;
}

int main() {
    // Either word may be empty: read lines, not whitespace-separated tokens.
    string word1, word2;
    getline(cin, word1);
    getline(cin, word2);
    cout << editDistance(word1, word2) << "\n";
    return 0;
}
