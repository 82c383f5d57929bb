// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

#include <xapian.h>
#include <nlohmann/json.hpp>

#include "fahras/extract/entity_extractor.hpp"

namespace fahras {

/// Adds the terms, value slots and "entities" data field of `entities` to a document
/// (see analyse_document()).
void add_entities(Xapian::Document& doc, nlohmann::json& data,
                  const std::vector<DocumentEntity>& entities);

}  // namespace fahras
