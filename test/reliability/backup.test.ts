import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, expect, it } from "vitest";
import { multipart, pdfFile } from "../support/documents";
import { httpLogin, type ServerProcess, startServerProcess, tempDataDir } from "../support/process";

/**
 * Backup of a running server (SQLite online backup plus the files) and restore into a fresh data directory:
 * the restored server has the same case logs and the same document bytes.
 */
const run = promisify(execFile);
const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.kill("SIGTERM");
});

it("backs up a running demo and restores it into a fresh data dir with identical logs and documents", async () => {
  const live = tempDataDir();
  const server = await startServerProcess({ SPELPLAN_DATA_DIR: live });
  servers.push(server);
  const kansli = await httpLogin(server.url, "kansli@demo.spelplan.se");
  const cases = (await kansli.call("GET", "/api/cases?pageSize=50")).body.items as { id: string }[];
  // A few documents on the first case.
  const uploaded: string[] = [];
  for (let i = 0; i < 3; i++) {
    const { payload, headers } = await multipart(
      { slot: "application", title: `Bilaga ${i}`, direction: "incoming", counterpart: "Regionen" },
      { name: `bilaga-${i}.pdf`, data: pdfFile(`backup-${i}`), type: "application/pdf" },
    );
    const r = await fetch(`${server.url}/api/cases/${cases[0].id}/documents`, {
      method: "POST",
      headers: { ...headers, cookie: kansli.cookie, "x-csrf-token": kansli.csrf },
      body: new Uint8Array(payload),
    });
    expect(r.status, await r.clone().text()).toBe(201);
    uploaded.push(((await r.json()) as { document: { id: string } }).document.id);
  }

  const backupDir = path.join(tempDataDir(), "backup");
  const cli = (args: string[], dataDir: string) =>
    run(process.execPath, ["--import", "tsx", "src/server/cli.ts", ...args], {
      env: { ...process.env, SPELPLAN_DATA_DIR: dataDir, DATABASE_URL: "" },
    });
  // The server keeps running (and answering) during the backup.
  const [backupResult] = await Promise.all([
    cli(["backup", backupDir], live),
    kansli.call("GET", "/api/tasks"),
  ]);
  expect(backupResult.stdout).toContain("Säkerhetskopia");

  const fresh = tempDataDir();
  const restored = await cli(["restore", backupDir], fresh);
  expect(restored.stdout).toContain("Återställde");
  const copy = await startServerProcess({ SPELPLAN_DATA_DIR: fresh });
  servers.push(copy);
  const again = await httpLogin(copy.url, "kansli@demo.spelplan.se");

  let events = 0;
  for (const c of cases) {
    const a = (await kansli.call("GET", `/api/cases/${c.id}/log`)).body as { hash: string }[];
    const b = (await again.call("GET", `/api/cases/${c.id}/log`)).body as { hash: string }[];
    expect(b.map((e) => e.hash)).toEqual(a.map((e) => e.hash));
    events += a.length;
  }
  const sha = (buf: ArrayBuffer) => createHash("sha256").update(Buffer.from(buf)).digest("hex");
  for (const id of uploaded) {
    const url = `/api/documents/${id}/versions/1/download`;
    const x = await fetch(`${server.url}${url}`, { headers: { cookie: kansli.cookie } });
    const y = await fetch(`${copy.url}${url}`, { headers: { cookie: again.cookie } });
    expect(y.status).toBe(200);
    expect(sha(await y.arrayBuffer())).toBe(sha(await x.arrayBuffer()));
  }
  // A damaged backup is refused.
  const { default: fs } = await import("node:fs");
  fs.appendFileSync(path.join(backupDir, "spelplan.sqlite"), "x");
  const damaged = await cli(["restore", backupDir, "--force"], tempDataDir()).catch((e) => e);
  expect(damaged.code).toBe(1);
  console.log(
    `backup: ${cases.length} case logs (${events} events) and ${uploaded.length} documents compared after restore: identical`,
  );
}, 180_000);
