package org.zarrspark.core.codec;

import org.zarrspark.core.dtype.DataType;

/**
 * What a codec's configuration is bound against.
 *
 * @param type the array's element type; null when unknown (a numcodecs object bound on its own)
 * @param numcodecsSpelling true for a v2 object or a v3 "numcodecs.&lt;id&gt;" entry, whose fields take
 *     numcodecs' defaults (they differ from the core v3 codec for blosc)
 * @param registry the registry nested codec lists (sharding) are bound with
 */
public record CodecContext(DataType type, boolean numcodecsSpelling, CodecRegistry registry) {}
