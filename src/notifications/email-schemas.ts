// The JSON shapes of email templates and sent emails on the API.
import { type Static, Type } from "typebox";
import { Nullable, ObjectId, PrefixedId, StringEnum, Timestamp } from "../platform/http/schemas.ts";
import { StrictObject } from "../platform/http/validation.ts";
import { emailTemplateNames } from "./email-template-catalog.ts";

const EmailTemplateNameSchema = StringEnum(emailTemplateNames, {
  description: "which customer email",
});

const Subject = Type.String({ minLength: 1, maxLength: 500, description: "template of the subject line" });
const HtmlBody = Type.String({ minLength: 1, maxLength: 100_000, description: "template of the HTML body" });
const TextBody = Type.String({
  minLength: 1,
  maxLength: 100_000,
  description: "template of the plain-text body",
});

export const SaveEmailTemplateBody = StrictObject({
  template: EmailTemplateNameSchema,
  subject: Subject,
  html_body: HtmlBody,
  text_body: TextBody,
});
export type SaveEmailTemplateInput = Static<typeof SaveEmailTemplateBody>;

export const EmailTemplateSchema = Type.Object({
  id: Nullable(Type.String({ description: "the saved version's id; null for the built-in default" })),
  template: Type.String(),
  version: Type.Integer({
    description: "1 for the first edit, 2 for the next, …; 0 for the built-in default",
  }),
  is_default: Type.Boolean(),
  subject: Type.String(),
  html_body: Type.String(),
  text_body: Type.String(),
  created_at: Nullable(Timestamp),
});
export type EmailTemplate = Static<typeof EmailTemplateSchema>;

export const EmailTemplateVersionsQuery = StrictObject({ template: Type.Optional(EmailTemplateNameSchema) });

export const PreviewEmailTemplateBody = StrictObject({
  template: EmailTemplateNameSchema,
  subject: Type.Optional(Subject),
  html_body: Type.Optional(HtmlBody),
  text_body: Type.Optional(TextBody),
  data: Type.Optional(
    Type.Record(Type.String({ maxLength: 100 }), Type.Unknown(), {
      maxProperties: 100,
      description: "the data to render with; sample data of the template when omitted",
    }),
  ),
});
export type PreviewEmailTemplateInput = Static<typeof PreviewEmailTemplateBody>;

export const EmailPreviewSchema = Type.Object({
  subject: Type.String(),
  html_body: Type.String({ description: "every value HTML-escaped" }),
  text_body: Type.String(),
  missing_variables: Type.Array(Type.String(), {
    description: "names the template uses that the data does not have, such as a misspelt customer.nmae",
  }),
  data: Type.Record(Type.String(), Type.Unknown(), { description: "the data the preview was rendered with" }),
});
export type EmailPreview = Static<typeof EmailPreviewSchema>;

const emailStatuses = ["queued", "sent", "failed"] as const;

export const EmailMessageSchema = Type.Object({
  id: PrefixedId("eml"),
  template: Type.String(),
  template_version: Type.Integer({ description: "0 when the built-in default was used" }),
  customer_id: Nullable(Type.String()),
  to: Type.String(),
  subject: Type.String(),
  status: StringEnum(emailStatuses, {
    description: "queued: waiting to be sent; sent; failed: every retry was used up",
  }),
  attempt_count: Type.Integer(),
  last_error: Nullable(Type.String()),
  transport: Nullable(StringEnum(["smtp", "folder"])),
  sent_at: Nullable(Timestamp),
  created_at: Timestamp,
});
export type EmailMessage = Static<typeof EmailMessageSchema>;

export const EmailMessageWithBodiesSchema = Type.Object({
  ...EmailMessageSchema.properties,
  html_body: Type.String(),
  text_body: Type.String(),
});
export type EmailMessageWithBodies = Static<typeof EmailMessageWithBodiesSchema>;

export const EmailListQuery = StrictObject({
  status: Type.Optional(StringEnum(emailStatuses)),
  template: Type.Optional(EmailTemplateNameSchema),
  customer_id: Type.Optional(ObjectId),
});
export type EmailListFilters = Static<typeof EmailListQuery>;
