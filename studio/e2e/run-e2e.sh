#!/usr/bin/env bash
# The studio's browser tests on their own: Chromium if missing, then the studio module (and what it
# depends on) built and its browser suite run; fails (not skips) when anything is missing.
# Screenshots: studio/target/e2e-screenshots/.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
"$root/studio/e2e/ensure-chromium.sh"
mvn -B -q -f "$root/pom.xml" -pl studio -am verify -Demflow.e2e=required \
  -Dtest=StudioBrowserE2ETest -Dsurefire.failIfNoSpecifiedTests=false
echo "studio e2e: passed; screenshots in $root/studio/target/e2e-screenshots/"
