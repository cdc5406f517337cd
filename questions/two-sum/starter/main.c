#include <stdio.h>
#include <stdlib.h>

/* The positions i < j of the two numbers that add up to target. Store the answer in *i and *j. */
void two_sum(const int *nums, int n, int target, int *i, int *j) {
    /* TODO: your solution here. */
    (void)nums; (void)n; (void)target;
    *i = 0;
    *j = 0;
}

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    int *nums = malloc(sizeof(int) * n);
    for (int k = 0; k < n; k++) scanf("%d", &nums[k]);
    int target;
    scanf("%d", &target);
    int i, j;
    two_sum(nums, n, target, &i, &j);
    printf("%d %d\n", i, j);
    free(nums);
    return 0;
}
