#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 2000
#define MAX_LEN 11

static char words[MAX_WORDS][MAX_LEN];
/* group[k] is the group number of words[k]; groups are numbered from 0. */
static int group[MAX_WORDS];

/* The words grouped so that each group holds anagrams of one another. Fill group[] and return how many groups there are. */
int group_anagrams(char words[][MAX_LEN], int n, int *group) {
    /* TODO: your solution here. */
    (void)words;
    for (int k = 0; k < n; k++) group[k] = 0;
    return n > 0 ? 1 : 0;
}

static int by_text(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    for (int k = 0; k < n; k++) scanf("%10s", words[k]);
    int groups = group_anagrams(words, n, group);
    /* The expected output: each group sorted, then the lines sorted. */
    char **lines = calloc(groups, sizeof(char *));
    char **members = malloc(sizeof(char *) * n);
    for (int g = 0; g < groups; g++) {
        int count = 0;
        for (int k = 0; k < n; k++)
            if (group[k] == g) members[count++] = words[k];
        qsort(members, count, sizeof(char *), by_text);
        lines[g] = calloc(count * MAX_LEN + 1, 1);
        for (int k = 0; k < count; k++) {
            if (k) strcat(lines[g], " ");
            strcat(lines[g], members[k]);
        }
    }
    qsort(lines, groups, sizeof(char *), by_text);
    for (int g = 0; g < groups; g++) puts(lines[g]);
    return 0;
}
