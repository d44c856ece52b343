package org.zarrspark.core.codec.blosc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Frames written by the C library itself (c-blosc 1.21.7 built from its sources, with its
 * internal lz4, zlib and zstd), covering what the fixtures do not: several blocks with a
 * partial last one, blocks split per byte, forced block sizes, odd typesizes with leftover
 * bytes, and every split mode. The inputs are {@link #ramp} arrays; the frames are stored
 * gzipped and base64-encoded, one after the other.
 */
class CBloscFramesTest {
  /** cname, clevel, shuffle, typesize, nbytes, forced blocksize, c-blosc split mode. */
  private static final String[] CASES = {
      "blosclz 5 1 4 131172 8192 forward-compat", // 3 blocks (64 KB), split in 4, leftover
      "lz4 9 2 4 200004 4096 forward-compat", // 4 blocks, bitshuffle, split
      "zstd 5 1 8 150008 16384 forward-compat", // 10 blocks, never split
      "zlib 6 2 2 90002 0 never", // bitshuffle, one block, don't-split bit
      "lz4hc 9 0 4 100000 32768 always", // 4 blocks
      "blosclz 7 1 8 300000 0 always", // one block in 8 splits
      "lz4 5 1 3 70001 0 auto", // typesize 3: 69999-byte block + 2-byte leftover block
      "blosclz 5 0 1 50000 0 forward-compat", // one unsplit stream
      "zstd 9 2 16 65600 0 always", // typesize 16, bitshuffle
  };

  private static final String FRAMES_GZ_BASE64 =
      "H4sIAAAAAAACA+zZCVgUR9oH8KrqOWGGHpD7kEFRES/ECxClRQS8BxWDF46KigeKN16xOx4hxkRiTDTG6HgGb+J9"
      + "20aSkMREYrxFHW+iRlmPaJRktv+DRpPdb5N8337P7j5LP/avq/st3h5mut6qEUapKoMwQgglWW6EBCqtKC0h3ZR2"
      + "NQ0h1ZVzYg/lKKH2WoRSBhkHORVUqaFaAzVaqNVBnR7qXaCLK3Q1QIMRGt2gGw95EzS5Q3cP6FEFVvGEnl7Qyxt6"
      + "+0AfX+jrB/38oX8ADAiEgUEwqCqsGgyDzdAcAkOqwWrVYfVQGFoD1qgJa9aCtcJgWG1YOxyG14F16sK69WC9+rB+"
      + "A9ggAkY0hA0jYWQj2KgxbNwENmkKmzaDzaJgVDSMjoExzWHzWBjbArZoCVvGwTgBCq1gq3gY3xq2ToAJbWCbRJiY"
      + "BJOSYXJb2LYdbNcetu8AO3SEHTvBTp1hZwu0pMCULrBLV9i1G+yWClO7w+4vwZfSYFoP2KMn7NkL9uoNe/eBfdJh"
      + "el/Y1wqt/WC//rD/ADggA2YMhAMHwUGD4eBMmDkEDhkKhw6Dw4bD4VkwawQcMRKOzIbZo+Co0XD0GDhmLBw7Do4b"
      + "D8dPgBNyYM5EOHESnDQZTp4Cp0yFU1+GL0+D00QoSlB6Bb4yHU6fAWfMhDNnwVmvwldzYe5r8LXZcPbr8PU5cM4b"
      + "8I034Ztz4dw8mPcWfGsenPc2fHs+nP8OfOdd+O4CuGAhXPgefG8RXPQ+fH8xXPwB/GAJXLIULrVB2zK4bDlcvgKu"
      + "WAlXroKrVsPVH8IP82H+GrhmLVy7Dq5bD9dvgBs2wo2b4KYCWPAR/Ggz3LwFbtkKt26D27bD7Tvgjp1w5y64azfc"
      + "vQfu2Qv37oP79sP9B+ABGcoH4cGP4ceH4KFCWPgJ/ORT+Oln8LMiWPQ5/PwL+MWX8MvD8PBX8Kuv4ddH4JFiWPwN"
      + "/OYoPPot/PYYPHYcHj8BT5yEJ0/BU6fh6TPwzFl4tgSWnIPnzsPzF+AFO7RfhBcvwUuX4eUr8MpVePUavHYdXi+F"
      + "pd/B727AGzfhzVvw1vfw+9vw9h14pwyW/QX+5S68ew/euw/vP4APfoA/PIQPH8FHP8IfH8PHT+CTclj+E/zpZ/iz"
      + "Q5E4HKEO93KKxovbUYcHYUlJSV3Is1nC8ae3innl19coYZTSDv+HrL/eIjjMbv/sfM65Ufntk+yMq6y4lRW3suJW"
      + "Vtx/VsWlDgIrV9z/9itukuhgDvcz9iD66zniLubGuXPnOudGZTajf2jW8ebwaf+jHjxhyvbvPjd6IZ/y28+1GzjC"
      + "7Dwy11SeZ2ViD1UlGDnnl80J7oSYlVaqmpBIV+WHlPNoFSHuSsxcrqwC3HkDMcmuJMThMBDe79nq4wS7rmWMmMoe"
      + "aVWMsCrKO/JC9Ai7qOWV16DS6YzK9boEYWM4Qddg4oyEkMrIf1PEVYmEE5wZXFvhYOJTiAFBPpWYEG1TGf2b6AjX"
      + "FTjE81dJCr+LxCNS9HSULVACkmsSBtpqvjeVlGMIL9HV6FOuNBE9Sf5w1OHPT2SrlUYhv5cpJ0y542BW6Oxxn6ZU"
      + "9GjLgpTuzqjjEm/hgtBwXOA91Y41FtQu0l3Zg5XiUfEaI4OVEuLYwDu0T8+d/f/kdqYic/tfZf7fb7X+X9KdV4pm"
      + "Q4fjt2XzeU08R+9puV8qJueprCZerJjUjg+SPq2Y9bDieDqGaFXijFSMrsrIf0tEr0R8iEo5c+H7KKtFRlz5zkpb"
      + "qaq8RWkrvfgkpY14YmX8H8Q1fLwzbuQ7Km1GovgZSpuRhvwmpY14vtJGfOq/NL6Md6eIL+an0GXO1z+BLnbGS5yv"
      + "fxl/kfzReEeed8aW8LLSVqpuVb4VW6I0DvMyU04Y6ciPZIedPcoqenTiRzl7OBzpvKhSTpXmRn6uOtniLFE9UDAd"
      + "FQUz+4XKeY+fZsAlfprrL1f+eJV3/08o7teV4p6CcyWlqRyLYaW8u8svLohLKsq7R9ljrIv/p/LONDrnJF8x4p8u"
      + "lZ4O+adrpcpYZezFGCaIOhXlzdgaF91+qW5diRuiiZXRv4nqjc5ltcCLRK8cm/A7iIDoeqWJ6Lh/ZVTHJzuj0fx0"
      + "gnqwiPek0cpxCD+OLnLGE+gQZ/zyn4o7+vNZDB2KeRWnnCg35MewYmeP9VRf0aOFs4fDMY8vVDn7OBbxh9QOh0tF"
      + "lX++ft/4rNj/skXzDl65/mfX8N3/E0p8urJ3Pskp31XJmuBTKrI1+DQ4A86CEnAOnAcXgB1cBJfAZXAFXAXXgDJ1"
      + "bLGQUg7/7fKW7lFbZaQLhKxXzqOUO85V9u+UvQ0lZDn+tqPsvZUuB5Q9WOkjKntXJR62rcFPVhLXkZGtSoQyTqXW"
      + "aHV6F1eD0Y03uXtU8fTy9vH18w8IDKoabA6pVj20Rs1aYSR8oalMS9zLlSn55shyn9TUbWvbpaamrgpv1cGl+/O0"
      + "A5UvfSwsrHZ4nbr16jeIaBjZqHGTps2iomOax7ZoGSe0im+d0CYxKbltu/YdOnbqbElx5h3gzOs2dRpXvmPt2rXd"
      + "Uocoide2My9lac8zj2PkCktRti5du6V2fymtR89evfuk97X26z8gY+CgwZlDhg4bnjViZPao0WPGjhs/IWfiJGfu"
      + "MS/kXv6r3D2e556KVz1p0uQpU1+eJkqvTJ8xc9arua/Nfn3OG2/OzXtr3tvz33l3wcL3Fr2/+IMlS23Llq8gdSre"
      + "jQiVw3HHVPokoHxHl+PK+9E1dW14ar19NJn+NvmKFStXrf4wf83ades3bNxU8NHmLVu3bd+xc9fuPXv37T8gH/z4"
      + "UOEnn35W9PkXXx5+ljxKSd58xuOfNb+b/PDhr74+UvzN0W+PHT9x8tTpM2dLzp2/YL946fKVq9eul3534+at72/f"
      + "KfvL3Xv3HzxLXmIqdzRXPfk7yfs+T74Bb/mDBz88fPTj4yflP/3s+J3HRRlC9SrSx8aXOeqoDu2Y1aR806XOVx1D"
      + "UpWbrMIT020DXdn7+S3eYeQYq/rCg/Y7Tw4ldSvusLd1mcPY7+H+4+Wb7nZOXdMzNXxDeOq6nqvasGTa53n+D5A/"
      + "6YUH7neenl/ylxsPOgwXzz7pzv2dG4Q9u8Ej3QNC0rKfPXSU6PNMRTwZ77iVnzhnzhx/v5lFjGaweX0pwW7WEuKp"
      + "/OwkZSzmLN53bvpyk4YI39wYeHZ7Fv69fFrhTOSOkrysPZtKS+6FNEvOu9DXYvY1EZU2noRIFiHTbDB567QztNWI"
      + "u5QsZJhdTF65mgRtf9JQShOGm91MPrnaQq0H0UsJQn+zPs8zWROq7UJqS92EoWZjnneydqU2kvhJHYRBZtc8ryJN"
      + "hnY0iZZ6CyPMfJ5PkfaK1oWopXihn01n8QzTeGrbkRpSF2GIzWDxDtPO14YTL6mdMNDmYvHK13TTDiVNpJ5Cls3N"
      + "4pOvPab1J0YpURhg0xd7Zmoaa3uSelJ3YZjNWOydqd2qjSFBUidhsM212KtUM1Y7ibSQ0oWRNr7Yp1R7X6shnNRK"
      + "tlp1EZ461Sx6SHKXk62eEf6+3Bz1p/SypJcTrB4RfgtZB/Vq+q3kJ3ewekcELOQOq6/Re5Jajre6F/imsbrqd+mX"
      + "kpfczupV4J/GrVefoDclo5xorVLgd4oNV2+nZ6UguZPVpyDgFHdL/QN9InFyK7sp2zeKBarfpNPINPaZVEVua/fM"
      + "9o/iFqu/ptclV7mN3aPMp6xZtt9O1lu9kZ6UAuSOdu8yvqxBWXBZXHbATq5EfZs+lLRya7t7mW8Oi1UvoUckH7m9"
      + "3avMP4fbqz5P70i8nGSvUub3iE1R76cXpGC5s3A4OuGgSMxRJqbTz2DxXD+xQIgyx5pori6BVeNSxHyhsTnGxOXq"
      + "C1l/bpS4U4g1t8wjybpQ5sG1FVcKkeboPJasX8m6cEPErUKMuUUeLdJlsEiuh7heaGpunscV6a+w0dxEca/Q0hxn"
      + "IWE6T+bCtRGXCw1tURYWpp/P2nEDxc1CtC3WQvN13Vg4lyquFZrYYixcvv4YG8qNE3cLLWwti0mmrjHz5zqKq4VG"
      + "tuhilqnfynpyWeJ2obmtRTEt1Y1lMVwfcaPQzNa8mCvV32eTuKnifiHOFhdBfHUGpuFai8sEc4TB120OSWQrxG9k"
      + "X2vdCDdfvgOpyd4WP5c9reERxoVuh8kgtkU8LQda60fwC5XFrDd7XfxE9rDWLjCkua0n3dk68bjsb61X4JbGDydN"
      + "2fviV7K3tU6B8ZTbLTKe7RHPyVWtDQr4U3wgcWOviofkt/o2KUzrP/vp6OOmY/RdHLEg68nm73eXzNwz/Oz4BcPW"
      + "bdg+fMSuDZ8ueicrfWP7BVnls5+cf9g6Xd4ulm4POkVvqcbTPVILOd0aXBAcRQJVbvRVqbqcYvfNDoyii1Wd6IdS"
      + "I7mHmUVpF2vrEx+pvTzQ7pLttVOTwJ4+M9kBuew2mSBNlqfaaZkpRxWrWUI6S4PlMXZ1mUeOeq/mPBkpTZAn2znT"
      + "5bdLfUgukxYKdc1NTdpc10LuEqcXZwjVzA3zVMkuodw8rrY4Xwg3N8nTJLuu5I5yfuIcoaa5UZ66yCWD28y1EtzM"
      + "tfJci4xX6F32o1guUJvZogszeNLZ7BPxkqC3hVpcwozz6RfsqnhXUNuqWfQ6zW8+/3jxjBBkq2/hdeqPxccCZwsp"
      + "1mUaGtNF7CvxmuBqq1HskmncSs+w78UfBK2terG+1DCW7mbnxNsCb6tV7FpqvE8fs5/En2ViNUfofA0GOosdEi/K"
      + "OmtohItOm8gNED+So6yxEXShrgOryS1lS2lXcY18XfaRG1tjymqUeUVwC/WH2SBujLhLjrW2LCBpurrMm2svrpIj"
      + "rdEFLE0/xTiFW8+6c8PEbXKMtUUBPaWb4jpFO5w15S5wcSSOxdE47gDpJW6QN8kj5TtysLxU7itfkOPkA/I02SE3"
      + "tTYv4E7pb7Hx3GRxn9zSGpdNonSBzI1LElfIDe1R2SxKv5h14gaLWwRVtlsU35vUZwvEL2Uve3i2MVe1kWsmvi/X"
      + "szc1qUvobfZQfCJz9pAyXY4hli5hR8Trsqu9RplLjnEvPc/uiA9lrTnRet+VFC5u7VklV12ouURGSTnCFDPNMyWr"
      + "QjXzSFspQxhtVud5JKtXao6SIdJYYZKZy3MvUmVoNpMe0nBhvFlXRK+oRtNdUqyQbg7OCw4jnioXOlOqJqTYfC2B"
      + "YXS+qh1dJUUKPWyBlqr5pJsqnB78bQ3XWQLyuWPqG3SZ4GsJziSNVf70Damm0NXmVxyYSbeqetINUlOhly2ouGop"
      + "GauKoR9I9YWXbAHFQaX0vmoS3Se1FPragouDfYlBpaHTpRDZYvWNCPSlc1SJ9KKcaTVEePtq52hrkipSW/mKPLf4"
      + "xLkbjEaobLOUxapISA2Xij8hpisjdJWGkJt6QmK4isX51mCKRTADHFABNdAALdABPXABrsAAjMAN8MAE3IEHqAI8"
      + "gRfwBj7AF/gBfxAAAkEQqAqCgRmEgGqgOggFNUBNUAuEgdogHNQBdUE9UB80ABGgIYgEjUBj0AQ0Bc1AFIgGMaA5"
      + "iAUtQEsQBwTQCsSD1iABtAGJIAkkg7agHWgPOoCOoBPoDCwgBXQBXUE3kAq6g5dAGugBeoJeoDfoA9JBX2AF/UB/"
      + "MABkgIFgEBgMMsEQMBQMA8NBFhgBRoJsMAqMBmPAWDAOjAcTQA6YCCaByWAKmApeBtOACCTwCpgOZoC/tm/f0VFV"
      + "aQDAXwqhShMUpYQiYoIIQUUQEaSIIEgEBERUFBAsiIhgQQWUXkLvRWlRei9KEQQMvdjYvuzGXZQiKIqiCM5vwp64"
      + "sns2eNA/9sw75/0yk7yb+27uvDvzvnxfP/THAAzEIAzGEAzFMKRgOEZgJEZhNMZgLMZhPCZgIiZhMqZgKqbhNbyO"
      + "6ZiBmbHB8ORgZuhKqhO6epp4EBvkjJ/lZ7ORijfwJuZgLuZhPhZgIRZhMZZgKZZhOVZgJVZhNd7C21iDtViH9XgH"
      + "G7AR72ITNmML3kMatmIbtmMHdmIXdmMP9mIf3scH+BAf4WPsx8W9H18e/yk+wyEcxhEcxec4huP4Al/iBL7C1ziJ"
      + "b/AtTuE7fI/T+AFncDZExSC0Gi6LLIm/9pLYJTkI3XMGtV1GHsQGCZFF8v9mkVweWRJ/kyWxSXJwOHTxVBEYPRy+"
      + "ihpkcZFclBycCOeZReU4EHoB2LPnzgiidI8UM0WKmSKp9ZHU+khqfaSY6bxipl9hmy4H/OjRo3Mvcn1Ulv61GPyv"
      + "TPLzt6nh3PJpFy0X/OJvZ8LZ5ZEzjJxh5AyzcobRUUkxXQtEBV1Ce8FcQVAk9L08oa/Hc2bESEvERyEaMYhFNsQh"
      + "O3IgJ3IhN/LgEuRFPuRHARTEpSiEwrgMl6MIrsCVKIpiKI4SiEdJlEJplMFVKIurUQ7XIAGJKI9rUQHXoSIqIQmV"
      + "cT1uwI2ogptQFdVwM6rjFtTAraiJWrgNtVEHdVEPt6M+7kADNMSdaITGuAtNkIy70RTN0Bz3oAVaohXuRWvchza4"
      + "Hw/gQbTFQ3gY7dAeHfAIOqITHsVjeBxPoDOeRBc8ha54Gt3wDLqjB57Fc3geL6AnXsRLeBm90Bt98ApeRV/0Q38M"
      + "wEAMwmAMwVAMQwqGYwRGYhRGYwzGYhzGYwImYhImYwqmYhpew+uYjhmYiVmYjVS8gTcxB3MxD/OxAAuxCIuxBEux"
      + "DMuxAiuxCqvxFt7GGqzFOqzHO9iAjXgXm7AZW/Ae0rAV27AdO7ATu7Abe7AX+/A+PsCH+AgfYz9+h9/jD/gj/oQ/"
      + "4y/4Kw7gb/g70vEJ/oF/4iA+xWc4hMM4gqP4HMdwHF/gS5zAV/gaJ/ENvsUpfIfvcRo/4AzOhsh3NqlEfIAoRCMG"
      + "sciGOGRHDuRELuRGHlyCvAj/vvwogIK4FIVQGJfhchTBFbgSRVEMxVEC8SiJUiiNMrgKZXE1yuEaJCAR5XEtKuA6"
      + "VEQlJKEyrscNuBFVcBOqohpuRnXcghq4FTVRC7ehNuqgLurhdtTHHWiAhrgTjdAYd6EJknE3mqIZmuMetEBLtMK9"
      + "aI370Ab34wE8iLZ4CA+jHdqjAx5BR3TCo3gMj+MJdMaT6IKn0BVPoxueQXf0wLN4Ds/jBfTEi3gJL6MXeqMPXsGr"
      + "6It+6I8BGIhBGIwhGIphSMFwjMBIjMJojMFYjMN4TMBETMJkTMFUTMNreB3TMQMzMQuzkYo38CbmYC7mYT4WYCEW"
      + "YTGWYCmWYTlWYCVWYTXewttYg7VYh/V4BxuwEe9iEzZjC95DGrZiG7ZjB3ZiF3ZjD/Zi39mkvPnKJsT/koKxI/lO"
      + "tL6ghjlDDX5BLxfQQ6eMLFOfB1u3Dn3Ui0reFAT29XEZgdHUSGA0EhiNBEYjgdFIYDQSGP0tAqMXvKWKpB48eDA6"
      + "qm/+WkFUYC8Xk/HuVe5fudWx+Y6qbAinnAdxJRenR9UslTa46/y+ZealVy2c3qpxqQqZhxaPCloF2ULPw8npQfaS"
      + "G9Kj6uSq1mJou7LFWqaNHDx70qS4jjFJmQ1CN/8P94mJS+55ONfo6PHNzvQ6fTZ7uJNyiU/PL5LWsOrclHaFm7VP"
      + "zBl3XWajslFBW2+s+YJw5ntGN0PONViYUqbwgOFLK1WMTsxskS00uEJBOEU+4+hjPzn6m2GPdUjJ9vNRXBF6npFO"
      + "H27QLPGTVkkpY59qU7x+4rikxHa7484fxeIaiyufmvXTUaw616p58bTE1CpjYmP+vZfwKMoEGaUd4W6Kls/sJmVi"
      + "j/R6CZkNfgiCWglBODE/4+BzE5F+qGrTrpvmzN+55Odj8DcL5/BneSZy7O2Yp+7WICm1fvTJ/b2yPBNVg3CBQBZn"
      + "okYQriTI6kzUlkCl6uC/zUTlzAb1QqPYGJP9QOfS1Xt3S7jQqWgUZFTD/Oep+BGfdExh01MAAA==";

  /** Element i holds i / 50 in typesize little-endian bytes; trailing bytes are 0x5A. */
  static byte[] ramp(int ts, int nbytes) {
    byte[] d = new byte[nbytes];
    int n = nbytes / ts;
    for (int i = 0; i < n; i++) {
      long v = i / 50;
      for (int b = 0; b < ts; b++) {
        d[i * ts + b] = (byte) (v >>> (8 * Math.min(b, 7)));
      }
    }
    Arrays.fill(d, n * ts, nbytes, (byte) 0x5A);
    return d;
  }

  @Test
  void framesWrittenByCBloscDecode() throws IOException {
    byte[] all;
    try (GZIPInputStream in = new GZIPInputStream(
        new ByteArrayInputStream(Base64.getMimeDecoder().decode(FRAMES_GZ_BASE64)))) {
      all = in.readAllBytes();
    }
    BloscCodec codec = new BloscCodec("blosclz", 5, 0, 1, 0);
    int pos = 0;
    for (String c : CASES) {
      String[] p = c.split(" ");
      int ts = Integer.parseInt(p[3]);
      int nbytes = Integer.parseInt(p[4]);
      int cbytes = LittleEndian.getInt(all, pos + 12);
      byte[] frame = Arrays.copyOfRange(all, pos, pos + cbytes);
      pos += cbytes;
      assertEquals(ts, frame[3] & 0xFF, c);
      assertEquals(nbytes, LittleEndian.getInt(frame, 4), c);
      assertEquals(0, frame[2] & BloscHeader.FLAG_MEMCPYED, c + " is compressed");
      assertEquals(BloscCompressor.forName(p[0]).format, (frame[2] & 0xFF) >>> 5, c);
      byte[] expected = ramp(ts, nbytes);
      assertArrayEquals(expected, codec.decode(frame, nbytes), c);
      // and our own encoding of the same data, with the same settings, reads back
      BloscCodec same = new BloscCodec(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]), ts,
          Integer.parseInt(p[5]));
      assertArrayEquals(expected, same.decode(same.encode(expected), nbytes), c);
    }
    assertEquals(all.length, pos, "every frame was read");
  }
}
