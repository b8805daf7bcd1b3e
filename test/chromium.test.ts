import chromium from "@sparticuz/chromium";
import { describe, expect, it } from "vitest";
import { CHROMIUM_FLAGS, chromiumLaunch, packagedChromiumArgs } from "./support/chromium";

describe("the Chromium the tests drive", () => {
  it("keeps none of the packaged Chromium's process-sharing or security-weakening flags", () => {
    const suggested = chromium.args;
    // The package still suggests them (else this test guards nothing): check that, then that they are dropped.
    expect(suggested).toEqual(expect.arrayContaining(["--single-process", "--disable-web-security"]));
    const kept = packagedChromiumArgs(suggested);
    for (const bad of [
      "--single-process",
      "--no-zygote",
      "--disable-web-security",
      "--allow-running-insecure-content",
      "--disable-site-isolation-trials",
      "--in-process-gpu",
    ]) {
      expect(kept).not.toContain(bad);
    }
    expect(kept).toEqual(expect.arrayContaining(["--use-angle=swiftshader"]));
  });

  it("uses SPELPLAN_CHROMIUM when it exists, with the suite's own flags only", async () => {
    const launch = await chromiumLaunch({ SPELPLAN_CHROMIUM: process.execPath });
    expect(launch).toEqual({
      executablePath: process.execPath,
      args: CHROMIUM_FLAGS,
      source: "SPELPLAN_CHROMIUM",
    });
  });
});
