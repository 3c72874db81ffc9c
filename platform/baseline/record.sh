#!/bin/sh
# Records the built jar of each named module as its released API baseline (run after `mvn package`):
#   platform/baseline/record.sh platform/api platform/libs/formats ...
# The bnd baseline check then compares every later build of that module with this jar.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
for module in "$@"; do
  pom="$root/$module/pom.xml"
  artifact=$(sed -n 's|^  <artifactId>\(.*\)</artifactId>|\1|p' "$pom" | head -1)
  version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$pom" | head -1)
  jar="$root/$module/target/$artifact-$version.jar"
  [ -f "$jar" ] || { echo "record.sh: $jar not found; run mvn package first" >&2; exit 1; }
  dir="$root/platform/baseline/repository/io/timelapse/baseline/$artifact/$version"
  mkdir -p "$dir"
  rm -rf "${HOME}/.m2/repository/io/timelapse/baseline/$artifact/$version"
  cp "$jar" "$dir/$artifact-$version.jar"
  cat > "$dir/$artifact-$version.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.timelapse.baseline</groupId>
  <artifactId>$artifact</artifactId>
  <version>$version</version>
</project>
POM
  : > "$root/$module/.baseline"
  echo "recorded $artifact $version: set <timelapse.baseline.version>$version</timelapse.baseline.version> in $module/pom.xml"
done
