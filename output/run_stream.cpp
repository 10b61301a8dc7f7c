#include "output/run_stream.hpp"

#include <limits>
#include <stdexcept>

#include "sim/metrics.hpp"

namespace housim {

RunStream::RunStream(H5Writer& writer, size_t runs, RunInfoSource info, StudyOptions study)
    : writer_(writer),
      info_(std::move(info)),
      study_options_(std::move(study)),
      study_infos_(study_metric_infos(study_options_)),
      ended_(runs, false) {}

RunStream::Open& RunStream::begin(size_t run) {
    if (const auto it = open_.find(run); it != open_.end()) return it->second;
    if (run >= ended_.size() || ended_[run]) {
        throw std::logic_error("RunStream: run " + std::to_string(run) +
                               " does not exist or is already ended");
    }
    Open open;
    open.info = info_(run);
    writer_.begin_run(open.info);
    open.written.assign(open.info.replicates, false);
    open.study.assign(
        study_infos_.size(),
        std::vector<double>(open.info.replicates, std::numeric_limits<double>::quiet_NaN()));
    Open& out = open_.emplace(run, std::move(open)).first->second;
    max_open_ = std::max(max_open_, open_.size());
    return out;
}

void RunStream::end(size_t run) {
    Open& open = open_.at(run);
    for (size_t m = 0; m < study_infos_.size(); ++m) {
        const StudyMetricInfo& s = study_infos_[m];
        writer_.write_study(open.info.name, s.name, s.unit, s.description, open.study[m]);
    }
    writer_.end_run(open.info.name);
    open_.erase(run);
    ended_[run] = true;
}

void RunStream::write(size_t run, uint32_t replicate, const std::vector<double>& values,
                      const std::vector<double>& zone_values) {
    Open& open = begin(run);
    const uint32_t row = replicate - open.info.first_replicate;
    if (replicate < open.info.first_replicate || row >= open.info.replicates || open.written[row]) {
        throw std::runtime_error("run '" + open.info.name + "': replicate " +
                                 std::to_string(replicate) + " is outside the run or came twice");
    }
    writer_.write_replicate(open.info.name, replicate, values, zone_values);
    const int months = static_cast<int>(values.size() / metric_registry().size());
    const std::vector<double> study = compute_study_metrics(values, months, study_options_);
    for (size_t m = 0; m < study.size(); ++m)
        open.study[m][row] = study[m];
    open.written[row] = true;
    if (++open.rows_written == open.info.replicates) end(run);
}

void RunStream::close() {
    for (size_t run = 0; run < ended_.size(); ++run) {
        if (!ended_[run]) {
            begin(run);
            end(run);
        }
    }
}

}  // namespace housim
