#include <stdio.h>
#include <stdlib.h>

/* The largest sum of a non-empty contiguous run of nums. */
long long max_subarray(const int *nums, int n) {
    /* TODO: your solution here. */
    (void)nums; (void)n;
    return 0;
}

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    int *nums = malloc(sizeof(int) * n);
    for (int k = 0; k < n; k++) scanf("%d", &nums[k]);
    printf("%lld\n", max_subarray(nums, n));
    free(nums);
    return 0;
}
