/* SPDX-License-Identifier: MIT */
/*
 * The Data sheets (SPEC §5.2): every observation, in output order, split
 * every 1,048,575 rows. libxlsxwriter writes each sheet's frame (header,
 * table or autofilter, columns, panes, one stand-in comment); this file
 * generates the rows, their comments and comment shapes as XML, exactly
 * as libxlsxwriter would, on the worker threads (xlsx_data.h).
 */
#include "config.h"

#include <math.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "compute.h"
#include "output.h"
#include "xlsx_data.h"

/* ----------------------------------------------------------------- Data */

static const char *const data_cols[] = {
    "geo_id", "geo_name", "level", "indicator", "domain", "subgroup", "year",
    "year_label", "value", "moe", "numerator", "denominator", "suppressed",
    "reason", "flags", "distance", "score", "children_gap", "benchmark",
    "benchmark_method", "vs_benchmark", "is_latest"};
_Static_assert(sizeof data_cols / sizeof *data_cols == NDATA,
               "NDATA is the number of Data columns");
#define VALUE_COL 8 /* where a suppressed value shows "*" and its comment */

/* Width of a Data column, 0 for the default. The comment boxes written by
 * this file are placed from these widths (comment_shape). */
static double
data_width(lxw_col_t c)
{
    static const double w[] = {8, 16, 0, 22, 14, 14, 0, 0};
    return c < sizeof w / sizeof *w ? w[c] : 11;
}

/* Start a Data sheet holding `rows` data rows as an Excel table: only its
 * frame, the rows are added by sc_xlsx_write_package. */
static lxw_worksheet *
data_sheet(xctx *x, int part, size_t rows)
{
    char name[24];
    if (part == 1)
        snprintf(name, sizeof name, "Data");
    else
        snprintf(name, sizeof name, "Data %d", part);
    lxw_worksheet *ws = sc_xlsx_add_sheet(x, name);
    if (!ws)
        return NULL;
    lxw_table_column cols[sizeof data_cols / sizeof *data_cols];
    lxw_table_column *ptrs[sizeof data_cols / sizeof *data_cols + 1];
    for (lxw_col_t c = 0; c < NDATA; c++) {
        memset(&cols[c], 0, sizeof cols[c]);
        cols[c].header = (char *)data_cols[c];
        cols[c].header_format = x->header;
        ptrs[c] = &cols[c];
    }
    ptrs[NDATA] = NULL;
    char table[24];
    snprintf(table, sizeof table, "Data%d", part);
    lxw_table_options opt;
    memset(&opt, 0, sizeof opt);
    opt.name = table;
    opt.style_type = LXW_TABLE_STYLE_TYPE_LIGHT;
    opt.style_type_number = 9;
    opt.columns = ptrs;
    /* a table needs at least one data row */
    lxw_row_t last = (lxw_row_t)(rows ? rows : 1);
    if (x->constant_memory) {
        /* libxlsxwriter cannot write tables in constant-memory mode: a
         * header row with an autofilter instead (README, About sheet) */
        for (lxw_col_t c = 0; c < NDATA; c++)
            str(x, ws, 0, c, data_cols[c], x->header);
        keep(x, worksheet_autofilter(ws, 0, 0, last, NDATA - 1));
    } else {
        keep(x, worksheet_add_table(ws, 0, 0, last, NDATA - 1, &opt));
    }
    for (lxw_col_t c = 0; c < NDATA;) {
        lxw_col_t e = c;
        while (e + 1 < NDATA && data_width(e + 1) == data_width(c))
            e++;
        if (data_width(c) > 0)
            keep(x, worksheet_set_column(ws, c, e, data_width(c), NULL));
        c = e + 1;
    }
    worksheet_freeze_panes(ws, 1, 0);
    return ws;
}

/* The frames of the Data sheets (every observation, in output order,
 * split every DATA_ROWS rows). */
