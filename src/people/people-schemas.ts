// The JSON shapes of people's API: users and service accounts, the caller's
// own account, sign-in, sessions, the second factor, invitations, password
// resets and the organization's sign-in settings.
import { type Static, Type } from "typebox";
import { permissions, roles } from "../platform/auth/roles.ts";
import { Name, Nullable, PrefixedId, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";

const RoleSchema = StringEnum(roles, { description: "what the person may do in this environment" });
const EmailAddress = Type.String({
  minLength: 3,
  maxLength: 320,
  pattern: "^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$",
  examples: ["ada@example.com"],
});
const Password = Type.String({ minLength: 1, maxLength: 256, description: "at least 12 characters" });
const Token = Type.String({
  minLength: 16,
  maxLength: 200,
  description: "the token of the link that was sent",
});
const TotpCode = Type.String({
  pattern: "^[0-9]{6}$",
  description: "the 6-digit code of the authenticator app",
});

export const UserSchema = Type.Object(
  {
    id: Type.String({ description: "usr_… for a person, sva_… for a service account" }),
    kind: StringEnum(["person", "service_account"]),
    name: Type.String(),
    email: Nullable(Type.String()),
    email_verified: Type.Boolean(),
    second_factor_enabled: Type.Boolean(),
    role: Nullable(RoleSchema),
    owner: Nullable(
      Type.Object(
        { id: Type.String(), name: Type.String() },
        { description: "who answers for a service account" },
      ),
    ),
    disabled_at: Nullable(Timestamp),
    created_at: Timestamp,
  },
  { title: "User" },
);
export type UserView = Static<typeof UserSchema>;

export const MeSchema = Type.Object(
  {
    user: UserSchema,
    environment: StringEnum(["test", "live"]),
    roles: Type.Object(
      { test: Nullable(RoleSchema), live: Nullable(RoleSchema) },
      { description: "the caller's role in each environment" },
    ),
    credential: Type.Object({
      type: StringEnum(["api_key", "session"]),
      id: Type.String({ description: "the key (key_…) or session (ses_…) of this request" }),
    }),
    role: Nullable({ ...RoleSchema, description: "the role this request acts with (a key's own role)" }),
    permissions: Type.Array(StringEnum(permissions), {
      description: "every permission that role grants: what the console offers",
    }),
    second_factor_enrolment_required: Type.Boolean({
      description:
        "the organization requires a second factor this person has not set up: only account routes are open",
    }),
  },
  { title: "Me" },
);
export type MeView = Static<typeof MeSchema>;

export const SignInBody = StrictObject({
  email: EmailAddress,
  password: Password,
  totp_code: Type.Optional(TotpCode),
});

export const SignedInSchema = Type.Object({
  me: MeSchema,
  csrf_token: Type.String({
    description: "send it in the X-CSRF-Token header with every write made with the session cookie",
  }),
  expires_at: Timestamp,
});

export const SessionSchema = Type.Object({
  id: PrefixedId("ses"),
  created_at: Timestamp,
  last_seen_at: Timestamp,
  expires_at: Timestamp,
  user_agent: Nullable(Type.String()),
  ip_address: Nullable(Type.String()),
  current: Type.Boolean({ description: "the session of this request" }),
});

export const ChangePasswordBody = StrictObject({ current_password: Password, new_password: Password });

export const SecondFactorEnrolmentSchema = Type.Object({
  secret: Type.String({ description: "base32, for typing into an authenticator app" }),
  otpauth_uri: Type.String({ description: "the same secret as an otpauth:// URI, for a QR code" }),
});

export const TotpCodeBody = StrictObject({ code: TotpCode });
export const RemoveSecondFactorBody = StrictObject({ password: Password, code: TotpCode });

export const EmailOnlyBody = StrictObject({ email: EmailAddress });
export const ResetPasswordBody = StrictObject({ token: Token, password: Password });
export const TokenOnlyBody = StrictObject({ token: Token });

export const FirstAdminBody = StrictObject({
  token: Token,
  email: EmailAddress,
  name: Name,
  password: Password,
});

export const InvitationSchema = Type.Object(
  {
    id: PrefixedId("ivt"),
    email: Type.String(),
    name: Type.String(),
    role: RoleSchema,
    environment: StringEnum(["test", "live"]),
    invited_by: Type.Object({ id: Type.String(), name: Type.String() }),
    status: StringEnum(["pending", "accepted", "revoked", "expired"]),
    expires_at: Timestamp,
    created_at: Timestamp,
  },
  { title: "Invitation" },
);
export type InvitationView = Static<typeof InvitationSchema>;

export const CreateInvitationBody = StrictObject({ email: EmailAddress, name: Name, role: RoleSchema });
export const AcceptInvitationBody = StrictObject({
  token: Token,
  password: Password,
  name: Type.Optional(Name),
});

export const UpdateUserBody = StrictObject({
  role: Type.Optional(Nullable(RoleSchema)),
  disabled: Type.Optional(
    Type.Boolean({ description: "a disabled person cannot sign in; their sessions end" }),
  ),
});

export const CreateServiceAccountBody = StrictObject({
  name: Name,
  role: { ...RoleSchema, description: "the role of the service account in this environment" },
});
export const CreateServiceAccountKeyBody = StrictObject({
  name: Name,
  role: RoleSchema,
  expires_at: Type.Optional(Timestamp),
});

export const SignInSettingsSchema = Type.Object({
  require_second_factor: Type.Boolean({ description: "every person must sign in with a TOTP code" }),
});
export const UpdateSignInSettingsBody = StrictObject({ require_second_factor: Type.Boolean() });

export const AcceptedSchema = Type.Object({ accepted: Type.Boolean() });

export const LocalKeyBody = StrictObject({
  control_token: Type.String({
    minLength: 1,
    maxLength: 200,
    description: "from the data folder's fairbill.control",
  }),
  role: RoleSchema,
  environment: StringEnum(["test", "live"]),
  name: Name,
});

export const LocalKeySchema = Type.Object({
  id: Type.String(),
  role: RoleSchema,
  environment: Type.String(),
  organization_name: Type.String(),
  secret: Type.String({ description: "the key, shown only now" }),
});
