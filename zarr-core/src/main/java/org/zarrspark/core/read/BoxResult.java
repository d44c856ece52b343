package org.zarrspark.core.read;

import java.util.List;
import org.zarrspark.core.chunk.NdBuffer;
import org.zarrspark.core.chunk.Strides;
import org.zarrspark.core.error.ZarrException;

/**
 * A box of an array as read by {@link BoxReader}.
 *
 * @param data the box's elements in C order (a chunk's decoded buffer itself when the box is one whole chunk)
 * @param unreadable BOOL mask shaped like {@code data}: 1 where the element's chunk could not be read;
 *     null when every chunk was read
 * @param chunksDecoded stored chunks fetched and decoded (inner chunks, for sharded arrays)
 * @param failures the errors of the chunks flagged in {@code unreadable}, in walk order
 */
public record BoxResult(NdBuffer data, NdBuffer unreadable, long chunksDecoded, List<ZarrException> failures) {

  /**
   * The same box with its axes reordered: axis {@code i} of the result is axis {@code perm[i]} of
   * this one. The identity order returns this result, uncopied.
   */
  public BoxResult transpose(int[] perm) {
    int rank = perm.length;
    boolean identity = true;
    int[] shape = new int[rank];
    for (int i = 0; i < rank; i++) {
      identity &= perm[i] == i;
      shape[i] = data.shape()[perm[i]];
    }
    if (identity) {
      return this;
    }
    NdBuffer mask = unreadable == null ? null : Strides.permute(unreadable, perm, shape);
    return new BoxResult(Strides.permute(data, perm, shape), mask, chunksDecoded, failures);
  }
}