void
sc_xlsx_write_data(xctx *x)
{
    size_t total = x->data_total;
    size_t parts = total ? (total - 1) / DATA_ROWS + 1 : 1;
    x->data_sheetno = calloc(parts, sizeof *x->data_sheetno);
    if (!x->data_sheetno) {
        keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    for (size_t p = 0; p < parts; p++) {
        size_t left = total - p * DATA_ROWS;
        lxw_worksheet *ws =
            data_sheet(x, (int)p + 1, left < DATA_ROWS ? left : DATA_ROWS);
        if (!ws)
            return;
        x->data_sheetno[p] = x->nsheets;
        x->ndata = p + 1;
        /* comments need random access, so there are none in
         * constant-memory mode; otherwise every suppressed value gets one,
         * and this stand-in makes libxlsxwriter create the comment parts
         * (sc_xlsx_write_package replaces their contents) */
        if (p == 0 && !x->constant_memory && x->nsupp > 0)
            keep(x, worksheet_write_comment(ws, 0, 0,
                                            suppressed_why(SC_REASON_NONE)));
    }
}

/* ------------------------------------------------------------ Data rows */

/* The rows of the Data sheets are generated and deflated in chunks of at
 * most CHUNK_ROWS rows and about CHUNK_BYTES of XML, fixed by the data
 * alone, so the bytes never depend on the number of threads. */
#define CHUNK_ROWS 4096u
#define CHUNK_BYTES ((size_t)2 << 20)
#define CELL_MAX 96u /* bytes of one cell, a string's text aside */
#define ROW_FIXED (32u + NDATA * CELL_MAX)

/* Column letters ("A", "V", "AA") of c; returns the length. */
static size_t
col_letters(char *buf, unsigned c)
{
    char tmp[8];
    size_t n = 0;
    c++;
    while (c > 0 && n < sizeof tmp) {
        tmp[n++] = (char)('A' + (c - 1) % 26);
        c = (c - 1) / 26;
    }
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    return n;
}

/* The cell tail of text s (made valid like str() does) with style xf:
 * the text goes into libxlsxwriter's shared-string table now, before it
 * writes anything, so that its index is known while libxlsxwriter is
 * still at work. 0, or -1 when out of memory. */
static int
frag_make(dctx *d, xctx *x, const char *s, int xf, dfrag *out)
{
    out->s = NULL;
    out->n = 0;
    if (!s || !*s)
        return 0;
    const char *t = sc_xlsx_cell_text(x, s);
    if (!*t)
        return 0;
    struct sst_element *el = lxw_get_sst_index(x->wb->sst, t, LXW_FALSE);
    if (!el)
        return -1;
    d->interned++;
    obuf f = {0};
    if ((xf > 0 && (ob_add(&f, " s=\"", 4) || ob_dec(&f, (uint64_t)xf) ||
                    ob_add(&f, "\"", 1))) ||
        ob_add(&f, " t=\"s\"><v>", 10) || ob_dec(&f, el->index) ||
        ob_add(&f, "</v></c>", 8)) {
        ob_free(&f);
        return -1;
    }
    out->s = f.p;
    out->n = f.len;
    return 0;
}

static void
frags_free(dfrag *f, size_t n)
{
    for (size_t i = 0; f && i < n; i++)
        free(f[i].s);
    free(f);
}

static size_t
frag_max(const dfrag *f, size_t n)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (f[i].n > m)
            m = f[i].n;
    return m;
}

/* Every string and style of the Data cells, once. 0, or -1 when out of
 * memory. */
