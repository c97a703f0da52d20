/* SPDX-License-Identifier: MIT */
/*
 * Stage 6b: the long CSV table (SPEC §5.3), one row per observation in the
 * JSON's order. Rank and trend columns are filled on the indicator's
 * latest-year row only; empty cells are nulls; booleans are true/false.
 * §3.10.7's columns close every row: the county's state, its national
 * ranks (latest row), the national benchmark and the comparison with it.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compute.h"
#include "output.h"

static const char HEADER[] =
    "geo_id,geo_name,level,indicator,domain,subgroup,year,year_label,value,"
    "moe,numerator,denominator,suppressed,reason,flags,distance,score,"
    "children_gap,benchmark,benchmark_method,vs_benchmark,is_latest,rank,of,"
    "quartile,rank_low,rank_high,trend_n,trend_method,slope,se,df,t,p,"
    "ci_low,ci_high,oriented_slope,status,projection,projected_year,"
    "projected_low,projected_high,required_slope,pace,change,"
    "change_from_year,change_z,change_significant,state_id,national_rank,"
    "national_of,national_quartile,national_benchmark,vs_national\n";

/* A text cell, quoted when it holds a comma, quote or line break. */
static void
cell(sc_wbuf *f, const char *s)
{
    if (!s)
        return;
    if (!strpbrk(s, ",\"\r\n")) {
        sc_wputs(f, s);
        return;
    }
    sc_wputc(f, '"');
    for (; *s; s++) {
        if (*s == '"')
            sc_wputc(f, '"');
        sc_wputc(f, *s);
    }
    sc_wputc(f, '"');
}

/* A text cell after a comma. */
static void
text(sc_wbuf *f, const char *s)
{
    sc_wputc(f, ',');
    cell(f, s);
}

static void
number(sc_wbuf *f, double x)
{
    sc_wputc(f, ',');
    if (!isfinite(x))
        return;
    sc_wnumber(f, x);
}

/* An integer cell where 0 means null. */
static void
int0(sc_wbuf *f, long v)
{
    sc_wputc(f, ',');
    if (v)
        sc_wlong(f, v);
}

static void
boolean(sc_wbuf *f, int b)
{
    sc_wputs(f, b ? ",true" : ",false");
}

/* Append a text cell to b, quoted when needed (as cell()). */
static sc_status
cell_buf(sc_buf *b, const char *s, int comma)
{
    if (comma)
        SC_TRY(sc_buf_append(b, ",", 1));
    if (!strpbrk(s, ",\"\r\n"))
        return sc_buf_append(b, s, strlen(s));
    SC_TRY(sc_buf_append(b, "\"", 1));
    for (; *s; s++) {
        if (*s == '"')
            SC_TRY(sc_buf_append(b, "\"", 1));
        SC_TRY(sc_buf_append(b, s, 1));
    }
    return sc_buf_append(b, "\"", 1);
}

/* The six cells every row of a group starts with, and the comma after. */
static sc_status
group_prefix(sc_buf *b, const sc_results *r, const sc_group *g)
{
    const sc_dataset *ds = r->ds;
    const sc_geo *geo = &ds->geos[g->geo];
    const sc_indicator *ind = &ds->inds[g->ind];
    sc_buf_reset(b);
    SC_TRY(cell_buf(b, geo->id, 0));
    SC_TRY(cell_buf(b, geo->info.name, 1));
    SC_TRY(cell_buf(b, sc_level_str(geo->info.level),
                    1));
    SC_TRY(cell_buf(b, ind->id, 1));
    SC_TRY(cell_buf(b, ind->domain, 1));
    SC_TRY(cell_buf(b, ds->subgroups.strs[g->subgroup], 1));
    return sc_buf_append(b, ",", 1);
}

