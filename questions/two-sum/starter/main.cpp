#include <iostream>
#include <utility>
#include <vector>

using namespace std;

// The positions i < j of the two numbers that add up to target.
pair<int, int> twoSum(const vector<int>& nums, int target) {
    // TODO: your solution here.
    (void)nums; (void)target;
    return {0, 0};
}

int main() {
    ios::sync_with_stdio(false);
    int n;
    cin >> n;
    vector<int> nums(n);
    for (int& x : nums) cin >> x;
    int target;
    cin >> target;
    auto [i, j] = twoSum(nums, target);
    cout << i << " " << j << "\n";
    return 0;
}
