#include <algorithm>
#include <iostream>
#include <vector>

using namespace std;

// Kadane: the best sum ending here either extends the previous one or starts anew.
long long maxSubarray(const vector<int>& nums) {
    long long best = nums[0], current = nums[0];
    for (size_t k = 1; k < nums.size(); k++) {
        current = max<long long>(nums[k], current + nums[k]);
        best = max(best, current);
    }
    return best;
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
