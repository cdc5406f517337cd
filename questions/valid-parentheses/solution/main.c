#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static char line[1 << 16];
static char stack[1 << 16];

/* A stack of the openers still waiting for their closer. */
bool is_valid(const char *s, int len) {
    int top = 0;
    for (int k = 0; k < len; k++) {
        char ch = s[k];
        char opener = ch == ')' ? '(' : ch == ']' ? '[' : ch == '}' ? '{' : 0;
        if (!opener) stack[top++] = ch;
        else if (top == 0 || stack[--top] != opener) return false;
    }
    return top == 0;
}

int main(void) {
    if (!fgets(line, sizeof line, stdin)) line[0] = '\0';
    int len = (int)strcspn(line, "\n");
    line[len] = '\0';
    puts(is_valid(line, len) ? "true" : "false");
    return 0;
}
