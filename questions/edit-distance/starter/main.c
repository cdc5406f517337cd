#include <stdio.h>
#include <string.h>

static char word1[512], word2[512];

/* The fewest insertions, deletions and replacements from word1 to word2. */
int edit_distance(const char *word1, const char *word2) {
    /* TODO: your solution here. */
    (void)word1; (void)word2;
    return 0;
}

/* Either word may be empty: read lines, not whitespace-separated tokens. */
static void read_line(char *buffer, int size) {
    if (!fgets(buffer, size, stdin)) buffer[0] = '\0';
    buffer[strcspn(buffer, "\n")] = '\0';
}

int main(void) {
    read_line(word1, sizeof word1);
    read_line(word2, sizeof word2);
    printf("%d\n", edit_distance(word1, word2));
    return 0;
}
