/* SPDX-License-Identifier: MIT */
/*
 * Stage 4: validation rules of SPEC §4 that are about values rather than
 * syntax. Row rules run while a file streams (sc_validate_row); dataset
 * rules run once everything is loaded (duplicates, a county missing from
 * an indicator's latest year, outliers within a series).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvfile.h"
#include "internal.h"
#include "parallel.h"

/* ------------------------------------------------------------ row rules */

/* Describe the transform for messages: "" or " after the transform". */
static const char *
after_transform(const sc_indicator *ind)
{
    return (ind->scale != 1 || ind->complement) ? " after the transform" : "";
}


void
sc_validate_row(const sc_row *r, sc_row_report_fn report, void *ctx)
{
    const sc_indicator *ind = r->ind;
    if (r->year < 1900 || r->year > 2100)
        report(ctx, SC_SEV_ERROR, "year-out-of-range", SC_COL_YEAR,
               "year '%s' is out of range; expected 1900-2100",
               r->text[SC_COL_YEAR]);
    /* the value after a transform is shown too; every number in a
     * message is formatted in the C locale (sc_diag_vaddf) */
    if (!isnan(r->value_final) && (r->value_final < 0 || r->value_final > 100)) {
        if (ind->scale == 1 && !ind->complement)
            report(ctx, SC_SEV_ERROR, "value-out-of-range", SC_COL_VALUE,
                   "value '%s' is outside 0-100; values are percentages",
                   r->text[SC_COL_VALUE]);
        else
            report(ctx, SC_SEV_ERROR, "value-out-of-range", SC_COL_VALUE,
                   "value '%s' is outside 0-100%s (= %.10g); values are "
                   "percentages",
                   r->text[SC_COL_VALUE], after_transform(ind),
                   r->value_final);
    }
    if (!isnan(r->num) && r->num < 0)
        report(ctx, SC_SEV_ERROR, "negative-count", SC_COL_NUMERATOR,
               "numerator '%s' is negative; counts must be >= 0",
               r->text[SC_COL_NUMERATOR]);
    if (!isnan(r->den) && r->den < 0)
        report(ctx, SC_SEV_ERROR, "negative-count", SC_COL_DENOMINATOR,
               "denominator '%s' is negative; counts must be >= 0",
               r->text[SC_COL_DENOMINATOR]);
    if (!isnan(r->num) && !isnan(r->den) && r->num > r->den && r->num >= 0)
        report(ctx, SC_SEV_ERROR, "numerator-exceeds-denominator",
               SC_COL_NUMERATOR,
               "numerator '%s' is greater than denominator '%s'",
               r->text[SC_COL_NUMERATOR], r->text[SC_COL_DENOMINATOR]);
    if (!isnan(r->moe) && r->moe < 0)
        report(ctx, SC_SEV_ERROR, "negative-moe", SC_COL_MOE,
               "moe '%s' is negative; a margin of error is >= 0",
               r->text[SC_COL_MOE]);
    if (!isnan(r->ci_lo) && !isnan(r->ci_hi) && r->ci_lo > r->ci_hi)
        report(ctx, SC_SEV_ERROR, "bad-interval", SC_COL_CI_LOW,
               "ci_low '%s' is greater than ci_high '%s'",
               r->text[SC_COL_CI_LOW], r->text[SC_COL_CI_HIGH]);
    /* SPEC §3.1: |v - 100 n/d| <= 0.5 * 10^-decimals + 100/d + 1e-9 */
    if (!isnan(r->value_final) && !isnan(r->num) && !isnan(r->den) &&
        r->den > 0 && r->num >= 0 && r->num <= r->den) {
        double n2 = ind->complement ? r->den - r->num : r->num;
        double ratio = 100.0 * (n2 / r->den); /* no overflow to inf */
        static const double half_unit[] = {0.5, 0.05, 0.005, 0.0005, 0.00005};
        int k = ind->info.decimals;
        double tol = (k >= 0 && k <= 4 ? half_unit[k] : 0.5 * pow(10.0, -k)) +
                     100.0 / r->den + 1e-9;
        if (fabs(r->value_final - ratio) > tol)
            report(ctx, SC_SEV_ERROR, "value-inconsistent", SC_COL_VALUE,
                   "value '%s' is inconsistent with 100 * numerator / "
                   "denominator = %.*f (%s / %s%s); expected within %.3g of "
                   "it",
                   r->text[SC_COL_VALUE], ind->info.decimals + 1, ratio,
                   r->text[SC_COL_NUMERATOR], r->text[SC_COL_DENOMINATOR],
                   ind->complement ? ", complemented" : "", tol);
    }
}

/* -------------------------------------------------------- dataset rules */

/* The observations are sorted by indicator, geography, subgroup (All
 * first, then by name) and year, so every rule below is one pass over
 * adjacent rows. */

