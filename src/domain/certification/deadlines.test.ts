import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  addCalendarMonths,
  compareIsoDates,
  daysUntil,
  endOfDayStockholm,
  isIsoDate,
  isOverdue,
  parseIsoDate,
  protocolDueDate,
  responseDueDate,
  startOfDayStockholm,
  stockholmDate,
} from "./deadlines";

const HOUR = 3_600_000;

describe("addCalendarMonths", () => {
  it.each([
    ["2027-01-31", 1, "2027-02-28"],
    ["2027-11-30", 3, "2028-02-29"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2028-02-29", 12, "2029-02-28"],
    ["2099-11-30", 3, "2100-02-28"],
    ["2100-01-31", 1, "2100-02-28"],
    ["2000-01-31", 1, "2000-02-29"],
    ["2027-03-31", 1, "2027-04-30"],
    ["2027-08-31", 1, "2027-09-30"],
    ["2027-12-31", 1, "2028-01-31"],
    ["2027-10-15", 3, "2028-01-15"],
    ["2027-03-28", 1, "2027-04-28"],
    ["2027-10-31", 1, "2027-11-30"],
    ["2027-02-28", 1, "2027-03-28"],
    ["2027-01-15", 0, "2027-01-15"],
    ["2027-03-31", -1, "2027-02-28"],
  ])("%s + %i months = %s", (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it("rejects a non-date and a fractional month", () => {
    expect(() => addCalendarMonths("2027-02-30", 1)).toThrow(RangeError);
    expect(() => addCalendarMonths("2027-1-5", 1)).toThrow(RangeError);
    expect(() => addCalendarMonths("2027-01-05", 1.5)).toThrow(RangeError);
  });
});

describe("due dates", () => {
  it.each([
    ["2027-01-31", "2027-02-28"],
    ["2028-01-31", "2028-02-29"],
    ["2027-03-28", "2027-04-28"],
    ["2027-12-31", "2028-01-31"],
  ])("protocol due one month after the visit %s: %s", (visit, due) => {
    expect(protocolDueDate(visit)).toBe(due);
  });

  it.each([
    ["2027-11-30", "2028-02-29"],
    ["2028-11-30", "2029-02-28"],
    ["2099-11-30", "2100-02-28"],
    ["2027-10-31", "2028-01-31"],
    ["2027-07-31", "2027-10-31"],
  ])("response due three months after the protocol %s: %s", (sent, due) => {
    expect(responseDueDate(sent)).toBe(due);
  });
});

describe("addCalendarDays", () => {
  it.each([
    ["2027-03-27", 1, "2027-03-28"],
    ["2027-03-28", 1, "2027-03-29"],
    ["2027-10-31", 1, "2027-11-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2100-02-28", 1, "2100-03-01"],
    ["2027-01-01", -1, "2026-12-31"],
  ])("%s + %i days = %s", (date, days, expected) => {
    expect(addCalendarDays(date, days)).toBe(expected);
  });
});

describe("isIsoDate", () => {
  it.each([
    ["2027-01-31", true],
    ["2028-02-29", true],
    ["2000-02-29", true],
    ["2100-02-29", false],
    ["2027-02-29", false],
    ["2027-04-31", false],
    ["2027-13-01", false],
    ["2027-00-10", false],
    ["2027-01-00", false],
    ["2027-1-01", false],
    ["2027-01-01T00:00:00Z", false],
    [" 2027-01-01", false],
    ["", false],
    [20270101, false],
    [null, false],
  ])("%s → %s", (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it("parses and compares", () => {
    expect(parseIsoDate("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    expect(compareIsoDates("2027-01-31", "2027-02-01")).toBe(-1);
    expect(compareIsoDates("2027-02-01", "2027-02-01")).toBe(0);
    expect(compareIsoDates("2028-01-01", "2027-12-31")).toBe(1);
    expect(() => compareIsoDates("2027-02-30", "2027-01-01")).toThrow(RangeError);
  });
});

describe("stockholmDate", () => {
  it.each([
    // winter time, UTC+1
    ["2027-01-15T22:59:59.999Z", "2027-01-15"],
    ["2027-01-15T23:00:00.000Z", "2027-01-16"],
    // the night before summer time starts (2027-03-28 02:00 → 03:00)
    ["2027-03-27T22:59:59.999Z", "2027-03-27"],
    ["2027-03-27T23:00:00.000Z", "2027-03-28"],
    ["2027-03-27T23:30:00Z", "2027-03-28"],
    // summer time, UTC+2
    ["2027-03-28T21:59:59.999Z", "2027-03-28"],
    ["2027-03-28T22:00:00.000Z", "2027-03-29"],
    ["2027-07-01T21:59:59.999Z", "2027-07-01"],
    ["2027-07-01T22:00:00.000Z", "2027-07-02"],
    // the day summer time ends (2027-10-31 03:00 → 02:00)
    ["2027-10-30T21:59:59.999Z", "2027-10-30"],
    ["2027-10-30T22:00:00.000Z", "2027-10-31"],
    ["2027-10-31T22:59:59.999Z", "2027-10-31"],
    ["2027-10-31T23:00:00.000Z", "2027-11-01"],
    // new year's eve
    ["2027-12-31T22:59:59.999Z", "2027-12-31"],
    ["2027-12-31T23:00:00.000Z", "2028-01-01"],
    ["2028-02-28T23:00:00.000Z", "2028-02-29"],
  ])("%s is %s in Stockholm", (instant, date) => {
    expect(stockholmDate(new Date(instant))).toBe(date);
  });

  it("rejects an invalid Date", () => {
    expect(() => stockholmDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("start and end of a day in Stockholm", () => {
  it.each([
    ["2027-01-15", "2027-01-14T23:00:00.000Z", "2027-01-15T23:00:00.000Z", 24],
    ["2027-03-27", "2027-03-26T23:00:00.000Z", "2027-03-27T23:00:00.000Z", 24],
    ["2027-03-28", "2027-03-27T23:00:00.000Z", "2027-03-28T22:00:00.000Z", 23],
    ["2027-07-01", "2027-06-30T22:00:00.000Z", "2027-07-01T22:00:00.000Z", 24],
    ["2027-10-31", "2027-10-30T22:00:00.000Z", "2027-10-31T23:00:00.000Z", 25],
    ["2028-03-26", "2028-03-25T23:00:00.000Z", "2028-03-26T22:00:00.000Z", 23],
    ["2028-10-29", "2028-10-28T22:00:00.000Z", "2028-10-29T23:00:00.000Z", 25],
    ["2028-02-29", "2028-02-28T23:00:00.000Z", "2028-02-29T23:00:00.000Z", 24],
  ])("%s runs from %s to %s (%i hours)", (date, start, end, hours) => {
    expect(startOfDayStockholm(date).toISOString()).toBe(start);
    expect(endOfDayStockholm(date).toISOString()).toBe(end);
    expect((endOfDayStockholm(date).getTime() - startOfDayStockholm(date).getTime()) / HOUR).toBe(hours);
  });
});

describe("isOverdue and daysUntil", () => {
  it.each([
    // due on a normal winter day
    ["2027-02-28", "2027-02-27T12:00:00Z", false, 1],
    ["2027-02-28", "2027-02-28T22:59:59.999Z", false, 0],
    ["2027-02-28", "2027-02-28T23:00:00.000Z", true, -1],
    ["2027-02-28", "2027-03-07T12:00:00Z", true, -7],
    // due on the 23-hour day in March
    ["2027-03-28", "2027-03-27T22:59:59.999Z", false, 1],
    ["2027-03-28", "2027-03-27T23:30:00Z", false, 0],
    ["2027-03-28", "2027-03-28T21:59:59.999Z", false, 0],
    ["2027-03-28", "2027-03-28T22:00:00.000Z", true, -1],
    // due the day before summer time starts
    ["2027-03-27", "2027-03-27T22:59:59.999Z", false, 0],
    ["2027-03-27", "2027-03-27T23:00:00.000Z", true, -1],
    // due on the 25-hour day in October
    ["2027-10-31", "2027-10-30T21:59:59.999Z", false, 1],
    ["2027-10-31", "2027-10-30T22:00:00.000Z", false, 0],
    ["2027-10-31", "2027-10-31T22:59:59.999Z", false, 0],
    ["2027-10-31", "2027-10-31T23:00:00.000Z", true, -1],
    // leap day
    ["2028-02-29", "2028-02-29T22:59:59.999Z", false, 0],
    ["2028-02-29", "2028-02-29T23:00:00.000Z", true, -1],
    // weeks and months ahead, across a DST change
    ["2027-04-11", "2027-03-14T10:00:00Z", false, 28],
    ["2027-11-14", "2027-10-17T10:00:00Z", false, 28],
    ["2028-02-29", "2027-11-30T10:00:00Z", false, 91],
  ])("due %s at %s: overdue %s, %i days left", (due, now, overdue, days) => {
    expect(isOverdue(due, new Date(now))).toBe(overdue);
    expect(daysUntil(due, new Date(now))).toBe(days);
  });
});
