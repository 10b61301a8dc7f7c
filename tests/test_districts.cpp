// Districts (MODEL.md "Districts", seed 003 §1(1)): each zone's stocks and flows, its own
// digestion cycle and price indices, the land rule read per district, and the
// series_by_zone output.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "output/compare.hpp"
#include "output/h5_reader.hpp"
#include "output/report.hpp"
#include "sim/core/errors.hpp"
#include "sim/metrics.hpp"
#include "sim/month/accounting.hpp"
#include "sim/month/construction.hpp"
#include "sim/month/prices.hpp"
#include "sim/run/runner.hpp"
#include "sim/scenario/scenario_load.hpp"
#include "sim/world.hpp"
#include "tests/metric_helpers.hpp"

namespace housim {
namespace {

using test::metric_column;

constexpr int kMonths = 24;

Scenario small_city(std::vector<Override> extra = {}) {
    std::vector<Override> o{{"run.households", "6000"}, {"run.months", std::to_string(kMonths)}};
    o.insert(o.end(), extra.begin(), extra.end());
    return load_scenario("", o);
}

size_t zone_metric_index(std::string_view name) {
    const auto registry = zone_metric_registry();
    for (size_t k = 0; k < registry.size(); ++k) {
        if (registry[k].name == name) return k;
    }
    ADD_FAILURE() << "no zone metric " << name;
    return 0;
}

double zone_value(const ReplicateResult& r, size_t zones, std::string_view metric, int month,
                  size_t zone) {
    const size_t k = zone_metric_index(metric);
    return r.zone_values[(k * static_cast<size_t>(r.months) + static_cast<size_t>(month)) * zones +
                         zone];
}

double city_value(const ReplicateResult& r, std::string_view metric, int month) {
    return r.values[static_cast<size_t>(month) * metric_registry().size() + metric_column(metric)];
}

TEST(Districts, StocksAndFlowsOfTheZonesAddUpToTheCity) {
    const Scenario s = small_city();
    const size_t zones = s.city.zones.count();
    ASSERT_EQ(zones, 4u);
    const ReplicateResult r = run_replicate(s, 0, true);
    ASSERT_EQ(r.zone_values.size(), zone_metric_registry().size() * kMonths * zones);
    int summed = 0;
    for (const ZoneMetricInfo& m : zone_metric_registry()) {
        if (!m.sums_to_city) continue;
        ++summed;
        double city_total = 0;
        for (int t = 0; t < kMonths; ++t) {
            double total = 0;
            for (size_t z = 0; z < zones; ++z)
                total += zone_value(r, zones, m.name, t, z);
            const double city = city_value(r, m.name, t);
            city_total += city;
            // Sums of the same terms in another grouping: equal to rounding.
            EXPECT_NEAR(total, city, 1e-9 * std::abs(city) + 1e-6) << m.name << " month " << t;
        }
        if (m.name != "land_offered_m2" && m.name != "land_sold_m2" &&
            m.name != "unsold_completed_m2") {
            EXPECT_GT(city_total, 0) << m.name << ": a test of zeros checks nothing";
        }
    }
    EXPECT_GE(summed, 7);
}

// Each zone's narrow cycle is its own permitted stock over its own trailing 12 months of
// sales, recomputed here from the reported series (months 12 on: the window is reported).
TEST(Districts, EachZoneCycleIsItsStockOverItsOwnTrailingSales) {
    const Scenario s = small_city();
    const size_t zones = s.city.zones.count();
    const ReplicateResult r = run_replicate(s, 1, false);
    int finite = 0;
    for (size_t z = 0; z < zones; ++z) {
        for (int t = 11; t < kMonths; ++t) {
            double sales = 0;
            for (int k = t - 11; k <= t; ++k)
                sales += zone_value(r, zones, "new_sales_m2", k, z);
            const double stock = zone_value(r, zones, "unsold_permitted_m2", t, z);
            const double cycle = zone_value(r, zones, "digestion_cycle_narrow_months", t, z);
            if (sales <= 0) {
                EXPECT_TRUE(std::isinf(cycle) || (stock == 0 && cycle == 0));
                continue;
            }
            ++finite;
            EXPECT_NEAR(cycle, stock / (sales / 12.0), 1e-9 * cycle) << "zone " << z << " " << t;
        }
    }
    EXPECT_GT(finite, 0);
}

// With one zone the district is the city: the same indices and cycle, bit for bit.
TEST(Districts, AOneZoneCityIsItsOwnDistrict) {
    const Scenario s = small_city({{"city.zones.names", "[\"all\"]"},
                                   {"city.zones.share", "[1.0]"},
                                   {"city.zones.price_factor", "[1.0]"}});
    ASSERT_EQ(s.city.zones.unsold_share, std::vector<double>{1.0});
    const ReplicateResult r = run_replicate(s, 0, true);
    for (int t = 0; t < kMonths; ++t) {
        for (const char* m : {"price_index_new", "price_index_resale",
                              "digestion_cycle_narrow_months", "land_rule_state"}) {
            EXPECT_EQ(zone_value(r, 1, m, t, 0), city_value(r, m, t)) << m << " month " << t;
        }
    }
}

// Seed 003 §1(1): the district whose stock is long is halted while the one without stock
// gets land; read over the city, the long cycle halts both. Zone A starts with all the
// unsold stock and land bank (unsold_share), zone B with none. The bands are set so that
// the city's cycle (about 20 months) halts: halt above 12, expand strongly at or below 1.
TEST(Districts, TheLandRuleReadsEachDistrictWhenScopedToZones) {
    const std::vector<Override> city{
        {"run.burn_in_months", "0"},
        {"city.zones.names", "[\"A\", \"B\"]"},
        {"city.zones.share", "[0.5, 0.5]"},
        {"city.zones.price_factor", "[1.0, 1.0]"},
        {"city.zones.unsold_share", "[1.0, 0.0]"},
        {"policy.land.destock_rule.halt_above_months", "12"},
        {"policy.land.destock_rule.cap_above_months", "6"},
        {"policy.land.destock_rule.expand_below_months", "3"},
        {"policy.land.destock_rule.expand_strongly_below_months", "1"}};
    auto offered = [](const ReplicateResult& r, size_t zone, int months) {
        double a = 0;
        for (int t = 1; t < months; ++t)  // month 0: nothing published, the plan holds
            a += zone_value(r, 2, "land_offered_m2", t, zone);
        return a;
    };
    std::vector<Override> by_city = city;
    by_city.push_back({"policy.land.destock_rule.scope", "\"city\""});
    std::vector<Override> by_zone = city;
    by_zone.push_back({"policy.land.destock_rule.scope", "\"zone\""});
    const Scenario sc = small_city(by_city);
    const Scenario sz = small_city(by_zone);
    const ReplicateResult rc = run_replicate(sc, 0, true);
    const ReplicateResult rz = run_replicate(sz, 0, true);
    // From the first published cycle (a month's lag) through the half-year in which no
    // parcel sold in B can yet be started (min_start_lag_months 6).
    const int months = 6;
    for (int t = 1; t < months; ++t) {
        ASSERT_GT(city_value(rc, "digestion_cycle_narrow_months", t), 12.0) << t;
        EXPECT_EQ(zone_value(rc, 2, "land_rule_state", t, 0), 2.0);  // halted, city-wide
        EXPECT_EQ(zone_value(rc, 2, "land_rule_state", t, 1), 2.0);
        EXPECT_EQ(zone_value(rz, 2, "land_rule_state", t, 0), 2.0);  // A halted
        EXPECT_EQ(zone_value(rz, 2, "land_rule_state", t, 1), 3.0);  // B expanded
    }
    EXPECT_EQ(offered(rc, 0, months) + offered(rc, 1, months), 0.0);
    EXPECT_EQ(offered(rz, 0, months), 0.0);
    EXPECT_GT(offered(rz, 1, months), 0.0);
}

TEST(Districts, ZoneListsNeedOneValuePerZone) {
    auto first_key = [](const std::vector<Override>& o) -> std::string {
        try {
            load_scenario("", o);
        } catch (const InputError& e) {
            return e.diagnostics().front().key;
        }
        return "";
    };
    EXPECT_EQ(first_key({{"city.zones.names", "[\"a\", \"b\"]"}}), "city.zones.names");
    EXPECT_EQ(first_key({{"city.zones.land_share", "[0.5, 0.5, 0.5, 0.5]"}}),
              "city.zones.land_share");
    EXPECT_EQ(first_key({{"city.zones.unsold_share", "[1.0]"}}), "city.zones.unsold_share");
    EXPECT_EQ(first_key({{"city.zones.names", "[\"a\", \"a\", \"b\", \"c\"]"}}),
              "city.zones.names");
    EXPECT_EQ(first_key({{"policy.land.destock_rule.scope", "\"ward\""}}),
              "policy.land.destock_rule.scope");
    // The built-in city names its four districts: two zones need two names too.
    const std::vector<Override> two{{"city.zones.share", "[0.6, 0.4]"},
                                    {"city.zones.price_factor", "[1.2, 0.8]"}};
    EXPECT_EQ(first_key(two), "city.zones.names");
    std::vector<Override> named = two;
    named.push_back({"city.zones.names", "[\"east\", \"west\"]"});
    const Scenario s = load_scenario("", named);
    EXPECT_EQ(s.city.zones.unsold_share, (std::vector<double>{0.6, 0.4}));
    EXPECT_EQ(s.city.zones.land_share, (std::vector<double>{0.6, 0.4}));
    // Left out of a file, the names are numbered.
    const Scenario t = load_scenario_text(
        "[city.zones]\nshare = [0.6, 0.4]\nprice_factor = [1.2, 0.8]\n", "t.toml", {});
    EXPECT_EQ(t.city.zones.names, (std::vector<std::string>{"zone1", "zone2"}));
}

// The output file: /runs/<run>/series_by_zone/<metric> [replicates x months x zones] with
// the districts' names, read back per zone, adding up to the city's series.
TEST(Districts, TheOutputFileHoldsEachDistrictsSeries) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("housim_zones_" + std::to_string(getpid()));
    fs::create_directories(dir);
    const std::string out = (dir / "z.h5").string();
    const std::string cmd = std::string(HOUSIM_BINARY) +
                            " run --quiet --households 6000 --months 12 -r 3 -j 2 -o " + out;
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    const H5Reader reader(out);
    const std::string run = reader.runs().at(0);
    const std::vector<std::string> names = reader.zone_names(run);
    EXPECT_EQ(names, (std::vector<std::string>{"centre", "inner", "outer", "fringe"}));
    const SeriesData city = reader.series(run, "new_sales_units");
    std::vector<double> total(city.values.size(), 0.0);
    for (size_t z = 0; z < names.size(); ++z) {
        const SeriesData d = reader.zone_series(run, "new_sales_units", z);
        ASSERT_EQ(d.rows, 3);
        ASSERT_EQ(d.cols, 12);
        EXPECT_EQ(d.unit, city.unit);
        for (size_t i = 0; i < d.values.size(); ++i)
            total[i] += d.values[i];
    }
    for (size_t i = 0; i < total.size(); ++i)
        EXPECT_NEAR(total[i], city.values[i], 1e-9 * city.values[i] + 1e-6) << i;
    EXPECT_THROW(reader.zone_series(run, "new_sales_units", 4), std::runtime_error);
    fs::remove_all(dir);
}

// behaviour.local_market_weight: launches price off the district's resale index and
// developers read the district's published cycle, blended with the city's by the weight.
TEST(Districts, DevelopersPriceByTheirDistrictAsFarAsTheLocalWeightSays) {
    for (const double weight : {0.0, 0.5, 1.0}) {
        const Scenario s = small_city({{"behaviour.local_market_weight", std::to_string(weight)}});
        World w(s, 0);
        w.market.resale_index = 100;
        w.zones[0].resale_index = 120;
        w.zones[1].resale_index = 80;
        const auto& pf = s.city.zones.price_factor;
        const double blended0 = (1 - weight) * 100 + weight * 120;
        const double blended1 = (1 - weight) * 100 + weight * 80;
        EXPECT_NEAR(launch_price_per_m2(w, 0, 0) / launch_price_per_m2(w, 1, 0),
                    blended0 / blended1 * pf[0] / pf[1], 1e-12)
            << weight;
        // Published a month ago: the city's cycle at the target (no pressure), zone 0's at a
        // tenth of it (the largest upward pressure, +1), zone 1's ten times (-1).
        w.t = 1;
        const double target = s.behaviour.target_selloff_months;
        w.history.cycle_narrow = {target, target};
        w.zones[0].cycle_narrow = {target / 10, target / 10};
        w.zones[1].cycle_narrow = {target * 10, target * 10};
        EXPECT_NEAR(market_pressure(w), 0.0, 1e-12);
        EXPECT_NEAR(market_pressure(w, 0), weight, 1e-12);
        EXPECT_NEAR(market_pressure(w, 1), -weight, 1e-12);
    }
}

// compare and report select a district: the paired difference of zone B's land offered,
// recomputed here from the zone's columns, and a refusal of an unknown name.
TEST(Districts, CompareAndReportSelectADistrict) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("housim_zcmp_" + std::to_string(getpid()));
    fs::create_directories(dir);
    const std::string sweep = (dir / "s.toml").string();
    {
        std::ofstream f(sweep);
        f << "name = \"scope\"\nreplicates = 4\n"
             "set = { \"run.households\" = 6000, \"run.months\" = 12, \"run.burn_in_months\" = 0, "
             "\"city.zones.names\" = [\"A\", \"B\"], \"city.zones.share\" = [0.5, 0.5], "
             "\"city.zones.price_factor\" = [1.0, 1.0], \"city.zones.unsold_share\" = [1.0, 0.0], "
             "\"policy.land.destock_rule.halt_above_months\" = 12, "
             "\"policy.land.destock_rule.cap_above_months\" = 6, "
             "\"policy.land.destock_rule.expand_below_months\" = 3, "
             "\"policy.land.destock_rule.expand_strongly_below_months\" = 1 }\n"
             "[[cell]]\nname = \"city\"\nset = { \"policy.land.destock_rule.scope\" = \"city\" }\n"
             "[[cell]]\nname = \"zone\"\nset = { \"policy.land.destock_rule.scope\" = \"zone\" }\n";
    }
    const std::string out = (dir / "s.h5").string();
    const std::string cmd =
        std::string(HOUSIM_BINARY) + " sweep " + sweep + " --quiet -j 2 -o " + out;
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    const H5Reader reader(out);
    CompareSpec spec;
    spec.baseline = "city";
    spec.metrics = {"land_offered_m2"};
    spec.window = "2025-02:2025-06";
    spec.zone = "B";
    const Comparison c = compare_runs(reader, out, spec);
    ASSERT_EQ(c.rows.size(), 1u);
    EXPECT_EQ(c.zone, "B");
    const SeriesData base = reader.zone_series("city", "land_offered_m2", 1);
    const SeriesData other = reader.zone_series("zone", "land_offered_m2", 1);
    double diff = 0;
    for (int r = 0; r < base.rows; ++r) {
        for (int t = 1; t <= 5; ++t)
            diff += (other.at(r, t) - base.at(r, t)) / 5.0;
    }
    diff /= base.rows;
    EXPECT_NEAR(c.rows[0].stats.mean, diff, 1e-9 * std::abs(diff) + 1e-9);
    EXPECT_GT(c.rows[0].stats.mean, 0.0);  // B gets land only under its own rule
    spec.zone = "C";
    try {
        compare_runs(reader, out, spec);
        ADD_FAILURE() << "an unknown district was accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(e.diagnostics().front().file, "--zone");
    }
    spec.zone = "B";
    spec.metrics = {"homeownership_rate"};  // no district form
    EXPECT_THROW(compare_runs(reader, out, spec), InputError);
    const std::string html = render_report(reader, out, ReportSpec{"city", "", "B"});
    EXPECT_NE(html.find("land_sold_m2: medians (B)"), std::string::npos);
    EXPECT_THROW(render_report(reader, out, ReportSpec{"city", "", "C"}), InputError);
    fs::remove_all(dir);
}

}  // namespace
}  // namespace housim
