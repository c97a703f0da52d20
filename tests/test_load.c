/* SPDX-License-Identifier: MIT */
#include "testutil.h"
static Suite *suite(void) { Suite *s = suite_create("load"); return s; }
int main(void) { return tu_run(suite()); }
