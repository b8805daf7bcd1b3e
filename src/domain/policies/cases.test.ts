import { describe, expect, it } from "vitest";
import type { Principal } from "../access";
import { mayOpenCase, opensCases, seesCase } from "./cases";

const p = (
  role: Principal["role"],
  regionId: string | null = null,
  localCollegeId: string | null = null,
  id = "u1",
): Principal => ({
  id,
  role,
  regionId,
  localCollegeId,
});
const c = { regionId: "A", localCollegeId: "c1", reviewerIds: ["r1", "r2"], onBoardAgenda: false };

describe("case scope", () => {
  it("follows DOMAIN.md's table of who sees what", () => {
    expect(seesCase(p("secretariat"), c)).toBe(true);
    expect(seesCase(p("regionLead", "A"), c)).toBe(true);
    expect(seesCase(p("regionLead", "B"), c)).toBe(false);
    expect(seesCase(p("localLead", "A", "c1"), c)).toBe(true);
    expect(seesCase(p("localLead", "A", "c2"), c)).toBe(false);
    expect(seesCase(p("localLead", "A", "c2"), { ...c, localCollegeId: null })).toBe(true);
    expect(seesCase(p("reviewer", null, null, "r1"), c)).toBe(true);
    expect(seesCase(p("reviewer", null, null, "r3"), c)).toBe(false);
    expect(seesCase(p("board"), c)).toBe(false);
    expect(seesCase(p("board"), { ...c, onBoardAgenda: true })).toBe(true);
    expect(seesCase(p("admin"), c)).toBe(false);
  });
  it("lets region leads open cases for their region, and only the secretariat decertification", () => {
    expect(mayOpenCase(p("regionLead", "A"), "newRegion", "A")).toBe(true);
    expect(mayOpenCase(p("regionLead", "A"), "newRegion", "B")).toBe(false);
    expect(mayOpenCase(p("regionLead", "A"), "decertification", "A")).toBe(false);
    expect(mayOpenCase(p("secretariat"), "decertification", "A")).toBe(true);
    expect(mayOpenCase(p("localLead", "A", "c1"), "newProvider", "A")).toBe(false);
  });
});

describe("the role check before the body (opensCases)", () => {
  it("holds exactly for the roles mayOpenCase lets open some case somewhere", () => {
    const roles = ["secretariat", "regionLead", "localLead", "reviewer", "board", "admin"] as const;
    const kinds = ["newRegion", "newProvider", "recertification", "decertification", "joining"];
    for (const role of roles) {
      const who = p(role, "A", "c1");
      const some = kinds.some((k) => ["A", "B"].some((r) => mayOpenCase(who, k, r)));
      expect(opensCases(who), role).toBe(some);
    }
  });
});
