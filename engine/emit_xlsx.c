/* SPDX-License-Identifier: MIT */
/*
 * Stage 6c: the analyst's workbook (SPEC §5.2), with libxlsxwriter. This
 * file holds the entry point (sc_write_xlsx), the formats, the order of
 * the sheets and the cell helpers they share (xlsx_book.h); the sheets
 * live in emit_xlsx_<sheet>.c: scorecard (Scorecard), trends (Trends),
 * indicator (one sheet per indicator), data (Data, Data 2...), about
 * (Indicators and About). libxlsxwriter prints warnings on bad input, so
 * every sheet name and string is made valid before it is passed on.
 *
 * The Data sheets hold nearly every cell of the workbook (one row per
 * observation). Written through libxlsxwriter they took ~90% of the
 * build's time and memory (a tree node per cell, XML printed with fprintf,
 * the package deflated at zlib's default level). So libxlsxwriter writes
 * everything but their rows: their frame (header row, table or
 * autofilter, columns, panes, and one stand-in comment so that the comment
 * parts and relationships exist), into a package of its own.
 * emit_xlsx_data.c writes the rows, their comments and comment drawing
 * itself, and emit_xlsx_package.c makes the workbook from that package
 * (every other part is copied byte for byte) with the zip tools of
 * emit_xlsx_zip.c. The Data strings go into libxlsxwriter's shared-string
 * table before it writes anything, so the rows can be generated (and
 * deflated, in chunks fixed by the data alone, joined into one stream the
 * way pigz does) on the worker threads while libxlsxwriter builds its
 * package on another: the bytes never depend on the number of threads.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <scorecard/version.h>

#include "compute.h"
#include "output.h"
#include "xlsx_book.h"
#include "xlsx_data.h"

#define FIXED_CREATED 946684800        /* 2000-01-01T00:00:00Z */
#define CONSTANT_MEMORY_ROWS 200000u   /* observations; see README */

/* ------------------------------------------------------- cell helpers */

/* A worksheet, counted: its part is xl/worksheets/sheet<N>.xml. */
lxw_worksheet *
sc_xlsx_add_sheet(xctx *x, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
    if (ws)
        x->nsheets++;
    else
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    return ws;
}

/* A cell text cut to Excel's limit at a character boundary. */
const char *
sc_xlsx_cell_text(xctx *x, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
            /* XML 1.0 cannot hold them and libxlsxwriter does not escape
             * them in chart caches: write U+FFFD instead */
            sc_buf_reset(&x->tmp);
            for (size_t k = 0; k < n && k < 3 * MAX_CELL_TEXT; k++) {
                unsigned char d = (unsigned char)s[k];
                if ((d < 0x20 && d != '\t' && d != '\n' && d != '\r') ||
                    d == 0x7F)
                    sc_buf_append(&x->tmp, "\xEF\xBF\xBD", 3);
                else
                    sc_buf_append(&x->tmp, s + k, 1);
            }
            s = x->tmp.data ? x->tmp.data : "";
            n = strlen(s);
            break;
        }
    }
    if (sc_utf8_chars(s, n) <= MAX_CELL_TEXT)
        return s;
    size_t chars = 0, i = 0;
    for (; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > MAX_CELL_TEXT - 3)
            break;
    sc_buf_reset(&x->tmp);
    if (sc_buf_append(&x->tmp, s, i) || sc_buf_append(&x->tmp, "...", 3))
        return "";
    return x->tmp.data;
}

/* printf into b in the C locale (a host program's LC_NUMERIC must not
 * turn a target of 95.5 into "95,5"); "" when out of memory (recorded). */
const char *
sc_xlsx_cfmt(xctx *x, sc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sc_buf_reset(b);
    if (sc_buf_vappendf(b, fmt, ap) != SC_OK)
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
    va_end(ap);
    return b->data ? b->data : "";
}

/* A valid, unique sheet name (<= 31 characters, none of []:*?/\). */
char *
sc_xlsx_sheet_name(char **taken, size_t ntaken, const char *want,
                   int states)
{
    char base[32];
    size_t n = 0;
    for (const char *p = want; *p && n < 31; p++) {
        unsigned char c = (unsigned char)*p;
        if (strchr("[]:*?/\\'", c) || c < 0x20 || c >= 0x80)
            c = '_'; /* ASCII only: a multi-byte character is never cut */
        base[n++] = (char)c;
    }
    base[n] = '\0';
    if (n == 0)
        strcpy(base, "Sheet");
    static const char *const reserved[] = {"Scorecard", "Trends", "Data",
                                           "Indicators", "About", "History"};
    for (int k = 1;; k++) {
        char cand[48], suffix[16] = "";
        if (k > 1)
            snprintf(suffix, sizeof suffix, "~%d", k);
        /* keep the whole name within 31 characters, suffix included */
        snprintf(cand, sizeof cand, "%.*s%s", (int)(31 - strlen(suffix)),
                 base, suffix);
        int clash = 0;
        for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
            clash |= strcasecmp(cand, reserved[i]) == 0 ||
                     strncasecmp(cand, "Data ", 5) == 0;
        clash |= states && strcasecmp(cand, "States") == 0;
        for (size_t i = 0; i < ntaken && !clash; i++)
            clash |= taken[i] && strcasecmp(cand, taken[i]) == 0;
        if (!clash)
            return sc_strdup(cand);
    }
}

