/* SPDX-License-Identifier: MIT */
/*
 * Stage 6a: the JSON scorecard (SPEC §5.1), streamed: keys in the
 * normative order, numbers rounded to 6 decimals, null for NaN and
 * infinities, one geography per line. The same results always give the
 * same bytes (no timestamps, every sort has a tie-break).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <scorecard/version.h>

#include "compute.h"
#include "emit.h"
#include "output.h"

#define SCHEMA_VERSION "1.1"

/* A minimal streaming writer: tracks whether a comma is due. */
typedef struct jw {
    sc_wbuf *f;
    int depth;
    unsigned char first[64];
    int after_key;
    int for_html;   /* escape <, > and & in strings */
} jw;

static void
sep(jw *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (w->depth > 0) {
        if (!w->first[w->depth])
            sc_wputc(w->f, ',');
        w->first[w->depth] = 0;
    }
}

static void
open_(jw *w, char c)
{
    sep(w);
    sc_wputc(w->f, c);
    w->depth++;
    w->first[w->depth] = 1;
}

static void
close_(jw *w, char c)
{
    w->depth--;
    sc_wputc(w->f, c);
}

/* A key with its quotes and colon, "k":, given as one literal. */
static void
key_lit(jw *w, const char *lit, size_t n)
{
    sep(w);
    sc_wwrite(w->f, lit, n);
    w->after_key = 1;
}

/* Keys are this file's literals, plain ASCII that needs no escaping. */
#define key(w, k) key_lit((w), "\"" k "\":", sizeof("\"" k "\":") - 1)

static void
str(jw *w, const char *s)
{
    sep(w);
    if (s)
        sc_wjson_string_x(w->f, s, w->for_html);
    else
        sc_wputs(w->f, "null");
}

static void
num(jw *w, double x)
{
    sep(w);
    if (!isfinite(x)) {
        sc_wputs(w->f, "null");
        return;
    }
    sc_wnumber(w->f, x);
}

/* An integer where 0 means null (ranks, years). */
static void
int0(jw *w, long v)
{
    sep(w);
    if (v == 0)
        sc_wputs(w->f, "null");
    else
        sc_wlong(w->f, v);
}

static void
intv(jw *w, long v)
{
    sep(w);
    sc_wlong(w->f, v);
}

static void
boolv(jw *w, int b)
{
    sep(w);
    sc_wputs(w->f, b ? "true" : "false");
}

static void
null_(jw *w)
{
    sep(w);
    sc_wputs(w->f, "null");
}

static void
newline(jw *w)
{
    sc_wputc(w->f, '\n');
}

/* ------------------------------------------------------------------ head */

static void
bench_list(jw *w, const sc_results *r, size_t ii, size_t set, uint32_t sg)
{
    const sc_bench_tab *b = &r->bench[ii];
    open_(w, '[');
    for (int y = 0; y < b->nyears; y++) {
        size_t cell = (set * b->nsg + sg) * (size_t)b->nyears + (size_t)y;
        if (!b->method[cell])
            continue;
        open_(w, '{');
        key(w, "year");
        intv(w, b->year0 + y);
        key(w, "value");
        num(w, b->value[cell]);
        key(w, "method");
        str(w, sc_bench_method_str(b->method[cell]));
        close_(w, '}');
    }
    close_(w, ']');
}

static int
has_bench(const sc_results *r, size_t ii, size_t set, uint32_t sg)
{
    const sc_bench_tab *b = &r->bench[ii];
    for (int y = 0; y < b->nyears; y++)
        if (b->method[(set * b->nsg + sg) * (size_t)b->nyears + (size_t)y])
            return 1;
    return 0;
}

/* The all-children series of one set, then its subgroups' (by name). */
static void
bench_series(jw *w, const sc_results *r, size_t ii, size_t set)
{
    const sc_dataset *ds = r->ds;
    key(w, "benchmark");
    bench_list(w, r, ii, set, 0);
    key(w, "subgroup_benchmarks");
    open_(w, '[');
    for (size_t k = 1; k < ds->subgroups.count; k++) {
        /* by name: walk subgroup ids in output rank order */
        uint32_t sg = 0;
        for (uint32_t s = 0; s < ds->subgroups.count; s++)
            if (ds->sg_rank[s] == k)
                sg = s;
        if (!has_bench(r, ii, set, sg))
            continue;
        open_(w, '{');
        key(w, "subgroup");
        str(w, ds->subgroups.strs[sg]);
        key(w, "benchmark");
        bench_list(w, r, ii, set, sg);
        close_(w, '}');
    }
    close_(w, ']');
}

