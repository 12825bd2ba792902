#!/bin/sh
# Focal-series benchmark: `emflow fsrec` vs the original PyFSRec on the shipped example, same machine.
# Usage: bench/run-fsrec.sh WORKDIR [PyFSRec.py] [RUNS]
#   WORKDIR     scratch folder (parameter files and outputs go there)
#   PyFSRec.py  the original program (not part of emflow; needs python3 with numpy, scipy, matplotlib);
#               without it only emflow is measured
#   RUNS        pairs (default 5; each emflow run is followed by the original's, and the ratio of each pair is
#               what to report: short runs scatter)
# Both get the example's parameter file with the paths set (and inline comments removed: the original cannot
# parse them). PYTHON names the interpreter for the original (default python3).
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
PYTHON=${PYTHON:-python3} # Debian's /usr/bin/python3 has numpy, scipy and matplotlib (apt-get install python3-matplotlib)
seconds() { # seconds TIMEFILE: wall and CPU (user + sys) of a /usr/bin/time -v report
  awk '/Elapsed/ {n = split($NF, t, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + t[i]} /User time/ {u=$NF} /System time/ {s=$NF}
    END {printf "%.3f %.3f\n", w, u + s}' "$1"
}
# In turn, emflow then the original, pair by pair (these machines drift by 20 % within minutes: quote the
# ratio of each pair). MODES="default stepanalysis" adds --stepanalysis on each wave (the original's takes
# minutes and 8 GB).
for i in $(seq "$RUNS"); do
  for mode in ${MODES:-default}; do
    flag=""; [ $mode = stepanalysis ] && flag=--stepanalysis
    [ $mode = default ] && rm -rf "$WORK/emflow"
    prm "$WORK/emflow" "$WORK/emflow.fsr"
    /usr/bin/time -v "$HERE/emflow" fsrec --prm "$WORK/emflow.fsr" $flag >"$WORK/emflow-$mode.log" 2>"$WORK/emflow-$mode-$i.time"
    report "emflow fsrec $flag (run $i)" "$WORK/emflow-$mode-$i.time"
    if [ -n "$ORIG" ]; then
      [ $mode = default ] && rm -rf "$WORK/original"
      prm "$WORK/original" "$WORK/original.fsr"
      MPLBACKEND=Agg /usr/bin/time -v "$PYTHON" "$ORIG" --prm "$WORK/original.fsr" $flag >"$WORK/original-$mode.log" 2>"$WORK/original-$mode-$i.time"
      report "PyFSRec $flag (run $i)" "$WORK/original-$mode-$i.time"
      seconds "$WORK/emflow-$mode-$i.time" >"$WORK/e.s"; seconds "$WORK/original-$mode-$i.time" >"$WORK/o.s"
      read -r ew ec <"$WORK/e.s"; read -r ow oc <"$WORK/o.s"
      awk -v ew="$ew" -v ec="$ec" -v ow="$ow" -v oc="$oc" -v i="$i" 'BEGIN {printf "pair %d: %.1fx in wall time, %.1fx in CPU\n", i, ow / ew, oc / ec}'
    fi
  done
done
