import fs from "node:fs";
import path from "node:path";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { pendingMigrations } from "./db/migrate";
import { installAuth } from "./http/auth-hook";
import { installErrorHandling } from "./http/error-handler";
import { errors, pickLanguage } from "./http/errors";
import type { AppDeps } from "./http/request-context";
import { authRoutes } from "./modules/auth/routes";
import { caseRoutes } from "./modules/cases/routes";
import { certificationRoutes } from "./modules/certifications/routes";
import { documentRoutes } from "./modules/documents/routes";
import { maxUploadBytes } from "./modules/documents/settings";
import { followUpRoutes } from "./modules/follow-ups/routes";
import { meetingRoutes } from "./modules/meetings/routes";
import { notificationJobs } from "./modules/notifications/jobs";
import { notificationRoutes } from "./modules/notifications/routes";
import { metrics } from "./modules/ops/metrics";
import { referenceRoutes } from "./modules/reference/routes";
import { registryRoutes } from "./modules/registry/routes";
import { userRoutes } from "./modules/users/routes";
import { type PageRenderer, rendererFrom, rendererInWorker, webPages } from "./web-pages";

export interface BuildOptions {
  /** Folder of the built web app (index.html); not served when missing. */
  webDir?: string;
  /**
   * The server's rendering of the web app's pages: the built worker (dist/ssr/entry-worker.js, `worker: true`),
   * or a module with `renderPage` loaded in this thread (the tests: the source). Without it the browser renders.
   */
  ssr?: { file: string; worker: boolean };
  /** true for pino's default output, or pino options (tests pass a stream). */
  logger?: boolean | Record<string, unknown>;
  /** Run the outbox dispatcher and the reminder scan on intervals (start.ts: on; tests: off). */
  backgroundJobs?: boolean;
  /** The sender of e-mail (SMTP_FROM); default noreply at the host of SPELPLAN_BASE_URL. */
  mailFrom?: string;
}

export async function buildApp(deps: AppDeps, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger
      ? {
          level: process.env.LOG_LEVEL ?? "info",
          redact: [
            "req.headers.cookie",
            "req.headers.authorization",
            'req.headers["x-csrf-token"]',
            "body.password",
          ],
          // The calendar feed's secret token is part of its URL: keep it out of the logs.
          serializers: {
            req: (req: { method: string; url: string; id: string }) => ({
              method: req.method,
              url: req.url.replace(/\/api\/calendar\/[^/?]+\.ics/, "/api/calendar/[token].ics"),
              reqId: req.id,
            }),
          },
          ...(typeof opts.logger === "object" ? opts.logger : {}),
        }
      : false,
    bodyLimit: 1024 * 1024,
    trustProxy: process.env.SPELPLAN_TRUST_PROXY === "1",
    genReqId: () => deps.newId(),
    // A request id from a proxy is kept (and echoed), so one request can be followed through the logs.
    requestIdHeader: "x-request-id",
    // Errors the router raises before any hook (a malformed URL, an overlong id) get the same error shape.
    frameworkErrors: (err, req, reply) => {
      const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 400;
      const lang = pickLanguage(req.headers["accept-language"]);
      const message = { sv: "Adressen är ogiltig.", en: "The address is invalid." };
      void (reply as unknown as import("fastify").FastifyReply)
        .status(status)
        .send({ error: { code: "request.bad_url", message: message[lang] } });
    },
  });
  app.decorate("deps", deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // HSTS only makes sense behind TLS; it is added per request below.
    strictTransportSecurity: false,
  });
  await app.register(metrics);
  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
    if (req.protocol === "https")
      reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: maxUploadBytes(), files: 1 } });
  await app.register(rateLimit, { global: false });
  installAuth(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: "Spelplan API",
        version: "1",
        description: "Anslutning och certifiering för Teknikcollege. Errors: `{ error: { code, message } }`.",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "spelplan_session" },
          csrf: { type: "apiKey", in: "header", name: "x-csrf-token" },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(deps.db);
      const pending = await pendingMigrations(deps.db);
      if (pending.length) return reply.status(503).send({ status: "migrations pending", pending });
      return { status: "ready" };
    } catch {
      return reply.status(503).send({ status: "database unreachable" });
    }
  });

  await app.register(authRoutes);
  await app.register(referenceRoutes);
  await app.register(registryRoutes);
  await app.register(userRoutes);
  await app.register(caseRoutes);
  await app.register(meetingRoutes);
  await app.register(certificationRoutes);
  await app.register(followUpRoutes);
  await app.register((await import("./modules/dashboard/routes")).dashboardRoutes);
  await app.register((await import("./modules/public/routes")).publicRoutes);
  await app.register(documentRoutes);
  await app.register(notificationRoutes);
  await app.register(notificationJobs, { enabled: opts.backgroundJobs ?? false, mailFrom: opts.mailFrom });

  const webDir = opts.webDir;
  const hasWeb = webDir && fs.existsSync(path.join(webDir, "index.html"));
  if (hasWeb) {
    // wildcard: files built after start are served too; unknown paths fall through to the SPA below.
    // preCompressed: the build writes .br and .gz copies (vite.config.ts), sent to browsers that accept them.
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: true,
      index: false,
      maxAge: "1h",
      preCompressed: true,
    });
  }
  let renderer: () => Promise<PageRenderer | null> = async () => null;
  if (hasWeb && opts.ssr?.worker) {
    const inWorker = rendererInWorker(opts.ssr.file, app.log);
    app.addHook("onReady", inWorker.prestart);
    app.addHook("onClose", inWorker.close);
    renderer = inWorker;
  } else if (hasWeb && opts.ssr) {
    renderer = rendererFrom(opts.ssr.file, app.log);
  }
  const sendPage = hasWeb ? webPages(app, webDir, renderer) : undefined;
  if (sendPage) {
    // The app's own entry (static serving answers a bare directory with 403).
    app.get("/", { schema: { hide: true } }, sendPage);
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith("/api/") || req.method !== "GET" || !sendPage) {
      throw errors.notFound("route");
    }
    // The app's own routes: rendered here for a logged-in user, or by the browser (web-pages.ts).
    return sendPage(req, reply);
  });
  return app;
}
