/* SPDX-License-Identifier: MIT */
/*
 * The zip side of the workbook (xlsx_zip.h): the central directory of
 * libxlsxwriter's package read back and each of its XML parts checked
 * whole, raw deflate streams made in pieces, and the final zip written
 * (local headers patched with sizes and CRCs, zip64 records when needed).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "util.h"
#include "xlsx_zip.h"

/* ------------------------------------------------------------ zip files */

static uint32_t
le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint16_t
le16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint64_t
le64(const unsigned char *p)
{
    return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static void
put16(unsigned char *p, uint64_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

static void
put32(unsigned char *p, uint64_t v)
{
    put16(p, v);
    put16(p + 2, v >> 16);
}

static void
put64(unsigned char *p, uint64_t v)
{
    put32(p, v);
    put32(p + 4, v >> 32);
}

#define ZIP_MAX32 0xFFFFFFFFu

void
sc_zdir_free(zdir *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->e[i].name);
    free(d->e);
    memset(d, 0, sizeof *d);
}

const zent *
sc_zdir_find(const zdir *d, const char *name)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->e[i].name, name) == 0)
            return &d->e[i];
    return NULL;
}

/* Read the central directory of the zip file f. Returns 0, -1 when f is
 * not a whole zip file, -2 when out of memory. */
int
sc_zdir_read(FILE *f, zdir *d)
{
    memset(d, 0, sizeof *d);
    unsigned char e[22], *cd = NULL;
    if (fseeko(f, -22, SEEK_END) || fread(e, 1, 22, f) != 22 ||
        le32(e) != 0x06054b50)
        return -1;
    uint64_t entries = le16(e + 10), cd_size = le32(e + 12),
             cd_off = le32(e + 16);
    if (entries == 0xFFFF || cd_off == ZIP_MAX32 || cd_size == ZIP_MAX32) {
        /* zip64: locator just before the end record */
        unsigned char loc[20], z64[56];
        if (fseeko(f, -42, SEEK_END) || fread(loc, 1, 20, f) != 20 ||
            le32(loc) != 0x07064b50 ||
            fseeko(f, (off_t)le64(loc + 8), SEEK_SET) ||
            fread(z64, 1, 56, f) != 56 || le32(z64) != 0x06064b50)
            return -1;
        entries = le64(z64 + 32);
        cd_size = le64(z64 + 40);
        cd_off = le64(z64 + 48);
    }
    if (entries == 0 || cd_size > (64u << 20) || entries > cd_size / 46)
        return -1;
    d->cd_off = cd_off;
    int rc = -2;
    cd = malloc((size_t)cd_size);
    d->e = calloc((size_t)entries, sizeof *d->e);
    if (!cd || !d->e)
        goto out;
    rc = -1;
    if (fseeko(f, (off_t)cd_off, SEEK_SET) ||
        fread(cd, 1, (size_t)cd_size, f) != cd_size)
        goto out;
    size_t p = 0;
    for (uint64_t k = 0; k < entries; k++) {
        if (p + 46 > cd_size || le32(cd + p) != 0x02014b50)
            goto out;
        zent z;
        memset(&z, 0, sizeof z);
        z.made_by = le16(cd + p + 4);
        z.need = le16(cd + p + 6);
        z.flags = le16(cd + p + 8);
        z.method = le16(cd + p + 10);
        z.mtime = le16(cd + p + 12);
        z.mdate = le16(cd + p + 14);
        z.crc = le32(cd + p + 16);
        z.csize = le32(cd + p + 20);
        z.usize = le32(cd + p + 24);
        z.nlen = le16(cd + p + 28);
        uint16_t xlen = le16(cd + p + 30), clen = le16(cd + p + 32);
        z.iattr = le16(cd + p + 36);
        z.eattr = le32(cd + p + 38);
        z.local = le32(cd + p + 42);
        if (z.nlen == 0 || p + 46 + z.nlen + xlen > cd_size)
            goto out;
        /* zip64 extra field: the 0xFFFFFFFF values, in this order */
        for (size_t q = p + 46 + z.nlen; q + 4 <= p + 46 + z.nlen + xlen;) {
            uint16_t id = le16(cd + q), sz = le16(cd + q + 2);
            if (id == 0x0001) {
                size_t r = q + 4;
                if (z.usize == ZIP_MAX32 && r + 8 <= q + 4 + sz) {
                    z.usize = le64(cd + r);
                    r += 8;
                }
                if (z.csize == ZIP_MAX32 && r + 8 <= q + 4 + sz) {
                    z.csize = le64(cd + r);
                    r += 8;
                }
                if (z.local == ZIP_MAX32 && r + 8 <= q + 4 + sz)
                    z.local = le64(cd + r);
            }
            q += 4u + sz;
        }
        const char *name = (const char *)cd + p + 46;
        if (memchr(name, '\0', z.nlen))
            goto out;
        if (!(z.name = sc_strndup(name, z.nlen))) {
            rc = -2;
            goto out;
        }
        d->e[d->n++] = z;
        p += 46u + z.nlen + xlen + clen;
    }
    rc = 0;
out:
    free(cd);
    if (rc != 0)
        sc_zdir_free(d);
    return rc;
}

