// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The command-line options that several tools take, each written once: the version line,
// --db, --format, and the entity extractor's --gazetteer and tagger switches. A tool adds the
// ones it takes to its CLI::App (or subcommand); the values land in its options structs.

#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "fahras/extract/entity_extractor.hpp"

namespace fahras::cli {

/// "TOOL VERSION" (version.hpp), what `--version` prints: "fahras-index 0.1.0".
[[nodiscard]] std::string version_line(std::string_view tool);

/// `--version` on `app`: parsing it throws CLI::CallForVersion, whose what() is
/// version_line(tool).
void add_version(CLI::App& app, std::string_view tool);

/// `--db DIR` into `db`, described by `help`.
CLI::Option* add_db(CLI::App& app, std::string& db, const std::string& help);

/// `--format A|B|…` into `format`, one of `choices`.
CLI::Option* add_format(CLI::App& app, std::string& format,
                        const std::vector<std::string>& choices);

/// `--gazetteer FILE` (repeatable, one file per flag so that the paths after it stay
/// positional) into `setup.gazetteers`.
CLI::Option* add_gazetteer(CLI::App& app, ExtractorSetup& setup);

/// `--no-tagger` (clears `setup.tagger`), described by `help`.
CLI::Option* add_no_tagger(CLI::App& app, ExtractorSetup& setup, const std::string& help);

/// `--ner-article-pass` (sets `setup.ner_article_pass`), described by `help`.
CLI::Option* add_ner_article_pass(CLI::App& app, ExtractorSetup& setup, const std::string& help);

}  // namespace fahras::cli
