#!/bin/sh
# Benchmark, not a test: batch reads of 1024 x 2049 uint16 at random steps from a >= 1.5 GB
# pre-shuffled file, our reader against numpy.memmap slicing plus copy, side by side in one run.
# usage: src/bench/run-preshuffled-read-bench.sh [PREFIX [ROWS]]   (default /tmp/pythia-bench/document, 368640 rows = 1.51 GB)
set -e
module=$(cd "$(dirname "$0")/../.." && pwd)
cd "$module"
if ! /usr/bin/python3 -c 'import numpy' 2>/dev/null; then
  apt-get install -y python3-numpy
fi
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Xmx2g -cp "target/classes:target/test-classes:$(cat target/bench.classpath)" \
  io.timelapse.plugin.pythia.bench.PreshuffledReadBench "$module/src/bench/preshuffled_read.py" "$@"
