/* SPDX-License-Identifier: MIT */
/**
 * @file scorecard.h
 * @brief Umbrella header for libscorecard: includes every public header.
 */
#ifndef SC_SCORECARD_H
#define SC_SCORECARD_H

#include <scorecard/common.h>
#include <scorecard/version.h>
#include <scorecard/diag.h>
#include <scorecard/options.h>
#include <scorecard/dataset.h>
#include <scorecard/results.h>

#endif /* SC_SCORECARD_H */
