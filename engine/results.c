/* SPDX-License-Identifier: MIT */
/* The public view of computed results (include/scorecard/results.h): one
 * county's latest figures per indicator, domain and overall, copied out of
 * sc_results (compute.h) so that callers never see the internal layout. */
#include "config.h"
#include <math.h>
#include <string.h>
#include "compute.h"

SC_API sc_status
sc_results_indicator(const sc_results *r, size_t geo, size_t ii,
                     sc_indicator_result *out)
{
    if (!r || !out || geo >= r->ds->ngeos || ii >= r->ds->ninds)
        return SC_ERR_INVALID_ARG;
    const sc_dataset *ds = r->ds;
    memset(out, 0, sizeof *out);
    out->value = out->moe = out->distance = out->score = NAN;
    out->children_gap = out->benchmark = out->slope = out->p = NAN;
    out->national_benchmark = NAN;
    int latest = ds->inds[ii].latest_year;
    out->year = latest == SC_NO_YEAR ? 0 : latest;
    long first = r->gi_first[geo * ds->ninds + ii];
    if (first < 0 || r->groups[first].subgroup != 0)
        return SC_OK;
    const sc_group *g = &r->groups[first];
    if (g->latest >= 0) {
        const sc_obs *o = &ds->obs[g->latest];
        sc_fig f;
        sc_obs_figures(r, (size_t)g->latest, &f);
        out->suppressed = o->reason != SC_REASON_NONE;
        out->reason = (sc_reason)o->reason;
        out->unstable = o->unstable;
        out->value = o->value;
        out->moe = o->moe;
        out->distance = f.distance;
        out->score = f.score;
        out->children_gap = f.children_gap;
        out->benchmark = f.benchmark;
        out->vs_benchmark = sc_vs_str(f.vs);
        out->national_benchmark = f.national;
        out->vs_national = sc_vs_str(f.vs_national);
    }
    out->rank = g->rank;
    out->of = g->of;
    out->quartile = g->quartile;
    out->national_rank = g->nrank;
    out->national_of = g->nof;
    out->national_quartile = g->nquartile;
    out->rank_low = g->rank_low;
    out->rank_high = g->rank_high;
    out->slope = g->trend.slope;
    out->p = g->trend.p;
    out->status = sc_trend_status_str(g->trend.status);
    out->projection = sc_trend_projection_str(g->trend.projection);
    out->projected_year = g->trend.projected_year;
    out->pace = sc_trend_pace_str(g->trend.pace);
    return SC_OK;
}

static void
comp_out(const sc_comp *c, sc_score_result *out)
{
    out->score = c->score;
    out->rank = c->rank;
    out->of = c->of;
    out->quartile = c->quartile;
    out->national_rank = c->nrank;
    out->national_of = c->nof;
    out->national_quartile = c->nquartile;
    out->scored = (size_t)c->scored;
    out->total = (size_t)c->total;
}

SC_API sc_status
sc_results_domain(const sc_results *r, size_t geo, size_t d,
                  sc_score_result *out)
{
    if (!r || !out || geo >= r->ds->ngeos || d >= r->ds->ndomains)
        return SC_ERR_INVALID_ARG;
    comp_out(&r->domains[geo * r->ds->ndomains + d], out);
    return SC_OK;
}

SC_API sc_status
sc_results_overall(const sc_results *r, size_t geo, sc_score_result *out)
{
    if (!r || !out || geo >= r->ds->ngeos)
        return SC_ERR_INVALID_ARG;
    comp_out(&r->overall[geo], out);
    return SC_OK;
}
