/**
 * The Chromium the browser tests, the benchmark's page loads and screenshot tooling drive, in one place:
 * `SPELPLAN_CHROMIUM` when set and present, else Debian's /usr/bin/chromium, else the Chromium shipped in the
 * `@sparticuz/chromium` npm package (a devDependency; unpacked into the temp dir on first use).
 *
 * That package's own `args` are made for serverless sandboxes and break a test suite: `--single-process` and
 * `--no-zygote` make every browser context share one cookie jar (a second context opens logged in as the
 * first), and `--disable-web-security`, `--allow-running-insecure-content`, `--disable-site-isolation-trials`
 * switch off the very rules the CSRF and security tests rely on. Only the flags that make it render headless
 * here are kept (`packagedChromiumArgs`).
 */
import { existsSync } from "node:fs";

export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** The flags every launch uses: headless, no sandbox (we run as root), no calls home on a closed network. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Flags of @sparticuz/chromium's `args` that are kept: software GL (swiftshader) and font rendering. */
const KEPT_PACKAGED_FLAGS = [
  /^--use-gl=/,
  /^--use-angle=/,
  /^--enable-unsafe-swiftshader$/,
  /^--ignore-gpu-blocklist$/,
  /^--font-render-hinting=/,
  /^--disable-webgl$/,
];

/** The harmless part of a packaged Chromium's suggested flags (see the file's comment for what is dropped). */
export function packagedChromiumArgs(suggested: readonly string[]): string[] {
  return suggested.filter((flag) => KEPT_PACKAGED_FLAGS.some((re) => re.test(flag)));
}

export interface ChromiumLaunch {
  executablePath: string;
  args: string[];
  /** Where it came from, for messages. */
  source: "SPELPLAN_CHROMIUM" | "system" | "@sparticuz/chromium";
}

let packaged: Promise<ChromiumLaunch> | undefined;

/** What to pass to playwright-core's `chromium.launch` on this machine. */
export async function chromiumLaunch(env: NodeJS.ProcessEnv = process.env): Promise<ChromiumLaunch> {
  const configured = env.SPELPLAN_CHROMIUM;
  if (configured && existsSync(configured)) {
    return { executablePath: configured, args: [...CHROMIUM_FLAGS], source: "SPELPLAN_CHROMIUM" };
  }
  if (!configured && existsSync(SYSTEM_CHROMIUM)) {
    return { executablePath: SYSTEM_CHROMIUM, args: [...CHROMIUM_FLAGS], source: "system" };
  }
  packaged ??= (async () => {
    const { default: chromium } = await import("@sparticuz/chromium");
    const executablePath = await chromium.executablePath();
    return {
      executablePath,
      args: [...CHROMIUM_FLAGS, ...packagedChromiumArgs(chromium.args)],
      source: "@sparticuz/chromium" as const,
    };
  })();
  return packaged;
}
