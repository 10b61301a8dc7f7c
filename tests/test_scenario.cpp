// Scenario loading and validation: every error names file, line and key; overrides and the
// timeline go through the same checks; the resolved text reads back to the same scenario.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "sim/core/errors.hpp"
#include "sim/scenario/scenario_load.hpp"
#include "sim/scenario/schema.hpp"

namespace housim {
namespace {

// The first diagnostic of a failing load.
Diagnostic first_error(std::string_view text, const std::vector<Override>& o = {}) {
    try {
        load_scenario_text(text, "test.toml", o);
    } catch (const InputError& e) {
        EXPECT_FALSE(e.diagnostics().empty());
        return e.diagnostics().front();
    }
    ADD_FAILURE() << "expected an InputError";
    return {};
}

TEST(Scenario, BuiltInDefaultLoads) {
    const Scenario s = load_scenario("");
    EXPECT_EQ(s.run.name, "default-city");
    EXPECT_EQ(s.run.start.str(), "2025-01");
    EXPECT_EQ(static_cast<int>(s.lever_path.size()), s.run.months);
    // The May 2025 LPR cut of the default timeline is in force from 2025-05 on.
    EXPECT_DOUBLE_EQ(s.lever_path[3].exogenous.lpr_5y_annual, 0.036);
    EXPECT_DOUBLE_EQ(s.lever_path[4].exogenous.lpr_5y_annual, 0.035);
}

TEST(Scenario, UnknownKeyNamesFileLineAndKey) {
    const Diagnostic d = first_error("[run]\nmonths = 12\n\n[policy.land]\nannual_plan_m3 = 5\n");
    EXPECT_EQ(d.file, "test.toml");
    EXPECT_EQ(d.line, 5);
    EXPECT_EQ(d.key, "policy.land.annual_plan_m3");
    EXPECT_NE(d.message.find("unknown key"), std::string::npos);
}

TEST(Scenario, WrongTypeAndRangeAreErrors) {
    Diagnostic d = first_error("[run]\nmonths = \"twelve\"\n");
    EXPECT_EQ(d.key, "run.months");
    EXPECT_EQ(d.line, 2);
    EXPECT_NE(d.message.find("expected an integer"), std::string::npos);
    d = first_error("[policy.credit.commercial.min_down_payment]\nfirst = 1.5\n");
    EXPECT_EQ(d.key, "policy.credit.commercial.min_down_payment.first");
    EXPECT_NE(d.message.find("out of range"), std::string::npos);
    d = first_error("[run]\nstart = \"2025-13\"\n");
    EXPECT_EQ(d.key, "run.start");
}

TEST(Scenario, AllErrorsAreReportedAtOnce) {
    try {
        load_scenario_text("[run]\nmonths = 0\nhouseholds = 1\nbogus = 1\n", "t.toml");
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        EXPECT_EQ(e.diagnostics().size(), 3u);
    }
}

TEST(Scenario, SyntaxErrorHasALine) {
    const Diagnostic d = first_error("[run]\nmonths = = 3\n");
    EXPECT_EQ(d.line, 2);
    EXPECT_NE(d.message.find("TOML syntax"), std::string::npos);
}

TEST(Scenario, OverridesAreValidatedLikeTheFile) {
    const Scenario s = load_scenario_text("", "t.toml", {{"run.months", "7"}, {"run.name", "x y"}});
    EXPECT_EQ(s.run.months, 7);
    EXPECT_EQ(s.run.name, "x y");
    Diagnostic d = first_error("", {{"run.months", "seven"}});
    EXPECT_EQ(d.file, "--set");
    EXPECT_EQ(d.key, "run.months");
    d = first_error("", {{"policy.nope", "1"}});
    EXPECT_EQ(d.file, "--set");
    EXPECT_EQ(d.key, "policy.nope");
    EXPECT_THROW(parse_override("no-equals-sign"), InputError);
}

TEST(Scenario, TimelineAcceptsLeversOnly) {
    const std::string head = "[run]\nstart = \"2025-01\"\nmonths = 12\n";
    Diagnostic d =
        first_error(head + "[[timeline]]\nat = \"2025-03\"\nset = { \"run.months\" = 3 }\n");
    EXPECT_EQ(d.key, "timeline.set.run.months");
    d = first_error(head +
                    "[[timeline]]\nat = \"2025-03\"\n"
                    "set = { \"policy.credit.commercial.min_down_payment.first\" = 2.0 }\n");
    EXPECT_EQ(d.key, "policy.credit.commercial.min_down_payment.first");
    EXPECT_EQ(d.line, 6);
    d = first_error(head +
                    "[[timeline]]\nat = \"2025\"\nset = { \"exogenous.lpr_5y_annual\" = 0.03 }\n");
    EXPECT_EQ(d.key, "timeline.at");
}

TEST(Scenario, EventsBeforeTheStartAreAlreadyInForce) {
    const Scenario s = load_scenario_text(
        "[run]\nstart = \"2025-01\"\nmonths = 3\n[[timeline]]\nat = \"2024-06\"\n"
        "set = { \"exogenous.lpr_5y_annual\" = 0.03 }\n",
        "t.toml");
    EXPECT_DOUBLE_EQ(s.levers.exogenous.lpr_5y_annual, 0.03);  // start and burn-in values
    EXPECT_DOUBLE_EQ(s.lever_path[0].exogenous.lpr_5y_annual, 0.03);
    EXPECT_EQ(resolved_toml(load_scenario_text(resolved_toml(s), "again")), resolved_toml(s));
}

TEST(Scenario, TimelineChangesLeversFromItsMonth) {
    const Scenario s = load_scenario_text(
        "[run]\nstart = \"2025-01\"\nmonths = 6\nburn_in_months = 2\n"
        "[[timeline]]\nat = \"2025-03\"\nnote = \"seed 000 §12\"\n"
        "set = { \"policy.credit.provident.min_down_payment.second\" = 0.2 }\n",
        "t.toml");
    EXPECT_DOUBLE_EQ(levers_at(s, 0).policy.provident.min_down_payment_second, 0.20);
    EXPECT_DOUBLE_EQ(s.lever_path[1].policy.provident.min_down_payment_second,
                     ProvidentCredit{}.min_down_payment_second);
    EXPECT_DOUBLE_EQ(s.lever_path[2].policy.provident.min_down_payment_second, 0.2);
    EXPECT_DOUBLE_EQ(levers_at(s, 2 + 5).policy.provident.min_down_payment_second, 0.2);
}

TEST(Scenario, CrossKeyChecks) {
    Diagnostic d = first_error("[city.zones]\nshare = [0.5, 0.5]\nprice_factor = [1.0]\n");
    EXPECT_EQ(d.key, "city.zones.price_factor");
    d = first_error("[policy.land.destock_rule]\ncap_above_months = 40\n");
    EXPECT_EQ(d.key, "policy.land.destock_rule.cap_above_months");
}

TEST(Scenario, ResolvedTextReadsBackIdentically) {
    const Scenario s = load_scenario(
        "", {{"policy.land.annual_plan_m2", "1234567.5"}, {"behaviour.buffer_months", "0.1"}});
    const std::string text = resolved_toml(s);
    const Scenario again = load_scenario_text(text, "resolved");
    EXPECT_EQ(resolved_toml(again), text);
    EXPECT_DOUBLE_EQ(again.levers.policy.land.annual_plan_m2, 1234567.5);
    EXPECT_EQ(again.timeline.size(), s.timeline.size());
}

// Every key has a unit, a source and a meaning (the lever dictionary is complete).
class MetaCheck final : public FieldVisitor {
  public:
    int fields = 0;
    void real(const FieldMeta& m, double&) override { check(m); }
    void integer(const FieldMeta& m, int&) override { check(m); }
    void seed(const FieldMeta& m, uint64_t&) override { check(m); }
    void boolean(const FieldMeta& m, bool&) override { check(m); }
    void text(const FieldMeta& m, std::string&) override { check(m); }
    void month(const FieldMeta& m, YearMonth&) override { check(m); }
    void real_list(const FieldMeta& m, std::vector<double>&) override { check(m); }
    void text_list(const FieldMeta& m, std::vector<std::string>&) override { check(m); }
    void choice(const FieldMeta& m, uint8_t& v) override {
        check(m);
        EXPECT_LT(v, m.choices.size()) << m.key;
    }

