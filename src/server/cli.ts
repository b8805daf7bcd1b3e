import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { ROLES, type Role } from "../shared/roles";
import { bootstrap } from "./bootstrap";
import { loadConfig } from "./config";
import { connect } from "./db/connect";
import { dropEverything, migrateToLatest, pendingMigrations } from "./db/migrate";
import { AppError } from "./http/errors";
import { verifyAllStreams } from "./modules/events/event-log";
import { createUser } from "./modules/users/use-cases";

const HELP = `Spelplan — kommandon (npm run spelplan -- <kommando>)

  migrate                         kör databasmigreringar
  migrate:status                  visar migreringar som inte körts
  user:create --email E --name N --role R [--region ID] [--local-college ID] [--password P]
                                  skapar en användare (t.ex. den första administratören: --role admin).
                                  Utan --password läses lösenordet från SPELPLAN_PASSWORD.
  demo:reset                      raderar allt och laddar demodata på nytt (aldrig när NODE_ENV=production)
  log:verify [--stream TYP]       kontrollerar hashkedjan i varje händelselogg

Roller: ${ROLES.join(", ")}
Databas: DATABASE_URL (postgres://…) eller SQLite i SPELPLAN_DATA_DIR (./data).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help") {
    console.log(HELP);
    return 0;
  }
  const config = loadConfig();
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

process.exitCode = await main(process.argv.slice(2));
