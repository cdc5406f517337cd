#include <stdio.h>

#define MAX 100

static char grid[MAX][MAX + 1];

/* The number of islands of 1s connected up, down, left or right. grid[r][c] is '0' or '1'. */
int count_islands(char grid[][MAX + 1], int rows, int cols) {
    /* TODO: your solution here. */
    (void)grid; (void)rows; (void)cols;
    return 0;
}

int main(void) {
    int rows, cols;
    if (scanf("%d %d", &rows, &cols) != 2) return 1;
    for (int r = 0; r < rows; r++) scanf("%100s", grid[r]);
    printf("%d\n", count_islands(grid, rows, cols));
    return 0;
}
