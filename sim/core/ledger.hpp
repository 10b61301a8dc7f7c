// Money that enters or leaves the simulated city. Everything else is a transfer between
// accounts inside it (households, developers, escrow, bank, provident fund, government),
// so the sum of those accounts changes each month by exactly the net of these flows
// (MODEL.md §10, checked by --check).
#pragma once

#include <array>
#include <cstddef>

namespace housim {

enum class Flow : std::size_t {
    income,                  // households' disposable income (in)
    provident_contribution,  // employer and employee contributions (in)
    arrivals,                // savings brought by arriving households (in)
    developer_capital,       // equity of entering developers (in)
    consumption,             // households' spending on goods and services (out)
    informal_rent,           // housing costs outside the market stock (out)
    construction_cost,       // paid to builders and suppliers (out)
    departures,              // money taken away by departing households and estates (out)
    relending,               // central-bank relending to the SOE (in), its interest (out)
    count
};

struct Ledger {
    std::array<double, static_cast<std::size_t>(Flow::count)> flows{};
    double money_at_start = 0;  // total money in the city when the month began (counted only
                                // when the identities are checked: step.cpp begin_month)

    // Inflows positive, outflows negative.
    void add(Flow f, double amount) { flows[static_cast<std::size_t>(f)] += amount; }
    double net() const {
        double s = 0;
        for (double x : flows)
            s += x;
        return s;
    }
    double gross() const {
        double s = 0;
        for (double x : flows)
            s += x < 0 ? -x : x;
        return s;
    }
    void reset(double money_now) {
        flows.fill(0);
        money_at_start = money_now;
    }
};

}  // namespace housim
