// Loans and sales: every movement of money and title between two parties goes through
// these functions, so that money is conserved and a sale always involves exactly a buyer
// and a seller (MODEL.md §10).
#pragma once

#include <cstdint>

#include "agents/credit.hpp"
#include "agents/mortgages.hpp"
#include "agents/recognition.hpp"
#include "sim/world.hpp"

namespace housim {

enum class BuyerKind : uint8_t {
    first_time = 0,
    upgrade_buy_first = 1,  // owner buying before selling its home
    mover = 2,              // owner who sold first, or was displaced, and now buys
    investor = 3,
    trade_in = 4,  // owner whose old home a developer or the SOE takes (以旧换新)
};

// Whether h is in the provident fund's priority groups of seed 001 §2 (引进人才、新市民、
// 青年人、现役军人家庭、二孩及以上多子女家庭): talent, a new citizen, a military family, a head
// under 35 (the young) or 2+ children. They get the raised loan cap and rent-withdrawal cap.
bool provident_priority(const World& w, int32_t h);

// Books a loan (no money moves here; the caller pays the seller). Returns the row.
int32_t add_loan(World& w, int32_t borrower, int32_t dwelling, Lender lender, double principal,
                 double rate_annual, int term_months);
// Removes a loan row and keeps the borrower's payment and the dwelling's loan list current.
void close_loan(World& w, int32_t m);

// What household h holds, for home-count recognition; with zone >= 0, its homes in that
// district only (homes elsewhere are then not counted either).
Holdings holdings_of(const World& w, int32_t h, int zone = -1);
// Homes a purchase by h is recognised as following under the levers in force.
int recognised_homes(const World& w, int32_t h);
// Whether h is a non-local buyer: a new citizen within city.nonlocal_months of arrival, with
// no local tax or social-security record yet (seed 004 §2(2), §3(2)).
bool nonlocal_buyer(const World& w, int32_t h);
// Whether purchase limits (限购) or the proof of local records forbid h a further purchase.
bool purchase_limited(const World& w, int32_t h);
// The same when h's recognised home count is `homes_before`.
bool purchase_limited_at(const World& w, int32_t h, int homes_before);

// Money a buyer gets towards a purchase besides its own funds.
struct PurchaseAids {
    double voucher = 0;     // housing voucher (new homes only)
    double talent = 0;      // talent purchase subsidy (seed 001 §4)
    double trade_in = 0;    // trade-in subsidy (new homes after a sale within 12 months)
    double iit_rebate = 0;  // income tax refunded on the buyer's last sale (001 §5)
    double total() const { return voucher + talent + trade_in + iit_rebate; }
};
PurchaseAids purchase_aids(const World& w, int32_t h, bool new_home);
// Whether h sold a home within the last 12 months: a purchase now is a trade-in (以旧换新),
// with the trade-in subsidy and the refund of the sale's income tax (001 §5).
bool sold_within_trade_in_window(const World& w, int32_t h);

// What household h can put into a purchase and earn, as the lenders see it (aids included).
BuyerPosition buyer_position(const World& w, int32_t h, BuyerKind kind, const PurchaseAids& aids);
// The same given its recognised home count (recognised_homes), for callers that already
// have it: a buyer's holdings are then read once per decision. With zone >= 0 (at signing,
// the district of the home bought) the provident centre may count homes in it alone.
BuyerPosition buyer_position(const World& w, int32_t h, BuyerKind kind, const PurchaseAids& aids,
                             int homes_before, int zone = -1);
// Whether the provident centre has cash above its liquidity floor this month (less what its
// borrowing line allows), for a first provident loan.
bool provident_centre_lending(const World& w);
// The same for a first provident loan or another one (004 §1(5): first loans first).
bool provident_centre_lends(const World& w, bool first_loan);

struct PurchaseResult {
    bool done = false;
    double loans = 0;
};

// Household h buys the next unit on offer of project `project` at its list price
// (`reserved`: the unit it reserved in a trade-in). With bridged_home >= 0, h buys with a
// bridging loan against that home of its, which it is selling (灵活抵押, 003 §5(2)).
PurchaseResult buy_new_home(World& w, int32_t h, int32_t project, BuyerKind kind,
                            bool reserved = false, int32_t bridged_home = -1);
// Household h buys listed dwelling d at its ask price.
PurchaseResult buy_resale_home(World& w, int32_t h, int32_t d, BuyerKind kind);
// The same at `price`, which competing bids raised above the ask (never below it: refused).
PurchaseResult buy_resale_home_at(World& w, int32_t h, int32_t d, BuyerKind kind, double price);
// Household h buys closed-loop affordable dwelling d from the SOE at `price`.
PurchaseResult buy_affordable_home(World& w, int32_t h, int32_t d, double price);

// An institution (a developer, or the SOE as the government) buys household dwelling d at
// `price`: loans repaid, proceeds to the seller, occupants out.
void institution_buys(World& w, int32_t d, OwnerKind buyer, int32_t buyer_id, double price);

// Repays every loan on d from the sale proceeds (the seller tops up a shortfall from
// savings; the lender writes off what remains). Returns the proceeds left to the seller.
double repay_loans_on(World& w, int32_t d, double proceeds, int32_t seller);
// The share of a completed project's pledged development loan on its next unsold home
// (0 when nothing is pledged).
double pledge_per_unit(const Project& p);
// Whether a completed home of project p may change hands now: with its developer's project
// mortgage in place (新建商品房带押过户, 001 §14), or once the developer can clear the
// home's share from its cash.
bool pledge_allows_sale(const World& w, const Project& p);
// Repays the sold home's share of the pledged loan (from the price, or the developer's cash).
void release_unit_pledge(World& w, Project& p);
// What household seller h pays for bridging finance to clear `owed` before a transfer: none
// where resales change hands with the loan in place (带押过户, 003 §5(2)); otherwise
// behaviour.bridging_cost_share of the part its savings do not cover.
double bridging_fee(const World& w, int32_t h, double owed);

// Outstanding balance of every loan secured on d.
double loans_on(const World& w, int32_t d);

// Puts d up for resale at `ask`, recording the month. Closed-loop affordable homes are
// never listed: the SOE buys them back instead.
void list_for_resale(World& w, int32_t d, double ask);

// What the owner of d would lose selling at `value`, against what it paid (0 for a gain).
double prospective_loss(const World& w, int32_t d, double value);
// A household seller's first ask: value with the market's markup, plus a share of the
// prospective loss (loss aversion: Genesove & Mayer 2001, QJE 116(4), asks 25-35% of the
// loss higher).
double opening_ask(const World& w, int32_t d);

// Market value the appraiser gives a household's home (for trade-ins and buybacks).
double appraisal(const World& w, int32_t d);

}  // namespace housim
