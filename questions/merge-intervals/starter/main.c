#include <stdio.h>
#include <stdlib.h>

/* The overlapping intervals merged, sorted by start. Interval k is [start[k], end[k]]. Write the answer into out_start/out_end and return how many there are. */
int merge(int n, const int *start, const int *end, int *out_start, int *out_end) {
    /* TODO: your solution here. */
    (void)n; (void)start; (void)end; (void)out_start; (void)out_end;
    return 0;
}

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    int *start = malloc(sizeof(int) * (n + 1));
    int *end = malloc(sizeof(int) * (n + 1));
    for (int k = 0; k < n; k++) scanf("%d %d", &start[k], &end[k]);
    int *out_start = malloc(sizeof(int) * (n + 1));
    int *out_end = malloc(sizeof(int) * (n + 1));
    int count = merge(n, start, end, out_start, out_end);
    for (int k = 0; k < count; k++) printf("%d %d\n", out_start[k], out_end[k]);
    return 0;
}
