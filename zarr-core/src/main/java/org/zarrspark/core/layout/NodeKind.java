package org.zarrspark.core.layout;

/** What a node of a hierarchy is. */
public enum NodeKind {
  ARRAY,
  GROUP
}
