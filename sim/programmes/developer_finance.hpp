// Developer finance levers (MODEL.md §7; seeds 000 §15, 001 §19, 003 §3(1), §6(3)-(4),
// 004 §3): who gets white-list development loans and how much, extension of credit to
// stalled but balanced projects, bank guarantees standing in for escrow, and the rescue of
// stalled projects of defaulted developers by a state-owned completer.
#pragma once

#include "sim/world.hpp"

namespace housim {

// White-list development loans go to developers not in default rated at least the
// lever's minimum rating.
bool loan_eligible(const World& w, const Developer& d);

// How much development loan project p may carry: the loan-to-cost limit, or with rollover
// the whole cost when the project's unsold homes cover what remains to be built.
double loan_limit(const World& w, const Project& p);

// The share of the supervised escrow amount a bank guarantee replaces (003 §6(4)).
double guarantee_share(const World& w);

// Guarantee fees this month; when a developer defaults, the bank pays its guarantees into
// the projects' escrow (called from the default).
void charge_guarantee_fees(World& w);
void call_guarantees(World& w, int32_t developer);

// Stalled projects of defaulted developers, stalled long enough, are taken over by the
// state completer, funded by the government for the cost still to build.
void rescue_stalled_projects(World& w);

}  // namespace housim
