// The one writer thread of a run: workers hand finished replicates to a queue; this thread
// alone touches the HDF5 file. Bounded memory: a replicate is written as soon as it arrives.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "output/h5_writer.hpp"

namespace housim {

class AsyncWriter {
  public:
    explicit AsyncWriter(H5Writer& writer);
    ~AsyncWriter();  // stops the thread (dropping queued work) if finish() was not called
    AsyncWriter(const AsyncWriter&) = delete;
    AsyncWriter& operator=(const AsyncWriter&) = delete;

    // Queues a row; thread-safe.
    void write(std::string run, uint32_t replicate, std::vector<double> values);
    // Waits until every queued row is written; rethrows the writer thread's first error.
    void finish();

  private:
    struct Item {
        std::string run;
        uint32_t replicate;
        std::vector<double> values;
    };
    void loop();

    H5Writer& writer_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::deque<Item> queue_;
    bool closing_ = false;
    std::exception_ptr error_;
    std::thread thread_;
};

}  // namespace housim
