// SPDX-License-Identifier: GPL-3.0-or-later
#include "fahras/cli/app.hpp"

#include "fahras/cli/version.hpp"

namespace fahras::cli {

std::string version_line(std::string_view tool) {
    return std::string(tool) + ' ' + version;
}

void add_version(CLI::App& app, std::string_view tool) {
    app.set_version_flag("--version", version_line(tool));
}

CLI::Option* add_db(CLI::App& app, std::string& db, const std::string& help) {
    return app.add_option("--db", db, help)->type_name("DIR");
}

CLI::Option* add_format(CLI::App& app, std::string& format,
                        const std::vector<std::string>& choices) {
    std::string names;
    for (const std::string& choice : choices) {
        if (!names.empty()) names += '|';
        names += choice;
    }
    return app.add_option("--format", format, "Output format")
        ->check(CLI::IsMember(choices))
        ->type_name(names);
}

CLI::Option* add_gazetteer(CLI::App& app, ExtractorSetup& setup) {
    return app
        .add_option("--gazetteer", setup.gazetteers,
                    "Add the entities of this TSV file (columns canonical_id, type, "
                    "arabic_name, aliases, english_name, source) to the shipped gazetteer; "
                    "repeatable")
        ->allow_extra_args(false)  // one file per flag: the paths after it are inputs
        ->type_name("FILE");
}

CLI::Option* add_no_tagger(CLI::App& app, ExtractorSetup& setup, const std::string& help) {
    return app.add_flag_callback("--no-tagger", [&setup] { setup.tagger = false; }, help);
}

CLI::Option* add_ner_article_pass(CLI::App& app, ExtractorSetup& setup, const std::string& help) {
    return app.add_flag_callback("--ner-article-pass", [&setup] { setup.ner_article_pass = true; },
                                 help);
}

}  // namespace fahras::cli
