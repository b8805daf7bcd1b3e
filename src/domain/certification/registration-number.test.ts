import { describe, expect, it } from "vitest";
import { formatRegistrationNumber, parseRegistrationNumber } from "./registration-number";

describe("formatRegistrationNumber", () => {
  it.each([
    [2027, 42, "TC 2027/0042"],
    [2027, 1, "TC 2027/0001"],
    [2028, 999, "TC 2028/0999"],
    [2028, 9999, "TC 2028/9999"],
    [2028, 10000, "TC 2028/10000"],
    [2030, 123456, "TC 2030/123456"],
  ])("(%i, %i) → %s", (year, seq, expected) => {
    expect(formatRegistrationNumber(year, seq)).toBe(expected);
    expect(parseRegistrationNumber(expected)).toEqual({ year, seq });
  });

  it.each([
    [27, 1],
    [20270, 1],
    [2027.5, 1],
    [2027, 0],
    [2027, -3],
    [2027, 1.5],
    [2027, Number.NaN],
  ])("rejects (%s, %s)", (year, seq) => {
    expect(() => formatRegistrationNumber(year, seq)).toThrow(RangeError);
  });
});

describe("parseRegistrationNumber", () => {
  it.each([
    "TC 2027/42",
    "TC 2027/00042",
    "TC 2027/0000",
    "tc 2027/0042",
    "TC2027/0042",
    "TC  2027/0042",
    " TC 2027/0042",
    "TC 2027/0042 ",
    "TC 2027-0042",
    "TC 27/0042",
    "XY 2027/0042",
    "TC 0999/0042",
    "",
  ])("%j → null", (s) => {
    expect(parseRegistrationNumber(s)).toBeNull();
  });
});
