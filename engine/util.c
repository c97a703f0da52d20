/* SPDX-License-Identifier: MIT */
/*
 * Private helpers: buffers, string table, paths, UTF-8 and number parsing.
 * Every allocation is checked; functions report failure by status.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "util.h"

/* ---------------------------------------------------------------- buffers */

/* Ensure room for n more bytes plus a NUL. Fails only on overflow/OOM. */
static sc_status
buf_reserve(sc_buf *b, size_t n)
{
    if (b->len + n + 1 < b->len)
        return SC_ERR_NOMEM;
    if (b->len + n + 1 <= b->cap)
        return SC_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + n + 1) {
        if (cap > SIZE_MAX / 2)
            return SC_ERR_NOMEM;
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p)
        return SC_ERR_NOMEM;
    b->data = p;
    b->cap = cap;
    return SC_OK;
}

/* Append n bytes. On failure the buffer is unchanged. */
sc_status
sc_buf_append(sc_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n) != SC_OK)
        return SC_ERR_NOMEM;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return SC_OK;
}

static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void
make_c_locale(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/* Append formatted text, always in the C locale (a host program's
 * setlocale must not turn "0.5" into "0,5" in messages). On failure the
 * buffer is unchanged. */
sc_status
sc_buf_vappendf(sc_buf *b, const char *fmt, va_list ap)
{
    pthread_once(&c_locale_once, make_c_locale);
    locale_t old = c_locale ? uselocale(c_locale) : (locale_t)0;
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    sc_status st = SC_ERR_NOMEM;
    if (n >= 0 && buf_reserve(b, (size_t)n) == SC_OK) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
        st = SC_OK;
    }
    if (old)
        uselocale(old);
    return st;
}

sc_status
sc_buf_appendf(sc_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sc_status st = sc_buf_vappendf(b, fmt, ap);
    va_end(ap);
    return st;
}

