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

/* Report at field `field` (or the line start when < 0) of the record that
 * starts at offset on line. */
static sc_status
vreport_at(gctx *g, sc_severity sev, uint64_t offset, unsigned long rline,
           long field, const char *code, const char *fmt, va_list ap)
{
    unsigned long line = rline, col = 1;
    if (field >= 0 && sc_diag_wanted(g->diags, sev))
        sc_csv_locate(g->ds->geo_path, offset, rline, (size_t)field, &line,
                      &col, NULL);
    sc_status st = sc_diag_vaddf(g->diags, sev, code, g->ds->geo_path, line,
                                 col, fmt, ap);
    return st == SC_ERR_NOMEM ? st : SC_OK;
}

/* Report at field `field` of a geographies record. */
static sc_status __attribute__((format(printf, 5, 6)))
report(gctx *g, const sc_csv_rec *rec, long field, const char *code,
       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sc_status st = vreport_at(g, SC_SEV_ERROR, rec->offset, rec->line, field,
                              code, fmt, ap);
    va_end(ap);
    return st;
}

/* A warning at field `field` of a geographies record. */
static sc_status __attribute__((format(printf, 5, 6)))
warn(gctx *g, const sc_csv_rec *rec, long field, const char *code,
     const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sc_status st = vreport_at(g, SC_SEV_WARNING, rec->offset, rec->line,
                              field, code, fmt, ap);
    va_end(ap);
    return st;
}

