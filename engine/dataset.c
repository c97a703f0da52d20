/* SPDX-License-Identifier: MIT */
/*
 * Public entry points for datasets: sc_dataset_load() runs the loading
 * pipeline (manifest -> geographies -> observations -> validation) over
 * one sc_dataset, and the accessors read it back.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <scorecard/dataset.h>
#include <scorecard/options.h>

#include "internal.h"
#include "parallel.h"
#include "progress.h"

/* ------------------------------------------------------------ progress */

/* The progress reporter of one dataset (progress.h). It hangs off the
 * dataset by pointer: reporting from a const dataset (sc_compute, the
 * writers) changes this state, not the dataset's value. */
struct sc_progress_state {
    sc_progress_fn fn;      /* NULL: no reports */
    void *ctx;
    pthread_mutex_t lock;   /* held while fn runs */
    atomic_size_t done;     /* units done in the current stage */
    sc_stage stage;
    size_t total;
    size_t reported;        /* done as last passed to fn */
};
typedef struct sc_progress_state progress_state;

static progress_state *
progress_of(const sc_dataset *ds)
{
    return ds ? ds->progress : NULL;
}

static const char *const stage_units[] = {"lines", NULL, "steps",
                                          "outputs"};

SC_API const char *
sc_stage_str(sc_stage stage)
{
    return stage == SC_STAGE_READ       ? "reading"
           : stage == SC_STAGE_VALIDATE ? "validating"
           : stage == SC_STAGE_COMPUTE  ? "computing"
           : stage == SC_STAGE_WRITE    ? "writing"
                                        : NULL;
}

/* Call fn if done grew (P->lock held). */
static void
progress_report(progress_state *P, int force)
{
    size_t d = atomic_load(&P->done);
    if (d > P->total)
        d = P->total;
    if (d <= P->reported && !force)
        return;
    P->reported = d;
    sc_progress p = {P->stage, P->total ? stage_units[P->stage] : NULL, d,
                     P->total};
    P->fn(P->ctx, &p);
}

void
sc_progress_attach(sc_dataset *ds, const sc_options *opt)
{
    progress_state *P = progress_of(ds);
    P->fn = opt->progress;
    P->ctx = opt->progress_ctx;
}

void
sc_progress_begin(const sc_dataset *ds, sc_stage stage, size_t total)
{
    progress_state *P = progress_of(ds);
    if (!P || !P->fn)
        return;
    pthread_mutex_lock(&P->lock);
    P->stage = stage;
    P->total = total;
    P->reported = 0;
    atomic_store(&P->done, 0);
    progress_report(P, 1);
    pthread_mutex_unlock(&P->lock);
}

void
sc_progress_add(const sc_dataset *ds, size_t n)
{
    progress_state *P = progress_of(ds);
    if (!P || !P->fn || n == 0)
        return;
    atomic_fetch_add(&P->done, n);
    if (pthread_mutex_trylock(&P->lock) != 0)
        return; /* a report is under way; the next one includes n */
    progress_report(P, 0);
    pthread_mutex_unlock(&P->lock);
}

void
sc_progress_end(const sc_dataset *ds)
{
    progress_state *P = progress_of(ds);
    if (!P || !P->fn)
        return;
    pthread_mutex_lock(&P->lock);
    atomic_store(&P->done, P->total);
    progress_report(P, P->reported < P->total);
    pthread_mutex_unlock(&P->lock);
}

SC_API void
sc_options_init(sc_options *opt)
{
    if (!opt)
        return;
    memset(opt, 0, sizeof *opt);
    opt->catalog_dir = NULL;
    opt->max_errors = 100;
}

SC_API void
sc_dataset_free(sc_dataset *ds)
{
    if (!ds)
        return;
    free(ds->dir);
    free(ds->manifest_path);
    free(ds->catalog_dir);
    free(ds->boundaries_path);
    free(ds->title);
    free(ds->scope);
    for (size_t i = 0; i < ds->ndomains; i++)
        free(ds->domains[i]);
    free(ds->domains);
    for (size_t i = 0; i < ds->ninds; i++)
        sc_indicator_clear(&ds->inds[i]);
    free(ds->inds);
    free(ds->geo_path);
    for (size_t i = 0; i < ds->ngeos; i++) {
        free(ds->geos[i].name);
        free(ds->geos[i].parent);
    }
    free(ds->geos);
    free(ds->states);
    sc_strtab_free(&ds->geo_ids);
    sc_strtab_free(&ds->subgroups);
    sc_strtab_free(&ds->labels);
    if (ds->obs)
        munmap(ds->obs, ds->obs_bytes);
    free(ds->sg_rank);
    free(ds->ind_start);
    if (ds->progress)
        pthread_mutex_destroy(&ds->progress->lock);
    free(ds->progress);
    free(ds);
}

