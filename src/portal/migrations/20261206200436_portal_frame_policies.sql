-- Which sites may frame an organization's customer portal (the CSP
-- frame-ancestors of the portal page). No row: any site, as before. An empty
-- list: none. Otherwise the listed origins only.
create table portal_frame_policies (
  organization_id text primary key,
  -- A JSON array of origins ("https://app.example.com", "https://*.example.com").
  frame_ancestors jsonb not null,
  updated_at timestamptz not null
);
