// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/indexer/cli.hpp"

#include <unistd.h>
#include <cstdint>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <ostream>

#include <xapian.h>
#include <CLI/CLI.hpp>

#include "fahras/cli/app.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/indexer/indexer.hpp"
#include "fahras/indexer/lock.hpp"

namespace fahras {

namespace {

constexpr const char* description =
    "fahras-index: index Arabic news articles into a Fahras (Xapian) database.\n"
    "\n"
    "Reads files and directories (recursively): .txt (title on the first line), .json (one\n"
    "article), .html/.htm (title, body text, published date), .jsonl and .jsonl.gz (one article "
    "per line, fields id, title, body, date, source,\n"
    "url, author, category). An article without an id is identified by its input's name and\n"
    "its path under the input (2015/story.txt; #LINE added for a JSON Lines record; see\n"
    "--id-prefix); two records with one id: a warning, the later kept. Symbolic links are\n"
    "followed once (loops warned about); FIFOs and devices are skipped with a warning.\n"
    "\n"
    "Incremental by default: files whose size and modification time (or, when only the time\n"
    "changed, content) are those of the last run are skipped; changed articles are replaced by "
    "id;\n"
    "articles whose file or JSON Lines line disappeared are deleted (--no-delete keeps them);\n"
    "files that failed are not read again until they change (--retry-failed). --rebuild builds a\n"
    "new database beside the live one and switches readers to it atomically. One writer at a\n"
    "time: a second one exits with status 3, or waits (--wait). SIGINT/SIGTERM commit what is\n"
    "done and stop.\n"
    "\n"
    "News-aware: related-link lines, repeated titles, captions, credits, comment-box trailers\n"
    "and per-source boilerplate are left out of the indexed text (the stored body is kept as\n"
    "given); agency credits become the `agency` filter and facet; near-duplicate versions of a\n"
    "story share a story id (fahras-query --collapse, --same-story).\n";

constexpr const char* footer =
    "\nExamples:\n"
    "  fahras-index --db ./fahras-db sample_corpus/\n"
    "  fahras-index --db /srv/fahras/db --verbose archive/2015/ extra/wire.jsonl.gz\n"
    "  fahras-index --db /srv/fahras/db --wait 600 --report run.json archive/   # nightly\n"
    "  fahras-index --db /srv/fahras/db --rebuild --compact archive/            # weekly\n"
    "  (scripts/nightly-reindex.sh and docs/NIGHTLY.md: cron and systemd set-ups)\n"
    "\nExit status:\n"
    "  0  all inputs indexed\n"
    "  1  finished, but some inputs failed (each reported as path:line: error: reason)\n"
    "  2  fatal: bad options, missing input, database cannot be opened or written (read-only,\n"
    "     disk full: with the system's reason) or damaged (--check); or interrupted by\n"
    "     SIGINT/SIGTERM (what was done is committed, a --rebuild's new database discarded;\n"
    "     run again to finish)\n"
    "  3  locked: another fahras-index is updating the database (see --wait)\n";

/// Set by SIGINT/SIGTERM; polled by the run, which then commits and returns.
std::atomic<bool> stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_stop_signal(int) {
    stop_requested.store(true);
}

/// Installs the stop handler for the lifetime of the object, then restores what was there.
/// SA_RESETHAND: a second signal acts as it would have without us (a second Ctrl-C kills).
class StopSignals {
  public:
    StopSignals() {
        stop_requested.store(false);
        struct sigaction sa {};
        sa.sa_handler = on_stop_signal;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND;
        ::sigaction(SIGINT, &sa, &m_old_int);
        ::sigaction(SIGTERM, &sa, &m_old_term);
    }
    ~StopSignals() {
        ::sigaction(SIGINT, &m_old_int, nullptr);
        ::sigaction(SIGTERM, &m_old_term, nullptr);
    }
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

