/* SPDX-License-Identifier: MIT */
/*
 * The page's text and numbers (emit_html.h): every figure is the JSON's
 * number text rounded to the indicator's decimals (sc_html_dec), so the
 * page and the JSON cannot disagree; all text from the dataset goes
 * through sc_html_esc.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "emit_html.h"

/* Text or attribute value, escaped. */
void
sc_html_esc(hw *h, const char *s)
{
    const char *run = s;
    for (const char *p = s;; p++) {
        const char *rep = NULL;
        switch (*p) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        case '\0': break;
        default: continue;
        }
        sc_wwrite(h->f, run, (size_t)(p - run));
        if (!*p)
            return;
        sc_wputs(h->f, rep);
        run = p + 1;
    }
}

void
sc_html_int(hw *h, long v)
{
    sc_wlong(h->f, v);
}

/* x rounded to k decimals (0-6), half away from zero, from the JSON's own
 * 6-decimal text, so "45.25" in the JSON shows as 45.3 at one decimal;
 * "-0.0" shows as "0.0". NULL when x is not finite (the JSON's null). */
const char *
sc_html_dec(char buf[64], double x, int k)
{
    if (!isfinite(x))
        return NULL;
    if (k < 0)
        k = 0;
    if (k > 6)
        k = 6;
    char t[40];
    sc_fmt_number(t, x);
    const char *p = t;
    int neg = *p == '-';
    p += neg;
    size_t il = strspn(p, "0123456789");
    size_t fl = p[il] == '.' ? strlen(p + il + 1) : 0;
    /* past 9e12 sc_fmt_number writes %.17g: an exponent form ("1.5e+20")
     * or more digits than the plain form has are shown as they are */
    if (il == 0 || il > 24 || fl > 6 || strpbrk(t, "eE") ||
        (p[il] && p[il] != '.')) {
        memcpy(buf, t, strlen(t) + 1);
        return buf;
    }
    char d[40]; /* integer digits, then 7 decimals (the 7th always 0) */
    memcpy(d, p, il);
    memcpy(d + il, p + il + 1, fl);
    memset(d + il + fl, '0', 7 - fl);
    size_t keep = il + (size_t)k;
    int carry = d[keep] >= '5';
    for (size_t i = keep; carry && i-- > 0;) {
        if (d[i] == '9') {
            d[i] = '0';
        } else {
            d[i]++;
            carry = 0;
        }
    }
    size_t n = 0, zero = !carry; /* -9.96 at 1 decimal is -10.0 */
    for (size_t i = 0; i < keep; i++)
        zero &= d[i] == '0';
    if (neg && !zero)
        buf[n++] = '-';
    if (carry)
        buf[n++] = '1';
    memcpy(buf + n, d, il);
    n += il;
    if (k > 0) {
        buf[n++] = '.';
        memcpy(buf + n, d + il, (size_t)k);
        n += (size_t)k;
    }
    buf[n] = '\0';
    return buf;
}

/* x rounded to a whole number, with thousands separators. */
void
sc_html_count(hw *h, double x)
{
    char b[64];
    const char *s = sc_html_dec(b, x, 0);
    if (!s)
        return;
    if (*s == '-') {
        sc_wputc(h->f, '-');
        s++;
    }
    size_t n = strlen(s);
    if (strspn(s, "0123456789") != n) {
        sc_wputs(h->f, s);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            sc_wputc(h->f, ',');
        sc_wputc(h->f, s[i]);
    }
}

/* A figure at k decimals; "—" for null. */
void
sc_html_fixed(hw *h, double x, int k)
{
    char b[64];
    const char *s = sc_html_dec(b, x, k);
    sc_wputs(h->f, s ? s : "\xe2\x80\x94");
}

/* A distance d > 0 at k decimals; one that rounds to zero is "less than
 * 0.1" (at one decimal), never "0.0 points to go" (the goal is not met). */
void
sc_html_distance(hw *h, double d, int k)
{
    char b[64];
    const char *s = sc_html_dec(b, d, k);
    if (s && strspn(s, "0.") == strlen(s)) {
        PUT(h, "less than ");
        if (k > 0) {
            PUT(h, "0.");
            for (int i = 1; i < k; i++)
                sc_wputc(h->f, '0');
        }
        sc_wputc(h->f, '1');
        return;
    }
    sc_wputs(h->f, s ? s : "\xe2\x80\x94");
}

/* A signed change: "+0.8", "−0.4" (a real minus sign), "0.0". */
void
sc_html_signed(hw *h, double x, int k)
{
    char b[64];
    const char *s = sc_html_dec(b, x, k);
    if (!s) {
        sc_wputs(h->f, "\xe2\x80\x94");
        return;
    }
    if (*s == '-') {
        sc_wputs(h->f, "\xe2\x88\x92");
        s++;
    } else if (strspn(s, "0.") != strlen(s)) {
        sc_wputc(h->f, '+');
    }
    sc_wputs(h->f, s);
}

/* The id of a geography's section: "g" + geo_id when that is plain,
 * else "n" + its index (so any geo_id makes a valid fragment, and the
 * two forms cannot collide). */
void
sc_html_anchor(hw *h, size_t g)
{
    const char *id = h->ds->geos[g].id;
    if (sc_geo_id_plain(id)) {
        PUT(h, "g");
        sc_wputs(h->f, id);
    } else {
        PUT(h, "n");
        sc_html_int(h, (long)g);
    }
}

const char *
sc_html_geo_name(const sc_dataset *ds, size_t g)
{
    const char *n = ds->geos[g].info.name;
    return n && n[0] ? n : ds->geos[g].id;
}

long
sc_html_parent_of(const sc_dataset *ds, size_t g)
{
    const char *p = ds->geos[g].info.parent;
    if (!p || !p[0])
        return -1;
    return sc_strtab_find(&ds->geo_ids, p, strlen(p));
}


/* The value of a section's data-state attribute (multi-state pages): the
 * state whose counties the county picker lists when it is shown. */
void
sc_html_state_anchor(hw *h, size_t g)
{
    long s = is_state(h->ds, g) ? (long)g : state_of(h->ds, g);
    if (s >= 0)
        sc_html_anchor(h, (size_t)s);
}
