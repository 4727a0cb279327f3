// HTTP routes of people: signing in and out, the caller's own account and
// sessions, the second factor, password resets, email verification,
// invitations, the first admin, and (for admins) users, service accounts and
// the organization's sign-in settings.
import type { FastifyReply } from "fastify";
import { Type } from "typebox";
import type { Clock } from "../platform/clock.ts";
import type { Database } from "../platform/database/schema.ts";
import { csrfCookieName, sessionCookieName } from "../platform/http/authentication.ts";
import { defineRoutes } from "../platform/http/routes.ts";
import { StringEnum } from "../platform/http/schemas.ts";
import type { FairbillApp, RouteModule } from "../platform/http/server.ts";
import { StrictObject } from "../platform/http/validation.ts";
import {
  beginSecondFactor,
  changePassword,
  confirmSecondFactor,
  getMe,
  removeSecondFactor,
  sendEmailVerification,
} from "./account.ts";
import { createFirstAdmin } from "./first-admin.ts";
import { acceptInvitation, createInvitation, listInvitations, revokeInvitation } from "./invitations.ts";
import { createLocalKey, type LocalKeyAccess } from "./local-keys.ts";
import { homeEnvironment } from "./memberships.ts";
import { requestPasswordReset, resetPassword, verifyEmail } from "./password-reset.ts";
import {
  AcceptedSchema,
  AcceptInvitationBody,
  ChangePasswordBody,
  CreateInvitationBody,
  CreateServiceAccountBody,
  CreateServiceAccountKeyBody,
  EmailOnlyBody,
  FirstAdminBody,
  InvitationSchema,
  LocalKeyBody,
  LocalKeySchema,
  MeSchema,
  RemoveSecondFactorBody,
  ResetPasswordBody,
  SecondFactorEnrolmentSchema,
  SessionSchema,
  SignedInSchema,
  SignInBody,
  SignInSettingsSchema,
  TokenOnlyBody,
  TotpCodeBody,
  UpdateSignInSettingsBody,
  UpdateUserBody,
  UserSchema,
} from "./people-schemas.ts";
import { listOwnSessions, revokeOwnSession, sessionLifetimeSeconds } from "./sessions.ts";
import { readPeopleSettings, writePeopleSettings } from "./settings.ts";
import { signIn } from "./sign-in.ts";
import {
  createKeyForServiceAccount,
  createServiceAccount,
  getUser,
  listUsers,
  updateUser,
} from "./user-admin.ts";
import { presentMe } from "./user-views.ts";

export type PeopleRouteOptions = {
  database: Database;
  clock: Clock;
  /** The start of the links sent by email (PUBLIC_URL). */
  publicUrl: string;
  /** Set by `fairbill serve` on the embedded database: keys made through it by `fairbill keys create`. */
  localKeys?: LocalKeyAccess;
};

const NewApiKeySchema = Type.Object({
  api_key: Type.Object(
    { id: Type.String(), name: Type.String(), role: Type.String(), user_id: Type.String() },
    {
      additionalProperties: true,
    },
  ),
  secret: Type.String({ description: "the key itself; shown only in this response" }),
});

const SignedOutSchema = Type.Object({ signed_out: Type.Boolean() });

/** The cookies of a new session (a password or a single sign-on sign-in). */
export function setSessionCookies(reply: FastifyReply, token: string, csrfToken: string): void {
  const options = { path: "/", secure: true, sameSite: "lax" as const, maxAge: sessionLifetimeSeconds };
  reply.setCookie(sessionCookieName, token, { ...options, httpOnly: true });
  reply.setCookie(csrfCookieName, csrfToken, { ...options, httpOnly: false });
}

function clearSessionCookies(reply: FastifyReply): void {
  const options = { path: "/", secure: true, sameSite: "lax" as const };
  reply.clearCookie(sessionCookieName, { ...options, httpOnly: true });
  reply.clearCookie(csrfCookieName, options);
}

export function peopleRoutes(options: PeopleRouteOptions): RouteModule {
  const { publicUrl } = options;
  return (app: FairbillApp) => {
    registerPublicRoutes(app, options);
    if (options.localKeys !== undefined) registerLocalKeyRoute(app, options, options.localKeys);
    registerAccountRoutes(app, publicUrl);
    registerAdminRoutes(app, publicUrl);
  };
}

/** The route `fairbill keys create` takes while this server holds the embedded database. */
function registerLocalKeyRoute(
  app: FairbillApp,
  { database, clock }: PeopleRouteOptions,
  access: LocalKeyAccess,
) {
  const routes = defineRoutes(app, { tags: ["Sign-in"], read: {}, write: {}, security: [] });
  routes.write(
    "POST /local-keys",
    {
      operationId: "createLocalKey",
      summary:
        "Create an API key from the server's own machine (what `fairbill keys create` does while it runs)",
      description:
        "Only on the embedded database: the control token is in the data folder's fairbill.control file, " +
        "which only the folder's owner can read. Answers 401 for any other token.",
      body: LocalKeyBody,
      response: LocalKeySchema,
      status: 201,
    },
    async ({ body }, reply) => reply.code(201).send(await createLocalKey(database, clock, access, body)),
  );
}

