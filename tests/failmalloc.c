/* SPDX-License-Identifier: MIT */
/*
 * LD_PRELOAD shim for out-of-memory tests: the SC_FAILMALLOC_AT-th call to
 * malloc, calloc or realloc (counted from this library's constructor, so
 * the C runtime's own start-up is left alone) returns NULL with ENOMEM.
 * With SC_FAILMALLOC_REPORT=FILE the number of calls is written there at
 * exit, to know how many sites to try.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t m);
extern void *__libc_realloc(void *p, size_t n);

static long target = -1;
static long calls;
static int active;

__attribute__((constructor)) static void
start(void)
{
    const char *e = getenv("SC_FAILMALLOC_AT");
    target = e ? atol(e) : -1;
    active = 1;
}

__attribute__((destructor)) static void
finish(void)
{
    const char *r = getenv("SC_FAILMALLOC_REPORT");
    active = 0;
    if (r) {
        FILE *f = fopen(r, "w");
        if (f) {
            fprintf(f, "%ld\n", calls);
            fclose(f);
        }
    }
}

static int
fail_now(void)
{
    if (!active)
        return 0;
    return ++calls == target;
}

void *
malloc(size_t n)
{
    if (fail_now()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(n);
}

void *
calloc(size_t n, size_t m)
{
    if (fail_now()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_calloc(n, m);
}

void *
realloc(void *p, size_t n)
{
    if (fail_now()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(p, n);
}