/* ------------------------------------------------------ loading in parallel */

/* Sorting buffers, one per running task (at most `jobs` at a time): each
 * buffer's pages are faulted in once, not once per file. */
#define SC_SCRATCH_SLOTS 64
typedef struct scratch_pool {
    atomic_flag busy[SC_SCRATCH_SLOTS];
    sc_obs *buf[SC_SCRATCH_SLOTS];
    size_t cap[SC_SCRATCH_SLOTS];
} scratch_pool;

typedef struct loading {
    sc_dataset *ds;
    sc_part *parts;
    size_t *bound;          /* rows each file can hold (its lines) */
    scratch_pool scratch;
    size_t *by_size;        /* indicators, biggest file first */
    /* filled by merge(): part-local id -> dataset id */
    uint32_t **sg_map, **label_map, **geo_map;
    uint32_t *geo_remap;    /* dataset id -> sorted id (sc_geo_finish) */
    int dense;              /* bucket by (geo, subgroup), else by geo */
    sc_status *st;          /* per part, from sorting */
} loading;

/* Lines of a regular file (newlines + 1): no file can hold more records.
 * 0 when it cannot be read (the reader reports why); SIZE_MAX when out of
 * memory. */
static size_t
count_lines(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat sb;
    if (fd < 0)
        return 0;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        return 0;
    }
    static const size_t chunk = 1u << 20;
    unsigned char *buf = malloc(chunk);
    if (!buf) {
        close(fd);
        return SIZE_MAX;
    }
    size_t lines = 1;
    for (ssize_t got; (got = read(fd, buf, chunk)) != 0;) {
        if (got < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        size_t nl = 0;
        for (ssize_t i = 0; i < got; i++) /* vectorizes */
            nl += buf[i] == '\n';
        lines += nl;
    }
    free(buf);
    close(fd);
    return lines;
}

static void
count_task(void *ctx, size_t i)
{
    loading *L = ctx;
    L->bound[i] = count_lines(L->ds->inds[i].path);
}

static void
load_task(void *ctx, size_t k)
{
    loading *L = ctx;
    size_t i = L->by_size[k];
    L->parts[i].st = sc_load_observations(L->ds, i, &L->parts[i]);
}

static int
cmp_size_desc(const void *a, const void *b, void *arg)
{
    const off_t *size = arg;
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (size[x] != size[y])
        return size[x] > size[y] ? -1 : 1;
    return (x > y) - (x < y);
}

/* Order in which workers take the files: biggest first balances best. */
static sc_status
order_by_size(loading *L)
{
    size_t n = L->ds->ninds;
    off_t *size = calloc(n ? n : 1, sizeof *size);
    L->by_size = malloc((n ? n : 1) * sizeof *L->by_size);
    if (!size || !L->by_size) {
        free(size);
        return SC_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        L->by_size[i] = i;
        if (stat(L->ds->inds[i].path, &sb) == 0)
            size[i] = sb.st_size;
    }
    qsort_r(L->by_size, n, sizeof *L->by_size, cmp_size_desc, size);
    free(size);
    return SC_OK;
}

/* Intern every string of a part's table into the dataset's table. */
static sc_status
map_table(sc_strtab *global, const sc_strtab *local, uint32_t **map)
{
    *map = malloc((local->count ? local->count : 1) * sizeof **map);
    if (!*map)
        return SC_ERR_NOMEM;
    for (size_t k = 0; k < local->count; k++) {
        size_t idx;
        SC_TRY(sc_strtab_intern(global, local->strs[k], local->lens[k],
                                &idx));
        (*map)[k] = (uint32_t)idx;
    }
    return SC_OK;
}