/** Routes for people who are not signed in: sign-in, resets, verification, invitations, the first admin. */
function registerPublicRoutes(app: FairbillApp, { database, clock, publicUrl }: PeopleRouteOptions): void {
  const routes = defineRoutes(app, { tags: ["Sign-in"], read: {}, write: {}, security: [] });

  routes.write(
    "POST /sign-in",
    {
      operationId: "signIn",
      summary: "Sign in with email, password and (when set up) a TOTP code; sets the session cookie",
      description:
        "Answers 401 sign_in_failed for a wrong email or password, 401 second_factor_required with the path " +
        "$.totp_code when a code is needed, and 429 after repeated failures (account_locked for 15 minutes " +
        "after 5 in a row).",
      body: SignInBody,
      response: SignedInSchema,
    },
    async (request, reply) => {
      const signedIn = await signIn(database, clock, {
        email: request.body.email,
        password: request.body.password,
        totpCode: request.body.totp_code,
        userAgent: request.headers["user-agent"],
        ipAddress: request.ip,
      });
      setSessionCookies(reply, signedIn.token, signedIn.csrfToken);
      const organization = signedIn.user.organization_id;
      const me = await presentMe(database, signedIn.user, {
        environmentId: await homeEnvironment(database, organization, signedIn.user.id),
        credential: { type: "session", id: signedIn.session.id },
        secondFactorEnrolmentRequired: signedIn.session.second_factor_enrolment_required,
      });
      return { me, csrf_token: signedIn.csrfToken, expires_at: signedIn.session.expires_at.toISOString() };
    },
  );

  routes.write(
    "POST /password-reset",
    {
      operationId: "requestPasswordReset",
      summary:
        "Email a link to choose a new password (answers the same whether or not the address has an account)",
      body: EmailOnlyBody,
      response: AcceptedSchema,
      status: 202,
    },
    async ({ body }) => {
      await requestPasswordReset(database, clock, body.email, publicUrl);
      return { accepted: true };
    },
  );

  routes.write(
    "POST /password-reset/confirm",
    {
      operationId: "resetPassword",
      summary:
        "Choose a new password with the emailed link's token; ends every session and unlocks the account",
      body: ResetPasswordBody,
      response: AcceptedSchema,
    },
    async ({ body }) => {
      await resetPassword(database, clock, body);
      return { accepted: true };
    },
  );

  routes.write(
    "POST /email-verification/confirm",
    {
      operationId: "verifyEmail",
      summary: "Confirm an email address with the emailed link's token",
      body: TokenOnlyBody,
      response: AcceptedSchema,
    },
    async ({ body }) => {
      await verifyEmail(database, clock, body.token);
      return { accepted: true };
    },
  );

  routes.write(
    "POST /invitations/accept",
    {
      operationId: "acceptInvitation",
      summary: "Accept an invitation: create the account with a password (or add the role to one's account)",
      body: AcceptInvitationBody,
      response: AcceptedSchema,
      status: 201,
    },
    async ({ body }) => {
      await acceptInvitation(database, clock, {
        token: body.token,
        password: body.password,
        name: body.name,
      });
      return { accepted: true };
    },
  );

  routes.write(
    "POST /first-admin",
    {
      operationId: "createFirstAdmin",
      summary: "Create the organization's first admin with the one-time link that the first start printed",
      body: FirstAdminBody,
      response: AcceptedSchema,
      status: 201,
    },
    async ({ body }) => {
      await createFirstAdmin(database, clock, body, publicUrl);
      return { accepted: true };
    },
  );
}

