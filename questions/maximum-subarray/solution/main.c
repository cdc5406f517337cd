#include <stdio.h>
#include <stdlib.h>

/* Kadane: the best sum ending here either extends the previous one or starts anew. */
long long max_subarray(const int *nums, int n) {
    long long best = nums[0], current = nums[0];
    for (int k = 1; k < n; k++) {
        current = current + nums[k] > nums[k] ? current + nums[k] : nums[k];
        if (current > best) best = current;
    }
    return best;
}

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    int *nums = malloc(sizeof(int) * n);
    for (int k = 0; k < n; k++)
        if (scanf("%d", &nums[k]) != 1) return 1;
    printf("%lld\n", max_subarray(nums, n));
    free(nums);
    return 0;
}
