#include "cli/progress.hpp"

#include <fmt/format.h>

#include <cstdio>

namespace housim {

ProgressPrinter::ProgressPrinter(const Progress& p, int64_t months_total, int64_t replicates_total,
                                 int64_t households, bool enabled)
    : progress_(p),
      months_total_(months_total),
      replicates_total_(replicates_total),
      households_(households),
      enabled_(enabled),
      start_(std::chrono::steady_clock::now()) {
    if (enabled_) thread_ = std::thread([this] { loop(); });
}

ProgressPrinter::ProgressPrinter(const Progress& p, int64_t months_total, int64_t replicates_total,
                                 const std::atomic<int64_t>& cells_done, int64_t cells_total,
                                 bool enabled)
    : progress_(p),
      months_total_(months_total),
      replicates_total_(replicates_total),
      households_(0),
      cells_done_(&cells_done),
      cells_total_(cells_total),
      enabled_(enabled),
      start_(std::chrono::steady_clock::now()) {
    if (enabled_) thread_ = std::thread([this] { loop(); });
}

ProgressPrinter::~ProgressPrinter() {
    stop();
}

void ProgressPrinter::stop() {
    {
        const std::lock_guard lock(mutex_);
        if (stopping_) return;
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
        print(true);
    }
}

void ProgressPrinter::loop() {
    std::unique_lock lock(mutex_);
    while (!cv_.wait_for(lock, std::chrono::milliseconds(500), [this] { return stopping_; })) {
        print(false);
    }
}

void ProgressPrinter::print(bool final_line) const {
    const int64_t months = progress_.months_done.load();
    const int64_t reps = progress_.replicates_done.load();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const double rate = seconds > 0 ? months / seconds : 0;
    const double eta = rate > 0 ? (months_total_ - months) / rate : 0;
    if (cells_done_) {
        fmt::print(stderr,
                   "\r{} / {} cells, {} / {} replicates, {:.3g} replicates/s, ETA {:.0f} s   {}",
                   cells_done_->load(), cells_total_, reps, replicates_total_,
                   seconds > 0 ? reps / seconds : 0.0, eta, final_line ? "\n" : "");
        std::fflush(stderr);
        return;
    }
    fmt::print(stderr,
               "\r{} / {} months, {} / {} replicates, {:.3g} household-months/s, ETA {:.0f} s   {}",
               months, months_total_, reps, replicates_total_, rate * households_, eta,
               final_line ? "\n" : "");
    std::fflush(stderr);
}

}  // namespace housim
