import { describe, expect, it } from "vitest";
import type { Principal } from "../access";
import { inLocalCollegeScope, inRegionScope, managesLocalCollege } from "../access";
import {
  createsRegistryItems,
  localCollegePolicy,
  regionItemPolicy,
  regionListActions,
  regionPolicy,
  regionWidePolicy,
} from "./registry";
import { userAdminActions } from "./users";

const p = (
  role: Principal["role"],
  regionId: string | null = null,
  localCollegeId: string | null = null,
): Principal => ({
  id: "u",
  role,
  regionId,
  localCollegeId,
});
const region = { id: "A", status: "active" as const };

describe("scope", () => {
  it("lets national roles see every region and scoped roles only their own", () => {
    for (const role of ["secretariat", "reviewer", "board", "admin"] as const)
      expect(inRegionScope(p(role), "A")).toBe(true);
    expect(inRegionScope(p("regionLead", "A"), "A")).toBe(true);
    expect(inRegionScope(p("regionLead", "B"), "A")).toBe(false);
    expect(inRegionScope(p("localLead", "A", "c1"), "A")).toBe(true);
    expect(inRegionScope(p("localLead", "B", "c9"), "A")).toBe(false);
  });
  it("narrows a localLead to their own local college", () => {
    expect(inLocalCollegeScope(p("localLead", "A", "c1"), "A", "c1")).toBe(true);
    expect(inLocalCollegeScope(p("localLead", "A", "c1"), "A", "c2")).toBe(false);
    expect(inLocalCollegeScope(p("regionLead", "A"), "A", "c2")).toBe(true);
    expect(managesLocalCollege(p("localLead", "A", "c1"), "A", "c1")).toBe(true);
    expect(managesLocalCollege(p("localLead", "A", "c1"), "A", null)).toBe(false);
  });
});

describe("region policy", () => {
  it("returns null (404) outside the scope", () => {
    expect(regionPolicy(p("regionLead", "B"), region)).toBeNull();
    expect(regionPolicy(p("localLead", "B", "x"), region)).toBeNull();
  });
  it("gives the secretariat everything, the regionLead editing but not archiving, readers nothing", () => {
    expect(regionPolicy(p("secretariat"), region)).toEqual(
      expect.arrayContaining(["update", "archive", "delete"]),
    );
    const lead = regionPolicy(p("regionLead", "A"), region);
    expect(lead).toContain("update");
    expect(lead).not.toContain("archive");
    for (const role of ["reviewer", "board", "admin"] as const)
      expect(regionPolicy(p(role), region)).toEqual([]);
    expect(regionPolicy(p("localLead", "A", "c1"), region)).toEqual([]);
  });
  it("offers restore instead of archive for an archived region", () => {
    expect(regionPolicy(p("secretariat"), { id: "A", status: "archived" })).toContain("restore");
  });
  it("lets only the secretariat create regions", () => {
    expect(regionListActions(p("secretariat"))).toEqual(["create"]);
    expect(regionListActions(p("admin"))).toEqual([]);
  });
});

describe("items of a region", () => {
  const item = { regionId: "A", localCollegeId: "c1", status: "active" as const };
  it("lets a localLead edit their own college's items but not delete them", () => {
    expect(regionItemPolicy(p("localLead", "A", "c1"), item)).toEqual(["update", "archive"]);
    expect(regionItemPolicy(p("localLead", "A", "c2"), item)).toEqual([]);
    expect(regionItemPolicy(p("regionLead", "A"), item)).toEqual(["update", "archive", "delete"]);
    expect(regionItemPolicy(p("regionLead", "B"), item)).toBeNull();
  });
  it("keeps items without a region to the national roles", () => {
    const loose = { regionId: null, localCollegeId: null, status: "active" as const };
    expect(regionItemPolicy(p("regionLead", "A"), loose)).toBeNull();
    expect(regionItemPolicy(p("secretariat"), loose)).toContain("update");
    expect(regionItemPolicy(p("board"), loose)).toEqual([]);
  });
  it("keeps region-wide items (regional groups, agreements) to the region's managers", () => {
    expect(regionWidePolicy(p("localLead", "A", "c1"), { regionId: "A", status: "active" })).toEqual([]);
    expect(regionWidePolicy(p("regionLead", "A"), { regionId: "A", status: "active" })).toContain("update");
  });
  it("lets a localLead rename only their own local college", () => {
    expect(
      localCollegePolicy(p("localLead", "A", "c1"), { id: "c1", regionId: "A", status: "active" }),
    ).toEqual(["update"]);
    expect(
      localCollegePolicy(p("localLead", "A", "c1"), { id: "c2", regionId: "A", status: "active" }),
    ).toEqual([]);
  });
});

describe("user administration", () => {
  it("is for admins and the secretariat", () => {
    expect(userAdminActions(p("admin"))).toContain("create");
    expect(userAdminActions(p("secretariat"))).toContain("create");
    for (const role of ["reviewer", "board", "regionLead", "localLead"] as const)
      expect(userAdminActions(p(role))).toEqual([]);
  });
});

describe("the role check before the body (createsRegistryItems)", () => {
  it("lets through every role the policies let manage a region's items, and no other", () => {
    const roles = ["secretariat", "regionLead", "localLead", "reviewer", "board", "admin"] as const;
    for (const role of roles) {
      const who = p(role, "A", "c1");
      const item = { regionId: "A", localCollegeId: "c1", status: "active" as const };
      const managesItems = (regionItemPolicy(who, item) ?? []).includes("update");
      const managesWide = (regionWidePolicy(who, item) ?? []).includes("update");
      for (const entity of ["provider", "company", "steeringGroup"] as const)
        expect(createsRegistryItems(who, entity), `${role} ${entity}`).toBe(managesItems);
      expect(createsRegistryItems(who, "agreement"), `${role} agreement`).toBe(managesWide);
    }
  });
});
