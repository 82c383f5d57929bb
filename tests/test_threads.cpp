// SPDX-License-Identifier: GPL-3.0-or-later
// The parallel indexing pipeline writes the same database whatever the number of
// threads: same documents under the same docids, same terms with the same wdf and positions,
// same values and data, same story keys. Compared on the sample corpus (plus near-duplicate
// articles, so that stories join and merge), for a first run and an incremental one.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include <xapian.h>
#include <catch2/catch.hpp>

#include "fahras/indexer/indexer.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace fahras;

namespace {

/// Every document of a database, in docid order: terms (wdf, positions), values, data; and
/// the user metadata but the boilerplate table (compared separately by content).
std::string dump(const std::string& path) {
    Xapian::Database db(path);
    std::ostringstream out;
    out << "docs " << db.get_doccount() << " last " << db.get_lastdocid() << '\n';
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
        const Xapian::Document doc = db.get_document(*d);
        out << "doc " << *d << '\n';
        for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
            out << ' ' << *t << ':' << t.get_wdf();
            for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) out << ',' << *p;
        }
        out << '\n';
        for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
            out << " v" << v.get_valueno() << '=' << *v;
        }
        out << '\n' << doc.get_data() << '\n';
    }
    for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
        out << "meta " << *k << '=' << db.get_metadata(*k) << '\n';
    }
    return out.str();
}

std::string sample_corpus() {
    return std::string(FAHRAS_SOURCE_DIR) + "/sample_corpus";
}

/// Versions of one wire story, and an article that links two of them: stories join and merge.
void write_versions(const fs::path& file) {
    const std::string base =
        "قال المتحدث باسم الحكومة إن الاجتماع الوزاري سيعقد في العاصمة يوم الأحد المقبل لمناقشة "
        "خطة الإصلاح الاقتصادي وتوسيع برامج الدعم للأسر الفقيرة في المحافظات الجنوبية، وأضاف أن "
        "الحكومة تعمل مع البنك الدولي على تمويل مشاريع البنية التحتية خلال العام المقبل";
    const std::string other =
        "أعلنت وزارة الصحة تسجيل حالات جديدة من الإنفلونزا الموسمية في عدد من المدارس، ودعت "
        "الأهالي إلى تطعيم الأطفال ومراجعة المراكز الصحية عند ظهور الأعراض خلال فصل الشتاء";
    std::ofstream out(file, std::ios::trunc);
    for (int i = 0; i < 12; ++i) {
        std::string body = (i % 2 == 0 ? base : other) + " رقم " + std::to_string(i);
        if (i == 9) body = base + " " + other;  // links both stories
        out << R"({"id": "v)" << (20 - i) << R"(", "title": "خبر )" << i
            << R"(", "date": "2024-03-0)" << (1 + i % 3) << R"(", "source": "wire", "body": ")"
            << body << "\"}\n";
    }
}

std::string build(const fs::path& db, std::size_t threads, std::size_t queue,
                  const std::vector<std::string>& inputs) {
    IndexOptions options;
    options.db = db.string();
    options.inputs = inputs;
    options.threads = threads;
    options.queue = queue;
    options.commit_every = 7;  // commits in the middle of files
    std::ostringstream log, err;
    const IndexSummary s = run_index(options, log, err);
    return format_summary(s).substr(0, format_summary(s).find(" in ")) + '\n' + err.str();
}

}  // namespace

TEST_CASE("threads: the database does not depend on the number of threads", "[threads]") {
    test::TempDir dir;
    const fs::path extra = dir / "extra";
    fs::create_directories(extra);
    write_versions(extra / "versions.jsonl");
    const std::vector<std::string> inputs = {sample_corpus(), extra.string()};

    const std::string one = build(dir / "db1", 1, 0, inputs);
    const std::string reference = dump((dir / "db1").string());
    REQUIRE(reference.find("XSTORY") != std::string::npos);
    for (const auto& [threads, queue] :
         {std::pair<std::size_t, std::size_t>{2, 0}, {4, 3}, {3, 1}}) {
        CAPTURE(threads, queue);
        const fs::path db = dir / ("db" + std::to_string(threads) + "-" + std::to_string(queue));
        REQUIRE(build(db, threads, queue, inputs) == one);
        REQUIRE(dump(db.string()) == reference);
    }

    // An incremental run after a change: again the same with 1 and 4 threads.
    {
        std::ofstream(extra / "versions.jsonl", std::ios::app)
            << R"({"id": "v1", "title": "خبر جديد", "source": "wire", "body": "نص جديد تماما عن الطقس"})"
            << '\n';
    }
    fs::last_write_time(extra / "versions.jsonl",
                        fs::last_write_time(extra / "versions.jsonl") + std::chrono::seconds(2));
    const std::string inc1 = build(dir / "db1", 1, 0, inputs);
    const std::string inc4 = build(dir / "db4-3", 4, 3, inputs);
    REQUIRE(inc1 == inc4);
    REQUIRE(inc1.find("1 indexed") != std::string::npos);
    REQUIRE(dump((dir / "db1").string()) == dump((dir / "db4-3").string()));
}

TEST_CASE("threads: the run reports the CPU time of each stage", "[threads]") {
    test::TempDir dir;
    for (const std::size_t threads : {1u, 2u}) {
        CAPTURE(threads);
        IndexOptions options;
        options.db = (dir / ("db" + std::to_string(threads))).string();
        options.inputs = {sample_corpus()};
        options.threads = threads;
        options.commit_every = 7;
        options.report = (dir / "report.json").string();
        std::ostringstream log, err;
        const IndexSummary s = run_index(options, log, err);
        const CpuSummary& cpu = s.cpu;
        CHECK(cpu.reader > 0);
        CHECK(cpu.analysis > 0);
        CHECK(cpu.writer > 0);
        CHECK(cpu.commit > 0);
        CHECK(cpu.commit <= cpu.writer);
        CHECK(cpu.boilerplate > 0);
        // The stages are disjoint parts of the process's CPU time (its clock ticks coarser).
        CHECK(cpu.reader + cpu.analysis + cpu.writer + cpu.boilerplate <= cpu.process + 0.02);
        std::ifstream in(options.report);
        const std::string report((std::istreambuf_iterator<char>(in)), {});
        for (const char* key : {"\"cpu\"", "\"reader\"", "\"analysis\"", "\"writer\"", "\"commit\"",
                                "\"boilerplate\"", "\"process\"", "\"waits\""}) {
            CAPTURE(key);
            CHECK(report.find(key) != std::string::npos);
        }
    }
}
