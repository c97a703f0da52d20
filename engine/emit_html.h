/* SPDX-License-Identifier: MIT */
/*
 * The advocates' page (SPEC §5.4), private to emit_html*.c: the page
 * writer's state and the text and number writers every part uses.
 *   emit_html.c       the page: head, CSS and script, pickers, methodology
 *   emit_html_geo.c   one geography's section: scores, indicator rows,
 *                     bars and lines, in-state and national ranks
 *   emit_html_text.c  escaping, numbers as the JSON's text rounded,
 *                     anchors and names
 */
#ifndef SC_EMIT_HTML_H
#define SC_EMIT_HTML_H

#include <stddef.h>
#include <stdint.h>

#include "compute.h"
#include "output.h"

typedef struct hw {
    sc_wbuf *f;
    const sc_results *r;
    const sc_dataset *ds;
    int subgroups;   /* the dataset has subgroups besides All */
    int multi;       /* the whole page (picker, index), not one county */
    int states;      /* several states (SPEC §3.10): in-state and national */
    double *scratch; /* ngeos values: a state's counties (states only) */
} hw;

/* A string literal (the "" make anything else a compile error). */
#define PUT(h, lit) sc_wwrite((h)->f, "" lit "", sizeof(lit) - 1)

/* Text or attribute value, escaped. */
void sc_html_esc(hw *h, const char *s);
void sc_html_int(hw *h, long v);
/* x at k decimals as the JSON's number text rounded half away from zero
 * (into buf; returns buf). */
const char *sc_html_dec(char buf[64], double x, int k);
void sc_html_count(hw *h, double x);
void sc_html_fixed(hw *h, double x, int k);
void sc_html_distance(hw *h, double d, int k);
void sc_html_signed(hw *h, double x, int k);
/* A geography's section id; the data-state value of a multi-state page. */
void sc_html_anchor(hw *h, size_t g);
void sc_html_state_anchor(hw *h, size_t g);
const char *sc_html_geo_name(const sc_dataset *ds, size_t g);
long sc_html_parent_of(const sc_dataset *ds, size_t g);

/* One geography's <section> (emit_html_geo.c). */
void sc_html_geo_section(hw *h, size_t g);

static inline int
is_state(const sc_dataset *ds, size_t g)
{
    return ds->geos[g].info.level == SC_LEVEL_STATE;
}

static inline int
is_county(const sc_dataset *ds, size_t g)
{
    return ds->geos[g].info.level == SC_LEVEL_COUNTY;
}

/* A county's state (SPEC §2.4: its parent, or the SS000 of its FIPS), or
 * -1 for states, the nation and counties without one. */
static inline long
state_of(const sc_dataset *ds, size_t g)
{
    uint32_t s = ds->geos[g].state;
    return s == SC_NONE ? -1 : (long)s;
}

#endif /* SC_EMIT_HTML_H */
