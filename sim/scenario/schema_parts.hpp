// Internal pieces of the schema (sim/schema.cpp), split by area to keep files short.
#pragma once

#include "sim/scenario/policy.hpp"
#include "sim/scenario/schema.hpp"

namespace housim {

// Subsidies, trade-in, renewal and vouchers, affordable housing, purchase limits,
// sentiment, and the later additions to credit, recognition, tax, sales, escrow and
// developer finance.
void describe_programmes(Policy& p, FieldVisitor& v);

}  // namespace housim
