// Hostile output paths and input files (docs/hostile_inputs.md): what names no regular file is
// refused before any work with exit 2 and left as it was; links are written through; files
// that are not housim output are refused with exit 2, naming the file and what is wrong.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_helpers.hpp"

namespace housim {
namespace {

namespace fs = std::filesystem;

// A tiny run: 6,000 agents, 3 reported months; well under a second.
const char* kTiny =
    "--households 6000 --set run.scale=160 --set run.burn_in_months=0 --months 3 -r 1 --quiet";

class HostilePaths : public test::TempDirTest {
  protected:
    test::CommandResult run_to(const std::string& out) {
        return test::housim_cli(std::string("run ") + kTiny + " -o '" + out + "'");
    }
    // No temporary file of ours is left in the folder.
    void expect_no_temporary() const {
        for (const auto& entry : fs::directory_iterator(dir_))
            EXPECT_EQ(entry.path().string().find(".tmp-"), std::string::npos) << entry.path();
    }
};

TEST_F(HostilePaths, ADeviceIsRefusedAndLeftADevice) {
    const auto r = run_to("/dev/null");
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("-o: /dev/null: is a character device"), std::string::npos) << r.out;
    struct stat st {};
    ASSERT_EQ(::stat("/dev/null", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode));
}

TEST_F(HostilePaths, ADirectoryAFifoAndAFolderPathAreRefusedBeforeAnyWork) {
    fs::create_directory(path("d"));
    ASSERT_EQ(::mkfifo(path("fifo").c_str(), 0644), 0);
    for (const auto& [out, what] :
         {std::pair{path("d"), "is a directory"}, std::pair{path("d") + "/", "names a folder"},
          std::pair{path("fifo"), "is a fifo"}}) {
        const auto r = run_to(out);
        EXPECT_EQ(r.code, 2) << out << ": " << r.out;
        EXPECT_NE(r.out.find(what), std::string::npos) << r.out;
        // Refused up front: no simulation summary was printed (--quiet aside, nothing ran).
        EXPECT_EQ(r.out.find("replicate"), std::string::npos) << r.out;
    }
    EXPECT_TRUE(fs::is_directory(path("d")));
    EXPECT_TRUE(fs::is_fifo(path("fifo")));
    expect_no_temporary();
}

TEST_F(HostilePaths, MissingFolderAndFileUsedAsFolderAreRefused) {
    std::ofstream(path("plain")) << "x";
    const auto missing = run_to(path("nowhere/x.h5"));
    EXPECT_EQ(missing.code, 2);
    EXPECT_NE(missing.out.find("no such folder"), std::string::npos) << missing.out;
    const auto through_file = run_to(path("plain/x.h5"));
    EXPECT_EQ(through_file.code, 2) << through_file.out;
    EXPECT_EQ(test::read_file(path("plain")), "x");
}

TEST_F(HostilePaths, ALinkIsWrittenThroughAndStaysALink) {
    fs::create_directory(path("target"));
    fs::create_symlink(path("target/real.h5"), path("link.h5"));
    const auto r = run_to(path("link.h5"));
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_TRUE(fs::is_symlink(path("link.h5")));
    EXPECT_TRUE(fs::is_regular_file(path("target/real.h5")));
    EXPECT_GT(H5Fis_hdf5(path("target/real.h5").c_str()), 0);
    // A link to a directory, or a loop of links, is refused.
    fs::create_directory_symlink(path("target"), path("to_dir.h5"));
    EXPECT_EQ(run_to(path("to_dir.h5")).code, 2);
    fs::create_symlink(path("loop_a"), path("loop_b"));
    fs::create_symlink(path("loop_b"), path("loop_a"));
    const auto loop = run_to(path("loop_a"));
    EXPECT_EQ(loop.code, 2);
    EXPECT_NE(loop.out.find("too many levels of symbolic links"), std::string::npos) << loop.out;
    expect_no_temporary();
}

TEST_F(HostilePaths, AScenarioNeedingMoreMemoryThanTheMachineHasIsRefusedWithTheEstimate) {
    // 64 replicates of 5e7 agents (the schema's maximum) at once x 300 B, plus 100 MB, is
    // 960.1 GB: more than any machine this suite runs on.
    const auto r = test::housim_cli("run --households 50000000 --set run.scale=1 -r 64 -j 64 -o " +
                                    path("big.h5"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("50000000 households x 64 replicate(s) at once need about 960100.0 MB"),
              std::string::npos)
        << r.out;
    EXPECT_FALSE(fs::exists(path("big.h5")));
}

TEST_F(HostilePaths, ADirectoryGivenAsScenarioOrSweepIsRefusedNotReadAsEmpty) {
    fs::create_directory(path("d.toml"));
    for (const std::string command : {"run ", "sweep ", "validate "}) {
        const auto r = test::housim_cli(command + path("d.toml") + " -o " + path("x.h5"));
        const auto r2 = command == "validate " ? test::housim_cli(command + path("d.toml")) : r;
        EXPECT_EQ(r2.code, 2) << command << r2.out;
        EXPECT_NE(r2.out.find("d.toml: is a directory"), std::string::npos) << r2.out;
    }
    EXPECT_FALSE(fs::exists(path("x.h5")));
}

TEST_F(HostilePaths, ARunNameThatCannotNameAGroupIsRefusedBeforeSimulating) {
    const auto r = test::housim_cli(std::string("run ") + kTiny + " --set 'run.name=\"../x\"' -o " +
                                    path("x.h5"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("run.name: '../x' cannot name a run"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(path("x.h5")));
}

class HostileFiles : public HostilePaths {
  protected:
    // A real output of a tiny run, once per test.
    std::string real_output() {
        const std::string out = path("real.h5");
        const auto r = run_to(out);
        EXPECT_EQ(r.code, 0) << r.out;
        return out;
    }
    // compare and report both refuse `file` with exit 2, naming it and saying `what`.
    void expect_refused(const std::string& file, const std::string& what) {
        for (const std::string& args :
             {"compare '" + file + "'", "report '" + file + "' -o " + path("r.html")}) {
            const auto r = test::housim_cli(args);
            EXPECT_EQ(r.code, 2) << args << ": " << r.out;
            EXPECT_NE(r.out.find(file + ": " + what), std::string::npos) << r.out;
        }
        EXPECT_FALSE(fs::exists(path("r.html")));
    }
};

TEST_F(HostileFiles, NotHdf5EmptyTruncatedAndDirectoryAreBadInput) {
    expect_refused(write("junk.h5", "this is not HDF5"), "is not an HDF5 file");
    expect_refused(write("empty.h5", ""), "is empty");
    const std::string text = test::read_file(real_output());
    expect_refused(write("truncated.h5", text.substr(0, text.size() / 2)),
                   "is an HDF5 file that cannot be opened (truncated or damaged?)");
    fs::create_directory(path("dir.h5"));
    expect_refused(path("dir.h5"), "is a directory");
    expect_refused(path("absent.h5"), "no such file");
}

TEST_F(HostileFiles, AnotherLayoutAForeignFileAndAMissingDatasetAreNamed) {
    const std::string real = real_output();
    // Another layout version: the same file with format "housim/2".
    fs::copy_file(real, path("v2.h5"));
    {
        const hid_t f = H5Fopen(path("v2.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        ASSERT_GE(f, 0);
        ASSERT_GE(H5Adelete(f, "format"), 0);
        const hid_t type = H5Tcopy(H5T_C_S1);
        H5Tset_size(type, H5T_VARIABLE);
        const hid_t space = H5Screate(H5S_SCALAR);
        const hid_t a = H5Acreate2(f, "format", type, space, H5P_DEFAULT, H5P_DEFAULT);
        const char* v2 = "housim/2";
        H5Awrite(a, type, &v2);
        H5Aclose(a);
        H5Sclose(space);
        H5Tclose(type);
        H5Fclose(f);
    }
    expect_refused(path("v2.h5"), "is of layout 'housim/2'");
    // An HDF5 file that is not housim output at all.
    {
        const hid_t f =
            H5Fcreate(path("foreign.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
        ASSERT_GE(f, 0);
        H5Fclose(f);
    }
    expect_refused(path("foreign.h5"), "is an HDF5 file but not a housim output");
    // A housim file missing its time axis: the report names the dataset.
    fs::copy_file(real, path("no_time.h5"));
    {
        const hid_t f = H5Fopen(path("no_time.h5").c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        ASSERT_GE(f, 0);
        ASSERT_GE(H5Ldelete(f, "/time/month", H5P_DEFAULT), 0);
        H5Fclose(f);
    }
    const auto r = test::housim_cli("report " + path("no_time.h5") + " -o " + path("r.html"));
    EXPECT_EQ(r.code, 2) << r.out;
    EXPECT_NE(r.out.find("/time/month"), std::string::npos) << r.out;
    EXPECT_FALSE(fs::exists(path("r.html")));
}

}  // namespace
}  // namespace housim
