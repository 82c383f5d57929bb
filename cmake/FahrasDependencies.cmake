# Finds Fahras's Debian 12 dependencies and gives each an imported target.
find_package(xapian REQUIRED CONFIG)
# Xapian's config file sets variables only; wrap them in a proper target.
if(NOT TARGET Xapian::xapian)
  add_library(Xapian::xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()
find_package(ICU 72 REQUIRED COMPONENTS uc i18n data)
find_package(CLI11 REQUIRED CONFIG)
find_package(nlohmann_json 3 REQUIRED CONFIG)
find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)
# HTML inputs (issue #5): Gumbo has no CMake config; Debian ships a pkg-config file.
find_package(PkgConfig REQUIRED)
pkg_check_modules(Gumbo REQUIRED IMPORTED_TARGET gumbo)
# fahras-serve: Debian's cpp-httplib is a compiled library whose pkg-config file carries the
# feature macros (OpenSSL, zlib, brotli) its ABI was built with.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
