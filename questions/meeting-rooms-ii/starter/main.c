#include <stdio.h>
#include <stdlib.h>

/* The fewest rooms that hold every meeting. Interval k is [start[k], end[k]].  */
int min_rooms(int n, const int *start, const int *end) {
    /* TODO: your solution here. */
    (void)n; (void)start; (void)end;
    return 0;
}

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    int *start = malloc(sizeof(int) * (n + 1));
    int *end = malloc(sizeof(int) * (n + 1));
    for (int k = 0; k < n; k++) scanf("%d %d", &start[k], &end[k]);
    printf("%d\n", min_rooms(n, start, end));
    return 0;
}
