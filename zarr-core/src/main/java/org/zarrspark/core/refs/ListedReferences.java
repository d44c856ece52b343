package org.zarrspark.core.refs;

import java.util.Map;

/** A reference set held in memory whole, whose chunk references can be listed (and written out). */
public interface ListedReferences extends ReferenceSet {
  /** Every chunk key and its reference. */
  Map<String, Ref> chunks();
}