int
sc_xlsx_frags_build(dctx *d, xctx *x)
{
    const sc_dataset *ds = d->ds;
    size_t nsub = ds->subgroups.count, nlab = ds->labels.count;
    d->geo_id = calloc(ds->ngeos ? ds->ngeos : 1, sizeof *d->geo_id);
    d->geo_name = calloc(ds->ngeos ? ds->ngeos : 1, sizeof *d->geo_name);
    d->ind_id = calloc(ds->ninds ? ds->ninds : 1, sizeof *d->ind_id);
    d->domain = calloc(ds->ninds ? ds->ninds : 1, sizeof *d->domain);
    d->subgroup = calloc(nsub ? nsub : 1, sizeof *d->subgroup);
    d->label = calloc(nlab ? nlab : 1, sizeof *d->label);
    if (!d->geo_id || !d->geo_name || !d->ind_id || !d->domain ||
        !d->subgroup || !d->label)
        return -1;
    /* the styles: the index each format gets in the workbook */
    int xf_pct[5], xf_text = x->text ? lxw_format_get_xf_index(x->text) : 0;
    for (int k = 0; k < 5; k++)
        xf_pct[k] = x->pct[k] ? lxw_format_get_xf_index(x->pct[k]) : 0;
    for (size_t g = 0; g < ds->ngeos; g++)
        if (frag_make(d, x, ds->geos[g].id, 0, &d->geo_id[g]) ||
            frag_make(d, x, ds->geos[g].info.name, 0, &d->geo_name[g]))
            return -1;
    for (size_t i = 0; i < ds->ninds; i++)
        if (frag_make(d, x, ds->inds[i].id, 0, &d->ind_id[i]) ||
            frag_make(d, x, ds->inds[i].domain, 0, &d->domain[i]))
            return -1;
    for (size_t s = 0; s < nsub; s++)
        if (frag_make(d, x, ds->subgroups.strs[s], 0, &d->subgroup[s]))
            return -1;
    for (size_t l = 0; l < nlab; l++)
        if (frag_make(d, x, ds->labels.strs[l], 0, &d->label[l]))
            return -1;
    if (frag_make(d, x, "county", 0, &d->level[0]) ||
        frag_make(d, x, "state", 0, &d->level[1]) ||
        frag_make(d, x, "unstable", 0, &d->flags) ||
        frag_make(d, x, "*", xf_text, &d->star))
        return -1;
    for (int k = 0; k < SC_NREASONS; k++)
        if (frag_make(d, x, sc_reason_str(k), 0, &d->reason[k]))
            return -1;
    for (int k = 0; k < 4; k++)
        if (frag_make(d, x, sc_bench_method_str(k), 0, &d->method[k]) ||
            frag_make(d, x, sc_vs_str(k), 0, &d->vs[k]))
            return -1;
    d->small_max = frag_max(d->level, 2) + frag_max(d->reason, SC_NREASONS) +
                   d->flags.n + frag_max(d->method, 4) + frag_max(d->vs, 4) +
                   d->star.n;
    for (lxw_col_t c = 0; c < NDATA; c++) {
        memcpy(d->open[c], "<c r=\"", 6);
        d->open_n[c] = 6 + col_letters(d->open[c] + 6, c);
    }
    d->last_col[col_letters(d->last_col, NDATA - 1)] = '\0';
    for (int k = 0; k < 6; k++) {
        int xf = k < 5 ? xf_pct[k] : 0;
        d->num_n[k] = xf > 0 ? (size_t)snprintf(d->num[k], sizeof d->num[k],
                                                " s=\"%d\"><v>", xf)
                             : (size_t)snprintf(d->num[k], sizeof d->num[k],
                                                "><v>");
    }
    return 0;
}

static void scratch_free(struct scratch *pool, size_t n);

void
sc_xlsx_dctx_free(dctx *d)
{
    const sc_dataset *ds = d->ds;
    if (ds) {
        frags_free(d->geo_id, ds->ngeos);
        frags_free(d->geo_name, ds->ngeos);
        frags_free(d->ind_id, ds->ninds);
        frags_free(d->domain, ds->ninds);
        frags_free(d->subgroup, ds->subgroups.count);
        frags_free(d->label, ds->labels.count);
    }
    free(d->level[0].s);
    free(d->level[1].s);
    free(d->flags.s);
    free(d->star.s);
    for (int k = 0; k < SC_NREASONS; k++)
        free(d->reason[k].s);
    for (int k = 0; k < 4; k++) {
        free(d->method[k].s);
        free(d->vs[k].s);
    }
    free(d->chunks);
    free(d->sheet_chunk);
    free(d->sheet_rows);
    scratch_free(d->pool, d->npool);
    memset(d, 0, sizeof *d);
}

