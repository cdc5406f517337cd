#include <iostream>
#include <vector>

using namespace std;

// The largest sum of a non-empty contiguous run of nums.
long long maxSubarray(const vector<int>& nums) {
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
    cout << maxSubarray(nums) << "\n";
    return 0;
}
