// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/query/cli.hpp"

#include <algorithm>
#include <istream>
#include <ostream>

#include <xapian.h>
#include <CLI/CLI.hpp>

#include "fahras/cli/app.hpp"
#include "fahras/common/analyzer.hpp"
#include "fahras/common/errors.hpp"
#include "fahras/extract/dates.hpp"
#include "fahras/extract/entity_extractor.hpp"
#include "fahras/query/batch.hpp"

namespace fahras {

namespace {

constexpr const char* description =
    "fahras-query: search a Fahras database of Arabic news articles.\n"
    "\n"
    "Query words are analysed like the indexed text (hamza and alef forms, alef maqsura, taa\n"
    "marbuta, diacritics and tatweel are folded; words are lightly stemmed), so a query finds\n"
    "every spelling of a word.\n"
    "\n"
    "Queries: the query words given; with --batch or the query '-', one query a line of stdin;\n"
    "without words but with a filter option (--from, --to, --mentioned-from/-to, --agency,\n"
    "--person/--place/--org/--entity, --same-story), the filters alone: stdin is not read.\n"
    "With neither words nor filters, queries are read from stdin when it is not a terminal\n"
    "(so 'printf \"q1\\nq2\\n\" | fahras-query --db DB' works as it always has).\n";

constexpr const char* footer =
    "\nQuery syntax:\n"
    "  word                  the word in any spelling or inflection (stemmed)\n"
    "  \"two words\"           the words next to each other, in this order (also «…»)\n"
    "  =word                 this exact spelling only (=مسؤول does not match مسئول)\n"
    "  word*                 words starting with it, with or without clitics (اقتصا* finds\n"
    "                        اقتصادية، الاقتصاد، والاقتصادي); at most 1000 words per prefix\n"
    "  '*'                   every article (alone, or with filters: '*' source:bbc)\n"
    "  a NEAR b, a NEAR/3 b  both words at most 10 (or 3) words apart, in either order\n"
    "  a b                   ranked by how many and how rare (--match auto, the default:\n"
    "                        question and function words such as ما، متى، في are left out),\n"
    "                        both (--match all) or either (--match any)\n"
    "  a AND b, a OR b, a NOT b, (a OR b) c     operators are upper-case\n"
    "  +word  -word  -\"a phrase\"                must match / must not match\n"
    "  title:word  title:\"a phrase\"             in the title\n"
    "  source:NAME  category:NAME               filters (several source: values: any of them)\n"
    "  person:NAME  place:NAME  org:NAME        articles that mention the entity; NAME in any\n"
    "                                           spelling or in Latin letters (Shoigu, Aleppo)\n"
    "  agency:NAME                              agency credited (agency:رويترز, agency:AFP)\n"
    "  date:2015-09  date:2015-09..2015-10  year:2014     publication date filters\n"
    "  mentioned:2014-08  mentioned:2014-01..2014-06      dates mentioned in the text\n"
    "  hijri:1436-09  hijri:1436                          Hijri month/year mentioned\n"
    "  A query is at most 65536 bytes long, with parentheses at most 100 deep. A query with\n"
    "  no searchable words (only punctuation, \"\", or only words such as في من) is an\n"
    "  error (exit 2): use '*' to list every article.\n"
    "\nFacets:\n"
    "  --facets counts each facet's values over ALL matching articles (not only the page):\n"
    "  JSON \"facets\": {\"source\": [{\"value\": \"bbc\", \"count\": 12}, …], …}.\n"
    "  Past --facet-limit matches the counts are estimated on a uniform sample and scaled\n"
    "  (JSON \"facets_estimated\": true, \"facets_scale\": 16; the text output says so).\n"
    "\nNumber of matches:\n"
    "  Exact up to --count-exact-max matches (10000), whatever --limit is: text \"of 139\",\n"
    "  JSON \"total_estimate\": 139, \"total_exact\": true. Beyond, Xapian's estimate with its\n"
    "  bounds: \"of about 52,000 (51,200–53,900)\", \"total_exact\": false, \"total_lower\",\n"
    "  \"total_upper\". TSV: a line #total<TAB>N<TAB>exact|estimate<TAB>LOWER<TAB>UPPER after\n"
    "  the header, before each query's hits. With --collapse the hits are stories and the\n"
    "  number counts articles. --batch --format trec shows no number and does not count.\n"
    "\nExamples:\n"
    "  fahras-query --db ./fahras-db شويغو\n"
    "  fahras-query --db ./fahras-db '\"وزير الدفاع الروسي\"' source:alarabia\n"
    "  fahras-query --db ./fahras-db --from 2015-09 --to 2015-10 --sort -date سوريا\n"
    "  fahras-query --db ./fahras-db --facets --limit 0 mentioned:2014-08\n"
    "  fahras-query --db ./fahras-db --format json --limit 5 'سوريا NOT روسيا'\n"
    "  fahras-query --db ./fahras-db --match any مسئول رفيع\n"
    "  fahras-query --db ./fahras-db --facets --limit 0 سوريا   (only the facet counts)\n"
    "  fahras-query --db ./fahras-db شويغو -زاخاروفا\n"
    "  fahras-query --db ./fahras-db --collapse --agency AFP سوريا\n"
    "  fahras-query --db ./fahras-db --same-story sample_corpus/seeds/000_d7d323a442f094ad.txt   "
    "(an id as\n"
    "                        the output shows it; this one after fahras-index --db ./fahras-db\n"
    "                        sample_corpus/, as in README.md)\n"
    "  fahras-query --db ./fahras-db -- -word other   (a Latin -word needs '--' first)\n"
    "  printf 'سوريا\\nلبنان\\n' | fahras-query --db ./fahras-db --format json   (JSON Lines)\n"
    "  printf 'سوريا\\nلبنان\\n' | fahras-query --db ./fahras-db --from 2015 -   (stdin and "
    "filters)\n"
    "  fahras-query --db ./fahras-db --from 2015-09 --to 2015-10 --limit 0   (filters alone)\n"
    "  fahras-query analyze 'المسؤولين الأمريكيين'\n"
    "  printf 'q1\\tمتى ولد المتنبي؟\\n' | fahras-query --db ./fahras-db --batch --format trec\n"
    "  fahras-query --db ./fahras-db --person Shoigu --facets --limit 5\n"
    "  fahras-query --db ./fahras-db 'place:حلب person:\"جون كيري\"'\n"
    "  fahras-query entities --db ./fahras-db --type person --top 20\n"
    "  fahras-query show --db ./fahras-db ID   (one article in full)\n"
    "\nExit status:\n"
    "  0  hits found, or with --limit 0 some article matches (for queries from stdin: some\n"
    "     query did)\n"
    "  1  no hits\n"
    "  2  error: bad options, query syntax error, no searchable words, database missing,\n"
    "     unreadable or damaged\n";

/// Marks an argument that CLI11 would take for an option although it is a query word.
constexpr char protect_mark = '\x1F';

/// `-زاخاروفا`, `-"a phrase"`, `-(…)` cannot be options (ours are ASCII), but CLI11 would
/// reject them as unknown short options. Such arguments before `--` get protect_mark in front,
/// which unprotect() removes once CLI11 has put them among the positional words.
std::vector<std::string> protect_negations(std::vector<std::string> args) {
    for (std::string& arg : args) {
        if (arg == "--") break;
        if (arg.size() >= 2 && arg[0] == '-' &&
            (static_cast<unsigned char>(arg[1]) >= 0x80 || arg[1] == '"' || arg[1] == '(')) {
            arg.insert(arg.begin(), protect_mark);
        }
    }
    return args;
}

void unprotect(std::vector<std::string>& words) {
    for (std::string& w : words) {
        if (!w.empty() && w[0] == protect_mark) w.erase(0, 1);
    }
}

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words) {
        if (!out.empty()) out += ' ';
        out += w;
    }
    return out;
}

