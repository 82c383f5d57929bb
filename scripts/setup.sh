#!/usr/bin/env bash
# Installs the Debian 12 packages Fahras needs to build, test and run.
# Idempotent: packages already present are not reinstalled; apt-get update runs only when
# something is missing. Uses sudo when not run as root.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config
  libxapian-dev xapian-tools
  libicu-dev
  libcli11-dev
  catch2
  nlohmann-json3-dev
  zlib1g-dev
  libgumbo-dev
  python3
  clang libclang-rt-14-dev clang-format-14
  libcpp-httplib-dev
  wrk
  # NER training only (scripts/train-ner.sh): the word vectors behind the tagger's word clusters
  fasttext
  # the search page: its Arabic fonts, and the browser tests (headless Chromium, Selenium, feeds)
  fonts-noto-core
  chromium chromium-driver python3-selenium python3-feedparser
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "setup: error: need root or sudo to install: ${missing[*]}" >&2; exit 2
  fi
fi

echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
