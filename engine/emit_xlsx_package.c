/* SPDX-License-Identifier: MIT */
/*
 * The workbook's package (xlsx_data.h): libxlsxwriter's sheets built on
 * one thread beside the Data rows on the others, then the workbook
 * written from libxlsxwriter's package, every part copied byte for byte
 * but the Data sheets, their comments and drawing, and the shared
 * strings' count.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include "compute.h"
#include "parallel.h"
#include "xlsx_data.h"

#define COPY_BYTES ((size_t)1 << 20)

/* ------------------------------------------------ the whole package */

/* The parallel work: libxlsxwriter's package (task 0, in the first
 * batch), the chunks of Data rows, the comments and shapes. */
typedef struct work {
    xctx *x;
    dctx *d;
    const ctempl *t;
    lxw_error lxw;          /* from sc_xlsx_build_skeleton */
    size_t first;           /* task i works on chunk first + i - shift */
    size_t shift;           /* 1 when task 0 builds the skeleton */
    int notes;              /* 0: rows; 1: comments then shapes */
    size_t ncom;            /* with notes: chunks of the first sheet */
    dpiece *pieces;
} work;

static void
work_task(void *ctx, size_t i)
{
    work *w = ctx;
    if (i < w->shift) {
        w->lxw = sc_xlsx_build_skeleton(w->x);
        return;
    }
    i -= w->shift;
    dpiece *p = &w->pieces[i];
    scratch *s = sc_xlsx_scratch_take(w->d->pool, w->d->npool);
    p->nstr = 0;
    if (w->notes)
        p->failed = sc_xlsx_gen_notes(w->d, w->t, i >= w->ncom,
                                      &w->d->chunks[w->first + i % w->ncom],
                                      &s->xml) ||
                    sc_xlsx_piece_deflate(&s->z, &s->xml, p);
    else
        p->failed = sc_xlsx_gen_rows(w->d, &w->d->chunks[w->first + i],
                                     &s->xml, &p->nstr) ||
                    sc_xlsx_piece_deflate(&s->z, &s->xml, p);
    atomic_store(&s->busy, 0);
}

/* libxlsxwriter's sheets and package on one thread (task 0), the Data
 * rows (deflated, kept in memory: pre, one piece per chunk) on the
 * others; without pre (a large dataset) the rows are made later, a few
 * chunks at a time, as the workbook is written. */
lxw_error
sc_xlsx_build_parts(xctx *x, dctx *d, dpiece *pre)
{
    work w;
    memset(&w, 0, sizeof w);
    w.x = x;
    w.d = d;
    w.shift = 1;
    w.pieces = pre;
    sc_parallel_for(x->ds->jobs, 1 + (pre ? d->nchunks : 0), work_task, &w);
    return w.lxw;
}

void
sc_xlsx_pieces_free(dpiece *p, size_t n)
{
    for (size_t i = 0; p && i < n; i++)
        free(p[i].z);
    free(p);
}

/* Write the deflated pieces; 0, or -1 when one failed (out of memory).
 * The pieces' memory is released. */
static int
write_pieces(zout *zo, dpiece *p, size_t n, uint64_t *nstr)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i].failed)
            return -1;
        sc_zout_write(zo, p[i].z, p[i].zlen);
        zo->cur.crc = (uint32_t)crc32_combine(zo->cur.crc, p[i].crc,
                                              (z_off_t)p[i].ulen);
        zo->cur.csize += p[i].zlen;
        zo->cur.usize += p[i].ulen;
        if (nstr)
            *nstr += p[i].nstr;
        free(p[i].z);
        p[i].z = NULL;
    }
    return 0;
}

/* A part made of a head, pieces and a tail (deflated by zm). */
static int
write_framed(zout *zo, const zent *e, zsink *zm, const char *head,
             size_t hn, const char *head2, size_t hn2, dpiece *p, size_t n,
             const char *tail, size_t tn)
{
    sc_zout_begin(zo, e);
    if (sc_zsink_restart(zm) || sc_zsink_feed(zm, head, hn, Z_NO_FLUSH) ||
        sc_zsink_feed(zm, head2, hn2, Z_SYNC_FLUSH))
        return -1;
    sc_zout_piece(zo, zm);
    if (write_pieces(zo, p, n, NULL))
        return -1;
    if (sc_zsink_restart(zm) || sc_zsink_feed(zm, tail, tn, Z_FINISH))
        return -1;
    sc_zout_piece(zo, zm);
    sc_zout_end(zo);
    return 0;
}

/* Deflate and write Data sheet `part`: the frame libxlsxwriter wrote
 * (skel) around the rows. pre: the rows' pieces, already made; else they
 * are made here, a round of nslots chunks at a time. */
