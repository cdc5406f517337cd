#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

using namespace std;

// The words grouped so that each group holds anagrams of one another.
vector<vector<string>> groupAnagrams(const vector<string>& words) {
    // TODO: your solution here.
    return {words};
}

int main() {
    ios::sync_with_stdio(false);
    int n;
    cin >> n;
    vector<string> words(n);
    for (string& w : words) cin >> w;
    // The expected output: each group sorted, then the lines sorted.
    vector<string> lines;
    for (vector<string> group : groupAnagrams(words)) {
        sort(group.begin(), group.end());
        string line;
        for (size_t k = 0; k < group.size(); k++) line += (k ? " " : "") + group[k];
        lines.push_back(line);
    }
    sort(lines.begin(), lines.end());
    for (const string& line : lines) cout << line << "\n";
    return 0;
}