/* Empty the buffer, keeping its memory. Cannot fail. */
void
sc_buf_reset(sc_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void
sc_buf_free(sc_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* ----------------------------------------------------------- string table */

/* FNV-1a: simple, good enough for ids and subgroup names. */
static uint32_t
hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

long
sc_strtab_find(const sc_strtab *t, const char *s, size_t n)
{
    if (!t->nslots)
        return -1;
    size_t mask = t->nslots - 1;
    for (size_t i = hash_bytes(s, n) & mask;; i = (i + 1) & mask) {
        uint32_t v = t->slots[i];
        if (!v)
            return -1;
        if (t->lens[v - 1] == n && memcmp(t->strs[v - 1], s, n) == 0)
            return (long)(v - 1);
    }
}

/* Rebuild the slot array at twice the size. */
static sc_status
strtab_rehash(sc_strtab *t)
{
    size_t nslots = t->nslots ? t->nslots * 2 : 64;
    uint32_t *slots = calloc(nslots, sizeof *slots);
    if (!slots)
        return SC_ERR_NOMEM;
    for (size_t k = 0; k < t->count; k++) {
        size_t i = hash_bytes(t->strs[k], t->lens[k]) & (nslots - 1);
        while (slots[i])
            i = (i + 1) & (nslots - 1);
        slots[i] = (uint32_t)(k + 1);
    }
    free(t->slots);
    t->slots = slots;
    t->nslots = nslots;
    return SC_OK;
}

sc_status
sc_strtab_intern(sc_strtab *t, const char *s, size_t n, size_t *index)
{
    long found = sc_strtab_find(t, s, n);
    if (found >= 0) {
        *index = (size_t)found;
        return SC_OK;
    }
    if (t->count >= UINT32_MAX - 1)
        return SC_ERR_LIMIT;
    if ((t->count + 1) * 2 > t->nslots && strtab_rehash(t) != SC_OK)
        return SC_ERR_NOMEM;
    if (t->count == t->cap) {
        size_t cap = t->cap;
        if (sc_grow((void **)&t->strs, &cap, t->count + 1, sizeof *t->strs))
            return SC_ERR_NOMEM;
        size_t cap2 = t->cap;
        if (sc_grow((void **)&t->lens, &cap2, t->count + 1, sizeof *t->lens))
            return SC_ERR_NOMEM;
        t->cap = cap < cap2 ? cap : cap2;
    }
    char *copy = sc_strndup(s, n);
    if (!copy)
        return SC_ERR_NOMEM;
    t->strs[t->count] = copy;
    t->lens[t->count] = n;
    size_t mask = t->nslots - 1;
    size_t i = hash_bytes(s, n) & mask;
    while (t->slots[i])
        i = (i + 1) & mask;
    t->slots[i] = (uint32_t)(t->count + 1);
    *index = t->count++;
    return SC_OK;
}

void
sc_strtab_free(sc_strtab *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->strs[i]);
    free(t->strs);
    free(t->lens);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

/* ---------------------------------------------------------------- strings */

char *
sc_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *
sc_strdup(const char *s)
{
    return sc_strndup(s, strlen(s));
}

char *
sc_asprintf(const char *fmt, ...)
{
    sc_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sc_status st = sc_buf_vappendf(&b, fmt, ap);
    va_end(ap);
    if (st != SC_OK) {
        sc_buf_free(&b);
        return NULL;
    }
    if (!b.data)
        return sc_strdup("");
    return b.data;
}

char *
sc_path_join(const char *dir, const char *name)
{
    if (name[0] == '/' || !dir || !dir[0])
        return sc_strdup(name);
    size_t dl = strlen(dir);
    if (dir[dl - 1] == '/')
        return sc_asprintf("%s%s", dir, name);
    return sc_asprintf("%s/%s", dir, name);
}

int
sc_strieq(const char *s, size_t n, const char *t)
{
    size_t i = 0;
    for (; i < n && t[i]; i++) {
        unsigned char a = (unsigned char)s[i], c = (unsigned char)t[i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a - 'A' + 'a');
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (a != c)
            return 0;
    }
    return i == n && t[i] == '\0';
}

const char *
sc_trim(const char *s, size_t *n)
{
    size_t len = *n;
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    *n = len;
    return s;
}

/* ------------------------------------------------------------------ UTF-8 */

size_t
sc_utf8_valid_prefix(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned min;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1; min = 0x80; cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2; min = 0x800; cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3; min = 0x10000; cp = c & 0x07;
        } else {
            return i;
        }
        if (n - i <= need)
            return i;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += need + 1;
    }
    return n;
}

size_t
sc_utf8_chars(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

/* ------------------------------------------------------------- arithmetic */

int
sc_size_mul(size_t a, size_t b, size_t *out)
{
    if (b && a > SIZE_MAX / b)
        return -1;
    *out = a * b;
    return 0;
}

sc_status
sc_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return SC_OK;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return SC_ERR_NOMEM;
        ncap *= 2;
    }
    size_t bytes;
    if (sc_size_mul(ncap, elem, &bytes))
        return SC_ERR_NOMEM;
    void *p = realloc(*arr, bytes);
    if (!p)
        return SC_ERR_NOMEM;
    sc_advise_huge(p, bytes);
    *arr = p;
    *cap = ncap;
    return SC_OK;
}

void
sc_advise_huge(void *p, size_t bytes)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = 2u * 1024u * 1024u;
    if (bytes < 4 * huge)
        return;
    uintptr_t from = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t to = ((uintptr_t)p + bytes) & ~(huge - 1);
    if (to > from)
        (void)madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
    (void)p;
    (void)bytes;
#endif
}

/* ---------------------------------------------------------------- numbers */

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The common case, a plain decimal with at most 15 digits ("85.3",
 * "-2", "1234"): the digits make an integer m < 2^53 and the value is
 * m / 10^f with f <= 15, both exact doubles, so the one correctly rounded
 * division gives exactly what strtod gives. Returns 0 when the text is
 * not of that form (the general path decides). */