/* The 3-color scale on distance: green at 0 (the goal), red at the max. */
void
sc_xlsx_distance_scale(xctx *x, lxw_worksheet *ws, lxw_row_t r0,
                       lxw_col_t c0, lxw_row_t r1, lxw_col_t c1)
{
    if (r1 < r0)
        return;
    lxw_conditional_format cf;
    memset(&cf, 0, sizeof cf);
    cf.type = LXW_CONDITIONAL_3_COLOR_SCALE;
    cf.min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER;
    cf.min_value = 0;
    cf.min_color = GREEN;
    cf.mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_PERCENTILE;
    cf.mid_value = 50;
    cf.mid_color = YELLOW;
    cf.max_rule_type = LXW_CONDITIONAL_RULE_TYPE_MAXIMUM;
    cf.max_color = RED;
    keep(x, worksheet_conditional_format_range(ws, r0, c0, r1, c1, &cf));
}

/* --------------------------------------------------------------- public */

/* The formats every sheet uses (libxlsxwriter owns them). */
static void
make_formats(xctx *x)
{
    lxw_workbook *wb = x->wb;
    x->header = workbook_add_format(wb);
    format_set_bold(x->header);
    format_set_text_wrap(x->header);
    format_set_align(x->header, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(x->header, 0xDDEBF7);
    format_set_bottom(x->header, LXW_BORDER_THIN);
    x->title = workbook_add_format(wb);
    format_set_bold(x->title);
    format_set_font_size(x->title, 14);
    x->bold = workbook_add_format(wb);
    format_set_bold(x->bold);
    format_set_align(x->bold, LXW_ALIGN_VERTICAL_TOP);
    x->note = workbook_add_format(wb);
    format_set_italic(x->note);
    x->wrap = workbook_add_format(wb);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    x->text = workbook_add_format(wb);
    format_set_align(x->text, LXW_ALIGN_VERTICAL_TOP);
    x->words = workbook_add_format(wb); /* words beside numbers */
    format_set_indent(x->words, 1);
    x->integer = workbook_add_format(wb);
    format_set_num_format(x->integer, "0");
    static const char *const fmt[5] = {"0", "0.0", "0.00", "0.000", "0.0000"};
    for (int k = 0; k < 5; k++) {
        x->pct[k] = workbook_add_format(wb);
        format_set_num_format(x->pct[k], fmt[k]);
    }
    x->pvalue = workbook_add_format(wb);
    format_set_num_format(x->pvalue, "0.0000");
}

/* The creation time: SOURCE_DATE_EPOCH when set, else a constant, so the
 * same input gives the same bytes. libxlsxwriter takes 0 for "now", so
 * the epoch itself is written as one second past it. */
static time_t
created_time(void)
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (e && *e) {
        char *end;
        errno = 0;
        long long v = strtoll(e, &end, 10);
        if (!errno && !*end && v >= 0)
            return (time_t)(v > 0 ? v : 1);
    }
    return (time_t)FIXED_CREATED;
}

/* libxlsxwriter's part: every sheet, in workbook order (the Data sheets'
 * frames only), then its package. Runs on a worker thread beside the Data
 * rows. */
lxw_error
sc_xlsx_build_skeleton(xctx *x)
{
    const sc_dataset *ds = x->ds;
    sc_xlsx_write_scorecard(x);
    if (ds->multi_state)
        sc_xlsx_write_states(x);
    sc_xlsx_write_trends(x);
    for (size_t i = 0; i < ds->ninds; i++)
        sc_xlsx_write_indicator(x, i, x->order);
    sc_xlsx_write_data(x);
    sc_xlsx_write_indicators(x);
    sc_xlsx_write_about(x);
    lxw_error e = workbook_close(x->wb);
    x->wb = NULL;
    return e != LXW_NO_ERROR ? e : x->err;
}

