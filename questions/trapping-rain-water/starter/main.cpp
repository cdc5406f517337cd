#include <iostream>
#include <vector>

using namespace std;

// The units of water trapped between the bars.
long long trap(const vector<int>& nums) {
    // TODO: your solution here.
    (void)nums;
    return 0;
}

int main() {
    ios::sync_with_stdio(false);
    int n;
    cin >> n;
    vector<int> nums(n);
    for (int& x : nums) cin >> x;
    cout << trap(nums) << "\n";
    return 0;
}
