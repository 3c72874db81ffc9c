#!/bin/sh
# Installs what ClusterIT needs for a one-node Slurm on this machine, when it is missing:
# slurmctld, slurmd and Slurm's commands (Debian's slurm-wlm) and munge, which Slurm authenticates with.
# Exit 0 when all is there, 3 when it is missing and this user may not install it, 1 when apt-get failed.
set -u
have_all() {
  for command in munged slurmctld slurmd sbatch squeue scancel sinfo; do
    PATH=$PATH:/usr/sbin:/sbin command -v "$command" >/dev/null 2>&1 || return 1
  done
}
have_all && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "install.sh: Slurm or munge is missing and only root can install them: apt-get install slurm-wlm munge" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
install() { apt-get install -y -q --no-install-recommends slurm-wlm munge; }
# A fresh machine may have no package lists yet: update them only when the install needs it.
install || { apt-get update -q && install; } || exit 1
have_all || { echo "install.sh: slurm-wlm and munge are installed, but a Slurm or munge command is still missing" >&2; exit 1; }
