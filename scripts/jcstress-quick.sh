#!/usr/bin/env bash
# The quick jcstress pass of `./taskrt test`: every case of module stress (the pipes and their wait
# lists, the current-task slot table, the in-flight counts, the inline synchronous task), in
# jcstress's sanity mode, one JVM configuration, one fork, no split compilation modes: about 2 minutes on 2 busy cores. It proves
# the cases run and no forbidden outcome shows; the thorough pass is a separate command
# (README, "Tests").
set -euo pipefail
cd "$(dirname "$0")/.."

jar=$PWD/stress/target/jcstress.jar
[ -f "$jar" ] || { echo "jcstress-quick: $jar is missing; run mvn verify first" >&2; exit 1; }
out=$PWD/stress/target/jcstress-quick
rm -rf "$out"
mkdir -p "$out"
echo "jcstress (quick pass over every case of dev.taskrt), report in $out" >&2
# Run from $out: jcstress writes its jcstress-results-*.bin.gz into the working directory.
(cd "$out" && java -Xmx256m -jar "$jar" -m sanity -sc false -f 1 -c 2 -jvmArgs "-Xmx256m" \
  -t 'dev\.taskrt\.' -r "$out/report" >"$out/output.txt" 2>&1) || {
  tail -40 "$out/output.txt" >&2
  echo "jcstress-quick: jcstress failed (output: $out/output.txt)" >&2
  exit 1
}
summary=$(grep 'Results:' "$out/output.txt" | tail -1)
echo "jcstress: ${summary#(}" | sed 's/)$//' >&2
# "N planned; N passed, 0 failed, 0 soft errs, 0 hard errs", with at least one test run
if ! [[ "$summary" =~ Results:\ ([0-9]+)\ planned\;\ ([0-9]+)\ passed,\ 0\ failed,\ 0\ soft\ errs,\ 0\ hard\ errs ]] \
  || [ "${BASH_REMATCH[1]}" != "${BASH_REMATCH[2]}" ] || [ "${BASH_REMATCH[1]}" -eq 0 ]; then
  grep -B2 -A12 'FAILED\|ERROR' "$out/output.txt" | head -80 >&2 || true
  echo "jcstress-quick: not every case passed (output: $out/output.txt)" >&2
  exit 1
fi
