#!/bin/sh
# Records the built jar of each named module as the API baseline of a released version (run after
# `mvn package`), and appends its checksums to SHA256SUMS:
#   platform/baseline/record.sh platform/api platform/libs/formats ...
# A recorded release never changes: a version that is already recorded is refused, and the build
# fails when a recorded file differs from its checksum.
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
baseline="$root/platform/baseline"
sha256() { if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi; }

# Check every module before recording any, so that a refusal records nothing.
for module in "$@"; do
  pom="$root/$module/pom.xml"
  [ -f "$pom" ] || { echo "record.sh: $module: no pom.xml there" >&2; exit 2; }
  artifact=$(sed -n 's|^  <artifactId>\(.*\)</artifactId>|\1|p' "$pom" | head -1)
  version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$pom" | head -1)
  case "$version" in *-SNAPSHOT) echo "record.sh: $module: $version is not a release" >&2; exit 2;; esac
  [ -f "$root/$module/target/$artifact-$version.jar" ] \
    || { echo "record.sh: $module/target/$artifact-$version.jar not found; run mvn package first" >&2; exit 1; }
  [ ! -e "$baseline/repository/io/timelapse/baseline/$artifact/$version" ] \
    || { echo "record.sh: $artifact $version is already recorded, and a released baseline never changes; raise the version in $module/pom.xml to record a new release" >&2; exit 1; }
done

for module in "$@"; do
  pom="$root/$module/pom.xml"
  artifact=$(sed -n 's|^  <artifactId>\(.*\)</artifactId>|\1|p' "$pom" | head -1)
  version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' "$pom" | head -1)
  path="repository/io/timelapse/baseline/$artifact/$version"
  mkdir -p "$baseline/$path"
  cp "$root/$module/target/$artifact-$version.jar" "$baseline/$path/$artifact-$version.jar"
  cat > "$baseline/$path/$artifact-$version.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.timelapse.baseline</groupId>
  <artifactId>$artifact</artifactId>
  <version>$version</version>
</project>
POM
  (cd "$baseline" && sha256 "$path/$artifact-$version.jar" "$path/$artifact-$version.pom" >> SHA256SUMS)
  : > "$root/$module/.baseline"
  echo "recorded $artifact $version: set <timelapse.baseline.version>$version</timelapse.baseline.version> in $module/pom.xml"
done
