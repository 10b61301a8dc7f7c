// Progress on stderr while a run goes on (only when stderr is a terminal): months and
// replicates done, rate in household-months per second, and time left.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "sim/runner.hpp"

namespace housim {

class ProgressPrinter {
  public:
    ProgressPrinter(const Progress& p, int64_t months_total, int64_t replicates_total,
                    int64_t households, bool enabled);
    ~ProgressPrinter();
    void stop();  // prints a final line and joins

  private:
    void loop();
    void print(bool final_line) const;

    const Progress& progress_;
    int64_t months_total_;
    int64_t replicates_total_;
    int64_t households_;
    bool enabled_;
    std::chrono::steady_clock::time_point start_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace housim