bool blank(std::string_view line) {
    return line.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos;
}

}  // namespace

int run_query(const QueryOptions& options, Console& console) {
    if (options.db.empty()) throw UsageError("--db DIR is required to search");
    // Where the queries come from (the rule of --help): `--batch` or the query `-`: stdin, one
    // a line; query words: them; no words but a filter option: the filters alone (every
    // article that passes them), stdin unread whatever it is (cron's /dev/null, a pipe left
    // open); nothing at all: stdin when it is not a terminal, as scripts that pipe queries
    // have always done.
    const bool dash = options.words.size() == 1 && options.words.front() == "-";
    const SearchOptions& s = options.search;
    const bool filters_only = !s.same_story.empty() || !s.agencies.empty() || !s.sources.empty() ||
                              !s.entity_filters.empty() || !s.from.empty() || !s.to.empty() ||
                              !s.mentioned_from.empty() || !s.mentioned_to.empty();
    if (options.words.empty() && !filters_only && !options.batch && console.in_is_terminal) {
        throw UsageError("no query: give query words, or pipe queries on stdin (see --help)");
    }
    Searcher searcher(options.db);
    if (options.batch) {
        if (!options.words.empty() && !dash) {
            throw UsageError("--batch reads its queries from stdin only");
        }
        return run_batch(searcher, options.search, options.batch_options, console.in, console.out,
                         console.err);
    }
    OutputStyle style;
    style.format = options.format;
    style.ansi = console.ansi && options.format == OutputFormat::text;
    style.facets = options.search.facets;

    if ((!options.words.empty() && !dash) || (options.words.empty() && filters_only)) {
        const std::string query = join(options.words);
        // Blank query words (`fahras-query --db DB ''`) are not a search by filters alone.
        if (!options.words.empty() && blank(query) && !filters_only) {
            throw QueryError(std::string(no_searchable_words));
        }
        const SearchResult result = searcher.search(SearchRequest{query, options.search});
        write_result(console.out, result, style);
        return found(result, options.search) ? query_hits : query_no_hits;
    }

    // One query per line of stdin: JSON Lines for --format json.
    style.json_lines = true;
    bool first = true;
    bool any_hits = false;
    bool any_error = false;
    std::size_t line_number = 0;
    std::string line;
    while (std::getline(console.in, line)) {
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (blank(line)) continue;
        try {
            const SearchResult result = searcher.search(SearchRequest{line, options.search});
            write_result(console.out, result, style, first);
            any_hits = any_hits || found(result, options.search);
        } catch (const QueryError& e) {
            console.err << "fahras-query: error: stdin line " << line_number << ": " << e.what()
                        << '\n';
            write_query_error(console.out, line, e.what(), style);
            any_error = true;
        }
        first = false;
        console.out.flush();
    }
    if (any_error) return query_error;
    return any_hits ? query_hits : query_no_hits;
}

