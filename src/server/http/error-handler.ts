import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { NoResultError } from "kysely";
import { AppError, type Message, pickLanguage } from "./errors";

interface Rendered {
  status: number;
  code: string;
  message: Message;
  details?: unknown;
}

const FASTIFY_CODES: Record<string, Omit<Rendered, "details">> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    code: "request.bad_json",
    message: { sv: "Begäran innehåller ogiltig JSON.", en: "The request body is not valid JSON." },
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: "request.empty_body",
    message: { sv: "Begäran saknar innehåll.", en: "The request body is empty." },
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    code: "request.too_large",
    message: { sv: "Begäran är för stor.", en: "The request is too large." },
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: "request.unsupported_media_type",
    message: { sv: "Innehållstypen stöds inte.", en: "Unsupported content type." },
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: "request.bad_content_length",
    message: { sv: "Felaktig innehållslängd.", en: "Invalid content length." },
  },
};

function isConstraintError(err: unknown): boolean {
  const e = err as { code?: unknown };
  if (typeof e?.code !== "string") return false;
  return (
    e.code.startsWith("SQLITE_CONSTRAINT") || e.code === "23505" || e.code === "23503" || e.code === "23514"
  );
}

export function render(err: unknown): Rendered {
  if (err instanceof AppError)
    return { status: err.status, code: err.code, message: err.messages, details: err.details };
  if (hasZodFastifySchemaValidationErrors(err)) {
    return {
      status: 400,
      code: "request.invalid",
      message: { sv: "Begäran innehåller ogiltiga värden.", en: "The request contains invalid values." },
      details: err.validation.map((v) => ({
        path: `${err.validationContext ?? ""}${v.instancePath}`,
        message: v.message,
      })),
    };
  }
  const fe = err as FastifyError;
  if (fe?.code && FASTIFY_CODES[fe.code]) return FASTIFY_CODES[fe.code];
  if (fe?.statusCode === 429) {
    return {
      status: 429,
      code: "request.rate_limited",
      message: { sv: "För många försök. Vänta en stund.", en: "Too many attempts. Please wait." },
    };
  }
  // A row read by id after the change that named it was gone by then (deleted in between): it no longer exists.
  if (err instanceof NoResultError) {
    return {
      status: 404,
      code: "request.not_found",
      message: {
        sv: "Det du söker finns inte (längre).",
        en: "What you asked for does not exist (any more).",
      },
    };
  }
  if (isConstraintError(err)) {
    return {
      status: 409,
      code: "request.conflict",
      message: {
        sv: "Ändringen krockar med befintliga uppgifter.",
        en: "The change conflicts with existing records.",
      },
    };
  }
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, code: "request.error", message: { sv: fe.message, en: fe.message } };
  }
  return {
    status: 500,
    code: "internal",
    message: { sv: "Ett oväntat fel inträffade.", en: "An unexpected error occurred." },
  };
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err, req: FastifyRequest, reply: FastifyReply) => {
    const r = render(err);
    if (r.status >= 500) req.log.error({ err }, "unhandled error");
    const lang = pickLanguage(req.headers["accept-language"]);
    const body: { error: { code: string; message: string; details?: unknown } } = {
      error: { code: r.code, message: r.message[lang] },
    };
    if (r.details !== undefined) body.error.details = r.details;
    return reply.status(r.status).send(body);
  });
}
