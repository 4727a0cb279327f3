-- The seller's branding (issue #19, the portal): its logo, and the primary
-- and accent colours the customer portal and the statement of account are
-- drawn in. Null: none set (the portal's own look).
alter table invoicing_settings add column brand_logo_url text;
alter table invoicing_settings add column brand_primary_color text;
alter table invoicing_settings add column brand_accent_color text;