/* Report at field `field` of listed geography geo's row. */
static sc_status __attribute__((format(printf, 5, 6)))
report_geo(gctx *g, sc_severity sev, const sc_geo *geo, long field,
           const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *code = sev == SC_SEV_WARNING ? "parent-mismatch"
                                             : "bad-parent";
    sc_status st = vreport_at(g, sev, geo->offset, geo->line, field, code,
                              fmt, ap);
    va_end(ap);
    return st;
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
    geo->offset = rec->offset;
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
    if (sc_formula_like(nm, nn))
        SC_TRY(warn(g, rec, g->col[G_NAME], "formula-like-text",
                    "name '%s' begins with '%c'" SC_FORMULA_HINT,
                    sc_csv_shorten(&g->tmp, nm, nn), nm[0]));
    size_t ln = rec->lens[g->col[G_LEVEL]];
    const char *lv = sc_trim(rec->fields[g->col[G_LEVEL]], &ln);
    if (sc_strieq(lv, ln, "county"))
        geo->info.level = SC_LEVEL_COUNTY;
    else if (sc_strieq(lv, ln, "state"))
        geo->info.level = SC_LEVEL_STATE;
    else if (sc_strieq(lv, ln, "nation"))
        geo->info.level = SC_LEVEL_NATION;
    else {
        geo->known = 0; /* reported; no follow-on warnings about it */
        SC_TRY(report(g, rec, g->col[G_LEVEL], "bad-enum",
                      "bad level '%s' for geo_id '%.*s'; expected county, "
                      "state or nation",
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


static const char *
level_word(sc_level l)
{
    return sc_level_str(l) ? sc_level_str(l) : "?";
}

/* Index of geo's listed parent, -1 when blank, -2 when not listed. */
static long
parent_index(const sc_dataset *ds, const sc_geo *geo)
{
    if (!geo->parent || !geo->parent[0])
        return -1;
    long p = sc_strtab_find(&ds->geo_ids, geo->parent, strlen(geo->parent));
    return p >= 0 && ds->geos[p].line ? p : -2;
}

/* A FIPS county code: five digits, not SS000. */
static int
fips_county(const char *id)
{
    for (int k = 0; k < 5; k++)
        if (id[k] < '0' || id[k] > '9')
            return 0;
    return id[5] == '\0' && strcmp(id + 2, "000") != 0;
}

/* Report each parent cycle once, at its first-listed member; mark its
 * members in cyc so that the level rules do not report them again. */
static sc_status
find_cycles(gctx *g, unsigned char *cyc)
{
    const sc_dataset *ds = g->ds;
    size_t n = ds->ngeos;
    size_t *mark = calloc(n ? n : 1, sizeof *mark); /* 1 + walk that saw it */
    sc_buf path = {0};
    sc_status st = SC_OK;
    if (!mark)
        return SC_ERR_NOMEM;
    for (size_t i = 0; i < n && st == SC_OK; i++) {
        long j = (long)i;
        while (j >= 0 && !mark[j]) {
            mark[j] = i + 1;
            j = parent_index(ds, &ds->geos[j]);
        }
        if (j < 0 || mark[j] != i + 1)
            continue; /* ended, or joined an earlier walk */
        /* j is on a cycle: its first-listed member, and the path text */
        size_t first = (size_t)j, len = 0;
        long k = j;
        do {
            cyc[k] = 1;
            if (ds->geos[k].line < ds->geos[first].line)
                first = (size_t)k;
            k = parent_index(ds, &ds->geos[k]);
            len++;
        } while (k != j);
        path.len = 0;
        k = (long)first;
        for (size_t step = 0; step <= len && st == SC_OK; step++) {
            const char *id = ds->geos[k].id;
            if (step == 8 && len > 8) {
                st = sc_buf_append(&path, " -> ...", 7);
                break;
            }
            if (step && sc_buf_append(&path, " -> ", 4) != SC_OK)
                st = SC_ERR_NOMEM;
            else
                st = sc_buf_append(&path, id, strlen(id));
            k = parent_index(ds, &ds->geos[k]);
        }
        if (st == SC_OK)
            st = sc_buf_append(&path, "", 1);
        if (st != SC_OK)
            break;
        const sc_geo *f = &ds->geos[first];
        if (!f->in_scope)
            continue;
        st = len == 1
                 ? report_geo(g, SC_SEV_ERROR, f, g->col[G_PARENT],
                              "geography '%s' is its own parent; expected "
                              "a county's state, a state's nation, or a "
                              "blank",
                              f->id)
                 : report_geo(g, SC_SEV_ERROR, f, g->col[G_PARENT],
                              "parent cycle %s; expected a county's parent "
                              "to be a state and a state's the nation",
                              path.data);
    }
    free(mark);
    sc_buf_free(&path);
    return st;
}

/* SPEC §2.4: a county's parent is a state, a state's parent the nation
 * (or blank), the nation has none and is alone; no cycles. A county
 * whose parent disagrees with its FIPS code is warned about. */
static sc_status
check_hierarchy(gctx *g)
{
    const sc_dataset *ds = g->ds;
    size_t n = ds->ngeos;
    unsigned char *cyc = calloc(n ? n : 1, 1);
    if (!cyc)
        return SC_ERR_NOMEM;
    sc_status st = find_cycles(g, cyc);
    long nation = -1;
    for (size_t i = 0; i < n && st == SC_OK; i++) {
        const sc_geo *geo = &ds->geos[i];
        if (!geo->known || !geo->line || !geo->in_scope)
            continue;
        sc_level lv = geo->info.level;
        if (lv == SC_LEVEL_NATION) {
            if (nation >= 0) {
                st = report_geo(g, SC_SEV_ERROR, geo, g->col[G_LEVEL],
                                "a second nation '%s' (the first is '%s' "
                                "on line %lu); expected at most one "
                                "geography of level nation",
                                geo->id, ds->geos[nation].id,
                                ds->geos[nation].line);
                continue;
            }
            nation = (long)i;
        }
        if (cyc[i])
            continue;
        long p = parent_index(ds, geo);
        if (p == -1)
            continue;
        const sc_geo *par = p >= 0 ? &ds->geos[p] : NULL;
        if (par && !par->known)
            continue; /* its level is reported already */
        sc_level want = lv == SC_LEVEL_COUNTY ? SC_LEVEL_STATE
                                              : SC_LEVEL_NATION;
        if (lv == SC_LEVEL_NATION)
            st = report_geo(g, SC_SEV_ERROR, geo, g->col[G_PARENT],
                            "the nation '%s' has parent '%s'; expected a "
                            "blank parent (a nation has none)",
                            geo->id, geo->parent);
        else if (!par)
            st = report_geo(g, SC_SEV_ERROR, geo, g->col[G_PARENT],
                            "parent '%s' of %s '%s' is not a geo_id of "
                            "this file; expected the geo_id of its %s, or "
                            "a blank",
                            geo->parent, level_word(lv), geo->id,
                            level_word(want));
        else if (par->info.level != want)
            st = report_geo(g, SC_SEV_ERROR, geo, g->col[G_PARENT],
                            "parent '%s' of %s '%s' is a %s (line %lu); "
                            "expected %s, or a blank",
                            geo->parent, level_word(lv), geo->id,
                            level_word(par->info.level), par->line,
                            want == SC_LEVEL_STATE
                                ? "a state (a county's parent is its state)"
                                : "the nation (a state's parent is the "
                                  "nation)");
        else if (lv == SC_LEVEL_COUNTY && fips_county(geo->id) &&
                 strlen(par->id) == 5 && strcmp(par->id + 2, "000") == 0 &&
                 memcmp(par->id, geo->id, 2) != 0)
            st = report_geo(g, SC_SEV_WARNING, geo, g->col[G_PARENT],
                            "county '%s' has parent '%s', but its FIPS code "
                            "says state '%.2s000'; check the parent",
                            geo->id, geo->parent, geo->id);
    }
    free(cyc);
    return st;
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
    if (st == SC_OK && g.header_ok)
        st = check_hierarchy(&g);
    return st;
}

/* Geography index of id, or SC_NONE. */
static uint32_t
find_geo(const sc_dataset *ds, const char *id, size_t n)
{
    long k = sc_strtab_find(&ds->geo_ids, id, n);
    return k < 0 ? SC_NONE : (uint32_t)k;
}

/* SPEC §2.4, §3.10: each county's state (its parent, else the state
 * SS000 of its FIPS code when that geography exists), the states, the
 * nation, and the peer groups. Runs on the sorted, scoped geographies. */
static sc_status
resolve_hierarchy(sc_dataset *ds)
{
    size_t n = ds->ngeos;
    ds->nation = SC_NONE;
    ds->nstates = ds->states_with_counties = 0;
    free(ds->states);
    ds->states = malloc((n ? n : 1) * sizeof *ds->states);
    uint32_t *pos = malloc((n ? n : 1) * sizeof *pos);
    unsigned char *has = calloc(n ? n : 1, 1);
    if (!ds->states || !pos || !has) {
        free(pos);
        free(has);
        return SC_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        sc_geo *g = &ds->geos[i];
        g->state = SC_NONE;
        g->peer = 0;
        g->info.state = NULL;
        pos[i] = SC_NONE;
        if (g->info.level == SC_LEVEL_NATION && ds->nation == SC_NONE)
            ds->nation = (uint32_t)i;
        if (g->info.level == SC_LEVEL_STATE) {
            pos[i] = (uint32_t)ds->nstates;
            ds->states[ds->nstates++] = (uint32_t)i;
        }
    }
    for (size_t i = 0; i < n; i++) {
        sc_geo *g = &ds->geos[i];
        if (g->info.level != SC_LEVEL_COUNTY)
            continue;
        uint32_t s = SC_NONE;
        if (g->parent && g->parent[0])
            s = find_geo(ds, g->parent, strlen(g->parent));
        else if (fips_county(g->id)) {
            char ss[6] = {g->id[0], g->id[1], '0', '0', '0', '\0'};
            s = find_geo(ds, ss, 5);
        }
        if (s == SC_NONE || ds->geos[s].info.level != SC_LEVEL_STATE)
            continue;
        g->state = s;
        g->info.state = ds->geos[s].id;
        if (!has[s]) {
            has[s] = 1;
            ds->states_with_counties++;
        }
    }
    ds->multi_state = ds->states_with_counties >= 2;
    ds->npeers = ds->multi_state ? ds->nstates + 1 : 1;
    if (ds->multi_state)
        for (size_t i = 0; i < n; i++) {
            sc_geo *g = &ds->geos[i];
            if (g->info.level == SC_LEVEL_COUNTY && g->state != SC_NONE)
                g->peer = pos[g->state] + 1;
        }
    free(pos);
    free(has);
    return SC_OK;
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
            int nation = strcmp(g->id, "00000") == 0;
            int state = !nation && strcmp(g->id + 2, "000") == 0;
            g->info.level = nation  ? SC_LEVEL_NATION
                            : state ? SC_LEVEL_STATE
                                    : SC_LEVEL_COUNTY;
            state |= nation;
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
    sc_status st = resolve_hierarchy(ds);
    if (st != SC_OK) {
        free(remap);
        return st;
    }
    *remap_out = remap;
    return SC_OK;
}
