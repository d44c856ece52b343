package org.zarrspark.spark.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.JavaSerializer;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * What crosses Spark's data serializer survives Kryo as well as Java serialization. A Java record
 * is what Kryo's field serializer could not make (StoreLocation's References failed every scan of
 * a session with spark.serializer=KryoSerializer).
 */
class JavaSerializedTest {
  record Spec(String uri, long[] sizes) implements java.io.Serializable {}

  private static final ClassTag<JavaSerialized<?>> TAG = ClassTag$.MODULE$.apply(JavaSerialized.class);

  @SuppressWarnings("unchecked")
  private static <T extends java.io.Serializable> T roundTrip(SerializerInstance s, T v) {
    ByteBuffer b = s.serialize(new JavaSerialized<>(v), TAG);
    return ((JavaSerialized<T>) s.deserialize(b, TAG)).get();
  }

  private static SerializerInstance[] serializers() {
    return new SerializerInstance[] {
        new KryoSerializer(new SparkConf()).newInstance(), new JavaSerializer(new SparkConf()).newInstance()};
  }

  @Test
  void aRecordSurvivesKryoAndJavaSerialization() {
    Spec spec = new Spec("s3a://bucket/era5.zarr", new long[] {720, 181, 360});
    for (SerializerInstance s : serializers()) {
      Spec back = roundTrip(s, spec);
      assertEquals(spec.uri(), back.uri());
      assertEquals(360, back.sizes()[2]);
    }
  }

  @Test
  void storeLocationsWithReferencesCrossKryo() {
    StoreLocation loc = new StoreLocation("/data/era5.zarr", null);
    for (SerializerInstance s : serializers()) {
      assertEquals("/data/era5.zarr", roundTrip(s, loc).uri());
    }
  }
}
