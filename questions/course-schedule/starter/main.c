#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

/* Whether all n courses can be taken in some order. Prerequisite k is: take before[k] before course[k]. */
bool can_finish(int n, int m, const int *course, const int *before) {
    /* TODO: your solution here. */
    (void)n; (void)m; (void)course; (void)before;
    return false;
}

int main(void) {
    int n, m;
    if (scanf("%d %d", &n, &m) != 2) return 1;
    int *course = malloc(sizeof(int) * (m + 1));
    int *before = malloc(sizeof(int) * (m + 1));
    for (int k = 0; k < m; k++) scanf("%d %d", &course[k], &before[k]);
    puts(can_finish(n, m, course, before) ? "true" : "false");
    free(course);
    free(before);
    return 0;
}