static int
fast_decimal(const char *s, size_t n, double *out)
{
    static const double pow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,
                                   1e6, 1e7, 1e8,  1e9,  1e10, 1e11,
                                   1e12, 1e13, 1e14, 1e15};
    size_t i = 0;
    int neg = 0;
    if (n > 17)
        return 0;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i++;
    }
    uint64_t m = 0;
    int digits = 0, frac = 0, dot = 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c >= '0' && c <= '9') {
            m = m * 10 + (uint64_t)(c - '0');
            digits++;
            frac += dot;
        } else if (c == '.' && !dot) {
            dot = 1;
        } else {
            return 0;
        }
    }
    if (digits == 0 || digits > 15)
        return 0;
    double v = (double)m / pow10[frac];
    *out = neg && m ? -v : v;
    return 1;
}

int
sc_parse_number(const char *s, size_t n, char sep, double *out)
{
    s = sc_trim(s, &n);
    if (n == 0)
        return -1;
    if (fast_decimal(s, n, out))
        return 0;
    if (n > 512)
        return -3; /* far longer than any number a publisher writes */
    char clean[520];
    size_t k = 0, i = 0;
    if (s[i] == '+' || s[i] == '-')
        clean[k++] = s[i++];
    /* integer part, optionally grouped by threes with sep */
    size_t start = i, group = 0, groups = 0;
    while (i < n && (is_digit(s[i]) || (sep && s[i] == sep))) {
        if (s[i] == sep) {
            if ((groups == 0 && (group == 0 || group > 3)) ||
                (groups > 0 && group != 3))
                return -1;
            groups++;
            group = 0;
        } else {
            clean[k++] = s[i];
            group++;
        }
        i++;
    }
    if (groups > 0 && group != 3)
        return -1;
    size_t int_digits = i - start - groups;
    size_t frac_digits = 0;
    if (i < n && s[i] == '.') {
        clean[k++] = s[i++];
        while (i < n && is_digit(s[i])) {
            clean[k++] = s[i++];
            frac_digits++;
        }
    }
    if (int_digits + frac_digits == 0)
        return -1;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        clean[k++] = s[i++];
        if (i < n && (s[i] == '+' || s[i] == '-'))
            clean[k++] = s[i++];
        size_t e0 = i;
        while (i < n && is_digit(s[i]))
            clean[k++] = s[i++];
        if (i == e0)
            return -1;
    }
    if (i != n)
        return -1;
    clean[k] = '\0';
    pthread_once(&c_locale_once, make_c_locale);
    if (c_locale == (locale_t)0)
        return -1;
    errno = 0;
    double v = strtod_l(clean, NULL, c_locale);
    if (!isfinite(v) || (errno == ERANGE && fabs(v) > 1.0))
        return -2;
    if (v == 0.0)
        v = 0.0; /* "-0" is 0 */
    *out = v;
    return 0;
}

/* Parse 1 to 9 digits (the 1900-2100 rule is checked by validation, so
 * "99999" is reported as out of range, not as "not a year"). */
static int
four_digits(const char *s, size_t n, long *y)
{
    if (n == 0 || n > 9)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *y = v;
    return 0;
}

int
sc_parse_year(const char *s, size_t n, long *year, int *is_range)
{
    s = sc_trim(s, &n);
    long y;
    if (four_digits(s, n, &y) == 0) {
        *year = y;
        *is_range = 0;
        return 0;
    }
    const char *dash = memchr(s, '-', n);
    if (!dash)
        return -1;
    size_t n1 = (size_t)(dash - s), n2 = n - n1 - 1;
    const char *a = sc_trim(s, &n1);
    const char *b = sc_trim(dash + 1, &n2);
    long y1, y2;
    if (four_digits(a, n1, &y1) || four_digits(b, n2, &y2) || y1 > y2)
        return -1;
    *year = y2;
    *is_range = 1;
    return 0;
}
