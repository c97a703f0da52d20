/* SPDX-License-Identifier: MIT */
/*
 * County and state boundaries for maps (issue 14): the file the engine
 * ships, engine/boundaries/us-counties-albers.json, converted once from
 * the npm package us-atlas by engine/boundaries/convert_us_atlas.py (see
 * the README there). Shapes are SVG path data in integer units of
 * `unit` px (0.1) on a width x height (975 x 610) Albers USA plane.
 */
#ifndef SC_BOUNDARIES_H
#define SC_BOUNDARIES_H

#include <stddef.h>

#include "internal.h"

/* One county or state. d is NULL for a county smaller than the grid,
 * which has only a point (at, also its bbox). */
typedef struct sc_shape {
    const char *id;   /* "06037", or a state's "06" */
    const char *name; /* "Los Angeles" */
    const char *d;    /* SVG path data, or NULL */
    long bbox[4];     /* x0, y0, x1, y1 in grid units */
} sc_shape;

typedef struct sc_boundaries sc_boundaries;

/* Read the boundary file at path. A missing, unreadable or malformed file
 * is an error diagnostic naming path ("boundaries"); SC_ERR_IO or
 * SC_ERR_DATA, SC_ERR_NOMEM. */
sc_status sc_boundaries_load(const char *path, sc_diagnostics *diags,
                             sc_boundaries **out);
void sc_boundaries_free(sc_boundaries *b);

/* The county with this 5-digit FIPS code, or NULL. */
const sc_shape *sc_boundaries_county(const sc_boundaries *b, const char *id);
/* The state with this 2-digit FIPS code, or NULL. */
const sc_shape *sc_boundaries_state(const sc_boundaries *b, const char *id);
/* The plane: width and height in px, and px per grid unit. */
void sc_boundaries_plane(const sc_boundaries *b, double *width,
                         double *height, double *unit);
/* Where the shapes come from (package, licence), for a map's source line. */
const char *sc_boundaries_source(const sc_boundaries *b);

#endif /* SC_BOUNDARIES_H */
