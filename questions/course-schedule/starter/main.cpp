#include <iostream>
#include <utility>
#include <vector>

using namespace std;

// Whether all n courses can be taken in some order. Each prerequisite is {course, before}.
bool canFinish(int n, const vector<pair<int, int>>& prerequisites) {
    // TODO: your solution here.
    (void)n; (void)prerequisites;
    return false;
}

int main() {
    ios::sync_with_stdio(false);
    int n, m;
    cin >> n >> m;
    vector<pair<int, int>> prerequisites(m);
    for (auto& [course, before] : prerequisites) cin >> course >> before;
    cout << (canFinish(n, prerequisites) ? "true" : "false") << "\n";
    return 0;
}