/* A dataset-wide limit crossed only when the files are taken together. */
static sc_status
over_limit(const sc_indicator *ind, sc_diagnostics *diags, const char *what,
           unsigned limit)
{
    sc_diag_addf(diags, SC_SEV_ERROR, "limit", ind->path, 0, 0,
                 "with this file the dataset has more than %u distinct %s; "
                 "that is the limit", limit, what);
    return SC_ERR_DATA;
}

/* Merge the parts' tables in manifest order, which gives the ids a
 * one-file-at-a-time reading would: subgroups, year labels and inferred
 * geographies (a later file's name wins only for a later year). */
static sc_status
merge(loading *L, sc_diagnostics *diags)
{
    sc_dataset *ds = L->ds;
    size_t n = ds->ninds;
    L->sg_map = calloc(n ? n : 1, sizeof *L->sg_map);
    L->label_map = calloc(n ? n : 1, sizeof *L->label_map);
    L->geo_map = calloc(n ? n : 1, sizeof *L->geo_map);
    if (!L->sg_map || !L->label_map || !L->geo_map)
        return SC_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        sc_part *p = &L->parts[i];
        const sc_indicator *ind = &ds->inds[i];
        SC_TRY(map_table(&ds->subgroups, &p->subgroups, &L->sg_map[i]));
        if (ds->subgroups.count > SC_MAX_SUBGROUPS)
            return over_limit(ind, diags, "subgroups", SC_MAX_SUBGROUPS);
        SC_TRY(map_table(&ds->labels, &p->labels, &L->label_map[i]));
        if (ds->labels.count > SC_MAX_LABELS)
            return over_limit(ind, diags, "year ranges", SC_MAX_LABELS);
        if (ds->geo_path)
            continue;
        size_t ng = p->geo_ids.count;
        L->geo_map[i] = malloc((ng ? ng : 1) * sizeof **L->geo_map);
        if (!L->geo_map[i])
            return SC_ERR_NOMEM;
        for (size_t k = 0; k < ng; k++) {
            size_t g;
            SC_TRY(sc_geo_intern(ds, p->geo_ids.strs[k], p->geo_ids.lens[k],
                                 &g));
            L->geo_map[i][k] = (uint32_t)g;
            sc_geo *geo = &ds->geos[g];
            geo->known = geo->in_scope = 1;
            char *name = k < p->geo_cap ? p->geo_names[k] : NULL;
            if (name && (!geo->name || p->geo_name_years[k] > geo->name_year)) {
                free(geo->name);
                geo->name = name;
                geo->name_year = p->geo_name_years[k];
                p->geo_names[k] = NULL; /* moved */
            }
        }
        if (ds->ngeos > SC_MAX_GEOGRAPHIES)
            return over_limit(ind, diags, "geo_ids", SC_MAX_GEOGRAPHIES);
    }
    return SC_OK;
}

/* Subgroup order of every output: All first, then by name. */
static int
cmp_sg(const void *a, const void *b, void *arg)
{
    const sc_strtab *t = arg;
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    if (x == 0 || y == 0)
        return (x != 0) - (y != 0);
    return strcmp(t->strs[x], t->strs[y]);
}

