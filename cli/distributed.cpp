#include "cli/distributed.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdio>
#include <mutex>

#include "sim/core/errors.hpp"
#include "sim/core/tsan.hpp"
#include "sim/run/sweep_runner.hpp"

#ifdef HOUSIM_WITH_MPI
#include <mpi.h>

#include <chrono>
#include <stdexcept>
#include <thread>
#endif

namespace housim {

namespace {

// Runs a batch of tasks on this process, `threads` replicates at a time, handing each
// result to deliver and each failure to fail (both may be called from several threads).
template <class Deliver, class Fail>
void run_batch(const std::vector<DistTask>& batch, int threads, const DistCompute& compute,
               Deliver&& deliver, Fail&& fail) {
    tbb::task_arena arena(std::max(1, threads));
    ForkJoin sync;  // for ThreadSanitizer only (sim/core/tsan.hpp)
    sync.fork();
    arena.execute([&] {
        tbb::parallel_for(size_t{0}, batch.size(), [&](size_t i) {
            const ForkJoin::Task task(sync);
            try {
                ReplicateResult r;
                // Isolated: while this replicate waits on its own parallel phases, its thread
                // must not start another replicate (runner.cpp).
                tbb::this_task_arena::isolate([&] { r = compute(batch[i]); });
                deliver(batch[i], std::move(r));
            } catch (const Interrupted&) {
                throw;
            } catch (const std::exception& e) {
                fail(batch[i], e.what());
            }
        });
    });
    sync.join();
}

void sort_failures(std::vector<DistFailure>& f) {
    std::sort(f.begin(), f.end(), [](const DistFailure& a, const DistFailure& b) {
        return a.task.cell != b.task.cell ? a.task.cell < b.task.cell
                                          : a.task.replicate < b.task.replicate;
    });
}

#ifdef HOUSIM_WITH_MPI

// Messages (all between rank 0 and one other rank; MPI keeps their order per pair, so a
// rank's results arrive before its next request):
//   request  worker -> 0: int, how many tasks it can take
//   tasks    0 -> worker: uint64 pairs (cell, replicate)
//   stop     0 -> worker: empty, no more tasks
//   result   worker -> 0: doubles: cell, replicate, months, values, zone values, then both rows
//   failure  worker -> 0: text "cell replicate message"
enum Tag : int { kRequest = 1, kTasks = 2, kStop = 3, kResult = 4, kFailure = 5 };

void check(int rc, const char* what) {
    if (rc != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: ") + what + " failed");
}

std::vector<double> encode(const DistTask& t, const ReplicateResult& r) {
    std::vector<double> m;
    m.reserve(5 + r.values.size() + r.zone_values.size());
    m.push_back(static_cast<double>(t.cell));
    m.push_back(static_cast<double>(t.replicate));
    m.push_back(static_cast<double>(r.months));
    m.push_back(static_cast<double>(r.values.size()));
    m.push_back(static_cast<double>(r.zone_values.size()));
    m.insert(m.end(), r.values.begin(), r.values.end());
    m.insert(m.end(), r.zone_values.begin(), r.zone_values.end());
    return m;
}

std::pair<DistTask, ReplicateResult> decode(const std::vector<double>& m) {
    if (m.size() < 5) throw std::runtime_error("MPI: a result message too short");
    DistTask t{static_cast<uint64_t>(m[0]), static_cast<uint32_t>(m[1])};
    ReplicateResult r;
    r.replicate = t.replicate;
    r.months = static_cast<int>(m[2]);
    const auto n = static_cast<size_t>(m[3]);
    const auto z = static_cast<size_t>(m[4]);
    if (m.size() != 5 + n + z) throw std::runtime_error("MPI: a result message of the wrong size");
    r.values.assign(m.begin() + 5, m.begin() + 5 + static_cast<std::ptrdiff_t>(n));
    r.zone_values.assign(m.begin() + 5 + static_cast<std::ptrdiff_t>(n), m.end());
    return {t, std::move(r)};
}

// A rank other than 0: asks for tasks, computes them, sends the results, until told to stop.
void work(int threads, const DistCompute& compute) {
    for (;;) {
        int capacity = std::max(1, threads);
        check(MPI_Send(&capacity, 1, MPI_INT, 0, kRequest, MPI_COMM_WORLD), "send a request");
        MPI_Status status;
        check(MPI_Probe(0, MPI_ANY_TAG, MPI_COMM_WORLD, &status), "wait for tasks");
        int count = 0;
        check(MPI_Get_count(&status, MPI_UINT64_T, &count), "size tasks");
        std::vector<uint64_t> raw(static_cast<size_t>(count));
        check(MPI_Recv(raw.data(), count, MPI_UINT64_T, 0, status.MPI_TAG, MPI_COMM_WORLD,
                       MPI_STATUS_IGNORE),
              "receive tasks");
        if (status.MPI_TAG == kStop) return;
        std::vector<DistTask> batch;
        for (size_t i = 0; i + 1 < raw.size(); i += 2)
            batch.push_back(DistTask{raw[i], static_cast<uint32_t>(raw[i + 1])});
        std::mutex mutex;
        std::vector<std::vector<double>> results;
        std::vector<std::string> failures;
        run_batch(
            batch, threads, compute,
            [&](const DistTask& t, ReplicateResult&& r) {
                std::vector<double> m = encode(t, r);
                const std::lock_guard lock(mutex);
                results.push_back(std::move(m));
            },
            [&](const DistTask& t, const std::string& message) {
                const std::lock_guard lock(mutex);
                failures.push_back(std::to_string(t.cell) + " " + std::to_string(t.replicate) +
                                   " " + message);
            });
        for (const std::vector<double>& m : results) {
            check(MPI_Send(m.data(), static_cast<int>(m.size()), MPI_DOUBLE, 0, kResult,
                           MPI_COMM_WORLD),
                  "send a result");
        }
        for (const std::string& f : failures) {
            check(MPI_Send(f.data(), static_cast<int>(f.size()), MPI_CHAR, 0, kFailure,
                           MPI_COMM_WORLD),
                  "send a failure");
        }
    }
}

// Rank 0: the queue, its own share of the work on a second thread, and the messages.
std::vector<DistFailure> coordinate(const std::vector<DistTask>& tasks, int threads,
                                    bool keep_going, const DistCompute& compute,
                                    const DistAccept& accept, DistTransfer* transfer) {
    std::mutex mutex;  // guards next, stopped and failures
    size_t next = 0;
    bool stopped = false;  // a failure without keep_going: hand out nothing more
    std::vector<DistFailure> failures;
    auto take = [&](size_t n) {
        const std::lock_guard lock(mutex);
        std::vector<DistTask> batch;
        while (!stopped && next < tasks.size() && batch.size() < n)
            batch.push_back(tasks[next++]);
        return batch;
    };
    auto fail = [&](const DistTask& t, const std::string& message) {
        const std::lock_guard lock(mutex);
        failures.push_back(DistFailure{t, message});
        if (!keep_going) stopped = true;
    };

    std::exception_ptr local_error;
    std::thread local([&] {
        try {
            for (;;) {
                const std::vector<DistTask> batch = take(static_cast<size_t>(std::max(1, threads)));
                if (batch.empty()) return;
                run_batch(batch, threads, compute, accept, fail);
            }
        } catch (...) {
            local_error = std::current_exception();
            const std::lock_guard lock(mutex);
            stopped = true;
        }
    });

    int active = mpi_ranks() - 1;
    uint64_t bytes = 0;
    uint64_t results = 0;
    std::vector<double> buffer;
    while (active > 0) {
        int flag = 0;
        MPI_Status status;
        check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status), "probe");
        if (!flag) {
            // Nothing to answer: sleep rather than spin, so the rank's own workers keep the core.
            std::this_thread::sleep_for(std::chrono::microseconds(200));
            continue;
        }
        const int from = status.MPI_SOURCE;
        if (status.MPI_TAG == kRequest) {
            int capacity = 0;
            check(
                MPI_Recv(&capacity, 1, MPI_INT, from, kRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
                "receive a request");
            const std::vector<DistTask> batch = take(static_cast<size_t>(std::max(1, capacity)));
            std::vector<uint64_t> raw;
            for (const DistTask& t : batch) {
                raw.push_back(t.cell);
                raw.push_back(t.replicate);
            }
            check(MPI_Send(raw.data(), static_cast<int>(raw.size()), MPI_UINT64_T, from,
                           batch.empty() ? kStop : kTasks, MPI_COMM_WORLD),
                  "send tasks");
            if (batch.empty()) --active;
        } else if (status.MPI_TAG == kResult) {
            int count = 0;
            check(MPI_Get_count(&status, MPI_DOUBLE, &count), "size a result");
            buffer.resize(static_cast<size_t>(count));
            check(MPI_Recv(buffer.data(), count, MPI_DOUBLE, from, kResult, MPI_COMM_WORLD,
                           MPI_STATUS_IGNORE),
                  "receive a result");
            bytes += static_cast<uint64_t>(count) * sizeof(double);
            ++results;
            auto [task, result] = decode(buffer);
            try {
                accept(task, std::move(result));
            } catch (const std::exception& e) {
                fail(task, e.what());
            }
        } else if (status.MPI_TAG == kFailure) {
            int count = 0;
            check(MPI_Get_count(&status, MPI_CHAR, &count), "size a failure");
            std::string text(static_cast<size_t>(count), '\0');
            check(MPI_Recv(text.data(), count, MPI_CHAR, from, kFailure, MPI_COMM_WORLD,
                           MPI_STATUS_IGNORE),
                  "receive a failure");
            const size_t a = text.find(' ');
            const size_t b = text.find(' ', a + 1);
            fail(DistTask{std::stoull(text.substr(0, a)),
                          static_cast<uint32_t>(std::stoul(text.substr(a + 1, b - a - 1)))},
                 text.substr(b + 1));
        } else {
            throw std::runtime_error("MPI: an unexpected message");
        }
    }
    local.join();
    if (local_error) std::rethrow_exception(local_error);
    if (transfer) *transfer = DistTransfer{bytes, results};
    sort_failures(failures);
    return failures;
}

#endif

}  // namespace

#ifdef HOUSIM_WITH_MPI

int mpi_rank() {
    int initialised = 0;
    MPI_Initialized(&initialised);
    int rank = 0;
    if (initialised) MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    return rank;
}

int mpi_ranks() {
    int initialised = 0;
    MPI_Initialized(&initialised);
    int size = 1;
    if (initialised) MPI_Comm_size(MPI_COMM_WORLD, &size);
    return size;
}

void mpi_start(int* argc, char*** argv) {
    int provided = 0;
    MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
}

void mpi_finish() {
    int finalised = 0;
    MPI_Finalized(&finalised);
    if (!finalised) MPI_Finalize();
}

void use_ranks_for_evaluations() {
    if (mpi_ranks() <= 1) return;
    auto execute = [](const Sweep& sweep, const SweepPlan& plan, SweepSink& sink,
                      SweepProgress* progress, const std::atomic<bool>* stop) {
        std::vector<DistTask> tasks;
        for (size_t c = 0; c < sweep.cells.size(); ++c) {
            for (uint32_t k = 0; k < sweep.cells[c].replicates; ++k)
                tasks.push_back(DistTask{c, k});
        }
        const DistCompute compute = [&](const DistTask& t) {
            const Scenario s = cell_scenario(sweep, t.cell);
            return run_replicate(s, t.replicate, plan.check,
                                 progress ? &progress->replicates : nullptr, stop);
        };
        std::vector<SweepFailure> out;
        for (const DistFailure& f : run_distributed(tasks, plan.threads, plan.keep_going, compute,
                                                    [&](const DistTask&t, ReplicateResult&&r) {
                                                        sink.accept(t.cell, std::move(r));
                                                    })) {
            out.push_back(SweepFailure{
                f.task.cell,
                {f.task.replicate, cell_scenario(sweep, f.task.cell).run.seed, f.message}});
        }
        return out;
    };
    auto share = [](std::vector<double>& numbers, std::string& text) {
        uint64_t sizes[2] = {numbers.size(), text.size()};
        check(MPI_Bcast(sizes, 2, MPI_UINT64_T, 0, MPI_COMM_WORLD), "share sizes");
        numbers.resize(sizes[0]);
        text.resize(sizes[1]);
        check(MPI_Bcast(numbers.data(), static_cast<int>(sizes[0]), MPI_DOUBLE, 0, MPI_COMM_WORLD),
              "share numbers");
        check(MPI_Bcast(text.data(), static_cast<int>(sizes[1]), MPI_CHAR, 0, MPI_COMM_WORLD),
              "share text");
    };
    set_sweep_executor(execute, share);
}

void mpi_abort(int code) {
    MPI_Abort(MPI_COMM_WORLD, code);
    std::exit(code);  // not reached
}

#endif

void report_transfer(bool quiet, const DistTransfer& t) {
    if (quiet || mpi_ranks() <= 1) return;
    std::fprintf(
        stderr, "%d ranks: %llu replicates from other ranks, %llu bytes (%.0f per replicate)\n",
        mpi_ranks(), static_cast<unsigned long long>(t.results),
        static_cast<unsigned long long>(t.bytes),
        t.results > 0 ? static_cast<double>(t.bytes) / static_cast<double>(t.results) : 0.0);
}

std::vector<DistFailure> run_distributed(const std::vector<DistTask>& tasks, int threads,
                                         [[maybe_unused]] bool keep_going,
                                         const DistCompute& compute, const DistAccept& accept,
                                         DistTransfer* transfer) {
    if (transfer) *transfer = DistTransfer{};
    if (threads <= 0) threads = tbb::this_task_arena::max_concurrency();
#ifdef HOUSIM_WITH_MPI
    if (mpi_ranks() > 1) {
        if (mpi_rank() != 0) {
            work(threads, compute);
            return {};
        }
        return coordinate(tasks, threads, keep_going, compute, accept, transfer);
    }
#endif
    std::mutex mutex;
    std::vector<DistFailure> failures;
    run_batch(tasks, threads, compute, accept, [&](const DistTask& t, const std::string& m) {
        const std::lock_guard lock(mutex);
        failures.push_back(DistFailure{t, m});
    });
    sort_failures(failures);
    return failures;
}

}  // namespace housim
