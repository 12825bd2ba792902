#!/usr/bin/env bash
# Installs Debian's Chromium for the studio's browser tests when it is missing (as root, or with sudo).
set -euo pipefail
if [ -x /usr/lib/chromium/chromium ]; then
  exit 0
fi
echo "studio e2e: installing chromium with apt-get..." >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
/usr/lib/chromium/chromium --version >&2