/** Routes of the caller's own account, open to anyone signed in (or holding a key), whatever their role. */
function registerAccountRoutes(app: FairbillApp, publicUrl: string): void {
  const signedIn = { signedIn: true } as const;
  const routes = defineRoutes(app, { tags: ["My account"], read: signedIn, write: signedIn });

  routes.write(
    "POST /sign-out",
    {
      operationId: "signOut",
      summary: "End this session and clear its cookies",
      response: SignedOutSchema,
    },
    async ({ context }, reply) => {
      if (context.actor.type === "session") await revokeOwnSession(context, context.actor.sessionId);
      clearSessionCookies(reply);
      return { signed_out: true };
    },
  );

  routes.read(
    "GET /me",
    {
      operationId: "getMe",
      summary:
        "Who the caller is: their account, their role in each environment, and the key or session used",
      response: MeSchema,
    },
    ({ context }) => getMe(context),
  );

  routes.write(
    "POST /me/password",
    {
      operationId: "changePassword",
      summary: "Change one's password (the current one is required); other sessions end",
      body: ChangePasswordBody,
      response: MeSchema,
    },
    ({ context, body }) =>
      changePassword(context, { currentPassword: body.current_password, newPassword: body.new_password }),
  );

  routes.write(
    "POST /me/email-verification",
    {
      operationId: "sendEmailVerification",
      summary: "Email oneself a link that confirms one's address",
      response: AcceptedSchema,
      status: 202,
    },
    async ({ context }) => {
      await sendEmailVerification(context, publicUrl);
      return { accepted: true };
    },
  );

  routes.write(
    "POST /me/second-factor",
    {
      operationId: "beginSecondFactorEnrolment",
      summary: "Start setting up a TOTP second factor: the secret for an authenticator app",
      response: SecondFactorEnrolmentSchema,
    },
    ({ context }) => beginSecondFactor(context),
  );

  routes.write(
    "POST /me/second-factor/confirm",
    {
      operationId: "confirmSecondFactor",
      summary: "Finish setting up the second factor with a first code from the app",
      body: TotpCodeBody,
      response: MeSchema,
    },
    ({ context, body }) => confirmSecondFactor(context, body.code),
  );

  routes.write(
    "POST /me/second-factor/remove",
    {
      operationId: "removeSecondFactor",
      summary: "Remove one's second factor, with the password and a current code",
      body: RemoveSecondFactorBody,
      response: MeSchema,
    },
    ({ context, body }) => removeSecondFactor(context, body),
  );

  routes.list(
    "GET /sessions",
    {
      operationId: "listSessions",
      summary: "One's open sessions, newest first",
      item: SessionSchema,
    },
    ({ context }, _filters, page) => listOwnSessions(context, page),
  );

  routes.writeById(
    "POST /sessions/:id/revoke",
    {
      operationId: "revokeSession",
      summary: "End one of one's sessions",
      response: SessionSchema,
    },
    revokeOwnSession,
  );
}

/** Routes of admins: people and service accounts of this environment, invitations, sign-in settings. */
function registerAdminRoutes(app: FairbillApp, publicUrl: string): void {
  const access = "people:manage";
  const routes = defineRoutes(app, { tags: ["People"], read: access, write: access });

  routes.list(
    "GET /users",
    {
      operationId: "listUsers",
      summary: "People and service accounts with a role in this environment, newest first",
      filters: StrictObject({ kind: Type.Optional(StringEnum(["person", "service_account"])) }),
      item: UserSchema,
    },
    ({ context }, filters, page) => listUsers(context, filters, page),
  );

  routes.readById(
    "GET /users/:id",
    {
      operationId: "getUser",
      summary: "A person or service account with a role in this environment",
      response: UserSchema,
    },
    getUser,
  );

  routes.writeById(
    "PATCH /users/:id",
    {
      operationId: "updateUser",
      summary: "Change a person's role in this environment (null takes it away), or disable their account",
      body: UpdateUserBody,
      response: UserSchema,
    },
    updateUser,
  );

  routes.write(
    "POST /service-accounts",
    {
      operationId: "createServiceAccount",
      summary: "Create a service account owned by the caller, with a role in this environment",
      body: CreateServiceAccountBody,
      response: UserSchema,
      status: 201,
    },
    ({ context, body }) => createServiceAccount(context, body),
  );

  routes.writeById(
    "POST /service-accounts/:id/api-keys",
    {
      operationId: "createServiceAccountApiKey",
      summary: "Create an API key held by a service account; it acts as the account's owner for four-eyes",
      body: CreateServiceAccountKeyBody,
      response: NewApiKeySchema,
      status: 201,
    },
    async (context, id, body) => {
      const expiresAt = body.expires_at === undefined ? undefined : new Date(body.expires_at);
      const created = await createKeyForServiceAccount(context, id, {
        name: body.name,
        role: body.role,
        expiresAt,
      });
      return { api_key: created.apiKey, secret: created.secret };
    },
  );

  routes.write(
    "POST /invitations",
    {
      operationId: "createInvitation",
      summary: "Invite a person by email to a role in this environment",
      body: CreateInvitationBody,
      response: InvitationSchema,
      status: 201,
    },
    ({ context, body }) => createInvitation(context, body, publicUrl),
  );

  routes.list(
    "GET /invitations",
    {
      operationId: "listInvitations",
      summary: "Invitations to this environment, newest first",
      item: InvitationSchema,
    },
    ({ context }, _filters, page) => listInvitations(context, page),
  );

  routes.writeById(
    "POST /invitations/:id/revoke",
    {
      operationId: "revokeInvitation",
      summary: "Revoke an invitation that was not accepted yet",
      response: InvitationSchema,
    },
    revokeInvitation,
  );

  routes.read(
    "GET /sign-in-settings",
    {
      operationId: "getSignInSettings",
      summary: "The organization's sign-in rules",
      response: SignInSettingsSchema,
    },
    ({ context }) => readPeopleSettings(context.database, context.organizationId),
  );

  routes.write(
    "PATCH /sign-in-settings",
    {
      operationId: "updateSignInSettings",
      summary: "Require (or stop requiring) a second factor of every person of the organization",
      body: UpdateSignInSettingsBody,
      response: SignInSettingsSchema,
    },
    ({ context, body }) =>
      writePeopleSettings(context.database, context.organizationId, body, context.clock.now()),
  );
}

/** The environment a session acts in when the request does not say: live where the person has a role there. */
