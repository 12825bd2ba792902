#!/bin/sh
# Backprojection benchmark: emflow vs RELION 3.1 relion_reconstruct on the same simulated files.
# Usage: bench/run-backproject.sh DIR BOX PARTICLES TILTS   e.g. bench/run-backproject.sh /tmp/b128 128 1220 -60:60:3
# Needs: mvn -B -Pbench -DskipTests package (bench/target/benchmarks.jar); relion_reconstruct on PATH for the comparison.
set -e
DIR=$1; BOX=$2; N=$3; TILTS=$4
JAR=$(dirname "$0")/target/benchmarks.jar
mkdir -p "$DIR"
[ -f "$DIR/sim.star" ] || java -cp "$JAR" org.emflow.bench.SimulateSet "$DIR/sim.star" "$BOX" "$N" "$TILTS" 0.1 1
echo "== emflow (all cores)"
/usr/bin/time -v java -cp "$JAR" org.emflow.bench.BackprojectFiles "$DIR/sim.star" "$DIR/emflow.mrc" 2>"$DIR/emflow.time"
grep -E "Elapsed|Maximum resident|User time|System time" "$DIR/emflow.time"
if command -v relion_reconstruct >/dev/null; then
  echo "== relion_reconstruct --ctf"
  (cd "$DIR" && /usr/bin/time -v relion_reconstruct --i sim.star --o relion.mrc --ctf >relion.log 2>relion.time) || true
  grep -E "Elapsed|Maximum resident|User time|System time" "$DIR/relion.time"
fi
