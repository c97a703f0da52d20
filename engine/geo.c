/* SPDX-License-Identifier: MIT */
/*
 * Stage 2: geographies (SPEC §2.4), from geographies.csv or inferred from
 * the observations' FIPS codes, restricted to `scope`.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "internal.h"

enum { G_ID, G_NAME, G_LEVEL, G_PARENT, G_POP, G_COUNT };
static const char *const gcols[G_COUNT] = {"geo_id", "name", "level",
                                           "parent", "population"};

typedef struct gctx {
    sc_dataset *ds;
    sc_diagnostics *diags;
    long col[G_COUNT];
    int header_ok;
    sc_buf tmp;
} gctx;

/* Append a new geography with this id (not yet known). */
static sc_status
geo_add(sc_dataset *ds, const char *id, size_t n, size_t *index)
{
    size_t idx;
    SC_TRY(sc_strtab_intern(&ds->geo_ids, id, n, &idx));
    if (idx < ds->ngeos) {
        *index = idx;
        return SC_OK;
    }
    if (sc_grow((void **)&ds->geos, &ds->geos_cap, ds->ngeos + 1,
                sizeof *ds->geos))
        return SC_ERR_NOMEM;
    sc_geo *g = &ds->geos[ds->ngeos];
    memset(g, 0, sizeof *g);
    g->id = ds->geo_ids.strs[idx];
    g->name_year = SC_NO_YEAR;
    g->info.population = NAN;
    ds->ngeos++;
    *index = idx;
    return SC_OK;
}

sc_status
sc_geo_intern(sc_dataset *ds, const char *id, size_t n, size_t *index)
{
    return geo_add(ds, id, n, index);
}

/* Report at field `field` of a geographies record. */
static sc_status __attribute__((format(printf, 5, 6)))
report(gctx *g, const sc_csv_rec *rec, long field, const char *code,
       const char *fmt, ...)
{
    unsigned long line = rec->line, col = 1;
    if (field >= 0 && sc_diag_wanted(g->diags, SC_SEV_ERROR))
        sc_csv_locate(g->ds->geo_path, rec->offset, rec->line, (size_t)field,
                      &line, &col, NULL);
    va_list ap;
    va_start(ap, fmt);
    sc_status st = sc_diag_vaddf(g->diags, SC_SEV_ERROR, code,
                                 g->ds->geo_path, line, col, fmt, ap);
    va_end(ap);
    return st == SC_ERR_NOMEM ? st : SC_OK;
}

static sc_status
on_geo_record(void *vctx, const sc_csv_rec *rec)
{
    gctx *g = vctx;
    sc_dataset *ds = g->ds;
    if (rec->index == 0) {
        for (int c = 0; c < G_COUNT; c++)
            g->col[c] = -1;
        for (size_t i = 0; i < rec->nfields; i++) {
            size_t n = rec->lens[i];
            const char *h = sc_trim(rec->fields[i], &n);
            for (int c = 0; c < G_COUNT; c++)
                if (g->col[c] < 0 && sc_strieq(h, n, gcols[c]))
                    g->col[c] = (long)i;
        }
        g->header_ok = 1;
        for (int c = 0; c < G_POP; c++) {
            if (g->col[c] < 0) {
                SC_TRY(report(g, rec, -1, "missing-column",
                              "missing required column '%s'; expected the "
                              "header geo_id,name,level,parent[,population]",
                              gcols[c]));
                g->header_ok = 0;
            }
        }
        return g->header_ok ? SC_OK : SC_ERR_DATA;
    }
    size_t idn = rec->lens[g->col[G_ID]];
    const char *id = sc_trim(rec->fields[g->col[G_ID]], &idn);
    if (idn == 0)
        return report(g, rec, g->col[G_ID], "missing-geo-id",
                      "empty geo_id; expected an id such as 06037");
    long prev = sc_strtab_find(&ds->geo_ids, id, idn);
    if (prev < 0 && ds->ngeos >= SC_MAX_GEOGRAPHIES) {
        report(g, rec, g->col[G_ID], "limit",
               "more than %u geographies; that is the limit (the rest of "
               "the file is not read)",
               SC_MAX_GEOGRAPHIES);
        return SC_ERR_DATA;
    }
    if (prev >= 0)
        return report(g, rec, g->col[G_ID], "duplicate-row",
                      "duplicate geo_id '%.*s' (first listed on line %lu)",
                      (int)idn, id, ds->geos[prev].line);
    /* every listed id is known; rows of other states are out of scope */
    size_t idx;
    SC_TRY(geo_add(ds, id, idn, &idx));
    sc_geo *geo = &ds->geos[idx];
    geo->line = rec->line;
    geo->known = 1;
    geo->in_scope = !ds->scope || (idn >= 2 && memcmp(id, ds->scope, 2) == 0);
    size_t nn = rec->lens[g->col[G_NAME]];
    const char *nm = sc_trim(rec->fields[g->col[G_NAME]], &nn);
    size_t pn = rec->lens[g->col[G_PARENT]];
    const char *pa = sc_trim(rec->fields[g->col[G_PARENT]], &pn);
    geo->name = sc_strndup(nm, nn);
    geo->parent = sc_strndup(pa, pn);
    if (!geo->name || !geo->parent)
        return SC_ERR_NOMEM;
    size_t ln = rec->lens[g->col[G_LEVEL]];
    const char *lv = sc_trim(rec->fields[g->col[G_LEVEL]], &ln);
    if (sc_strieq(lv, ln, "county"))
        geo->info.level = SC_LEVEL_COUNTY;
    else if (sc_strieq(lv, ln, "state"))
        geo->info.level = SC_LEVEL_STATE;
    else {
        geo->known = 0; /* reported; no follow-on warnings about it */
        SC_TRY(report(g, rec, g->col[G_LEVEL], "bad-enum",
                      "bad level '%s' for geo_id '%.*s'; expected county or "
                      "state",
                      sc_csv_shorten(&g->tmp, lv, ln), (int)idn, id));
    }
    if (g->col[G_POP] >= 0) {
        size_t pl = rec->lens[g->col[G_POP]];
        const char *ps = sc_trim(rec->fields[g->col[G_POP]], &pl);
        double pop = NAN;
        if (pl && !sc_is_marker(ps, pl) &&
            (sc_parse_number(ps, pl, ',', &pop) != 0 || pop < 0))
            return report(g, rec, g->col[G_POP], "non-numeric",
                          "population '%s' is not a count; expected a "
                          "number >= 0 or a blank",
                          sc_csv_shorten(&g->tmp, ps, pl));
        geo->info.population = pop;
    }
    return SC_OK;
}