SC_API sc_status
sc_write_xlsx(const sc_results *r, const char *path, sc_diagnostics *diags)
{
    if (!r || !path || !diags)
        return SC_ERR_INVALID_ARG;
    const sc_dataset *ds = r->ds;
    xctx x;
    dctx d;
    dpiece *pre = NULL;
    memset(&x, 0, sizeof x);
    memset(&d, 0, sizeof d);
    x.r = r;
    x.ds = ds;
    d.r = r;
    d.ds = ds;
    x.constant_memory = ds->nobs > CONSTANT_MEMORY_ROWS;
    /* the Data rows: every observation, in output order */
    for (size_t k = 0; k < r->ngroups; k++) {
        const sc_group *g = out_group(r, k);
        x.data_total += g->count;
        for (size_t j = 0; j < g->count; j++)
            x.nsupp += ds->obs[g->first + j].reason != SC_REASON_NONE;
    }
    sc_status st = SC_ERR_NOMEM;
    x.order = malloc((ds->ngeos ? ds->ngeos : 1) * sizeof *x.order);
    x.sheet_names = calloc(ds->ninds ? ds->ninds : 1, sizeof *x.sheet_names);
    /* libxlsxwriter's package, then the workbook made from it */
    char *tmp = sc_asprintf("%s.tmp-%ld", path, (long)getpid());
    char *part = sc_asprintf("%s.tmp-%ld.lxw", path, (long)getpid());
    if (!x.order || !x.sheet_names || !tmp || !part)
        goto done;
    for (size_t i = 0; i < ds->ninds; i++)
        if (!(x.sheet_names[i] =
                  sc_xlsx_sheet_name(x.sheet_names, i, ds->inds[i].id,
                                     ds->multi_state)))
            goto done;

    sc_out_clean_stale(path);
    lxw_workbook_options opt = {.constant_memory = (uint8_t)x.constant_memory,
                                .tmpdir = NULL,
                                .use_zip64 = LXW_TRUE};
    x.wb = workbook_new_opt(part, &opt);
    if (!x.wb)
        goto done;
    lxw_doc_properties props;
    memset(&props, 0, sizeof props);
    props.title = ds->title;
    props.subject = "County children's well-being scorecard";
    props.author = "scorecard " SC_VERSION_STRING;
    props.created = created_time();
    keep(&x, workbook_set_properties(x.wb, &props));
    make_formats(&x);
    /* a worker's buffers per thread */
    d.npool = ds->jobs == 0 ? 1 : ds->jobs < 64 ? ds->jobs : 64;
    if (!(d.pool = calloc(d.npool, sizeof *d.pool)) ||
        sc_xlsx_frags_build(&d, &x) ||
        sc_xlsx_plan_chunks(&d, x.data_total)) {
        lxw_workbook_free(x.wb);
        x.wb = NULL;
        goto done;
    }
    /* libxlsxwriter's sheets and package on one thread, the Data rows
     * (deflated, kept in memory) on the others; a large dataset's rows
     * are made later, a few chunks at a time, as the workbook is
     * written */
    if (!x.constant_memory &&
        !(pre = calloc(d.nchunks + 1, sizeof *pre))) {
        lxw_workbook_free(x.wb);
        x.wb = NULL;
        goto done;
    }
    lxw_error e = sc_xlsx_build_parts(&x, &d, pre);
    if (e != LXW_NO_ERROR) {
        sc_diag_addf(diags, SC_SEV_ERROR, "io", path, 0, 0,
                     "cannot write the workbook '%s': %s (the previous file, "
                     "if any, is unchanged)",
                     path, lxw_strerror(e));
        unlink(part);
        st = e == LXW_ERROR_MEMORY_MALLOC_FAILED ? SC_ERR_NOMEM : SC_ERR_IO;
        goto done;
    }
    int err = 0;
    int xp = sc_xlsx_write_package(&x, &d, pre, part, tmp, &err);
    unlink(part);
    if (xp != XP_OK) {
        if (xp == XP_BAD)
            sc_diag_addf(diags, SC_SEV_ERROR, "io", path, 0, 0,
                         "cannot write the workbook '%s': it came out "
                         "incomplete (a full disk or a file-size limit?); "
                         "the previous file, if any, is unchanged",
                         path);
        else
            sc_diag_addf(diags, SC_SEV_ERROR, "io", path, 0, 0,
                         "cannot write the workbook '%s': %s (the previous "
                         "file, if any, is unchanged)",
                         path, xp == XP_NOMEM ? "out of memory"
                                              : strerror(err));
        unlink(tmp);
        st = xp == XP_NOMEM ? SC_ERR_NOMEM : SC_ERR_IO;
        goto done;
    }
    if (rename(tmp, path) != 0) {
        sc_diag_addf(diags, SC_SEV_ERROR, "io", path, 0, 0,
                     "cannot write '%s': %s (the previous file, if any, is "
                     "unchanged)",
                     path, strerror(errno));
        unlink(tmp);
        st = SC_ERR_IO;
        goto done;
    }
    st = SC_OK;
done:
    if (x.sheet_names)
        for (size_t i = 0; i < ds->ninds; i++)
            free(x.sheet_names[i]);
    free(x.sheet_names);
    free(x.data_sheetno);
    free(x.order);
    sc_xlsx_pieces_free(pre, d.nchunks + 1);
    sc_xlsx_dctx_free(&d);
    free(tmp);
    free(part);
    sc_buf_free(&x.tmp);
    return st;
}
