// The one writer thread of a run or sweep: workers hand finished replicates to a queue; this
// thread alone touches the HDF5 file, through a RunStream. Bounded memory: a replicate is
// written as soon as it arrives, and a worker waits while the queue is full.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "output/run_stream.hpp"

namespace housim {

class AsyncWriter {
  public:
    explicit AsyncWriter(RunStream& stream, size_t max_queued = 64);
    ~AsyncWriter();  // stops the thread (dropping queued work) if finish() was not called
    AsyncWriter(const AsyncWriter&) = delete;
    AsyncWriter& operator=(const AsyncWriter&) = delete;

    // Queues a row of run `run` (the city's values and the zones', as ReplicateResult holds
    // them); thread-safe; waits while max_queued rows are queued.
    void write(size_t run, uint32_t replicate, std::vector<double> values,
               std::vector<double> zone_values = {});
    // Waits until every queued row is written; rethrows the writer thread's first error.
    void finish();

  private:
    struct Item {
        size_t run;
        uint32_t replicate;
        std::vector<double> values;
        std::vector<double> zone_values;
    };
    void loop();

    RunStream& stream_;
    size_t max_queued_;
    std::mutex mutex_;
    std::condition_variable cv_;        // the writer waits for work
    std::condition_variable cv_space_;  // workers wait for room in the queue
    std::deque<Item> queue_;
    bool closing_ = false;
    std::exception_ptr error_;
    std::thread thread_;
};

}  // namespace housim