/* Bytes of the row of observation o, at most. */
static size_t
row_bound(const dctx *d, const sc_obs *o)
{
    return ROW_FIXED + d->small_max + d->geo_id[o->geo].n +
           d->geo_name[o->geo].n + d->ind_id[o->ind].n +
           d->domain[o->ind].n + d->subgroup[o->subgroup].n +
           (o->label ? d->label[o->label - 1].n : 0);
}

/* Split the Data rows (total, in output order) into sheets of DATA_ROWS
 * and chunks. 0, or -1 when out of memory. */
int
sc_xlsx_plan_chunks(dctx *d, size_t total)
{
    const sc_results *r = d->r;
    d->nparts = total ? (total - 1) / DATA_ROWS + 1 : 1;
    d->sheet_chunk = calloc(d->nparts + 1, sizeof *d->sheet_chunk);
    d->sheet_rows = calloc(d->nparts, sizeof *d->sheet_rows);
    if (!d->sheet_chunk || !d->sheet_rows)
        return -1;
    size_t k = 0, j = 0, done = 0;
    for (size_t p = 0; p < d->nparts; p++) {
        d->sheet_chunk[p] = d->nchunks;
        size_t left = total - done < DATA_ROWS ? total - done : DATA_ROWS;
        d->sheet_rows[p] = left;
        size_t row = 2, supp = 0;
        while (left > 0) {
            while (j >= out_group(r, k)->count) {
                k++;
                j = 0;
            }
            dchunk c = {k, j, 0, row, supp};
            size_t bytes = 0;
            while (left > 0 && c.rows < CHUNK_ROWS) {
                while (j >= out_group(r, k)->count) {
                    k++;
                    j = 0;
                }
                const sc_obs *o = &d->ds->obs[out_group(r, k)->first + j];
                size_t b = row_bound(d, o);
                if (c.rows > 0 && bytes + b > CHUNK_BYTES)
                    break;
                bytes += b;
                supp += o->reason != SC_REASON_NONE;
                c.rows++;
                j++;
                left--;
                row++;
                done++;
            }
            if (sc_grow((void **)&d->chunks, &d->chunk_cap, d->nchunks + 1,
                        sizeof *d->chunks) != SC_OK)
                return -1;
            d->chunks[d->nchunks++] = c;
        }
    }
    d->sheet_chunk[d->nparts] = d->nchunks;
    return 0;
}

/* Row number digits followed by a quote: the next row. */
static void
row_next(char *rt, size_t *n)
{
    size_t i = *n - 1;
    while (i > 0) {
        i--;
        if (rt[i] != '9') {
            rt[i]++;
            return;
        }
        rt[i] = '0';
    }
    memmove(rt + 1, rt, *n);
    rt[0] = '1';
    (*n)++;
}

/* The XML of chunk c's rows into b (replaced), as libxlsxwriter would
 * write them (numbers as the JSON prints them, SPEC §3.9.3), and the
 * number of string cells. Runs on worker threads: reads only. 0, or -1
 * when out of memory. */
