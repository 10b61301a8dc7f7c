#include "sim/run/sweep_runner.hpp"

#include <fmt/format.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <memory>
#include <mutex>

#include "sim/core/errors.hpp"
#include "sim/core/tsan.hpp"

namespace housim {

namespace {

// Each cell's scenario lives while some replicate of the cell runs: a sweep of thousands of
// cells holds only the few in progress. A weak pointer frees it when the last user is done;
// a straggler replicate arriving later simply rebuilds it (building is pure).
class CellScenarios {
  public:
    explicit CellScenarios(const Sweep& s) : sweep_(s), slots_(s.cells.size()) {}
    std::shared_ptr<const Scenario> acquire(size_t cell) {
        const std::lock_guard lock(mutex_);
        std::shared_ptr<const Scenario> sp = slots_[cell].lock();
        if (!sp) {
            sp = std::make_shared<const Scenario>(cell_scenario(sweep_, cell));
            slots_[cell] = sp;
        }
        return sp;
    }

  private:
    const Sweep& sweep_;
    std::mutex mutex_;
    std::vector<std::weak_ptr<const Scenario>> slots_;
};

struct Task {
    size_t cell;
    uint32_t replicate;
};

// Tasks in cell-major order, so cells finish (and their output runs close) roughly in turn.
std::vector<Task> tasks_of(const Sweep& s) {
    std::vector<Task> tasks;
    for (size_t c = 0; c < s.cells.size(); ++c) {
        for (uint32_t k = 0; k < s.cells[c].replicates; ++k)
            tasks.push_back(Task{c, k});
    }
    return tasks;
}

}  // namespace

std::vector<SweepFailure> run_sweep(const Sweep& sweep, const SweepPlan& plan, SweepSink& sink,
                                    SweepProgress* progress, const std::atomic<bool>* stop,
                                    const std::vector<uint8_t>* done) {
    std::vector<Task> tasks = tasks_of(sweep);
    std::vector<std::atomic<uint32_t>> remaining(sweep.cells.size());
    for (size_t c = 0; c < sweep.cells.size(); ++c)
        remaining[c].store(sweep.cells[c].replicates);
    if (done != nullptr) {
        std::vector<Task> left;
        for (size_t i = 0; i < tasks.size(); ++i) {
            if (i < done->size() && (*done)[i]) {
                if (remaining[tasks[i].cell].fetch_sub(1) == 1 && progress)
                    progress->cells_done.fetch_add(1);
            } else {
                left.push_back(tasks[i]);
            }
        }
        tasks = std::move(left);
    }
    CellScenarios scenarios(sweep);
    std::vector<SweepFailure> failures;
    std::mutex failures_mutex;

    auto run_task = [&](const Task& t) {
        const std::shared_ptr<const Scenario> s = scenarios.acquire(t.cell);
        try {
            Progress* p = progress ? &progress->replicates : nullptr;
            sink.accept(t.cell, run_replicate(*s, t.replicate, plan.check, p, stop));
        } catch (const Interrupted&) {
            throw;
        } catch (const std::exception& e) {
            const std::string& name = sweep.cells[t.cell].name;
            if (!plan.keep_going) {
                throw std::runtime_error(fmt::format("{} replicate {} (seed {}) failed: {}", name,
                                                     t.replicate, s->run.seed, e.what()));
            }
            const std::lock_guard lock(failures_mutex);
            failures.push_back(SweepFailure{t.cell, {t.replicate, s->run.seed, e.what()}});
        }
        if (remaining[t.cell].fetch_sub(1) == 1 && progress) progress->cells_done.fetch_add(1);
    };

    const int threads = plan.threads > 0 ? plan.threads : tbb::this_task_arena::max_concurrency();
    tbb::task_arena arena(threads);
    ForkJoin sync;  // for ThreadSanitizer only (sim/core/tsan.hpp)
    sync.fork();
    arena.execute([&] {
        // One task per replicate (grain 1): tasks are long, so balance matters more than
        // scheduling overhead.
        tbb::parallel_for(
            tbb::blocked_range<size_t>(0, tasks.size(), 1),
            [&](const tbb::blocked_range<size_t>& range) {
                const ForkJoin::Task task(sync);
                for (size_t i = range.begin(); i != range.end(); ++i)
                    run_task(tasks[i]);
            },
            tbb::simple_partitioner());
    });
    sync.join();
    std::sort(failures.begin(), failures.end(), [](const SweepFailure& a, const SweepFailure& b) {
        return a.cell != b.cell ? a.cell < b.cell : a.failure.replicate < b.failure.replicate;
    });
    return failures;
}

namespace {

SweepExecutor& executor() {
    static SweepExecutor e;
    return e;
}

ShareFromFirst& sharer() {
    static ShareFromFirst s;
    return s;
}

}  // namespace

void set_sweep_executor(SweepExecutor e, ShareFromFirst share) {
    executor() = std::move(e);
    sharer() = std::move(share);
}

std::vector<SweepFailure> run_sweep_anywhere(const Sweep& sweep, const SweepPlan& plan,
                                             SweepSink& sink, SweepProgress* progress,
                                             const std::atomic<bool>* stop) {
    if (executor()) return executor()(sweep, plan, sink, progress, stop);
    return run_sweep(sweep, plan, sink, progress, stop);
}

void share_from_first(std::vector<double>& numbers, std::string& text) {
    if (sharer()) sharer()(numbers, text);
}

}  // namespace housim
