// The task layer of `mpirun -np N housim run|sweep` (built with -DHOUSIM_WITH_MPI=ON;
// docs/studies.md "Beyond one machine"). Every rank reads the same command line and input
// files, so a task is only (cell, replicate): rank 0 holds the queue, hands tasks to ranks
// that ask for them (replicates differ in cost, so the queue is dynamic), computes tasks of
// its own with its threads, and is the only rank that writes: finished replicates stream
// back to it as messages of raw doubles. Each replicate is a pure function of (scenario,
// replicate), so the file is the one a single process writes, at any N.
//
// Without MPI (the default build) the layer is absent: mpi_ranks() is 1 and the commands
// run their replicates on one process as before.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/run/runner.hpp"

namespace housim {

struct DistTask {
    uint64_t cell = 0;  // the sweep's cell; 0 for housim run
    uint32_t replicate = 0;
};

struct DistTransfer {
    uint64_t bytes = 0;    // of result messages received by rank 0
    uint64_t results = 0;  // replicates computed by other ranks
};

struct DistFailure {
    DistTask task;
    std::string message;
};

#ifdef HOUSIM_WITH_MPI
// This process's rank and the number of ranks (MPI_COMM_WORLD; 0 and 1 before MPI_Init).
int mpi_rank();
int mpi_ranks();
// Initialises and finalises MPI for the process (main): MPI_THREAD_FUNNELED, since only the
// calling thread of each rank talks to the others.
void mpi_start(int* argc, char*** argv);
void mpi_finish();
// Ends every rank's process at once with this exit code (a fatal error on one rank).
[[noreturn]] void mpi_abort(int code);
// Under more than one rank: calibrate's and sensitivity's evaluations spread over the
// ranks (set_sweep_executor in sim/run/sweep_runner.hpp), their results shared from rank 0.
void use_ranks_for_evaluations();
#else
inline int mpi_rank() {
    return 0;
}
inline int mpi_ranks() {
    return 1;
}
#endif

// Called by every rank with the same tasks. compute(task) runs on any rank, `threads`
// replicates at a time (each may also parallelise its own phases); accept(task, result)
// runs on rank 0 only, possibly from several threads at once. A task whose compute throws
// is a failure: with keep_going it is recorded and the rest go on; without, the first
// failure is returned as soon as it reaches rank 0, which then stops handing out work
// (the caller aborts the job). Returns the failures on rank 0, sorted by task; nothing on
// other ranks. Sets *transfer (rank 0) to what came from other ranks, for reporting.
using DistCompute = std::function<ReplicateResult(const DistTask&)>;
using DistAccept = std::function<void(const DistTask&, ReplicateResult&&)>;
std::vector<DistFailure> run_distributed(const std::vector<DistTask>& tasks, int threads,
                                         bool keep_going, const DistCompute& compute,
                                         const DistAccept& accept,
                                         DistTransfer* transfer = nullptr);

// Prints (stderr, unless quiet) what came from other ranks: bytes in all and per replicate.
void report_transfer(bool quiet, const DistTransfer& t);

}  // namespace housim
