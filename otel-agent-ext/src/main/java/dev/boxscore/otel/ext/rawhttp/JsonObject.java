package dev.boxscore.otel.ext.rawhttp;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A JSON object as {@link JsonReader} builds it: members in two arrays, in document order, the last
 * of a repeated name winning (as with a {@link LinkedHashMap}). The reader keeps only the members a
 * span reads, a handful per object, which a linear search finds faster than a hash table is built;
 * an object that grows past {@link #MAX_SCANNED} members moves into a {@link LinkedHashMap}.
 */
final class JsonObject extends AbstractMap<String, Object> {
  static final int MAX_SCANNED = 16;

  private String[] names = new String[4];
  private Object[] values = new Object[4];
  private int size;

  /**
   * Set once the object has more than {@link #MAX_SCANNED} members; the arrays are dropped then.
   */
  private Map<String, Object> large;

  @Override
  public Object get(Object name) {
    if (large != null) {
      return large.get(name);
    }
    int at = indexOf(name);
    return at < 0 ? null : values[at];
  }

  @Override
  public boolean containsKey(Object name) {
    return large != null ? large.containsKey(name) : indexOf(name) >= 0;
  }

  @Override
  public Object put(String name, Object value) {
    if (large != null) {
      return large.put(name, value);
    }
    int at = indexOf(name);
    if (at >= 0) {
      Object old = values[at];
      values[at] = value;
      return old;
    }
    if (size == MAX_SCANNED) {
      large = new LinkedHashMap<String, Object>();
      for (int i = 0; i < size; i++) {
        large.put(names[i], values[i]);
      }
      names = null;
      values = null;
      return large.put(name, value);
    }
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    names[size] = name;
    values[size] = value;
    size++;
    return null;
  }

  @Override
  public int size() {
    return large != null ? large.size() : size;
  }

  private int indexOf(Object name) {
    // names come from the reader's cache, so the same name is mostly the same String
    for (int i = 0; i < size; i++) {
      if (names[i] == name) {
        return i;
      }
    }
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<Map.Entry<String, Object>> entrySet() {
    return large != null ? large.entrySet() : new Entries();
  }

  final class Entries extends AbstractSet<Map.Entry<String, Object>> {
    @Override
    public Iterator<Map.Entry<String, Object>> iterator() {
      return new EntryIterator();
    }

    @Override
    public int size() {
      return size;
    }
  }

  final class EntryIterator implements Iterator<Map.Entry<String, Object>> {
    private int next;

    @Override
    public boolean hasNext() {
      return next < size;
    }

    @Override
    public Map.Entry<String, Object> next() {
      if (next >= size) {
        throw new NoSuchElementException();
      }
      Map.Entry<String, Object> entry =
          new SimpleImmutableEntry<String, Object>(names[next], values[next]);
      next++;
      return entry;
    }

    @Override
    public void remove() {
      throw new UnsupportedOperationException("a parsed JSON object is read-only");
    }
  }
}
