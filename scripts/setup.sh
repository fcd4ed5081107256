#!/usr/bin/env bash
# One-time (idempotent) set-up of a fresh Debian machine for АРМ: the Debian packages the product and its tests use,
# then the pinned npm packages. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
# The Electron runtime cannot be downloaded on build machines; the browser workstation stands in for it.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1

PKGS=(chromium softhsm2 opensc poppler-utils zbar-tools qpdf openssl libengine-gost-openssl fonts-dejavu-core ca-certificates
  # the document scanner: scanimage, and libsane1's `test` backend that the scanner tests scan from
  sane-utils libsane1 postgresql)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  echo "setup: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

stamp=node_modules/.arm-lock-sha
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
fi
echo "setup: ready"
