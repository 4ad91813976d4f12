package itapps;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The start-up workload of docs/PERFORMANCE.md: loads (without initialising) every class of a jar
 * through a fresh class loader and prints how many loaded.
 */
public final class LoadJarClasses {
  private LoadJarClasses() {}

  public static void main(String[] args) throws Exception {
    File file = new File(args[0]);
    int loaded = 0;
    int failed = 0;
    try (JarFile jar = new JarFile(file);
        URLClassLoader loader =
            new URLClassLoader(
                new URL[] {file.toURI().toURL()}, LoadJarClasses.class.getClassLoader())) {
      Enumeration<JarEntry> entries = jar.entries();
      while (entries.hasMoreElements()) {
        String name = entries.nextElement().getName();
        if (!name.endsWith(".class") || name.contains("-") || name.startsWith("META-INF/")) {
          continue;
        }
        try {
          Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false, loader);
          loaded++;
        } catch (ClassNotFoundException | LinkageError e) {
          failed++;
        }
      }
    }
    System.out.println("loaded " + loaded + " classes, " + failed + " failed");
  }
}
