# Shared by the agent's measurement scripts (source it): fetches artifacts from Maven Central.

# fetch DIR GROUP:ARTIFACT:VERSION[:TYPE:CLASSIFIER] [FILE]: copies the artifact into DIR, unless
# FILE (the name Maven gives it there) is given and already there.
fetch() {
  local dir=$1 artifact=$2 file=${3:-}
  if [ -z "$file" ] || [ ! -f "$dir/$file" ]; then
    mvn -B -q dependency:copy -Dartifact="$artifact" -DoutputDirectory="$dir" >/dev/null
  fi
}
