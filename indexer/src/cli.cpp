// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/cli.hpp"

#include <cstdint>
#include <algorithm>
#include <ostream>

#include <CLI/CLI.hpp>
#include <xapian.h>

#include "fahras/common/errors.hpp"
#include "fahras/indexer/indexer.hpp"

namespace fahras {

namespace {

constexpr const char* description =
    "fahras-index: index Arabic news articles into a Fahras (Xapian) database.\n"
    "\n"
    "Reads files and directories (recursively): .txt (title on the first line), .json (one\n"
    "article), .jsonl and .jsonl.gz (one article per line, fields id, title, body, date, source,\n"
    "url, author, category). Re-indexing an article with the same id replaces it.\n"
    "\n"
    "News-aware: related-link lines, repeated titles, captions, credits, comment-box trailers\n"
    "and per-source boilerplate are left out of the indexed text (the stored body is kept as\n"
    "given); agency credits become the `agency` filter and facet; near-duplicate versions of a\n"
    "story share a story id (fahras-query --collapse, --same-story).\n";

constexpr const char* footer =
    "\nExamples:\n"
    "  fahras-index --db ./fahras-db sample_corpus/\n"
    "  fahras-index --db /srv/fahras/db --verbose archive/2015/ extra/wire.jsonl.gz\n"
    "\nExit status:\n"
    "  0  all inputs indexed\n"
    "  1  finished, but some inputs failed (each reported as path:line: error: reason)\n"
    "  2  fatal: bad options, missing input, database cannot be opened or written\n";

}  // namespace

int index_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    IndexOptions options;
    CLI::App app{description, "fahras-index"};
    app.footer(footer);
    app.add_option("--db", options.db, "Database directory (created if missing)")
        ->required()
        ->type_name("DIR");
    app.add_option("--max-file-size", options.reader.max_file_size,
                   "Refuse input files larger than this many bytes")
        ->capture_default_str()
        ->type_name("BYTES");
    app.add_option("--commit-every", options.commit_every,
                   "Commit after this many changed articles")
        ->capture_default_str()
        ->check(CLI::PositiveNumber)
        ->type_name("N");
    app.add_flag("-v,--verbose", options.verbose, "Print one line per file");
    app.add_flag("-q,--quiet", options.quiet, "Print no summary (errors are still printed)");
    // News (issue #8): boilerplate, agencies, stories; docs/NEWS.md.
    app.add_flag("--keep-boilerplate", options.news.cleaning.keep_boilerplate,
                 "Index bodies as given: drop no related-link, caption, credit, trailer or "
                 "learned boilerplate lines (agencies are still recognised)");
    app.add_option("--boilerplate-min", options.news.cleaning.learn_min_articles,
                   "A body line seen in more than N articles of one source is boilerplate")
        ->capture_default_str()
        ->type_name("N");
    app.add_flag("--no-stories", [&options](std::int64_t) { options.news.stories.enabled = false; },
                 "Do not detect near-duplicate versions of a story (each article is its own story)");
    app.add_option("--story-containment", options.news.stories.min_containment,
                   "Least share of the smaller article's sampled shingles two versions of a "
                   "story share")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 1.0))
        ->type_name("X");
    app.add_option("--story-min-shared", options.news.stories.min_shared,
                   "Least number of sampled shingles two versions of a story share")
        ->capture_default_str()
        ->type_name("N");
    app.add_option("--story-days", options.news.stories.max_days,
                   "Versions of a story are dated within N days of its earliest version")
        ->capture_default_str()
        ->type_name("N");
    app.add_option("paths", options.inputs, "Files and directories to index")
        ->required()
        ->type_name("PATH...");
    app.set_version_flag("--version", "fahras-index 0.1.0");

    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return index_ok;
    } catch (const CLI::CallForVersion&) {
        out << "fahras-index 0.1.0\n";
        return index_ok;
    } catch (const CLI::ParseError& e) {
        err << "fahras-index: error: " << e.what() << "\n"
            << "Run with --help for usage.\n";
        return index_fatal;
    }

    try {
        const IndexSummary summary = run_index(options, out, err);
        return summary.exit_status() == 0 ? index_ok : index_some_failed;
    } catch (const Error& e) {
        err << "fahras-index: error: " << e.what() << '\n';
    } catch (const Xapian::Error& e) {
        err << "fahras-index: error: " << e.get_description() << '\n';
    } catch (const std::exception& e) {
        err << "fahras-index: error: " << e.what() << '\n';
    }
    return index_fatal;
}

}  // namespace fahras