sc_status
sc_geo_load(sc_dataset *ds, sc_diagnostics *diags)
{
    if (!ds->geo_path)
        return SC_OK;
    gctx g;
    memset(&g, 0, sizeof g);
    g.ds = ds;
    g.diags = diags;
    sc_csv_ref ref = {ds->manifest_path, ds->geo_ref_line, ds->geo_ref_col};
    sc_status st = sc_csv_read(ds->geo_path, &ref, diags, NULL, on_geo_record, &g);
    sc_buf_free(&g.tmp);
    if (!g.header_ok)
        ds->geo_broken = 1; /* reported; do not flag every row after it */
    if (st == SC_ERR_DATA)
        st = SC_OK;
    return st;
}

static int
cmp_geo(const void *a, const void *b)
{
    return strcmp(((const sc_geo *)a)->id, ((const sc_geo *)b)->id);
}

sc_status
sc_geo_finish(sc_dataset *ds, uint32_t **remap_out)
{
    size_t n = ds->ngeos, kept = 0;
    uint32_t *remap = malloc((n ? n : 1) * sizeof *remap);
    *remap_out = NULL;
    if (!remap)
        return SC_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        remap[i] = UINT32_MAX;
        sc_geo *g = &ds->geos[i];
        if (!g->in_scope) {
            free(g->name);
            free(g->parent);
            continue;
        }
        if (!ds->geo_path) {
            int state = strcmp(g->id + 2, "000") == 0;
            g->info.level = state ? SC_LEVEL_STATE : SC_LEVEL_COUNTY;
            if (!g->parent)
                g->parent = state ? sc_strdup("")
                                  : sc_asprintf("%.2s000", g->id);
            if (!g->name)
                g->name = sc_strdup(g->id);
            if (!g->parent || !g->name) {
                free(remap);
                return SC_ERR_NOMEM;
            }
        }
        g->name_ind = i; /* the old index, for renumbering */
        ds->geos[kept++] = *g;
    }
    ds->ngeos = kept;
    if (kept > 1)
        qsort(ds->geos, kept, sizeof *ds->geos, cmp_geo);
    for (size_t i = 0; i < kept; i++)
        remap[ds->geos[i].name_ind] = (uint32_t)i;
    /* rebuild the id table in the new order */
    sc_strtab fresh = {0};
    for (size_t i = 0; i < kept; i++) {
        size_t idx;
        sc_status st = sc_strtab_intern(&fresh, ds->geos[i].id,
                                        strlen(ds->geos[i].id), &idx);
        if (st != SC_OK) {
            sc_strtab_free(&fresh);
            free(remap);
            return st;
        }
    }
    sc_strtab_free(&ds->geo_ids);
    ds->geo_ids = fresh;
    for (size_t i = 0; i < kept; i++) {
        sc_geo *g = &ds->geos[i];
        g->id = ds->geo_ids.strs[i];
        g->info.geo_id = g->id;
        g->info.name = g->name;
        g->info.parent = g->parent ? g->parent : "";
    }
    *remap_out = remap;
    return SC_OK;
}
