package dev.taskrt.agent.asm;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Rewrites the chosen methods of a class on their way from a {@code ClassReader} to the next
 * visitor and passes every other method through untouched, so that a {@code ClassWriter} made from
 * the same reader copies their bytes as they are: a large JDK class ({@code Thread}, {@code
 * Runtime}) of which one method changes costs a copy, not a parse and rebuild of every method,
 * which matters at premain where all of it runs interpreted.
 *
 * <p>A chosen method is read into a {@link MethodNode}, patched, then written on. The patch sees
 * the class's header: its name, version and fields (a class file lists its fields before its
 * methods). {@link #changed()} counts the methods patched once the class has been read.
 */
public abstract class MethodPatcher extends ClassVisitor {
  private final ClassNode header = new ClassNode();
  private int changed;

  /**
   * @param next where the class goes on to, normally a {@code ClassWriter} made from the same
   *     reader
   */
  protected MethodPatcher(ClassVisitor next) {
    super(Opcodes.ASM9, next);
  }

  /** How many methods {@link #patch} changed. */
  public int changed() {
    return changed;
  }

  /** Whether the method is one to patch; abstract and native methods are never offered. */
  protected abstract boolean wants(String owner, String name, String descriptor);

  /** Changes the method in place; false if it is not as expected (left as it was read). */
  protected abstract boolean patch(ClassNode header, MethodNode method);

  @Override
  public void visit(
      int version,
      int access,
      String name,
      String signature,
      String superName,
      String[] interfaces) {
    header.version = version;
    header.access = access;
    header.name = name;
    header.superName = superName;
    super.visit(version, access, name, signature, superName, interfaces);
  }

  @Override
  public FieldVisitor visitField(
      int access, String name, String descriptor, String signature, Object value) {
    header.fields.add(new FieldNode(access, name, descriptor, signature, value));
    return super.visitField(access, name, descriptor, signature, value);
  }

  @Override
  public MethodVisitor visitMethod(
      int access, String name, String descriptor, String signature, String[] exceptions) {
    MethodVisitor out = super.visitMethod(access, name, descriptor, signature, exceptions);
    if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0
        || !wants(header.name, name, descriptor)) {
      return out;
    }
    return new MethodNode(Opcodes.ASM9, access, name, descriptor, signature, exceptions) {
      @Override
      public void visitEnd() {
        if (patch(header, this)) {
          changed++;
        }
        accept(out);
      }
    };
  }
}
