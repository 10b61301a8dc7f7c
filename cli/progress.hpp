// Progress on stderr while a run goes on (only when stderr is a terminal): months and
// replicates done, rate in household-months per second, and time left; for a sweep, cells
// and replicates done, replicates per second, and time left.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "sim/run/runner.hpp"

namespace housim {

class ProgressPrinter {
  public:
    ProgressPrinter(const Progress& p, int64_t months_total, int64_t replicates_total,
                    int64_t households, bool enabled);
    // A sweep's progress: cells_done counts cells whose replicates have all finished.
    ProgressPrinter(const Progress& p, int64_t months_total, int64_t replicates_total,
                    const std::atomic<int64_t>& cells_done, int64_t cells_total, bool enabled);
    ~ProgressPrinter();
    void stop();  // prints a final line and joins

  private:
    void loop();
    void print(bool final_line) const;

    const Progress& progress_;
    int64_t months_total_;
    int64_t replicates_total_;
    int64_t households_;
    const std::atomic<int64_t>* cells_done_ = nullptr;
    int64_t cells_total_ = 0;
    bool enabled_;
    std::chrono::steady_clock::time_point start_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace housim
