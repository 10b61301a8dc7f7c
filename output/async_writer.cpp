#include "output/async_writer.hpp"

namespace housim {

AsyncWriter::AsyncWriter(RunStream& stream, size_t max_queued)
    : stream_(stream), max_queued_(std::max<size_t>(1, max_queued)), thread_([this] { loop(); }) {}

AsyncWriter::~AsyncWriter() {
    {
        const std::lock_guard lock(mutex_);
        closing_ = true;
        queue_.clear();
    }
    cv_.notify_all();
    cv_space_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void AsyncWriter::write(size_t run, uint32_t replicate, std::vector<double> values,
                        std::vector<double> zone_values) {
    {
        std::unique_lock lock(mutex_);
        cv_space_.wait(lock, [this] { return closing_ || queue_.size() < max_queued_; });
        if (closing_) return;
        queue_.push_back(Item{run, replicate, std::move(values), std::move(zone_values)});
    }
    cv_.notify_all();
}

void AsyncWriter::finish() {
    {
        const std::lock_guard lock(mutex_);
        closing_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(error_);
}

void AsyncWriter::loop() {
    for (;;) {
        Item item;
        {
            std::unique_lock lock(mutex_);
            cv_.wait(lock, [this] { return closing_ || !queue_.empty(); });
            if (queue_.empty()) return;
            item = std::move(queue_.front());
            queue_.pop_front();
        }
        cv_space_.notify_all();
        if (error_) continue;  // drain after a failure; finish() reports it
        try {
            stream_.write(item.run, item.replicate, item.values, item.zone_values);
        } catch (...) {
            error_ = std::current_exception();
        }
    }
}

}  // namespace housim
