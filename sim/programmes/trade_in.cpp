#include "sim/programmes/trade_in.hpp"

#include "sim/programmes/affordable.hpp"

namespace housim {

namespace {

// Holds the next unit on offer for h, against a refundable deposit (认购金) paid to the
// developer; the purchase completes when the old home sells (sim/programmes.cpp).
PurchaseResult reserve(World& w, int32_t h, int32_t project) {
    Project& p = w.projects[static_cast<size_t>(project)];
    if (p.available() <= 0 || w.hp.has_reservation(h)) return {};
    const double deposit =
        w.levers().policy.trade_in.deposit_share * p.list_price_per_m2 * p.unit_area_m2;
    if (w.hh.savings[h] < deposit) return {};
    w.hh.savings[h] -= deposit;
    w.developers[static_cast<size_t>(p.developer)].cash_yuan += deposit;
    p.units_reserved += 1;
    w.hp.reserve(h, project, static_cast<int16_t>(w.t), deposit);
    return PurchaseResult{true, 0};
}

// Whether h could buy `price` once its old home is sold for `value`.
bool affordable_after(const World& w, int32_t h, int32_t old_home, double value, double price,
                      double area_m2) {
    return budget_after_sale(w, h, old_home, area_m2, w.market.expected_growth_annual, value) >=
           price;
}

// Whether project `id`'s developer takes part in the trade-in programme: a fixed draw per
// project (a hash of its id), so participation does not change from month to month.
bool participates(const World& w, int32_t id) {
    const uint32_t hash = static_cast<uint32_t>(id) * 2654435761u;
    return hash * 0x1p-32 < w.levers().policy.trade_in.developer_participation;
}

PurchaseResult take_old_home_and_buy(World& w, const BuyerOrder& o, const Listing& l) {
    // A project whose developer does not take part: where the SOE also buys old homes
    // (001 §5, 003 §5(2)), the buyer turns to it; otherwise this project is not for it.
    TradeInChannel channel = o.channel;
    if (channel == TradeInChannel::developer && !participates(w, l.id)) {
        if (!w.levers().policy.trade_in.soe_buys_old_home) return {};
        channel = TradeInChannel::soe;
    }
    const int32_t old = o.old_home;
    if (old < 0 || w.dw.owner_kind[old] != static_cast<uint8_t>(OwnerKind::household) ||
        w.dw.owner[old] != o.h) {
        return {};
    }
    const double value = old_home_price(w, old, channel);
    if (!affordable_after(w, o.h, old, value, l.price, l.area_m2)) return {};
    if (channel == TradeInChannel::soe && !soe_can_fund(w, value)) return {};
    const Project& p = w.projects[static_cast<size_t>(l.id)];
    if (channel == TradeInChannel::developer) {
        institution_buys(w, old, OwnerKind::developer, p.developer, value);
        // The developer resells it as an existing home.
        list_for_resale(w, old, opening_ask(w, old));
    } else {
        soe_take_old_home(w, old, value);
    }
    return buy_new_home(w, o.h, l.id, BuyerKind::trade_in);
}

}  // namespace

double old_home_price(const World& w, int32_t old_home, TradeInChannel channel) {
    const TradeIn& t = w.levers().policy.trade_in;
    const double discount = channel == TradeInChannel::developer ? t.developer_appraisal_discount
                                                                 : t.soe_appraisal_discount;
    return appraisal(w, old_home) * (1.0 - discount);
}

PurchaseResult execute_order(World& w, const BuyerOrder& o, const Listing& l) {
    const bool new_home = l.kind == static_cast<uint8_t>(ListingKind::new_home);
    if (o.new_only && !new_home) return {};
    switch (o.channel) {
        case TradeInChannel::reservation:
            return reserve(w, o.h, l.id);
        case TradeInChannel::developer:
        case TradeInChannel::soe:
            return take_old_home_and_buy(w, o, l);
        case TradeInChannel::bridging:
            // The old home must still be its own, and for sale.
            if (o.old_home < 0 || w.dw.owner[o.old_home] != o.h ||
                w.dw.owner_kind[o.old_home] != static_cast<uint8_t>(OwnerKind::household)) {
                return {};
            }
            return buy_new_home(w, o.h, l.id, BuyerKind::trade_in, false, o.old_home);
        case TradeInChannel::none:
            break;
    }
    return new_home ? buy_new_home(w, o.h, l.id, o.kind) : buy_resale_home(w, o.h, l.id, o.kind);
}

}  // namespace housim
