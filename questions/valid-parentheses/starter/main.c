#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static char line[1 << 16];

/* Whether every bracket in s is closed by its kind, in order. */
bool is_valid(const char *s, int len) {
    /* TODO: your solution here. */
    (void)s; (void)len;
    return false;
}

int main(void) {
    if (!fgets(line, sizeof line, stdin)) line[0] = '\0';
    int len = (int)strcspn(line, "\n");
    line[len] = '\0';
    puts(is_valid(line, len) ? "true" : "false");
    return 0;
}