  private:
    struct sigaction m_old_int {};
    struct sigaction m_old_term {};
};

}  // namespace

int index_main(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    IndexOptions options;
    CLI::App app{description, "fahras-index"};
    app.footer(footer);
    cli::add_db(app, options.db, "Database directory (created if missing)")->required();
    app.add_option("--max-file-size", options.reader.max_file_size,
                   "Refuse .txt, .json and .html files larger than this many bytes (JSON "
                   "Lines files are read as streams, of any size)")
        ->capture_default_str()
        ->type_name("BYTES");
    app.add_option("--max-record-size", options.reader.max_record_size,
                   "Refuse an article (a JSON Lines line, a .txt/.json/.html file) larger than "
                   "this many bytes: it bounds the memory of a run (docs/NIGHTLY.md)")
        ->capture_default_str()
        ->type_name("BYTES");
    app.add_option("--commit-every", options.commit_every,
                   "Commit after this many changed articles")
        ->capture_default_str()
        ->check(CLI::PositiveNumber)
        ->type_name("N");
    app.add_option("--threads", options.threads,
                   "Analysis threads (0: one per core; 1: analyse in the writing thread)")
        ->capture_default_str()
        ->type_name("N");
    app.add_option("--queue", options.queue,
                   "Articles in flight between reading and writing (0: 256 per thread)")
        ->capture_default_str()
        ->type_name("N");
    app.add_option("--encoding", options.reader.encoding,
                   "Character encoding of .txt/.json/.html inputs (ICU name: windows-1256, "
                   "ISO-8859-6, UTF-16LE, ...); default: detected")
        ->type_name("NAME");
    cli::add_gazetteer(app, options.extraction);
    bool no_entities = false;
    app.add_flag("--no-entities", no_entities,
                 "Do not extract people, places and organisations (faster)");
    cli::add_no_tagger(app, options.extraction,
                       "Find entities with the gazetteer and context cues only, without the "
                       "statistical tagger");
    cli::add_ner_article_pass(
        app, options.extraction,
        "Run the tagger's second, article-level pass too: more names found (held-out F1 0.758 "
        "against 0.751) for about 10 % more indexing time (docs/NER.md)");
    app.add_flag("--no-delete", options.no_delete,
                 "Keep articles whose file or JSON Lines line disappeared");
    app.add_flag("--retry-failed", options.retry_failed,
                 "Read again files that failed in an earlier run, even if unchanged");
    app.add_flag("--rebuild", options.rebuild,
                 "Build a complete new database beside the live one, then switch to it "
                 "atomically and remove the old one");
    app.add_flag(
        "--compact", options.compact,
        "With --rebuild: compact the new database first (a first build into a new database is "
        "always compacted)");
    app.add_option("--shards", options.shards,
                   "Write N shard databases in parallel, listed by a stub in DIR that Xapian "
                   "and fahras-query open as one database (docs/SCALING.md); for a new "
                   "database or with --rebuild (0: as the database is)")
        ->capture_default_str()
        ->type_name("N");
    app.add_option("--wait", options.wait_seconds,
                   "If another fahras-index holds the database, wait up to this long for it")
        ->check(CLI::NonNegativeNumber)
        ->type_name("SECONDS");
    app.add_option("--report", options.report,
                   "Write a JSON summary (added, updated, deleted, unchanged, failed with "
                   "reasons, durations) to this file")
        ->type_name("FILE.json");
    bool no_progress = false;
    app.add_flag("--no-progress", no_progress, "No progress line, even on a terminal");
    app.add_flag("-v,--verbose", options.verbose, "Print one line per file");
    app.add_flag("-q,--quiet", options.quiet, "Print no summary (errors are still printed)");
    // News: boilerplate, agencies, stories; docs/NEWS.md.
    app.add_flag("--keep-boilerplate", options.news.cleaning.keep_boilerplate,
                 "Index bodies as given: drop no related-link, caption, credit, trailer or "
                 "learned boilerplate lines (agencies are still recognised)");
    app.add_option("--boilerplate-min", options.news.cleaning.learn_min_articles,
                   "A body line seen in more than N articles of one source is boilerplate")
        ->capture_default_str()
        ->type_name("N");
    app.add_flag(
        "--no-stories", [&options](std::int64_t) { options.news.stories.enabled = false; },
        "Do not detect near-duplicate versions of a story (each article is its own story)");
    app.add_option("--story-containment", options.news.stories.min_containment,
                   "Least share of the smaller article's sampled shingles two versions of a "
                   "story share")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 1.0))
        ->type_name("X");
    app.add_option("--story-same-source-containment", options.news.stories.same_source_containment,
                   "The same, for two articles of the same source: an outlet's own follow-ups "
                   "share paragraphs without being versions of one story")
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
    // Diagnostic, hidden from --help: measures what the date extractor costs (docs/DATES.md).
    bool no_date_extraction = false;
    app.add_flag("--no-date-extraction", no_date_extraction,
                 "Do not extract mentioned dates (diagnostic)")
        ->group("");
    app.add_option("--id-prefix", options.id_prefixes,
                   "The default ids of INPUT's articles (files without an id of their own) "
                   "start with PREFIX/ instead of the input's name (a file input: its "
                   "directory's); PREFIX alone with one input; empty for none; repeatable")
        ->type_name("INPUT=PREFIX")
        ->allow_extra_args(false);
    app.add_flag("--check", options.check,
                 "Check the database's integrity first (Xapian's Database::check, every "
                 "shard): a damaged database exits 2 and nothing is written; with no PATH, "
                 "only check");
    app.add_option("paths", options.inputs, "Files and directories to index")->type_name("PATH...");
    cli::add_version(app, "fahras-index");

    try {
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return index_ok;
    } catch (const CLI::CallForVersion& e) {
        out << e.what() << '\n';
        return index_ok;
    } catch (const CLI::ParseError& e) {
        err << "fahras-index: error: " << e.what() << "\n"
            << "Run with --help for usage.\n";
        return index_fatal;
    }

    options.entities = !no_entities;
    // A progress line only for a person watching: stderr a terminal, no per-file lines.
    options.progress = !no_progress && !options.quiet && !options.verbose && ::isatty(2) == 1;
    options.stop = &stop_requested;
    const StopSignals signals;
    options.document.extract_dates = !no_date_extraction;
    try {
        const IndexSummary summary = run_index(options, out, err);
        if (summary.interrupted) {
            err << "fahras-index: " << interrupted_message(summary) << '\n';
            return index_fatal;
        }
        return summary.exit_status() == 0 ? index_ok : index_some_failed;
    } catch (const LockedError& e) {
        err << "fahras-index: " << e.what() << '\n';
        return index_locked;
    } catch (const InputError& e) {  // a file named by an option: `path[:line]: error: reason`
        err << "fahras-index: " << e.report() << '\n';
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
