/**
 * The per-call rows of {@code ./taskrt bench} measured on the JVM's real {@code main} thread, where
 * JMH cannot run a benchmark: {@link dev.taskrt.bench.mainthread.MainThreadRounds} times long loops
 * of an operation and of its baseline ({@link dev.taskrt.bench.mainthread.MainThreadOps}) in
 * alternating rounds on {@code main}. Run by {@code scripts/bench.sh}; nothing here is API.
 */
package dev.taskrt.bench.mainthread;
