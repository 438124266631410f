#include <stdio.h>
#include <stdlib.h>

struct node {
    int value;
    char *label;
    struct node *next;
};

void free_list(struct node *head)
{
    while (head != NULL) {
        free(head);
        // ruleid: c.lang.use-after-free
        head = head->next;
    }
}

int close_session(struct node *s)
{
    free(s);
    // ruleid: c.lang.use-after-free
    printf("closed session %d\n", s->value);
    return 0;
}

void drop_buffer(int *counts)
{
    free(counts);
    // ruleid: c.lang.use-after-free
    counts[0] = 0;
}

void free_list_safe(struct node *head)
{
    while (head != NULL) {
        struct node *next = head->next;
        free(head->label);
        free(head);
        // ok: c.lang.use-after-free
        head = next;
    }
}

int close_session_safe(struct node *s)
{
    int id = s->value;
    free(s);
    s = NULL;
    // ok: c.lang.use-after-free
    printf("closed session %d\n", id);
    return 0;
}

void reuse(struct node *n)
{
    free(n);
    n = calloc(1, sizeof(*n));
    if (n != NULL) {
        // ok: c.lang.use-after-free
        n->value = 1;
    }
    free(n);
}
