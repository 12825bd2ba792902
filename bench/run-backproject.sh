#!/bin/sh
# Back projection side by side: the whole `./emflow backproject-voxel` command (JVM start, reading, back projection,
# FSC, filtering, every output file) against RELION's `relion_reconstruct --ctf` on the same simulated files, in
# turn (emflow, RELION, emflow, RELION, ...) so that both see the same machine: these shared machines drift by
# 20 % within minutes, so only the ratio of each pair is worth quoting.
# Usage: bench/run-backproject.sh DIR BOX PARTICLES TILTS [PAIRS]   e.g. bench/run-backproject.sh /tmp/b128 128 1220 -60:60:3 3
# (box 128, 1220 particles x 41 tilts = 50,020 images: 3.3 GB of stacks in DIR).
# Needs: mvn -B -Pbench -DskipTests package (bench/target/benchmarks.jar, for the simulation); relion_reconstruct
# (Debian: apt-get install relion) and GNU time (/usr/bin/time).
set -e
DIR=$1; BOX=$2; N=$3; TILTS=$4; PAIRS=${5:-3}
HERE=$(cd "$(dirname "$0")/.." && pwd)
JAR=$HERE/bench/target/benchmarks.jar
mkdir -p "$DIR"
[ -f "$DIR/sim.star" ] || java -cp "$JAR" org.emflow.bench.SimulateSet "$DIR/sim.star" "$BOX" "$N" "$TILTS" 0.1 1
"$HERE/emflow" --version >/dev/null # builds the jar once, outside the timings
FMT="%e %U %S %M"
for i in $(seq "$PAIRS"); do
  rm -f "$DIR"/emflow*.mrc "$DIR"/emflow_*
  /usr/bin/time -f "$FMT" -o "$DIR/emflow.time" "$HERE/emflow" backproject-voxel "$DIR/sim.star" -o "$DIR/emflow.mrc" >"$DIR/emflow.log" 2>&1
  (cd "$DIR" && /usr/bin/time -f "$FMT" -o relion.time relion_reconstruct --i sim.star --o relion.mrc --ctf >relion.log 2>&1)
  read -r ew eu es em <"$DIR/emflow.time"
  read -r rw ru rs rm <"$DIR/relion.time"
  awk -v i="$i" -v ew="$ew" -v em="$em" -v rw="$rw" -v ru="$ru" -v rs="$rs" -v rm="$rm" -v eu="$eu" -v es="$es" 'BEGIN {
    e = eu + es; r = ru + rs
    printf "pair %d: emflow %.1f s wall, %.1f s CPU, %d MB | relion_reconstruct %.1f s wall, %.1f s CPU, %d MB | %.1fx wall, %.1fx CPU\n",
      i, ew, e, em / 1024, rw, r, rm / 1024, rw / ew, r / e }'
done
