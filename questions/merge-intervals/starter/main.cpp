#include <iostream>
#include <utility>
#include <vector>

using namespace std;

// The overlapping intervals merged, sorted by start. Each interval is {start, end}.
vector<pair<int, int>> merge(vector<pair<int, int>> intervals) {
    // TODO: your solution here.
    (void)intervals;
    return {};
}

int main() {
    ios::sync_with_stdio(false);
    int n;
    cin >> n;
    vector<pair<int, int>> intervals(n);
    for (auto& [start, end] : intervals) cin >> start >> end;
    for (auto [start, end] : merge(intervals)) cout << start << " " << end << "\n";
    return 0;
}