/* Position f at the data of member e. 0, or -1 when damaged. */
static int
zip_seek_data(FILE *f, const zent *e)
{
    unsigned char h[30];
    if (fseeko(f, (off_t)e->local, SEEK_SET) || fread(h, 1, 30, f) != 30 ||
        le32(h) != 0x04034b50)
        return -1;
    return fseeko(f, (off_t)(e->local + 30 + le16(h + 26) + le16(h + 28)),
                  SEEK_SET)
               ? -1
               : 0;
}

/* The whole text of member e (stored or deflated) into out, NUL-
 * terminated. 0, -1 when damaged, -2 when out of memory. */
int
sc_zip_load(FILE *f, const zent *e, obuf *out)
{
    out->len = 0;
    if ((e->method != 0 && e->method != 8) || zip_seek_data(f, e))
        return -1;
    if (e->usize > (1u << 30)) /* a frame or the shared strings: small */
        return -1;
    if (ob_reserve(out, (size_t)e->usize + 1))
        return -2;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (e->method == 8 && inflateInit2(&z, -MAX_WBITS) != Z_OK)
        return -2;
    unsigned char in[16384];
    uint64_t left = e->csize;
    int rc = 0, done = e->method == 0;
    while (left > 0 && rc == 0) {
        size_t want = left < sizeof in ? (size_t)left : sizeof in;
        if (fread(in, 1, want, f) != want) {
            rc = -1;
            break;
        }
        left -= want;
        if (e->method == 0) {
            if (out->len + want > e->usize)
                rc = -1;
            else
                ob_put(out, (const char *)in, want);
            continue;
        }
        z.next_in = in;
        z.avail_in = (uInt)want;
        while (z.avail_in > 0 && !done) {
            z.next_out = (Bytef *)out->p + out->len;
            z.avail_out = (uInt)(e->usize - out->len);
            int zr = inflate(&z, Z_NO_FLUSH);
            out->len = (size_t)e->usize - z.avail_out;
            if (zr == Z_STREAM_END)
                done = 1;
            else if (zr != Z_OK) {
                /* damaged, or longer than its recorded size */
                rc = zr == Z_MEM_ERROR ? -2 : -1;
                break;
            }
        }
    }
    if (e->method == 8)
        inflateEnd(&z);
    if (rc == 0 && (!done || out->len != e->usize))
        rc = -1;
    if (rc == 0 && crc32_z(crc32(0L, Z_NULL, 0), (const Bytef *)out->p,
                           out->len) != e->crc)
        rc = -1;
    out->p[out->len] = '\0';
    return rc;
}

/* ----------------------------------------------------- deflating pieces */

/* Level for the parts written here. The Data rows are ~48 MB of XML for
 * 85,000 observations: level 2 deflates them 3x faster than zlib's
 * default (6, libxlsxwriter's) into a part ~20% larger; level 1 is no
 * faster, and larger. */
#define ZLEVEL 2

void
sc_zsink_clear(zsink *s)
{
    s->len = 0;
    s->crc = crc32(0L, Z_NULL, 0);
    s->ulen = 0;
}

/* Start an independent stream. 0, or -1 when out of memory. */
int
sc_zsink_restart(zsink *s)
{
    if (!s->ready) {
        memset(&s->z, 0, sizeof s->z);
        if (deflateInit2(&s->z, ZLEVEL, Z_DEFLATED, -MAX_WBITS, 8,
                         Z_DEFAULT_STRATEGY) != Z_OK)
            return -1;
        s->ready = 1;
    } else if (deflateReset(&s->z) != Z_OK) {
        return -1;
    }
    sc_zsink_clear(s);
    return 0;
}