int
sc_xlsx_gen_rows(const dctx *d, const dchunk *c, obuf *b, uint64_t *nstr)
{
    const sc_results *r = d->r;
    const sc_dataset *ds = d->ds;
    char rt[32];
    size_t rtn = put_dec(rt, c->row0);
    rt[rtn++] = '"';
    size_t k = c->k, j = c->j;
    uint64_t ns = 0;
    b->len = 0;
#define DCELL(col) (ob_put(b, d->open[col], d->open_n[col]), ob_put(b, rt, rtn))
#define STR(col, fr)                                                          \
    do {                                                                      \
        const dfrag *f_ = (fr);                                               \
        if (f_->n) {                                                          \
            DCELL(col);                                                       \
            ob_put(b, f_->s, f_->n);                                          \
            ns++;                                                             \
        }                                                                     \
    } while (0)
#define NUM(col, v, style)                                                    \
    do {                                                                      \
        double v_ = (v);                                                      \
        if (isfinite(v_)) {                                                   \
            DCELL(col);                                                       \
            ob_put(b, d->num[style], d->num_n[style]);                        \
            b->len += sc_fmt_number(b->p + b->len, v_);                       \
            OB_LIT(b, "</v></c>");                                            \
        }                                                                     \
    } while (0)
#define BOOL(col, v)                                                          \
    do {                                                                      \
        DCELL(col);                                                           \
        OB_LIT(b, " t=\"b\"><v>");                                            \
        b->p[b->len++] = (v) ? '1' : '0';                                     \
        OB_LIT(b, "</v></c>");                                                \
    } while (0)
    for (size_t n = 0; n < c->rows; n++, j++) {
        while (j >= out_group(r, k)->count) {
            k++;
            j = 0;
        }
        const sc_group *g = out_group(r, k);
        size_t oi = g->first + j;
        const sc_obs *o = &ds->obs[oi];
        if (ob_reserve(b, row_bound(d, o)))
            return -1;
        sc_fig f;
        sc_obs_figures(r, oi, &f);
        int dec = ds->inds[o->ind].info.decimals;
        dec = dec < 0 ? 0 : dec > 4 ? 4 : dec;
        int supp = o->reason != SC_REASON_NONE;
        OB_LIT(b, "<row r=\"");
        ob_put(b, rt, rtn);
        OB_LIT(b, ">");
        STR(0, &d->geo_id[o->geo]);
        STR(1, &d->geo_name[o->geo]);
        STR(2, &d->level[ds->geos[o->geo].info.level == SC_LEVEL_STATE]);
        STR(3, &d->ind_id[o->ind]);
        STR(4, &d->domain[o->ind]);
        STR(5, &d->subgroup[o->subgroup]);
        NUM(6, (double)o->year, 5);
        if (o->label)
            STR(7, &d->label[o->label - 1]);
        if (supp)
            STR(8, &d->star);
        else
            NUM(8, o->value, dec);
        NUM(9, o->moe, dec);
        NUM(10, o->num, 5);
        NUM(11, o->den, 5);
        BOOL(12, supp);
        STR(13, &d->reason[o->reason]);
        if (o->unstable)
            STR(14, &d->flags);
        NUM(15, f.distance, dec);
        NUM(16, f.score, dec);
        NUM(17, f.children_gap, 5);
        NUM(18, f.benchmark, dec);
        if (f.bench_method >= 0 && f.bench_method < 4)
            STR(19, &d->method[f.bench_method]);
        if (f.vs >= 0 && f.vs < 4)
            STR(20, &d->vs[f.vs]);
        BOOL(21, (long)oi == g->latest);
        OB_LIT(b, "</row>");
        row_next(rt, &rtn);
    }
#undef DCELL
#undef STR
#undef NUM
#undef BOOL
    *nstr = ns;
    return 0;
}

/* Deflate xml into piece p as a self-contained fragment of a stream
 * (sync flush: pieces concatenate into one stream, the way pigz joins
 * them). z is a scratch stream. 0, or -1 when out of memory. */
int
sc_xlsx_piece_deflate(zsink *z, const obuf *xml, dpiece *p)
{
    if (sc_zsink_restart(z) || sc_zsink_feed(z, xml->p, xml->len, Z_SYNC_FLUSH))
        return -1;
    free(p->z);
    if (!(p->z = malloc(z->len ? z->len : 1)))
        return -1;
    memcpy(p->z, z->out, z->len);
    p->zlen = z->len;
    p->crc = z->crc;
    p->ulen = z->ulen;
    sc_zsink_clear(z);
    return 0;
}

/* A free slot of the pool (a task takes one; waits when all are
 * busy). */
scratch *
sc_xlsx_scratch_take(scratch *pool, size_t n)
{
    for (;;) {
        for (size_t i = 0; i < n; i++) {
            int idle = 0;
            if (atomic_compare_exchange_strong(&pool[i].busy, &idle, 1))
                return &pool[i];
        }
        sched_yield(); /* more threads than slots: wait for one */
    }
}

static void
scratch_free(struct scratch *pool, size_t n)
{
    for (size_t i = 0; pool && i < n; i++) {
        ob_free(&pool[i].xml);
        sc_zsink_free(&pool[i].z);
    }
    free(pool);
}

/* ------------------------------------------------- Data comments */

