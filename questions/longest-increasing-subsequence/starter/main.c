#include <stdio.h>
#include <stdlib.h>

/* The length of the longest strictly increasing subsequence. */
long long length_of_lis(const int *nums, int n) {
    /* TODO: your solution here. */
    (void)nums; (void)n;
    return 0;
}

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    int *nums = malloc(sizeof(int) * n);
    for (int k = 0; k < n; k++) scanf("%d", &nums[k]);
    printf("%lld\n", length_of_lis(nums, n));
    free(nums);
    return 0;
}