static int
write_data_part(xctx *x, dctx *d, size_t part, const obuf *skel,
                dpiece *pre, dpiece *slots, size_t nslots, zout *zo,
                const zent *e, zsink *zm)
{
    const char *s = skel->p, *sd, *ins, *tail, *dim = NULL, *dim_end = NULL;
    obuf head = {0};
    int rc = XP_BAD, open_only = 0;
    size_t rows = d->sheet_rows[part];
    size_t c0 = d->sheet_chunk[part], c1 = d->sheet_chunk[part + 1];
    if ((sd = strstr(s, "<sheetData>"))) {
        const char *hr = strstr(sd, "</row>");
        if (!(tail = strstr(sd, "</sheetData>")))
            goto out;
        ins = hr && hr < tail ? hr + 6 : sd + 11; /* after the header */
    } else if ((sd = strstr(s, "<sheetData/>"))) {
        ins = sd;
        tail = sd + 12;
        open_only = 1;
    } else {
        goto out;
    }
    if ((dim = strstr(s, "<dimension ref=\"")) && dim < sd) {
        dim += 16;
        dim_end = strchr(dim, '"');
    }
    rc = XP_NOMEM;
    if (dim_end && rows > 0) {
        if (ob_add(&head, s, (size_t)(dim - s)) ||
            ob_add(&head, "A1:", 3) ||
            ob_add(&head, d->last_col, strlen(d->last_col)) ||
            ob_dec(&head, rows + 1) ||
            ob_add(&head, dim_end, (size_t)(ins - dim_end)))
            goto out;
    } else if (ob_add(&head, s, (size_t)(ins - s))) {
        goto out;
    }
    if (open_only && ob_add(&head, "<sheetData>", 11))
        goto out;
    sc_zout_begin(zo, e);
    if (sc_zsink_restart(zm) ||
        sc_zsink_feed(zm, head.p, head.len, Z_SYNC_FLUSH))
        goto out;
    sc_zout_piece(zo, zm);
    if (pre) {
        if (write_pieces(zo, pre + c0, c1 - c0, &d->nstr))
            goto out;
    } else {
        for (size_t c = c0; c < c1; c += nslots) {
            work w;
            memset(&w, 0, sizeof w);
            w.x = x;
            w.d = d;
            w.first = c;
            w.pieces = slots;
            size_t n = c1 - c < nslots ? c1 - c : nslots;
            sc_parallel_for(x->ds->jobs, n, work_task, &w);
            if (write_pieces(zo, slots, n, &d->nstr))
                goto out;
        }
    }
    const char *close = open_only ? "</sheetData>" : "";
    if (sc_zsink_restart(zm) ||
        sc_zsink_feed(zm, close, strlen(close), Z_NO_FLUSH) ||
        sc_zsink_feed(zm, tail, skel->len - (size_t)(tail - s), Z_FINISH))
        goto out;
    sc_zout_piece(zo, zm);
    sc_zout_end(zo);
    rc = XP_OK;
out:
    ob_free(&head);
    return rc;
}

/* s[0..n) with the number in the first ` attr="..."` set to v. */
static int
ob_set_attr(obuf *out, const char *s, size_t n, const char *attr,
            uint64_t v)
{
    out->len = 0;
    char key[32];
    int kn = snprintf(key, sizeof key, " %s=\"", attr);
    const char *p = NULL;
    for (size_t i = 0; kn > 0 && i + (size_t)kn <= n && !p; i++)
        if (memcmp(s + i, key, (size_t)kn) == 0)
            p = s + i + kn;
    const char *q = p ? memchr(p, '"', n - (size_t)(p - s)) : NULL;
    if (!q)
        return ob_add(out, s, n);
    return ob_add(out, s, (size_t)(p - s)) || ob_dec(out, v) ||
           ob_add(out, q, n - (size_t)(q - s));
}

/* The relationship target of `type` in a sheet's .rels, as a part name
 * ("../comments3.xml" -> "xl/comments3.xml"), into out. */
static int
rel_target(const obuf *rels, const char *type, char *out, size_t outsize)
{
    const char *p = find_in(rels, 0, type), *s, *e, *t;
    if (!p)
        return -1;
    for (s = p; s > rels->p && *s != '<'; s--)
        ;
    if (!(e = strstr(p, "/>")) || !(t = strstr(s, " Target=\"")) || t > e)
        return -1;
    t += 9;
    const char *q = strchr(t, '"');
    if (!q || q > e)
        return -1;
    size_t n = (size_t)(q - t);
    int w;
    if (n > 3 && strncmp(t, "../", 3) == 0)
        w = snprintf(out, outsize, "xl/%.*s", (int)(n - 3), t + 3);
    else if (n > 1 && t[0] == '/')
        w = snprintf(out, outsize, "%.*s", (int)(n - 1), t + 1);
    else
        w = snprintf(out, outsize, "xl/worksheets/%.*s", (int)n, t);
    return w > 0 && (size_t)w < outsize ? 0 : -1;
}