/* The stand-in comment part and drawing that libxlsxwriter wrote for the
 * first Data sheet: their frame, with every suppressed value's comment
 * and shape put in, as libxlsxwriter would have written them. */
/* Parse the stand-ins. 0, -1 when they are not as expected, -2 when out
 * of memory. */
int
sc_xlsx_ctempl_parse(ctempl *t)
{
    const obuf *c = &t->com, *v = &t->vml;
    const char *p = find_in(c, 0, "<commentList>"), *q, *e;
    if (!p)
        return -1;
    t->com_head = (size_t)(p - c->p) + 13;
    if (!(p = find_in(c, t->com_head, "<comment ref=\"")))
        return -1;
    t->ref_at = (size_t)(p - c->p) + 14;
    if (!(q = strchr(p + 14, '"')))
        return -1;
    t->ref_end = (size_t)(q - c->p);
    /* the text: from the last '>' before </t> */
    if (!(e = strstr(q, "</t>")))
        return -1;
    t->text_end = (size_t)(e - c->p);
    for (t->text_at = t->text_end;
         t->text_at > t->ref_end && c->p[t->text_at - 1] != '>'; t->text_at--)
        ;
    if (!(p = strstr(e, "</comment>")))
        return -1;
    t->com_tail = (size_t)(p - c->p) + 10;

    if (!(p = find_in(v, 0, "<o:idmap v:ext=\"edit\" data=\"")))
        return -1;
    t->id_at = (size_t)(p - v->p) + 28;
    char *end;
    t->data_id = strtoull(v->p + t->id_at, &end, 10);
    if (end == v->p + t->id_at || *end != '"')
        return -1;
    t->id_end = (size_t)(end - v->p);
    if (!(p = find_in(v, t->id_end, "<v:shape id=\"_x0000_s")))
        return -1;
    t->shape_at = (size_t)(p - v->p);
    t->shape_id = strtoull(p + 21, &end, 10);
    if (end == p + 21 || *end != '"')
        return -1;
    const char *last = NULL;
    for (p = v->p + t->shape_at; (p = strstr(p, "</v:shape>")); p += 10)
        last = p;
    if (!last)
        return -1;
    t->vml_tail = (size_t)(last - v->p) + 10;
    for (int k = 1; k < SC_NREASONS; k++) {
        const char *s = suppressed_why(k);
        if (ob_xml_text(&t->why[k], s, strlen(s)))
            return -2;
    }
    return 0;
}

void
sc_xlsx_ctempl_free(ctempl *t)
{
    ob_free(&t->com);
    ob_free(&t->vml);
    for (int k = 0; k < SC_NREASONS; k++)
        ob_free(&t->why[k]);
}

/* Pixel width of a Data column, as libxlsxwriter computes it. */
static uint32_t
col_px(unsigned c)
{
    double w = c < NDATA ? data_width((lxw_col_t)c) : 0;
    if (w <= 0)
        return 64; /* the default width, 8.43 */
    if (w < 1)
        return (uint32_t)(w * 12 + 0.5);
    return (uint32_t)(w * 7 + 0.5) + 5;
}

/* px * 0.75 in points, as libxlsxwriter prints it ("624", "21832.5"). */
static size_t
put_pt(char *buf, uint64_t px)
{
    static const char *const frac[4] = {"", ".25", ".5", ".75"};
    uint64_t q = px * 3;
    size_t n = put_dec(buf, q / 4);
    size_t fl = strlen(frac[q % 4]);
    memcpy(buf + n, frac[q % 4], fl);
    return n + fl;
}

#define SHAPE_MAX 1024u /* bytes of one shape, at most */

/* The comment box of the Data cell in column VALUE_COL, row row0 (0-based,
 * > 0), where libxlsxwriter puts it by default: one column right and one
 * row up, 15 and 10 pixels in, 128 x 74 pixels; Data rows are 20 pixels
 * high. */
