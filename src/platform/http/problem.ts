// Every error leaves the API as RFC 9457 problem+json, from this one place:
// our own FairbillError, Fastify's validation and parsing errors, and anything
// unexpected (a 500 that names the request id and hides the internals).
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { diskFull } from "../database/disk-space.ts";
import { isConnectionLost } from "../database/errors.ts";
import { FairbillError, type FieldError } from "../errors.ts";
import { toFieldErrors } from "./validation.ts";

export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  request_id: string;
  errors?: FieldError[];
};

const titles: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  406: "Not acceptable",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  429: "Too many requests",
  500: "Internal server error",
  503: "Service unavailable",
};

// Fastify's own error codes for request bodies that could not be read.
const fastifyCodes: Record<string, { code: string; detail: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: "unsupported_media_type",
    detail: "Send the request body as application/json.",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: "invalid_json",
    detail: "The request body is empty; send a JSON object.",
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: "invalid_json", detail: "The request body is not valid JSON." },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: "payload_too_large", detail: "The request body is too large." },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: "invalid_content_length",
    detail: "The Content-Length header does not match the body.",
  },
};

// PostgreSQL's "character not in repertoire" and "untranslatable character":
// bad text from the caller that slipped past validation, still a 400.
const textRejectedByDatabase = new Set(["22021", "22P05"]);

// PostgreSQL's disk_full (SQLSTATE 53100): its transaction is rolled back, so nothing was written.
const diskFullOnServer =
  "The database server's disk is full: writes fail until space is freed. Nothing of this request was written; " +
  "send it again once there is room.";

export function toProblem(error: unknown, request: FastifyRequest): ProblemDocument {
  const problem = (status: number, code: string, detail: string, errors?: FieldError[]): ProblemDocument => ({
    type: problemType(code),
    title: titles[status] ?? "Error",
    status,
    code,
    detail,
    instance: request.url,
    request_id: request.id,
    ...(errors === undefined ? {} : { errors }),
  });
  if (error instanceof FairbillError) {
    return problem(
      error.status,
      error.code,
      error.detail,
      error.errors.length > 0 ? error.errors : undefined,
    );
  }
  const fastifyError = error as FastifyError & { validationContext?: string };
  if (fastifyError.validation) {
    const errors = toFieldErrors(fastifyError.validation as never, fastifyError.validationContext);
    const first = errors[0];
    const detail =
      errors.length === 1 && first
        ? `${first.path} ${first.message}.`
        : `The request has ${errors.length} invalid fields; see errors.`;
    return problem(400, "validation_failed", detail, errors);
  }
  const databaseCode = (error as { code?: unknown }).code;
  if (typeof databaseCode === "string" && textRejectedByDatabase.has(databaseCode)) {
    return problem(
      400,
      "invalid_text",
      "A text value holds a character the database cannot store (such as U+0000).",
    );
  }
  if (databaseCode === "53100") return toProblem(diskFull(diskFullOnServer), request);
  if (isConnectionLost(error)) {
    return problem(
      503,
      "database_unavailable",
      "The connection to the database was lost while this request ran: send it again in a moment, " +
        "with the same Idempotency-Key or event ids, which make a second send harmless.",
    );
  }
  const known = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
  const status = typeof fastifyError.statusCode === "number" ? fastifyError.statusCode : 500;
  if (known || (status >= 400 && status < 500)) {
    const code = known?.code ?? (fastifyError.code ?? "bad_request").toLowerCase();
    return problem(status, code, known?.detail ?? fastifyError.message);
  }
  return problem(
    500,
    "internal_error",
    `Fairbill could not complete this request. Quote request id ${request.id} when reporting it.`,
  );
}

export function sendProblem(reply: FastifyReply, problem: ProblemDocument): FastifyReply {
  return reply.code(problem.status).type("application/problem+json").send(problem);
}

export function problemType(code: string): string {
  return `urn:fairbill:problem:${code}`;
}
