// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/cli.hpp"

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
    "url, author, category). Re-indexing an article with the same id replaces it.\n";

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
    app.add_option("--gazetteer", options.gazetteers,
                   "Add the entities of this TSV file (columns canonical_id, type, arabic_name, "
                   "aliases, english_name, source) to the shipped gazetteer; repeatable")
        ->type_name("FILE");
    bool no_entities = false;
    app.add_flag("--no-entities", no_entities,
                 "Do not extract people, places and organisations (faster)");
    bool no_tagger = false;
    app.add_flag("--no-tagger", no_tagger,
                 "Find entities with the gazetteer and context cues only, without the "
                 "statistical tagger");
    app.add_flag("-v,--verbose", options.verbose, "Print one line per file");
    app.add_flag("-q,--quiet", options.quiet, "Print no summary (errors are still printed)");
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

    options.entities = !no_entities;
    options.tagger = !no_tagger;
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
