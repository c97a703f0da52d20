/* SPDX-License-Identifier: MIT */
/*
 * Atomic output files and exact number formatting. A build that fails or
 * is interrupted never leaves a half-written file under the final name:
 * everything is written to a temporary file in the same directory, synced,
 * and renamed over the old one.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "output.h"

#define OUT_BUFFER (1u << 20)

/* Remove temporary files an interrupted earlier run left beside path
 * ("<path>.tmp-*"), so that a successful run leaves nothing behind. */
void
sc_out_clean_stale(const char *path)
{
    char *pattern = sc_asprintf("%s.tmp-*", path);
    if (!pattern)
        return;
    glob_t g;
    if (glob(pattern, GLOB_NOSORT, NULL, &g) == 0) {
        for (size_t i = 0; i < g.gl_pathc; i++)
            unlink(g.gl_pathv[i]);
        globfree(&g);
    }
    free(pattern);
}

sc_status
sc_out_open(sc_outfile *o, const char *path, sc_diagnostics *diags)
{
    memset(o, 0, sizeof *o);
    sc_out_clean_stale(path);
    o->path = sc_strdup(path);
    o->tmp = sc_asprintf("%s.tmp-XXXXXX", path);
    if (!o->path || !o->tmp) {
        free(o->path);
        free(o->tmp);
        return SC_ERR_NOMEM;
    }
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        int err = errno;
        sc_diag_addf(diags, SC_SEV_ERROR, "io", path, 0, 0,
                     "cannot create a file beside '%s': %s", path,
                     strerror(err));
        free(o->path);
        free(o->tmp);
        memset(o, 0, sizeof *o);
        return SC_ERR_IO;
    }
    fchmod(fd, 0644);
    o->f = fdopen(fd, "w");
    if (!o->f) {
        close(fd);
        unlink(o->tmp);
        free(o->path);
        free(o->tmp);
        memset(o, 0, sizeof *o);
        return SC_ERR_NOMEM;
    }
    setvbuf(o->f, NULL, _IOFBF, OUT_BUFFER);
    return SC_OK;
}

void
sc_out_abort(sc_outfile *o)
{
    if (o->f)
        fclose(o->f);
    if (o->tmp)
        unlink(o->tmp);
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

sc_status
sc_out_commit(sc_outfile *o, sc_diagnostics *diags)
{
    int err = 0;
    if (fflush(o->f) != 0 || ferror(o->f))
        err = errno ? errno : EIO;
    else if (fsync(fileno(o->f)) != 0)
        err = errno;
    if (fclose(o->f) != 0 && !err)
        err = errno ? errno : EIO;
    o->f = NULL;
    if (!err && rename(o->tmp, o->path) != 0)
        err = errno;
    if (err) {
        sc_diag_addf(diags, SC_SEV_ERROR, "io", o->path, 0, 0,
                     "cannot write '%s': %s (the previous file, if any, is "
                     "unchanged)",
                     o->path, strerror(err));
        sc_out_abort(o);
        return SC_ERR_IO;
    }
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    return SC_OK;
}

/* "00" "01" ... "99": two digits per division. */
static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233"
    "34353637383940414243444546474849505152535455565758596061626364656667"
    "6869707172737475767778798081828384858687888990919293949596979899";

/* Decimal digits of v into buf (no sign); returns the length. */
static size_t
utoa(char *buf, uint64_t v)
{
    char tmp[24];
    size_t n = sizeof tmp;
    while (v >= 100) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        n -= 2;
        memcpy(tmp + n, digit_pairs + 2 * r, 2);
    }
    if (v >= 10) {
        n -= 2;
        memcpy(tmp + n, digit_pairs + 2 * v, 2);
    } else {
        tmp[--n] = (char)('0' + v);
    }
    memcpy(buf, tmp + n, sizeof tmp - n);
    return sizeof tmp - n;
}

size_t
sc_fmt_number(char *buf, double x)
{
    double a = fabs(x);
    size_t n = 0;
    if (a >= 9.0e12) {
        /* beyond the exact integer path: the shortest exact form, in the
         * C locale (a host program's locale must not add a comma) */
        locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
        locale_t old = c ? uselocale(c) : (locale_t)0;
        snprintf(buf, 40, "%.17g", x);
        if (old)
            uselocale(old);
        if (c)
            freelocale(c);
        return strlen(buf);
    }
    uint64_t k = (uint64_t)floor(a * 1e6 + 0.5);
    if (k == 0) {
        buf[0] = '0';
        buf[1] = '\0';
        return 1;
    }
    if (x < 0)
        buf[n++] = '-';
    n += utoa(buf + n, k / 1000000u);
    unsigned frac = (unsigned)(k % 1000000u);
    if (frac) {
        buf[n++] = '.';
        memcpy(buf + n, digit_pairs + 2 * (frac / 10000), 2);
        memcpy(buf + n + 2, digit_pairs + 2 * (frac / 100 % 100), 2);
        memcpy(buf + n + 4, digit_pairs + 2 * (frac % 100), 2);
        n += 6;
        while (buf[n - 1] == '0')
            n--;
    }
    buf[n] = '\0';
    return n;
}

sc_wbuf *
sc_wbuf_open(FILE *f)
{
    sc_wbuf *b = malloc(sizeof *b);
    if (b) {
        b->f = f;
        b->len = 0;
    }
    return b;
}

void
sc_wbuf_flush(sc_wbuf *b)
{
    if (b->len)
        fwrite_unlocked(b->p, 1, b->len, b->f);
    b->len = 0;
}

void
sc_wbuf_close(sc_wbuf *b)
{
    if (!b)
        return;
    sc_wbuf_flush(b);
    free(b);
}

void
sc_wnumber(sc_wbuf *b, double x)
{
    char *d = sc_wbuf_room(b, 48);
    b->len += sc_fmt_number(d, x);
}

void
sc_wlong(sc_wbuf *b, long v)
{
    char *d = sc_wbuf_room(b, 24);
    size_t n = 0;
    uint64_t u = (uint64_t)v;
    if (v < 0) {
        d[n++] = '-';
        u = 0 - u;
    }
    n += utoa(d + n, u);
    b->len += n;
}

void
sc_wjson_string_x(sc_wbuf *b, const char *s, int for_html)
{
    static const char hex[] = "0123456789abcdef";
    sc_wputc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        if (c == '"' || c == '\\') {
            sc_wputc(b, '\\');
            sc_wputc(b, (char)c);
        } else if (c == '\n') {
            sc_wwrite(b, "\\n", 2);
        } else if (c == '\r') {
            sc_wwrite(b, "\\r", 2);
        } else if (c == '\t') {
            sc_wwrite(b, "\\t", 2);
        } else if (c < 0x20 || c == 0x7F ||
                   (for_html && (c == '<' || c == '>' || c == '&'))) {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            sc_wwrite(b, u, 6);
        } else {
            sc_wputc(b, (char)c);
        }
    }
    sc_wputc(b, '"');
}
