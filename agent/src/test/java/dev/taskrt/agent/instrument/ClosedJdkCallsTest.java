package dev.taskrt.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * Which JDK calls run no code of the application's: taken when nothing passed in can carry the
 * application's objects, refused when something can, or when a name is looked up.
 */
class ClosedJdkCallsTest {
  @ParameterizedTest(name = "{0}.{1}{2} closed: {3}")
  @CsvSource({
    "java/lang/Math, max, (II)I, true",
    "java/lang/Integer, parseInt, (Ljava/lang/String;)I, true",
    "java/lang/Integer, getInteger, (Ljava/lang/String;)Ljava/lang/Integer;, false",
    "java/lang/String, substring, (II)Ljava/lang/String;, true",
    "java/lang/String, valueOf, (Ljava/lang/Object;)Ljava/lang/String;, false",
    "java/lang/String, getBytes, (Ljava/lang/String;)[B, false",
    "java/lang/String, <init>, ([BLjava/lang/String;)V, false",
    "java/lang/StringBuilder, append, (Ljava/lang/String;)Ljava/lang/StringBuilder;, true",
    "java/lang/StringBuilder, append, (Ljava/lang/Object;)Ljava/lang/StringBuilder;, false",
    "java/lang/StringBuilder, append, (Ljava/lang/CharSequence;)Ljava/lang/StringBuilder;, false",
    "java/lang/Object, <init>, ()V, true",
    "java/lang/Object, toString, ()Ljava/lang/String;, false",
    "java/lang/System, arraycopy, (Ljava/lang/Object;ILjava/lang/Object;II)V, true",
    "java/lang/System, getProperty, (Ljava/lang/String;)Ljava/lang/String;, false",
    "java/util/Objects, requireNonNull, (Ljava/lang/Object;)Ljava/lang/Object;, true",
    "java/util/Objects, equals, (Ljava/lang/Object;Ljava/lang/Object;)Z, false",
    "java/util/ArrayList, size, ()I, false",
    "java/lang/Thread, currentThread, ()Ljava/lang/Thread;, true",
    "java/lang/Thread, getName, ()Ljava/lang/String;, false",
    "java/lang/Enum, ordinal, ()I, true",
    "java/lang/Enum, toString, ()Ljava/lang/String;, false",
    "java/util/concurrent/atomic/AtomicLong, incrementAndGet, ()J, true",
    "java/util/concurrent/atomic/AtomicLong, toString, ()Ljava/lang/String;, false",
    "java/util/concurrent/atomic/AtomicReference, compareAndSet, (Ljava/lang/Object;Ljava/lang/Object;)Z, true",
    "java/util/concurrent/atomic/AtomicReference, updateAndGet, (Ljava/util/function/UnaryOperator;)Ljava/lang/Object;, false",
    "java/util/concurrent/atomic/AtomicBoolean, weakCompareAndSetPlain, (ZZ)Z, false",
    "java/lang/AssertionError, <init>, ()V, true",
    "java/lang/AssertionError, <init>, (Ljava/lang/Object;)V, false",
    "java/util/NoSuchElementException, <init>, (Ljava/lang/String;)V, true",
    "java/lang/IllegalStateException, <init>, (Ljava/lang/String;Ljava/lang/Throwable;)V, false"
  })
  void aCallIsClosedOnlyWhenItCanRunNothingOfTheApplications(
      String owner, String name, String desc, boolean closed) {
    int opcode = name.equals("<init>") ? Opcodes.INVOKESPECIAL : Opcodes.INVOKEVIRTUAL;
    assertThat(ClosedJdkCalls.contains(new MethodInsnNode(opcode, owner, name, desc, false)))
        .isEqualTo(closed);
  }

  /**
   * Resolution may reach a closed method through an application's subclass (an enum's {@code
   * ordinal()}), so every closed method that is not a constructor must be the one that runs: on the
   * running JDK, static or final, or of a final class.
   */
  @Test
  void everyClosedMethodReachableThroughASubclassIsStaticOrFinal() throws Exception {
    int checked = 0;
    for (String owner : ClosedJdkCalls.listedOwners()) {
      Class<?> c = Class.forName(owner.replace('/', '.'));
      for (Method m : c.getDeclaredMethods()) {
        if (!Modifier.isPublic(m.getModifiers())
            || !ClosedJdkCalls.containsMethod(owner, m.getName(), Type.getMethodDescriptor(m))) {
          continue;
        }
        checked++;
        assertThat(
                Modifier.isStatic(m.getModifiers())
                    || Modifier.isFinal(m.getModifiers())
                    || Modifier.isFinal(c.getModifiers()))
            .as("%s.%s is closed, so it must be static or final", owner, m)
            .isTrue();
      }
    }
    assertThat(checked).as("closed methods checked").isGreaterThan(50);
  }
}
