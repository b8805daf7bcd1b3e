import { describe, expect, it } from "vitest";
import { checkComposition, type MemberForComposition } from "./steering-group";

const company = (isChair = false): MemberForComposition => ({ representsKind: "company", isChair });
const municipality = (isChair = false): MemberForComposition => ({ representsKind: "municipality", isChair });
const codes = (m: MemberForComposition[]) => checkComposition(m).warnings.map((w) => w.code);

describe("steering group composition", () => {
  it("accepts a company majority with a company chair", () => {
    expect(codes([company(true), company(), municipality()])).toEqual([]);
  });
  it("warns when companies hold exactly half", () => {
    expect(codes([company(true), municipality()])).toEqual(["steeringGroup.industry_minority"]);
  });
  it("warns when companies are a minority and counts them", () => {
    const result = checkComposition([company(true), municipality(), municipality()]);
    expect(result.companies).toBe(1);
    expect(result.total).toBe(3);
    expect(result.warnings[0].code).toBe("steeringGroup.industry_minority");
  });
  it("warns when the chair is not from industry", () => {
    expect(codes([company(), company(), municipality(true)])).toEqual(["steeringGroup.chair_not_industry"]);
  });
  it("warns when there is no chair or several", () => {
    expect(codes([company(), company(), municipality()])).toEqual(["steeringGroup.no_chair"]);
    expect(codes([company(true), company(true), municipality()])).toEqual(["steeringGroup.several_chairs"]);
  });
  it("warns about an empty group only once", () => {
    expect(codes([])).toEqual(["steeringGroup.no_members"]);
  });
  it("gives messages in Swedish and English", () => {
    const [w] = checkComposition([municipality(true)]).warnings;
    expect(w.message.sv).toMatch(/majoritet/);
    expect(w.message.en).toMatch(/majority/);
  });
});