  private:
    void check(const FieldMeta& m) {
        ++fields;
        EXPECT_FALSE(m.unit.empty()) << m.key;
        EXPECT_FALSE(m.source.empty()) << m.key;
        EXPECT_FALSE(m.doc.empty()) << m.key;
        EXPECT_LE(m.min, m.max) << m.key;
    }
};

TEST(Scenario, EveryKeyIsDocumentedInTheSchema) {
    Scenario s;
    MetaCheck check;
    describe(s, check);
    EXPECT_GT(check.fields, 100);
}

// scenarios/README.md documents every key (it is generated from the same table).
TEST(Scenario, ReadmeDocumentsEveryKey) {
    std::ifstream in(std::string(HOUSIM_SOURCE_DIR) + "/scenarios/README.md");
    ASSERT_TRUE(in) << "scenarios/README.md missing";
    const std::string readme((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
    for (const std::string& key : all_keys()) {
        EXPECT_NE(readme.find("`" + key + "`"), std::string::npos)
            << key << " not in scenarios/README.md";
    }
}

// The default values in the struct satisfy the schema's ranges (a default that fails its
// own validation would make every scenario invalid).
TEST(Scenario, DefaultsAreValid) {
    EXPECT_NO_THROW(load_scenario_text("", "empty.toml"));
}

}  // namespace
}  // namespace housim