static sc_status
rank_subgroups(sc_dataset *ds)
{
    size_t n = ds->subgroups.count;
    uint32_t *ids = malloc((n ? n : 1) * sizeof *ids);
    ds->sg_rank = malloc((n ? n : 1) * sizeof *ds->sg_rank);
    if (!ids || !ds->sg_rank) {
        free(ids);
        return SC_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        ids[i] = (uint32_t)i;
    qsort_r(ids, n, sizeof *ids, cmp_sg, &ds->subgroups);
    for (size_t i = 0; i < n; i++)
        ds->sg_rank[ids[i]] = (uint32_t)i;
    free(ids);
    return SC_OK;
}

/* Within a bucket: subgroup, year, then file order (line). */
static int
cmp_in_bucket(const void *a, const void *b, void *arg)
{
    const uint32_t *sg_rank = arg;
    const sc_obs *x = a, *y = b;
    if (x->subgroup != y->subgroup) {
        uint32_t sx = sg_rank[x->subgroup], sy = sg_rank[y->subgroup];
        return sx < sy ? -1 : 1;
    }
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return (x->line > y->line) - (x->line < y->line);
}

/* Sort a bucket: insertion sort for the usual short runs (rows of one
 * series, mostly in year order already), qsort for long ones. */
static void
sort_bucket(sc_obs *o, size_t n, const uint32_t *sg_rank)
{
    if (n > 48) {
        qsort_r(o, n, sizeof *o, cmp_in_bucket, (void *)sg_rank);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        sc_obs t = o[i];
        size_t j = i;
        while (j > 0 && cmp_in_bucket(&o[j - 1], &t, (void *)sg_rank) > 0) {
            o[j] = o[j - 1];
            j--;
        }
        o[j] = t;
    }
}

/* Claim a scratch buffer of at least n rows; NULL when out of memory. */
static sc_obs *
scratch_get(scratch_pool *P, size_t n, size_t *slot)
{
    size_t s = 0;
    while (atomic_flag_test_and_set(&P->busy[s]))
        s = (s + 1) % SC_SCRATCH_SLOTS; /* never more tasks than slots */
    *slot = s;
    if (P->cap[s] < n || !P->buf[s]) {
        free(P->buf[s]);
        P->buf[s] = malloc((n ? n : 1) * sizeof *P->buf[s]);
        P->cap[s] = P->buf[s] ? n : 0;
        if (P->buf[s])
            sc_advise_huge(P->buf[s], n * sizeof *P->buf[s]);
    }
    return P->buf[s];
}

/* Renumber part i and sort it where it lies, by geography, subgroup and
 * year: a counting sort on (geography, subgroup), or on geography alone
 * when that key space would be much larger than the rows, through a
 * scratch buffer, then back. */
static void
sort_task(void *ctx, size_t i)
{
    loading *L = ctx;
    sc_dataset *ds = L->ds;
    sc_part *p = &L->parts[i];
    size_t n = p->nobs, nsg = ds->subgroups.count, slot;
    size_t nkeys = L->dense ? ds->ngeos * nsg : ds->ngeos;
    size_t *start = calloc(nkeys + 1, sizeof *start);
    sc_obs *tmp = start ? scratch_get(&L->scratch, n, &slot) : NULL;
    if (!tmp) {
        if (start)
            atomic_flag_clear(&L->scratch.busy[slot]);
        free(start);
        L->st[i] = SC_ERR_NOMEM;
        return;
    }
    for (size_t k = 0; k < n; k++) {
        sc_obs *o = &p->obs[k];
        uint32_t g = ds->geo_path ? o->geo : L->geo_map[i][o->geo];
        o->geo = L->geo_remap[g];
        o->subgroup = (uint16_t)L->sg_map[i][o->subgroup];
        if (o->label)
            o->label = (uint16_t)(L->label_map[i][o->label - 1] + 1);
        size_t key = L->dense ? (size_t)o->geo * nsg + ds->sg_rank[o->subgroup]
                              : o->geo;
        start[key + 1]++;
    }
    for (size_t k = 0; k < nkeys; k++)
        start[k + 1] += start[k];
    for (size_t k = 0; k < n; k++) {
        const sc_obs *o = &p->obs[k];
        size_t key = L->dense ? (size_t)o->geo * nsg + ds->sg_rank[o->subgroup]
                              : o->geo;
        tmp[start[key]++] = *o;
    }
    /* start[k] is now the end of bucket k */
    size_t from = 0;
    for (size_t k = 0; k < nkeys; k++) {
        if (start[k] - from > 1)
            sort_bucket(tmp + from, start[k] - from, ds->sg_rank);
        from = start[k];
    }
    if (n)
        memcpy(p->obs, tmp, n * sizeof *tmp);
    atomic_flag_clear(&L->scratch.busy[slot]);
    free(start);
    L->st[i] = SC_OK;
}

static void
loading_free(loading *L, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (L->parts)
            sc_part_free(&L->parts[i]);
        if (L->sg_map)
            free(L->sg_map[i]);
        if (L->label_map)
            free(L->label_map[i]);
        if (L->geo_map)
            free(L->geo_map[i]);
    }
    for (size_t s = 0; s < SC_SCRATCH_SLOTS; s++)
        free(L->scratch.buf[s]);
    free(L->parts);
    free(L->bound);
    free(L->by_size);
    free(L->sg_map);
    free(L->label_map);
    free(L->geo_map);
    free(L->geo_remap);
    free(L->st);
}

