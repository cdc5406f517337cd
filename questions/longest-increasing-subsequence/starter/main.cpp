#include <iostream>
#include <vector>

using namespace std;

// The length of the longest strictly increasing subsequence.
long long lengthOfLis(const vector<int>& nums) {
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
    cout << lengthOfLis(nums) << "\n";
    return 0;
}
