// The results of `housim calibrate` and `housim sensitivity` as HDF5 groups
// (/calibration, /sensitivity; docs/validation.md, "Output layout").
#pragma once

#include "output/group_data.hpp"
#include "sim/calibrate/calibrate.hpp"
#include "sim/calibrate/morris.hpp"

namespace housim {

GroupData calibration_group(const CalibSpec& spec, const CalibResult& result);
GroupData sensitivity_group(const CalibSpec& spec, const MorrisResult& result);

// The 5% and 95% quantiles (R's type 7) of one target's statistic across replicates.
std::pair<double, double> replicate_band(const PointMoments& m, size_t target);

}  // namespace housim
