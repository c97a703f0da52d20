/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: the manifest stage (engine/manifest.c, jsonpos.c) and
 * everything a manifest steers.
 *
 * The input becomes scorecard.json in a per-process dataset directory
 * that also holds small valid files written once at startup:
 *   x.csv, demo.csv     observations (two years, counts, moe, a subgroup,
 *                       a suppressed cell)
 *   geo.csv             a geographies file for those counties
 *   indicators/demo.json  a catalog definition, so "use": "demo" works
 * sc_dataset_load() runs with sc_options.catalog_dir = that indicators/
 * folder; when it succeeds, sc_compute() and sc_results_free() follow.
 * Oracles: see fuzz_pipeline.h.
 */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_pipeline.h"

static const char X_CSV[] =
    "geo_id,year,subgroup,value,numerator,denominator,moe\n"
    "06000,2018,All,44,440,1000,1\n"
    "06001,2018,All,48,48,100,2\n"
    "06003,2018,All,38,38,100,3\n"
    "06000,2019,All,45,450,1000,1\n"
    "06001,2019,All,50,50,100,2\n"
    "06001,2019,Latino,*,,,\n"
    "06003,2019,All,40,40,100,3\n"
    "06005,2019,All,41,,,1.5\n";

static const char GEO_CSV[] =
    "geo_id,name,level,parent,population\n"
    "06000,California,state,,1000\n"
    "06001,Alameda,county,06000,500\n"
    "06003,Alpine,county,06000,20\n"
    "06005,Amador,county,06000,80\n";

static const char *dir;
static char *catalog;

static void
setup(void)
{
    dir = fz_dir("manifest");
    fz_write_str(dir, "x.csv", X_CSV);
    fz_write_str(dir, "demo.csv", X_CSV);
    fz_write_str(dir, "geo.csv", GEO_CSV);
    fz_mkdir(dir, "indicators");
    fz_write_str(dir, "indicators/demo.json", FZ_DEMO_JSON);
    catalog = fz_path(dir, "indicators");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir)
        setup();
    fz_write(dir, "scorecard.json", data, size);
    fz_pipeline(dir, catalog, 0);
    return 0;
}
