/*
 * The native half of the boundary sample: sorts an int[] with the C library's qsort, asking a
 * static Java method, NativeSort.compare(int, int), to compare each pair. qsort knows nothing of
 * Java exceptions: whatever the callback does, qsort goes on calling it.
 *
 * Build: gcc -shared -fPIC -I$JAVA_HOME/include -I$JAVA_HOME/include/linux \
 *            -o libnativesort.so native_sort.c
 */
#include <jni.h>
#include <stdlib.h>

/* One sort at a time per thread: the comparator finds its JNI environment here. */
static __thread JNIEnv *sort_env;
static __thread jclass sort_class;
static __thread jmethodID sort_compare;
static __thread int sort_calls;

static int compare_in_java(const void *left, const void *right) {
  sort_calls++;
  return (*sort_env)->CallStaticIntMethod(sort_env, sort_class, sort_compare,
                                          *(const jint *)left, *(const jint *)right);
}

JNIEXPORT jint JNICALL Java_dev_taskrt_samples_boundary_NativeSort_sort(JNIEnv *env, jclass cls,
                                                                         jintArray values) {
  jsize n = (*env)->GetArrayLength(env, values);
  jint *copy = malloc(sizeof(jint) * (n > 0 ? n : 1));
  if (copy == NULL) {
    return -1;
  }
  (*env)->GetIntArrayRegion(env, values, 0, n, copy);
  sort_env = env;
  sort_class = cls;
  sort_compare = (*env)->GetStaticMethodID(env, cls, "compare", "(II)I");
  sort_calls = 0;
  if (sort_compare != NULL) {
    qsort(copy, (size_t)n, sizeof(jint), compare_in_java);
    (*env)->SetIntArrayRegion(env, values, 0, n, copy);
  }
  free(copy);
  return sort_calls;
}
