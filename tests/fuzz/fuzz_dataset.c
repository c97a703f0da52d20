/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the whole pipeline on a fuzzer-made dataset.
 *
 * The input is split at the separator "\n#--\n":
 *   part 1  scorecard.json
 *   part 2  x.csv            (absent: no x.csv)
 *   part 3  geographies.csv  (absent: no geographies.csv)
 * (anything after a third separator is ignored). The parts are written
 * into a per-process dataset directory, which also holds
 * indicators/demo.json (catalog_dir points there too); then
 * sc_dataset_load -> sc_compute -> sc_write_json + sc_write_csv (into the
 * same directory, removed afterwards) -> free everything.
 *
 * A typical input:
 *   {"title": "T", "geographies": "geographies.csv", "indicators":
 *    [{"id": "x", "name": "X", "domain": "Health"}]}
 *   #--
 *   geo_id,year,value
 *   06001,2019,40
 *   #--
 *   geo_id,name,level,parent
 *   06001,Alameda,county,06000
 * Oracles: see fuzz_pipeline.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_pipeline.h"

#define SEP "\n#--\n"
#define SEP_LEN 5

static const char *dir;
static char *catalog;

static void
setup(void)
{
    dir = fz_dir("dataset");
    fz_mkdir(dir, "indicators");
    fz_write_str(dir, "indicators/demo.json", FZ_DEMO_JSON);
    catalog = fz_path(dir, "indicators");
}

/* The next separator in data[from..size), or size when none. */
static size_t
find_sep(const uint8_t *data, size_t size, size_t from)
{
    if (size < SEP_LEN)
        return size;
    for (size_t i = from; i + SEP_LEN <= size; i++)
        if (data[i] == '\n' && memcmp(data + i, SEP, SEP_LEN) == 0)
            return i;
    return size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[3] = {"scorecard.json", "x.csv",
                                         "geographies.csv"};
    if (!dir)
        setup();
    size_t start = 0;
    for (int part = 0; part < 3; part++) {
        if (start > size) {
            fz_unlink(dir, names[part]);
            continue;
        }
        /* a part ends at the next separator (for part 3: anything after
         * a third separator is ignored) */
        size_t end = find_sep(data, size, start);
        fz_write(dir, names[part], data + start, end - start);
        start = end + SEP_LEN; /* past the end when there was none */
    }
    fz_pipeline(dir, catalog, 1);
    return 0;
}