static void
comment_shape(obuf *b, uint64_t row0, uint64_t id, uint64_t z)
{
    unsigned c1 = VALUE_COL + 1, c2;
    uint32_t x1 = 15, y1 = 10, x2, y2;
    uint64_t r1 = row0 - 1, r2, left = 0;
    while (x1 >= col_px(c1)) {
        x1 -= col_px(c1);
        c1++;
    }
    for (unsigned c = 0; c < c1; c++)
        left += col_px(c);
    left += x1;
    uint64_t top = r1 * 20 + y1;
    for (c2 = c1, x2 = x1 + 128; x2 >= col_px(c2); c2++)
        x2 -= col_px(c2);
    for (r2 = r1, y2 = y1 + 74; y2 >= 20; r2++)
        y2 -= 20;
    OB_LIT(b, "<v:shape id=\"_x0000_s");
    b->len += put_dec(b->p + b->len, id);
    OB_LIT(b, "\" type=\"#_x0000_t202\" style=\"position:absolute;"
              "margin-left:");
    b->len += put_pt(b->p + b->len, left);
    OB_LIT(b, "pt;margin-top:");
    b->len += put_pt(b->p + b->len, top);
    OB_LIT(b, "pt;width:");
    b->len += put_pt(b->p + b->len, 128);
    OB_LIT(b, "pt;height:");
    b->len += put_pt(b->p + b->len, 74);
    OB_LIT(b, "pt;z-index:");
    b->len += put_dec(b->p + b->len, z);
    OB_LIT(b, ";visibility:hidden\" fillcolor=\"#ffffe1\" "
              "o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/>"
              "<v:shadow on=\"t\" color=\"black\" obscured=\"t\"/>"
              "<v:path o:connecttype=\"none\"/>"
              "<v:textbox style=\"mso-direction-alt:auto\">"
              "<div style=\"text-align:left\"></div></v:textbox>"
              "<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/>"
              "<x:SizeWithCells/><x:Anchor>");
    uint64_t a[8] = {c1, x1, r1, y1, c2, x2, r2, y2};
    for (int i = 0; i < 8; i++) {
        b->len += put_dec(b->p + b->len, a[i]);
        if (i < 7)
            OB_LIT(b, ", ");
    }
    OB_LIT(b, "</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>");
    b->len += put_dec(b->p + b->len, row0);
    OB_LIT(b, "</x:Row><x:Column>");
    b->len += put_dec(b->p + b->len, VALUE_COL);
    OB_LIT(b, "</x:Column></x:ClientData></v:shape>");
}

/* The comments (which == 0) or the shapes (1) of chunk c's suppressed
 * rows into b (replaced). Runs on worker threads. 0, or -1 when out of
 * memory. */
int
sc_xlsx_gen_notes(const dctx *d, const ctempl *t, int which,
                  const dchunk *c, obuf *b)
{
    const sc_results *r = d->r;
    const obuf *m = &t->com;
    uint64_t nth = c->supp0;
    char rn[32];
    b->len = 0;
    for (size_t k = c->k, j = c->j, n = 0; n < c->rows; n++, j++) {
        while (j >= out_group(r, k)->count) {
            k++;
            j = 0;
        }
        const sc_obs *o = &d->ds->obs[out_group(r, k)->first + j];
        if (o->reason == SC_REASON_NONE)
            continue;
        uint64_t row = c->row0 + n; /* 1-based */
        int why = o->reason; /* < SC_NREASONS */
        if (which == 0) {
            /* the stand-in with this cell's reference and text */
            if (ob_reserve(b, t->com_tail + t->why[why].len + 64))
                return -1;
            ob_put(b, m->p + t->com_head, t->ref_at - t->com_head);
            ob_put(b, d->open[VALUE_COL] + 6, d->open_n[VALUE_COL] - 6);
            ob_put(b, rn, put_dec(rn, row));
            ob_put(b, m->p + t->ref_end, t->text_at - t->ref_end);
            ob_put(b, t->why[why].p, t->why[why].len);
            ob_put(b, m->p + t->text_end, t->com_tail - t->text_end);
        } else {
            if (ob_reserve(b, SHAPE_MAX))
                return -1;
            comment_shape(b, row - 1, t->shape_id + nth, nth + 1);
        }
        nth++;
    }
    return 0;
}