/* Deflate in[0..n) and append the output. flush: Z_NO_FLUSH (more
 * follows), Z_SYNC_FLUSH (ends on a byte boundary, not final: another
 * stream, started afresh, may follow and the two concatenated are one
 * valid stream, the way pigz joins its pieces) or Z_FINISH (the final
 * block). 0, or -1 when out of memory. */
int
sc_zsink_feed(zsink *s, const void *in, size_t n, int flush)
{
    const unsigned char *p = in;
    s->crc = crc32_z(s->crc, p, n);
    s->ulen += n;
    do {
        uInt take = n > (1u << 30) ? (1u << 30) : (uInt)n;
        int fl = take == n ? flush : Z_NO_FLUSH;
        s->z.next_in = (Bytef *)(uintptr_t)p;
        s->z.avail_in = take;
        p += take;
        n -= take;
        for (;;) {
            size_t want = (size_t)deflateBound(&s->z, s->z.avail_in) + 64;
            if (s->cap - s->len < want) {
                size_t cap = s->cap ? s->cap : 1 << 16;
                while (cap - s->len < want) {
                    if (cap > SIZE_MAX / 2)
                        return -1;
                    cap *= 2;
                }
                unsigned char *q = realloc(s->out, cap);
                if (!q)
                    return -1;
                s->out = q;
                s->cap = cap;
            }
            size_t room = s->cap - s->len;
            if (room > UINT_MAX)
                room = UINT_MAX;
            s->z.next_out = s->out + s->len;
            s->z.avail_out = (uInt)room;
            int zr = deflate(&s->z, fl);
            s->len += room - s->z.avail_out;
            if (zr == Z_STREAM_ERROR)
                return -1;
            if (fl == Z_FINISH ? zr == Z_STREAM_END
                               : s->z.avail_in == 0 && s->z.avail_out != 0)
                break;
        }
    } while (n > 0);
    return 0;
}

void
sc_zsink_free(zsink *s)
{
    if (s->ready)
        deflateEnd(&s->z);
    free(s->out);
    memset(s, 0, sizeof *s);
}

/* ----------------------------------------------------- writing a zip */

void
sc_zout_write(zout *z, const void *p, size_t n)
{
    if (z->err || n == 0)
        return;
    errno = 0;
    if (fwrite(p, 1, n, z->f) != n)
        z->err = errno ? errno : EIO;
    z->off += n;
}

/* Start a member deflated here. Its local header gets the sizes and CRC
 * from sc_zout_end, and a zip64 extra field (as minizip writes it for
 * libxlsxwriter) so that any size fits. */
void
sc_zout_begin(zout *z, const zent *e)
{
    memset(&z->cur, 0, sizeof z->cur);
    z->cur.src = e;
    z->cur.need = 20;
    z->cur.method = 8;
    z->cur.local = z->off;
    z->cur.crc = (uint32_t)crc32(0L, Z_NULL, 0);
    unsigned char h[30], x[20];
    memset(h, 0, sizeof h);
    memset(x, 0, sizeof x);
    put32(h, 0x04034b50);
    put16(h + 4, 45);
    put16(h + 8, 8);
    put16(h + 10, e->mtime);
    put16(h + 12, e->mdate);
    put16(h + 26, e->nlen);
    put16(h + 28, sizeof x);
    put16(x, 0x0001);
    put16(x + 2, 16);
    sc_zout_write(z, h, sizeof h);
    sc_zout_write(z, e->name, e->nlen);
    sc_zout_write(z, x, sizeof x);
}

/* Write the compressed bytes of s and account for them; clears s. */
void
sc_zout_piece(zout *z, zsink *s)
{
    sc_zout_write(z, s->out, s->len);
    z->cur.crc = (uint32_t)crc32_combine(z->cur.crc, s->crc,
                                         (z_off_t)s->ulen);
    z->cur.csize += s->len;
    z->cur.usize += s->ulen;
    sc_zsink_clear(s);
}

static void
zo_add_cd(zout *z, const zcd *c)
{
    z->cd[z->ncd++] = *c;
}

