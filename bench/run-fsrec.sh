#!/bin/sh
# Focal-series benchmark: `emflow fsrec` vs the original PyFSRec on the shipped example, same machine.
# Usage: bench/run-fsrec.sh WORKDIR [PyFSRec.py] [RUNS]
#   WORKDIR     scratch folder (parameter files and outputs go there)
#   PyFSRec.py  the original program (not part of emflow; needs python3 with numpy, scipy, matplotlib);
#               without it only emflow is measured
#   RUNS        emflow repetitions (default 5; the median is what to report: short runs scatter)
# Both get the example's parameter file with the paths set (and, for the original, inline comments
# removed: it cannot parse them). Each run: a default reconstruction, then --stepanalysis on its wave.
set -e
HERE=$(cd "$(dirname "$0")/.." && pwd)
WORK=$1; ORIG=${2:-}; RUNS=${3:-5}
DATA=${EMFLOW_SHARED:-$HERE/../shared}/data/pyfsrec/example
[ -d "$DATA" ] || { echo "no example in $DATA (set EMFLOW_SHARED)" >&2; exit 2; }
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
prm() { # prm OUTDIR FILE: the example's parameters with paths (and no comments)
  mkdir -p "$1"
  sed -e 's/[#;].*$//' -e "s#^INPUTPATH=.*#INPUTPATH=$DATA/#" -e "s#^OUTPUTPATH=.*#OUTPUTPATH=$1/#" "$DATA/config-example.fsr" >"$2"
}
report() { # report LABEL TIMEFILE
  awk -v l="$1" '/Elapsed/ {w=$NF} /User time/ {u=$NF} /System time/ {s=$NF} /Maximum resident/ {m=$NF}
    END {printf "%-34s wall %8s  CPU %6.2f s (user %s + sys %s)  peak RSS %d MB\n", l, w, u + s, u, s, m / 1024}' "$2"
}
"$HERE/emflow" --version >/dev/null # builds the jar once, outside the timings
for mode in default stepanalysis; do
  flag=""; [ $mode = stepanalysis ] && flag=--stepanalysis
  for i in $(seq "$RUNS"); do
    [ $mode = default ] && rm -rf "$WORK/emflow"
    prm "$WORK/emflow" "$WORK/emflow.fsr"
    /usr/bin/time -v "$HERE/emflow" fsrec --prm "$WORK/emflow.fsr" $flag >"$WORK/emflow-$mode.log" 2>"$WORK/emflow-$mode-$i.time"
    report "emflow fsrec $flag (run $i)" "$WORK/emflow-$mode-$i.time"
  done
done
if [ -n "$ORIG" ]; then
  for mode in default stepanalysis; do
    flag=""; [ $mode = stepanalysis ] && flag=--stepanalysis
    [ $mode = default ] && rm -rf "$WORK/original"
    prm "$WORK/original" "$WORK/original.fsr"
    MPLBACKEND=Agg /usr/bin/time -v python3 "$ORIG" --prm "$WORK/original.fsr" $flag >"$WORK/original-$mode.log" 2>"$WORK/original-$mode.time"
    report "PyFSRec $flag" "$WORK/original-$mode.time"
  done
fi
