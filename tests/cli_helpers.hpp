// Shared scaffolding of the end-to-end tests that run the housim binary (and chromium or
// python3) on files in a per-test temporary folder.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace housim::test {

struct CommandResult {
    int code;
    std::string out;  // stdout and stderr together
};

// Runs a shell command line, capturing its output.
inline CommandResult run_shell(const std::string& cmd) {
    FILE* p = popen((cmd + " 2>&1").c_str(), "r");
    std::string out;
    char buf[4096];
    while (p && fgets(buf, sizeof buf, p))
        out += buf;
    const int status = p ? pclose(p) : -1;
    return CommandResult{WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

inline CommandResult housim_cli(const std::string& args) {
    return run_shell(std::string(HOUSIM_BINARY) + " " + args);
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A temporary folder per test, removed afterwards.
class TempDirTest : public ::testing::Test {
  protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("housim_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    std::string write(const std::string& name, const std::string& text) const {
        std::ofstream(dir_ / name) << text;
        return path(name);
    }
    std::filesystem::path dir_;
};

// A sweep file over a tiny version of the default city (6,000 agents x 160), fast enough for
// the test suite: `axes` is the [[axis]] / [[cell]] part.
inline std::string tiny_sweep_text(const std::string& axes, int replicates = 3, int months = 18) {
    return "name = \"tiny\"\nreplicates = " + std::to_string(replicates) +
           "\n[set]\n\"run.households\" = 6000\n\"run.scale\" = 160.0\n\"run.months\" = " +
           std::to_string(months) + "\n\"run.burn_in_months\" = 6\n" + axes;
}

}  // namespace housim::test