/* Finish the member: its sizes and CRC into the local header. */
void
sc_zout_end(zout *z)
{
    zcd *c = &z->cur;
    unsigned char h[12], x[16];
    put32(h, c->crc);
    put32(h + 4, c->csize >= ZIP_MAX32 ? ZIP_MAX32 : c->csize);
    put32(h + 8, c->usize >= ZIP_MAX32 ? ZIP_MAX32 : c->usize);
    put64(x, c->usize);
    put64(x + 8, c->csize);
    if (!z->err) {
        errno = 0;
        if (fseeko(z->f, (off_t)(c->local + 14), SEEK_SET) ||
            fwrite(h, 1, sizeof h, z->f) != sizeof h ||
            fseeko(z->f, (off_t)(c->local + 30 + c->src->nlen + 4),
                   SEEK_SET) ||
            fwrite(x, 1, sizeof x, z->f) != sizeof x ||
            fseeko(z->f, (off_t)z->off, SEEK_SET))
            z->err = errno ? errno : EIO;
    }
    zo_add_cd(z, c);
}

/* Copy member e of `in` as it is (local header, data and any data
 * descriptor: the `len` bytes from its local header on). 0, or -1 when
 * `in` cannot be read. */
int
sc_zout_copy(zout *z, FILE *in, const zent *e, uint64_t len,
             unsigned char *buf, size_t bufsize)
{
    zcd c = {e, e->need, e->flags, e->method, e->crc,
             e->csize, e->usize, z->off};
    if (fseeko(in, (off_t)e->local, SEEK_SET))
        return -1;
    while (len > 0) {
        size_t n = len < bufsize ? (size_t)len : bufsize;
        if (fread(buf, 1, n, in) != n)
            return -1;
        sc_zout_write(z, buf, n);
        len -= n;
    }
    zo_add_cd(z, &c);
    return 0;
}

/* The central directory and end records (zip64 ones when needed). */
void
sc_zout_finish(zout *z)
{
    uint64_t cd_off = z->off;
    for (size_t i = 0; i < z->ncd; i++) {
        const zcd *c = &z->cd[i];
        unsigned char h[46], x[28];
        size_t xl = 0;
        int big = c->usize >= ZIP_MAX32 || c->csize >= ZIP_MAX32 ||
                  c->local >= ZIP_MAX32;
        if (big) {
            put16(x, 0x0001);
            xl = 4;
            if (c->usize >= ZIP_MAX32) {
                put64(x + xl, c->usize);
                xl += 8;
            }
            if (c->csize >= ZIP_MAX32) {
                put64(x + xl, c->csize);
                xl += 8;
            }
            if (c->local >= ZIP_MAX32) {
                put64(x + xl, c->local);
                xl += 8;
            }
            put16(x + 2, xl - 4);
        }
        memset(h, 0, sizeof h);
        put32(h, 0x02014b50);
        put16(h + 4, c->src->made_by);
        put16(h + 6, big ? 45 : c->need);
        put16(h + 8, c->flags);
        put16(h + 10, c->method);
        put16(h + 12, c->src->mtime);
        put16(h + 14, c->src->mdate);
        put32(h + 16, c->crc);
        put32(h + 20, c->csize >= ZIP_MAX32 ? ZIP_MAX32 : c->csize);
        put32(h + 24, c->usize >= ZIP_MAX32 ? ZIP_MAX32 : c->usize);
        put16(h + 28, c->src->nlen);
        put16(h + 30, xl);
        put16(h + 36, c->src->iattr);
        put32(h + 38, c->src->eattr);
        put32(h + 42, c->local >= ZIP_MAX32 ? ZIP_MAX32 : c->local);
        sc_zout_write(z, h, sizeof h);
        sc_zout_write(z, c->src->name, c->src->nlen);
        sc_zout_write(z, x, xl);
    }
    uint64_t cd_size = z->off - cd_off, n = z->ncd;
    if (n >= 0xFFFF || cd_off >= ZIP_MAX32 || cd_size >= ZIP_MAX32) {
        unsigned char r[56], loc[20];
        uint64_t at = z->off;
        memset(r, 0, sizeof r);
        put32(r, 0x06064b50);
        put64(r + 4, sizeof r - 12);
        put16(r + 12, 45);
        put16(r + 14, 45);
        put64(r + 24, n);
        put64(r + 32, n);
        put64(r + 40, cd_size);
        put64(r + 48, cd_off);
        memset(loc, 0, sizeof loc);
        put32(loc, 0x07064b50);
        put64(loc + 8, at);
        put32(loc + 16, 1);
        sc_zout_write(z, r, sizeof r);
        sc_zout_write(z, loc, sizeof loc);
    }
    unsigned char e[22];
    memset(e, 0, sizeof e);
    put32(e, 0x06054b50);
    put16(e + 8, n >= 0xFFFF ? 0xFFFF : n);
    put16(e + 10, n >= 0xFFFF ? 0xFFFF : n);
    put32(e + 12, cd_size >= ZIP_MAX32 ? ZIP_MAX32 : cd_size);
    put32(e + 16, cd_off >= ZIP_MAX32 ? ZIP_MAX32 : cd_off);
    sc_zout_write(z, e, sizeof e);
}

