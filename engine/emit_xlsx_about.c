/* SPDX-License-Identifier: MIT */
/*
 * The Indicators sheet (the definitions and sources) and the About sheet
 * (method, settings, inputs, version).
 */
#include "config.h"

#include <stdlib.h>

#include <xlsxwriter.h>

#include <scorecard/version.h>

#include "compute.h"
#include "util.h"
#include "xlsx_book.h"

/* ------------------------------------------------- Indicators and About */

void
sc_xlsx_write_indicators(xctx *x)
{
    const sc_dataset *ds = x->ds;
    lxw_worksheet *ws = sc_xlsx_add_sheet(x, "Indicators");
    if (!ws) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    static const char *const head[] = {
        "Sheet", "ID", "Name", "Domain", "Direction", "Target (%)",
        "Decimals", "Min. denominator", "Weight", "Max. RSE", "Latest year",
        "Counties ranked", "File", "Description", "Source", "URL"};
    const int nh = (int)(sizeof head / sizeof *head);
    keep(x, worksheet_set_row(ws, 0, 32, NULL));
    for (int c = 0; c < nh; c++)
        str(x, ws, 0, (lxw_col_t)c, head[c], x->header);
    for (size_t i = 0; i < ds->ninds; i++) {
        const sc_indicator_info *in = &ds->inds[i].info;
        lxw_row_t row = (lxw_row_t)(i + 1);
        str(x, ws, row, 0, x->sheet_names[i], x->text);
        str(x, ws, row, 1, in->id, x->text);
        str(x, ws, row, 2, in->name, x->wrap);
        str(x, ws, row, 3, in->domain, x->text);
        str(x, ws, row, 4, in->direction == SC_HIGHER_IS_BETTER
                               ? "higher is better"
                               : "lower is better",
            x->text);
        num(x, ws, row, 5, in->target, NULL);
        num(x, ws, row, 6, in->decimals, NULL);
        num(x, ws, row, 7, in->min_denominator, NULL);
        num(x, ws, row, 8, in->weight, NULL);
        num(x, ws, row, 9, in->max_rse, NULL);
        if (ds->inds[i].latest_year != SC_NO_YEAR)
            num(x, ws, row, 10, ds->inds[i].latest_year, NULL);
        num(x, ws, row, 11, x->r->ranked[i], NULL);
        str(x, ws, row, 12, in->file, x->text);
        str(x, ws, row, 13, in->description, x->wrap);
        str(x, ws, row, 14, in->source, x->wrap);
        str(x, ws, row, 15, in->url, x->text);
    }
    keep(x, worksheet_set_column(ws, 0, 1, 20, NULL));
    keep(x, worksheet_set_column(ws, 2, 2, 40, NULL));
    keep(x, worksheet_set_column(ws, 3, 4, 16, NULL));
    keep(x, worksheet_set_column(ws, 5, 11, 10, NULL));
    keep(x, worksheet_set_column(ws, 12, 12, 24, NULL));
    keep(x, worksheet_set_column(ws, 13, 13, 60, NULL));
    keep(x, worksheet_set_column(ws, 14, 15, 36, NULL));
    worksheet_freeze_panes(ws, 1, 2);
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
}

