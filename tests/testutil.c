/* SPDX-License-Identifier: MIT */
/* Helpers for the Check tests (see testutil.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test-config.h"
#include "testutil.h"

char *
tu_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *path = NULL;
    if (asprintf(&path, "%s/sctest-XXXXXX", base && *base ? base : "/tmp") < 0)
        ck_abort_msg("out of memory");
    if (!mkdtemp(path))
        ck_abort_msg("mkdtemp failed for %s", path);
    return path;
}

void
tu_write(const char *dir, const char *name, const char *content)
{
    char *path = NULL;
    ck_assert_int_ge(asprintf(&path, "%s/%s", dir, name), 0);
    char *slash = strrchr(path, '/');
    if (slash && slash != path) {
        *slash = '\0';
        mkdir(path, 0755); /* one level of subdirectory is enough */
        *slash = '/';
    }
    FILE *f = fopen(path, "wb");
    ck_assert_msg(f != NULL, "cannot write %s", path);
    size_t n = strlen(content);
    ck_assert_uint_eq(fwrite(content, 1, n, f), n);
    ck_assert_int_eq(fclose(f), 0);
    free(path);
}

static int
rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(p);
}

void
tu_cleanup(char *dir)
{
    if (!dir)
        return;
    nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

static tu_load
load(const char *dir, int outside, unsigned jobs)
{
    tu_load l = {SC_OK, NULL, NULL};
    sc_options opt;
    sc_options_init(&opt);
    opt.allow_outside_paths = outside;
    opt.jobs = jobs;
    opt.catalog_dir = SC_TEST_SRCDIR "/../indicators";
    l.diags = sc_diagnostics_new(0);
    ck_assert_ptr_nonnull(l.diags);
    l.status = sc_dataset_load(dir, &opt, l.diags, &l.ds);
    return l;
}

tu_load
tu_load_dir(const char *dir)
{
    return load(dir, 0, 0);
}

tu_load
tu_load_dir_jobs(const char *dir, unsigned jobs)
{
    return load(dir, 0, jobs);
}

tu_load
tu_load_dir_outside(const char *dir)
{
    return load(dir, 1, 0);
}

void
tu_load_free(tu_load *l)
{
    sc_dataset_free(l->ds);
    sc_diagnostics_free(l->diags);
    l->ds = NULL;
    l->diags = NULL;
}

void
tu_dump(const sc_diagnostics *d)
{
    for (size_t i = 0; i < sc_diagnostics_count(d); i++) {
        char buf[1024];
        sc_diag_format(sc_diagnostics_get(d, i), buf, sizeof buf);
        fprintf(stderr, "  [%s] %s\n", sc_diagnostics_get(d, i)->code, buf);
    }
}

const sc_diag *
tu_find(const sc_diagnostics *d, const char *code)
{
    for (size_t i = 0; i < sc_diagnostics_count(d); i++)
        if (strcmp(sc_diagnostics_get(d, i)->code, code) == 0)
            return sc_diagnostics_get(d, i);
    return NULL;
}

size_t
tu_count(const sc_diagnostics *d, const char *code)
{
    size_t n = 0;
    for (size_t i = 0; i < sc_diagnostics_count(d); i++)
        if (strcmp(sc_diagnostics_get(d, i)->code, code) == 0)
            n++;
    return n;
}

static int
ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

void
tu_assert_diag(const sc_diagnostics *d, const char *code, sc_severity sev,
               const char *file, unsigned long line, unsigned long col,
               const char *sub, const char *where, int at)
{
    for (size_t i = 0; i < sc_diagnostics_count(d); i++) {
        const sc_diag *g = sc_diagnostics_get(d, i);
        if (strcmp(g->code, code) == 0 && g->severity == sev &&
            ends_with(g->file, file) && g->line == line && g->column == col &&
            strstr(g->message, sub))
            return;
    }
    fprintf(stderr, "%s:%d: expected %s %s at %s:%lu:%lu containing '%s'; "
                    "got:\n",
            where, at, sc_severity_str(sev), code, file, line, col, sub);
    tu_dump(d);
    ck_abort_msg("diagnostic %s not found at %s:%lu:%lu (see stderr)", code,
                 file, line, col);
}

size_t
tu_obs(const sc_dataset *ds, size_t indicator, const char *geo_id,
       const char *subgroup, int year)
{
    size_t g;
    ck_assert_msg(sc_dataset_find_geography(ds, geo_id, &g) == SC_OK,
                  "no geography %s", geo_id);
    for (size_t i = 0; i < sc_dataset_observation_count(ds); i++) {
        sc_observation o;
        ck_assert_int_eq(sc_dataset_observation(ds, i, &o), SC_OK);
        if (o.indicator == indicator && o.geography == g && o.year == year &&
            strcmp(o.subgroup, subgroup) == 0)
            return i;
    }
    ck_abort_msg("no observation %s/%s/%d", geo_id, subgroup, year);
    return 0;
}

int
tu_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_ENV);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
