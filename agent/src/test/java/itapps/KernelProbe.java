package itapps;

import dev.taskrt.Kernel;
import dev.taskrt.Tasks;

/** Loaded by a child-first class loader: reports which kernel it sees. */
public final class KernelProbe {
  private KernelProbe() {}

  /** The loader of the public API class, and the JVM-wide global value for "probe". */
  public static Object[] probe() {
    return new Object[] {
      Tasks.class.getClassLoader(),
      Kernel.global("probe", Object::new),
      KernelProbe.class.getClassLoader()
    };
  }
}