/* Read every indicator file (in parallel), merge, and sort the rows into
 * ds->obs in the dataset's order. Diagnostics come out in manifest order,
 * exactly as a one-file-at-a-time reading would give them. */
/* Address space for every row the files could hold, in manifest order:
 * each file is read straight into its own window, and only the pages
 * written are ever backed by memory. */
static sc_status
reserve_rows(loading *L)
{
    sc_dataset *ds = L->ds;
    size_t n = ds->ninds, rows = 0, bytes;
    sc_parallel_for(ds->jobs, n, count_task, L);
    for (size_t i = 0; i < n; i++) {
        if (L->bound[i] == SIZE_MAX || rows > SIZE_MAX - L->bound[i])
            return SC_ERR_NOMEM;
        rows += L->bound[i];
    }
    if (sc_size_mul(rows ? rows : 1, sizeof *ds->obs, &bytes))
        return SC_ERR_NOMEM;
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return SC_ERR_NOMEM;
    sc_advise_huge(p, bytes);
    ds->obs = p;
    ds->obs_bytes = bytes;
    rows = 0;
    for (size_t i = 0; i < n; i++) {
        L->parts[i].obs = ds->obs + rows;
        L->parts[i].cap = L->bound[i];
        rows += L->bound[i];
    }
    return SC_OK;
}

/* Read every indicator file (in parallel), merge, and sort the rows of
 * each file where they lie, then close the gaps left by rows that were
 * not kept. ds->obs ends in the dataset's order. Diagnostics come out in
 * manifest order, exactly as a one-file-at-a-time reading gives them. */
static sc_status
load_all(sc_dataset *ds, sc_diagnostics *diags)
{
    size_t n = ds->ninds;
    loading L;
    memset(&L, 0, sizeof L);
    L.ds = ds;
    for (size_t s = 0; s < SC_SCRATCH_SLOTS; s++)
        atomic_flag_clear(&L.scratch.busy[s]);
    sc_status st = SC_ERR_NOMEM;
    L.parts = calloc(n ? n : 1, sizeof *L.parts);
    L.bound = calloc(n ? n : 1, sizeof *L.bound);
    if (!L.parts || !L.bound || order_by_size(&L) != SC_OK ||
        reserve_rows(&L) != SC_OK)
        goto done;
    for (size_t i = 0; i < n; i++)
        if (!(L.parts[i].diags = sc_diagnostics_new(sc_diag_max(diags))))
            goto done;
    size_t lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += L.bound[i];
    sc_progress_begin(ds, SC_STAGE_READ, lines); /* load.c adds lines */
    sc_parallel_for(ds->jobs, n, load_task, &L);
    st = SC_OK;
    for (size_t i = 0; i < n; i++) {
        sc_status m = sc_diag_merge(diags, L.parts[i].diags);
        if (st == SC_OK)
            st = L.parts[i].st != SC_OK ? L.parts[i].st : m;
    }
    if (st != SC_OK)
        goto done;
    sc_progress_end(ds);
    /* no count: nearly all of it is sc_validate_dataset's one step (ended
     * by sc_dataset_load) */
    sc_progress_begin(ds, SC_STAGE_VALIDATE, 0);
    if ((st = merge(&L, diags)) != SC_OK ||
        (st = sc_geo_finish(ds, &L.geo_remap)) != SC_OK ||
        (st = rank_subgroups(ds)) != SC_OK)
        goto done;
    st = SC_ERR_NOMEM;
    L.st = malloc((n ? n : 1) * sizeof *L.st);
    ds->ind_start = malloc((n + 1) * sizeof *ds->ind_start);
    if (!L.st || !ds->ind_start)
        goto done;
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += L.parts[i].nobs;
    st = SC_ERR_LIMIT;
    if (total >= UINT32_MAX)
        goto done;
    size_t keys;
    L.dense = sc_size_mul(ds->ngeos, ds->subgroups.count, &keys) == 0 &&
              keys <= 4 * total + 65536;
    sc_parallel_for(ds->jobs, n, sort_task, &L);
    st = SC_OK;
    for (size_t i = 0; i < n && st == SC_OK; i++)
        st = L.st[i];
    /* close the gaps: rows filtered out, out of scope or in error */
    size_t at = 0;
    for (size_t i = 0; i < n && st == SC_OK; i++) {
        ds->ind_start[i] = at;
        if (L.parts[i].obs != ds->obs + at && L.parts[i].nobs)
            memmove(ds->obs + at, L.parts[i].obs,
                    L.parts[i].nobs * sizeof *ds->obs);
        at += L.parts[i].nobs;
    }
    ds->ind_start[n] = total;
    ds->nobs = total;
done:
    loading_free(&L, n);
    return st;
}

