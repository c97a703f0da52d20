/* SPDX-License-Identifier: MIT */
/*
 * One geography's section of the page (SPEC §5.4, §3.10): overall and
 * domain scores with ranks, then each indicator's row: value, distance
 * bar, rank (in the state and nationally), trend, projection, benchmark,
 * subgroup gap and a small line of the series. A state of a multi-state
 * page also shows its counties' spread.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "emit_html.h"

static const char *
vs_words(int vs)
{
    return vs == SC_VS_BETTER  ? "<span class=\"good\">Better</span> than "
                                 "the benchmark"
           : vs == SC_VS_WORSE ? "<span class=\"bad\">Worse</span> than "
                                 "the benchmark"
           : vs == SC_VS_SAME  ? "Same as the benchmark"
                               : NULL;
}

static const char *
bench_words(int m)
{
    return m == SC_BENCH_REPORTED ? "state figure"
           : m == SC_BENCH_POOLED ? "state, pooled from its counties"
           : m == SC_BENCH_MEDIAN ? "median of the state's counties"
                                  : "";
}

/* The national benchmark's method (SPEC §3.10.4). */
static const char *
national_words(int m)
{
    return m == SC_BENCH_REPORTED ? "national figure"
           : m == SC_BENCH_POOLED ? "nation, pooled from every county"
           : m == SC_BENCH_MEDIAN ? "median of every county"
                                  : "";
}

static const char *
vs_state_words(int vs)
{
    return vs == SC_VS_BETTER  ? "<span class=\"good\">Better</span> than "
                                 "the state"
           : vs == SC_VS_WORSE ? "<span class=\"bad\">Worse</span> than "
                                 "the state"
           : vs == SC_VS_SAME  ? "Same as the state"
                               : NULL;
}

