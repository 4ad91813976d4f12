package itapps;

import dev.taskrt.Kernel;
import dev.taskrt.Tasks;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * A child-first class loader (as a servlet container's) whose class path carries the runtime too:
 * under the agent, code it loads still sees the JVM's one kernel.
 */
public final class ChildFirstApp {
  private ChildFirstApp() {}

  /** Loads every class from its own URLs first, then from its parent. */
  static final class ChildFirstLoader extends URLClassLoader {
    ChildFirstLoader(URL[] urls, ClassLoader parent) {
      super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null && !name.startsWith("java.")) {
          try {
            c = findClass(name);
          } catch (ClassNotFoundException e) {
            c = null;
          }
        }
        if (c == null) {
          c = super.loadClass(name, false);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }

  public static void main(String[] args) throws Exception {
    URL[] urls = new URL[args.length];
    for (int i = 0; i < args.length; i++) {
      urls[i] = new File(args[i]).toURI().toURL();
    }
    Object mine = Kernel.global("probe", Object::new);
    try (ChildFirstLoader child =
        new ChildFirstLoader(urls, ChildFirstApp.class.getClassLoader())) {
      Object[] seen =
          (Object[]) child.loadClass("itapps.KernelProbe").getMethod("probe").invoke(null);
      System.out.println("probe loaded by the child loader: " + (seen[2] == child));
      System.out.println("runtime loader seen by the child: " + seen[0]);
      System.out.println("same runtime class: " + (seen[0] == Tasks.class.getClassLoader()));
      System.out.println("same kernel: " + (seen[1] == mine));
    }
  }
}
