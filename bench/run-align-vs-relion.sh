#!/bin/sh
# Local refinement side by side: emflow local-ali3d against RELION 3.1 relion_refine (auto-refine with local searches
# only) on the same simulated particles with known poses, perturbed by a known amount, on the same cores.
#
# Usage: bench/run-align-vs-relion.sh DIR setup|emflow|relion|report
#   setup   simulate N particles (box BOX, SNR), perturb their poses (ANGSIG degrees, SHIFTSIG pixels), and
#           reconstruct the perturbed start map that relion_refine takes as its reference (and the exact poses' map)
#   emflow  emflow local-ali3d --CTF on the perturbed poses (gold-standard halves; reference from the same poses)
#   relion  mpirun -n 3 relion_refine_mpi --auto_refine --split_random_halves, local searches from the first
#           iteration (healpix order 4, 3.7 deg, with --sigma_ang), 2 workers x 1 thread = the same 2 cores
#   report  angle and shift errors against the truth, and the FSC with the truth of the start map, of each program's
#           final map and of the exact poses' map (relion_reconstruct)
# Environment (defaults): N=300 BOX=64 SNR=0.1 ANGSIG=6 SHIFTSIG=1.5 MAXIT=10 DIAM=200 (Angstrom) EMFLOW=./emflow
#   EMFLOW_FLAGS (more local-ali3d flags, e.g. --MPI for SPARX's MPI simplex tolerances)
# Needs: mvn -B -Pbench -DskipTests package (bench/target/benchmarks.jar); relion_refine_mpi, relion_reconstruct and
# mpirun on PATH (Debian: apt-get install relion openmpi-bin).
# Timing, interleaved: give the emflow and relion modes to a tool that runs two commands in turn (A B A B), or run
#   for i in 1 2 3; do /usr/bin/time -f "%e s" bench/run-align-vs-relion.sh DIR emflow; \
#                      /usr/bin/time -f "%e s" bench/run-align-vs-relion.sh DIR relion; done
set -e
DIR=$1; MODE=$2
N=${N:-300}; BOX=${BOX:-64}; SNR=${SNR:-0.1}; ANGSIG=${ANGSIG:-6}; SHIFTSIG=${SHIFTSIG:-1.5}; MAXIT=${MAXIT:-10}
DIAM=${DIAM:-200}
HERE=$(cd "$(dirname "$0")" && pwd)
EMFLOW=${EMFLOW:-$HERE/../emflow}
JAR=$HERE/target/benchmarks.jar
MPIRUN="mpirun -n 3"
[ "$(id -u)" = 0 ] && MPIRUN="mpirun --allow-run-as-root --oversubscribe -n 3"
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
case "$MODE" in
setup)
  rm -rf "$DIR/sim"
  "$EMFLOW" simulate-tilt-series --box "$BOX" --particles "$N" --tilts 0 --snr "$SNR" --seed 1 -o "$DIR/sim/sim.star"
  "$EMFLOW" perturb-poses --particles "$DIR/sim/sim.star" --angle "$ANGSIG" --shift "$SHIFTSIG" --seed 1 \
      --out-dir "$DIR/perturbed" --force
  # relion resolves image names from the working folder: the perturbed STAR is read from the stacks' folder.
  cp "$DIR/perturbed/particles.star" "$DIR/sim/perturbed.star"
  (cd "$DIR/sim" && sed -i "s#^\([0-9]*@\)[^ ]*/\(sim_[0-9]*\.mrcs\)#\1\2#" perturbed.star \
      && relion_reconstruct --i perturbed.star --o start.mrc --ctf --angpix 4 >start.log 2>&1 \
      && relion_reconstruct --i sim.star --o exact.mrc --ctf --angpix 4 >exact.log 2>&1)
  ;;
emflow)
  "$EMFLOW" local-ali3d "$DIR/sim/perturbed.star" "$DIR/emflow" --CTF --maxit "$MAXIT" --delta 2 --ts 2 $EMFLOW_FLAGS \
      --force >"$DIR/emflow.log" 2>&1
  ;;
relion)
  rm -rf "$DIR/relion" && mkdir -p "$DIR/relion"
  (cd "$DIR/sim" && $MPIRUN relion_refine_mpi --o ../relion/run --auto_refine --split_random_halves \
      --i perturbed.star --ref start.mrc --ini_high 20 --ctf --particle_diameter "$DIAM" --flatten_solvent \
      --zero_mask --oversampling 1 --healpix_order 4 --auto_local_healpix_order 4 --sigma_ang "$(echo "$ANGSIG" | awk '{print $1/2}')" \
      --offset_range 3 --offset_step 1 --sym C1 --pad 2 --j 1 --pool 30 --dont_combine_weights_via_disc \
      --low_resol_join_halves 40 --norm --scale >"$DIR/relion.log" 2>&1)
  ;;
report)
  java -cp "$JAR" org.emflow.bench.PoseErrorFiles "$DIR/sim/sim.star" "$DIR/sim/perturbed.star" \
      "$DIR/emflow/refined.star" "$(ls "$DIR"/relion/run_it*_data.star | tail -1)"
  echo "emflow iterations: $(ls "$DIR"/emflow/fsc_iter*.csv | wc -l); relion iterations: $(ls "$DIR"/relion/run_it*_data.star | tail -1 | sed 's/.*_it0*\([0-9]*\)_data.star/\1/')"
  for m in "$DIR/sim/start.mrc" "$DIR/emflow/map.mrc" "$DIR/relion/run_class001.mrc" "$DIR/sim/exact.mrc"; do
    rm -rf "$DIR/fsc-tmp"
    printf '%s: ' "$m"
    "$EMFLOW" fsc --a "$m" --b "$DIR/sim/sim_truth.mrc" --mask-mode none --out-dir "$DIR/fsc-tmp" 2>&1 | grep -i "0.5" | head -1
  done
  ;;
*)
  echo "usage: $0 DIR setup|emflow|relion|report" >&2; exit 2 ;;
esac