namespace {

dates::ExtractOptions analysis_date_options(const AnalyzeOptions& options) {
    dates::ExtractOptions date_options;
    if (!options.pubdate.empty()) {
        const auto d = dates::parse_user_date(options.pubdate);
        if (!d || d->second != dates::Precision::day) {
            throw UsageError("--pubdate: '" + options.pubdate + "' is not a date (YYYY-MM-DD)");
        }
        date_options.pubdate = d->first;
    }
    return date_options;
}

}  // namespace

std::string analyze_to_json(const std::string& text, const EntityExtractor& extractor,
                            const AnalyzeOptions& options) {
    const std::vector<Token> tokens = default_analyzer().analyze(text);
    return analysis_to_json(text, tokens, extractor.extract(text, tokens),
                            dates::extract_dates(text, tokens, analysis_date_options(options)));
}

int run_analyze(const AnalyzeOptions& options, Console& console) {
    if (options.format == OutputFormat::tsv) {
        throw UsageError("analyze writes text or json, not tsv");
    }
    OutputStyle style;
    style.format = options.format;
    const Analyzer& analyzer = default_analyzer();
    const std::unique_ptr<EntityExtractor> extractor = make_entity_extractor(options.extraction);
    const dates::ExtractOptions date_options = analysis_date_options(options);
    const auto analyse = [&](const std::string& text) {
        const std::vector<Token> tokens = analyzer.analyze(text);
        write_analysis(console.out, text, tokens, extractor->extract(text, tokens), style,
                       dates::extract_dates(text, tokens, date_options));
    };
    if (!options.words.empty()) {
        analyse(join(options.words));
        return query_hits;
    }
    style.json_lines = true;
    bool first = true;
    std::string line;
    while (std::getline(console.in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!first && style.format == OutputFormat::text) console.out << '\n';
        analyse(line);
        first = false;
    }
    return query_hits;
}

