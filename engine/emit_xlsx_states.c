/* SPDX-License-Identifier: MIT */
/*
 * The States sheet of a multi-state dataset (SPEC §3.10.5): one row per
 * state geography, its counties in the dataset, its overall and domain
 * scores with their ranks among states, and per indicator its own latest
 * value and rank among states, as the KIDS COUNT Data Book ranks states.
 */
#include "config.h"

#include <stdlib.h>
#include <xlsxwriter.h>

#include "compute.h"
#include "xlsx_book.h"

/* --------------------------------------------------------------- States */

/* A score and its rank among states from column c on. */
static void
state_comp(xctx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t c,
           const sc_comp *k)
{
    num(x, ws, row, c, k->score, x->pct[1]);
    if (k->rank)
        num(x, ws, row, (lxw_col_t)(c + 1), k->rank, x->integer);
}

/* The States sheet (a multi-state dataset only). Errors are recorded in
 * x. */
void
sc_xlsx_write_states(xctx *x)
{
    const sc_dataset *ds = x->ds;
    const sc_results *r = x->r;
    size_t ni = ds->ninds, nd = ds->ndomains;
    /* counties per state (geography index) */
    size_t *ncounties = calloc(ds->ngeos ? ds->ngeos : 1, sizeof *ncounties);
    if (!ncounties) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    for (size_t g = 0; g < ds->ngeos; g++)
        if (is_county(ds, g) && ds->geos[g].state != SC_NONE)
            ncounties[ds->geos[g].state]++;
    lxw_worksheet *ws = sc_xlsx_add_sheet(x, "States");
    if (!ws) {
        free(ncounties);
        return;
    }
    /* FIPS, State, Counties, Overall score and rank, each domain's score
     * and rank, then per indicator its value and rank from column ic */
    lxw_col_t ic = (lxw_col_t)(5 + 2 * nd);
    lxw_col_t ncols = (lxw_col_t)(ic + 2 * ni);
    sc_buf h = {0};
    keep(x, worksheet_set_row(ws, 0, 60, NULL));
    str(x, ws, 0, 0, "FIPS", x->header);
    str(x, ws, 0, 1, "State", x->header);
    str(x, ws, 0, 2, "Counties", x->header);
    str(x, ws, 0, 3, "Overall score", x->header);
    str(x, ws, 0, 4, "Overall rank among states", x->header);
    for (size_t d = 0; d < nd; d++) {
        lxw_col_t c = (lxw_col_t)(5 + 2 * d);
        str(x, ws, 0, c, sc_xlsx_cfmt(x, &h, "%s score", ds->domains[d]),
            x->header);
        str(x, ws, 0, (lxw_col_t)(c + 1),
            sc_xlsx_cfmt(x, &h, "%s rank among states", ds->domains[d]),
            x->header);
    }
    for (size_t i = 0; i < ni; i++) {
        const sc_indicator *ind = &ds->inds[i];
        lxw_col_t c = (lxw_col_t)(ic + 2 * i);
        str(x, ws, 0, c,
            sc_xlsx_cfmt(x, &h, "%s, %d (%%)", ind->info.name,
                         ind->latest_year == SC_NO_YEAR ? 0
                                                        : ind->latest_year),
            x->header);
        str(x, ws, 0, (lxw_col_t)(c + 1), "Rank among states", x->header);
    }
    sc_buf_free(&h);
    lxw_row_t row = 1;
    for (size_t s = 0; s < ds->nstates; s++, row++) {
        size_t g = ds->states[s];
        str(x, ws, row, 0, ds->geos[g].id, x->text);
        str(x, ws, row, 1, ds->geos[g].info.name, x->text);
        num(x, ws, row, 2, (double)ncounties[g], x->integer);
        state_comp(x, ws, row, 3, &r->overall[g]);
        for (size_t d = 0; d < nd; d++)
            state_comp(x, ws, row, (lxw_col_t)(5 + 2 * d),
                       &r->domains[g * nd + d]);
        for (size_t i = 0; i < ni; i++) {
            const sc_group *gr = all_group(r, g, i);
            lxw_col_t c = (lxw_col_t)(ic + 2 * i);
            if (!gr || gr->latest < 0)
                continue;
            const sc_obs *o = &ds->obs[gr->latest];
            if (o->reason != SC_REASON_NONE)
                suppressed(x, ws, row, c, o->reason);
            else
                num(x, ws, row, c, o->value, pct(x, &ds->inds[i]));
            if (gr->rank)
                num(x, ws, row, (lxw_col_t)(c + 1), gr->rank, x->integer);
        }
    }
    free(ncounties);
    lxw_row_t last = row - 1;
    keep(x, worksheet_set_column(ws, 0, 0, 7, NULL));
    keep(x, worksheet_set_column(ws, 1, 1, 18, NULL));
    keep(x, worksheet_set_column(ws, 2, ic - 1, 9, NULL));
    if (ni > 0)
        keep(x, worksheet_set_column(ws, ic, ncols - 1, 12, NULL));
    worksheet_freeze_panes(ws, 1, 2);
    if (last >= 1)
        keep(x, worksheet_autofilter(ws, 0, 0, last, ncols - 1));
    worksheet_set_landscape(ws);
    worksheet_fit_to_pages(ws, 1, 0);
    keep(x, worksheet_repeat_rows(ws, 0, 0));
}
