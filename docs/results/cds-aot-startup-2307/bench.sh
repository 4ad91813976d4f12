#!/bin/bash
cd /tmp/cdsw/m
A=/tmp/cdsw/m/taskrt-agent.jar; J25=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java; J17=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
for round in 1 2 3; do
  echo "== round $round JDK 25, load $(cat /proc/loadavg)"
  hyperfine -N -w 3 -r 10 --export-json r25-$round.json \
    -n none "$J25 -cp hello.jar Hello" \
    -n none+aot "$J25 -XX:AOTCache=none.aot -cp hello.jar Hello" \
    -n empty-agent "$J25 -javaagent:empty-agent.jar -cp hello.jar Hello" \
    -n taskrt "$J25 -javaagent:$A -cp hello.jar Hello" \
    -n taskrt+aot "$J25 -XX:AOTCache=t.aot -javaagent:$A -cp hello.jar Hello"
  echo "== round $round JDK 17, load $(cat /proc/loadavg)"
  hyperfine -N -w 3 -r 10 --export-json r17-$round.json \
    -n none "$J17 -cp hello.jar Hello" \
    -n empty-agent "$J17 -javaagent:empty-agent.jar -cp hello.jar Hello" \
    -n taskrt "$J17 -javaagent:$A -cp hello.jar Hello" \
    -n taskrt+static "$J17 -XX:SharedArchiveFile=s17.jsa -javaagent:$A -cp hello.jar Hello" \
    -n taskrt+dynamic "$J17 -XX:+UnlockDiagnosticVMOptions -XX:+AllowArchivingWithJavaAgent -XX:SharedArchiveFile=d17.jsa -javaagent:$A -cp hello.jar Hello"
done
echo "== end, load $(cat /proc/loadavg)"