/* Split path into dataset directory and manifest path. */
static sc_status
resolve_paths(sc_dataset *ds, const char *path, sc_diagnostics *diags)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        int err = errno;
        sc_diag_addf(diags, SC_SEV_ERROR, "unreadable-file", path, 0, 0,
                     "cannot open dataset '%s': %s", path, strerror(err));
        return SC_ERR_IO;
    }
    if (S_ISDIR(sb.st_mode)) {
        ds->dir = sc_strdup(path);
        ds->manifest_path = sc_path_join(path, "scorecard.json");
    } else {
        const char *slash = strrchr(path, '/');
        ds->dir = slash ? sc_strndup(path, (size_t)(slash - path) + 1)
                        : sc_strdup("");
        ds->manifest_path = sc_strdup(path);
    }
    if (!ds->dir || !ds->manifest_path)
        return SC_ERR_NOMEM;
    if (!ds->allow_outside) {
        char *dir = realpath(ds->dir[0] ? ds->dir : ".", NULL);
        char *man = realpath(ds->manifest_path, NULL);
        int out = dir && man &&
                  !(strncmp(man, dir, strlen(dir)) == 0 &&
                    man[strlen(dir)] == '/');
        free(dir);
        free(man);
        if (out) {
            sc_diag_addf(diags, SC_SEV_ERROR, "unreadable-file",
                         ds->manifest_path, 0, 0,
                         "the manifest '%s' is a link to a file outside the "
                         "dataset directory; refused (pass "
                         "--allow-outside-paths if you trust it)",
                         ds->manifest_path);
            return SC_ERR_IO;
        }
    }
    return SC_OK;
}

SC_API sc_status
sc_dataset_load(const char *path, const sc_options *opt,
                sc_diagnostics *diags, sc_dataset **out)
{
    if (out)
        *out = NULL;
    if (!path || !diags || !out)
        return SC_ERR_INVALID_ARG;
    sc_options defaults;
    if (!opt) {
        sc_options_init(&defaults);
        opt = &defaults;
    }
    sc_stats_init();
    size_t errors_before = sc_diagnostics_total(diags, SC_SEV_ERROR);
    sc_dataset *ds = calloc(1, sizeof *ds);
    progress_state *P = calloc(1, sizeof *P);
    if (!ds || !P || pthread_mutex_init(&P->lock, NULL) != 0) {
        free(ds);
        free(P);
        return SC_ERR_NOMEM;
    }
    ds->progress = P;
    sc_progress_attach(ds, opt);
    ds->trend_years = 10;
    ds->alpha = 0.05;
    ds->rank_draws = 1000;
    ds->seed = 1;
    ds->allow_outside = opt->allow_outside_paths;
    sc_status st = resolve_paths(ds, path, diags);
    if (st != SC_OK)
        goto fail;
    ds->catalog_dir = sc_strdup(opt->catalog_dir ? opt->catalog_dir
                                                 : SC_INSTALL_DATADIR
                                                   "/indicators");
    ds->allow_outside = opt->allow_outside_paths;
    ds->boundaries_path =
        sc_strdup(opt->boundaries ? opt->boundaries
                                  : SC_INSTALL_DATADIR
                                    "/boundaries/us-counties-albers.json");
    size_t all;
    if (!ds->catalog_dir || !ds->boundaries_path ||
        sc_strtab_intern(&ds->subgroups, "All", 3, &all) != SC_OK) {
        st = SC_ERR_NOMEM;
        goto fail;
    }
    st = sc_manifest_load(ds, ds->manifest_path, opt, diags);
    if (st != SC_OK)
        goto fail;
    st = sc_geo_load(ds, diags);
    if (st != SC_OK)
        goto fail;
    ds->jobs = opt->jobs ? opt->jobs : sc_default_jobs();
    st = load_all(ds, diags);
    if (st != SC_OK)
        goto fail;
    st = sc_validate_dataset(ds, diags);
    if (st != SC_OK)
        goto fail;
    sc_progress_end(ds);
    if (sc_diagnostics_total(diags, SC_SEV_ERROR) > errors_before) {
        st = SC_ERR_DATA;
        goto fail;
    }
    *out = ds;
    return SC_OK;
fail:
    sc_dataset_free(ds);
    return st;
}

