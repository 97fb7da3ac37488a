package dev.oddscache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oddscache.cache.OddsCache;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API of oddscache-core is every public type outside {@code dev.oddscache.internal}; what
 * it exposes (supertypes, public and protected members' signatures) must be API too: no type of
 * the internal package, and no package-private type, which a caller could not even name.
 */
class ApiBoundaryTest {
  private static final String INTERNAL = "dev.oddscache.internal";

  @Test
  void apiSignaturesUseOnlyApiTypes() throws Exception {
    List<Class<?>> api = new ArrayList<>();
    for (Class<?> type : coreClasses()) {
      if (isApi(type)) {
        api.add(type);
      }
    }
    assertThat(api).as("fixture: the API was found").hasSizeGreaterThan(50);

    TreeSet<String> leaks = new TreeSet<>();
    for (Class<?> type : api) {
      check(type, "extends", type.getGenericSuperclass(), leaks);
      for (Type i : type.getGenericInterfaces()) {
        check(type, "implements", i, leaks);
      }
      for (Field f : type.getDeclaredFields()) {
        if (exposed(f.getModifiers()) && !f.isSynthetic()) {
          check(type, f.getName(), f.getGenericType(), leaks);
        }
      }
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (exposed(c.getModifiers()) && !c.isSynthetic()) {
          for (Type p : c.getGenericParameterTypes()) {
            check(type, "<init>", p, leaks);
          }
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (exposed(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
          check(type, m.getName(), m.getGenericReturnType(), leaks);
          for (Type p : m.getGenericParameterTypes()) {
            check(type, m.getName(), p, leaks);
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void internalTypesAreNotApi() throws Exception {
    List<String> internal = coreClasses().stream()
        .filter(c -> c.getPackageName().startsWith(INTERNAL))
        .map(Class::getName)
        .toList();

    assertThat(internal).as("fixture: the internal package exists").isNotEmpty();
    assertThat(internal).noneMatch(name -> isApi(forName(name)));
  }

  private static boolean exposed(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  /** Public, all the way out, and outside the internal package. */
  private static boolean isApi(Class<?> type) {
    if (type.getPackageName().startsWith(INTERNAL)) {
      return false;
    }
    for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
      if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static void check(Class<?> owner, String member, Type type, TreeSet<String> leaks) {
    if (type instanceof Class<?> c) {
      Class<?> element = c;
      while (element.isArray()) {
        element = element.getComponentType();
      }
      if (element.getName().startsWith("dev.oddscache.") && !isApi(element)) {
        leaks.add(owner.getName() + "." + member + " exposes " + element.getName());
      }
    } else if (type instanceof ParameterizedType p) {
      check(owner, member, p.getRawType(), leaks);
      for (Type argument : p.getActualTypeArguments()) {
        check(owner, member, argument, leaks);
      }
    } else if (type instanceof WildcardType w) {
      Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
          .forEach(bound -> check(owner, member, bound, leaks));
    } else if (type instanceof GenericArrayType a) {
      check(owner, member, a.getGenericComponentType(), leaks);
    } else if (type instanceof TypeVariable<?> v) {
      for (Type bound : v.getBounds()) {
        check(owner, member, bound, leaks);
      }
    }
  }

  /** Every class compiled from oddscache-core's main sources. */
  private static List<Class<?>> coreClasses() throws IOException, URISyntaxException {
    Path root = Path.of(
        OddsCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(root).as("the main classes are a directory in this build").isDirectory();
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(f -> f.toString().endsWith(".class"))
          .map(f -> root.relativize(f).toString())
          .filter(name -> !name.endsWith("package-info.class")
              && !name.endsWith("module-info.class"))
          .map(name -> name.substring(0, name.length() - ".class".length())
              .replace(root.getFileSystem().getSeparator(), "."))
          .<Class<?>>map(ApiBoundaryTest::forName)
          .toList();
    }
  }

  private static Class<?> forName(String name) {
    try {
      return Class.forName(name, false, ApiBoundaryTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }
}
