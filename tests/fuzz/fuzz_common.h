/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the libFuzzer targets of tests/fuzz/ (header-only, so
 * that each target stays one translation unit plus the library sources).
 *
 * Every target works in ONE per-process directory, created on first use
 * as $TMPDIR/scfuzz-<target>-XXXXXX (or /tmp when TMPDIR is unset) and
 * removed at exit; files in it are rewritten for each input. Nothing is
 * ever written anywhere else.
 */
#ifndef SC_FUZZ_COMMON_H
#define SC_FUZZ_COMMON_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <scorecard.h>

/* The manifest is fuzzer-controlled, and `rank_draws` may be up to
 * 1,000,000 (a documented limit, not a bug): rank simulation then costs
 * draws x counties x log(counties) per indicator and turns most inputs
 * into timeouts. The dataset/manifest targets lower it to this after a
 * successful load (see fz_cap_rank_draws). Override with
 * -DFZ_MAX_RANK_DRAWS=N at build time. */
#ifndef FZ_MAX_RANK_DRAWS
#define FZ_MAX_RANK_DRAWS 64
#endif

/* Abort with a message: libFuzzer reports it as a crash, with the input. */
#define FZ_CHECK(cond, ...)                                                  \
    do {                                                                     \
        if (!(cond)) {                                                       \
            fprintf(stderr, "FUZZ ORACLE FAILED at %s:%d: %s\n  ", __FILE__, \
                    __LINE__, #cond);                                        \
            fprintf(stderr, __VA_ARGS__);                                    \
            fputc('\n', stderr);                                             \
            abort();                                                         \
        }                                                                    \
    } while (0)

/* Harness failure (not a library bug): abort loudly. */
#define FZ_DIE(...)                                                          \
    do {                                                                     \
        fprintf(stderr, "fuzz harness: ");                                   \
        fprintf(stderr, __VA_ARGS__);                                        \
        fputc('\n', stderr);                                                 \
        abort();                                                             \
    } while (0)

static char *fz_dir_path;

static int
fz_rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    remove(p);
    return 0;
}

static void
fz_cleanup(void)
{
    if (fz_dir_path) {
        nftw(fz_dir_path, fz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
        free(fz_dir_path);
        fz_dir_path = NULL;
    }
}

/* The per-process work directory (created on first call). */
static const char *
fz_dir(const char *target)
{
    if (fz_dir_path)
        return fz_dir_path;
    const char *base = getenv("TMPDIR");
    if (!base || !*base)
        base = "/tmp";
    char *p = NULL;
    if (asprintf(&p, "%s/scfuzz-%s-XXXXXX", base, target) < 0)
        FZ_DIE("out of memory");
    if (!mkdtemp(p))
        FZ_DIE("mkdtemp %s: %s", p, strerror(errno));
    fz_dir_path = p;
    atexit(fz_cleanup);
    return fz_dir_path;
}

/* dir/name in a new string. */
static char *
fz_path(const char *dir, const char *name)
{
    char *p = NULL;
    if (asprintf(&p, "%s/%s", dir, name) < 0)
        FZ_DIE("out of memory");
    return p;
}

/* Write data[0..n) to path (created or truncated). */
static void
fz_write_path(const char *path, const void *data, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        FZ_DIE("cannot write %s: %s", path, strerror(errno));
    const char *c = data;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            FZ_DIE("write %s: %s", path, strerror(errno));
        }
        c += w;
        n -= (size_t)w;
    }
    if (close(fd) != 0)
        FZ_DIE("close %s: %s", path, strerror(errno));
}

static void
fz_write(const char *dir, const char *name, const void *data, size_t n)
{
    char *p = fz_path(dir, name);
    fz_write_path(p, data, n);
    free(p);
}

static void
fz_write_str(const char *dir, const char *name, const char *s)
{
    fz_write(dir, name, s, strlen(s));
}

/* Remove dir/name if it exists. */
static void
fz_unlink(const char *dir, const char *name)
{
    char *p = fz_path(dir, name);
    unlink(p);
    free(p);
}

static void
fz_mkdir(const char *dir, const char *name)
{
    char *p = fz_path(dir, name);
    if (mkdir(p, 0755) != 0 && errno != EEXIST)
        FZ_DIE("mkdir %s: %s", p, strerror(errno));
    free(p);
}

/* Read a whole file into a new NUL-terminated buffer (*n its length). */
static char *
fz_slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *b = malloc(cap);
    if (!b)
        FZ_DIE("out of memory");
    for (;;) {
        if (len + 1 >= cap) {
            cap *= 2;
            char *nb = realloc(b, cap);
            if (!nb)
                FZ_DIE("out of memory");
            b = nb;
        }
        size_t got = fread(b + len, 1, cap - len - 1, f);
        if (got == 0)
            break;
        len += got;
    }
    fclose(f);
    b[len] = '\0';
    *n = len;
    return b;
}

/* Touch every stored diagnostic: format it and read every string, so a
 * dangling or unterminated string shows up under ASan. */
static size_t
fz_touch_diags(const sc_diagnostics *d)
{
    size_t sum = 0;
    char buf[512];
    size_t n = sc_diagnostics_count(d);
    for (size_t i = 0; i < n; i++) {
        const sc_diag *g = sc_diagnostics_get(d, i);
        FZ_CHECK(g != NULL, "diagnostic %zu of %zu is NULL", i, n);
        FZ_CHECK(g->code && g->file && g->message,
                 "diagnostic %zu has a NULL string", i);
        FZ_CHECK(g->severity == SC_SEV_ERROR || g->severity == SC_SEV_WARNING,
                 "diagnostic %zu has severity %d", i, (int)g->severity);
        sum += strlen(g->code) + strlen(g->file) + strlen(g->message);
        size_t need = sc_diag_format(g, buf, sizeof buf);
        FZ_CHECK(strlen(buf) < sizeof buf, "sc_diag_format overflow");
        sum += need;
    }
    FZ_CHECK(sc_diagnostics_get(d, n) == NULL,
             "sc_diagnostics_get past the end is not NULL");
    return sum;
}

/* Volatile sink so that reads are not optimised away. */
static volatile size_t fz_sink;

#endif /* SC_FUZZ_COMMON_H */
