#include <iostream>
#include <utility>
#include <vector>

using namespace std;

// The fewest rooms that hold every meeting. Each interval is {start, end}.
int minRooms(vector<pair<int, int>> intervals) {
    // TODO: your solution here.
    (void)intervals;
    return 0;
}

int main() {
    ios::sync_with_stdio(false);
    int n;
    cin >> n;
    vector<pair<int, int>> intervals(n);
    for (auto& [start, end] : intervals) cin >> start >> end;
    cout << minRooms(intervals) << "\n";
    return 0;
}
