// SPDX-License-Identifier: GPL-3.0-or-later
// The first pass of a run with news cleaning: counting the body lines of every input article
// for the boilerplate table (run.hpp, observe_boilerplate()).

#include <optional>
#include <thread>
#include <utility>

#include "fahras/common/cpu_time.hpp"
#include "fahras/indexer/pipeline.hpp"

#include "inputs.hpp"
#include "run.hpp"

namespace fahras {

namespace {

/// observe_boilerplate() without the clock; returns once its threads are joined.
void observe_lines(const std::vector<InputFile>& files, const ReaderOptions& reader,
                   std::size_t workers, std::size_t queue, BoilerplateTable& table) {
    using Lines = std::pair<Article, std::vector<std::uint64_t>>;
    OrderedPipeline<Article, Lines> pipeline(
        [](Article& a) {
            std::vector<std::uint64_t> hashes = BoilerplateTable::line_hashes(a);
            // Only what observe() reads travels on: the body is no longer needed.
            Article kept;
            kept.source = std::move(a.source);
            kept.url = std::move(a.url);
            return Lines{std::move(kept), std::move(hashes)};
        },
        workers, queue, [](const Article& a) { return a.title.size() + a.body.size(); },
        in_flight_bytes(reader));
    std::thread reading([&] {
        read_all_articles(files, reader, [&](Article&& a) { return pipeline.push(std::move(a)); });
        pipeline.close();
    });
    // Whatever happens here, the reader and the workers are stopped and joined.
    const StopAndJoin<OrderedPipeline<Article, Lines>> join{pipeline, reading};
    while (std::optional<Lines> lines = pipeline.next()) table.observe(lines->first, lines->second);
}

}  // namespace

double observe_boilerplate(const std::vector<InputFile>& files, const ReaderOptions& reader,
                           std::size_t workers, std::size_t queue, BoilerplateTable& table) {
    const double cpu_before = process_cpu_seconds();
    observe_lines(files, reader, workers, queue, table);
    return process_cpu_seconds() - cpu_before;
}

}  // namespace fahras