/* Write the workbook `to` from libxlsxwriter's package `from`: every part
 * copied as it is, but the Data sheets, their comments and drawing (made
 * here; rows: pre, or made here when NULL), and the shared strings (their
 * count). Returns XP_*; *err is errno for XP_IO. The file is synced. */
int
sc_xlsx_write_package(xctx *x, dctx *d, dpiece *pre, const char *from,
                      const char *to, int *err)
{
    const sc_dataset *ds = x->ds;
    int rc = XP_NOMEM, zr = 0;
    FILE *in = NULL, *out = NULL;
    zdir dir;
    ctempl t;
    obuf tmp = {0}, head = {0};
    zsink zm;
    zout zo;
    const zent **dsheet = NULL, *ecom = NULL, *evml = NULL, *esst = NULL;
    unsigned char *copybuf = NULL;
    dpiece *notes = NULL, *slots = NULL;
    unsigned jobs = ds->jobs ? ds->jobs : 1;
    size_t nslots = 2 * (jobs < 8 ? jobs : 8), ncom = 0;
    memset(&dir, 0, sizeof dir);
    memset(&t, 0, sizeof t);
    memset(&zm, 0, sizeof zm);
    memset(&zo, 0, sizeof zo);
    *err = 0;

    if (!(in = fopen(from, "rb"))) {
        *err = errno;
        rc = XP_IO;
        goto out;
    }
    if ((zr = sc_zdir_read(in, &dir)) != 0 ||
        (zr = sc_zip_verify(in, &dir)) != 0) {
        rc = zr == -2 ? XP_NOMEM : XP_BAD;
        goto out;
    }
    /* the parts written here */
    if (!(dsheet = calloc(x->ndata, sizeof *dsheet)))
        goto out;
    char name[64];
    rc = XP_BAD;
    if (x->ndata != d->nparts)
        goto out;
    for (size_t p = 0; p < x->ndata; p++) {
        snprintf(name, sizeof name, "xl/worksheets/sheet%u.xml",
                 x->data_sheetno[p]);
        if (!(dsheet[p] = sc_zdir_find(&dir, name)))
            goto out;
    }
    if (!(esst = sc_zdir_find(&dir, "xl/sharedStrings.xml")))
        goto out;
    if (!x->constant_memory && x->nsupp > 0) {
        snprintf(name, sizeof name, "xl/worksheets/_rels/sheet%u.xml.rels",
                 x->data_sheetno[0]);
        const zent *rels = sc_zdir_find(&dir, name);
        char cname[256], vname[256];
        if (!rels || (zr = sc_zip_load(in, rels, &tmp)) != 0 ||
            rel_target(&tmp, "/relationships/comments\"", cname,
                       sizeof cname) ||
            rel_target(&tmp, "/relationships/vmlDrawing\"", vname,
                       sizeof vname) ||
            !(ecom = sc_zdir_find(&dir, cname)) ||
            !(evml = sc_zdir_find(&dir, vname)) ||
            (zr = sc_zip_load(in, ecom, &t.com)) != 0 ||
            (zr = sc_zip_load(in, evml, &t.vml)) != 0 ||
            (zr = sc_xlsx_ctempl_parse(&t)) != 0) {
            rc = zr == -2 ? XP_NOMEM : XP_BAD;
            goto out;
        }
        /* the comments and shapes, a piece per chunk of the first sheet */
        rc = XP_NOMEM;
        ncom = d->sheet_chunk[1] - d->sheet_chunk[0];
        if (!(notes = calloc(2 * ncom + 1, sizeof *notes)))
            goto out;
        work w;
        memset(&w, 0, sizeof w);
        w.x = x;
        w.d = d;
        w.t = &t;
        w.notes = 1;
        w.ncom = ncom;
        w.pieces = notes;
        sc_parallel_for(jobs, 2 * ncom, work_task, &w);
    }
    rc = XP_NOMEM;
    if ((!pre && !(slots = calloc(nslots, sizeof *slots))) ||
        !(zo.cd = calloc(dir.n, sizeof *zo.cd)) ||
        !(copybuf = malloc(COPY_BYTES)))
        goto out;

    if (!(out = fopen(to, "wb"))) {
        *err = errno;
        rc = XP_IO;
        goto out;
    }
    zo.f = out;
    size_t data_done = 0;
    int sst_late = 0;
    for (size_t i = 0; i <= dir.n && !zo.err; i++) {
        const zent *e = i < dir.n ? &dir.e[i] : NULL;
        size_t p = 0;
        while (e && p < x->ndata && dsheet[p] != e)
            p++;
        if (e && p < x->ndata) {
            if ((zr = sc_zip_load(in, e, &tmp)) != 0) {
                rc = zr == -2 ? XP_NOMEM : XP_BAD;
                goto out;
            }
            if ((rc = write_data_part(x, d, p, &tmp, pre, slots, nslots, &zo,
                                      e, &zm)) != XP_OK)
                goto out;
            rc = XP_NOMEM;
            data_done++;
        } else if (e && e == ecom) {
            if (write_framed(&zo, e, &zm, t.com.p, t.com_head, "", 0, notes,
                             ncom, t.com.p + t.com_tail,
                             t.com.len - t.com_tail))
                goto out;
        } else if (e && e == evml) {
            /* one block of 1024 shape ids per 1024 comments, as
             * libxlsxwriter numbers them (nothing after Data has any) */
            head.len = 0;
            for (uint64_t b = 0; b <= x->nsupp / 1024; b++)
                if ((b && ob_add(&head, ",", 1)) ||
                    ob_dec(&head, t.data_id + b))
                    goto out;
            if (ob_add(&head, t.vml.p + t.id_end, t.shape_at - t.id_end) ||
                write_framed(&zo, e, &zm, t.vml.p, t.id_at, head.p, head.len,
                             notes + ncom, ncom, t.vml.p + t.vml_tail,
                             t.vml.len - t.vml_tail))
                goto out;
        } else if (e == esst || (!e && sst_late)) {
            if (data_done < x->ndata) {
                sst_late = 1; /* its count needs the rows: after them */
                continue;
            }
            /* the count of string cells: ours instead of the stand-ins */
            if ((zr = sc_zip_load(in, esst, &tmp)) != 0) {
                rc = zr == -2 ? XP_NOMEM : XP_BAD;
                goto out;
            }
            const char *sst = find_in(&tmp, 0, "<sst"),
                       *body = sst ? strchr(sst, '>') : NULL;
            if (!body) {
                rc = XP_BAD;
                goto out;
            }
            size_t hn = (size_t)(body + 1 - tmp.p);
            const char *cnt = strstr(sst, " count=\"");
            uint64_t count = cnt && cnt < body ? strtoull(cnt + 8, NULL, 10)
                                               : 0;
            count = count >= d->interned ? count - d->interned : 0;
            if (ob_set_attr(&head, tmp.p, hn, "count", count + d->nstr))
                goto out;
            sc_zout_begin(&zo, esst);
            if (sc_zsink_restart(&zm) ||
                sc_zsink_feed(&zm, head.p, head.len, Z_NO_FLUSH) ||
                sc_zsink_feed(&zm, tmp.p + hn, tmp.len - hn, Z_FINISH))
                goto out;
            sc_zout_piece(&zo, &zm);
            sc_zout_end(&zo);
        } else if (e) {
            /* a part as libxlsxwriter wrote it: up to the next one */
            uint64_t end = dir.cd_off;
            for (size_t k = 0; k < dir.n; k++)
                if (dir.e[k].local > e->local && dir.e[k].local < end)
                    end = dir.e[k].local;
            if (end < e->local + 30 ||
                sc_zout_copy(&zo, in, e, end - e->local, copybuf, COPY_BYTES)) {
                rc = XP_BAD;
                goto out;
            }
        }
    }
    sc_zout_finish(&zo);
    if (!zo.err) {
        errno = 0;
        if (fflush(out) != 0 || ferror(out))
            zo.err = errno ? errno : EIO;
        else if (fsync(fileno(out)) != 0)
            zo.err = errno;
    }
    errno = 0;
    if (fclose(out) != 0 && !zo.err)
        zo.err = errno ? errno : EIO;
    out = NULL;
    if (zo.err) {
        *err = zo.err;
        rc = XP_IO;
        goto out;
    }
    rc = XP_OK;
out:
    if (out)
        fclose(out);
    if (in)
        fclose(in);
    sc_xlsx_pieces_free(notes, 2 * ncom + 1);
    sc_xlsx_pieces_free(slots, nslots);
    sc_zsink_free(&zm);
    free(zo.cd);
    free(copybuf);
    free(dsheet);
    ob_free(&tmp);
    ob_free(&head);
    sc_xlsx_ctempl_free(&t);
    sc_zdir_free(&dir);
    return rc;
}
