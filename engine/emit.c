/* SPDX-License-Identifier: MIT */
/*
 * Stage 6, all formats at once: the writers only read the results, so
 * they run side by side, one thread each (a national run writes gigabytes
 * of JSON and CSV; together they take the time of the longer one).
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <scorecard/results.h>

#include "compute.h"
#include "emit.h"
#include "internal.h"
#include "parallel.h"
#include "progress.h"

enum { W_XLSX, W_JSON, W_SPLIT, W_CSV, W_HTML, W_HTML_SPLIT, W_SVG, W_COUNT };

typedef struct writers {
    const sc_results *r;
    const char *path[W_COUNT];
    size_t which[W_COUNT];        /* the requested writers, biggest first */
    sc_diagnostics *diags[W_COUNT];
    sc_status st[W_COUNT];
} writers;

static void
write_task(void *ctx, size_t k)
{
    writers *w = ctx;
    size_t i = w->which[k];
    const sc_results *r = w->r;
    const char *p = w->path[i];
    sc_diagnostics *d = w->diags[i];
    w->st[i] = i == W_XLSX         ? sc_write_xlsx(r, p, d)
               : i == W_JSON       ? sc_write_json(r, p, d)
               : i == W_SPLIT      ? sc_write_json_split(r, p, d)
               : i == W_CSV        ? sc_write_csv(r, p, d)
               : i == W_HTML       ? sc_write_html(r, p, d)
               : i == W_SVG        ? sc_write_svg_maps(r, p, d)
                                   : sc_write_html_split(r, p, d);
    sc_progress_add(r->ds, 1);
}

SC_API sc_status
sc_write_outputs(const sc_results *r, const sc_output_paths *paths,
                 sc_diagnostics *diags)
{
    if (!r || !paths || !diags)
        return SC_ERR_INVALID_ARG;
    writers w = {r,
                 {paths->xlsx, paths->json, paths->json_dir, paths->csv,
                  paths->html, paths->html_dir, paths->svg_dir},
                 {0},
                 {NULL},
                 {SC_OK, SC_OK, SC_OK, SC_OK, SC_OK, SC_OK, SC_OK}};
    /* the longest first, so the other thread takes the rest */
    static const size_t by_size[W_COUNT] = {W_XLSX,  W_CSV,        W_HTML,
                                            W_JSON,  W_SPLIT,      W_HTML_SPLIT,
                                            W_SVG};
    size_t n = 0;
    sc_status st = SC_OK;
    for (size_t k = 0; k < W_COUNT; k++) {
        size_t i = by_size[k];
        if (!w.path[i])
            continue;
        if (!(w.diags[i] = sc_diagnostics_new(sc_diag_max(diags)))) {
            st = SC_ERR_NOMEM;
            goto done;
        }
        w.which[n++] = i;
    }
    sc_progress_begin(r->ds, SC_STAGE_WRITE, n);
    sc_parallel_for(r->ds->jobs, n, write_task, &w);
    for (size_t i = 0; i < W_COUNT; i++) {
        sc_status m = sc_diag_merge(diags, w.diags[i]);
        if (st == SC_OK)
            st = w.st[i] != SC_OK ? w.st[i] : m;
    }
    if (st == SC_OK)
        sc_progress_end(r->ds);
done:
    for (size_t i = 0; i < W_COUNT; i++)
        sc_diagnostics_free(w.diags[i]);
    return st;
}

int
sc_geo_id_plain(const char *id)
{
    if (!id[0] || id[0] == '.')
        return 0;
    for (const char *p = id; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
              (*p >= 'A' && *p <= 'Z') || *p == '_' || *p == '-' ||
              *p == '.'))
            return 0;
    return 1;
}

sc_status
sc_write_whole(const sc_results *r, const char *path, sc_doc_writer write,
               sc_diagnostics *diags)
{
    sc_outfile o;
    SC_TRY(sc_out_open(&o, path, diags));
    if (write(o.f, r, 0, r->ds->ngeos) != SC_OK) {
        sc_out_abort(&o);
        return SC_ERR_NOMEM;
    }
    return sc_out_commit(&o, diags);
}

sc_status
sc_write_split(const sc_results *r, const char *dir, const char *ext,
               sc_doc_writer write, sc_diagnostics *diags)
{
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        sc_diag_addf(diags, SC_SEV_ERROR, "io", dir, 0, 0,
                     "cannot create directory '%s': %s", dir,
                     strerror(errno));
        return SC_ERR_IO;
    }
    for (size_t g = 0; g < r->ds->ngeos; g++) {
        const char *id = r->ds->geos[g].id;
        if (!sc_geo_id_plain(id)) {
            sc_diag_addf(diags, SC_SEV_ERROR, "io", dir, 0, 0,
                         "cannot name a split file after geo_id '%s': use "
                         "letters, digits, '_', '-' and '.' only",
                         id);
            return SC_ERR_DATA;
        }
        char *name = sc_asprintf("%s%s", id, ext);
        char *path = name ? sc_path_join(dir, name) : NULL;
        free(name);
        if (!path)
            return SC_ERR_NOMEM;
        sc_outfile o;
        sc_status st = sc_out_open(&o, path, diags);
        free(path);
        if (st != SC_OK)
            return st;
        if (write(o.f, r, g, g + 1) != SC_OK) {
            sc_out_abort(&o);
            return SC_ERR_NOMEM;
        }
        SC_TRY(sc_out_commit(&o, diags));
    }
    return SC_OK;
}
