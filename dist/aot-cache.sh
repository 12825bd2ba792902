#!/usr/bin/env bash
# Package step (dist/pom.xml): records an ahead-of-time cache for the launcher when a JDK 25 or newer is
# installed (JEP 483/514/515: the classes a run loads, linked, and the methods' profiles, taken from a training
# run of the quickstart workflow and, when ../shared is there, the focal-series example). ./emflow then starts
# that JDK with the cache. Measured on the focal-series example, interleaved against JDK 17 without a cache:
# 0.83x wall, 0.85x CPU; back projection (box 128, 50,020 images) unchanged. Without a JDK 25 this does nothing
# and ./emflow runs the default java (17 or newer) as before.
# Usage: aot-cache.sh JAR CACHE REPOSITORY
set -uo pipefail
jar=$1; cache=$2; repo=$3
rm -f "$cache" "$cache.java"

major() { # the feature version of a java binary, or 0
  "$1" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p' | grep -E '^[0-9]+$' || echo 0
}
java25=""
for j in ${EMFLOW_AOT_JAVA:-} ${JAVA_HOME:+$JAVA_HOME/bin/java} /usr/lib/jvm/*/bin/java; do
  if [ -x "$j" ] && [ "$(major "$j")" -ge 25 ]; then java25=$j; break; fi
done
if [ -z "$java25" ]; then
  echo "emflow: no JDK 25 or newer found (EMFLOW_AOT_JAVA, JAVA_HOME, /usr/lib/jvm): no AOT cache; ./emflow uses the default java"
  exit 0
fi
log="$cache.log"
# The same collector as the launcher's: the cache is recorded for it.
if "$java25" -XX:AOTCacheOutput="$cache.tmp" -XX:+UseSerialGC -XX:Tier4BackEdgeThreshold=2000000 \
    -cp "$jar" org.emflow.cli.AotTraining "$repo" >"$log" 2>&1 && [ -s "$cache.tmp" ]; then
  mv -f "$cache.tmp" "$cache"
  printf '%s\n' "$java25" >"$cache.java"
  echo "emflow: AOT cache for $java25 in $cache"
else
  rm -f "$cache.tmp"
  echo "emflow: the AOT training run failed (see $log): no AOT cache; ./emflow uses the default java"
fi
exit 0
