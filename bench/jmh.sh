#!/usr/bin/env bash
# JMH benchmarks of the pure core's hot paths (command parsing, DATA decoding, reply formatting).
# Usage: bash bench/jmh.sh [JMH options], e.g. bash bench/jmh.sh -f 1 -wi 2 -i 3 decodeBody
set -euo pipefail
cd "$(dirname "$0")/.."
for d in /usr/lib/jvm/*; do
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" 2>/dev/null || true)
  if [ -n "$v" ] && [ "$v" -ge 21 ]; then export JAVA_HOME="$d"; fi
done
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
exec "$JAVA_HOME/bin/java" -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main "$@"