static void
write_head(jw *w, const sc_results *r)
{
    const sc_dataset *ds = r->ds;
    open_(w, '{');
    key(w, "schema_version");
    str(w, SCHEMA_VERSION);
    key(w, "title");
    str(w, ds->title);
    key(w, "generator");
    open_(w, '{');
    key(w, "name");
    str(w, "scorecard");
    key(w, "version");
    str(w, SC_VERSION_STRING);
    close_(w, '}');
    key(w, "latest_year");
    int0(w, r->latest_year == SC_NO_YEAR ? 0 : r->latest_year);
    key(w, "goal_year");
    int0(w, ds->goal_year);
    key(w, "trend_years");
    intv(w, ds->trend_years);
    key(w, "alpha");
    num(w, ds->alpha);
    key(w, "domains");
    open_(w, '[');
    for (size_t d = 0; d < ds->ndomains; d++)
        str(w, ds->domains[d]);
    close_(w, ']');
    key(w, "indicators");
    open_(w, '[');
    for (size_t i = 0; i < ds->ninds; i++) {
        const sc_indicator *ind = &ds->inds[i];
        const sc_indicator_info *in = &ind->info;
        newline(w);
        open_(w, '{');
        key(w, "id");
        str(w, in->id);
        key(w, "name");
        str(w, in->name);
        key(w, "domain");
        str(w, in->domain);
        key(w, "direction");
        str(w, in->direction == SC_HIGHER_IS_BETTER ? "higher_is_better"
                                                    : "lower_is_better");
        key(w, "target");
        num(w, in->target);
        key(w, "unit");
        str(w, in->unit);
        key(w, "decimals");
        intv(w, in->decimals);
        key(w, "min_denominator");
        num(w, in->min_denominator);
        key(w, "weight");
        num(w, in->weight);
        key(w, "max_rse");
        num(w, in->max_rse);
        key(w, "description");
        str(w, in->description);
        key(w, "source");
        str(w, in->source);
        key(w, "url");
        str(w, in->url);
        key(w, "latest_year");
        int0(w, ind->latest_year == SC_NO_YEAR ? 0 : ind->latest_year);
        key(w, "trend_years");
        intv(w, in->trend_years);
        key(w, "ranked");
        intv(w, r->ranked[i]);
        bench_series(w, r, i, SC_BSET_MAIN);
        /* §3.10.4: one per state, by geo_id (ds->states is in geo order) */
        key(w, "state_benchmarks");
        open_(w, '[');
        for (size_t st = 0; st < ds->nstates; st++) {
            open_(w, '{');
            key(w, "geo_id");
            str(w, ds->geos[ds->states[st]].id);
            bench_series(w, r, i, SC_BSET_STATE0 + st);
            close_(w, '}');
        }
        close_(w, ']');
        close_(w, '}');
    }
    close_(w, ']');
}

/* ---------------------------------------------------------- geographies */

static void
flags(jw *w, int unstable)
{
    open_(w, '[');
    if (unstable)
        str(w, "unstable");
    close_(w, ']');
}

static void
trend(jw *w, const sc_trend *t, int present)
{
    sc_trend none;
    if (!t) { /* no series at all: every field null */
        sc_trend_clear(&none);
        t = &none;
        present = 0;
    }
    open_(w, '{');
    key(w, "from_year");
    int0(w, present && t->has_window ? t->from_year : 0);
    key(w, "to_year");
    int0(w, present && t->has_window ? t->to_year : 0);
    key(w, "n");
    if (present && t->has_window)
        intv(w, t->n);
    else
        null_(w);
    key(w, "method");
    str(w, present ? sc_trend_method_str(t->method) : NULL);
    key(w, "slope");
    num(w, present ? t->slope : NAN);
    key(w, "se");
    num(w, present ? t->se : NAN);
    key(w, "df");
    if (present && t->df >= 0)
        intv(w, t->df);
    else
        null_(w);
    key(w, "t");
    num(w, present ? t->t : NAN);
    key(w, "p");
    num(w, present ? t->p : NAN);
    key(w, "ci_low");
    num(w, present ? t->ci_low : NAN);
    key(w, "ci_high");
    num(w, present ? t->ci_high : NAN);
    key(w, "oriented_slope");
    num(w, present ? t->oriented : NAN);
    key(w, "status");
    str(w, present ? sc_trend_status_str(t->status) : NULL);
    key(w, "projection");
    str(w, present ? sc_trend_projection_str(t->projection) : NULL);
    key(w, "projected_year");
    int0(w, present ? t->projected_year : 0);
    key(w, "projected_range");
    if (present && t->has_range) {
        open_(w, '[');
        int0(w, t->range_low);
        int0(w, t->range_high);
        close_(w, ']');
    } else {
        null_(w);
    }
    key(w, "required_slope");
    num(w, present ? t->required : NAN);
    key(w, "pace");
    str(w, present ? sc_trend_pace_str(t->pace) : NULL);
    key(w, "change");
    num(w, present ? t->change : NAN);
    key(w, "change_from_year");
    int0(w, present ? t->change_from_year : 0);
    key(w, "change_z");
    num(w, present ? t->change_z : NAN);
    key(w, "change_significant");
    if (present && t->change_significant >= 0)
        boolv(w, t->change_significant);
    else
        null_(w);
    close_(w, '}');
}

