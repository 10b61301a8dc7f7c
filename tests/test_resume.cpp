// housim run --resume (ARCHITECTURE.md "Command line"): a run killed at any point continues
// from its journal without recomputing finished replicates and ends with the file an
// uninterrupted run writes; a journal of another scenario, seed or version is refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "output/run_journal.hpp"
#include "sim/core/errors.hpp"
#include "tests/cli_helpers.hpp"
#include "tests/h5_compare.hpp"

namespace housim {
namespace {

JournalHeader header(uint32_t first = 0, uint32_t replicates = 4) {
    JournalHeader h;
    h.housim_version = "1.0";
    h.git_commit = "abc";
    h.scenario_toml = "[run]\nseed = 1\n";
    h.first_replicate = first;
    h.replicates = replicates;
    h.values_per_row = 3;
    return h;
}

class Resume : public test::TempDirTest {};

// Starts `housim ARGS -o OUT` and kills it with SIGKILL once its journal is larger than
// `bytes` (its header and at least one finished replicate).
test::CommandResult kill_when_journalled(const std::string& args, const std::string& out,
                                         int bytes) {
    return test::run_shell("bash -c '" + std::string(HOUSIM_BINARY) + " " + args + "-o " + out +
                           " & pid=$!; for i in $(seq 1 4000); do s=$(stat -c %s " + out +
                           ".partial 2>/dev/null || echo 0); [ $s -gt " + std::to_string(bytes) +
                           " ] && break; sleep 0.005; done; kill -9 $pid; wait $pid; exit 0'");
}

TEST_F(Resume, TheJournalGivesBackEveryWholeRecordAndDropsATornOne) {
    const std::string p = path("j.partial");
    const std::vector<double> r2 = {1.5, -2.25, std::numeric_limits<double>::infinity()};
    const std::vector<double> r0 = {0.1, 0.2, 0.3};
    {
        RunJournal j(p, header());
        j.append(2, r2);
        j.append(0, r0);
        j.append(1, {7, 8, 9});
    }
    // A kill in the middle of the last record: its tail is missing.
    std::filesystem::resize_file(p, std::filesystem::file_size(p) - 5);
    std::map<uint32_t, std::vector<double>> done;
    {
        RunJournal j(p, header(), done);
        ASSERT_EQ(done.size(), 2u);
        EXPECT_EQ(done.at(2), r2);
        EXPECT_EQ(done.at(0), r0);
        j.append(3, {4, 5, 6});  // continues after the last whole record
    }
    done.clear();
    RunJournal again(p, header(), done);
    EXPECT_EQ(done.size(), 3u);
    EXPECT_EQ(done.at(3), (std::vector<double>{4, 5, 6}));
}

TEST_F(Resume, AJournalOfAnotherRunIsRefused) {
    const std::string p = path("j.partial");
    { RunJournal j(p, header()); }
    std::map<uint32_t, std::vector<double>> done;
    JournalHeader other = header();
    other.scenario_toml = "[run]\nseed = 2\n";
    EXPECT_THROW(RunJournal(p, other, done), InputError);
    EXPECT_THROW(RunJournal(p, header(0, 5), done), InputError);
    other = header();
    other.git_commit = "def";
    EXPECT_THROW(RunJournal(p, other, done), InputError);
    EXPECT_THROW(RunJournal(path("none.partial"), header(), done), InputError);
    std::ofstream(path("garbage.partial")) << "not a journal";
    EXPECT_THROW(RunJournal(path("garbage.partial"), header(), done), InputError);
}

// The run is killed (SIGKILL) once its journal holds a few replicates; --resume then
// finishes it, and the file equals an uninterrupted run's.
TEST_F(Resume, AKilledRunResumesToTheFileOfAnUninterruptedOne) {
    const std::string args = "--households 12000 --months 24 --quiet -j 1 -r 10 ";
    const test::CommandResult full = test::housim_cli("run " + args + "-o " + path("full.h5"));
    ASSERT_EQ(full.code, 0) << full.out;
    // Header (about 10 kB of scenario text) and at least one row of 24 months x (the city's
    // series and the districts') doubles.
    const std::string out = path("part.h5");
    const test::CommandResult k = kill_when_journalled("run " + args, out, 45000);
    ASSERT_TRUE(std::filesystem::exists(out + ".partial")) << k.out;
    ASSERT_FALSE(std::filesystem::exists(out)) << "the run finished before the kill";
    // Another seed cannot continue it.
    const test::CommandResult wrong =
        test::housim_cli("run " + args + "--seed 77 --resume -o " + out);
    EXPECT_EQ(wrong.code, 2) << wrong.out;
    EXPECT_NE(wrong.out.find("another scenario"), std::string::npos) << wrong.out;
    const test::CommandResult resumed = test::housim_cli("run " + args + "--resume -o " + out);
    ASSERT_EQ(resumed.code, 0) << resumed.out;
    EXPECT_FALSE(std::filesystem::exists(out + ".partial"));
    for (const auto& e : std::filesystem::directory_iterator(dir_)) {
        EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos)
            << "a temporary file was left: " << e.path();
    }
    test::expect_same_file(path("full.h5"), out);
}

// The same for a sweep: killed once its journal holds a replicate, continued with --resume
// to the file of an uninterrupted sweep; a sweep of other cells cannot continue it.
TEST_F(Resume, AKilledSweepResumesToTheFileOfAnUninterruptedOne) {
    const std::string sweep = path("s.toml");
    std::ofstream(sweep) << "name = \"resume-sweep\"\nreplicates = 4\n"
                            "set = { \"run.months\" = 24, \"run.households\" = 12000 }\n"
                            "[[axis]]\nkey = \"policy.credit.commercial.min_down_payment.first\"\n"
                            "values = [0.15, 0.3]\n";
    const std::string args = "sweep " + sweep + " --quiet -j 1 ";
    const test::CommandResult full = test::housim_cli(args + "-o " + path("full.h5"));
    ASSERT_EQ(full.code, 0) << full.out;
    // A sweep's journal header is short (the cells' fingerprint); one row is about 26 kB.
    const std::string out = path("part.h5");
    const test::CommandResult k = kill_when_journalled(args, out, 20000);
    ASSERT_TRUE(std::filesystem::exists(out + ".partial")) << k.out;
    ASSERT_FALSE(std::filesystem::exists(out)) << "the sweep finished before the kill";
    const test::CommandResult wrong =
        test::housim_cli(args + "--set run.seed=77 --resume -o " + out);
    EXPECT_EQ(wrong.code, 2) << wrong.out;
    EXPECT_NE(wrong.out.find("another scenario"), std::string::npos) << wrong.out;
    const test::CommandResult resumed =
        test::housim_cli("sweep " + sweep + " -j 1 --resume -o " + out);
    ASSERT_EQ(resumed.code, 0) << resumed.out;
    EXPECT_NE(resumed.out.find("resuming: "), std::string::npos) << resumed.out;
    EXPECT_EQ(resumed.out.find("resuming: 0 of"), std::string::npos) << resumed.out;
    EXPECT_FALSE(std::filesystem::exists(out + ".partial"));
    test::expect_same_file(path("full.h5"), out);
}

TEST_F(Resume, NothingToResumeIsExitTwo) {
    const test::CommandResult r =
        test::housim_cli("run --households 12000 --months 6 --resume -o " + path("x.h5"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("no partial run to resume"), std::string::npos) << r.out;
    EXPECT_FALSE(std::filesystem::exists(path("x.h5")));
}

}  // namespace
}  // namespace housim