/* ------------------------------------------------------------- accessors */

SC_API const char *
sc_dataset_title(const sc_dataset *ds)
{
    return ds ? ds->title : NULL;
}

SC_API const char *
sc_dataset_manifest_path(const sc_dataset *ds)
{
    return ds ? ds->manifest_path : NULL;
}

SC_API int
sc_dataset_goal_year(const sc_dataset *ds)
{
    return ds ? ds->goal_year : 0;
}

SC_API int
sc_dataset_trend_years(const sc_dataset *ds)
{
    return ds ? ds->trend_years : 0;
}

SC_API double
sc_dataset_alpha(const sc_dataset *ds)
{
    return ds ? ds->alpha : NAN;
}

SC_API long
sc_dataset_rank_draws(const sc_dataset *ds)
{
    return ds ? ds->rank_draws : 0;
}

SC_API unsigned long
sc_dataset_seed(const sc_dataset *ds)
{
    return ds ? ds->seed : 0;
}

SC_API const char *
sc_dataset_scope(const sc_dataset *ds)
{
    return ds ? ds->scope : NULL;
}

SC_API const char *
sc_level_str(sc_level level)
{
    return level == SC_LEVEL_COUNTY   ? "county"
           : level == SC_LEVEL_STATE  ? "state"
           : level == SC_LEVEL_NATION ? "nation"
                                      : NULL;
}

SC_API size_t
sc_dataset_state_count(const sc_dataset *ds)
{
    return ds ? ds->states_with_counties : 0;
}

SC_API int
sc_dataset_multi_state(const sc_dataset *ds)
{
    return ds ? ds->multi_state : 0;
}

SC_API size_t
sc_dataset_domain_count(const sc_dataset *ds)
{
    return ds ? ds->ndomains : 0;
}

SC_API const char *
sc_dataset_domain(const sc_dataset *ds, size_t i)
{
    return ds && i < ds->ndomains ? ds->domains[i] : NULL;
}

SC_API size_t
sc_dataset_indicator_count(const sc_dataset *ds)
{
    return ds ? ds->ninds : 0;
}

SC_API const sc_indicator_info *
sc_dataset_indicator(const sc_dataset *ds, size_t i)
{
    return ds && i < ds->ninds ? &ds->inds[i].info : NULL;
}

SC_API size_t
sc_dataset_geography_count(const sc_dataset *ds)
{
    return ds ? ds->ngeos : 0;
}

SC_API const sc_geography_info *
sc_dataset_geography(const sc_dataset *ds, size_t i)
{
    return ds && i < ds->ngeos ? &ds->geos[i].info : NULL;
}

SC_API sc_status
sc_dataset_find_geography(const sc_dataset *ds, const char *geo_id,
                          size_t *index)
{
    if (!ds || !geo_id || !index)
        return SC_ERR_INVALID_ARG;
    long i = sc_strtab_find(&ds->geo_ids, geo_id, strlen(geo_id));
    if (i < 0)
        return SC_ERR_INVALID_ARG;
    *index = (size_t)i;
    return SC_OK;
}

SC_API size_t
sc_dataset_observation_count(const sc_dataset *ds)
{
    return ds ? ds->nobs : 0;
}

SC_API sc_status
sc_dataset_observation(const sc_dataset *ds, size_t i, sc_observation *out)
{
    if (!ds || !out || i >= ds->nobs)
        return SC_ERR_INVALID_ARG;
    const sc_obs *o = &ds->obs[i];
    out->geography = o->geo;
    out->indicator = o->ind;
    out->subgroup = ds->subgroups.strs[o->subgroup];
    out->year = o->year;
    out->year_label = o->label ? ds->labels.strs[o->label - 1] : NULL;
    out->value = o->value;
    out->moe = o->moe;
    out->numerator = o->num;
    out->denominator = o->den;
    out->reason = (sc_reason)o->reason;
    out->unstable = o->unstable;
    return SC_OK;
}
