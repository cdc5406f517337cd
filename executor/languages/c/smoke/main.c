#include <stdio.h>

int main(void) {
    int a, b;
    if (scanf("%d %d", &a, &b) != 2) return 1;
    printf("Hello, CodeSync!\n");
    printf("sum=%d\n", a + b);
    return 0;
}