int run_show(const ShowOptions& options, Console& console) {
    if (options.db.empty()) throw UsageError("--db DIR is required to show an article");
    if (options.format == OutputFormat::tsv) throw UsageError("show writes text or json, not tsv");
    Searcher searcher(options.db);
    const std::optional<ArticleView> article = searcher.article(options.id);
    if (!article) {
        console.err << "fahras-query: no article with id '" << options.id << "'\n";
        return query_no_hits;
    }
    if (options.format == OutputFormat::text) {
        write_article(console.out, *article);
        return query_hits;
    }
    console.out << article_json(*article, *make_entity_extractor(options.extraction)) << '\n';
    return query_hits;
}

std::string article_json(const ArticleView& article, const EntityExtractor& extractor) {
    const Analyzer& analyzer = default_analyzer();
    const std::string& title = article.hit.title;
    return article_to_json(article, extractor.extract(title, analyzer.analyze(title)),
                           extractor.extract(article.body, analyzer.analyze(article.body)));
}

int query_main(const std::vector<std::string>& args, Console& console) {
    QueryOptions query;
    AnalyzeOptions analyze;
    std::string format = "text";
    std::string match = "auto";
    std::string ranking;

    CLI::App app{description, "fahras-query"};
    app.footer(footer);
    cli::add_version(app, "fahras-query");
    cli::add_db(app, query.db, "Database directory written by fahras-index");
    cli::add_format(app, format, {"text", "json", "tsv", "trec"})->capture_default_str();
    app.add_option("--limit", query.search.limit, "Number of hits to show")
        ->capture_default_str()
        ->type_name("N");
    app.add_option("--offset", query.search.offset, "Number of hits to skip (paging)")
        ->capture_default_str()
        ->type_name("N");
    app.add_option("--match", match,
                   "Implicit operator between words: auto (free text: any word, question words "
                   "left out, best matches first), all (AND) or any (OR)")
        ->check(CLI::IsMember({"all", "any", "auto"}))
        ->capture_default_str()
        ->type_name("all|any|auto");
    app.add_option("--snippet-bytes", query.search.snippet_bytes,
                   "Snippet length in UTF-8 bytes (about half as many Arabic letters)")
        ->capture_default_str()
        ->type_name("N");
    // News: docs/NEWS.md.
    app.add_option("--agency", query.search.agencies,
                   "Only articles crediting this agency (AFP, Reuters, AP, dpa, …, or an Arabic "
                   "name such as رويترز); repeat for any of several")
        ->allow_extra_args(false)  // one NAME per --agency: the query words follow
        ->type_name("NAME");
    app.add_option("--source", query.search.sources,
                   "Only articles from this source (as the input names it, like source:NAME); "
                   "repeat for any of several")
        ->allow_extra_args(false)
        ->type_name("NAME");
    app.add_flag("--collapse", query.search.collapse,
                 "One hit per story: near-duplicate versions are folded into the best one, "
                 "with the number and sources of the others");
    app.add_option("--same-story", query.search.same_story,
                   "List the versions of the story of article ID (query words, if any, filter "
                   "them further)")
        ->type_name("ID");
    app.add_flag("--batch", query.batch,
                 "Run the queries of stdin (one a line, optionally qid<TAB>query) as one batch: "
                 "--format trec (qid Q0 id rank score fahras) or json (JSON Lines with qid)");
    app.add_flag("--latency", query.batch_options.latency,
                 "With --batch: print LATENCY_MS n= p50= p95= mean= on stderr (after warm-up), "
                 "then LATENCY_CPU_MS (CPU time of the search)");
    app.add_option("--ranking", ranking,
                   "Ranking parameters for experiments: key=value,... (k1, b, and_max, stop, "
                   "exact, folded, title, prox, window, fwords, scheme, delta, c, coord, depth, "
                   "prf, prf_terms, prf_weight; see docs/QUALITY.md)")
        ->type_name("SPEC");
    app.add_flag("--facets", query.search.facets,
                 "Count facets (source, category, …) over the whole match");
    app.add_option("--facet-top", query.search.facet_top, "Values shown per facet (0: all)")
        ->capture_default_str()
        ->type_name("N");
    app.add_option("--facet", query.search.facet_names,
                   "Count only this facet (source, category, agency, year, month, "
                   "mentioned_month, persons, places, organisations); repeatable; implies "
                   "--facets")
        ->allow_extra_args(false)
        ->type_name("NAME");
    app.add_option("--facet-limit", query.search.facet_max_docs,
                   "Facet counts are exact up to about this many matches; beyond, they are "
                   "estimated from a uniform sample of about this size (output says so; 0: "
                   "always exact)")
        ->capture_default_str()
        ->type_name("N");
    app.add_option("--count-exact-max", query.search.count_exact_max,
                   "The number of matches is exact up to this many (whatever --limit is); "
                   "beyond, Xapian's estimate with its bounds (output says which; 0: always "
                   "the estimate)")
        ->capture_default_str()
        ->type_name("N");
    std::vector<std::string> persons;
    std::vector<std::string> places;
    std::vector<std::string> orgs;
    std::vector<std::string> any_entities;
    app.add_option("--person", persons,
                   "Only articles that mention this person (any spelling, or Latin letters: "
                   "Shoigu); repeatable")
        ->allow_extra_args(false)
        ->type_name("NAME");
    app.add_option("--place", places, "Only articles that mention this place; repeatable")
        ->allow_extra_args(false)
        ->type_name("NAME");
    app.add_option("--org", orgs, "Only articles that mention this organisation; repeatable")
        ->allow_extra_args(false)
        ->type_name("NAME");
    app.add_option("--entity", any_entities,
                   "Only articles that mention this person, place or organisation; repeatable")
        ->allow_extra_args(false)
        ->type_name("NAME");
    std::string sort = "relevance";
    app.add_option("--sort", sort,
                   "Order of hits: relevance, date (oldest first), -date (newest first)")
        ->check(CLI::IsMember({"relevance", "date", "-date"}))
        ->capture_default_str()
        ->type_name("relevance|date|-date");
    app.add_option("--from", query.search.from,
                   "Published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
        ->type_name("DATE");
    app.add_option("--to", query.search.to,
                   "Published on or before DATE (inclusive: 2015-10 "
                   "is up to 2015-10-31)")
        ->type_name("DATE");
    app.add_option("--mentioned-from", query.search.mentioned_from,
                   "Mentions a date on or after DATE in its text")
        ->type_name("DATE");
    app.add_option("--mentioned-to", query.search.mentioned_to,
                   "Mentions a date on or before DATE in its text")
        ->type_name("DATE");
    app.add_option("query", query.words,
                   "Query words (joined with spaces); '-': one query a line of stdin (see above)")
        ->type_name("QUERY");

    CLI::App* analyze_cmd = app.add_subcommand(
        "analyze", "Show what the analysis pipeline makes of a text (no database needed)");
    cli::add_format(*analyze_cmd, format, {"text", "json"});
    analyze_cmd
        ->add_option("--pubdate", analyze.pubdate,
                     "Publication date for relative dates (أمس، اليوم الجمعة)")
        ->type_name("YYYY-MM-DD");
    cli::add_gazetteer(*analyze_cmd, analyze.extraction);
    cli::add_no_tagger(*analyze_cmd, analyze.extraction,
                       "Find entities with the gazetteer and context cues only, as "
                       "fahras-index --no-tagger");
    cli::add_ner_article_pass(*analyze_cmd, analyze.extraction,
                              "Run the tagger's article-level second pass too, as "
                              "fahras-index --ner-article-pass");
    analyze_cmd->add_option("text", analyze.words, "Text to analyse")->type_name("TEXT");
    analyze_cmd->footer(
        "\nPrints each word of TEXT with its UTF-8 byte offsets [start, end), position, kind, and\n"
        "its exact (=word), folded (phrases) and stemmed (ranking) forms, like Elasticsearch's\n"
        "_analyze. Without TEXT, analyses each line of stdin (JSON Lines for --format json).\n"
        "\nExamples:\n"
        "  fahras-query analyze 'قال المسؤولون الأمريكيون'\n"
        "  fahras-query analyze --format json 'وزيرا الدفاع'\n"
        "  fahras-query analyze --format json --pubdate 2015-09-18 'اليوم الجمعة'   (dates)\n");

    ShowOptions show;
    CLI::App* show_cmd = app.add_subcommand("show", "Show one stored article in full");
    cli::add_db(*show_cmd, show.db, "Database directory");
    cli::add_format(*show_cmd, format, {"text", "json"});
    cli::add_gazetteer(*show_cmd, show.extraction);
    cli::add_no_tagger(*show_cmd, show.extraction,
                       "JSON mentions from the gazetteer and context cues only");
    cli::add_ner_article_pass(*show_cmd, show.extraction,
                              "JSON mentions with the tagger's article-level second pass too, as "
                              "fahras-index --ner-article-pass");
    show_cmd->add_option("id", show.id, "The article's id (the id of a hit)")
        ->required()
        ->type_name("ID");
    show_cmd->footer(
        "\nPrints the article's fields, entities and whole body, and the other versions of its\n"
        "story; --format json gives the object of fahras-serve's /api/article, with the entity\n"
        "mentions and their byte offsets. Exit status 1 when no article has that id.\n"
        "\nExamples:\n"
        "  fahras-query show --db ./fahras-db sample_corpus/seeds/000_d7d323a442f094ad.txt\n"
        "  fahras-query show --db ./fahras-db --format json ant21:FR-culture-126-20180817\n");

    EntitiesOptions entities;
    CLI::App* entities_cmd = app.add_subcommand(
        "entities", "List the people, places and organisations the database holds");
    cli::add_db(*entities_cmd, entities.db, "Database directory");
    cli::add_format(*entities_cmd, format, {"text", "json"});
    entities_cmd->add_option("--type", entities.type, "Only this type")
        ->check(CLI::IsMember({"person", "place", "org", "organisation", "organization"}))
        ->type_name("person|place|org");
    entities_cmd->add_option("--top", entities.top, "Entities shown, most articles first (0: all)")
        ->capture_default_str()
        ->type_name("N");
    std::vector<std::string> entity_words;
    entities_cmd
        ->add_option("prefix", entity_words,
                     "Only names with a word starting with this (any spelling, or "
                     "Latin: Shoigu finds Sergei Shoigu); several words: the name "
                     "starting with them")
        ->type_name("PREFIX");
    entities_cmd->footer(
        "\nPrints one entity a line: articles, type, canonical id, name / Latin name, and the\n"
        "spellings seen in the articles.\n"
        "\nExamples:\n"
        "  fahras-query entities --db ./fahras-db --type person --top 20\n"
        "  fahras-query entities --db ./fahras-db شوي   (any word: سيرغي شويغو)\n"
        "  fahras-query entities --db ./fahras-db Shoigu\n"
        "  fahras-query entities --db ./fahras-db --format json Ale\n");

    try {
        // "--sort -date": CLI11 would take -date for an option; glue it to --sort.
        std::vector<std::string> glued;
        for (std::size_t i = 0; i < args.size(); ++i) {
            if (args[i] == "--sort" && i + 1 < args.size() && args[i + 1] == "-date") {
                glued.push_back("--sort=-date");
                ++i;
            } else {
                glued.push_back(args[i]);
            }
        }
        std::vector<std::string> reversed = protect_negations(glued);
        std::reverse(reversed.begin(), reversed.end());
        app.parse(reversed);
    } catch (const CLI::CallForHelp&) {
        console.out << app.help();
        return query_hits;
    } catch (const CLI::CallForVersion& e) {
        console.out << e.what() << '\n';
        return query_hits;
    } catch (const CLI::ExtrasError& e) {
        console.err << "fahras-query: error: " << e.what()
                    << " (query words that start with '-' go after '--', see --help)\n";
        return query_error;
    } catch (const CLI::ParseError& e) {
        console.err << "fahras-query: error: " << e.what() << " (see --help)\n";
        return query_error;
    }

    try {
        if (format == "trec" || query.batch) {
            if (!query.batch) throw UsageError("--format trec needs --batch");
            if (format != "trec" && format != "json") {
                throw UsageError("--batch writes --format trec or json");
            }
            query.batch_options.format = format == "trec" ? BatchFormat::trec : BatchFormat::json;
            query.search.snippets = format == "json";
            query.search.hit_details = format == "json";
            query.search.count_total = format == "json";  // a TREC run shows no count
            format = "json";
        }
        query.format = analyze.format = parse_output_format(format);
        query.search.match = match == "any"   ? MatchMode::any
                             : match == "all" ? MatchMode::all
                                              : MatchMode::auto_;
        query.search.ranking = parse_ranking_spec(ranking, query.search.ranking);
        for (const auto& [names, kind] :
             {std::pair{&persons, std::optional<EntityKind>(EntityKind::person)},
              std::pair{&places, std::optional<EntityKind>(EntityKind::place)},
              std::pair{&orgs, std::optional<EntityKind>(EntityKind::organisation)},
              std::pair{&any_entities, std::optional<EntityKind>()}}) {
            for (const std::string& name : *names) {
                query.search.entity_filters.push_back({kind, name, false});
            }
        }
        query.search.sort = parse_sort_order(sort);
        if (!query.search.facet_names.empty()) query.search.facets = true;
        unprotect(query.words);
        unprotect(analyze.words);
        if (analyze_cmd->parsed()) return run_analyze(analyze, console);
        if (show_cmd->parsed()) {
            show.format = query.format;
            if (show.db.empty()) show.db = query.db;
            return run_show(show, console);
        }
        if (entities_cmd->parsed()) {
            entities.format = query.format;
            if (entities.db.empty()) entities.db = query.db;
            unprotect(entity_words);
            entities.prefix = join(entity_words);
            return run_entities(entities, console);
        }
        return run_query(query, console);
    } catch (const InputError& e) {  // a file named by an option: `path[:line]: error: reason`
        console.err << "fahras-query: " << e.report() << '\n';
    } catch (const Error& e) {
        console.err << "fahras-query: error: " << e.what() << '\n';
    } catch (const Xapian::Error& e) {
        console.err << "fahras-query: error: " << e.get_description() << '\n';
    } catch (const std::exception& e) {
        console.err << "fahras-query: error: " << e.what() << '\n';
    }
    return query_error;
}

}  // namespace fahras
