// The one description of every scenario key: path, unit, range, default (the struct's
// initial value), source and meaning. Loading, --set overrides, sweep axes, the resolved
// scenario text, `housim levers` and the documentation all walk this description, so a
// key is declared once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/policy.hpp"
#include "sim/scenario/scenario.hpp"

namespace housim {

enum class FieldGroup : uint8_t { run, city, behaviour, exogenous, policy };

struct FieldMeta {
    std::string_view key;   // dotted path, e.g. "policy.land.destock_rule.halt_above_months"
    std::string_view unit;  // "fraction", "yuan", "months", "m2", "annual rate", ...
    double min = 0;         // inclusive range (for lists: of each element)
    double max = 0;
    std::string_view source;                  // seed clause or FACTS.md entry, or "assumption: why"
    std::string_view doc;                     // one sentence: what it means
    std::vector<std::string_view> choices{};  // for choice fields
    FieldGroup group() const;
    bool timeline() const {
        return group() == FieldGroup::policy || group() == FieldGroup::exogenous;
    }
};

// One overload per field type. Implementations read, write or print the field.
class FieldVisitor {
  public:
    virtual ~FieldVisitor() = default;
    virtual void real(const FieldMeta& m, double& v) = 0;
    virtual void integer(const FieldMeta& m, int& v) = 0;
    virtual void seed(const FieldMeta& m, uint64_t& v) = 0;
    virtual void boolean(const FieldMeta& m, bool& v) = 0;
    virtual void text(const FieldMeta& m, std::string& v) = 0;
    virtual void month(const FieldMeta& m, YearMonth& v) = 0;
    virtual void real_list(const FieldMeta& m, std::vector<double>& v) = 0;
    virtual void text_list(const FieldMeta& m, std::vector<std::string>& v) = 0;
    virtual void choice(const FieldMeta& m, uint8_t& v) = 0;  // index into m.choices
};

// Walks every field of the scenario in a fixed order.
void describe(Scenario& s, FieldVisitor& v);
// Walks only the timeline-settable fields (policy.*, exogenous.*).
void describe_levers(Levers& l, FieldVisitor& v);

}  // namespace housim