/* ------------------------------------------------------ verification */

/* libxlsxwriter ignores write errors on its own temporary files: on a full
 * disk it produces a well-formed zip whose sheets are cut short. Before
 * its package is used, every XML part is inflated and must end with its
 * closing tag. (The parts written by this file need no such check: every
 * write is checked.) */

static int
verify_member(FILE *f, uint64_t local, uint16_t method, uint64_t csize,
              const char *name)
{
    unsigned char h[30];
    if (fseeko(f, (off_t)local, SEEK_SET) || fread(h, 1, 30, f) != 30 ||
        le32(h) != 0x04034b50)
        return -1;
    if (fseeko(f, (off_t)(local + 30 + le16(h + 26) + le16(h + 28)),
               SEEK_SET))
        return -1;
    char tail[64];
    size_t tl = 0;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (method == 8 && inflateInit2(&z, -MAX_WBITS) != Z_OK)
        return -2;
    unsigned char in[16384], out[16384];
    uint64_t left = csize;
    int rc = 0, done = 0;
    while (left > 0 && !done && rc == 0) {
        size_t want = left < sizeof in ? (size_t)left : sizeof in;
        if (fread(in, 1, want, f) != want) {
            rc = -1;
            break;
        }
        left -= want;
        if (method == 0) {
            size_t keep_n = want < sizeof tail ? want : sizeof tail;
            if (tl + keep_n > sizeof tail) {
                size_t drop = tl + keep_n - sizeof tail;
                memmove(tail, tail + drop, tl - drop);
                tl -= drop;
            }
            memcpy(tail + tl, in + want - keep_n, keep_n);
            tl += keep_n;
            continue;
        }
        z.next_in = in;
        z.avail_in = (uInt)want;
        while (z.avail_in > 0 || !done) {
            z.next_out = out;
            z.avail_out = sizeof out;
            int zr = inflate(&z, Z_NO_FLUSH);
            if (zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) {
                rc = zr == Z_MEM_ERROR ? -2 : -1;
                break;
            }
            size_t got = sizeof out - z.avail_out;
            if (got) {
                size_t keep_n = got < sizeof tail ? got : sizeof tail;
                if (tl + keep_n > sizeof tail) {
                    size_t drop = tl + keep_n - sizeof tail;
                    memmove(tail, tail + drop, tl - drop);
                    tl -= drop;
                }
                memcpy(tail + tl, out + got - keep_n, keep_n);
                tl += keep_n;
            }
            if (zr == Z_STREAM_END)
                done = 1;
            if (got == 0 && z.avail_in == 0)
                break;
        }
    }
    if (method == 8)
        inflateEnd(&z);
    if (rc != 0)
        return rc;
    if (method == 8 && !done)
        return -1;
    while (tl > 0 && strchr(" \r\n\t", tail[tl - 1]))
        tl--;
    if (tl == 0 || tail[tl - 1] != '>')
        return -1;
    /* worksheets must be whole: the last tag closes the root */
    if (strncmp(name, "xl/worksheets/sheet", 19) == 0) {
        static const char end[] = "</worksheet>";
        size_t el = sizeof end - 1;
        if (tl < el || memcmp(tail + tl - el, end, el) != 0)
            return -1;
    }
    return 0;
}

/* Returns 0 when every XML part of the package is complete, -1 when one
 * is not, -2 when out of memory. */
int
sc_zip_verify(FILE *f, const zdir *d)
{
    for (size_t k = 0; k < d->n; k++) {
        const zent *e = &d->e[k];
        size_t n = e->nlen;
        int rc;
        if ((e->method == 0 || e->method == 8) && n >= 5 &&
            (strcmp(e->name + n - 4, ".xml") == 0 ||
             strcmp(e->name + n - 5, ".rels") == 0) &&
            (rc = verify_member(f, e->local, e->method, e->csize,
                                e->name)) != 0)
            return rc;
    }
    return 0;
}
