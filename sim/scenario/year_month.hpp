// Calendar months ("YYYY-MM") as a count of months since year 0, so that month arithmetic
// is integer arithmetic.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace housim {

struct YearMonth {
    int index = 0;  // year * 12 + (month - 1)

    static YearMonth of(int year, int month) { return YearMonth{year * 12 + (month - 1)}; }
    static std::optional<YearMonth> parse(std::string_view text);  // "YYYY-MM" only

    int year() const { return index / 12; }
    int month() const { return index % 12 + 1; }  // 1..12
    std::string str() const;

    YearMonth plus(int months) const { return YearMonth{index + months}; }
    friend int operator-(YearMonth a, YearMonth b) { return a.index - b.index; }
    friend auto operator<=>(YearMonth a, YearMonth b) = default;
};

}  // namespace housim