typedef struct vctx {
    sc_dataset *ds;
    sc_diagnostics *diags;
    sc_buf text;
    sc_status st;
} vctx;

/* Locate field col of observation k; fills V->text with its text. */
static void
locate(vctx *V, size_t k, sc_col col, unsigned long *line, unsigned long *column)
{
    const sc_dataset *ds = V->ds;
    const sc_obs *o = &ds->obs[k];
    const sc_indicator *ind = &ds->inds[o->ind];
    *line = o->line;
    *column = 1;
    sc_buf_reset(&V->text);
    if (ind->field[col] >= 0) {
        uint64_t offset = sc_csv_line_offset(ind->path, &ind->lines, o->line);
        sc_csv_locate(ind->path, offset, o->line, (size_t)ind->field[col],
                      line, column, &V->text);
    }
}

static void
note(vctx *V, sc_status st)
{
    if (st == SC_ERR_NOMEM)
        V->st = st;
}

static int
same_series(const sc_obs *a, const sc_obs *b)
{
    return a->ind == b->ind && a->geo == b->geo && a->subgroup == b->subgroup;
}

/* Duplicate (geo_id, year, subgroup) rows within one indicator. */
static void
check_duplicates(vctx *V)
{
    const sc_dataset *ds = V->ds;
    for (size_t k = 1; k < ds->nobs && V->st == SC_OK; k++) {
        const sc_obs *a = &ds->obs[k - 1], *b = &ds->obs[k];
        if (!same_series(a, b) || a->year != b->year)
            continue;
        if (!sc_diag_wanted(V->diags, SC_SEV_ERROR)) {
            sc_diag_count_only(V->diags, SC_SEV_ERROR);
            continue;
        }
        unsigned long line, col;
        locate(V, k, SC_COL_GEO_ID, &line, &col);
        const sc_indicator *ind = &ds->inds[b->ind];
        note(V, sc_diag_addf(V->diags, SC_SEV_ERROR, "duplicate-row",
                             ind->path, line, col,
                             "duplicate row for geo_id '%s', year %d, "
                             "subgroup '%s' (first on line %lu); keep one",
                             ds->geos[b->geo].id, (int)b->year,
                             ds->subgroups.strs[b->subgroup],
                             (unsigned long)a->line));
    }
}

/* Latest year of each indicator (SPEC §3.9.6) and the default goal year. */
static void
find_latest(sc_dataset *ds)
{
    int all_latest = SC_NO_YEAR;
    for (size_t k = 0; k < ds->nobs; k++) {
        const sc_obs *o = &ds->obs[k];
        if (o->reason != SC_REASON_NONE || o->subgroup != 0 ||
            ds->geos[o->geo].info.level != SC_LEVEL_COUNTY)
            continue;
        sc_indicator *ind = &ds->inds[o->ind];
        if (o->year > ind->latest_year)
            ind->latest_year = o->year;
    }
    for (size_t i = 0; i < ds->ninds; i++)
        if (ds->inds[i].latest_year > all_latest)
            all_latest = ds->inds[i].latest_year;
    if (!ds->goal_year_set && all_latest != SC_NO_YEAR)
        ds->goal_year = all_latest + 10;
}

/* Warn about counties without an All row in an indicator's latest year. */
static void
check_missing(vctx *V)
{
    sc_dataset *ds = V->ds;
    unsigned char *seen = calloc(ds->ngeos ? ds->ngeos : 1, 1);
    if (!seen) {
        V->st = SC_ERR_NOMEM;
        return;
    }
    for (size_t ii = 0; ii < ds->ninds && V->st == SC_OK; ii++) {
        const sc_indicator *ind = &ds->inds[ii];
        memset(seen, 0, ds->ngeos ? ds->ngeos : 1);
        for (size_t k = ds->ind_start[ii]; k < ds->ind_start[ii + 1]; k++) {
            const sc_obs *o = &ds->obs[k];
            if (o->subgroup == 0 && o->year == ind->latest_year)
                seen[o->geo] = 1;
        }
        if (ind->latest_year == SC_NO_YEAR || !ind->loaded)
            continue;
        for (size_t g = 0; g < ds->ngeos; g++) {
            const sc_geo *geo = &ds->geos[g];
            if (seen[g] || geo->info.level != SC_LEVEL_COUNTY || !geo->known)
                continue;
            const char *file = ds->geo_path ? ds->geo_path : ind->path;
            unsigned long line = ds->geo_path ? geo->line : 1;
            note(V, sc_diag_addf(V->diags, SC_SEV_WARNING, "missing-county",
                                 file, line, 1,
                                 "county %s%s%s%s has no row in %s for %d, "
                                 "the indicator's latest year",
                                 geo->id,
                                 strcmp(geo->name, geo->id) ? " (" : "",
                                 strcmp(geo->name, geo->id) ? geo->name : "",
                                 strcmp(geo->name, geo->id) ? ")" : "",
                                 ind->file,
                                 ind->latest_year));
        }
    }
    free(seen);
}

