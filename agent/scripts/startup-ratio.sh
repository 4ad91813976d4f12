#!/usr/bin/env bash
# Start-up cost of the agent (docs/PERFORMANCE.md, "Agent"): loads every class of a jar (H2 2.5.252)
# in a fresh JVM, with no agent, with an empty agent (a premain that does nothing) and with taskrt's
# agent, round after round so that the machine's load falls on all three alike. Prints the median
# wall time, CPU time (user+sys) and peak RSS of each, and the ratios to the run without an agent.
#
#   agent/scripts/startup-ratio.sh [rounds]     (after mvn -pl agent -am verify)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-15}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. agent/scripts/lib.sh
fetch "$work" com.h2database:h2:2.5.252
h2="$work/h2-2.5.252.jar"
apps=agent/target/test-classes
agent=agent/target/taskrt-agent.jar

mkdir -p "$work/empty/e"
cat > "$work/empty/e/EmptyAgent.java" <<'JAVA'
package e;
public class EmptyAgent { public static void premain(String a, java.lang.instrument.Instrumentation i) {} }
JAVA
javac -d "$work/empty" "$work/empty/e/EmptyAgent.java"
printf 'Premain-Class: e.EmptyAgent\n' > "$work/empty/m.txt"
jar cfm "$work/empty-agent.jar" "$work/empty/m.txt" -C "$work/empty" e/EmptyAgent.class

declare -A opts=(
  [none]=""
  [empty]="-javaagent:$work/empty-agent.jar"
  [taskrt]="-javaagent:$agent"
)
for r in $(seq "$rounds"); do
  for v in none empty taskrt; do
    /usr/bin/time -f "%e %U %S %M" -a -o "$work/$v.txt" \
      java ${opts[$v]} -cp "$apps" itapps.LoadJarClasses "$h2" >/dev/null
  done
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf '%-8s %10s %10s %12s\n' variant wall_s cpu_s peak_rss_MiB
for v in none empty taskrt; do
  wall=$(awk '{print $1}' "$work/$v.txt" | median)
  cpu=$(awk '{print $2+$3}' "$work/$v.txt" | median)
  rss=$(awk '{print $4/1024}' "$work/$v.txt" | median)
  printf '%-8s %10.3f %10.3f %12.1f\n' "$v" "$wall" "$cpu" "$rss"
  echo "$v $wall $cpu $rss" >> "$work/summary"
done
awk 'NR==1 {w=$2; c=$3; m=$4} NR>1 {printf "%-8s wall %.2fx  cpu %.2fx  rss %+.1f MiB\n", $1, $2/w, $3/c, $4-m}' "$work/summary"
