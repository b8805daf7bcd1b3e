import { describe, expect, it } from "vitest";
import type { Principal } from "../access";
import {
  caseDocumentActions,
  caseUploadSlots,
  DOCUMENT_SLOT_LABELS,
  DOCUMENT_SLOTS,
  mayArchiveCase,
  mayGenerateCaseDocument,
  mayUploadToCase,
  registryDocumentActions,
  seesRegionHistory,
  uploadDirections,
} from "./documents";

const p = (
  role: Principal["role"],
  regionId: string | null = null,
  localCollegeId: string | null = null,
) => ({
  id: "u1",
  role,
  regionId,
  localCollegeId,
});

describe("document policy", () => {
  it("answers null (404) for whoever does not see the case, whatever the role", () => {
    for (const role of ["secretariat", "reviewer", "board", "regionLead", "localLead", "admin"] as const) {
      expect(caseDocumentActions(p(role), false)).toBeNull();
    }
  });

  it("lets everyone who sees a case download; all but the board and admins upload; the secretariat generates and archives", () => {
    expect(caseDocumentActions(p("secretariat"), true)).toEqual([
      "download",
      "upload",
      "generate",
      "archive",
    ]);
    expect(caseDocumentActions(p("regionLead", "A"), true)).toEqual(["download", "upload"]);
    expect(caseDocumentActions(p("localLead", "A", "c1"), true)).toEqual(["download", "upload"]);
    expect(caseDocumentActions(p("reviewer"), true)).toEqual(["download", "upload"]);
    expect(caseDocumentActions(p("board"), true)).toEqual(["download"]);
    expect(mayGenerateCaseDocument(p("regionLead", "A"))).toBe(false);
    expect(mayArchiveCase(p("reviewer"))).toBe(false);
    expect(mayArchiveCase(p("secretariat"))).toBe(true);
  });

  it("keeps the decision and the certificate with the secretariat, the protocol with the committee", () => {
    expect(mayUploadToCase(p("regionLead", "A"), "application")).toBe(true);
    expect(mayUploadToCase(p("regionLead", "A"), "decision")).toBe(false);
    expect(mayUploadToCase(p("localLead", "A", "c1"), "supplement")).toBe(true);
    expect(mayUploadToCase(p("reviewer"), "protocol")).toBe(true);
    expect(mayUploadToCase(p("reviewer"), "certificate")).toBe(false);
    expect(caseUploadSlots(p("secretariat"))).toEqual(DOCUMENT_SLOTS);
    expect(caseUploadSlots(p("board"))).toEqual([]);
    expect(uploadDirections(p("regionLead", "A"))).toEqual(["incoming"]);
    expect(uploadDirections(p("secretariat"))).toContain("outgoing");
  });

  it("follows the region for agreements, addenda and political decisions", () => {
    expect(registryDocumentActions(p("regionLead", "A"), "A")).toEqual(["download", "upload"]);
    expect(registryDocumentActions(p("regionLead", "B"), "A")).toBeNull();
    expect(registryDocumentActions(p("localLead", "A", "c1"), "A")).toEqual(["download"]);
    expect(registryDocumentActions(p("secretariat"), "A")).toEqual(["download", "upload"]);
    expect(seesRegionHistory(p("admin"), "A")).toBe(false);
    expect(seesRegionHistory(p("regionLead", "A"), "A")).toBe(true);
    expect(seesRegionHistory(p("regionLead", "B"), "A")).toBe(false);
  });

  it("labels every slot in Swedish and English", () => {
    for (const slot of DOCUMENT_SLOTS) {
      expect(DOCUMENT_SLOT_LABELS[slot].sv).toBeTruthy();
      expect(DOCUMENT_SLOT_LABELS[slot].en).toBeTruthy();
    }
  });
});