void
sc_xlsx_write_about(xctx *x)
{
    const sc_dataset *ds = x->ds;
    lxw_worksheet *ws = sc_xlsx_add_sheet(x, "About");
    if (!ws) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    lxw_row_t row = 0;
    str(x, ws, row++, 0, ds->title, x->title);
    row++;
    const char *lines[][2] = {
        {"Generator", "scorecard " SC_VERSION_STRING},
        {"Goal", "every indicator measures the distance to the goal of all "
                 "children: 100% (or 0% for lower-is-better indicators, or "
                 "the indicator's target)."},
        {"Distance and score", "distance = max(0, target - value) (reversed "
                               "for lower-is-better); score = 100 - "
                               "distance."},
        {"Ranks", "counties, latest year, subgroup All, by distance rounded "
                  "to the indicator's decimals; ties share a rank (1, 2, 2, "
                  "4). Rank ranges: 5th-95th percentile of ranks over "
                  "simulated draws from each value's margin of error."},
        {"Trends", "least-squares slope over the trend window (weighted by "
                   "1/se^2 when every point has a margin of error), "
                   "two-sided p-value; improving or worsening when p < alpha. "
                   "Goal met by: latest year + distance / slope (a rate "
                   "near 100% usually slows as it nears the goal, so that "
                   "year is optimistic there)."},
        {"Benchmark", "the state's own value; else pooled county counts; "
                      "else the median of county values."},
        {"Domain and overall scores", "weighted mean of indicator scores "
                                      "(at least half scored); overall = "
                                      "mean of domain scores."},
        {"Suppressed cells", "shown as * with a comment giving the reason; "
                             "never scored or ranked."},
        {"Specification", "SPEC.md of the scorecard project, sections 3 and "
                          "5.2."}};
    if (ds->multi_state) {
        /* SPEC §3.10: peers are the counties of the same state */
        lines[3][1] = "counties, latest year, subgroup All, by distance "
                      "rounded to the indicator's decimals, within their "
                      "state (Rank in state; counties without a state form "
                      "one group) and among all the dataset's counties "
                      "(National rank); ties share a rank (1, 2, 2, 4). Rank "
                      "ranges: 5th-95th percentile of in-state ranks over "
                      "simulated draws from each value's margin of error. "
                      "States are ranked among states by their own values "
                      "(States sheet).";
        lines[5][1] = "a county's is its own state's: the state's value; "
                      "else pooled counts of its counties; else the median "
                      "of their values (the national benchmark for a county "
                      "without a state). National benchmark: the nation's "
                      "value; else pooled counts of all counties; else their "
                      "median.";
        lines[6][1] = "weighted mean of indicator scores (at least half "
                      "scored); overall = mean of domain scores; both "
                      "ranked in the state and nationally, like the "
                      "indicators.";
        lines[8][1] = "SPEC.md of the scorecard project, sections 3 (3.10: "
                      "several states) and 5.2.";
    }
    for (size_t k = 0; k < sizeof lines / sizeof *lines; k++) {
        str(x, ws, row, 0, lines[k][0], x->bold);
        str(x, ws, row++, 1, lines[k][1], x->wrap);
    }
    row++;
    str(x, ws, row++, 0, "Settings", x->bold);
    str(x, ws, row, 0, "Goal year", x->text);
    num(x, ws, row++, 1, ds->goal_year, NULL);
    str(x, ws, row, 0, "Trend window (years)", x->text);
    num(x, ws, row++, 1, ds->trend_years, NULL);
    for (size_t i = 0; i < ds->ninds; i++) { /* an entry's own window */
        if (ds->inds[i].info.trend_years == ds->trend_years)
            continue;
        char *label = sc_asprintf("Trend window, %s", ds->inds[i].id);
        if (!label) {
            keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
            break;
        }
        str(x, ws, row, 0, label, x->text);
        free(label);
        num(x, ws, row++, 1, ds->inds[i].info.trend_years, NULL);
    }
    str(x, ws, row, 0, "Alpha", x->text);
    num(x, ws, row++, 1, ds->alpha, NULL);
    str(x, ws, row, 0, "Rank draws", x->text);
    num(x, ws, row++, 1, (double)ds->rank_draws, NULL);
    str(x, ws, row, 0, "Seed", x->text);
    num(x, ws, row++, 1, (double)ds->seed, NULL);
    if (ds->scope) {
        str(x, ws, row, 0, "Scope", x->text);
        str(x, ws, row++, 1, ds->scope, x->text);
    }
    row++;
    str(x, ws, row++, 0, "Inputs", x->bold);
    for (size_t i = 0; i < ds->ninds; i++) {
        str(x, ws, row, 0, ds->inds[i].id, x->text);
        str(x, ws, row++, 1, ds->inds[i].file, x->text);
    }
    /* the publishers' citations, as the definitions give them (the page's
     * methodology and the JSON's indicators[].source/url carry the same) */
    row++;
    str(x, ws, row++, 0, "Sources", x->bold);
    for (size_t i = 0; i < ds->ninds; i++) {
        const sc_indicator_info *in = &ds->inds[i].info;
        str(x, ws, row, 0, ds->inds[i].id, x->text);
        str(x, ws, row, 1, in->source && in->source[0] ? in->source : "-",
            x->wrap);
        if (in->url && in->url[0])
            str(x, ws, row, 2, in->url, x->text);
        row++;
    }
    if (x->constant_memory) {
        row++;
        str(x, ws, row++, 0, "Note", x->bold);
        str(x, ws, row - 1, 1,
            "Large dataset: written in constant-memory mode, so suppressed "
            "cells carry no comments (the reason column of Data says why) "
            "and the Data sheets are plain ranges with an autofilter rather "
            "than Excel tables.",
            x->wrap);
    }
    keep(x, worksheet_set_column(ws, 0, 0, 26, NULL));
    keep(x, worksheet_set_column(ws, 1, 1, 100, NULL));
    keep(x, worksheet_set_column(ws, 2, 2, 60, NULL));
}
