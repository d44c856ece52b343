package org.zarrspark.core.icechunk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.zarrspark.core.error.UnknownRefException;
import org.zarrspark.core.store.CountingStore;

/** Branches, tags, snapshot ancestry and time travel of the fixture repositories, against case.json. */
class IcechunkRefsTest {
  @ParameterizedTest
  @ValueSource(strings = {"ic_v2_climate", "ic_v1_climate", "up_test_repo_v1", "up_test_repo_v2", "ic_inline_chunks",
      "ic_split_manifests", "ic_virtual"})
  void branchesAndTagsAreThoseOfCaseJson(String name) {
    JsonNode refs = IcechunkCases.caseJson(name).get("refs");
    IcechunkRepository repo = IcechunkRepository.open(IcechunkCases.store(name));
    assertEquals(IcechunkCases.caseJson(name).get("spec_version").asInt(), repo.specVersion(), name);
    assertEquals(ids(refs.get("branches")), text(repo.refs().branches()), name + " branches");
    assertEquals(refs.has("tags") ? ids(refs.get("tags")) : Map.of(), text(repo.refs().tags()), name + " tags");
    List<String> deleted = new ArrayList<>();
    if (refs.has("deleted_tags")) {
      refs.get("deleted_tags").forEach(t -> deleted.add(t.asText()));
    }
    assertEquals(deleted, repo.refs().deletedTags(), name + " deleted tags");
    for (Map.Entry<String, ObjectId> b : repo.refs().branches().entrySet()) {
      assertEquals(b.getValue(), repo.branch(b.getKey()));
      assertEquals(b.getValue(), repo.resolve(b.getKey()));
    }
    for (Map.Entry<String, ObjectId> t : repo.refs().tags().entrySet()) {
      assertEquals(t.getValue(), repo.tag(t.getKey()));
    }
    for (String d : deleted) {
      UnknownRefException e = assertThrows(UnknownRefException.class, () -> repo.tag(d));
      assertTrue(e.getMessage().contains("tag '" + d + "'"), e.getMessage());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ic_v2_climate", "ic_v1_climate", "up_test_repo_v1", "up_test_repo_v2", "ic_inline_chunks",
      "ic_split_manifests", "ic_virtual"})
  void ancestryAndSnapshotsAreThoseOfCaseJson(String name) {
    JsonNode refs = IcechunkCases.caseJson(name).get("refs");
    IcechunkRepository repo = IcechunkRepository.open(IcechunkCases.store(name));
    int checked = 0;
    for (Iterator<String> it = refs.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!field.endsWith("_ancestry")) {
        continue;
      }
      String branch = field.substring(0, field.length() - "_ancestry".length());
      List<SnapshotInfo> ancestry = repo.ancestry(repo.branch(branch));
      JsonNode expected = refs.get(field);
      assertEquals(expected.size(), ancestry.size(), name + " " + field);
      for (int i = 0; i < expected.size(); i++) {
        JsonNode e = expected.get(i);
        SnapshotInfo s = ancestry.get(i);
        assertEquals(e.get("id").asText(), s.id().toString(), name + " " + field + "[" + i + "]");
        assertEquals(e.get("message").asText(), s.message());
        assertEquals(IcechunkCases.instant(e.get("written_at").asText()), s.flushedAt());
        assertEquals(i + 1 < expected.size() ? expected.get(i + 1).get("id").asText() : null,
            s.parentId() == null ? null : s.parentId().toString());
        checked++;
      }
    }
    if (refs.has("snapshots")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = refs.get("snapshots").fields(); it.hasNext(); ) {
        JsonNode e = it.next().getValue();
        SnapshotInfo s = repo.info(ObjectId.parse12(e.get("id").asText()));
        assertEquals(e.get("message").asText(), s.message());
        assertEquals(IcechunkCases.instant(e.get("written_at").asText()), s.flushedAt());
        assertEquals(e.get("parent_id").asText(), String.valueOf(s.parentId()));
        // the snapshot file agrees with the history (spec 1 keeps the parent in it too)
        Snapshot snap = repo.snapshot(s.id());
        assertEquals(s.message(), snap.message());
        assertEquals(s.flushedAt(), snap.flushedAt());
        if (repo.specVersion() == 1) {
          assertEquals(s.parentId(), snap.parentId());
        } else {
          assertNull(snap.parentId());
        }
        checked++;
      }
    }
    assertTrue(checked > 0, name + ": nothing checked");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ic_v2_climate", "ic_v1_climate"})
  void timestampAsOfPicksTheNewestSnapshotOfMainAtOrBefore(String name) {
    JsonNode refs = IcechunkCases.caseJson(name).get("refs");
    IcechunkRepository repo = IcechunkRepository.open(IcechunkCases.store(name));
    int n = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = refs.get("timestamps").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String label = e.getValue().asText().split("[ :]")[0];
      String expected = refs.get("snapshots").get(label).get("id").asText();
      java.time.Instant at = LocalDateTime.parse(e.getKey().replace(' ', 'T')).toInstant(ZoneOffset.UTC);
      assertEquals(expected, repo.snapshotAt("main", at).id().toString(), name + " at " + e.getKey());
      n++;
    }
    assertEquals(3, n);
    assertThrows(UnknownRefException.class, () -> repo.snapshotAt("main", java.time.Instant.parse("2000-01-01T00:00:00Z")));
  }

  @Test
  void versionAsOfResolvesTagsBranchesAndSnapshotIdsAndNamesWhatIsUnknown() {
    IcechunkRepository v2 = IcechunkRepository.open(IcechunkCases.store("ic_v2_climate"));
    assertEquals("VW7G3BMSBJVWH3QQ4AAG", v2.resolve("v1").toString());
    assertEquals("53TQ4J7TY606KGMJ9070", v2.resolve("dev").toString());
    assertEquals("BJZ8M7QZR42T4PJ3Y7X0", v2.resolve("BJZ8M7QZR42T4PJ3Y7X0").toString());
    UnknownRefException e = assertThrows(UnknownRefException.class, () -> v2.resolve("no-such-ref-13"));
    assertTrue(e.getMessage().contains("no-such-ref-13") && e.getMessage().contains("ic_v2_climate"), e.getMessage());
    // a well-formed id the repository does not have
    assertThrows(UnknownRefException.class, () -> v2.resolve("0000000000000000000G"));

    CountingStore counting = new CountingStore(IcechunkCases.store("ic_v1_climate"));
    IcechunkRepository v1 = IcechunkRepository.open(counting);
    assertEquals("X81ACMB44XBMPAT6072G", v1.resolve("first-release").toString());
    assertEquals("X7HR9FBH7SPJ29C9RDG0", v1.resolve("experiment").toString());
    assertEquals("M9RG888ATRZVXZAPBH4G", v1.resolve("M9RG888ATRZVXZAPBH4G").toString());
    assertEquals(0, counting.lists.get(), "spec 1 refs resolve without listing");
    assertThrows(UnknownRefException.class, () -> v1.resolve("no-such-ref-13"));
    assertThrows(UnknownRefException.class, () -> v1.branch("a/b"));
  }

  @Test
  void openingMainCostsTheRepoObjectOrTheRefThenOneSnapshot() {
    CountingStore v2 = new CountingStore(IcechunkCases.store("ic_v2_climate"));
    IcechunkRepository r2 = IcechunkRepository.open(v2);
    assertEquals(0, v2.requests(), "open does no I/O");
    r2.snapshotOfBranch("main");
    assertEquals(2, v2.requests(), "repo + snapshot");
    CountingStore v1 = new CountingStore(IcechunkCases.store("ic_v1_climate"));
    IcechunkRepository r1 = IcechunkRepository.open(v1);
    r1.snapshotOfBranch("main");
    assertEquals(3, v1.requests(), "repo (missing) + refs/branch.main/ref.json + snapshot");
  }

  @Test
  void historyListsEverySnapshotReachableWithItsRefs() {
    IcechunkRepository repo = IcechunkRepository.open(IcechunkCases.store("up_test_repo_v2"));
    List<IcechunkRepository.HistoryEntry> h = repo.history();
    assertEquals(6, h.size());
    assertEquals("some more structure", h.get(0).snapshot().message());
    assertEquals(List.of("my-branch"), h.get(0).branches());
    assertEquals(List.of("it also works!"), h.get(0).tags());
    assertEquals("Repository initialized", h.get(h.size() - 1).snapshot().message());
    IcechunkRepository v1 = IcechunkRepository.open(IcechunkCases.store("up_test_repo_v1"));
    assertEquals(6, v1.history().size());
  }

  @Test
  void configurationNamesTheVirtualChunkContainers() {
    RepoConfig v2 = IcechunkRepository.open(IcechunkCases.store("up_test_repo_v2")).config();
    assertEquals(12L, v2.inlineChunkThresholdBytes());
    assertEquals("s3://testbucket/", v2.containerFor("s3://testbucket/can_read_old/chunk-1").urlPrefix());
    RepoConfig v1 = IcechunkRepository.open(IcechunkCases.store("up_test_repo_v1")).config();
    assertEquals(12L, v1.inlineChunkThresholdBytes());
    assertEquals("s3://testbucket", v1.containerFor("s3://testbucket/can_read_old/chunk-1").urlPrefix());
    assertEquals(5, v1.virtualChunkContainers().size());
    RepoConfig virt = IcechunkRepository.open(IcechunkCases.store("ic_virtual")).config();
    assertEquals("corpus-files", virt.containerFor("file:///tmp/zarr-icechunk-virtual/ic_virtual/t2m.le.f32").name());
    assertNull(virt.containerFor("file:///etc/passwd"));
    // spec 1 without config.yaml: the defaults
    assertEquals(RepoConfig.DEFAULT, IcechunkRepository.open(IcechunkCases.store("ic_v1_climate")).config());
  }

  private static Map<String, String> ids(JsonNode obj) {
    Map<String, String> out = new TreeMap<>();
    obj.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  private static Map<String, String> text(Map<String, ObjectId> m) {
    Map<String, String> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.toString()));
    return out;
  }
}
