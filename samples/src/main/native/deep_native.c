/*
 * The native half of the deep-native sample: a recursion in C that takes about 1 KiB of stack per
 * level, as a recursive-descent parser or a tree walk in a C library does. Thousands of levels
 * need several MiB of stack: more than a Java thread's default 1 MiB, where it would overflow in
 * native code and end the JVM.
 *
 * Build: gcc -shared -fPIC -O2 -I$JAVA_HOME/include -I$JAVA_HOME/include/linux \
 *            -o libdeepnative.so deep_native.c
 */
#include <jni.h>
#include <string.h>

/* One level: a 1 KiB scratch buffer the compiler cannot drop, then the next level. */
static long walk(int level) {
  volatile unsigned char scratch[1024];
  memset((void *)scratch, level & 0xff, sizeof(scratch));
  if (level <= 0) {
    return scratch[0];
  }
  return walk(level - 1) + scratch[level % sizeof(scratch)];
}

JNIEXPORT jlong JNICALL Java_dev_taskrt_samples_deepnative_DeepNative_walk(JNIEnv *env, jclass cls,
                                                                          jint levels) {
  (void)env;
  (void)cls;
  return (jlong)walk(levels);
}