/* Outliers of one indicator, into their own list (run in parallel). */
typedef struct outliers {
    sc_dataset *ds;
    sc_diagnostics **lists;  /* per indicator */
    sc_status *st;
} outliers;

/* Warn about values far from the median of their own series: more than 4
 * scaled MADs (gsl_stats_mad) and more than 10 points away. */
static void
outlier_task(void *ctx, size_t ii)
{
    outliers *O = ctx;
    vctx V;
    memset(&V, 0, sizeof V);
    V.ds = O->ds;
    V.diags = O->lists[ii];
    const sc_dataset *ds = V.ds;
    size_t i = ds->ind_start[ii], end = ds->ind_start[ii + 1];
    size_t cap = 0;
    double *vals = NULL, *tmp = NULL;
    while (i < end && V.st == SC_OK) {
        size_t j = i + 1, m = 0;
        while (j < end && same_series(&ds->obs[i], &ds->obs[j]))
            j++;
        if (j - i > cap) {
            size_t c1 = cap, c2 = cap;
            if (sc_grow((void **)&vals, &c1, j - i, sizeof *vals) ||
                sc_grow((void **)&tmp, &c2, j - i, sizeof *tmp)) {
                V.st = SC_ERR_NOMEM;
                break;
            }
            cap = c1 < c2 ? c1 : c2;
        }
        for (size_t k = i; k < j; k++)
            if (ds->obs[k].reason == SC_REASON_NONE)
                vals[m++] = ds->obs[k].value;
        if (m >= 3) {
            double med, mad;
            sc_stats_median_mad(vals, m, tmp, &med, &mad);
            for (size_t k = i; k < j; k++) {
                const sc_obs *o = &ds->obs[k];
                if (o->reason != SC_REASON_NONE)
                    continue;
                double dev = fabs(o->value - med);
                if (!(dev > 4 * mad && dev > 10))
                    continue;
                const sc_indicator *ind = &ds->inds[o->ind];
                if (!sc_diag_wanted(V.diags, SC_SEV_WARNING)) {
                    sc_diag_count_only(V.diags, SC_SEV_WARNING);
                    continue;
                }
                unsigned long line, col;
                sc_col c = ind->field[SC_COL_VALUE] >= 0 ? SC_COL_VALUE
                                                         : SC_COL_NUMERATOR;
                locate(&V, k, c, &line, &col);
                note(&V, sc_diag_addf(
                    V.diags, SC_SEV_WARNING, "outlier", ind->path, line, col,
                    "value %.4g for %s (%s), %d is %.1f points from the "
                    "median %.4g of its series (more than 4 scaled MADs = "
                    "%.3g); check for a typo or a unit error",
                    o->value, ds->geos[o->geo].id,
                    ds->subgroups.strs[o->subgroup], (int)o->year, dev, med,
                    4 * mad));
            }
        }
        i = j;
    }
    free(vals);
    free(tmp);
    sc_buf_free(&V.text);
    O->st[ii] = V.st;
}

static sc_status
check_outliers(sc_dataset *ds, sc_diagnostics *diags)
{
    size_t n = ds->ninds;
    outliers O = {ds, calloc(n ? n : 1, sizeof *O.lists),
                  calloc(n ? n : 1, sizeof *O.st)};
    sc_status st = SC_ERR_NOMEM;
    if (!O.lists || !O.st)
        goto done;
    for (size_t i = 0; i < n; i++)
        if (!(O.lists[i] = sc_diagnostics_new(sc_diag_max(diags))))
            goto done;
    sc_parallel_for(ds->jobs, n, outlier_task, &O);
    st = SC_OK;
    for (size_t i = 0; i < n; i++) {
        sc_status m = sc_diag_merge(diags, O.lists[i]);
        if (st == SC_OK)
            st = O.st[i] != SC_OK ? O.st[i] : m;
    }
done:
    for (size_t i = 0; O.lists && i < n; i++)
        sc_diagnostics_free(O.lists[i]);
    free(O.lists);
    free(O.st);
    return st;
}

sc_status
sc_validate_dataset(sc_dataset *ds, sc_diagnostics *diags)
{
    vctx V;
    memset(&V, 0, sizeof V);
    V.ds = ds;
    V.diags = diags;
    find_latest(ds);
    check_duplicates(&V);
    if (V.st == SC_OK)
        check_missing(&V);
    sc_buf_free(&V.text);
    if (V.st != SC_OK)
        return V.st;
    return check_outliers(ds, diags);
}
