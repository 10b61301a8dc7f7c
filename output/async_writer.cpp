#include "output/async_writer.hpp"

namespace housim {

AsyncWriter::AsyncWriter(H5Writer& writer) : writer_(writer), thread_([this] { loop(); }) {}

AsyncWriter::~AsyncWriter() {
    {
        const std::lock_guard lock(mutex_);
        closing_ = true;
        queue_.clear();
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void AsyncWriter::write(std::string run, uint32_t replicate, std::vector<double> values) {
    {
        const std::lock_guard lock(mutex_);
        queue_.push_back(Item{std::move(run), replicate, std::move(values)});
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
        if (error_) continue;  // drain after a failure; finish() reports it
        try {
            writer_.write_replicate(item.run, item.replicate, item.values);
        } catch (...) {
            error_ = std::current_exception();
        }
    }
}

}  // namespace housim
