// Loans and sales: every movement of money and title between two parties goes through
// these functions, so that money is conserved and a sale always involves exactly a buyer
// and a seller (MODEL.md §10).
#pragma once

#include <cstdint>

#include "agents/credit.hpp"
#include "agents/mortgages.hpp"
#include "sim/world.hpp"

namespace housim {

enum class BuyerKind : uint8_t {
    first_time = 0,
    upgrade_buy_first = 1,  // owner buying before selling its home
    mover = 2,              // owner who sold first, or was displaced, and now buys
    investor = 3,
};

// Books a loan (no money moves here; the caller pays the seller). Returns the row.
int32_t add_loan(World& w, int32_t borrower, int32_t dwelling, Lender lender, double principal,
                 double rate_annual, int term_months);
// Removes a loan row and keeps the borrower's payment and the dwelling's loan list current.
void close_loan(World& w, int32_t m);

// What household h can put into a purchase and earn, as the lenders see it.
BuyerPosition buyer_position(const World& w, int32_t h, BuyerKind kind);
// Whether the provident centre has cash above its liquidity floor this month.
bool provident_centre_lending(const World& w);

struct PurchaseResult {
    bool done = false;
    double loans = 0;
};

// Household h buys the next unsold unit of project `project` at its list price.
PurchaseResult buy_new_home(World& w, int32_t h, int32_t project, BuyerKind kind);
// Household h buys listed dwelling d at its ask price.
PurchaseResult buy_resale_home(World& w, int32_t h, int32_t d, BuyerKind kind);

// Repays every loan on d from the sale proceeds (the seller tops up a shortfall from
// savings; the lender writes off what remains). Returns the proceeds left to the seller.
double repay_loans_on(World& w, int32_t d, double proceeds, int32_t seller);

// Puts d up for resale at `ask`, recording the month.
void list_for_resale(World& w, int32_t d, double ask);

}  // namespace housim
