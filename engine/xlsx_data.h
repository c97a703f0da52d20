/* SPDX-License-Identifier: MIT */
/*
 * The Data sheets' rows and the package (emit_xlsx_data.c,
 * emit_xlsx_package.c): the rows, their comments and comment shapes are
 * generated here as XML, deflated in chunks fixed by the data alone, and
 * joined with libxlsxwriter's parts into the workbook.
 */
#ifndef SC_XLSX_DATA_H
#define SC_XLSX_DATA_H

#include <stdatomic.h>
#include <stdint.h>
#include <zlib.h>

#include "xlsx_book.h"
#include "xlsx_zip.h"

#define NDATA ((lxw_col_t)22) /* columns of a Data sheet */

/* What follows <c r="A2" in a string cell: style, type and value. */
typedef struct dfrag {
    char *s; /* NULL: no cell (an empty text) */
    size_t n;
} dfrag;

typedef struct dchunk {
    size_t k, j;       /* first row: observation j of output group k */
    size_t rows;
    size_t row0;       /* its row number in its sheet (1-based) */
    size_t supp0;      /* suppressed rows of its sheet before it */
} dchunk;

/* A deflated piece of a part: a self-contained stream fragment. */
typedef struct dpiece {
    unsigned char *z;
    size_t zlen;
    uLong crc;
    uint64_t ulen;
    uint64_t nstr;     /* string cells in it */
    int failed;        /* out of memory */
} dpiece;

typedef struct dctx {
    const sc_results *r;
    const sc_dataset *ds;
    dfrag *geo_id, *geo_name, *ind_id, *domain, *subgroup, *label;
    dfrag level[2], reason[SC_NREASONS], flags, method[4], vs[4], star;
    size_t small_max;       /* level ... star together, at most */
    uint64_t interned;      /* strings added to libxlsxwriter's table */
    char open[NDATA][12];   /* `<c r="A` */
    size_t open_n[NDATA];
    char num[6][24];        /* `><v>` or ` s="N"><v>`: [decimals], [5] none */
    size_t num_n[6];
    char last_col[8];       /* letters of the last column */
    size_t nparts;          /* Data sheets */
    dchunk *chunks;
    size_t nchunks, chunk_cap;
    size_t *sheet_chunk;    /* [part]: its first chunk; [nparts]: nchunks */
    size_t *sheet_rows;     /* [part] */
    uint64_t nstr;          /* string cells written */
    struct scratch *pool;   /* the workers' buffers */
    size_t npool;
} dctx;

/* The buffers of one worker, kept from task to task: a pool with a slot
 * per thread (a task takes a free one). */
typedef struct scratch {
    atomic_int busy;
    obuf xml;
    zsink z;
} scratch;

/* The stand-in comment part and drawing that libxlsxwriter wrote for the
 * first Data sheet: their frame, with every suppressed value's comment
 * and shape put in, as libxlsxwriter would have written them. */
typedef struct ctempl {
    obuf com, vml;
    size_t com_head;         /* com: up to <commentList>, included */
    size_t ref_at, ref_end;  /* com: the ref value of the stand-in */
    size_t text_at, text_end;/* com: its text */
    size_t com_tail;         /* com: after its </comment> */
    size_t id_at, id_end;    /* vml: the o:idmap data value */
    size_t shape_at;         /* vml: the first <v:shape */
    size_t vml_tail;         /* vml: after the last </v:shape> */
    uint64_t data_id;        /* first of the drawing's shape-id blocks */
    uint64_t shape_id;       /* first shape id */
    obuf why[SC_NREASONS];   /* the comment texts, as XML, by reason */
} ctempl;

/* -------------------------------------------------- emit_xlsx_data.c */

/* Every string and style of the Data cells, once (the strings go into
 * libxlsxwriter's shared-string table now). 0, or -1 when out of memory. */
int sc_xlsx_frags_build(dctx *d, xctx *x);
/* Split the Data rows (total, in output order) into sheets and chunks. 0,
 * or -1 when out of memory. */
int sc_xlsx_plan_chunks(dctx *d, size_t total);
void sc_xlsx_dctx_free(dctx *d);
/* The XML of chunk c's rows into b, and its number of string cells.
 * Thread-safe (reads only). 0, or -1 when out of memory. */
int sc_xlsx_gen_rows(const dctx *d, const dchunk *c, obuf *b, uint64_t *nstr);
/* xml deflated into p as a self-contained fragment of a stream. 0, or -1
 * when out of memory. */
int sc_xlsx_piece_deflate(zsink *z, const obuf *xml, dpiece *p);
/* A free slot of the pool (waits for one). */
scratch *sc_xlsx_scratch_take(scratch *pool, size_t n);
/* Parse the stand-ins. 0, -1 when they are not as expected, -2 when out
 * of memory. */
int sc_xlsx_ctempl_parse(ctempl *t);
void sc_xlsx_ctempl_free(ctempl *t);
/* The comments (which == 0) or the shapes (1) of chunk c's suppressed
 * rows into b. Thread-safe. 0, or -1 when out of memory. */
int sc_xlsx_gen_notes(const dctx *d, const ctempl *t, int which,
                      const dchunk *c, obuf *b);

/* ----------------------------------------------- emit_xlsx_package.c */

enum { XP_OK = 0, XP_NOMEM, XP_BAD, XP_IO };

/* libxlsxwriter's sheets and package (sc_xlsx_build_skeleton) on one
 * thread, the Data rows' pieces into pre (when not NULL: one per chunk)
 * on the others. Returns libxlsxwriter's first error. */
lxw_error sc_xlsx_build_parts(xctx *x, dctx *d, dpiece *pre);
void sc_xlsx_pieces_free(dpiece *p, size_t n);
/* Write the workbook `to` from libxlsxwriter's package `from`. Returns
 * XP_*; *err is errno for XP_IO. The file is synced. */
int sc_xlsx_write_package(xctx *x, dctx *d, dpiece *pre, const char *from,
                          const char *to, int *err);

#endif /* SC_XLSX_DATA_H */