static void
series(jw *w, const sc_results *r, const sc_group *g)
{
    const sc_dataset *ds = r->ds;
    open_(w, '[');
    for (size_t j = 0; g && j < g->count; j++) {
        const sc_obs *o = &ds->obs[g->first + j];
        open_(w, '{');
        key(w, "year");
        intv(w, o->year);
        key(w, "year_label");
        str(w, o->label ? ds->labels.strs[o->label - 1] : NULL);
        key(w, "value");
        num(w, o->value);
        key(w, "moe");
        num(w, o->moe);
        key(w, "suppressed");
        boolv(w, o->reason != SC_REASON_NONE);
        key(w, "reason");
        str(w, sc_reason_str(o->reason));
        key(w, "flags");
        flags(w, o->unstable);
        close_(w, '}');
    }
    close_(w, ']');
}

/* value .. children_gap of a group's latest observation; `ranks` adds
 * rank, of, quartile and rank_range; then benchmark and vs_benchmark. */
static void
latest_fields(jw *w, const sc_results *r, const sc_group *g, int ranks)
{
    const sc_dataset *ds = r->ds;
    const sc_obs *o = g && g->latest >= 0 ? &ds->obs[g->latest] : NULL;
    sc_fig f = SC_FIG_NONE;
    if (o)
        sc_obs_figures(r, (size_t)g->latest, &f);
    key(w, "value");
    num(w, o ? o->value : NAN);
    key(w, "moe");
    num(w, o ? o->moe : NAN);
    key(w, "numerator");
    num(w, o ? o->num : NAN);
    key(w, "denominator");
    num(w, o ? o->den : NAN);
    key(w, "suppressed");
    boolv(w, o && o->reason != SC_REASON_NONE);
    key(w, "reason");
    str(w, o ? sc_reason_str(o->reason) : NULL);
    key(w, "flags");
    flags(w, o && o->unstable);
    key(w, "distance");
    num(w, f.distance);
    key(w, "score");
    num(w, f.score);
    key(w, "children_gap");
    num(w, f.children_gap);
    if (ranks) {
        key(w, "rank");
        int0(w, g ? g->rank : 0);
        key(w, "of");
        int0(w, g ? g->of : 0);
        key(w, "quartile");
        int0(w, g ? g->quartile : 0);
        key(w, "rank_range");
        if (g && g->rank_low) {
            open_(w, '[');
            intv(w, g->rank_low);
            intv(w, g->rank_high);
            close_(w, ']');
        } else {
            null_(w);
        }
        key(w, "national_rank");
        int0(w, g ? g->nrank : 0);
        key(w, "national_of");
        int0(w, g ? g->nof : 0);
        key(w, "national_quartile");
        int0(w, g ? g->nquartile : 0);
    }
    key(w, "benchmark");
    num(w, f.benchmark);
    key(w, "vs_benchmark");
    str(w, sc_vs_str(f.vs));
    key(w, "national_benchmark");
    num(w, f.national);
    key(w, "vs_national");
    str(w, sc_vs_str(f.vs_national));
}

static void
comp(jw *w, const sc_comp *c)
{
    key(w, "score");
    num(w, c->score);
    key(w, "rank");
    int0(w, c->rank);
    key(w, "of");
    int0(w, c->of);
    key(w, "quartile");
    int0(w, c->quartile);
    key(w, "national_rank");
    int0(w, c->nrank);
    key(w, "national_of");
    int0(w, c->nof);
    key(w, "national_quartile");
    int0(w, c->nquartile);
}

