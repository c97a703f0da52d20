/* SPDX-License-Identifier: MIT */
/*
 * The workbook's bytes (emit_xlsx_zip.c): a growable buffer for the hot
 * loops, reading the zip package libxlsxwriter wrote, raw deflate streams
 * whose pieces join into one (the way pigz joins them), and writing the
 * final zip, zip64 where needed. Nothing here knows about spreadsheets.
 */
#ifndef SC_XLSX_ZIP_H
#define SC_XLSX_ZIP_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* ------------------------------------------------------------ buffers */

/* A growable byte buffer for the hot loops: callers reserve once (a whole
 * row), then append without checks. */
typedef struct obuf {
    char *p;
    size_t len, cap;
} obuf;

/* Room for n more bytes. 0, or -1 when out of memory. */
static inline int
ob_reserve(obuf *b, size_t n)
{
    if (b->cap - b->len >= n)
        return 0;
    size_t cap = b->cap ? b->cap : (size_t)1 << 16;
    while (cap - b->len < n) {
        if (cap > SIZE_MAX / 2)
            return -1;
        cap *= 2;
    }
    char *p = realloc(b->p, cap);
    if (!p)
        return -1;
    b->p = p;
    b->cap = cap;
    return 0;
}

static inline void
ob_put(obuf *b, const char *s, size_t n)
{
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

#define OB_LIT(b, lit) ob_put((b), (lit), sizeof(lit) - 1)

/* Reserve and append. 0, or -1 when out of memory. */
static inline int
ob_add(obuf *b, const char *s, size_t n)
{
    if (ob_reserve(b, n))
        return -1;
    ob_put(b, s, n);
    return 0;
}

static inline void
ob_free(obuf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

/* Decimal digits of v; returns the length (at most 20, no NUL). */
static inline size_t
put_dec(char *buf, uint64_t v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    return n;
}

static inline int
ob_dec(obuf *b, uint64_t v)
{
    if (ob_reserve(b, 24))
        return -1;
    b->len += put_dec(b->p + b->len, v);
    return 0;
}

/* s[0..n) as XML text: & < > escaped. */
static inline int
ob_xml_text(obuf *b, const char *s, size_t n)
{
    if (n > SIZE_MAX / 8 || ob_reserve(b, n * 5 + 1))
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '&')
            OB_LIT(b, "&amp;");
        else if (s[i] == '<')
            OB_LIT(b, "&lt;");
        else if (s[i] == '>')
            OB_LIT(b, "&gt;");
        else
            b->p[b->len++] = s[i];
    }
    return 0;
}

/* The first s in b from byte `from` on, or NULL. */
static inline const char *
find_in(const obuf *b, size_t from, const char *s)
{
    return from <= b->len ? strstr(b->p + from, s) : NULL;
}

/* ------------------------------------------------------- reading a zip */

/* One entry of a zip file's central directory. */
typedef struct zent {
    char *name;
    uint16_t nlen, made_by, need, flags, method, mtime, mdate, iattr;
    uint32_t crc, eattr;
    uint64_t csize, usize, local;
} zent;

typedef struct zdir {
    zent *e;
    size_t n;
    uint64_t cd_off;    /* where the central directory starts */
} zdir;

void sc_zdir_free(zdir *d);
/* The entry named name, or NULL. */
const zent *sc_zdir_find(const zdir *d, const char *name);
/* Read the central directory of the zip file f. Returns 0, -1 when f is
 * not a whole zip file, -2 when out of memory. */
int sc_zdir_read(FILE *f, zdir *d);
/* The whole text of member e (stored or deflated) into out, NUL-
 * terminated. 0, -1 when damaged, -2 when out of memory. */
int sc_zip_load(FILE *f, const zent *e, obuf *out);
/* 0 when every XML part of the package is complete, -1 when one is not,
 * -2 when out of memory. */
int sc_zip_verify(FILE *f, const zdir *d);

/* ----------------------------------------------------- deflating pieces */

/* A raw deflate stream into memory. */
typedef struct zsink {
    z_stream z;
    int ready;
    unsigned char *out; /* compressed bytes not yet written */
    size_t len, cap;
    uLong crc;          /* of the bytes fed since sc_zsink_clear */
    uint64_t ulen;
} zsink;

void sc_zsink_clear(zsink *s);
int sc_zsink_restart(zsink *s);
int sc_zsink_feed(zsink *s, const void *in, size_t n, int flush);
void sc_zsink_free(zsink *s);

/* ------------------------------------------------------- writing a zip */

/* A central directory entry of the zip being written. */
typedef struct zcd {
    const zent *src;        /* name, times and attributes */
    uint16_t need, flags, method;
    uint32_t crc;
    uint64_t csize, usize, local;
} zcd;

typedef struct zout {
    FILE *f;
    uint64_t off;           /* bytes written */
    zcd *cd;
    size_t ncd;             /* room for one entry per source entry */
    int err;                /* errno of the first write error */
    zcd cur;                /* the member being deflated */
} zout;

void sc_zout_write(zout *z, const void *p, size_t n);
void sc_zout_begin(zout *z, const zent *e);
void sc_zout_piece(zout *z, zsink *s);
void sc_zout_end(zout *z);
int sc_zout_copy(zout *z, FILE *in, const zent *e, uint64_t len,
                 unsigned char *buf, size_t bufsize);
void sc_zout_finish(zout *z);

#endif /* SC_XLSX_ZIP_H */
