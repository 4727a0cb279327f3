// Request and response bodies of single sign-on: an organization's connection
// to its OpenID Connect provider, and the start of a sign-in.
import { type Static, Type } from "typebox";
import { roles } from "../platform/auth/roles.ts";
import { BodyWithReason } from "../platform/http/reason.ts";
import { PrefixedId, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const EmailDomain = Type.String({
  pattern: "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$",
  description: "a domain in lowercase, such as acme.com",
  examples: ["acme.com"],
});

const RoleMappingSchema = Type.Object({
  claim_value: Type.String({ minLength: 1, maxLength: 255, description: "a value of the role claim" }),
  environment: StringEnum(["test", "live"]),
  role: StringEnum(roles),
});

const RoleMappingInput = StrictObject({
  claim_value: RoleMappingSchema.properties.claim_value,
  environment: RoleMappingSchema.properties.environment,
  role: RoleMappingSchema.properties.role,
});

export const SsoConnectionBody = BodyWithReason({
  issuer: Type.String({
    pattern: "^https?://",
    maxLength: 2048,
    description:
      "the provider's issuer URL, whose /.well-known/openid-configuration Fairbill reads (https; http only on this machine)",
  }),
  client_id: Type.String({ minLength: 1, maxLength: 255 }),
  client_secret: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 2000,
      description: "required when the organization has no connection yet; kept when left out",
    }),
  ),
  email_domains: Type.Array(EmailDomain, {
    minItems: 1,
    maxItems: 50,
    uniqueItems: true,
    description: "sign-in with an address of these domains goes to this provider",
  }),
  scopes: Type.Optional(
    Type.Array(Type.String({ pattern: "^[!#-\\[\\]-~]+$", maxLength: 100 }), {
      maxItems: 20,
      uniqueItems: true,
      description:
        'what to ask the provider for; openid, email and profile when left out (add "groups" where it needs it)',
    }),
  ),
  role_claim: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      description:
        'the claim that holds a person\'s groups or roles, a dotted path for a nested one; "groups" when left out',
    }),
  ),
  role_mappings: Type.Array(RoleMappingInput, {
    maxItems: 200,
    description:
      "which value of the role claim gives which role in which environment; the first that matches wins in each environment",
  }),
});
export type SsoConnectionInput = Static<typeof SsoConnectionBody>;

export const SsoConnectionSchema = Type.Object({
  id: PrefixedId("sso"),
  issuer: Type.String(),
  client_id: Type.String(),
  client_secret_hint: Type.String({ description: "the secret's last four characters" }),
  email_domains: Type.Array(Type.String()),
  scopes: Type.Array(Type.String()),
  role_claim: Type.String(),
  role_mappings: Type.Array(RoleMappingSchema),
  redirect_uri: Type.String({
    description: "the redirect URI to register with the provider for this client",
  }),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type SsoConnectionView = Static<typeof SsoConnectionSchema>;

export const SsoSignInBody = StrictObject({
  email: Type.String({
    minLength: 3,
    maxLength: 320,
    pattern: "^[^@\\s]+@[^@\\s]+$",
    examples: ["ada@acme.com"],
  }),
  return_to: Type.Optional(
    Type.String({
      pattern: "^/(?![/\\\\])",
      maxLength: 2000,
      description: "the console's path to open once signed in; / when left out",
    }),
  ),
});

export const SsoSignInStartSchema = Type.Object({
  authorization_url: Type.String({ description: "where to send the browser: the provider's sign-in page" }),
});

export const SsoCallbackQuery = StrictObject({
  state: Type.String({ minLength: 1, maxLength: 500, examples: ["Xf3kq9-2mZ"] }),
  code: Type.Optional(Type.String({ minLength: 1, maxLength: 4000, examples: ["SplxlOBeZQQYbYS6WxSbIA"] })),
  iss: Type.Optional(Type.String({ maxLength: 2048, examples: ["https://login.acme.com"] })),
  session_state: Type.Optional(Type.String({ maxLength: 2000 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 2000 })),
});
export type SsoCallbackValues = Static<typeof SsoCallbackQuery>;