static void
write_geo(jw *w, const sc_results *r, size_t g)
{
    const sc_dataset *ds = r->ds;
    const sc_geo *geo = &ds->geos[g];
    open_(w, '{');
    key(w, "geo_id");
    str(w, geo->id);
    key(w, "name");
    str(w, geo->info.name);
    key(w, "level");
    str(w, sc_level_str(geo->info.level));
    key(w, "parent");
    str(w, geo->info.parent[0] ? geo->info.parent : NULL);
    key(w, "state");
    str(w, geo->state != SC_NONE ? ds->geos[geo->state].id : NULL);
    key(w, "population");
    num(w, geo->info.population);
    key(w, "overall");
    open_(w, '{');
    comp(w, &r->overall[g]);
    key(w, "domains_scored");
    intv(w, r->overall[g].scored);
    close_(w, '}');
    key(w, "domains");
    open_(w, '[');
    for (size_t d = 0; d < ds->ndomains; d++) {
        const sc_comp *c = &r->domains[g * ds->ndomains + d];
        open_(w, '{');
        key(w, "domain");
        str(w, ds->domains[d]);
        comp(w, c);
        key(w, "indicators_scored");
        intv(w, c->scored);
        key(w, "indicators_total");
        intv(w, c->total);
        close_(w, '}');
    }
    close_(w, ']');
    key(w, "indicators");
    open_(w, '[');
    for (size_t i = 0; i < ds->ninds; i++) {
        size_t cell = g * ds->ninds + i;
        long first = r->gi_first[cell];
        size_t count = first < 0 ? 0 : r->gi_count[cell];
        const sc_group *all = first >= 0 && r->groups[first].subgroup == 0
                                  ? &r->groups[first]
                                  : NULL;
        int latest = ds->inds[i].latest_year;
        open_(w, '{');
        key(w, "id");
        str(w, ds->inds[i].id);
        key(w, "year");
        int0(w, latest == SC_NO_YEAR ? 0 : latest);
        latest_fields(w, r, all, 1);
        key(w, "trend");
        trend(w, all ? &all->trend : NULL, all != NULL);
        key(w, "series");
        series(w, r, all);
        key(w, "subgroups");
        open_(w, '[');
        for (size_t k = 0; k < count; k++) {
            const sc_group *sg = &r->groups[(size_t)first + k];
            if (sg->subgroup == 0)
                continue;
            open_(w, '{');
            key(w, "subgroup");
            str(w, ds->subgroups.strs[sg->subgroup]);
            latest_fields(w, r, sg, 0);
            key(w, "trend");
            trend(w, &sg->trend, 1);
            key(w, "series");
            series(w, r, sg);
            close_(w, '}');
        }
        close_(w, ']');
        const sc_equity *e = &r->equity[cell];
        key(w, "equity_gap");
        open_(w, '{');
        key(w, "best");
        str(w, e->set ? ds->subgroups.strs[e->best] : NULL);
        key(w, "best_value");
        num(w, e->set ? e->best_value : NAN);
        key(w, "worst");
        str(w, e->set ? ds->subgroups.strs[e->worst] : NULL);
        key(w, "worst_value");
        num(w, e->set ? e->worst_value : NAN);
        key(w, "gap");
        num(w, e->set ? e->gap : NAN);
        close_(w, '}');
        close_(w, '}');
    }
    close_(w, ']');
    close_(w, '}');
}

void
sc_json_doc(sc_wbuf *f, const sc_results *r, size_t from, size_t to,
            int for_html)
{
    jw w;
    memset(&w, 0, sizeof w);
    w.f = f;
    w.for_html = for_html;
    write_head(&w, r);
    key(&w, "geographies");
    open_(&w, '[');
    for (size_t g = from; g < to; g++) {
        newline(&w);
        write_geo(&w, r, g);
    }
    newline(&w);
    close_(&w, ']');
    close_(&w, '}');
    newline(&w);
}

/* The document with geographies [from, to), through a buffer of its own:
 * SC_ERR_NOMEM when there is none. */
static sc_status
write_doc(FILE *file, const sc_results *r, size_t from, size_t to)
{
    sc_wbuf *f = sc_wbuf_open(file);
    if (!f)
        return SC_ERR_NOMEM;
    sc_json_doc(f, r, from, to, 0);
    sc_wbuf_close(f);
    return SC_OK;
}

SC_API sc_status
sc_write_json(const sc_results *r, const char *path, sc_diagnostics *diags)
{
    if (!r || !path || !diags)
        return SC_ERR_INVALID_ARG;
    return sc_write_whole(r, path, write_doc, diags);
}

SC_API sc_status
sc_write_json_split(const sc_results *r, const char *dir,
                    sc_diagnostics *diags)
{
    if (!r || !dir || !diags)
        return SC_ERR_INVALID_ARG;
    return sc_write_split(r, dir, ".json", write_doc, diags);
}
