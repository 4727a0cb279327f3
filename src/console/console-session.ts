// `GET /console/session`: what the key the console signed in with may do, so
// that the console can show its role and environment and offer only the pages
// it can use. Any valid key may ask, whatever its role: the answer is about
// the key itself.
import { Type } from "typebox";
import { permissions, roleAllows, roles } from "../platform/auth/roles.ts";
import { unauthorized } from "../platform/errors.ts";
import type { Authenticate } from "../platform/http/authentication.ts";
import { StringEnum, standardErrorResponses } from "../platform/http/schemas.ts";
import type { FairbillApp } from "../platform/http/server.ts";

const ConsoleSessionSchema = Type.Object({
  api_key_id: Type.String(),
  role: StringEnum(roles),
  environment: StringEnum(["test", "live"]),
  permissions: Type.Array(StringEnum(permissions), { description: "every permission the key's role grants" }),
});

export function registerConsoleSession(app: FairbillApp, authenticate: Authenticate): void {
  app.get(
    "/console/session",
    {
      schema: {
        tags: ["Console"],
        operationId: "getConsoleSession",
        summary: "Describe the API key of this request: its role, environment and permissions",
        response: { 200: ConsoleSessionSchema, 401: standardErrorResponses[401] },
      },
    },
    async (request) => {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
      if (!match?.[1]) throw unauthorized('Send your API key in the header "Authorization: Bearer <key>".');
      const principal = await authenticate(match[1]);
      if (principal === undefined) {
        throw unauthorized("This API key is not valid: it is unknown, revoked or expired.");
      }
      return {
        api_key_id: principal.credential.id,
        role: principal.role,
        environment: principal.environmentKind,
        permissions: permissions.filter((permission) => roleAllows(principal.role, permission)),
      };
    },
  );
}