/* The §3.10.7 columns, then the end of the row. */
static void
national_tail(sc_wbuf *f, const sc_results *r, const sc_group *g,
              const sc_fig *fg, int latest)
{
    const sc_dataset *ds = r->ds;
    uint32_t s = ds->geos[g->geo].state;
    text(f, s != SC_NONE ? ds->geos[s].id : NULL);
    int0(f, latest ? g->nrank : 0);
    int0(f, latest ? g->nof : 0);
    int0(f, latest ? g->nquartile : 0);
    number(f, fg->national);
    text(f, sc_vs_str(fg->vs_national));
    sc_wputc(f, '\n');
}

static void
write_row(sc_wbuf *f, const sc_results *r, const sc_group *g, size_t j,
          const sc_buf *prefix)
{
    const sc_dataset *ds = r->ds;
    size_t oi = g->first + j;
    const sc_obs *o = &ds->obs[oi];
    sc_fig fg;
    sc_obs_figures(r, oi, &fg);
    int latest = (long)oi == g->latest;

    sc_wwrite(f, prefix->data, prefix->len);
    sc_wlong(f, o->year);
    text(f, o->label ? ds->labels.strs[o->label - 1] : NULL);
    number(f, o->value);
    number(f, o->moe);
    number(f, o->num);
    number(f, o->den);
    boolean(f, o->reason != SC_REASON_NONE);
    text(f, sc_reason_str(o->reason));
    text(f, o->unstable ? "unstable" : NULL);
    number(f, fg.distance);
    number(f, fg.score);
    number(f, fg.children_gap);
    number(f, fg.benchmark);
    text(f, sc_bench_method_str(fg.bench_method));
    text(f, sc_vs_str(fg.vs));
    boolean(f, latest);
    if (!latest) {
        /* rank_* (5) and trend (21) columns empty */
        sc_wputs(f, ",,,,,,,,,,,,,,,,,,,,,,,,,,");
        national_tail(f, r, g, &fg, 0);
        return;
    }
    int0(f, g->rank);
    int0(f, g->of);
    int0(f, g->quartile);
    int0(f, g->rank_low);
    int0(f, g->rank_high);
    const sc_trend *t = &g->trend;
    sc_wputc(f, ',');
    if (t->has_window)
        sc_wlong(f, t->n);
    text(f, sc_trend_method_str(t->method));
    number(f, t->slope);
    number(f, t->se);
    sc_wputc(f, ',');
    if (t->df >= 0)
        sc_wlong(f, t->df);
    number(f, t->t);
    number(f, t->p);
    number(f, t->ci_low);
    number(f, t->ci_high);
    number(f, t->oriented);
    text(f, sc_trend_status_str(t->status));
    text(f, sc_trend_projection_str(t->projection));
    int0(f, t->projected_year);
    int0(f, t->has_range ? t->range_low : 0);
    int0(f, t->has_range ? t->range_high : 0);
    number(f, t->required);
    text(f, sc_trend_pace_str(t->pace));
    number(f, t->change);
    int0(f, t->change_from_year);
    number(f, t->change_z);
    if (t->change_significant >= 0)
        boolean(f, t->change_significant);
    else
        sc_wputc(f, ',');
    national_tail(f, r, g, &fg, 1);
}

SC_API sc_status
sc_write_csv(const sc_results *r, const char *path, sc_diagnostics *diags)
{
    if (!r || !path || !diags)
        return SC_ERR_INVALID_ARG;
    sc_outfile o;
    SC_TRY(sc_out_open(&o, path, diags));
    sc_wbuf *f = sc_wbuf_open(o.f);
    if (!f) {
        sc_out_abort(&o);
        return SC_ERR_NOMEM;
    }
    sc_wputs(f, HEADER);
    sc_buf prefix = {0};
    for (size_t k = 0; k < r->ngroups; k++) {
        const sc_group *g = &r->groups[r->out_groups[k]];
        if (group_prefix(&prefix, r, g) != SC_OK) {
            sc_buf_free(&prefix);
            sc_wbuf_close(f);
            sc_out_abort(&o);
            return SC_ERR_NOMEM;
        }
        for (size_t j = 0; j < g->count; j++)
            write_row(f, r, g, j, &prefix);
    }
    sc_buf_free(&prefix);
    sc_wbuf_close(f);
    return sc_out_commit(&o, diags);
}
