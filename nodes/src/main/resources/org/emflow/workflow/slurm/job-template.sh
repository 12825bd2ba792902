#!/bin/bash
# emflow's Slurm job script template. Every job of a cluster run is this script with its fields filled in.
# Keep your copy next to the workflow and name it in the workflow file ([slurm] template = FILE) or on the
# command line (emflow run W.ini --executor slurm --slurm template=FILE).
#
# A field is a name in double braces: command (required: the emflow command of the job), node, job_name,
# cpus, mem, time, partition, run_folder. emflow passes --job-name, --output, --cpus-per-task, --mem, --time,
# --partition, --dependency and --array on the sbatch command line, where they override #SBATCH lines here;
# add the lines your site needs (an account, a QOS, modules, environment), for example:
#   #SBATCH --account=myproject
#   #SBATCH --qos=normal
#   module load java/17
# The run folder must be on a file system that every cluster node sees under the same path.
set -eu
{{command}}
