import { randomUUID } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { ROLES, type Role } from "../shared/roles";
import { backup, restore } from "./backup";
import { bootstrap } from "./bootstrap";
import { loadConfig } from "./config";
import { connect } from "./db/connect";
import { dropEverything, migrateToLatest, pendingMigrations } from "./db/migrate";
import { PG_DEV_HELP, pgDevCommand } from "./db/pg-dev";
import { AppError } from "./http/errors";
import { rebuildFollowUpRows } from "./modules/cases/follow-up-row";
import { rebuildCaseStatistics } from "./modules/cases/statistics";
import { ARCHIVE_HELP, archiveBuildCommand, archiveVerifyCommand } from "./modules/documents/cli";
import { verifyAllStreams } from "./modules/events/event-log";
import { runFollowUpScan } from "./modules/follow-ups/schedule";
import { createMailTransport, defaultMailFrom, drainOutbox } from "./modules/notifications/dispatcher";
import { runReminderScan } from "./modules/notifications/reminders";
import { createUser } from "./modules/users/use-cases";

const HELP = `Spelplan — kommandon (npm run spelplan -- <kommando>)

  migrate                         kör databasmigreringar
  migrate:status                  visar migreringar som inte körts
  user:create --email E --name N --role R [--region ID] [--local-college ID] [--password P]
                                  skapar en användare (t.ex. den första administratören: --role admin).
                                  Utan --password läses lösenordet från SPELPLAN_PASSWORD.
  demo:reset                      raderar allt och laddar demodata på nytt (aldrig när NODE_ENV=production)
  log:verify [--stream TYP]       kontrollerar hashkedjan i varje händelselogg
  readmodels:rebuild              räknar om ärendestatistiken (öppna ärenden per steg, tid per steg) och
                                  ärendenas möjliga åtgärder från ärendena och händelseloggen, och
                                  uppföljningarnas sammanställning (follow_ups) från uppföljningsärendena
  backup <katalog>                säkerhetskopierar databasen och uppladdade filer (går bra medan servern kör)
  restore <katalog> [--force]     återställer en säkerhetskopia till SPELPLAN_DATA_DIR (eller DATABASE_URL)
${ARCHIVE_HELP}
  reminders:run                   skickar de påminnelser om tidsfrister som är på tur (säkert att köra ofta)
  followups:run                   öppnar årets kvalitetsuppföljningar som står på tur (säkert att köra ofta)
  outbox:send                     skickar väntande e-post i utkorgen (SMTP_URL; utan den sparas e-posten)
${PG_DEV_HELP}

Roller: ${ROLES.join(", ")}
Databas: DATABASE_URL (postgres://…) eller SQLite i SPELPLAN_DATA_DIR (./data).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    console.log(HELP);
    return 0;
  }
  // Verifying a package needs no database.
  if (command === "archive:verify") return archiveVerifyCommand(rest);
  const config = loadConfig();
  if (command === "pg:dev") return pgDevCommand(rest, config.dataDir);
  // Backup and restore work on files (and pg_dump), not through an open connection.
  if (command === "backup") {
    const [dir] = rest;
    if (!dir) {
      console.error("Ange en tom katalog: npm run spelplan -- backup <katalog>");
      return 2;
    }
    const m = await backup({
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      outDir: path.resolve(dir),
      now: new Date(),
    });
    console.log(`Säkerhetskopia i ${dir}: ${m.database} och ${m.files.length - 1} filer (manifest.json).`);
    return 0;
  }
  if (command === "restore") {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { force: { type: "boolean", default: false } },
    });
    if (!positionals[0]) {
      console.error("Ange katalogen med säkerhetskopian: npm run spelplan -- restore <katalog> [--force]");
      return 2;
    }
    const m = await restore({
      fromDir: path.resolve(positionals[0]),
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      force: Boolean(values.force),
    });
    console.log(`Återställde säkerhetskopian från ${m.createdAt} (${m.files.length} filer kontrollerade).`);
    return 0;
  }
  const db = connect({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    switch (command) {
      case "migrate": {
        const done = await migrateToLatest(db);
        console.log(done.length ? `Körde: ${done.join(", ")}` : "Databasen är redan aktuell.");
        return 0;
      }
      case "migrate:status": {
        const pending = await pendingMigrations(db);
        console.log(pending.length ? `Ej körda: ${pending.join(", ")}` : "Alla migreringar är körda.");
        return pending.length ? 1 : 0;
      }
      case "user:create": {
        const { values } = parseArgs({
          args: rest,
          options: {
            email: { type: "string" },
            name: { type: "string" },
            role: { type: "string", default: "admin" },
            region: { type: "string" },
            "local-college": { type: "string" },
            password: { type: "string" },
            language: { type: "string", default: "sv" },
          },
        });
        const password = values.password ?? process.env.SPELPLAN_PASSWORD;
        if (!values.email || !values.name || !password) {
          console.error("Ange --email, --name och --password (eller SPELPLAN_PASSWORD).");
          return 2;
        }
        if (!ROLES.includes(values.role as Role)) {
          console.error(`Okänd roll: ${values.role}. Välj bland: ${ROLES.join(", ")}`);
          return 2;
        }
        await bootstrap(db, { demo: false, now: () => new Date(), newId: randomUUID });
        const user = await db.transaction().execute((tx) =>
          createUser(
            { db: tx, actor: null, now: new Date(), newId: randomUUID, meta: { userAgent: "spelplan cli" } },
            {
              email: values.email as string,
              name: values.name as string,
              role: values.role as Role,
              regionId: values.region ?? null,
              localCollegeId: values["local-college"] ?? null,
              language: values.language === "en" ? "en" : "sv",
              password,
            },
          ),
        );
        console.log(`Skapade ${user.email} (${user.role}), id ${user.id}`);
        return 0;
      }
      case "demo:reset": {
        if (config.production) {
          console.error("demo:reset körs aldrig när NODE_ENV=production.");
          return 2;
        }
        await dropEverything(db);
        await bootstrap(db, { demo: true, now: () => new Date(), newId: randomUUID });
        console.log("Demodata är återställd.");
        return 0;
      }
      case "log:verify": {
        const { values } = parseArgs({ args: rest, options: { stream: { type: "string" } } });
        const report = await verifyAllStreams(db, values.stream);
        console.log(`Kontrollerade ${report.events} händelser i ${report.streams} loggar.`);
        for (const b of report.broken) {
          console.log(
            `BRUTEN KEDJA: ${b.streamType} ${b.streamId}: ${b.problems.map((p) => `#${p.seq} ${p.problem}`).join(", ")}`,
          );
        }
        if (report.broken.length === 0) console.log("Alla hashkedjor är hela.");
        return report.broken.length ? 1 : 0;
      }
      case "readmodels:rebuild": {
        const r = await db.transaction().execute(async (tx) => ({
          ...(await rebuildCaseStatistics(tx)),
          followUps: await rebuildFollowUpRows(tx, new Date().toISOString()),
        }));
        console.log(
          `Ärendestatistiken är omräknad: ${r.openCases} öppna ärenden, ${r.stays} avslutade steg, ${r.followUps} uppföljningar.`,
        );
        return 0;
      }
      case "followups:run": {
        const r = await runFollowUpScan({ db, now: new Date() });
        console.log(`Gick igenom ${r.certifications} certifieringar: ${r.opened} uppföljningar öppnades.`);
        return 0;
      }
      case "reminders:run": {
        const r = await runReminderScan({ db, now: new Date(), baseUrl: config.baseUrl });
        console.log(
          `Gick igenom ${r.deadlines} öppna tidsfrister: ${r.reminders} påminnelser, ${r.passed} meddelanden om passerade tidsfrister.`,
        );
        return 0;
      }
      case "outbox:send": {
        const transport = createMailTransport(config.smtpUrl);
        try {
          const r = await drainOutbox({
            db,
            transport,
            now: new Date(),
            workerId: `cli:${process.pid}`,
            from: process.env.SMTP_FROM || defaultMailFrom(config.baseUrl),
          });
          console.log(
            `Utkorgen: ${r.sent} skickade, ${r.retried} försöks igen, ${r.failed} misslyckade, ${r.kept} sparade (ingen SMTP_URL).`,
          );
          return r.failed ? 1 : 0;
        } finally {
          transport?.close?.();
        }
      }
      case "archive:build":
        return await archiveBuildCommand(db, config, rest);
      default:
        console.error(`Okänt kommando: ${command}\n`);
        console.log(HELP);
        return 2;
    }
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`${err.code}: ${err.messages.sv}`);
      return 1;
    }
    throw err;
  } finally {
    await db.destroy();
  }
}

process.exitCode = await main(process.argv.slice(2)).catch((err: Error) => {
  console.error(`Fel: ${err.message}`);
  return 1;
});