static const char *
vs_short(int vs)
{
    return vs == SC_VS_BETTER  ? "<span class=\"good\">better</span>"
           : vs == SC_VS_WORSE ? "<span class=\"bad\">worse</span>"
           : vs == SC_VS_SAME  ? "same"
                               : NULL;
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* A state's counties in indicator i's latest year (multi-state pages):
 * how many have a value, the lowest, the median and the highest. */
static void
state_spread(hw *h, size_t s, size_t i)
{
    const sc_results *r = h->r;
    const sc_dataset *ds = h->ds;
    int k = ds->inds[i].info.decimals, year = ds->inds[i].latest_year;
    size_t n = 0;
    for (size_t g = 0; g < ds->ngeos; g++) {
        if (!is_county(ds, g) || state_of(ds, g) != (long)s)
            continue;
        long first = r->gi_first[g * ds->ninds + i];
        if (first < 0 || r->groups[first].subgroup != 0 ||
            r->groups[first].latest < 0)
            continue;
        const sc_obs *o = &ds->obs[r->groups[first].latest];
        if (o->year == year && o->reason == SC_REASON_NONE &&
            isfinite(o->value))
            h->scratch[n++] = o->value;
    }
    if (n == 0)
        return;
    qsort(h->scratch, n, sizeof *h->scratch, cmp_double);
    double med = n % 2 ? h->scratch[n / 2]
                       : (h->scratch[n / 2 - 1] + h->scratch[n / 2]) / 2;
    PUT(h, "<small class=\"spread\">");
    if (n == 1) {
        PUT(h, "Its one county: ");
        sc_html_fixed(h, h->scratch[0], k);
        PUT(h, "%");
    } else {
        PUT(h, "Its ");
        sc_html_count(h, (double)n);
        PUT(h, " counties: ");
        sc_html_fixed(h, h->scratch[0], k);
        PUT(h, "\xe2\x80\x93");
        sc_html_fixed(h, h->scratch[n - 1], k);
        PUT(h, "%, median ");
        sc_html_fixed(h, med, k);
        PUT(h, "%");
    }
    PUT(h, "</small>");
}

static void
put_year_of(hw *h, const sc_obs *o)
{
    if (o->label)
        sc_html_esc(h, h->ds->labels.strs[o->label - 1]);
    else
        sc_html_int(h, o->year);
}

/* The distance bar: the 0-100 scale, the value, the stretch still to go
 * to the target (hatched), and the target as a tick. */
static void
distance_bar(hw *h, const sc_indicator *ind, double v, double d, int k)
{
    double t = ind->info.target;
    int higher = ind->info.direction == SC_HIGHER_IS_BETTER;
    double lo, hi, fill;
    if (higher) {
        fill = v;
        lo = v;
        hi = v + d;
    } else {
        fill = v - d;
        lo = v - d;
        hi = v;
    }
    char a[64], b[64];
    PUT(h, "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio="
           "\"none\" role=\"img\" aria-label=\"");
    if (d > 0) {
        sc_html_distance(h, d, k);
        PUT(h, " points from the goal of ");
        sc_wputs(h->f, sc_html_dec(b, t, k));
        PUT(h, "%\">");
    } else {
        PUT(h, "Goal of ");
        sc_wputs(h->f, sc_html_dec(b, t, k));
        PUT(h, "% met\">");
    }
    PUT(h, "<rect width=\"100\" height=\"10\" fill=\"#e6e7ea\"/>");
    if (fill > 0) {
        PUT(h, "<rect width=\"");
        sc_wputs(h->f, sc_html_dec(a, fmin(fill, 100), 2));
        PUT(h, "\" height=\"10\" fill=\"#1f5f99\"/>");
    }
    if (d > 0) {
        PUT(h, "<rect x=\"");
        sc_wputs(h->f, sc_html_dec(a, fmax(lo, 0), 2));
        PUT(h, "\" width=\"");
        sc_wputs(h->f, sc_html_dec(b, fmin(hi, 100) - fmax(lo, 0), 2));
        PUT(h, "\" height=\"10\" fill=\"url(#hatch)\" stroke=\"#b3420e\" "
               "stroke-width=\".6\"/>");
    }
    PUT(h, "<rect x=\"");
    sc_wputs(h->f, sc_html_dec(a, fmin(fmax(t - 0.6, 0), 98.8), 2));
    PUT(h, "\" width=\"1.2\" height=\"10\" fill=\"#1b1b1b\"/></svg>");
}

/* The series as a small line; years with no usable value break it. The
 * text alternative lists every year. */
static void
sparkline(hw *h, const sc_indicator *ind, const sc_group *g, const char *gn)
{
    const sc_dataset *ds = h->ds;
    int k = ind->info.decimals;
    double vmin = INFINITY, vmax = -INFINITY;
    int y0 = 0, y1 = 0, npts = 0;
    for (size_t j = 0; j < g->count; j++) {
        const sc_obs *o = &ds->obs[g->first + j];
        if (j == 0)
            y0 = o->year;
        y1 = o->year;
        if (o->reason != SC_REASON_NONE || !isfinite(o->value))
            continue;
        vmin = fmin(vmin, o->value);
        vmax = fmax(vmax, o->value);
        npts++;
    }
    if (npts == 0) {
        PUT(h, "\xe2\x80\x94");
        return;
    }
    /* at least a 10-point window, inside 0-100 where possible */
    double mid = (vmin + vmax) / 2, span = fmax(vmax - vmin, 10);
    double lo = mid - span / 2, hi = mid + span / 2;
    if (lo < 0) {
        hi -= lo;
        lo = 0;
    }
    char a[64], b[64];
    PUT(h, "<svg class=\"spark\" viewBox=\"0 0 120 40\" role=\"img\" "
           "aria-label=\"");
    sc_html_esc(h, ind->info.name);
    PUT(h, ", ");
    sc_html_esc(h, gn);
    PUT(h, ", by year: ");
    for (size_t j = 0; j < g->count; j++) {
        const sc_obs *o = &ds->obs[g->first + j];
        if (j)
            PUT(h, "; ");
        put_year_of(h, o);
        PUT(h, " ");
        if (o->reason != SC_REASON_NONE)
            PUT(h, "suppressed");
        else if (!isfinite(o->value))
            PUT(h, "no value");
        else {
            sc_wputs(h->f, sc_html_dec(a, o->value, k));
            PUT(h, "%");
        }
    }
    PUT(h, "\">");
    /* x: years over 6-114; y: values over 30 (low) - 4 (high) */
    int in_path = 0;
    PUT(h, "<path fill=\"none\" stroke=\"#1f5f99\" stroke-width=\"1.6\" "
           "stroke-linejoin=\"round\" d=\"");
    double lx = 0, ly = 0;
    for (size_t j = 0; j < g->count; j++) {
        const sc_obs *o = &ds->obs[g->first + j];
        if (o->reason != SC_REASON_NONE || !isfinite(o->value)) {
            in_path = 0;
            continue;
        }
        double x = y1 > y0 ? 6 + 108.0 * (o->year - y0) / (y1 - y0) : 60;
        double y = 30 - 26 * (o->value - lo) / (hi - lo);
        sc_wputc(h->f, in_path ? 'L' : 'M');
        sc_wputs(h->f, sc_html_dec(a, x, 1));
        sc_wputc(h->f, ' ');
        sc_wputs(h->f, sc_html_dec(b, y, 1));
        in_path = 1;
        lx = x;
        ly = y;
    }
    PUT(h, "\"/>");
    /* the latest point, marked */
    PUT(h, "<circle r=\"2.2\" fill=\"#1f5f99\" cx=\"");
    sc_wputs(h->f, sc_html_dec(a, lx, 1));
    PUT(h, "\" cy=\"");
    sc_wputs(h->f, sc_html_dec(b, ly, 1));
    PUT(h, "\"/><text x=\"6\" y=\"39\" font-size=\"8\" fill=\"#4a4a4a\">");
    sc_html_int(h, y0);
    PUT(h, "</text>");
    if (y1 > y0) {
        PUT(h, "<text x=\"114\" y=\"39\" font-size=\"8\" fill=\"#4a4a4a\" "
               "text-anchor=\"end\">");
        sc_html_int(h, y1);
        PUT(h, "</text>");
    }
    PUT(h, "</svg>");
}

static void
trend_cell(hw *h, const sc_indicator *ind, const sc_group *g)
{
    const sc_trend *t = &g->trend;
    int k = ind->info.decimals;
    switch (t->status) {
    case SC_TREND_IMPROVING:
    case SC_TREND_WORSENING:
        PUT(h, "<span class=\"");
        sc_wputs(h->f, t->status == SC_TREND_IMPROVING ? "good" : "bad");
        PUT(h, "\"><span aria-hidden=\"true\">");
        sc_wputs(h->f, t->slope > 0 ? "\xe2\x96\xb2 " : "\xe2\x96\xbc ");
        PUT(h, "</span>");
        sc_wputs(h->f, t->status == SC_TREND_IMPROVING ? "Improving"
                                                       : "Worsening");
        PUT(h, "</span>");
        break;
    case SC_TREND_NO_CHANGE:
        PUT(h, "<span class=\"flat\"><span aria-hidden=\"true\">\xe2\x96\xb6"
               " </span>No significant change</span>");
        break;
    case SC_TREND_INSUFFICIENT:
        PUT(h, "<span class=\"flat\">Too few years to tell</span>");
        break;
    default:
        PUT(h, "\xe2\x80\x94");
        return;
    }
    if (isfinite(t->slope)) {
        PUT(h, "<small class=\"sl\">");
        sc_html_signed(h, t->slope, k + 1);
        PUT(h, " points a year");
        if (t->has_window) {
            /* the years the line was fitted to: from the window's first
             * year with data (publishers' series start late and skip
             * years: SAHIE from 2008, Urban's preschool every 2-3 years) */
            int first = t->change_from_year ? t->change_from_year
                                            : t->from_year;
            PUT(h, ", ");
            sc_html_int(h, first);
            PUT(h, "\xe2\x80\x93");
            sc_html_int(h, t->to_year);
            if (t->n > 0 && t->n < t->to_year - first + 1) {
                PUT(h, " (");
                sc_html_int(h, t->n);
                PUT(h, " years with data)");
            }
        }
        if (t->status == SC_TREND_NO_CHANGE && isfinite(t->p)) {
            PUT(h, " (p\xc2\xa0=\xc2\xa0");
            sc_html_fixed(h, t->p, 2);
            PUT(h, ")");
        }
        PUT(h, "</small>");
    }
}

static void
projection_cell(hw *h, const sc_indicator *ind, const sc_group *g)
{
    const sc_trend *t = &g->trend;
    const sc_dataset *ds = h->ds;
    switch (t->projection) {
    case SC_PROJ_TARGET_MET:
        PUT(h, "<span class=\"good\">Goal met</span>");
        break;
    case SC_PROJ_PROJECTED:
        PUT(h, "<span class=\"big\">");
        sc_html_int(h, t->projected_year);
        PUT(h, "</span>");
        if (t->has_range && (t->range_low || t->range_high)) {
            PUT(h, "<small>95% range: ");
            if (t->range_low && t->range_high) {
                sc_html_int(h, t->range_low);
                PUT(h, "\xe2\x80\x93");
                sc_html_int(h, t->range_high);
            } else if (t->range_low) {
                sc_html_int(h, t->range_low);
                PUT(h, " or later");
            } else {
                PUT(h, "by ");
                sc_html_int(h, t->range_high);
            }
            PUT(h, "</small>");
        }
        /* a series that ends before the others (SAHIE's 2016 beside
         * 2023): the year comes from a trend that old, say so */
        if (ind->latest_year != SC_NO_YEAR &&
            ind->latest_year < h->r->latest_year) {
            PUT(h, "<small class=\"old\">on data ending in ");
            sc_html_int(h, ind->latest_year);
            PUT(h, "</small>");
        }
        break;
    case SC_PROJ_BEYOND:
        PUT(h, "Not within 100 years at this pace");
        break;
    case SC_PROJ_NOT_PROJECTED:
        PUT(h, "Not on the current trend");
        break;
    default:
        PUT(h, "\xe2\x80\x94");
        return;
    }
    if (t->pace != SC_PACE_NONE && ds->goal_year) {
        PUT(h, "<small>By ");
        sc_html_int(h, ds->goal_year);
        PUT(h, ": ");
        /* the pace in words a reader can put beside "Improving" (the
         * JSON's "stagnating" means less than half the pace needed) */
        sc_wputs(h->f,
                 t->pace == SC_PACE_ON_TRACK     ? "on track"
                 : t->pace == SC_PACE_MODERATE   ? "improving, not fast enough"
                 : t->pace == SC_PACE_STAGNATING ? "well short of the pace "
                                                   "needed"
                                                 : "moving away from the goal");
        if (t->pace != SC_PACE_ON_TRACK && isfinite(t->required) &&
            t->required > 0) {
            PUT(h, "; <span class=\"need\">needs ");
            sc_html_signed(h, t->required, ind->info.decimals + 1);
            PUT(h, " points a year</span>");
        }
        PUT(h, "</small>");
    }
}

static void
indicator_row(hw *h, size_t g, size_t i)
{
    const sc_results *r = h->r;
    const sc_dataset *ds = h->ds;
    const sc_indicator *ind = &ds->inds[i];
    int k = ind->info.decimals;
    size_t cell = g * ds->ninds + i;
    long first = r->gi_first[cell];
    const sc_group *all = first >= 0 && r->groups[first].subgroup == 0
                              ? &r->groups[first]
                              : NULL;
    const sc_obs *o = all && all->latest >= 0 ? &ds->obs[all->latest] : NULL;
    sc_fig f = SC_FIG_NONE;
    if (o)
        sc_obs_figures(r, (size_t)all->latest, &f);

    PUT(h, "<tr data-indicator=\"");
    sc_html_esc(h, ind->id);
    PUT(h, "\">\n<th scope=\"row\">");
    sc_html_esc(h, ind->info.name);
    PUT(h, "</th>\n<td data-label=\"Latest\" class=\"c-value\"><div>");
    if (!o) {
        PUT(h, "No data");
        if (ind->latest_year != SC_NO_YEAR) {
            PUT(h, "<small>for ");
            sc_html_int(h, ind->latest_year);
            PUT(h, "</small>");
        }
    } else if (o->reason != SC_REASON_NONE) {
        PUT(h, "<span class=\"supp\">Suppressed</span><small>");
        if (o->reason == SC_REASON_LOW_DENOMINATOR) {
            PUT(h, "fewer than ");
            sc_html_count(h, ind->info.min_denominator);
            PUT(h, " children counted");
        } else if (o->reason == SC_REASON_RULE) {
            PUT(h, "set aside by this dataset's rule for the source");
        } else {
            PUT(h, "withheld by the source");
        }
        PUT(h, ", ");
        put_year_of(h, o);
        PUT(h, "</small>");
    } else {
        PUT(h, "<span class=\"big v\">");
        sc_html_fixed(h, o->value, k);
        PUT(h, "%</span>");
        if (isfinite(o->moe)) {
            PUT(h, " <span class=\"moe\">\xc2\xb1\xc2\xa0");
            sc_html_fixed(h, o->moe, k);
            PUT(h, "</span>");
        }
        PUT(h, "<small>in ");
        put_year_of(h, o);
        PUT(h, "</small>");
        if (o->unstable)
            PUT(h, "<small class=\"warn\"><span aria-hidden=\"true\">"
                   "\xe2\x9a\xa0 </span>Unstable estimate: the margin of "
                   "error is large</small>");
    }
    if (h->states && is_state(ds, g))
        state_spread(h, g, i);
    PUT(h, "</div></td>\n<td data-label=\"Distance to goal\" class=\"c-distance\"><div>");
    if (isfinite(f.distance) && o && isfinite(o->value)) {
        distance_bar(h, ind, o->value, f.distance, k);
        if (f.distance > 0) {
            PUT(h, "<span class=\"d\">");
            sc_html_distance(h, f.distance, k);
            PUT(h, "</span> points to go");
            if (isfinite(f.children_gap) && f.children_gap > 0) {
                PUT(h, "<small class=\"cg\">about ");
                sc_html_count(h, f.children_gap);
                sc_wputs(h->f, f.children_gap == 1 ? " more child" : " more children");
                PUT(h, "</small>");
            }
        } else {
            PUT(h, "<span class=\"good\">Goal met</span>");
        }
    } else {
        PUT(h, "\xe2\x80\x94");
    }
    PUT(h, "</div></td>\n<td data-label=\"Rank\" class=\"c-rank\"><div>");
    if (all && all->rank) {
        PUT(h, "<span class=\"nw\"><span class=\"big r\">");
        sc_html_int(h, all->rank);
        PUT(h, "</span> of ");
        sc_html_int(h, all->of);
        PUT(h, "</span>");
        if (h->states && is_state(ds, g)) {
            PUT(h, "<small>among states</small>");
        } else if (h->states && state_of(ds, g) >= 0) {
            PUT(h, "<small class=\"in\">in ");
            sc_html_esc(h, sc_html_geo_name(ds, (size_t)state_of(ds, g)));
            PUT(h, "</small>");
        }
        if (all->rank_low) {
            PUT(h, "<small class=\"rr\">range ");
            sc_html_int(h, all->rank_low);
            PUT(h, "\xe2\x80\x93");
            sc_html_int(h, all->rank_high);
            PUT(h, " (margins of error)");
            PUT(h, "</small>");
        }
    } else {
        sc_wputs(h->f, !is_county(ds, g) ? "\xe2\x80\x94" : "Not ranked");
    }
    if (h->states && all && all->nrank && is_county(ds, g)) {
        PUT(h, "<small class=\"nr\">nationally <span class=\"nw\">");
        sc_html_int(h, all->nrank);
        PUT(h, " of ");
        sc_html_int(h, all->nof);
        PUT(h, "</span></small>");
    }
    PUT(h, "</div></td>\n<td data-label=\"Trend\" class=\"c-trend\"><div>");
    if (all)
        trend_cell(h, ind, all);
    else
        PUT(h, "\xe2\x80\x94");
    PUT(h, "</div></td>\n<td data-label=\"Goal reached\" class=\"c-projection\"><div>");
    if (all)
        projection_cell(h, ind, all);
    else
        PUT(h, "\xe2\x80\x94");
    PUT(h, "</div></td>\n<td data-label=\"Benchmark\" class=\"c-benchmark\"><div>");
    if (isfinite(f.benchmark)) {
        PUT(h, "<span class=\"b\">");
        sc_html_fixed(h, f.benchmark, k);
        PUT(h, "%</span><small>");
        /* several states: a state's benchmark is the national one */
        if (h->states && (!is_county(ds, g) || state_of(ds, g) < 0))
            sc_wputs(h->f, national_words(f.bench_method));
        else if (h->states && state_of(ds, g) >= 0) {
            const char *sn = sc_html_geo_name(ds, (size_t)state_of(ds, g));
            if (f.bench_method == SC_BENCH_MEDIAN) {
                PUT(h, "median of ");
                sc_html_esc(h, sn);
                PUT(h, "\xe2\x80\x99s counties");
            } else {
                sc_html_esc(h, sn);
                sc_wputs(h->f, f.bench_method == SC_BENCH_POOLED
                                   ? ", pooled from its counties"
                                   : "\xe2\x80\x99s figure");
            }
        } else
            sc_wputs(h->f, bench_words(f.bench_method));
        PUT(h, "</small>");
        const char *w = h->states && state_of(ds, g) >= 0
                            ? vs_state_words(f.vs)
                            : vs_words(f.vs);
        if (w && is_county(ds, g)) {
            PUT(h, "<small>");
            sc_wputs(h->f, w);
            PUT(h, "</small>");
        }
    } else {
        PUT(h, "\xe2\x80\x94");
    }
    /* the national benchmark beside a county's own (§3.10.4) */
    if (isfinite(f.national) && is_county(ds, g) &&
        !(h->states && state_of(ds, g) < 0)) {
        int m = SC_BENCH_NONE;
        (void)sc_bench_get(r, i, SC_BSET_NATIONAL, 0, o->year, &m);
        PUT(h, "<small class=\"nb\"><span title=\"");
        sc_wputs(h->f, national_words(m));
        PUT(h, "\">Nation ");
        sc_html_fixed(h, f.national, k);
        PUT(h, "%</span>");
        const char *wn = vs_short(f.vs_national);
        if (wn) {
            PUT(h, " \xc2\xb7 ");
            sc_wputs(h->f, wn);
        }
        PUT(h, "</small>");
    }
    PUT(h, "</div></td>\n");
    if (h->subgroups) {
        const sc_equity *e = &r->equity[cell];
        PUT(h, "<td data-label=\"Group gap\" class=\"c-equity\"><div>");
        if (e->set) {
            sc_html_fixed(h, e->gap, k);
            PUT(h, " points<small>");
            sc_html_esc(h, ds->subgroups.strs[e->best]);
            PUT(h, " ");
            sc_html_fixed(h, e->best_value, k);
            PUT(h, "%, ");
            sc_html_esc(h, ds->subgroups.strs[e->worst]);
            PUT(h, " ");
            sc_html_fixed(h, e->worst_value, k);
            PUT(h, "%</small>");
        } else {
            PUT(h, "\xe2\x80\x94");
        }
        PUT(h, "</div></td>\n");
    }
    PUT(h, "<td data-label=\"Over time\" class=\"c-series\"><div>");
    if (all)
        sparkline(h, ind, all, sc_html_geo_name(ds, g));
    else
        PUT(h, "\xe2\x80\x94");
    PUT(h, "</div></td>\n</tr>\n");
}

/* Where a composite's rank is counted (multi-state pages): " in Texas",
 * " among states"; nothing in a single-state page. */
static void
rank_where(hw *h, size_t g)
{
    if (!h->states)
        return;
    if (is_state(h->ds, g)) {
        PUT(h, " among states");
    } else if (state_of(h->ds, g) >= 0) {
        PUT(h, " in ");
        sc_html_esc(h, sc_html_geo_name(h->ds, (size_t)state_of(h->ds, g)));
    }
}

static void
comp_text(hw *h, size_t g, const sc_comp *c)
{
    if (!isfinite(c->score)) {
        PUT(h, "not scored");
        return;
    }
    PUT(h, "<span class=\"s\">");
    sc_html_fixed(h, c->score, 1);
    PUT(h, "</span>");
    if (c->rank) {
        PUT(h, " \xc2\xb7 rank ");
        sc_html_int(h, c->rank);
        PUT(h, " of ");
        sc_html_int(h, c->of);
        rank_where(h, g);
    }
    if (h->states && c->nrank && is_county(h->ds, g)) {
        PUT(h, ", ");
        sc_html_int(h, c->nrank);
        PUT(h, " of ");
        sc_html_int(h, c->nof);
        PUT(h, " nationally");
    }
}

void
sc_html_geo_section(hw *h, size_t g)
{
    const sc_results *r = h->r;
    const sc_dataset *ds = h->ds;
    const sc_geo *geo = &ds->geos[g];
    const char *name = sc_html_geo_name(ds, g);

    PUT(h, "<section class=\"geo\" id=\"");
    sc_html_anchor(h, g);
    PUT(h, "\" data-geo=\"");
    sc_html_esc(h, geo->id);
    PUT(h, "\" data-name=\"");
    sc_html_esc(h, name);
    if (h->states) {
        PUT(h, "\" data-state=\"");
        sc_html_state_anchor(h, g);
    }
    PUT(h, "\" aria-labelledby=\"h-");
    sc_html_anchor(h, g);
    PUT(h, "\">\n<h2 id=\"h-");
    sc_html_anchor(h, g);
    PUT(h, "\">");
    sc_html_esc(h, name);
    PUT(h, "</h2>\n<p class=\"meta\">");
    sc_wputs(h->f, is_state(ds, g) ? "State" : is_county(ds, g) ? "County"
                                                                : "Nation");
    long p = state_of(ds, g) >= 0 ? state_of(ds, g) : sc_html_parent_of(ds, g);
    if (p >= 0) {
        PUT(h, " in ");
        sc_html_esc(h, sc_html_geo_name(ds, (size_t)p));
    }
    PUT(h, " \xc2\xb7 FIPS ");
    sc_html_esc(h, geo->id);
    if (isfinite(geo->info.population)) {
        PUT(h, " \xc2\xb7 <span class=\"pop\">population ");
        sc_html_count(h, geo->info.population);
        PUT(h, "</span>");
    }
    PUT(h, "</p>\n<p class=\"overall\"><strong>Overall score: ");
    comp_text(h, g, &r->overall[g]);
    PUT(h, "</strong> <span class=\"small\">out of 100, where 100 means "
           "every goal is met");
    const sc_comp *ov = &r->overall[g];
    if (isfinite(ov->score) && ov->scored < ov->total) {
        /* a domain without a score: say which, the mean is over fewer */
        PUT(h, "; from ");
        sc_html_int(h, ov->scored);
        PUT(h, " of ");
        sc_html_int(h, ov->total);
        PUT(h, " domains, without ");
        int n = 0;
        for (size_t d = 0; d < ds->ndomains; d++) {
            const sc_comp *c = &r->domains[g * ds->ndomains + d];
            if (isfinite(c->score) || !c->total)
                continue;
            if (n++)
                PUT(h, ", ");
            sc_html_esc(h, ds->domains[d]);
        }
    }
    PUT(h, "</span></p>\n");

    /* domains, then each domain's indicators */
    PUT(h, "<table class=\"domains\">\n<caption>Scores by domain</caption>\n"
           "<thead><tr><th scope=\"col\">Domain</th><th scope=\"col\" "
           "class=\"num\">Score</th><th scope=\"col\" class=\"num\">");
    if (h->states && is_county(ds, g))
        PUT(h, "Rank in state</th><th scope=\"col\" class=\"num\">"
               "National rank");
    else if (h->states && is_state(ds, g))
        PUT(h, "Rank among states");
    else
        PUT(h, "Rank");
    PUT(h, "</th><th scope=\"col\" class=\"num\">Indicators scored</th>"
           "</tr></thead>\n<tbody>\n");
    for (size_t d = 0; d < ds->ndomains; d++) {
        const sc_comp *c = &r->domains[g * ds->ndomains + d];
        PUT(h, "<tr><th scope=\"row\">");
        sc_html_esc(h, ds->domains[d]);
        PUT(h, "</th><td class=\"num\">");
        sc_html_fixed(h, c->score, 1);
        PUT(h, "</td><td class=\"num\">");
        if (c->rank) {
            sc_html_int(h, c->rank);
            PUT(h, " of ");
            sc_html_int(h, c->of);
        } else {
            PUT(h, "\xe2\x80\x94");
        }
        if (h->states && is_county(ds, g)) {
            PUT(h, "</td><td class=\"num\">");
            if (c->nrank) {
                sc_html_int(h, c->nrank);
                PUT(h, " of ");
                sc_html_int(h, c->nof);
            } else {
                PUT(h, "\xe2\x80\x94");
            }
        }
        PUT(h, "</td><td class=\"num\">");
        sc_html_int(h, c->scored);
        PUT(h, " of ");
        sc_html_int(h, c->total);
        PUT(h, "</td></tr>\n");
    }
    PUT(h, "</tbody>\n</table>\n");

    for (size_t d = 0; d < ds->ndomains; d++) {
        int any = 0;
        for (size_t i = 0; i < ds->ninds && !any; i++)
            any = strcmp(ds->inds[i].info.domain, ds->domains[d]) == 0;
        if (!any)
            continue;
        const sc_comp *c = &r->domains[g * ds->ndomains + d];
        PUT(h, "<h3>");
        sc_html_esc(h, ds->domains[d]);
        PUT(h, " <span class=\"sub\">score ");
        comp_text(h, g, c);
        PUT(h, "</span></h3>\n<table class=\"inds\">\n<caption class=\"sr\">");
        sc_html_esc(h, ds->domains[d]);
        PUT(h, " indicators for ");
        sc_html_esc(h, name);
        PUT(h, "</caption>\n<thead><tr><th scope=\"col\" class=\"w-ind\">"
               "Indicator</th><th scope=\"col\" class=\"w-val\">Latest</th>"
               "<th scope=\"col\" class=\"w-dist\">Distance to goal</th>"
               "<th scope=\"col\" class=\"w-rank\">Rank</th><th scope=\"col\" "
               "class=\"w-trend\">Trend</th><th scope=\"col\" class=\"w-proj\">"
               "Goal reached</th><th scope=\"col\" class=\"w-bench\">"
               "Benchmark</th>");
        if (h->subgroups)
            PUT(h, "<th scope=\"col\" class=\"w-gap\">Group gap</th>");
        PUT(h, "<th scope=\"col\" class=\"w-series\">Over time</th></tr>"
               "</thead>\n<tbody>\n");
        for (size_t i = 0; i < ds->ninds; i++)
            if (strcmp(ds->inds[i].info.domain, ds->domains[d]) == 0)
                indicator_row(h, g, i);
        PUT(h, "</tbody>\n</table>\n");
    }
    PUT(h, "</section>\n");
}
