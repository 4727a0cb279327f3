// The Fairbill API's request and response types, generated from the server's
// OpenAPI document by `npm run generate:api` (scripts/generate-api-types.ts).
// Do not edit by hand: change the route schemas in src/ and generate again.
// test/api/generated-client.test.ts fails when this file is out of date.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is up */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process can reach its database */
        get: operations["getReadiness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List customers, newest first */
        get: operations["listCustomers"];
        put?: never;
        /** Create a customer */
        post: operations["createCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a customer by its Fairbill id */
        get: operations["getCustomer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change some of a customer's fields; null clears a field */
        patch: operations["updateCustomer"];
        trace?: never;
    };
    "/v1/customers/by-external-id/{external_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a customer by your own external id */
        get: operations["getCustomerByExternalId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive a customer: kept with its history, no longer billed anew */
        post: operations["archiveCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the API keys of the caller's environment (prefixes only) */
        get: operations["listApiKeys"];
        put?: never;
        /** Create an API key in the caller's environment */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an API key */
        get: operations["getApiKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace a key by a new one with the same name and role */
        post: operations["rotateApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a key: it stops working at once */
        post: operations["revokeApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/simulations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Compute the invoices a scenario would produce, without storing anything */
        post: operations["simulateScenario"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List products, newest first */
        get: operations["listProducts"];
        put?: never;
        /** Create a product, which groups charges on invoices */
        post: operations["createProduct"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a product */
        get: operations["getProduct"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a product or change its description */
        patch: operations["updateProduct"];
        trace?: never;
    };
    "/v1/features": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List features, newest first */
        get: operations["listFeatures"];
        put?: never;
        /** Create a feature: boolean, static configuration, or a metered limit on a meter */
        post: operations["createFeature"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/features/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a feature */
        get: operations["getFeature"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a feature, change its description, or point a metered feature at another meter */
        patch: operations["updateFeature"];
        trace?: never;
    };
    "/v1/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List plans, newest first, each with its versions' states */
        get: operations["listPlans"];
        put?: never;
        /** Create a plan with its version 1 as a draft */
        post: operations["createPlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a plan and the states of its versions */
        get: operations["getPlan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a plan or change its description (pricing changes go through a new version) */
        patch: operations["updatePlan"];
        trace?: never;
    };
    "/v1/plans/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a plan's versions, newest first; published ones show as scheduled, active or superseded */
        get: operations["listPlanVersions"];
        put?: never;
        /** Open a new draft: a copy of the latest (or a given) version with the fields you send changed */
        post: operations["createPlanVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read one version of a plan */
        get: operations["getPlanVersion"];
        put?: never;
        post?: never;
        /** Discard a draft version; published versions are kept forever */
        delete: operations["discardPlanVersion"];
        options?: never;
        head?: never;
        /** Edit a draft version; a published version answers 409 plan_version_immutable */
        patch: operations["updatePlanVersion"];
        trace?: never;
    };
    "/v1/plans/{id}/versions/{version}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Submit a draft for approval, optionally with the date it should take effect */
        post: operations["submitPlanVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}/versions/{version}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a version pending approval, which publishes it; the submitter's key cannot approve */
        post: operations["approvePlanVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}/versions/{version}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a version pending approval, with a comment; it goes back to draft */
        post: operations["rejectPlanVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}/versions/{version}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Comment on a draft or on a version under review */
        post: operations["commentOnPlanVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}/versions/{version}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The review trail of a version: submissions, approvals, rejections and comments, oldest first */
        get: operations["getPlanVersionReview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}/versions/{version}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish a version without review where the approval policy allows it (409 approval_required otherwise); an admin may break glass with a reason */
        post: operations["publishPlanVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}/versions/{version}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retire a published version: its content stays, it is no longer in effect for anything new */
        post: operations["retirePlanVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}/versions/{version}/diff/{other_version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What changed from one version to another, field by field, in words */
        get: operations["diffPlanVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open a new draft with an earlier published version's pricing, to submit and approve like any other */
        post: operations["rollbackPlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/entitlements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the customer may use now, and for metered features how much is left this period */
        get: operations["getCustomerEntitlements"];
        put?: never;
        /** Grant a feature to the customer directly, or change the value or limit of a grant */
        post: operations["grantEntitlement"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/entitlements/{feature}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Take a directly granted feature away from the customer */
        delete: operations["revokeEntitlement"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/price-overrides": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the customer's price overrides, every version, newest first */
        get: operations["listPriceOverrides"];
        put?: never;
        /** Override a price of one charge of a subscription's plan, or discount it, from a date */
        post: operations["createPriceOverride"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List audit entries of this environment, newest first, with the fields each changed */
        get: operations["listAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recompute the organization's audit hash chain and name every entry that was tampered with */
        get: operations["verifyAuditChain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog/approval-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read whether publishing a plan version needs another person's approval here */
        get: operations["getApprovalPolicy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change whether publishing a plan version needs another person's approval (loosening it waits for a second admin) */
        patch: operations["updateApprovalPolicy"];
        trace?: never;
    };
    "/v1/catalog/approval-policy/changes/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve another admin's pending loosening of the approval policy, which applies it */
        post: operations["approveApprovalPolicyChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalog/approval-policy/changes/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject (or, as its author, withdraw) a pending change to the approval policy */
        post: operations["rejectApprovalPolicyChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approval-requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List changes refused until another person approves them (credit grants, coupons, price overrides, plan migrations, rollouts), newest first */
        get: operations["listApprovalRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approval-requests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a change that waits for (or had) another person's approval */
        get: operations["getApprovalRequest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approval-requests/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve another person's change (never one's own, with any key or session); its author then sends the request again to make it */
        post: operations["approveApprovalRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approval-requests/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject (or, as its author, withdraw) a change that waits for approval */
        post: operations["rejectApprovalRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List meters, newest first */
        get: operations["listMeters"];
        put?: never;
        /** Create a meter: what usage billing counts from events */
        post: operations["createMeter"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/meters/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a meter with all its versions */
        get: operations["getMeter"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Rename a meter, or change its definition while it has counted nothing
         * @description Name and description can always change. The definition (event_name, aggregation, property, filters, group_by) can change only while the latest version has counted no events; after that the answer is 409 meter_definition_locked: create a new version instead.
         */
        patch: operations["updateMeter"];
        trace?: never;
    };
    "/v1/meters/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add a meter version with a changed definition, in effect from a given time
         * @description Fields left out are copied from the latest version. Stored events from effective_from on are counted again under the new version; usage before it stays as counted.
         */
        post: operations["createMeterVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/metering/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the environment's metering settings */
        get: operations["getMeteringSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the environment's metering settings */
        patch: operations["updateMeteringSettings"];
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List raw events, newest first, with the meters each matched */
        get: operations["listEvents"];
        put?: never;
        /**
         * Send one usage event
         * @description 201 when the event is stored (committed), 200 when an event with this id was stored before: it is acknowledged and not counted again. A bad event gets 400 naming the field.
         */
        post: operations["ingestEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send up to 1,000 usage events
         * @description Each event is checked on its own: the answer lists every rejected event (index, id, reason, path) and every duplicate, and stores the rest; with ?atomic=true one bad event stores nothing (400). The body may hold at most 1,000 events and 1 MiB (413 beyond). A 200 means the stored events are durable.
         */
        post: operations["ingestEventBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/backfill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import up to 1,000 past usage events
         * @description Like /v1/events/batch, without the environment's limit on how old an event may be; the same ids are duplicates of events sent live. Events before a meter's first version starts are kept but not counted.
         */
        post: operations["backfillEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/unattributed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Events of customer external ids that no customer has yet
         * @description Such events are kept and counted under their external id; creating a customer with that external id attributes them (usage is looked up by external id). Listed by external id.
         */
        get: operations["listUnattributedCustomers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an event by your id, with its previous states */
        get: operations["getEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/amend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Correct an event's timestamp or properties, with a reason
         * @description The previous state is kept as a revision; usage is recounted in the same transaction.
         */
        post: operations["amendEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Void an event with a reason: it is kept but no longer counted */
        post: operations["voidEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A customer's usage of a meter over a range, in windows of the customer's time zone
         * @description Each window's value is the meter's aggregation over the window (a decimal string); weighted_sum gives the time-weighted level. Answered from hourly rollups, so its cost does not grow with the number of events. Usage is found by the customer's external id, so events sent before the customer was created count too.
         */
        get: operations["queryUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/test-clock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the test environment's clock */
        get: operations["getTestClock"];
        put?: never;
        /** Freeze the test environment's clock at an instant (only forward once set) */
        post: operations["setTestClock"];
        /** Return the test environment to real time */
        delete: operations["resetTestClock"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/test-clock/advance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the test clock forward and bill everything due by then; answers with the bill run */
        post: operations["advanceTestClock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bill-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List bill runs, newest first */
        get: operations["listBillRuns"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bill-runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a bill run, with the customers it could not bill */
        get: operations["getBillRun"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/credit-grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a customer's credit grants, newest first */
        get: operations["listCreditGrants"];
        put?: never;
        /** Grant credits to a customer: money their invoices use before anything is due */
        post: operations["createCreditGrant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credit-grants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a credit grant */
        get: operations["getCreditGrant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credit-grants/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Void a credit grant: what is left leaves the ledger and is never used */
        post: operations["voidCreditGrant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/credit-balances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's credits per currency: usable now, scheduled, and per grant */
        get: operations["getCreditBalances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/credit-ledger": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every increment, burn, expiry, void and void reversal of a customer's credits, newest first */
        get: operations["listCreditLedgerEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/wallets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a customer's wallets, newest first */
        get: operations["listWallets"];
        put?: never;
        /** Open a prepaid wallet for a customer, optionally with an automatic top-up */
        post: operations["createWallet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a wallet and its balance */
        get: operations["getWallet"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a wallet, or set or clear (null) its automatic top-up */
        patch: operations["updateWallet"];
        trace?: never;
    };
    "/v1/customers/{id}/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Money owed to the customer, per currency, that later invoices use */
        get: operations["getCustomerBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/balance-entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The movements of the customer balance, newest first */
        get: operations["listCustomerBalanceEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/wallets/{id}/top-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add credits to a wallet: a purchased grant billed to the customer (free when paid_amount is 0) */
        post: operations["topUpWallet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List coupons, newest first */
        get: operations["listCoupons"];
        put?: never;
        /** Create a coupon: a percentage or fixed discount for one, some or every invoice */
        post: operations["createCoupon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupons/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a coupon */
        get: operations["getCoupon"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupons/{id}/archive": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Archive a coupon: no new redemptions; existing ones keep discounting */
        post: operations["archiveCoupon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/coupons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a customer's coupon redemptions, newest first */
        get: operations["listCouponRedemptions"];
        put?: never;
        /** Redeem a coupon for a customer, by code or id */
        post: operations["redeemCoupon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/coupons/{redemption_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a coupon redemption: later invoices are no longer discounted (why: Fairbill-Reason header) */
        delete: operations["removeCouponRedemption"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List subscriptions, newest first; status and plan_id are read at the time of the request */
        get: operations["listSubscriptions"];
        put?: never;
        /** Subscribe a customer to a published plan version */
        post: operations["createSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a subscription with its timeline, status and current period */
        get: operations["getSubscription"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/change-plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move the subscription to another plan or plan version, now, at period end or at a date */
        post: operations["changeSubscriptionPlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/quantity-changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change a fixed charge's quantity (seats) now or at a date; inside a period an in-advance charge bills the prorated difference */
        post: operations["changeSubscriptionQuantity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel the subscription, at once or at the end of the period */
        post: operations["cancelSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause the subscription: invoices falling due while paused are skipped */
        post: operations["pauseSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the subscription's pause */
        post: operations["resumeSubscription"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/change-plan/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Preview a plan change (the change-plan body, checked the same way): the next invoice without and with it, showing the proration credit and the new plan's prorated fee; nothing is recorded */
        post: operations["previewSubscriptionPlanChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/quantity-changes/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Preview a quantity change (the quantity-changes body, checked the same way): the next invoice without and with it, showing the prorated difference; nothing is recorded */
        post: operations["previewSubscriptionQuantityChange"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}/migrations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the plan's version migrations, newest first, each with the subscriptions it moved */
        get: operations["listPlanMigrations"];
        put?: never;
        /** Move the subscribers of one version of the plan to another version (dry_run: preview only); subscriptions left out keep their version */
        post: operations["createPlanMigration"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List staged rollouts, newest first, each with its stages */
        get: operations["listRollouts"];
        put?: never;
        /** Roll a published plan version out to the subscribers of an earlier version in stages, with guardrails */
        post: operations["createRollout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A staged rollout with its stages' timeline, cohorts and guardrail breaches */
        get: operations["getRollout"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the rollout's guardrails on its cohort's held drafts now, and start the stages that are due */
        post: operations["checkRollout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/experiments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List pricing experiments, newest first, each with its arms and assignment counts */
        get: operations["listExperiments"];
        put?: never;
        /** Start a pricing experiment: a control version, variant versions and an assignment rule */
        post: operations["createExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/experiments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A pricing experiment with its arms, assignment counts and decision */
        get: operations["getExperiment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/experiments/{id}/assignments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which arm each customer of the experiment is assigned to */
        get: operations["getExperimentAssignments"];
        put?: never;
        /** Run the assignment again: every customer keeps its arm, and the customers now due are assigned */
        post: operations["assignExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/experiments/{id}/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each arm's metrics with 95% intervals, its test against the control and the sample size it needs */
        get: operations["getExperimentMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/experiments/{id}/promote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Promote a variant, for its cohort or for everyone on the control version */
        post: operations["promoteExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/experiments/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stop the experiment: every variant's customers go back to the control version */
        post: operations["stopExperiment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backtests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List backtests, newest first */
        get: operations["listBacktests"];
        put?: never;
        /** Price a plan version (a draft too) or price overrides against invoices already billed, for a population of customers; runs as a job (follow it with GET), never touching real invoices */
        post: operations["createBacktest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backtests/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a backtest: its progress, and once completed the revenue change, histogram and movers */
        get: operations["getBacktest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backtests/{id}/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The backtest's invoices by customer and date: as billed, as they would be, line by line */
        get: operations["listBacktestInvoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backtests/{id}/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The backtest's invoices as CSV, a row per line (billed, would be, difference) and per subtotal */
        get: operations["getBacktestCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/backtests/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a queued or running backtest (a running one stops after its current batch of customers) */
        post: operations["cancelBacktest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}/test-matrix": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The plan's test matrix: its saved scenarios with their expected invoices */
        get: operations["getTestMatrix"];
        /** Save the plan's test matrix (replacing it): scenarios with expected invoices, run on every version submitted */
        put: operations["putTestMatrix"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}/versions/{version}/test-matrix-runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The runs of the plan's test matrix on a version, newest first */
        get: operations["listTestMatrixRuns"];
        put?: never;
        /** Run the plan's test matrix on a version now: which expected invoices change and by how much */
        post: operations["runTestMatrix"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/plans/{id}/versions/{version}/approval-view": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What an approver weighs, side by side: the version's diff, its test matrix run and its latest backtest */
        get: operations["getPlanVersionApprovalView"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List invoices, newest first, by customer, subscription, status or issue date */
        get: operations["listInvoices"];
        put?: never;
        /** Create a one-off invoice (a draft unless finalize is true) */
        post: operations["createOneOffInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An invoice with its lines and each line's explanation */
        get: operations["getInvoice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/finalize": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finalize a draft now: a one-off draft, or a subscription invoice before its grace period ends */
        post: operations["finalizeInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Void a finalized, unpaid invoice; its number stays on record, its credits and balance come back */
        post: operations["voidInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The invoice as a PDF, with seller, buyer, lines and their explanations, tax and totals */
        get: operations["getInvoicePdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The invoice as a printable HTML page */
        get: operations["getInvoiceHtml"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credit-notes/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The credit note as a PDF, with seller, buyer, lines and their explanations, tax and totals */
        get: operations["getCreditNotePdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credit-notes/{id}/html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The credit note as a printable HTML page */
        get: operations["getCreditNoteHtml"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/credit-notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Correct a finalized invoice with a credit note, for some lines or in full */
        post: operations["createCreditNote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credit-notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List credit notes, newest first */
        get: operations["listCreditNotes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credit-notes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A credit note */
        get: operations["getCreditNote"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/upcoming-invoice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's next invoice as it stands now, from live usage (nothing is stored) */
        get: operations["getUpcomingInvoice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/bill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Issue every invoice of the customer that is due now (what the bill run does, for one customer) */
        post: operations["billCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoicing-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The seller printed on invoices, numbering prefixes, grace period and payment terms */
        get: operations["getInvoicingSettings"];
        /** Change the invoicing settings (fields left out keep their value) */
        put: operations["updateInvoicingSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoice-holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the holds that keep draft invoices from being finalized, newest first */
        get: operations["listInvoiceHolds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoice-holds/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A hold on a draft invoice, with why it holds it */
        get: operations["getInvoiceHold"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoice-holds/{id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Release the hold: the draft is finalized now when nothing else holds it and its grace period is over */
        post: operations["releaseInvoiceHold"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoice-holds/{id}/recompute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recompute the held draft from the latest usage and plan versions; it stays held */
        post: operations["recomputeHeldDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoice-holds/{id}/discard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Discard the held draft: its period is not invoiced */
        post: operations["discardHeldDraft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the environment's webhook endpoints, newest first */
        get: operations["listWebhookEndpoints"];
        put?: never;
        /** Add a webhook endpoint; its signing secret is shown only in this answer */
        post: operations["createWebhookEndpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a webhook endpoint */
        get: operations["getWebhookEndpoint"];
        put?: never;
        post?: never;
        /** Delete an endpoint: nothing more is sent to it; its delivery log is kept */
        delete: operations["deleteWebhookEndpoint"];
        options?: never;
        head?: never;
        /** Change an endpoint's URL, description, event types, or enable or disable it */
        patch: operations["updateWebhookEndpoint"];
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give an endpoint a new signing secret, shown only in this answer */
        post: operations["rotateWebhookEndpointSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-endpoints/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An endpoint's delivery log, newest first, with every attempt */
        get: operations["listWebhookEndpointDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-event-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The event types an endpoint can receive; the payload of each is in the OpenAPI webhooks */
        get: operations["listWebhookEventTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the events published in the environment, newest first */
        get: operations["listWebhookEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-events/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an event with its deliveries and every attempt */
        get: operations["getWebhookEvent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-deliveries/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again now (one attempt); its retry schedule is unchanged */
        post: operations["redeliverWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/email-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every customer email's template in force: the newest saved version or the built-in one */
        get: operations["listEmailTemplates"];
        put?: never;
        /**
         * Save a new version of a template; it is used from now on
         * @description Templates insert data with {{customer.name}}, repeat with {{#each invoice.lines}}…{{/each}} and choose with {{#if invoice.url}}…{{else}}…{{/if}}. Values are HTML-escaped in the HTML body.
         */
        post: operations["saveEmailTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/email-templates/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The saved versions of the templates (or of one), newest first */
        get: operations["listEmailTemplateVersions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/email-templates/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Render a template (the one in force, or the wording given) with sample or given data */
        post: operations["previewEmailTemplate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/email-templates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read one saved version of a template */
        get: operations["getEmailTemplateVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/email-templates/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Make an earlier version current again, as a new version with its wording */
        post: operations["restoreEmailTemplateVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/emails": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The emails sent or queued to customers, newest first, with their status */
        get: operations["listEmails"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/emails/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read an email with the subject and bodies that were sent */
        get: operations["getEmail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tax-rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List tax rates, newest first */
        get: operations["listTaxRates"];
        put?: never;
        /** Add a tax rate for a country or one of its regions, valid from an instant */
        post: operations["createTaxRate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tax-rates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a tax rate */
        get: operations["getTaxRate"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Rename a tax rate, or archive it (its percent and validity never change: add a new rate) */
        patch: operations["updateTaxRate"];
        trace?: never;
    };
    "/v1/customers/{id}/tax-exemption": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get the customer's tax exemption (404 when it has none) */
        get: operations["getTaxExemption"];
        put?: never;
        /** Exempt the customer from tax (replacing any exemption it had) */
        post: operations["setTaxExemption"];
        /** Revoke the customer's tax exemption: its invoices are taxed again */
        delete: operations["revokeTaxExemption"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tax-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Which tax provider quotes this environment's invoices */
        get: operations["getTaxSettings"];
        /** Use the built-in tax rates, or an external tax calculator over HTTP */
        put: operations["updateTaxSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payment-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How this environment collects: by hand, or through Stripe (secrets shown by hint only) */
        get: operations["getPaymentSettings"];
        /** Set the payment provider and Stripe's secret key and webhook signing secret */
        put: operations["updatePaymentSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/payment-methods": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's payment methods on file, newest first; the default one is charged */
        get: operations["listPaymentMethods"];
        put?: never;
        /** Put a payment method collected by Stripe's own form on file for the customer (their Stripe customer is made the first time) */
        post: operations["attachPaymentMethod"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record money received for an invoice by bank transfer, cheque or cash; partial payments are kept, an overpayment goes to the customer balance */
        post: operations["recordPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/collect": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Charge what remains on the invoice now, with the customer's default payment method */
        post: operations["collectInvoice"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/mark-uncollectible": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Give up collecting an open or partially paid invoice; its dunning stops */
        post: operations["markInvoiceUncollectible"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List payments, newest first, by invoice, customer or status */
        get: operations["listPayments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A payment with its refunds and disputes */
        get: operations["getPayment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/refunds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Refund a payment in full or in part, the way it came (through Stripe, or recorded as paid back by hand) */
        post: operations["refundPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dunning-campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the environment's dunning campaigns, newest first */
        get: operations["listDunningCampaigns"];
        put?: never;
        /** Create a dunning campaign: retry schedule, reminders around the due date, final action */
        post: operations["createDunningCampaign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dunning-campaigns/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A dunning campaign */
        get: operations["getDunningCampaign"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a dunning campaign (invoices already in dunning keep the rules they started with) */
        patch: operations["updateDunningCampaign"];
        trace?: never;
    };
    "/v1/customers/{id}/dunning": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's dunning campaign or exemption, and whether dunning blocks their entitlements */
        get: operations["getCustomerDunning"];
        /** Give the customer their own campaign, or exempt them from dunning */
        put: operations["updateCustomerDunning"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/dunning": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The invoice's dunning: its campaign, every step planned and what each did */
        get: operations["getInvoiceDunning"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reconciliation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Reconcile a month: usage from events to invoices (each difference with its cause and amount), invoices against payments and receivables, revenue leakage per 1,000 events */
        get: operations["reconcilePeriod"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/finance-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The accounting time zone and the chart of accounts journals post to */
        get: operations["getFinanceSettings"];
        /** Change the accounting time zone or the code and name of accounts */
        put: operations["updateFinanceSettings"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/revenue-schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** When the revenue of an invoice's (or a customer's) lines is earned, entry by entry */
        get: operations["listRevenueSchedules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/revenue-report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recognized revenue, breakage and deferred and unbilled balances by month, product or customer */
        get: operations["getRevenueReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/journal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The journal of an accounting month as the books stand now (not recorded as an export) */
        get: operations["getJournal"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/journal/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The journal of an accounting month as CSV (date, account, debit, credit, currency, reference, …) */
        get: operations["getJournalCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/journal-exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Journal exports, newest first (the last 100), each saying whether its month has changed since */
        get: operations["listJournalExports"];
        put?: never;
        /** Export a month's journal for the general ledger: kept as generated, with its digest */
        post: operations["createJournalExport"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/journal-exports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A journal export with its lines as they were exported */
        get: operations["getJournalExport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/journal-exports/{id}/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A journal export as CSV (date, account, debit, credit, currency, reference, …) */
        get: operations["getJournalExportCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/close-checklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What must be done before a month is closed: bill runs, drafts, reconciliation, journal export */
        get: operations["getCloseChecklist"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/period-locks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The closed months, oldest first */
        get: operations["listPeriodLocks"];
        put?: never;
        /** Close a month: nothing dated in it changes afterwards (no finalization, void or credit note); refused while the checklist is open */
        post: operations["lockPeriod"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invoices/{id}/disputes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Open a dispute on a finalized invoice, or on one of its lines */
        post: operations["openDispute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disputes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List disputes, newest first, by status, customer or invoice */
        get: operations["listDisputes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disputes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A dispute with its notes and times */
        get: operations["getDispute"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disputes/{id}/notes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a note to an open dispute */
        post: operations["addDisputeNote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/disputes/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve a dispute with a credit note for the customer, or reject it saying why */
        post: operations["resolveDispute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** MRR and ARR with movements, net revenue retention, DSO, billing failure rate, time to resolve disputes, leakage per 1,000 events and next month's forecast per customer */
        get: operations["getKpis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the customer's alerts, newest first */
        get: operations["listCustomerAlerts"];
        put?: never;
        /** Create an alert: a spend, usage or credit balance threshold of the customer */
        post: operations["createAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/alerts/{alert_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read one of the customer's alerts */
        get: operations["getAlert"];
        put?: never;
        post?: never;
        /** Delete an alert: it is no longer evaluated or listed */
        delete: operations["deleteAlert"];
        options?: never;
        head?: never;
        /** Change an alert's threshold, name, email or enabled flag; a new threshold fires anew */
        patch: operations["updateAlert"];
        trace?: never;
    };
    "/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List every customer's alerts, newest first */
        get: operations["listAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/{id}/triggers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List an alert's firings, newest first */
        get: operations["listAlertTriggers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/portal-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a short-lived signed link to the customer's portal (usage, cost, invoices, alerts)
         * @description Send the customer's browser to `url`, or frame it: the portal page may be shown in an iframe. The token is in the fragment, which browsers never send to a server. It works until `expires_at` (default one hour, at most seven days), or until the environment's portal secret is rotated.
         */
        post: operations["createPortalLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal-secret/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke every portal link of the environment by replacing the secret they are signed with */
        post: operations["rotatePortalSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The portal's customer: name, currency, locale, time zone
         * @description Authenticate with "Authorization: Portal <token>", the token of a portal link.
         */
        get: operations["getPortalProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage to date of each meter the upcoming invoice bills, per day of the current period
         * @description Authenticate with "Authorization: Portal <token>", the token of a portal link.
         */
        get: operations["getPortalUsage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/upcoming-invoice": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The cost to date (the upcoming invoice as it stands) and a linear forecast to the period's end
         * @description Authenticate with "Authorization: Portal <token>", the token of a portal link.
         */
        get: operations["getPortalUpcomingInvoice"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/credit-balances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customer's credit balances per currency
         * @description Authenticate with "Authorization: Portal <token>", the token of a portal link.
         */
        get: operations["getPortalCreditBalances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The customer's finalized invoices, newest first
         * @description Authenticate with "Authorization: Portal <token>", the token of a portal link.
         */
        get: operations["listPortalInvoices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/invoices/{id}/pdf": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of the customer's invoices as a PDF
         * @description Authenticate with "Authorization: Portal <token>", the token of a portal link.
         */
        get: operations["getPortalInvoicePdf"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The spend alerts the customer set in the portal
         * @description Authenticate with "Authorization: Portal <token>", the token of a portal link.
         */
        get: operations["listPortalSpendAlerts"];
        put?: never;
        /**
         * Set a spend alert: be told when the period's cost so far reaches the threshold
         * @description Authenticate with "Authorization: Portal <token>", the token of a portal link.
         */
        post: operations["createPortalSpendAlert"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/portal/alerts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete one of the customer's spend alerts
         * @description Authenticate with "Authorization: Portal <token>", the token of a portal link.
         */
        delete: operations["deletePortalSpendAlert"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email, password and (when set up) a TOTP code; sets the session cookie
         * @description Answers 401 sign_in_failed for a wrong email or password, 401 second_factor_required with the path $.totp_code when a code is needed, and 429 after repeated failures (account_locked for 15 minutes after 5 in a row).
         */
        post: operations["signIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email a link to choose a new password (answers the same whether or not the address has an account) */
        post: operations["requestPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Choose a new password with the emailed link's token; ends every session and unlocks the account */
        post: operations["resetPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/email-verification/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm an email address with the emailed link's token */
        post: operations["verifyEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Accept an invitation: create the account with a password (or add the role to one's account) */
        post: operations["acceptInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/first-admin": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create the organization's first admin with the one-time link that the first start printed */
        post: operations["createFirstAdmin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End this session and clear its cookies */
        post: operations["signOut"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the caller is: their account, their role in each environment, and the key or session used */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change one's password (the current one is required); other sessions end */
        post: operations["changePassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/email-verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Email oneself a link that confirms one's address */
        post: operations["sendEmailVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/second-factor": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start setting up a TOTP second factor: the secret for an authenticator app */
        post: operations["beginSecondFactorEnrolment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/second-factor/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Finish setting up the second factor with a first code from the app */
        post: operations["confirmSecondFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/second-factor/remove": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Remove one's second factor, with the password and a current code */
        post: operations["removeSecondFactor"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One's open sessions, newest first */
        get: operations["listSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End one of one's sessions */
        post: operations["revokeSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** People and service accounts with a role in this environment, newest first */
        get: operations["listUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A person or service account with a role in this environment */
        get: operations["getUser"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a person's role in this environment (null takes it away), or disable their account */
        patch: operations["updateUser"];
        trace?: never;
    };
    "/v1/service-accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a service account owned by the caller, with a role in this environment */
        post: operations["createServiceAccount"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/service-accounts/{id}/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an API key held by a service account; it acts as the account's owner for four-eyes */
        post: operations["createServiceAccountApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Invitations to this environment, newest first */
        get: operations["listInvitations"];
        put?: never;
        /** Invite a person by email to a role in this environment */
        post: operations["createInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/invitations/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke an invitation that was not accepted yet */
        post: operations["revokeInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sign-in-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The organization's sign-in rules */
        get: operations["getSignInSettings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Require (or stop requiring) a second factor of every person of the organization */
        patch: operations["updateSignInSettings"];
        trace?: never;
    };
    "/v1/sso-connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the organization's single sign-on connection (its secret by hint only) */
        get: operations["getSsoConnection"];
        /**
         * Connect the organization to its OpenID Connect provider, or change the connection
         * @description Fairbill reads the issuer's discovery document first (422 sso_issuer_unreachable when it cannot). Register redirect_uri with the provider. An email domain already claimed by another organization is a 409 sso_domain_taken.
         */
        put: operations["saveSsoConnection"];
        post?: never;
        /** Remove the organization's single sign-on: its people sign in with their passwords again */
        delete: operations["deleteSsoConnection"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sso/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start signing in through the identity provider of the address's organization
         * @description Answers the provider's URL to send the browser to, and sets a cookie that the callback checks. 404 sso_not_configured when no organization signs in this address's domain with single sign-on.
         */
        post: operations["startSsoSignIn"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sso/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Where the identity provider sends the browser back: signs the person in and opens the console
         * @description Checks the answer (state, PKCE, the ID token), provisions the person on their first sign-in with the roles the claims map to (or updates their roles), sets the session cookies and redirects (303) to the path the sign-in started with.
         */
        get: operations["finishSsoSignIn"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/stripe/{environment_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Where Stripe sends this environment's events; signed by Stripe, processed once per event id */
        post: operations["receiveStripeWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/console/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Describe the API key of this request: its role, environment and permissions */
        get: operations["getConsoleSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    "customer.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * customer.created
         * @description A customer was created (POST /v1/customers).
         */
        post: operations["webhook_customer_created"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "customer.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * customer.updated
         * @description A customer's fields changed (PATCH /v1/customers/{id}) or the customer was archived (archived_at is set).
         */
        post: operations["webhook_customer_updated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "subscription.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * subscription.created
         * @description A subscription was created on a plan version.
         */
        post: operations["webhook_subscription_created"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "subscription.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * subscription.updated
         * @description A plan change was recorded on a subscription's timeline (by hand or by a plan migration).
         */
        post: operations["webhook_subscription_updated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "subscription.canceled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * subscription.canceled
         * @description A cancellation was recorded; ends_at says when the subscription ends.
         */
        post: operations["webhook_subscription_canceled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "subscription.paused": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * subscription.paused
         * @description A pause was recorded; its pauses say from when and until when.
         */
        post: operations["webhook_subscription_paused"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "subscription.resumed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * subscription.resumed
         * @description A pause was ended.
         */
        post: operations["webhook_subscription_resumed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "invoice.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * invoice.created
         * @description A draft invoice was created: a subscription's invoice waiting for its grace period, or a one-off draft.
         */
        post: operations["webhook_invoice_created"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "invoice.finalized": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * invoice.finalized
         * @description An invoice was finalized: numbered, immutable, and (when something is due) sent to the customer and collected.
         */
        post: operations["webhook_invoice_finalized"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "invoice.voided": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * invoice.voided
         * @description A finalized invoice was voided; the credits and customer balance it used were given back.
         */
        post: operations["webhook_invoice_voided"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "credit_note.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * credit_note.created
         * @description A credit note corrected a finalized invoice.
         */
        post: operations["webhook_credit_note_created"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "invoice_hold.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * invoice_hold.created
         * @description A draft invoice was held back from finalization: by the bill run's standing guard (its total moved beyond the bound) or by a staged rollout watching its cohort.
         */
        post: operations["webhook_invoice_hold_created"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "invoice_hold.released": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * invoice_hold.released
         * @description A hold on a draft was released (by billing operations, or by a rollout whose guardrails passed); the draft is finalized by the next bill once nothing else holds it.
         */
        post: operations["webhook_invoice_hold_released"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "invoice_hold.discarded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * invoice_hold.discarded
         * @description A held draft was discarded: its period is not invoiced, and the draft is gone.
         */
        post: operations["webhook_invoice_hold_discarded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "payment.succeeded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * payment.succeeded
         * @description A payment succeeded: recorded by hand, charged, or confirmed by the provider.
         */
        post: operations["webhook_payment_succeeded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "payment.failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * payment.failed
         * @description A payment was declined or refused; its failure says why.
         */
        post: operations["webhook_payment_failed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "payment.refunded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * payment.refunded
         * @description A refund of a payment succeeded, asked for here or made at the provider.
         */
        post: operations["webhook_payment_refunded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "invoice.paid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * invoice.paid
         * @description A payment settled what was left of an invoice: its status is now paid.
         */
        post: operations["webhook_invoice_paid"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "invoice.payment_failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * invoice.payment_failed
         * @description A payment of an invoice failed; dunning retries it at next_retry_at, if any.
         */
        post: operations["webhook_invoice_payment_failed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "credit.granted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * credit.granted
         * @description Credits were granted to a customer: a promotional or purchased grant made by hand, or a wallet top-up (by hand or automatic; purchased when paid for, with its cost_basis, promotional when free).
         */
        post: operations["webhook_credit_granted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "alert.triggered": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * alert.triggered
         * @description A spend alert fired: the billing period's cost so far reached the rule's threshold (once per period).
         */
        post: operations["webhook_alert_triggered"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "usage.threshold_reached": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * usage.threshold_reached
         * @description A usage alert fired: a meter's quantity in the billing period reached the rule's threshold (once per period).
         */
        post: operations["webhook_usage_threshold_reached"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "credit.balance_low": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * credit.balance_low
         * @description A credit balance alert fired: the credits usable now fell below the rule's threshold (once per fall).
         */
        post: operations["webhook_credit_balance_low"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "backtest.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * backtest.created
         * @description A backtest was requested (POST /v1/backtests); it is queued to run.
         */
        post: operations["webhook_backtest_created"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "backtest.completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * backtest.completed
         * @description A backtest priced every invoice of its population; its summary holds the revenue change and the movers.
         */
        post: operations["webhook_backtest_completed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "backtest.failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * backtest.failed
         * @description A backtest stopped on an error (in failure); what it compared so far is kept.
         */
        post: operations["webhook_backtest_failed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "backtest.canceled": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * backtest.canceled
         * @description A backtest was canceled (POST /v1/backtests/{id}/cancel) before it completed.
         */
        post: operations["webhook_backtest_canceled"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "test_matrix.updated": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * test_matrix.updated
         * @description A plan's test matrix was saved (PUT /v1/plans/{id}/test-matrix).
         */
        post: operations["webhook_test_matrix_updated"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "test_matrix.run_recorded": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * test_matrix.run_recorded
         * @description A plan's test matrix ran on a version (submitted for approval, or on request): which expected invoices change.
         */
        post: operations["webhook_test_matrix_run_recorded"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "rollout.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * rollout.created
         * @description A staged rollout was created.
         */
        post: operations["webhook_rollout_created"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "rollout.stage_started": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * rollout.stage_started
         * @description A stage of a rollout started: its cohort migrates at the end of its current period, and its first drafts are held until the guardrails pass.
         */
        post: operations["webhook_rollout_stage_started"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "rollout.stage_cleared": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * rollout.stage_cleared
         * @description The guardrails passed on a stage's drafts: the holds are released and the drafts are finalized.
         */
        post: operations["webhook_rollout_stage_cleared"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "rollout.completed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * rollout.completed
         * @description Every stage of a rollout came out clean.
         */
        post: operations["webhook_rollout_completed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "rollout.rolled_back": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * rollout.rolled_back
         * @description A stage broke the rollout's guardrails: its cohort went back to the earlier version, and its drafts are recomputed and held for review (`breaches` says why).
         */
        post: operations["webhook_rollout_rolled_back"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "experiment.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * experiment.created
         * @description A pricing experiment was created with its control and variant arms.
         */
        post: operations["webhook_experiment_created"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "experiment.assigned": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * experiment.assigned
         * @description Customers were assigned to the experiment's arms (`arms[].assigned` counts them); a variant's customers move to its version at once (new sign-ups) or at their next period.
         */
        post: operations["webhook_experiment_assigned"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "experiment.promoted": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * experiment.promoted
         * @description A variant was promoted (`decision` says which, and whether for its cohort or everyone).
         */
        post: operations["webhook_experiment_promoted"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "experiment.stopped": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * experiment.stopped
         * @description The experiment was stopped: every variant's customers went back to the control version.
         */
        post: operations["webhook_experiment_stopped"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "approval_request.created": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * approval_request.created
         * @description A change (credit grant, coupon, price override, plan migration or rollout) was refused until another person approves it.
         */
        post: operations["webhook_approval_request_created"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "approval_request.approved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * approval_request.approved
         * @description Another person approved a change: sending the same request again makes it.
         */
        post: operations["webhook_approval_request_approved"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "approval_request.rejected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * approval_request.rejected
         * @description A change waiting for approval was rejected.
         */
        post: operations["webhook_approval_request_rejected"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /** Customer */
        Customer: {
            /** @example cus_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
            id: string;
            external_id: string;
            name: string | null;
            email: string | null;
            billing_address: {
                line1?: string;
                line2?: string;
                city?: string;
                postal_code?: string;
                state?: string;
                /** @description an ISO 3166-1 alpha-2 code such as DE */
                country?: string;
            } | null;
            country: string | null;
            tax_ids: {
                /** @description the kind of number, such as eu_vat or us_ein */
                type: string;
                value: string;
            }[];
            currency: string | null;
            timezone: string;
            locale: string;
            invoice_settings: {
                net_payment_terms_days?: number;
                grace_period_days?: number;
                footer?: string;
            };
            metadata: {
                [key: string]: string;
            };
            parent_customer_id: string | null;
            archived_at: string | null;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            updated_at: string;
        };
        /** Subscription */
        Subscription: {
            /** @example sub_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
            id: string;
            customer_id: string;
            external_id: string | null;
            /**
             * @description at the time of the request
             * @enum {string}
             */
            status: "scheduled" | "trialing" | "active" | "paused" | "canceling" | "ended";
            /** @description the plan the subscription started on */
            plan_id: string;
            /** @description the version the subscription started on */
            plan_version_id: string;
            /** @description the plan version in force now (the first one before the start) */
            current_plan: {
                plan_id: string;
                plan_code: string;
                plan_version_id: string;
                version: number;
            };
            currency: string;
            /** @enum {string} */
            billing: "anniversary" | "calendar";
            trial_days: number;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            started_at: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            trial_ends_at: string;
            /** @description the customer's zone when the subscription was created */
            timezone: string;
            current_period_start: string | null;
            current_period_end: string | null;
            ends_at: string | null;
            next_billing_at: string | null;
            billed_through: string | null;
            progressive_billing_threshold: string | null;
            metadata: {
                [key: string]: string;
            };
            /** @description in the order they take effect */
            changes: {
                /** @example sch_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                id: string;
                /** @enum {string} */
                type: "change_plan" | "cancel";
                /**
                 * Format: date-time
                 * @example 2026-02-15T00:00:00Z
                 */
                at: string;
                plan: {
                    plan_id: string;
                    plan_code: string;
                    plan_version_id: string;
                    version: number;
                } | null;
                mode: ("immediate" | "period_end") | null;
                /** @description how `at` was asked for: immediate, period_end, at, or a migration's timing */
                timing: string;
                migration_id: string | null;
                created_by: string;
                /**
                 * Format: date-time
                 * @example 2026-02-15T00:00:00Z
                 */
                created_at: string;
            }[];
            /** @description oldest first */
            pauses: {
                id: string;
                /**
                 * Format: date-time
                 * @example 2026-02-15T00:00:00Z
                 */
                from: string;
                until: string | null;
                paused_by: string;
                resumed_by: string | null;
                /**
                 * Format: date-time
                 * @example 2026-02-15T00:00:00Z
                 */
                created_at: string;
            }[];
            /** @description each fixed charge's quantity at the start, as set when subscribing (a charge not named holds 1) */
            quantities: {
                [key: string]: number;
            };
            /** @description in the order they take effect */
            quantity_changes: {
                /** @example sqc_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                id: string;
                charge_id: string;
                quantity: number;
                /**
                 * Format: date-time
                 * @example 2026-02-15T00:00:00Z
                 */
                at: string;
                created_by: string;
                /**
                 * Format: date-time
                 * @example 2026-02-15T00:00:00Z
                 */
                created_at: string;
            }[];
            /** @description the length of the windows in which usage billed in advance is invoiced */
            instant_window_minutes: number;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            updated_at: string;
        };
        /** Invoice */
        Invoice: {
            id: string;
            number: string | null;
            /** @enum {string} */
            status: "draft" | "open" | "paid" | "partially_paid" | "uncollectible" | "void";
            /** @enum {string} */
            origin: "subscription" | "one_off" | "progressive";
            customer_id: string;
            subscription_ids: string[];
            currency: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            issued_at: string;
            period_start: string | null;
            period_end: string | null;
            due_at: string | null;
            finalized_at: string | null;
            voided_at: string | null;
            void_reason: string | null;
            lines: {
                id: string;
                subscription_id: string | null;
                plan_id: string | null;
                plan_version_id: string | null;
                charge_id: string | null;
                /** @description fixed, usage, proration_credit, minimum_true_up, progressive_billing_credit or one_off */
                kind: string;
                description: string;
                period_start: string | null;
                period_end: string | null;
                quantity: string;
                unit_amount: string | null;
                /**
                 * @description a decimal amount in the currency's minor unit
                 * @example 49.00
                 */
                amount: string;
                /** @description the line's explanation: plan and price version, meter, aggregation, event count, tier breakdown, proration; a dimensional charge's combination (dimensions) and priced_by default when no listed price covers it */
                details: {
                    [key: string]: unknown;
                };
            }[];
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            subtotal: string;
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            discount: string;
            discounts: {
                redemption_id: string;
                /**
                 * @description a decimal amount in the currency's minor unit
                 * @example 49.00
                 */
                amount: string;
            }[];
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            credits: string;
            credits_applied: {
                grant_id: string;
                /**
                 * @description a decimal amount in the currency's minor unit
                 * @example 49.00
                 */
                amount: string;
            }[];
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            tax: string;
            tax_details: {
                percent: string;
                inclusive: boolean;
                reverse_charge: boolean;
                components: {
                    name: string;
                    percent: string;
                    jurisdiction: string;
                }[];
                exemption_reason: string | null;
                note: string | null;
            } | null;
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            total: string;
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            balance_applied: string;
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            amount_due: string;
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            amount_paid: string;
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            amount_credited: string;
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            amount_remaining: string;
            seller: {
                name: string | null;
                email: string | null;
                address: {
                    line1?: string;
                    line2?: string;
                    city?: string;
                    postal_code?: string;
                    state?: string;
                    country?: string;
                } | null;
                country: string | null;
                tax_ids: {
                    type: string;
                    value: string;
                }[];
            } | null;
            buyer: {
                name: string | null;
                email: string | null;
                address: {
                    line1?: string;
                    line2?: string;
                    city?: string;
                    postal_code?: string;
                    state?: string;
                    country?: string;
                } | null;
                country: string | null;
                tax_ids: {
                    type: string;
                    value: string;
                }[];
            } | null;
            locale: string;
            timezone: string;
            memo: string | null;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
        };
        /** CreditNote */
        CreditNote: {
            id: string;
            number: string;
            invoice_id: string;
            invoice_number: string | null;
            customer_id: string;
            currency: string;
            /** @enum {string} */
            reason: "duplicate" | "fraudulent" | "order_change" | "product_unsatisfactory" | "billing_error" | "other";
            memo: string | null;
            lines: {
                id: string;
                invoice_line_id: string | null;
                description: string;
                /**
                 * @description a decimal amount in the currency's minor unit
                 * @example 49.00
                 */
                amount: string;
                /**
                 * @description a decimal amount in the currency's minor unit
                 * @example 49.00
                 */
                tax: string;
            }[];
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            subtotal: string;
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            tax: string;
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            total: string;
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            applied_to_invoice: string;
            /**
             * @description a decimal amount in the currency's minor unit
             * @example 49.00
             */
            credited_to_balance: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            issued_at: string;
            created_by: string;
        };
        /** InvoiceHold */
        InvoiceHold: {
            /** @example ihd_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
            id: string;
            customer_id: string;
            invoice_id: string | null;
            invoice: {
                /** @example inv_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                id: string;
                /** @description draft while held; the draft's status once the hold is resolved */
                status: string;
                currency: string;
                total: string;
                /**
                 * Format: date-time
                 * @example 2026-02-15T00:00:00Z
                 */
                issued_at: string;
                period_start: string | null;
                period_end: string | null;
            } | null;
            issued_from: string | null;
            /**
             * @description anomaly_guard: the bill run's standing guard; rollout: a staged rollout watching its cohort
             * @enum {string}
             */
            source: "anomaly_guard" | "rollout";
            source_id: string | null;
            /** @description why the draft is held, in words */
            reason: string;
            details: {
                [key: string]: unknown;
            };
            /** @enum {string} */
            status: "active" | "released" | "discarded";
            created_by: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
            held_at: string | null;
            resolved_by: string | null;
            resolved_at: string | null;
            resolution_reason: string | null;
        };
        /** Payment */
        Payment: {
            id: string;
            invoice_id: string;
            customer_id: string;
            /** @enum {string} */
            provider: "manual" | "stripe";
            /** @enum {string} */
            method: "card" | "bank_transfer" | "cheque" | "cash" | "other";
            /** @enum {string} */
            origin: "manual" | "automatic" | "requested" | "dunning_retry" | "provider";
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            currency: string;
            /** @description an amount in the invoice's currency, as a decimal string */
            amount: string;
            /** @description the part that paid the invoice */
            amount_applied: string;
            /** @description an overpayment, owed to the customer on their balance */
            amount_to_balance: string;
            /** @description an amount in the invoice's currency, as a decimal string */
            amount_refunded: string;
            reference: string | null;
            payment_method_id: string | null;
            provider_payment_id: string | null;
            failure: {
                code: string | null;
                decline_code: string | null;
                message: string | null;
                /** @description retrying the same payment method cannot succeed */
                hard_decline: boolean;
            } | null;
            received_at: string | null;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
        };
        /**
         * PaymentRefunded
         * @description the payment after the refund, and the refund
         */
        PaymentRefunded: components["schemas"]["Payment"] & {
            refund: components["schemas"]["Refund"];
        };
        /** Refund */
        Refund: {
            id: string;
            payment_id: string;
            invoice_id: string;
            customer_id: string;
            /**
             * @description asked for here, or made at the provider
             * @enum {string}
             */
            origin: "fairbill" | "provider";
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            currency: string;
            /** @description an amount in the invoice's currency, as a decimal string */
            amount: string;
            /** @description taken off what was paid on the invoice */
            amount_from_invoice: string;
            /** @description taken from the customer balance the overpayment went to */
            amount_from_balance: string;
            reason: string;
            provider_refund_id: string | null;
            failure_message: string | null;
            refunded_at: string | null;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
        };
        /**
         * InvoicePaymentFailed
         * @description the invoice, the payment that failed, and the next retry
         */
        InvoicePaymentFailed: components["schemas"]["Invoice"] & {
            payment: components["schemas"]["Payment"];
            next_retry_at: string | null;
        };
        /** CreditGrant */
        CreditGrant: {
            /** @example cgr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
            id: string;
            customer_id: string;
            wallet_id: string | null;
            name: string;
            currency: string;
            /** @enum {string} */
            type: "promotional" | "purchased";
            /**
             * @description a decimal number written as a string, such as "49.00"
             * @example 49.00
             */
            amount: string;
            /**
             * @description what is left of the grant on the ledger
             * @example 49.00
             */
            remaining: string;
            cost_basis: string | null;
            priority: number;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            effective_at: string;
            expires_at: string | null;
            /**
             * @description now: voided, expired, used (nothing left), scheduled (not yet effective) or active (usable)
             * @enum {string}
             */
            status: "active" | "scheduled" | "used" | "expired" | "voided";
            voided_at: string | null;
            void_reason: string | null;
            metadata: {
                [key: string]: string;
            };
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
        };
        /**
         * AlertTriggerWithRule
         * @description the trigger, and in `alert` the rule that fired
         */
        AlertTriggerWithRule: components["schemas"]["AlertTrigger"] & {
            alert: components["schemas"]["AlertRule"];
        };
        /** AlertTrigger */
        AlertTrigger: {
            id: string;
            alert_id: string;
            customer_id: string;
            subscription_id: string | null;
            /** @enum {string} */
            kind: "spend" | "usage" | "credit_balance";
            /**
             * @description a decimal number written as a string, such as "49.00"
             * @example 49.00
             */
            threshold: string;
            /**
             * @description what crossed the threshold: money, a quantity or a balance
             * @example 49.00
             */
            value: string;
            currency: string | null;
            meter: string | null;
            period_start: string | null;
            period_end: string | null;
            webhook_event_id: string | null;
            email_id: string | null;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            triggered_at: string;
        };
        /** AlertRule */
        AlertRule: {
            id: string;
            customer_id: string;
            subscription_id: string | null;
            /** @enum {string} */
            kind: "spend" | "usage" | "credit_balance";
            name: string | null;
            meter: string | null;
            currency: string | null;
            /**
             * @description a decimal number written as a string, such as "49.00"
             * @example 49.00
             */
            threshold: string;
            email_customer: boolean;
            enabled: boolean;
            /** @description credit_balance: fired and waiting for the balance to be back at or above the threshold */
            below_threshold: boolean;
            created_by: {
                /** @description api_key, portal or system */
                type: string;
                id: string;
            };
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            updated_at: string;
        };
        /**
         * Backtest
         * @description A pricing change priced against invoices already billed: its progress, and once completed its summary
         */
        Backtest: {
            /** @example btk_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
            id: string;
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed" | "canceled";
            plan_id: string;
            plan_version_id: string | null;
            price_overrides: components["schemas"]["BacktestPriceOverride"][] | null;
            population: components["schemas"]["BacktestPopulation"];
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            from: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            to: string;
            customers_total: number;
            customers_done: number;
            invoices_compared: number;
            summary: components["schemas"]["BacktestSummary"] | null;
            failure: string | null;
            cancel_requested_at: string | null;
            created_by: string;
            reason: string | null;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
            started_at: string | null;
            finished_at: string | null;
        };
        /**
         * BacktestPriceOverride
         * @description a price override on one of the plan's charges, in place of the subscriptions' own on that charge
         */
        BacktestPriceOverride: {
            /** @description letters, digits and _ . : - (such as api_calls) */
            charge_id: string;
            override: {
                /**
                 * @description unit_price (per_unit charges), package_price (package), tiers (graduated, volume), amount (fixed), rate (percentage), or percentage_discount (any charge, on top of any price override)
                 * @enum {string}
                 */
                type: "unit_price" | "package_price" | "tiers" | "amount" | "rate" | "percentage_discount";
                /**
                 * @description a decimal number of zero or more written as a string, such as "49.00"
                 * @example 49.00
                 */
                unit_price?: string;
                /**
                 * @description a decimal number of zero or more written as a string, such as "49.00"
                 * @example 49.00
                 */
                package_price?: string;
                tiers?: components["schemas"]["Tier"][];
                /**
                 * @description a decimal number of zero or more written as a string, such as "49.00"
                 * @example 49.00
                 */
                amount?: string;
                /**
                 * @description a decimal number of zero or more written as a string, such as "49.00"
                 * @example 49.00
                 */
                rate?: string;
                /**
                 * @description percent off, more than 0 and at most 100
                 * @example 49.00
                 */
                percent?: string;
            };
        };
        /**
         * Tier
         * @description up_to is inclusive, and null on the last tier; flat_fee is added once when usage reaches the tier
         */
        Tier: {
            up_to: (number | string) | null;
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            unit_price: string;
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            flat_fee?: string;
        };
        /**
         * BacktestPopulation
         * @description Who is backtested: the customers with an invoice of the plan in the periods, narrowed by every field given
         */
        BacktestPopulation: {
            /** @description only customers billed on this version of the plan in the periods */
            plan_version_id?: string;
            /** @description only these customers */
            customer_ids?: string[];
            /** @description only customers whose metadata holds every one of these keys with these values */
            metadata?: {
                [key: string]: string;
            };
            /** @description only customers with this billing country */
            country?: string;
            /** @description only invoices in this currency */
            currency?: string;
            /**
             * @description size: only customers whose invoices in the periods add up (subtotals) to at least this
             * @example 49.00
             */
            billed_at_least?: string;
            /**
             * @description size: only customers whose invoices in the periods add up (subtotals) to less than this
             * @example 49.00
             */
            billed_below?: string;
        };
        /** BacktestSummary */
        BacktestSummary: {
            customers: number;
            invoices: number;
            currencies: {
                currency: string;
                customers: number;
                invoices: number;
                /**
                 * @description in the currency's minor digits
                 * @example 49.00
                 */
                billed: string;
                /**
                 * @description in the currency's minor digits
                 * @example 49.00
                 */
                would_be: string;
                /**
                 * @description the revenue change: would_be minus billed
                 * @example 49.00
                 */
                change: string;
                change_percent: string | null;
                /** @description the losers */
                customers_paying_more: number;
                /** @description the winners */
                customers_paying_less: number;
                customers_unchanged: number;
                largest_increases: {
                    customer_id: string;
                    invoices: number;
                    /**
                     * @description in the currency's minor digits
                     * @example 49.00
                     */
                    billed: string;
                    /**
                     * @description in the currency's minor digits
                     * @example 49.00
                     */
                    would_be: string;
                    /**
                     * @description in the currency's minor digits
                     * @example 49.00
                     */
                    change: string;
                    change_percent: string | null;
                    driving_line: {
                        invoice_id: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        issued_at: string;
                        subscription_id: string | null;
                        charge_id: string | null;
                        kind: string;
                        billed: string | null;
                        would_be: string | null;
                        /**
                         * @description in the currency's minor digits
                         * @example 49.00
                         */
                        difference: string;
                    } | null;
                }[];
                largest_decreases: {
                    customer_id: string;
                    invoices: number;
                    /**
                     * @description in the currency's minor digits
                     * @example 49.00
                     */
                    billed: string;
                    /**
                     * @description in the currency's minor digits
                     * @example 49.00
                     */
                    would_be: string;
                    /**
                     * @description in the currency's minor digits
                     * @example 49.00
                     */
                    change: string;
                    change_percent: string | null;
                    driving_line: {
                        invoice_id: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        issued_at: string;
                        subscription_id: string | null;
                        charge_id: string | null;
                        kind: string;
                        billed: string | null;
                        would_be: string | null;
                        /**
                         * @description in the currency's minor digits
                         * @example 49.00
                         */
                        difference: string;
                    } | null;
                }[];
            }[];
            /** @description customers by the change of what they pay, in percent */
            histogram: {
                label: string;
                from_percent: string | null;
                to_percent: string | null;
                customers: number;
            }[];
        };
        /**
         * TestMatrix
         * @description A plan's saved scenarios, run on every version submitted for approval
         */
        TestMatrix: {
            plan_id: string;
            scenarios: components["schemas"]["TestMatrixScenario"][];
            updated_by: string | null;
            updated_at: string | null;
        };
        /** TestMatrixScenario */
        TestMatrixScenario: {
            /** @description what the scenario checks */
            name: string;
            /** @description a scenario document of `fairbill simulate`, with its expected invoices in `expected.invoices`; one of its plans has the plan's code and is priced, in a run, with the version under test */
            scenario: unknown;
        };
        /**
         * TestMatrixRun
         * @description A plan's test matrix priced with one version: which expected invoices change and by how much
         */
        TestMatrixRun: {
            /** @example tmr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
            id: string;
            plan_id: string;
            plan_version_id: string;
            version: number;
            /** @enum {string} */
            trigger: "submitted" | "requested";
            scenarios_total: number;
            scenarios_changed: number;
            scenarios_failed: number;
            invoices_changed: number;
            results: {
                name: string;
                /**
                 * @description failed: the scenario cannot be priced with this version (errors say why)
                 * @enum {string}
                 */
                status: "unchanged" | "changed" | "failed";
                expected_invoices: number;
                changed_invoices: {
                    issued_at: string;
                    expected_total: string | null;
                    actual_total: string | null;
                    /**
                     * @description actual total minus expected total
                     * @example 49.00
                     */
                    difference: string;
                    /** @description the lines whose amount changed, appeared or went away */
                    lines: {
                        charge: string | null;
                        kind: string | null;
                        period_start: string | null;
                        period_end: string | null;
                        expected_amount: string | null;
                        actual_amount: string | null;
                        /**
                         * @description a decimal number written as a string, such as "49.00"
                         * @example 49.00
                         */
                        difference: string;
                    }[];
                }[];
                errors: {
                    path: string;
                    message: string;
                }[];
            }[];
            created_by: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
        };
        /** Rollout */
        Rollout: {
            /** @example rol_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
            id: string;
            plan_id: string;
            from_version_id: string;
            to_version_id: string;
            guardrails: {
                customer_change_percent: string | null;
                zero_or_negative: boolean;
                moved_share: {
                    change_percent: string;
                    maximum_share_percent: string;
                } | null;
                payment_problems_over_control_points: string | null;
            };
            history_invoices: number;
            notify_email: string | null;
            /** @enum {string} */
            status: "running" | "completed" | "rolled_back";
            /** @description why it was rolled back */
            breaches: {
                rule: string;
                customer_id: string | null;
                message: string;
            }[];
            stages: {
                /** @example rst_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                id: string;
                position: number;
                percent: string;
                /** @enum {string} */
                start: "now" | "at" | "after_previous_clean";
                starts_at: string | null;
                /**
                 * @description watching: migrated, its cohort's first drafts held until the guardrails pass (clean) or break (breached)
                 * @enum {string}
                 */
                status: "pending" | "watching" | "clean" | "breached" | "skipped";
                migration_id: string | null;
                rollback_migration_id: string | null;
                customer_ids: string[];
                started_at: string | null;
                evaluated_at: string | null;
                breaches: {
                    rule: string;
                    customer_id: string | null;
                    message: string;
                }[];
            }[];
            created_by: string;
            reason: string | null;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            updated_at: string;
        };
        /** Experiment */
        Experiment: {
            /** @example exp_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
            id: string;
            name: string;
            plan_id: string;
            salt: string;
            /** @enum {string} */
            assignment: "hash" | "lists";
            segment_key: string | null;
            /** @enum {string} */
            audience: "new_signups" | "existing_next_period";
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            starts_at: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            ends_at: string;
            /** @enum {string} */
            status: "running" | "promoted" | "stopped";
            decision: {
                /** @enum {string} */
                action: "promote" | "stop";
                arm_id: string | null;
                scope: ("cohort" | "everyone") | null;
                migration_ids: string[];
            } | null;
            arms: {
                /** @example xar_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                id: string;
                name: string;
                /** @enum {string} */
                role: "control" | "variant";
                version: number;
                version_id: string;
                weight: string;
                /** @description the arm's list (assignment lists) */
                customer_ids: string[];
                /** @description customers assigned to the arm */
                assigned: number;
            }[];
            created_by: string;
            reason: string | null;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            updated_at: string;
        };
        /** ApprovalRequest */
        ApprovalRequest: {
            /** @example apq_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
            id: string;
            /** @enum {string} */
            kind: "credit_grant" | "coupon" | "price_override" | "plan_migration" | "rollout";
            /**
             * @description pending (waits for another person), approved (send the same request again to make the change), rejected, or used (the change was made)
             * @enum {string}
             */
            state: "pending" | "approved" | "rejected" | "used";
            /** @description what the change does, in a sentence */
            summary: string;
            target_id: string | null;
            /** @description the request as sent */
            request: {
                [key: string]: unknown;
            };
            requested_by: {
                id: string;
                name: string;
            } | null;
            reason: string | null;
            decided_by: {
                id: string;
                name: string;
            } | null;
            decision_comment: string | null;
            decided_at: string | null;
            used_for_object_id: string | null;
            used_at: string | null;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
        };
        /** ApiKeyOwner */
        ApiKeyOwner: {
            id: string;
            /** @enum {string} */
            kind: "person" | "service_account";
            /** @description the person's or the service account's name */
            name: string;
            /** @description who answers for the key: the person, or the owner of the service account */
            person: {
                id: string;
                name: string;
            };
        };
        /**
         * MeterFilters
         * @description an event matches when each listed property holds one of its values: {"model": ["large", "xl"]}
         */
        MeterFilters: {
            [key: string]: (string | number | boolean)[];
        };
        /**
         * Meter
         * @description a meter: the events it counts (event_name, filters) and how (aggregation of property)
         */
        Meter: {
            /** @description letters, digits and _ . : - (such as api_calls) */
            code: string;
            /** @description the name of the events the meter counts */
            event_name: string;
            /**
             * @description count events, or sum, max, unique_count, latest or weighted_sum (a time-weighted level) of a property
             * @enum {string}
             */
            aggregation: "count" | "sum" | "max" | "unique_count" | "latest" | "weighted_sum";
            /** @description an event property's name (no NUL characters) */
            property?: string;
            filters?: components["schemas"]["MeterFilters"];
        };
        /**
         * FixedCharge
         * @description amount per period; timing in_advance (the default) or in_arrears; prorate (default true)
         */
        FixedCharge: {
            /** @description letters, digits and _ . : - (such as api_calls) */
            id: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "fixed";
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            amount: string;
            /** @enum {string} */
            timing?: "in_advance" | "in_arrears";
            prorate?: boolean;
            /** @description the code of the product the charge sells */
            product?: string;
        };
        /**
         * PerUnitCharge
         * @description unit_price × (quantity − free_units)
         */
        PerUnitCharge: {
            /** @description letters, digits and _ . : - (such as api_calls) */
            id: string;
            /** @enum {string} */
            type: "usage";
            /** @description the code of the meter whose usage the charge prices */
            meter: string;
            /** @enum {string} */
            timing?: "in_arrears";
            prorate?: boolean;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            model: "per_unit";
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            unit_price: string;
            free_units?: number | string;
            /** @description the code of the product the charge sells */
            product?: string;
        };
        /**
         * PackageCharge
         * @description package_price per started package of package_size units, after free_units
         */
        PackageCharge: {
            /** @description letters, digits and _ . : - (such as api_calls) */
            id: string;
            /** @enum {string} */
            type: "usage";
            /** @description the code of the meter whose usage the charge prices */
            meter: string;
            /** @enum {string} */
            timing?: "in_arrears";
            prorate?: boolean;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            model: "package";
            package_size: number | string;
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            package_price: string;
            free_units?: number | string;
            /** @description the code of the product the charge sells */
            product?: string;
        };
        /**
         * GraduatedCharge
         * @description each unit at the price of the tier it falls in
         */
        GraduatedCharge: {
            /** @description letters, digits and _ . : - (such as api_calls) */
            id: string;
            /** @enum {string} */
            type: "usage";
            /** @description the code of the meter whose usage the charge prices */
            meter: string;
            /** @enum {string} */
            timing?: "in_arrears";
            prorate?: boolean;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            model: "graduated";
            tiers: components["schemas"]["Tier"][];
            /** @description the code of the product the charge sells */
            product?: string;
        };
        /**
         * VolumeCharge
         * @description every unit at the price of the tier the whole quantity falls in
         */
        VolumeCharge: {
            /** @description letters, digits and _ . : - (such as api_calls) */
            id: string;
            /** @enum {string} */
            type: "usage";
            /** @description the code of the meter whose usage the charge prices */
            meter: string;
            /** @enum {string} */
            timing?: "in_arrears";
            prorate?: boolean;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            model: "volume";
            tiers: components["schemas"]["Tier"][];
            /** @description the code of the product the charge sells */
            product?: string;
        };
        /**
         * PercentageCharge
         * @description per event, rate % of the summed property plus fixed_fee, within per_transaction_min and _max; the meter must be a sum meter
         */
        PercentageCharge: {
            /** @description letters, digits and _ . : - (such as api_calls) */
            id: string;
            /** @enum {string} */
            type: "usage";
            /** @description the code of the meter whose usage the charge prices */
            meter: string;
            /** @enum {string} */
            timing?: "in_arrears";
            prorate?: boolean;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            model: "percentage";
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            rate: string;
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            fixed_fee?: string;
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            per_transaction_min?: string;
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            per_transaction_max?: string;
            /** @description the code of the product the charge sells */
            product?: string;
        };
        /**
         * UsageCharge
         * @description priced on a meter's usage over the period, by model. per_unit: unit_price × (quantity − free_units); package: package_price per started package of package_size units, after free_units; graduated: each unit at the price of the tier it falls in; volume: every unit at the price of the tier the whole quantity falls in; percentage: per event, rate % of the summed property plus fixed_fee, within per_transaction_min and _max; the meter must be a sum meter
         */
        UsageCharge: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "usage";
            /** @enum {string} */
            model: "per_unit" | "package" | "graduated" | "volume" | "percentage";
        } & (components["schemas"]["PerUnitCharge"] | components["schemas"]["PackageCharge"] | components["schemas"]["GraduatedCharge"] | components["schemas"]["VolumeCharge"] | components["schemas"]["PercentageCharge"]);
        /**
         * Charge
         * @description a fixed amount per period, or usage priced by a model (per_unit, package, graduated, volume, percentage)
         */
        Charge: {
            /** @enum {string} */
            type: "fixed" | "usage";
        } & (components["schemas"]["FixedCharge"] | components["schemas"]["UsageCharge"]);
        /** ScenarioPlan */
        ScenarioPlan: {
            /** @description letters, digits and _ . : - (such as api_calls) */
            code: string;
            /** @enum {string} */
            interval: "day" | "week" | "month" | "quarter" | "year";
            interval_count?: number;
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            minimum_commitment?: string;
            charges: components["schemas"]["Charge"][];
        };
        /** ScenarioEvent */
        ScenarioEvent: {
            id: string;
            name: string;
            /**
             * @description an RFC 3339 timestamp, to the millisecond at most
             * @example 2026-01-15T00:00:00Z
             */
            timestamp: string;
            /** @description the event's properties, read by the meters */
            properties?: Record<string, never> | null;
        };
        /**
         * ChargePrices
         * @description the price fields of the charge with this id, in this currency
         */
        ChargePrices: {
            /** @description letters, digits and _ . : - (such as api_calls) */
            id: string;
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            amount?: string;
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            unit_price?: string;
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            package_price?: string;
            tiers?: components["schemas"]["Tier"][];
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            rate?: string;
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            fixed_fee?: string;
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            per_transaction_min?: string;
            /**
             * @description a decimal number of zero or more written as a string, such as "49.00"
             * @example 49.00
             */
            per_transaction_max?: string;
        };
        /** PriceBook */
        PriceBook: {
            /** @description an ISO 4217 code such as USD */
            currency: string;
            minimum_commitment?: string | null;
            charges: components["schemas"]["ChargePrices"][];
        };
        /**
         * PlanEntitlement
         * @description boolean features: the code alone; static: value; metered: limit per period (null is unlimited)
         */
        PlanEntitlement: {
            /** @description letters, digits and _ . : - (such as api_calls) */
            feature: string;
            /** @description a static feature's configuration value */
            value?: unknown;
            limit?: string | null;
        };
        /**
         * PlanVersionContent
         * @description what a plan version sells: billing interval, trial, minimum commitment, charges, prices in other currencies and entitlements
         */
        PlanVersionContent: {
            /** @description an ISO 4217 code such as USD */
            currency: string;
            /** @enum {string} */
            interval: "day" | "week" | "month" | "quarter" | "year";
            interval_count: number;
            trial_days: number;
            minimum_commitment: string | null;
            charges: ({
                /** @enum {string} */
                type: "fixed" | "usage";
            } & ({
                /** @description letters, digits and _ . : - (such as api_calls) */
                id: string;
                /** @enum {string} */
                type: "fixed";
                /**
                 * @description a decimal number of zero or more written as a string, such as "49.00"
                 * @example 49.00
                 */
                amount: string;
                /** @enum {string} */
                timing?: "in_advance" | "in_arrears";
                prorate?: boolean;
                /** @description the code of the product the charge sells */
                product?: string;
                min_quantity?: number;
                max_quantity?: number;
                credit_on_decrease?: boolean;
                /** @description the code of the meter whose usage the charge prices */
                quantity_meter?: string;
            } | ({
                /** @enum {string} */
                type: "usage";
                /** @enum {string} */
                model: "per_unit" | "package" | "graduated" | "volume" | "percentage" | "dimensional";
            } & ({
                /** @description letters, digits and _ . : - (such as api_calls) */
                id: string;
                /** @enum {string} */
                type: "usage";
                /** @description the code of the meter whose usage the charge prices */
                meter: string;
                /** @enum {string} */
                timing?: "in_arrears" | "in_advance";
                prorate?: boolean;
                /** @enum {string} */
                model: "per_unit";
                /**
                 * @description a decimal number of zero or more written as a string, such as "49.00"
                 * @example 49.00
                 */
                unit_price: string;
                free_units?: number | string;
                /** @description the code of the product the charge sells */
                product?: string;
                /** @description letters, digits and _ . : - (such as api_calls) */
                unit?: string;
            } | {
                /** @description letters, digits and _ . : - (such as api_calls) */
                id: string;
                /** @enum {string} */
                type: "usage";
                /** @description the code of the meter whose usage the charge prices */
                meter: string;
                /** @enum {string} */
                timing?: "in_arrears" | "in_advance";
                prorate?: boolean;
                /** @enum {string} */
                model: "package";
                package_size: number | string;
                /**
                 * @description a decimal number of zero or more written as a string, such as "49.00"
                 * @example 49.00
                 */
                package_price: string;
                free_units?: number | string;
                /** @description the code of the product the charge sells */
                product?: string;
                /** @description letters, digits and _ . : - (such as api_calls) */
                unit?: string;
            } | {
                /** @description letters, digits and _ . : - (such as api_calls) */
                id: string;
                /** @enum {string} */
                type: "usage";
                /** @description the code of the meter whose usage the charge prices */
                meter: string;
                /** @enum {string} */
                timing?: "in_arrears" | "in_advance";
                prorate?: boolean;
                /** @enum {string} */
                model: "graduated";
                tiers: components["schemas"]["Tier"][];
                /** @description the code of the product the charge sells */
                product?: string;
                /** @description letters, digits and _ . : - (such as api_calls) */
                unit?: string;
            } | {
                /** @description letters, digits and _ . : - (such as api_calls) */
                id: string;
                /** @enum {string} */
                type: "usage";
                /** @description the code of the meter whose usage the charge prices */
                meter: string;
                /** @enum {string} */
                timing?: "in_arrears" | "in_advance";
                prorate?: boolean;
                /** @enum {string} */
                model: "volume";
                tiers: components["schemas"]["Tier"][];
                /** @description the code of the product the charge sells */
                product?: string;
                /** @description letters, digits and _ . : - (such as api_calls) */
                unit?: string;
            } | {
                /** @description letters, digits and _ . : - (such as api_calls) */
                id: string;
                /** @enum {string} */
                type: "usage";
                /** @description the code of the meter whose usage the charge prices */
                meter: string;
                /** @enum {string} */
                timing?: "in_arrears" | "in_advance";
                prorate?: boolean;
                /** @enum {string} */
                model: "percentage";
                /**
                 * @description a decimal number of zero or more written as a string, such as "49.00"
                 * @example 49.00
                 */
                rate: string;
                /**
                 * @description a decimal number of zero or more written as a string, such as "49.00"
                 * @example 49.00
                 */
                fixed_fee?: string;
                /**
                 * @description a decimal number of zero or more written as a string, such as "49.00"
                 * @example 49.00
                 */
                per_transaction_min?: string;
                /**
                 * @description a decimal number of zero or more written as a string, such as "49.00"
                 * @example 49.00
                 */
                per_transaction_max?: string;
                /** @description the code of the product the charge sells */
                product?: string;
                /** @description letters, digits and _ . : - (such as api_calls) */
                unit?: string;
            } | {
                /** @description letters, digits and _ . : - (such as api_calls) */
                id: string;
                /** @enum {string} */
                type: "usage";
                /** @description the code of the meter whose usage the charge prices */
                meter: string;
                /** @enum {string} */
                timing?: "in_arrears";
                prorate?: boolean;
                /** @enum {string} */
                model: "dimensional";
                dimensions: string[];
                prices: ({
                    /** @enum {string} */
                    model: "per_unit" | "package" | "graduated" | "volume" | "percentage";
                } & ({
                    /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                    match: {
                        [key: string]: string;
                    };
                    /** @enum {string} */
                    model: "per_unit";
                    /**
                     * @description a decimal number of zero or more written as a string, such as "49.00"
                     * @example 49.00
                     */
                    unit_price: string;
                    free_units?: number | string;
                } | {
                    /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                    match: {
                        [key: string]: string;
                    };
                    /** @enum {string} */
                    model: "package";
                    package_size: number | string;
                    /**
                     * @description a decimal number of zero or more written as a string, such as "49.00"
                     * @example 49.00
                     */
                    package_price: string;
                    free_units?: number | string;
                } | {
                    /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                    match: {
                        [key: string]: string;
                    };
                    /** @enum {string} */
                    model: "graduated";
                    tiers: components["schemas"]["Tier"][];
                } | {
                    /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                    match: {
                        [key: string]: string;
                    };
                    /** @enum {string} */
                    model: "volume";
                    tiers: components["schemas"]["Tier"][];
                } | {
                    /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                    match: {
                        [key: string]: string;
                    };
                    /** @enum {string} */
                    model: "percentage";
                    /**
                     * @description a decimal number of zero or more written as a string, such as "49.00"
                     * @example 49.00
                     */
                    rate: string;
                    /**
                     * @description a decimal number of zero or more written as a string, such as "49.00"
                     * @example 49.00
                     */
                    fixed_fee?: string;
                    /**
                     * @description a decimal number of zero or more written as a string, such as "49.00"
                     * @example 49.00
                     */
                    per_transaction_min?: string;
                    /**
                     * @description a decimal number of zero or more written as a string, such as "49.00"
                     * @example 49.00
                     */
                    per_transaction_max?: string;
                }))[];
                /** @description the price of every combination not listed, or "reject" to refuse their events */
                default: unknown;
                /** @description letters, digits and _ . : - (such as api_calls) */
                unit?: string;
                /** @description the code of the product the charge sells */
                product?: string;
            }))))[];
            currency_prices: components["schemas"]["PriceBook"][];
            entitlements: components["schemas"]["PlanEntitlement"][];
        };
        /** Person */
        Person: {
            /** @description the user (usr_…), or a service account (sva_…) that no person owns */
            id: string;
            /** @example Ada Lovelace */
            name: string;
        };
        /**
         * ApprovalRequiredFor
         * @description the changes besides plan versions that another person must approve before they are made
         */
        ApprovalRequiredFor: {
            /** @description credit grants of more than this amount in a currency */
            credit_grants_above: {
                /** @description an ISO 4217 code such as USD */
                currency: string;
                /**
                 * @description a decimal number of zero or more written as a string, such as "49.00"
                 * @example 49.00
                 */
                amount: string;
            }[];
            coupons_above: {
                percent: string | null;
                /** @description fixed coupons of more than this amount off in a currency */
                amounts: {
                    /** @description an ISO 4217 code such as USD */
                    currency: string;
                    /**
                     * @description a decimal number of zero or more written as a string, such as "49.00"
                     * @example 49.00
                     */
                    amount: string;
                }[];
            };
            price_overrides: {
                discounts_above_percent: string | null;
                /** @description every override that replaces a charge's price (unit, package or tier prices, amount, rate) */
                new_prices: boolean;
            };
            /** @description every plan migration */
            plan_migrations: boolean;
            /** @description every staged rollout */
            rollouts: boolean;
        };
        /** ApprovalPolicyChange */
        ApprovalPolicyChange: {
            /** @example apc_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
            id: string;
            /** @description what the change would set */
            publish_requires_approval: boolean;
            approval_required_for: components["schemas"]["ApprovalRequiredFor"];
            /** @enum {string} */
            state: "pending" | "applied" | "rejected";
            proposed_by: {
                id: string;
                name: string;
            } | null;
            decided_by: {
                id: string;
                name: string;
            } | null;
            reason: string | null;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
            decided_at: string | null;
        };
        /** ExperimentAssignments */
        ExperimentAssignments: {
            experiment_id: string;
            /** @description customers this request assigned (0 on a read) */
            newly_assigned: number;
            assignments: {
                customer_id: string;
                subscription_id: string;
                arm_id: string;
                stratum: string;
                migration_id: string | null;
                /**
                 * Format: date-time
                 * @example 2026-02-15T00:00:00Z
                 */
                assigned_at: string;
            }[];
        };
        /** ExperimentMetrics */
        ExperimentMetrics: {
            experiment_id: string;
            currency: string | null;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            from: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            to: string;
            arms: {
                arm_id: string;
                name: string;
                /** @enum {string} */
                role: "control" | "variant";
                customers: number;
                trial_to_paid: {
                    successes: number;
                    trials: number;
                    rate: number;
                    /** @description 95% Wilson interval */
                    lower: number;
                    upper: number;
                    difference: number | null;
                    p_value: number | null;
                    significant: boolean | null;
                    required_sample_size: number | null;
                };
                churn: {
                    successes: number;
                    trials: number;
                    rate: number;
                    /** @description 95% Wilson interval */
                    lower: number;
                    upper: number;
                    difference: number | null;
                    p_value: number | null;
                    significant: boolean | null;
                    required_sample_size: number | null;
                };
                payment_failure_rate: {
                    successes: number;
                    trials: number;
                    rate: number;
                    /** @description 95% Wilson interval */
                    lower: number;
                    upper: number;
                    difference: number | null;
                    p_value: number | null;
                    significant: boolean | null;
                    required_sample_size: number | null;
                };
                disputes: {
                    successes: number;
                    trials: number;
                    rate: number;
                    /** @description 95% Wilson interval */
                    lower: number;
                    upper: number;
                    difference: number | null;
                    p_value: number | null;
                    significant: boolean | null;
                    required_sample_size: number | null;
                };
                average_invoice: {
                    count: number;
                    total: string;
                    mean: string;
                    /** @description 95% Student's t interval of the mean (estimate) */
                    lower: number;
                    upper: number;
                    difference: number | null;
                    p_value: number | null;
                    significant: boolean | null;
                    required_sample_size: number | null;
                };
                expansion_revenue: {
                    count: number;
                    total: string;
                    mean: string;
                    /** @description 95% Student's t interval of the mean (estimate) */
                    lower: number;
                    upper: number;
                    difference: number | null;
                    p_value: number | null;
                    significant: boolean | null;
                    required_sample_size: number | null;
                };
                contraction_revenue: {
                    count: number;
                    total: string;
                    mean: string;
                    /** @description 95% Student's t interval of the mean (estimate) */
                    lower: number;
                    upper: number;
                    difference: number | null;
                    p_value: number | null;
                    significant: boolean | null;
                    required_sample_size: number | null;
                };
            }[];
        };
        /** BacktestLine */
        BacktestLine: {
            subscription_id: string | null;
            charge_id: string | null;
            kind: string;
            period_start: string | null;
            period_end: string | null;
            billed: {
                plan_version_id: string | null;
                description: string;
                quantity: string;
                /**
                 * @description in the currency's minor digits
                 * @example 49.00
                 */
                amount: string;
                /** @description the line's explanation, as invoices show it (meter, event count, tiers, proration) */
                details: {
                    [key: string]: unknown;
                };
            } | null;
            would_be: {
                plan_version_id: string | null;
                description: string;
                quantity: string;
                /**
                 * @description in the currency's minor digits
                 * @example 49.00
                 */
                amount: string;
                /** @description the line's explanation, as invoices show it (meter, event count, tiers, proration) */
                details: {
                    [key: string]: unknown;
                };
            } | null;
            /**
             * @description would_be minus billed (a missing side counts as zero)
             * @example 49.00
             */
            difference: string;
        };
        /**
         * BacktestInvoice
         * @description An invoice of the backtest: as billed, as it would be, line by line, and the difference
         */
        BacktestInvoice: {
            invoice_id: string;
            invoice_number: string | null;
            customer_id: string;
            currency: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            issued_at: string;
            /**
             * @description in the currency's minor digits
             * @example 49.00
             */
            billed_subtotal: string;
            /**
             * @description in the currency's minor digits
             * @example 49.00
             */
            would_be_subtotal: string;
            /**
             * @description in the currency's minor digits
             * @example 49.00
             */
            difference: string;
            lines: components["schemas"]["BacktestLine"][];
        };
        /**
         * PlanVersionApprovalView
         * @description What an approver weighs: the version, its diff, its test matrix run and its latest backtest
         */
        PlanVersionApprovalView: {
            plan_version: {
                /** @example plv_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                id: string;
                plan_id: string;
                plan_code: string;
                version: number;
                /** @enum {string} */
                state: "draft" | "pending_approval" | "published" | "retired";
                /**
                 * @description the state, with a published version told apart as scheduled, active or superseded
                 * @enum {string}
                 */
                status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
            } & components["schemas"]["PlanVersionContent"] & {
                copied_from_version: number | null;
                effective_from: string | null;
                created_by: string;
                submitted_by: string | null;
                submitted_at: string | null;
                approved_by: string | null;
                approved_at: string | null;
                published_at: string | null;
                retired_at: string | null;
                /**
                 * Format: date-time
                 * @example 2026-02-15T00:00:00Z
                 */
                created_at: string;
                /**
                 * Format: date-time
                 * @example 2026-02-15T00:00:00Z
                 */
                updated_at: string;
            };
            diff: {
                plan_id: string;
                from_version: number;
                to_version: number;
                changes: {
                    /** @example $.charges[1].tiers[1].unit_price */
                    path: string;
                    /** @enum {string} */
                    change: "added" | "removed" | "changed";
                    before: unknown;
                    after: unknown;
                    /** @example charge api_calls graduated tier 2 unit price 0.002 → 0.0015 */
                    description: string;
                }[];
            } | null;
            test_matrix_run: components["schemas"]["TestMatrixRun"] | null;
            backtest: components["schemas"]["Backtest"] | null;
        };
        /** User */
        User: {
            /** @description usr_… for a person, sva_… for a service account */
            id: string;
            /** @enum {string} */
            kind: "person" | "service_account";
            name: string;
            email: string | null;
            email_verified: boolean;
            second_factor_enabled: boolean;
            role: ("admin" | "billing_ops" | "finance" | "viewer" | "ingest") | null;
            owner: {
                id: string;
                name: string;
            } | null;
            disabled_at: string | null;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
        };
        /** Me */
        Me: {
            user: components["schemas"]["User"];
            /** @enum {string} */
            environment: "test" | "live";
            /** @description the caller's role in each environment */
            roles: {
                test: ("admin" | "billing_ops" | "finance" | "viewer" | "ingest") | null;
                live: ("admin" | "billing_ops" | "finance" | "viewer" | "ingest") | null;
            };
            credential: {
                /** @enum {string} */
                type: "api_key" | "session";
                /** @description the key (key_…) or session (ses_…) of this request */
                id: string;
            };
            role: ("admin" | "billing_ops" | "finance" | "viewer" | "ingest") | null;
            /** @description every permission that role grants: what the console offers */
            permissions: ("keys:manage" | "people:manage" | "settings:manage" | "webhooks:manage" | "customers:read" | "customers:write" | "events:read" | "events:write" | "events:manage" | "meters:read" | "meters:write" | "catalog:read" | "catalog:write" | "catalog:approve" | "billing:read" | "billing:write" | "finance:read" | "finance:write" | "audit:read" | "simulations:run")[];
            /** @description the organization requires a second factor this person has not set up: only account routes are open */
            second_factor_enrolment_required: boolean;
        };
        /** Invitation */
        Invitation: {
            /** @example ivt_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
            id: string;
            email: string;
            name: string;
            /**
             * @description what the person may do in this environment
             * @enum {string}
             */
            role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
            /** @enum {string} */
            environment: "test" | "live";
            invited_by: {
                id: string;
                name: string;
            };
            /** @enum {string} */
            status: "pending" | "accepted" | "revoked" | "expired";
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            expires_at: string;
            /**
             * Format: date-time
             * @example 2026-02-15T00:00:00Z
             */
            created_at: string;
        };
        /** @description RFC 9457 problem details */
        Problem: {
            type: string;
            title: string;
            status: number;
            /** @description stable, machine-readable error code */
            code: string;
            detail: string;
            instance: string;
            request_id: string;
            /** @description each bad field, by JSON path */
            errors?: {
                path: string;
                message: string;
            }[];
        };
    };
    responses: {
        /** @description RFC 9457 problem details */
        Problem: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        status: string;
                    };
                };
            };
        };
    };
    getReadiness: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: never;
    };
    listCustomers: {
        parameters: {
            query?: {
                external_id?: string;
                email?: string;
                /** @description part of the name, email or external id */
                search?: string;
                /** @description an ISO 3166-1 alpha-2 code such as DE */
                country?: string;
                /** @description an ISO 4217 code such as USD */
                currency?: string;
                parent_customer_id?: string;
                /** @description true lists archived customers only; default false */
                archived?: boolean;
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Customer"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createCustomer: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description your own id for this customer, unique in the environment */
                    external_id: string;
                    name?: string | null;
                    email?: string | null;
                    billing_address?: {
                        line1?: string;
                        line2?: string;
                        city?: string;
                        postal_code?: string;
                        state?: string;
                        /**
                         * Format: iso-3166-country
                         * @description an ISO 3166-1 alpha-2 code such as DE
                         */
                        country?: string;
                    } | null;
                    country?: string | null;
                    tax_ids?: {
                        /** @description the kind of number, such as eu_vat or us_ein */
                        type: string;
                        value: string;
                    }[];
                    currency?: string | null;
                    /**
                     * Format: iana-time-zone
                     * @description an IANA time zone such as Europe/Berlin
                     */
                    timezone?: string;
                    /** @description a BCP 47 tag such as de-DE */
                    locale?: string;
                    invoice_settings?: {
                        net_payment_terms_days?: number;
                        grace_period_days?: number;
                        footer?: string;
                    };
                    /** @description up to 50 keys of your own, each with a string value */
                    metadata?: {
                        [key: string]: string;
                    };
                    parent_customer_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateCustomer: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description your own id for this customer, unique in the environment */
                    external_id?: string;
                    name?: string | null;
                    email?: string | null;
                    billing_address?: {
                        line1?: string;
                        line2?: string;
                        city?: string;
                        postal_code?: string;
                        state?: string;
                        /**
                         * Format: iso-3166-country
                         * @description an ISO 3166-1 alpha-2 code such as DE
                         */
                        country?: string;
                    } | null;
                    country?: string | null;
                    tax_ids?: {
                        /** @description the kind of number, such as eu_vat or us_ein */
                        type: string;
                        value: string;
                    }[];
                    currency?: string | null;
                    /**
                     * Format: iana-time-zone
                     * @description an IANA time zone such as Europe/Berlin
                     */
                    timezone?: string;
                    /** @description a BCP 47 tag such as de-DE */
                    locale?: string;
                    invoice_settings?: {
                        net_payment_terms_days?: number;
                        grace_period_days?: number;
                        footer?: string;
                    };
                    /** @description up to 50 keys of your own, each with a string value */
                    metadata?: {
                        [key: string]: string;
                    };
                    parent_customer_id?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getCustomerByExternalId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                external_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    archiveCustomer: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listApiKeys: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example key_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            name: string;
                            /**
                             * @description what the key may do
                             * @enum {string}
                             */
                            role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
                            /** @enum {string} */
                            environment: "test" | "live";
                            /** @description the first characters of the key, to tell keys apart */
                            prefix: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            expires_at: string | null;
                            revoked_at: string | null;
                            last_used_at: string | null;
                            rotated_from_key_id: string | null;
                            /** @description the person (usr_…) or service account (sva_…) the key belongs to; a key made here belongs to the caller */
                            user_id: string;
                            owner: components["schemas"]["ApiKeyOwner"];
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * @description what the key may do
                     * @enum {string}
                     */
                    role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
                    /**
                     * Format: date-time
                     * @example 2026-02-15T00:00:00Z
                     */
                    expires_at?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        api_key: {
                            /** @example key_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            name: string;
                            /**
                             * @description what the key may do
                             * @enum {string}
                             */
                            role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
                            /** @enum {string} */
                            environment: "test" | "live";
                            /** @description the first characters of the key, to tell keys apart */
                            prefix: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            expires_at: string | null;
                            revoked_at: string | null;
                            last_used_at: string | null;
                            rotated_from_key_id: string | null;
                            /** @description the person (usr_…) or service account (sva_…) the key belongs to; a key made here belongs to the caller */
                            user_id: string;
                            owner: components["schemas"]["ApiKeyOwner"];
                        };
                        /** @description the key itself; shown only in this response */
                        secret: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example key_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        name: string;
                        /**
                         * @description what the key may do
                         * @enum {string}
                         */
                        role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
                        /** @enum {string} */
                        environment: "test" | "live";
                        /** @description the first characters of the key, to tell keys apart */
                        prefix: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        expires_at: string | null;
                        revoked_at: string | null;
                        last_used_at: string | null;
                        rotated_from_key_id: string | null;
                        /** @description the person (usr_…) or service account (sva_…) the key belongs to; a key made here belongs to the caller */
                        user_id: string;
                        owner: components["schemas"]["ApiKeyOwner"];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    rotateApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description how long the old key keeps working; 0 (the default) revokes it at once */
                    previous_key_valid_for_seconds?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        api_key: {
                            /** @example key_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            name: string;
                            /**
                             * @description what the key may do
                             * @enum {string}
                             */
                            role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
                            /** @enum {string} */
                            environment: "test" | "live";
                            /** @description the first characters of the key, to tell keys apart */
                            prefix: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            expires_at: string | null;
                            revoked_at: string | null;
                            last_used_at: string | null;
                            rotated_from_key_id: string | null;
                            /** @description the person (usr_…) or service account (sva_…) the key belongs to; a key made here belongs to the caller */
                            user_id: string;
                            owner: components["schemas"]["ApiKeyOwner"];
                        };
                        /** @description the key itself; shown only in this response */
                        secret: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example key_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        name: string;
                        /**
                         * @description what the key may do
                         * @enum {string}
                         */
                        role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
                        /** @enum {string} */
                        environment: "test" | "live";
                        /** @description the first characters of the key, to tell keys apart */
                        prefix: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        expires_at: string | null;
                        revoked_at: string | null;
                        last_used_at: string | null;
                        rotated_from_key_id: string | null;
                        /** @description the person (usr_…) or service account (sva_…) the key belongs to; a key made here belongs to the caller */
                        user_id: string;
                        owner: components["schemas"]["ApiKeyOwner"];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    simulateScenario: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description a billing scenario, format version 1: meters, plans, a subscription and its changes, coupons, credit grants, tax and usage events */
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {number} */
                    version: 1;
                    /** @description an ISO 4217 code such as USD */
                    currency: string;
                    /** @description an IANA time zone such as Europe/Paris */
                    timezone?: string;
                    meters: components["schemas"]["Meter"][];
                    plans: components["schemas"]["ScenarioPlan"][];
                    subscription: {
                        /** @description the code of one of the scenario's plans */
                        plan: string;
                        /**
                         * @description an RFC 3339 timestamp, to the millisecond at most
                         * @example 2026-01-15T00:00:00Z
                         */
                        start: string;
                        /** @enum {string} */
                        billing?: "anniversary" | "calendar";
                        trial_days?: number;
                    };
                    changes?: ({
                        /** @enum {string} */
                        type: "change_plan" | "cancel";
                    } & ({
                        /** @enum {string} */
                        type: "change_plan";
                        /**
                         * @description an RFC 3339 timestamp, to the millisecond at most
                         * @example 2026-01-15T00:00:00Z
                         */
                        at: string;
                        /** @description the code of one of the scenario's plans */
                        plan: string;
                    } | {
                        /** @enum {string} */
                        type: "cancel";
                        /**
                         * @description an RFC 3339 timestamp, to the millisecond at most
                         * @example 2026-01-15T00:00:00Z
                         */
                        at: string;
                        /** @enum {string} */
                        mode: "immediate" | "period_end";
                    }))[];
                    coupons?: ({
                        /** @enum {string} */
                        type: "percentage" | "fixed";
                    } & ({
                        id: string;
                        /** @enum {string} */
                        duration: "once" | "repeating" | "forever";
                        invoices?: number;
                        /** @enum {string} */
                        type: "percentage";
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        percent: string;
                    } | {
                        id: string;
                        /** @enum {string} */
                        duration: "once" | "repeating" | "forever";
                        invoices?: number;
                        /** @enum {string} */
                        type: "fixed";
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        amount: string;
                    }))[];
                    credit_grants?: {
                        id: string;
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        amount: string;
                        /**
                         * @description an RFC 3339 timestamp, to the millisecond at most
                         * @example 2026-01-15T00:00:00Z
                         */
                        effective_at: string;
                        /**
                         * @description an RFC 3339 timestamp, to the millisecond at most
                         * @example 2026-01-15T00:00:00Z
                         */
                        expires_at?: string;
                        priority: number;
                    }[];
                    tax?: {
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        rate: string;
                    };
                    events: components["schemas"]["ScenarioEvent"][];
                    /**
                     * @description an RFC 3339 timestamp, to the millisecond at most
                     * @example 2026-01-15T00:00:00Z
                     */
                    bill_until: string;
                    description?: unknown;
                    expected?: unknown;
                    expected_error?: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        invoices: {
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            issued_at: string;
                            currency: string;
                            lines: {
                                charge: string;
                                /** @description fixed, usage, proration_credit or minimum_true_up */
                                kind: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-02-15T00:00:00Z
                                 */
                                period_start: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-02-15T00:00:00Z
                                 */
                                period_end: string;
                                quantity: string;
                                /**
                                 * @description a decimal number written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                amount: string;
                                /** @description where the line comes from: meter, events, tiers, proration factor, plan */
                                details: {
                                    [key: string]: unknown;
                                };
                            }[];
                            /**
                             * @description a decimal number written as a string, such as "49.00"
                             * @example 49.00
                             */
                            subtotal: string;
                            /**
                             * @description a decimal number written as a string, such as "49.00"
                             * @example 49.00
                             */
                            discount: string;
                            /**
                             * @description a decimal number written as a string, such as "49.00"
                             * @example 49.00
                             */
                            credits: string;
                            /**
                             * @description a decimal number written as a string, such as "49.00"
                             * @example 49.00
                             */
                            tax: string;
                            /**
                             * @description a decimal number written as a string, such as "49.00"
                             * @example 49.00
                             */
                            total: string;
                            /**
                             * @description a decimal number written as a string, such as "49.00"
                             * @example 49.00
                             */
                            balance_applied: string;
                            /**
                             * @description a decimal number written as a string, such as "49.00"
                             * @example 49.00
                             */
                            amount_due: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listProducts: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example prd_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            code: string;
                            name: string;
                            description: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            updated_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description letters, digits and _ . : - (such as api_calls) */
                    code: string;
                    name: string;
                    description?: string | null;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example prd_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        description: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getProduct: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example prd_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        description: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateProduct: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    description?: string | null;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example prd_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        description: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listFeatures: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example fea_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            code: string;
                            name: string;
                            description: string | null;
                            /** @enum {string} */
                            kind: "boolean" | "static" | "metered";
                            meter: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            updated_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createFeature: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description letters, digits and _ . : - (such as api_calls) */
                    code: string;
                    name: string;
                    description?: string | null;
                    /**
                     * @description boolean: on or off; static: a configuration value; metered: a limit per period on a meter
                     * @enum {string}
                     */
                    kind: "boolean" | "static" | "metered";
                    /** @description letters, digits and _ . : - (such as api_calls) */
                    meter?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example fea_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        description: string | null;
                        /** @enum {string} */
                        kind: "boolean" | "static" | "metered";
                        meter: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getFeature: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example fea_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        description: string | null;
                        /** @enum {string} */
                        kind: "boolean" | "static" | "metered";
                        meter: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateFeature: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    description?: string | null;
                    /** @description letters, digits and _ . : - (such as api_calls) */
                    meter?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example fea_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        description: string | null;
                        /** @enum {string} */
                        kind: "boolean" | "static" | "metered";
                        meter: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listPlans: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example pln_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            code: string;
                            name: string;
                            description: string | null;
                            /** @description every version, oldest first */
                            versions: {
                                version: number;
                                /** @enum {string} */
                                state: "draft" | "pending_approval" | "published" | "retired";
                                /** @enum {string} */
                                status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                                effective_from: string | null;
                            }[];
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            updated_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createPlan: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description letters, digits and _ . : - (such as api_calls) */
                    code: string;
                    name: string;
                    description?: string | null;
                    /** @description the content of version 1, created as a draft */
                    version: {
                        /** @description an ISO 4217 code such as USD */
                        currency: string;
                        /** @enum {string} */
                        interval: "day" | "week" | "month" | "quarter" | "year";
                        charges: ({
                            /** @enum {string} */
                            type: "fixed" | "usage";
                        } & ({
                            /** @description letters, digits and _ . : - (such as api_calls) */
                            id: string;
                            /** @enum {string} */
                            type: "fixed";
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            amount: string;
                            /** @enum {string} */
                            timing?: "in_advance" | "in_arrears";
                            prorate?: boolean;
                            /** @description the code of the product the charge sells */
                            product?: string;
                            min_quantity?: number;
                            max_quantity?: number;
                            credit_on_decrease?: boolean;
                            /** @description the code of the meter whose usage the charge prices */
                            quantity_meter?: string;
                        } | ({
                            /** @enum {string} */
                            type: "usage";
                            /** @enum {string} */
                            model: "per_unit" | "package" | "graduated" | "volume" | "percentage" | "dimensional";
                        } & ({
                            /** @description letters, digits and _ . : - (such as api_calls) */
                            id: string;
                            /** @enum {string} */
                            type: "usage";
                            /** @description the code of the meter whose usage the charge prices */
                            meter: string;
                            /** @enum {string} */
                            timing?: "in_arrears" | "in_advance";
                            prorate?: boolean;
                            /** @enum {string} */
                            model: "per_unit";
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            unit_price: string;
                            free_units?: number | string;
                            /** @description the code of the product the charge sells */
                            product?: string;
                            /** @description letters, digits and _ . : - (such as api_calls) */
                            unit?: string;
                        } | {
                            /** @description letters, digits and _ . : - (such as api_calls) */
                            id: string;
                            /** @enum {string} */
                            type: "usage";
                            /** @description the code of the meter whose usage the charge prices */
                            meter: string;
                            /** @enum {string} */
                            timing?: "in_arrears" | "in_advance";
                            prorate?: boolean;
                            /** @enum {string} */
                            model: "package";
                            package_size: number | string;
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            package_price: string;
                            free_units?: number | string;
                            /** @description the code of the product the charge sells */
                            product?: string;
                            /** @description letters, digits and _ . : - (such as api_calls) */
                            unit?: string;
                        } | {
                            /** @description letters, digits and _ . : - (such as api_calls) */
                            id: string;
                            /** @enum {string} */
                            type: "usage";
                            /** @description the code of the meter whose usage the charge prices */
                            meter: string;
                            /** @enum {string} */
                            timing?: "in_arrears" | "in_advance";
                            prorate?: boolean;
                            /** @enum {string} */
                            model: "graduated";
                            tiers: components["schemas"]["Tier"][];
                            /** @description the code of the product the charge sells */
                            product?: string;
                            /** @description letters, digits and _ . : - (such as api_calls) */
                            unit?: string;
                        } | {
                            /** @description letters, digits and _ . : - (such as api_calls) */
                            id: string;
                            /** @enum {string} */
                            type: "usage";
                            /** @description the code of the meter whose usage the charge prices */
                            meter: string;
                            /** @enum {string} */
                            timing?: "in_arrears" | "in_advance";
                            prorate?: boolean;
                            /** @enum {string} */
                            model: "volume";
                            tiers: components["schemas"]["Tier"][];
                            /** @description the code of the product the charge sells */
                            product?: string;
                            /** @description letters, digits and _ . : - (such as api_calls) */
                            unit?: string;
                        } | {
                            /** @description letters, digits and _ . : - (such as api_calls) */
                            id: string;
                            /** @enum {string} */
                            type: "usage";
                            /** @description the code of the meter whose usage the charge prices */
                            meter: string;
                            /** @enum {string} */
                            timing?: "in_arrears" | "in_advance";
                            prorate?: boolean;
                            /** @enum {string} */
                            model: "percentage";
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            rate: string;
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            fixed_fee?: string;
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            per_transaction_min?: string;
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            per_transaction_max?: string;
                            /** @description the code of the product the charge sells */
                            product?: string;
                            /** @description letters, digits and _ . : - (such as api_calls) */
                            unit?: string;
                        } | {
                            /** @description letters, digits and _ . : - (such as api_calls) */
                            id: string;
                            /** @enum {string} */
                            type: "usage";
                            /** @description the code of the meter whose usage the charge prices */
                            meter: string;
                            /** @enum {string} */
                            timing?: "in_arrears";
                            prorate?: boolean;
                            /** @enum {string} */
                            model: "dimensional";
                            dimensions: string[];
                            prices: ({
                                /** @enum {string} */
                                model: "per_unit" | "package" | "graduated" | "volume" | "percentage";
                            } & ({
                                /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                                match: {
                                    [key: string]: string;
                                };
                                /** @enum {string} */
                                model: "per_unit";
                                /**
                                 * @description a decimal number of zero or more written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                unit_price: string;
                                free_units?: number | string;
                            } | {
                                /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                                match: {
                                    [key: string]: string;
                                };
                                /** @enum {string} */
                                model: "package";
                                package_size: number | string;
                                /**
                                 * @description a decimal number of zero or more written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                package_price: string;
                                free_units?: number | string;
                            } | {
                                /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                                match: {
                                    [key: string]: string;
                                };
                                /** @enum {string} */
                                model: "graduated";
                                tiers: components["schemas"]["Tier"][];
                            } | {
                                /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                                match: {
                                    [key: string]: string;
                                };
                                /** @enum {string} */
                                model: "volume";
                                tiers: components["schemas"]["Tier"][];
                            } | {
                                /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                                match: {
                                    [key: string]: string;
                                };
                                /** @enum {string} */
                                model: "percentage";
                                /**
                                 * @description a decimal number of zero or more written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                rate: string;
                                /**
                                 * @description a decimal number of zero or more written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                fixed_fee?: string;
                                /**
                                 * @description a decimal number of zero or more written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                per_transaction_min?: string;
                                /**
                                 * @description a decimal number of zero or more written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                per_transaction_max?: string;
                            }))[];
                            /** @description the price of every combination not listed, or "reject" to refuse their events */
                            default: unknown;
                            /** @description letters, digits and _ . : - (such as api_calls) */
                            unit?: string;
                            /** @description the code of the product the charge sells */
                            product?: string;
                        }))))[];
                        interval_count?: number;
                        trial_days?: number;
                        minimum_commitment?: string | null;
                        currency_prices?: components["schemas"]["PriceBook"][];
                        entitlements?: components["schemas"]["PlanEntitlement"][];
                    };
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example pln_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        description: string | null;
                        /** @description every version, oldest first */
                        versions: {
                            version: number;
                            /** @enum {string} */
                            state: "draft" | "pending_approval" | "published" | "retired";
                            /** @enum {string} */
                            status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                            effective_from: string | null;
                        }[];
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getPlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example pln_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        description: string | null;
                        /** @description every version, oldest first */
                        versions: {
                            version: number;
                            /** @enum {string} */
                            state: "draft" | "pending_approval" | "published" | "retired";
                            /** @enum {string} */
                            status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                            effective_from: string | null;
                        }[];
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updatePlan: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    description?: string | null;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example pln_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        description: string | null;
                        /** @description every version, oldest first */
                        versions: {
                            version: number;
                            /** @enum {string} */
                            state: "draft" | "pending_approval" | "published" | "retired";
                            /** @enum {string} */
                            status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                            effective_from: string | null;
                        }[];
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listPlanVersions: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: ({
                            /** @example plv_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            plan_id: string;
                            plan_code: string;
                            version: number;
                            /** @enum {string} */
                            state: "draft" | "pending_approval" | "published" | "retired";
                            /**
                             * @description the state, with a published version told apart as scheduled, active or superseded
                             * @enum {string}
                             */
                            status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                        } & components["schemas"]["PlanVersionContent"] & {
                            copied_from_version: number | null;
                            effective_from: string | null;
                            created_by: string;
                            submitted_by: string | null;
                            submitted_at: string | null;
                            approved_by: string | null;
                            approved_at: string | null;
                            published_at: string | null;
                            retired_at: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            updated_at: string;
                        })[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createPlanVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the version to copy; the latest when left out */
                    from_version?: number;
                    /** @description an ISO 4217 code such as USD */
                    currency?: string;
                    /** @enum {string} */
                    interval?: "day" | "week" | "month" | "quarter" | "year";
                    interval_count?: number;
                    trial_days?: number;
                    minimum_commitment?: string | null;
                    charges?: ({
                        /** @enum {string} */
                        type: "fixed" | "usage";
                    } & ({
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        id: string;
                        /** @enum {string} */
                        type: "fixed";
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        amount: string;
                        /** @enum {string} */
                        timing?: "in_advance" | "in_arrears";
                        prorate?: boolean;
                        /** @description the code of the product the charge sells */
                        product?: string;
                        min_quantity?: number;
                        max_quantity?: number;
                        credit_on_decrease?: boolean;
                        /** @description the code of the meter whose usage the charge prices */
                        quantity_meter?: string;
                    } | ({
                        /** @enum {string} */
                        type: "usage";
                        /** @enum {string} */
                        model: "per_unit" | "package" | "graduated" | "volume" | "percentage" | "dimensional";
                    } & ({
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        id: string;
                        /** @enum {string} */
                        type: "usage";
                        /** @description the code of the meter whose usage the charge prices */
                        meter: string;
                        /** @enum {string} */
                        timing?: "in_arrears" | "in_advance";
                        prorate?: boolean;
                        /** @enum {string} */
                        model: "per_unit";
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        unit_price: string;
                        free_units?: number | string;
                        /** @description the code of the product the charge sells */
                        product?: string;
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        unit?: string;
                    } | {
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        id: string;
                        /** @enum {string} */
                        type: "usage";
                        /** @description the code of the meter whose usage the charge prices */
                        meter: string;
                        /** @enum {string} */
                        timing?: "in_arrears" | "in_advance";
                        prorate?: boolean;
                        /** @enum {string} */
                        model: "package";
                        package_size: number | string;
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        package_price: string;
                        free_units?: number | string;
                        /** @description the code of the product the charge sells */
                        product?: string;
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        unit?: string;
                    } | {
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        id: string;
                        /** @enum {string} */
                        type: "usage";
                        /** @description the code of the meter whose usage the charge prices */
                        meter: string;
                        /** @enum {string} */
                        timing?: "in_arrears" | "in_advance";
                        prorate?: boolean;
                        /** @enum {string} */
                        model: "graduated";
                        tiers: components["schemas"]["Tier"][];
                        /** @description the code of the product the charge sells */
                        product?: string;
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        unit?: string;
                    } | {
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        id: string;
                        /** @enum {string} */
                        type: "usage";
                        /** @description the code of the meter whose usage the charge prices */
                        meter: string;
                        /** @enum {string} */
                        timing?: "in_arrears" | "in_advance";
                        prorate?: boolean;
                        /** @enum {string} */
                        model: "volume";
                        tiers: components["schemas"]["Tier"][];
                        /** @description the code of the product the charge sells */
                        product?: string;
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        unit?: string;
                    } | {
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        id: string;
                        /** @enum {string} */
                        type: "usage";
                        /** @description the code of the meter whose usage the charge prices */
                        meter: string;
                        /** @enum {string} */
                        timing?: "in_arrears" | "in_advance";
                        prorate?: boolean;
                        /** @enum {string} */
                        model: "percentage";
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        rate: string;
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        fixed_fee?: string;
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        per_transaction_min?: string;
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        per_transaction_max?: string;
                        /** @description the code of the product the charge sells */
                        product?: string;
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        unit?: string;
                    } | {
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        id: string;
                        /** @enum {string} */
                        type: "usage";
                        /** @description the code of the meter whose usage the charge prices */
                        meter: string;
                        /** @enum {string} */
                        timing?: "in_arrears";
                        prorate?: boolean;
                        /** @enum {string} */
                        model: "dimensional";
                        dimensions: string[];
                        prices: ({
                            /** @enum {string} */
                            model: "per_unit" | "package" | "graduated" | "volume" | "percentage";
                        } & ({
                            /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                            match: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            model: "per_unit";
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            unit_price: string;
                            free_units?: number | string;
                        } | {
                            /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                            match: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            model: "package";
                            package_size: number | string;
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            package_price: string;
                            free_units?: number | string;
                        } | {
                            /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                            match: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            model: "graduated";
                            tiers: components["schemas"]["Tier"][];
                        } | {
                            /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                            match: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            model: "volume";
                            tiers: components["schemas"]["Tier"][];
                        } | {
                            /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                            match: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            model: "percentage";
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            rate: string;
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            fixed_fee?: string;
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            per_transaction_min?: string;
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            per_transaction_max?: string;
                        }))[];
                        /** @description the price of every combination not listed, or "reject" to refuse their events */
                        default: unknown;
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        unit?: string;
                        /** @description the code of the product the charge sells */
                        product?: string;
                    }))))[];
                    currency_prices?: components["schemas"]["PriceBook"][];
                    entitlements?: components["schemas"]["PlanEntitlement"][];
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example plv_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        plan_id: string;
                        plan_code: string;
                        version: number;
                        /** @enum {string} */
                        state: "draft" | "pending_approval" | "published" | "retired";
                        /**
                         * @description the state, with a published version told apart as scheduled, active or superseded
                         * @enum {string}
                         */
                        status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                    } & components["schemas"]["PlanVersionContent"] & {
                        copied_from_version: number | null;
                        effective_from: string | null;
                        created_by: string;
                        submitted_by: string | null;
                        submitted_at: string | null;
                        approved_by: string | null;
                        approved_at: string | null;
                        published_at: string | null;
                        retired_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getPlanVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example plv_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        plan_id: string;
                        plan_code: string;
                        version: number;
                        /** @enum {string} */
                        state: "draft" | "pending_approval" | "published" | "retired";
                        /**
                         * @description the state, with a published version told apart as scheduled, active or superseded
                         * @enum {string}
                         */
                        status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                    } & components["schemas"]["PlanVersionContent"] & {
                        copied_from_version: number | null;
                        effective_from: string | null;
                        created_by: string;
                        submitted_by: string | null;
                        submitted_at: string | null;
                        approved_by: string | null;
                        approved_at: string | null;
                        published_at: string | null;
                        retired_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    discardPlanVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example plv_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        plan_id: string;
                        plan_code: string;
                        version: number;
                        /** @enum {string} */
                        state: "draft" | "pending_approval" | "published" | "retired";
                        /**
                         * @description the state, with a published version told apart as scheduled, active or superseded
                         * @enum {string}
                         */
                        status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                    } & components["schemas"]["PlanVersionContent"] & {
                        copied_from_version: number | null;
                        effective_from: string | null;
                        created_by: string;
                        submitted_by: string | null;
                        submitted_at: string | null;
                        approved_by: string | null;
                        approved_at: string | null;
                        published_at: string | null;
                        retired_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updatePlanVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description an ISO 4217 code such as USD */
                    currency?: string;
                    /** @enum {string} */
                    interval?: "day" | "week" | "month" | "quarter" | "year";
                    interval_count?: number;
                    trial_days?: number;
                    minimum_commitment?: string | null;
                    charges?: ({
                        /** @enum {string} */
                        type: "fixed" | "usage";
                    } & ({
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        id: string;
                        /** @enum {string} */
                        type: "fixed";
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        amount: string;
                        /** @enum {string} */
                        timing?: "in_advance" | "in_arrears";
                        prorate?: boolean;
                        /** @description the code of the product the charge sells */
                        product?: string;
                        min_quantity?: number;
                        max_quantity?: number;
                        credit_on_decrease?: boolean;
                        /** @description the code of the meter whose usage the charge prices */
                        quantity_meter?: string;
                    } | ({
                        /** @enum {string} */
                        type: "usage";
                        /** @enum {string} */
                        model: "per_unit" | "package" | "graduated" | "volume" | "percentage" | "dimensional";
                    } & ({
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        id: string;
                        /** @enum {string} */
                        type: "usage";
                        /** @description the code of the meter whose usage the charge prices */
                        meter: string;
                        /** @enum {string} */
                        timing?: "in_arrears" | "in_advance";
                        prorate?: boolean;
                        /** @enum {string} */
                        model: "per_unit";
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        unit_price: string;
                        free_units?: number | string;
                        /** @description the code of the product the charge sells */
                        product?: string;
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        unit?: string;
                    } | {
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        id: string;
                        /** @enum {string} */
                        type: "usage";
                        /** @description the code of the meter whose usage the charge prices */
                        meter: string;
                        /** @enum {string} */
                        timing?: "in_arrears" | "in_advance";
                        prorate?: boolean;
                        /** @enum {string} */
                        model: "package";
                        package_size: number | string;
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        package_price: string;
                        free_units?: number | string;
                        /** @description the code of the product the charge sells */
                        product?: string;
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        unit?: string;
                    } | {
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        id: string;
                        /** @enum {string} */
                        type: "usage";
                        /** @description the code of the meter whose usage the charge prices */
                        meter: string;
                        /** @enum {string} */
                        timing?: "in_arrears" | "in_advance";
                        prorate?: boolean;
                        /** @enum {string} */
                        model: "graduated";
                        tiers: components["schemas"]["Tier"][];
                        /** @description the code of the product the charge sells */
                        product?: string;
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        unit?: string;
                    } | {
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        id: string;
                        /** @enum {string} */
                        type: "usage";
                        /** @description the code of the meter whose usage the charge prices */
                        meter: string;
                        /** @enum {string} */
                        timing?: "in_arrears" | "in_advance";
                        prorate?: boolean;
                        /** @enum {string} */
                        model: "volume";
                        tiers: components["schemas"]["Tier"][];
                        /** @description the code of the product the charge sells */
                        product?: string;
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        unit?: string;
                    } | {
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        id: string;
                        /** @enum {string} */
                        type: "usage";
                        /** @description the code of the meter whose usage the charge prices */
                        meter: string;
                        /** @enum {string} */
                        timing?: "in_arrears" | "in_advance";
                        prorate?: boolean;
                        /** @enum {string} */
                        model: "percentage";
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        rate: string;
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        fixed_fee?: string;
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        per_transaction_min?: string;
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        per_transaction_max?: string;
                        /** @description the code of the product the charge sells */
                        product?: string;
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        unit?: string;
                    } | {
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        id: string;
                        /** @enum {string} */
                        type: "usage";
                        /** @description the code of the meter whose usage the charge prices */
                        meter: string;
                        /** @enum {string} */
                        timing?: "in_arrears";
                        prorate?: boolean;
                        /** @enum {string} */
                        model: "dimensional";
                        dimensions: string[];
                        prices: ({
                            /** @enum {string} */
                            model: "per_unit" | "package" | "graduated" | "volume" | "percentage";
                        } & ({
                            /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                            match: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            model: "per_unit";
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            unit_price: string;
                            free_units?: number | string;
                        } | {
                            /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                            match: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            model: "package";
                            package_size: number | string;
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            package_price: string;
                            free_units?: number | string;
                        } | {
                            /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                            match: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            model: "graduated";
                            tiers: components["schemas"]["Tier"][];
                        } | {
                            /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                            match: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            model: "volume";
                            tiers: components["schemas"]["Tier"][];
                        } | {
                            /** @description the combination this price is for, a value for each dimension: {"model": "gpt-4"} */
                            match: {
                                [key: string]: string;
                            };
                            /** @enum {string} */
                            model: "percentage";
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            rate: string;
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            fixed_fee?: string;
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            per_transaction_min?: string;
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            per_transaction_max?: string;
                        }))[];
                        /** @description the price of every combination not listed, or "reject" to refuse their events */
                        default: unknown;
                        /** @description letters, digits and _ . : - (such as api_calls) */
                        unit?: string;
                        /** @description the code of the product the charge sells */
                        product?: string;
                    }))))[];
                    currency_prices?: components["schemas"]["PriceBook"][];
                    entitlements?: components["schemas"]["PlanEntitlement"][];
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example plv_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        plan_id: string;
                        plan_code: string;
                        version: number;
                        /** @enum {string} */
                        state: "draft" | "pending_approval" | "published" | "retired";
                        /**
                         * @description the state, with a published version told apart as scheduled, active or superseded
                         * @enum {string}
                         */
                        status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                    } & components["schemas"]["PlanVersionContent"] & {
                        copied_from_version: number | null;
                        effective_from: string | null;
                        created_by: string;
                        submitted_by: string | null;
                        submitted_at: string | null;
                        approved_by: string | null;
                        approved_at: string | null;
                        published_at: string | null;
                        retired_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    submitPlanVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                    /**
                     * Format: date-time
                     * @description when the version takes effect; now when left out, never in the past
                     */
                    effective_from?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example plv_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        plan_id: string;
                        plan_code: string;
                        version: number;
                        /** @enum {string} */
                        state: "draft" | "pending_approval" | "published" | "retired";
                        /**
                         * @description the state, with a published version told apart as scheduled, active or superseded
                         * @enum {string}
                         */
                        status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                    } & components["schemas"]["PlanVersionContent"] & {
                        copied_from_version: number | null;
                        effective_from: string | null;
                        created_by: string;
                        submitted_by: string | null;
                        submitted_at: string | null;
                        approved_by: string | null;
                        approved_at: string | null;
                        published_at: string | null;
                        retired_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    approvePlanVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment?: string;
                    /**
                     * Format: date-time
                     * @description overrides the date asked for at submission; now when neither is given or it has passed
                     */
                    effective_from?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example plv_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        plan_id: string;
                        plan_code: string;
                        version: number;
                        /** @enum {string} */
                        state: "draft" | "pending_approval" | "published" | "retired";
                        /**
                         * @description the state, with a published version told apart as scheduled, active or superseded
                         * @enum {string}
                         */
                        status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                    } & components["schemas"]["PlanVersionContent"] & {
                        copied_from_version: number | null;
                        effective_from: string | null;
                        created_by: string;
                        submitted_by: string | null;
                        submitted_at: string | null;
                        approved_by: string | null;
                        approved_at: string | null;
                        published_at: string | null;
                        retired_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    rejectPlanVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example plv_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        plan_id: string;
                        plan_code: string;
                        version: number;
                        /** @enum {string} */
                        state: "draft" | "pending_approval" | "published" | "retired";
                        /**
                         * @description the state, with a published version told apart as scheduled, active or superseded
                         * @enum {string}
                         */
                        status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                    } & components["schemas"]["PlanVersionContent"] & {
                        copied_from_version: number | null;
                        effective_from: string | null;
                        created_by: string;
                        submitted_by: string | null;
                        submitted_at: string | null;
                        approved_by: string | null;
                        approved_at: string | null;
                        published_at: string | null;
                        retired_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    commentOnPlanVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    comment: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example apr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        /** @enum {string} */
                        action: "submitted" | "approved" | "rejected" | "commented";
                        actor: {
                            /** @description api_key or session */
                            type: string;
                            /** @description the key or session used */
                            id: string;
                            role: string | null;
                            /** @description who took the step */
                            person: components["schemas"]["Person"] | null;
                        };
                        comment: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getPlanVersionReview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example apr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            /** @enum {string} */
                            action: "submitted" | "approved" | "rejected" | "commented";
                            actor: {
                                /** @description api_key or session */
                                type: string;
                                /** @description the key or session used */
                                id: string;
                                role: string | null;
                                /** @description who took the step */
                                person: components["schemas"]["Person"] | null;
                            };
                            comment: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    publishPlanVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description when the version takes effect; now when left out, never in the past
                     */
                    effective_from?: string;
                    /** @description publish without the approval the policy requires (admins only, with a reason): every admin is emailed and the audit log records plan_version.break_glass_published */
                    break_glass?: boolean;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example plv_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        plan_id: string;
                        plan_code: string;
                        version: number;
                        /** @enum {string} */
                        state: "draft" | "pending_approval" | "published" | "retired";
                        /**
                         * @description the state, with a published version told apart as scheduled, active or superseded
                         * @enum {string}
                         */
                        status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                    } & components["schemas"]["PlanVersionContent"] & {
                        copied_from_version: number | null;
                        effective_from: string | null;
                        created_by: string;
                        submitted_by: string | null;
                        submitted_at: string | null;
                        approved_by: string | null;
                        approved_at: string | null;
                        published_at: string | null;
                        retired_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    retirePlanVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example plv_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        plan_id: string;
                        plan_code: string;
                        version: number;
                        /** @enum {string} */
                        state: "draft" | "pending_approval" | "published" | "retired";
                        /**
                         * @description the state, with a published version told apart as scheduled, active or superseded
                         * @enum {string}
                         */
                        status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                    } & components["schemas"]["PlanVersionContent"] & {
                        copied_from_version: number | null;
                        effective_from: string | null;
                        created_by: string;
                        submitted_by: string | null;
                        submitted_at: string | null;
                        approved_by: string | null;
                        approved_at: string | null;
                        published_at: string | null;
                        retired_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    diffPlanVersions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                version: number;
                other_version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        plan_id: string;
                        from_version: number;
                        to_version: number;
                        changes: {
                            /** @example $.charges[1].tiers[1].unit_price */
                            path: string;
                            /** @enum {string} */
                            change: "added" | "removed" | "changed";
                            before: unknown;
                            after: unknown;
                            /** @example charge api_calls graduated tier 2 unit price 0.002 → 0.0015 */
                            description: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    rollbackPlan: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the earlier version whose content the new draft copies */
                    to_version: number;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example plv_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        plan_id: string;
                        plan_code: string;
                        version: number;
                        /** @enum {string} */
                        state: "draft" | "pending_approval" | "published" | "retired";
                        /**
                         * @description the state, with a published version told apart as scheduled, active or superseded
                         * @enum {string}
                         */
                        status: "draft" | "pending_approval" | "scheduled" | "active" | "superseded" | "retired";
                    } & components["schemas"]["PlanVersionContent"] & {
                        copied_from_version: number | null;
                        effective_from: string | null;
                        created_by: string;
                        submitted_by: string | null;
                        submitted_at: string | null;
                        approved_by: string | null;
                        approved_at: string | null;
                        published_at: string | null;
                        retired_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getCustomerEntitlements: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        as_of: string;
                        /**
                         * Format: date-time
                         * @description the calendar month in the customer's time zone, over which usage counts
                         * @example 2026-02-15T00:00:00Z
                         */
                        period_start: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        period_end: string;
                        data: {
                            feature: string;
                            name: string;
                            /** @enum {string} */
                            kind: "boolean" | "static" | "metered";
                            /** @description whether the customer may use the feature now */
                            allowed: boolean;
                            value: unknown;
                            limit: string | null;
                            used: string | null;
                            remaining: string | null;
                            /** @enum {string} */
                            source: "plan" | "grant";
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    grantEntitlement: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description letters, digits and _ . : - (such as api_calls) */
                    feature: string;
                    /** @description a static feature's configuration value */
                    value?: unknown;
                    limit?: string | null;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ent_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        customer_id: string;
                        feature: string;
                        value: unknown;
                        limit: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    revokeEntitlement: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
                /** @description letters, digits and _ . : - (such as api_calls) */
                feature: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ent_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        customer_id: string;
                        feature: string;
                        value: unknown;
                        limit: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listPriceOverrides: {
        parameters: {
            query?: {
                /** @description the subscription the override applies to (subscriptions refer to it by this id) */
                subscription_id?: string;
                /** @description letters, digits and _ . : - (such as api_calls) */
                plan_code?: string;
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example ovr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            customer_id: string;
                            subscription_id: string;
                            plan_id: string;
                            plan_code: string;
                            charge_id: string;
                            /**
                             * @description a price override and a discount on the same charge apply together, the discount last
                             * @enum {string}
                             */
                            slot: "price" | "discount";
                            /** @description numbered per subscription, charge and slot; the later version wins */
                            version: number;
                            override: {
                                /**
                                 * @description unit_price (per_unit charges), package_price (package), tiers (graduated, volume), amount (fixed), rate (percentage), or percentage_discount (any charge, on top of any price override)
                                 * @enum {string}
                                 */
                                type: "unit_price" | "package_price" | "tiers" | "amount" | "rate" | "percentage_discount";
                                /**
                                 * @description a decimal number of zero or more written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                unit_price?: string;
                                /**
                                 * @description a decimal number of zero or more written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                package_price?: string;
                                tiers?: components["schemas"]["Tier"][];
                                /**
                                 * @description a decimal number of zero or more written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                amount?: string;
                                /**
                                 * @description a decimal number of zero or more written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                rate?: string;
                                /**
                                 * @description percent off, more than 0 and at most 100
                                 * @example 49.00
                                 */
                                percent?: string;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            effective_from: string;
                            effective_until: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createPriceOverride: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the subscription the override applies to (subscriptions refer to it by this id) */
                    subscription_id: string;
                    /** @description letters, digits and _ . : - (such as api_calls) */
                    plan_code: string;
                    /** @description letters, digits and _ . : - (such as api_calls) */
                    charge_id: string;
                    override: {
                        /**
                         * @description unit_price (per_unit charges), package_price (package), tiers (graduated, volume), amount (fixed), rate (percentage), or percentage_discount (any charge, on top of any price override)
                         * @enum {string}
                         */
                        type: "unit_price" | "package_price" | "tiers" | "amount" | "rate" | "percentage_discount";
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        unit_price?: string;
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        package_price?: string;
                        tiers?: components["schemas"]["Tier"][];
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        amount?: string;
                        /**
                         * @description a decimal number of zero or more written as a string, such as "49.00"
                         * @example 49.00
                         */
                        rate?: string;
                        /**
                         * @description percent off, more than 0 and at most 100
                         * @example 49.00
                         */
                        percent?: string;
                    };
                    /**
                     * Format: date-time
                     * @description not in the past
                     */
                    effective_from: string;
                    /**
                     * Format: date-time
                     * @description exclusive; open-ended when left out
                     */
                    effective_until?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ovr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        customer_id: string;
                        subscription_id: string;
                        plan_id: string;
                        plan_code: string;
                        charge_id: string;
                        /**
                         * @description a price override and a discount on the same charge apply together, the discount last
                         * @enum {string}
                         */
                        slot: "price" | "discount";
                        /** @description numbered per subscription, charge and slot; the later version wins */
                        version: number;
                        override: {
                            /**
                             * @description unit_price (per_unit charges), package_price (package), tiers (graduated, volume), amount (fixed), rate (percentage), or percentage_discount (any charge, on top of any price override)
                             * @enum {string}
                             */
                            type: "unit_price" | "package_price" | "tiers" | "amount" | "rate" | "percentage_discount";
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            unit_price?: string;
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            package_price?: string;
                            tiers?: components["schemas"]["Tier"][];
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            amount?: string;
                            /**
                             * @description a decimal number of zero or more written as a string, such as "49.00"
                             * @example 49.00
                             */
                            rate?: string;
                            /**
                             * @description percent off, more than 0 and at most 100
                             * @example 49.00
                             */
                            percent?: string;
                        };
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        effective_from: string;
                        effective_until: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                object_type?: string;
                object_id?: string;
                /** @description an API key or session id, or a system actor such as cli */
                actor_id?: string;
                /** @description the person who acted, whatever key or session */
                person_id?: string;
                /** @example plan_version.published */
                action?: string;
                /** @description inclusive */
                occurred_after?: string;
                /** @description exclusive */
                occurred_before?: string;
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example aud_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            /** @description position in the organization's hash chain, from 1 */
                            sequence: number;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            occurred_at: string;
                            actor: {
                                /** @description api_key, session, portal or system */
                                type: string;
                                id: string | null;
                                role: string | null;
                                /** @description who acted through the key or session (null for the portal, the system and older entries) */
                                person: components["schemas"]["Person"] | null;
                            };
                            /** @example plan_version.approved */
                            action: string;
                            object_type: string;
                            object_id: string;
                            before: {
                                [key: string]: unknown;
                            } | null;
                            after: {
                                [key: string]: unknown;
                            } | null;
                            /** @description each field the change added, removed or changed */
                            changes: {
                                /** @example $.charges[1].tiers[0].unit_price */
                                path: string;
                                /** @enum {string} */
                                change: "added" | "removed" | "changed";
                                before: unknown;
                                after: unknown;
                            }[];
                            reason: string | null;
                            request_id: string | null;
                            previous_hash: string;
                            hash: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    verifyAuditChain: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        ok: boolean;
                        entries_checked: number;
                        first_broken_entry: {
                            id: string | null;
                            sequence: number;
                            problem: string;
                        } | null;
                        /** @description every entry that does not match, in order (the first 1,000) */
                        broken_entries: {
                            id: string | null;
                            sequence: number;
                            problem: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getApprovalPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        environment: "test" | "live";
                        /** @description a plan version must be submitted and approved by another person before it is published */
                        publish_requires_approval: boolean;
                        approval_required_for: components["schemas"]["ApprovalRequiredFor"];
                        /** @description no policy was set: live requires approval, test does not */
                        is_default: boolean;
                        updated_at: string | null;
                        pending_change: components["schemas"]["ApprovalPolicyChange"] | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateApprovalPolicy: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    publish_requires_approval?: boolean;
                    approval_required_for?: components["schemas"]["ApprovalRequiredFor"];
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        environment: "test" | "live";
                        /** @description a plan version must be submitted and approved by another person before it is published */
                        publish_requires_approval: boolean;
                        approval_required_for: components["schemas"]["ApprovalRequiredFor"];
                        /** @description no policy was set: live requires approval, test does not */
                        is_default: boolean;
                        updated_at: string | null;
                        pending_change: components["schemas"]["ApprovalPolicyChange"] | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    approveApprovalPolicyChange: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        environment: "test" | "live";
                        /** @description a plan version must be submitted and approved by another person before it is published */
                        publish_requires_approval: boolean;
                        approval_required_for: components["schemas"]["ApprovalRequiredFor"];
                        /** @description no policy was set: live requires approval, test does not */
                        is_default: boolean;
                        updated_at: string | null;
                        pending_change: components["schemas"]["ApprovalPolicyChange"] | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    rejectApprovalPolicyChange: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        environment: "test" | "live";
                        /** @description a plan version must be submitted and approved by another person before it is published */
                        publish_requires_approval: boolean;
                        approval_required_for: components["schemas"]["ApprovalRequiredFor"];
                        /** @description no policy was set: live requires approval, test does not */
                        is_default: boolean;
                        updated_at: string | null;
                        pending_change: components["schemas"]["ApprovalPolicyChange"] | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listApprovalRequests: {
        parameters: {
            query?: {
                state?: "pending" | "approved" | "rejected" | "used";
                kind?: "credit_grant" | "coupon" | "price_override" | "plan_migration" | "rollout";
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["ApprovalRequest"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getApprovalRequest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalRequest"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    approveApprovalRequest: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why, for the author and the log */
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalRequest"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    rejectApprovalRequest: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why, for the author and the log */
                    comment?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalRequest"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listMeters: {
        parameters: {
            query?: {
                code?: string;
                event_name?: string;
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example mtr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            code: string;
                            name: string;
                            description: string | null;
                            display_decimals: number | null;
                            /** @description the version in effect now (the first one before it starts) */
                            version: number;
                            event_name: string;
                            aggregation: string;
                            property: string | null;
                            filters: components["schemas"]["MeterFilters"];
                            group_by: string[];
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            effective_from: string;
                            /** @description every version, oldest first */
                            versions: {
                                version: number;
                                event_name: string;
                                aggregation: string;
                                property: string | null;
                                filters: components["schemas"]["MeterFilters"];
                                group_by: string[];
                                /**
                                 * Format: date-time
                                 * @example 2026-02-15T00:00:00Z
                                 */
                                effective_from: string;
                                effective_until: string | null;
                                /**
                                 * Format: date-time
                                 * @example 2026-02-15T00:00:00Z
                                 */
                                created_at: string;
                            }[];
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            updated_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createMeter: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description letters, digits and _ . : - (such as api_calls), unique in the environment */
                    code: string;
                    name: string;
                    description?: string | null;
                    display_decimals?: number | null;
                    /** @description the name of the events the meter counts */
                    event_name: string;
                    /**
                     * @description count events, or sum, max, unique_count, latest or weighted_sum (a time-weighted level) of a property
                     * @enum {string}
                     */
                    aggregation: "count" | "sum" | "max" | "unique_count" | "latest" | "weighted_sum";
                    property?: string | null;
                    filters?: components["schemas"]["MeterFilters"];
                    /** @description property names whose values split usage into groups (usage queries take one as group_by) */
                    group_by?: string[];
                    /**
                     * Format: date-time
                     * @description events from this instant on are counted; default: the oldest timestamp ingestion accepts (now minus the environment's event_past_window_days)
                     */
                    effective_from?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example mtr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        description: string | null;
                        display_decimals: number | null;
                        /** @description the version in effect now (the first one before it starts) */
                        version: number;
                        event_name: string;
                        aggregation: string;
                        property: string | null;
                        filters: components["schemas"]["MeterFilters"];
                        group_by: string[];
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        effective_from: string;
                        /** @description every version, oldest first */
                        versions: {
                            version: number;
                            event_name: string;
                            aggregation: string;
                            property: string | null;
                            filters: components["schemas"]["MeterFilters"];
                            group_by: string[];
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            effective_from: string;
                            effective_until: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                        }[];
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getMeter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example mtr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        description: string | null;
                        display_decimals: number | null;
                        /** @description the version in effect now (the first one before it starts) */
                        version: number;
                        event_name: string;
                        aggregation: string;
                        property: string | null;
                        filters: components["schemas"]["MeterFilters"];
                        group_by: string[];
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        effective_from: string;
                        /** @description every version, oldest first */
                        versions: {
                            version: number;
                            event_name: string;
                            aggregation: string;
                            property: string | null;
                            filters: components["schemas"]["MeterFilters"];
                            group_by: string[];
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            effective_from: string;
                            effective_until: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                        }[];
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateMeter: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    description?: string | null;
                    display_decimals?: number | null;
                    /** @description the name of the events the meter counts */
                    event_name?: string;
                    /**
                     * @description count events, or sum, max, unique_count, latest or weighted_sum (a time-weighted level) of a property
                     * @enum {string}
                     */
                    aggregation?: "count" | "sum" | "max" | "unique_count" | "latest" | "weighted_sum";
                    property?: string | null;
                    filters?: components["schemas"]["MeterFilters"];
                    /** @description property names whose values split usage into groups (usage queries take one as group_by) */
                    group_by?: string[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example mtr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        description: string | null;
                        display_decimals: number | null;
                        /** @description the version in effect now (the first one before it starts) */
                        version: number;
                        event_name: string;
                        aggregation: string;
                        property: string | null;
                        filters: components["schemas"]["MeterFilters"];
                        group_by: string[];
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        effective_from: string;
                        /** @description every version, oldest first */
                        versions: {
                            version: number;
                            event_name: string;
                            aggregation: string;
                            property: string | null;
                            filters: components["schemas"]["MeterFilters"];
                            group_by: string[];
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            effective_from: string;
                            effective_until: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                        }[];
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createMeterVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the name of the events the meter counts */
                    event_name?: string;
                    /**
                     * @description count events, or sum, max, unique_count, latest or weighted_sum (a time-weighted level) of a property
                     * @enum {string}
                     */
                    aggregation?: "count" | "sum" | "max" | "unique_count" | "latest" | "weighted_sum";
                    property?: string | null;
                    filters?: components["schemas"]["MeterFilters"];
                    /** @description property names whose values split usage into groups (usage queries take one as group_by) */
                    group_by?: string[];
                    /**
                     * Format: date-time
                     * @description when the new version takes over from the current one; default: now
                     */
                    effective_from?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example mtr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        description: string | null;
                        display_decimals: number | null;
                        /** @description the version in effect now (the first one before it starts) */
                        version: number;
                        event_name: string;
                        aggregation: string;
                        property: string | null;
                        filters: components["schemas"]["MeterFilters"];
                        group_by: string[];
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        effective_from: string;
                        /** @description every version, oldest first */
                        versions: {
                            version: number;
                            event_name: string;
                            aggregation: string;
                            property: string | null;
                            filters: components["schemas"]["MeterFilters"];
                            group_by: string[];
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            effective_from: string;
                            effective_until: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                        }[];
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getMeteringSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description how many days old an event's timestamp may be when it is sent (backfill excepted) */
                        event_past_window_days: number;
                        /** @description how far in the future an event's timestamp may be (fixed) */
                        event_future_window_seconds: number;
                        /** @description null while the defaults apply */
                        updated_at: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateMeteringSettings: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description how many days old an event's timestamp may be when it is sent (backfill excepted) */
                    event_past_window_days: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description how many days old an event's timestamp may be when it is sent (backfill excepted) */
                        event_past_window_days: number;
                        /** @description how far in the future an event's timestamp may be (fixed) */
                        event_future_window_seconds: number;
                        /** @description null while the defaults apply */
                        updated_at: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listEvents: {
        parameters: {
            query?: {
                customer?: string;
                name?: string;
                /** @description events at or after this instant */
                from?: string;
                /** @description events before this instant */
                to?: string;
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            customer: string;
                            name: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            timestamp: string;
                            properties: {
                                [key: string]: unknown;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            received_at: string;
                            /** @description 0 as sent; each amendment or void adds one */
                            revision: number;
                            voided_at: string | null;
                            /** @description the meter versions that count the event now */
                            matched_meters: {
                                code: string;
                                version: number;
                            }[];
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    ingestEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description your id for the event, unique in the environment: a repeat is acknowledged and not counted again */
                    id: string;
                    /** @description the external id of the customer; events of a customer not created yet are kept for it */
                    customer: string;
                    /** @description what happened, such as api_call */
                    name: string;
                    /**
                     * Format: date-time
                     * @description RFC 3339, when it happened; default: when it arrives. At most 5 minutes ahead, and no older than the environment's event_past_window_days (backfill excepted). Digits beyond milliseconds are dropped.
                     */
                    timestamp?: string;
                    /** @description what meters read: numbers (or numeric strings) for sums, values for filters and groups */
                    properties?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description duplicate: an event with this id was stored before; it is not counted again */
                        status: "accepted" | "duplicate";
                        /** @description the meter versions that count the event */
                        matched_meters: {
                            code: string;
                            version: number;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description duplicate: an event with this id was stored before; it is not counted again */
                        status: "accepted" | "duplicate";
                        /** @description the meter versions that count the event */
                        matched_meters: {
                            code: string;
                            version: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
        };
    };
    ingestEventBatch: {
        parameters: {
            query?: {
                /** @description true: store nothing and answer 400 when any event is invalid; default false */
                atomic?: boolean;
            };
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 1 to 1000 events; the whole body at most 1 MiB */
                    events: {
                        /** @description your id for the event, unique in the environment: a repeat is acknowledged and not counted again */
                        id: string;
                        /** @description the external id of the customer; events of a customer not created yet are kept for it */
                        customer: string;
                        /** @description what happened, such as api_call */
                        name: string;
                        /**
                         * Format: date-time
                         * @description RFC 3339, when it happened; default: when it arrives. At most 5 minutes ahead, and no older than the environment's event_past_window_days (backfill excepted). Digits beyond milliseconds are dropped.
                         */
                        timestamp?: string;
                        /** @description what meters read: numbers (or numeric strings) for sums, values for filters and groups */
                        properties?: {
                            [key: string]: unknown;
                        };
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description events stored by this request (durable when the answer arrives) */
                        accepted: number;
                        /** @description events whose id was stored before (or earlier in this batch): acknowledged, not counted again */
                        duplicates: {
                            index: number;
                            id: string;
                        }[];
                        /** @description events not stored, each with why */
                        rejected: {
                            /** @description the event's position in the batch, from 0 */
                            index: number;
                            id: string | null;
                            /** @description invalid_event, timestamp_in_future, timestamp_too_old, property_missing, property_not_numeric or property_out_of_range */
                            code: string;
                            reason: string;
                            /** @description JSON path of the first bad field */
                            path: string;
                            /** @description every problem found, by path */
                            errors: {
                                path: string;
                                message: string;
                            }[];
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
        };
    };
    backfillEvents: {
        parameters: {
            query?: {
                /** @description true: store nothing and answer 400 when any event is invalid; default false */
                atomic?: boolean;
            };
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description 1 to 1000 events; the whole body at most 1 MiB */
                    events: {
                        /** @description your id for the event, unique in the environment: a repeat is acknowledged and not counted again */
                        id: string;
                        /** @description the external id of the customer; events of a customer not created yet are kept for it */
                        customer: string;
                        /** @description what happened, such as api_call */
                        name: string;
                        /**
                         * Format: date-time
                         * @description RFC 3339, when it happened; default: when it arrives. At most 5 minutes ahead, and no older than the environment's event_past_window_days (backfill excepted). Digits beyond milliseconds are dropped.
                         */
                        timestamp?: string;
                        /** @description what meters read: numbers (or numeric strings) for sums, values for filters and groups */
                        properties?: {
                            [key: string]: unknown;
                        };
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description events stored by this request (durable when the answer arrives) */
                        accepted: number;
                        /** @description events whose id was stored before (or earlier in this batch): acknowledged, not counted again */
                        duplicates: {
                            index: number;
                            id: string;
                        }[];
                        /** @description events not stored, each with why */
                        rejected: {
                            /** @description the event's position in the batch, from 0 */
                            index: number;
                            id: string | null;
                            /** @description invalid_event, timestamp_in_future, timestamp_too_old, property_missing, property_not_numeric or property_out_of_range */
                            code: string;
                            reason: string;
                            /** @description JSON path of the first bad field */
                            path: string;
                            /** @description every problem found, by path */
                            errors: {
                                path: string;
                                message: string;
                            }[];
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            413: components["responses"]["Problem"];
        };
    };
    listUnattributedCustomers: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @description an external id that no customer of the environment has */
                            customer: string;
                            event_count: number;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            first_timestamp: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            last_timestamp: string;
                            /** @description its newest events (at most 10); list more with GET /v1/events?customer= */
                            events: {
                                id: string;
                                customer: string;
                                name: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-02-15T00:00:00Z
                                 */
                                timestamp: string;
                                properties: {
                                    [key: string]: unknown;
                                };
                                /**
                                 * Format: date-time
                                 * @example 2026-02-15T00:00:00Z
                                 */
                                received_at: string;
                                /** @description 0 as sent; each amendment or void adds one */
                                revision: number;
                                voided_at: string | null;
                                /** @description the meter versions that count the event now */
                                matched_meters: {
                                    code: string;
                                    version: number;
                                }[];
                            }[];
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer: string;
                        name: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        timestamp: string;
                        properties: {
                            [key: string]: unknown;
                        };
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        received_at: string;
                        /** @description 0 as sent; each amendment or void adds one */
                        revision: number;
                        voided_at: string | null;
                        /** @description the meter versions that count the event now */
                        matched_meters: {
                            code: string;
                            version: number;
                        }[];
                        /** @description each previous state, oldest first */
                        revisions: {
                            revision: number;
                            customer: string;
                            name: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            timestamp: string;
                            properties: {
                                [key: string]: unknown;
                            };
                            voided_at: string | null;
                            /** @description what replaced this state: amended or voided */
                            change: string;
                            reason: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            changed_at: string;
                            actor: {
                                type: string;
                                id: string | null;
                            };
                            request_id: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    amendEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description RFC 3339, when it happened; default: when it arrives. At most 5 minutes ahead, and no older than the environment's event_past_window_days (backfill excepted). Digits beyond milliseconds are dropped.
                     */
                    timestamp?: string;
                    /** @description what meters read: numbers (or numeric strings) for sums, values for filters and groups */
                    properties?: {
                        [key: string]: unknown;
                    };
                    /** @description why; kept with the revision */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer: string;
                        name: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        timestamp: string;
                        properties: {
                            [key: string]: unknown;
                        };
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        received_at: string;
                        /** @description 0 as sent; each amendment or void adds one */
                        revision: number;
                        voided_at: string | null;
                        /** @description the meter versions that count the event now */
                        matched_meters: {
                            code: string;
                            version: number;
                        }[];
                        /** @description each previous state, oldest first */
                        revisions: {
                            revision: number;
                            customer: string;
                            name: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            timestamp: string;
                            properties: {
                                [key: string]: unknown;
                            };
                            voided_at: string | null;
                            /** @description what replaced this state: amended or voided */
                            change: string;
                            reason: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            changed_at: string;
                            actor: {
                                type: string;
                                id: string | null;
                            };
                            request_id: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    voidEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why; kept with the revision */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer: string;
                        name: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        timestamp: string;
                        properties: {
                            [key: string]: unknown;
                        };
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        received_at: string;
                        /** @description 0 as sent; each amendment or void adds one */
                        revision: number;
                        voided_at: string | null;
                        /** @description the meter versions that count the event now */
                        matched_meters: {
                            code: string;
                            version: number;
                        }[];
                        /** @description each previous state, oldest first */
                        revisions: {
                            revision: number;
                            customer: string;
                            name: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            timestamp: string;
                            properties: {
                                [key: string]: unknown;
                            };
                            voided_at: string | null;
                            /** @description what replaced this state: amended or voided */
                            change: string;
                            reason: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            changed_at: string;
                            actor: {
                                type: string;
                                id: string | null;
                            };
                            request_id: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    queryUsage: {
        parameters: {
            query: {
                /** @description the customer's external id */
                customer: string;
                /** @description the meter's code */
                meter: string;
                /** @description start of the range, included */
                from: string;
                /** @description end of the range, excluded; default now */
                to?: string;
                /** @description hour, day or month of the customer's time zone, or none for one window; default none */
                window?: "hour" | "day" | "month" | "none";
                /** @description one of the meter's group_by dimensions */
                group_by?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer: string;
                        meter: string;
                        aggregation: string;
                        /** @description the customer's time zone, in which windows are cut */
                        timezone: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        from: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        to: string;
                        window: string;
                        group_by: string | null;
                        windows: {
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            start: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            end: string;
                            /** @description with group_by: the dimension's value (null when events lack it) */
                            group: {
                                [key: string]: string | null;
                            } | null;
                            /**
                             * @description a decimal number written as a string, such as "49.00"
                             * @example 49.00
                             */
                            value: string;
                            /** @description the events the value is made of */
                            event_count: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getTestClock: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string | null;
                        frozen_at: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    setTestClock: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description freeze the clock at this instant; once set, only later instants are accepted
                     * @example 2026-02-15T00:00:00Z
                     */
                    frozen_at: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string | null;
                        frozen_at: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    resetTestClock: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string | null;
                        frozen_at: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    advanceTestClock: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description move the clock forward to this instant and bill everything due by then
                     * @example 2026-02-15T00:00:00Z
                     */
                    to: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        test_clock: {
                            id: string | null;
                            frozen_at: string | null;
                        };
                        bill_run: {
                            id: string;
                            /**
                             * Format: date-time
                             * @description everything due at or before this instant was billed
                             */
                            at: string;
                            /**
                             * @description what started the run
                             * @enum {string}
                             */
                            trigger: "cli" | "schedule" | "test_clock";
                            /** @enum {string} */
                            status: "running" | "completed" | "failed";
                            /** @description customers with something due when the run started */
                            customers_total: number;
                            customers_done: number;
                            invoices_issued: number;
                            invoices_finalized: number;
                            /** @description customers the run could not bill */
                            errors: number;
                            failure: string | null;
                            /**
                             * Format: date-time
                             * @description when the run started (real time)
                             */
                            started_at: string;
                            finished_at: string | null;
                        };
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listBillRuns: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            /**
                             * Format: date-time
                             * @description everything due at or before this instant was billed
                             */
                            at: string;
                            /**
                             * @description what started the run
                             * @enum {string}
                             */
                            trigger: "cli" | "schedule" | "test_clock";
                            /** @enum {string} */
                            status: "running" | "completed" | "failed";
                            /** @description customers with something due when the run started */
                            customers_total: number;
                            customers_done: number;
                            invoices_issued: number;
                            invoices_finalized: number;
                            /** @description customers the run could not bill */
                            errors: number;
                            failure: string | null;
                            /**
                             * Format: date-time
                             * @description when the run started (real time)
                             */
                            started_at: string;
                            finished_at: string | null;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getBillRun: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /**
                         * Format: date-time
                         * @description everything due at or before this instant was billed
                         */
                        at: string;
                        /**
                         * @description what started the run
                         * @enum {string}
                         */
                        trigger: "cli" | "schedule" | "test_clock";
                        /** @enum {string} */
                        status: "running" | "completed" | "failed";
                        /** @description customers with something due when the run started */
                        customers_total: number;
                        customers_done: number;
                        invoices_issued: number;
                        invoices_finalized: number;
                        /** @description customers the run could not bill */
                        errors: number;
                        failure: string | null;
                        /**
                         * Format: date-time
                         * @description when the run started (real time)
                         */
                        started_at: string;
                        finished_at: string | null;
                        customer_errors: {
                            customer_id: string;
                            code: string;
                            message: string;
                            /**
                             * Format: date-time
                             * @description when the customer failed
                             */
                            occurred_at: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listCreditGrants: {
        parameters: {
            query?: {
                /** @description an ISO 4217 code such as USD */
                currency?: string;
                wallet_id?: string;
                type?: "promotional" | "purchased";
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CreditGrant"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createCreditGrant: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * @description money in the currency, more than 0, no more digits than its minor unit
                     * @example 49.00
                     */
                    amount: string;
                    /** @description an ISO 4217 code such as USD */
                    currency: string;
                    /**
                     * @description promotional (given away) or purchased (paid for; give cost_basis)
                     * @enum {string}
                     */
                    type: "promotional" | "purchased";
                    /**
                     * @description what the customer paid for a purchased grant; revenue recognition needs it
                     * @example 49.00
                     */
                    cost_basis?: string;
                    /** @description lower is used first; default 100. Ties: earliest expiry, then oldest grant */
                    priority?: number;
                    /**
                     * Format: date-time
                     * @description usable from this instant; default now
                     * @example 2026-02-15T00:00:00Z
                     */
                    effective_at?: string;
                    /**
                     * Format: date-time
                     * @description exclusive; never expires when left out
                     * @example 2026-02-15T00:00:00Z
                     */
                    expires_at?: string;
                    /** @description up to 50 keys of your own, each with a string value */
                    metadata?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditGrant"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getCreditGrant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditGrant"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    voidCreditGrant: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why; kept on the ledger entry and in the audit log */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditGrant"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getCreditBalances: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        at: string;
                        data: {
                            currency: string;
                            /**
                             * @description usable now: effective, not expired, not voided
                             * @example 49.00
                             */
                            available: string;
                            /**
                             * @description in grants that become effective later
                             * @example 49.00
                             */
                            scheduled: string;
                            /**
                             * @description the sum of the ledger; more than available while an expiry is not yet written
                             * @example 49.00
                             */
                            ledger_balance: string;
                            /** @description every grant with something left */
                            grants: {
                                grant_id: string;
                                name: string;
                                /** @enum {string} */
                                type: "promotional" | "purchased";
                                wallet_id: string | null;
                                priority: number;
                                /**
                                 * @description a decimal number written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                amount: string;
                                /**
                                 * @description a decimal number written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                remaining: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-02-15T00:00:00Z
                                 */
                                effective_at: string;
                                expires_at: string | null;
                                /** @enum {string} */
                                status: "active" | "scheduled" | "used" | "expired" | "voided";
                            }[];
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listCreditLedgerEntries: {
        parameters: {
            query?: {
                /** @description an ISO 4217 code such as USD */
                currency?: string;
                grant_id?: string;
                wallet_id?: string;
                kind?: "increment" | "burn" | "expiry" | "void" | "void_reversal";
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example cle_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            customer_id: string;
                            currency: string;
                            grant_id: string;
                            wallet_id: string | null;
                            /** @enum {string} */
                            kind: "increment" | "burn" | "expiry" | "void" | "void_reversal";
                            /**
                             * @description signed: positive adds to the grant, negative takes from it
                             * @example 49.00
                             */
                            amount: string;
                            /**
                             * @description a decimal number written as a string, such as "49.00"
                             * @example 49.00
                             */
                            grant_balance_after: string;
                            /**
                             * @description the customer's ledger balance in the currency (all grants) after this entry
                             * @example 49.00
                             */
                            balance_after: string;
                            invoice_id: string | null;
                            /** @description an increment from an automatic wallet top-up */
                            automatic: boolean;
                            reason: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            occurred_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listWallets: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example wal_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            customer_id: string;
                            currency: string;
                            name: string;
                            /**
                             * @description a decimal number written as a string, such as "49.00"
                             * @example 49.00
                             */
                            rate: string;
                            auto_top_up: {
                                /**
                                 * @description in credits: a burn that leaves the wallet below this tops it up
                                 * @example 49.00
                                 */
                                threshold: string;
                                /**
                                 * @description in credits, more than 0: what each top-up adds
                                 * @example 49.00
                                 */
                                amount: string;
                            } | null;
                            /**
                             * @description money usable now from the wallet's grants
                             * @example 49.00
                             */
                            balance: string;
                            /**
                             * @description the same balance in credits (balance × rate)
                             * @example 49.00
                             */
                            credits: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            updated_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createWallet: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description an ISO 4217 code such as USD */
                    currency: string;
                    name: string;
                    /**
                     * @description credits per unit of money, more than 0; default 1
                     * @example 49.00
                     */
                    rate?: string;
                    auto_top_up?: {
                        /**
                         * @description in credits: a burn that leaves the wallet below this tops it up
                         * @example 49.00
                         */
                        threshold: string;
                        /**
                         * @description in credits, more than 0: what each top-up adds
                         * @example 49.00
                         */
                        amount: string;
                    };
                    /** @description up to 50 keys of your own, each with a string value */
                    metadata?: {
                        [key: string]: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example wal_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        customer_id: string;
                        currency: string;
                        name: string;
                        /**
                         * @description a decimal number written as a string, such as "49.00"
                         * @example 49.00
                         */
                        rate: string;
                        auto_top_up: {
                            /**
                             * @description in credits: a burn that leaves the wallet below this tops it up
                             * @example 49.00
                             */
                            threshold: string;
                            /**
                             * @description in credits, more than 0: what each top-up adds
                             * @example 49.00
                             */
                            amount: string;
                        } | null;
                        /**
                         * @description money usable now from the wallet's grants
                         * @example 49.00
                         */
                        balance: string;
                        /**
                         * @description the same balance in credits (balance × rate)
                         * @example 49.00
                         */
                        credits: string;
                        metadata: {
                            [key: string]: string;
                        };
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getWallet: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example wal_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        customer_id: string;
                        currency: string;
                        name: string;
                        /**
                         * @description a decimal number written as a string, such as "49.00"
                         * @example 49.00
                         */
                        rate: string;
                        auto_top_up: {
                            /**
                             * @description in credits: a burn that leaves the wallet below this tops it up
                             * @example 49.00
                             */
                            threshold: string;
                            /**
                             * @description in credits, more than 0: what each top-up adds
                             * @example 49.00
                             */
                            amount: string;
                        } | null;
                        /**
                         * @description money usable now from the wallet's grants
                         * @example 49.00
                         */
                        balance: string;
                        /**
                         * @description the same balance in credits (balance × rate)
                         * @example 49.00
                         */
                        credits: string;
                        metadata: {
                            [key: string]: string;
                        };
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateWallet: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    auto_top_up?: {
                        /**
                         * @description in credits: a burn that leaves the wallet below this tops it up
                         * @example 49.00
                         */
                        threshold: string;
                        /**
                         * @description in credits, more than 0: what each top-up adds
                         * @example 49.00
                         */
                        amount: string;
                    } | null;
                    /** @description up to 50 keys of your own, each with a string value */
                    metadata?: {
                        [key: string]: string;
                    };
                    /** @description why; kept on the ledger entry and in the audit log */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example wal_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        customer_id: string;
                        currency: string;
                        name: string;
                        /**
                         * @description a decimal number written as a string, such as "49.00"
                         * @example 49.00
                         */
                        rate: string;
                        auto_top_up: {
                            /**
                             * @description in credits: a burn that leaves the wallet below this tops it up
                             * @example 49.00
                             */
                            threshold: string;
                            /**
                             * @description in credits, more than 0: what each top-up adds
                             * @example 49.00
                             */
                            amount: string;
                        } | null;
                        /**
                         * @description money usable now from the wallet's grants
                         * @example 49.00
                         */
                        balance: string;
                        /**
                         * @description the same balance in credits (balance × rate)
                         * @example 49.00
                         */
                        credits: string;
                        metadata: {
                            [key: string]: string;
                        };
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getCustomerBalance: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            currency: string;
                            /**
                             * @description owed to the customer, used by later invoices
                             * @example 49.00
                             */
                            balance: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listCustomerBalanceEntries: {
        parameters: {
            query?: {
                /** @description an ISO 4217 code such as USD */
                currency?: string;
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example bal_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            customer_id: string;
                            currency: string;
                            /**
                             * @description positive adds to what is owed to the customer
                             * @example 49.00
                             */
                            amount: string;
                            /**
                             * @description a decimal number written as a string, such as "49.00"
                             * @example 49.00
                             */
                            balance_after: string;
                            invoice_id: string | null;
                            credit_note_id: string | null;
                            reason: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            occurred_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    topUpWallet: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description credits to add, more than 0
                     * @example 49.00
                     */
                    amount: string;
                    /**
                     * @description money the customer pays; default the credits' value (amount ÷ rate); 0 gives them away
                     * @example 49.00
                     */
                    paid_amount?: string;
                    /**
                     * Format: date-time
                     * @description exclusive; the credits never expire when left out
                     * @example 2026-02-15T00:00:00Z
                     */
                    expires_at?: string;
                    /** @description why; kept on the ledger entry and in the audit log */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        grant: components["schemas"]["CreditGrant"];
                        purchase: {
                            /**
                             * @description a decimal number written as a string, such as "49.00"
                             * @example 49.00
                             */
                            paid_amount: string;
                            invoice_id: string | null;
                            automatic: boolean;
                        } | null;
                        wallet: {
                            /** @example wal_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            customer_id: string;
                            currency: string;
                            name: string;
                            /**
                             * @description a decimal number written as a string, such as "49.00"
                             * @example 49.00
                             */
                            rate: string;
                            auto_top_up: {
                                /**
                                 * @description in credits: a burn that leaves the wallet below this tops it up
                                 * @example 49.00
                                 */
                                threshold: string;
                                /**
                                 * @description in credits, more than 0: what each top-up adds
                                 * @example 49.00
                                 */
                                amount: string;
                            } | null;
                            /**
                             * @description money usable now from the wallet's grants
                             * @example 49.00
                             */
                            balance: string;
                            /**
                             * @description the same balance in credits (balance × rate)
                             * @example 49.00
                             */
                            credits: string;
                            metadata: {
                                [key: string]: string;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            updated_at: string;
                        };
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listCoupons: {
        parameters: {
            query?: {
                code?: string;
                /** @description true lists archived coupons only; default false */
                archived?: boolean;
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example cpn_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            code: string;
                            name: string;
                            /** @enum {string} */
                            type: "percentage" | "fixed";
                            percent: string | null;
                            amount: string | null;
                            currency: string | null;
                            /** @enum {string} */
                            duration: "once" | "repeating" | "forever";
                            duration_invoices: number | null;
                            applies_to: {
                                plan_ids: string[];
                                meter_codes: string[];
                            };
                            max_redemptions: number | null;
                            /** @description every redemption ever made, removed ones included */
                            redemption_count: number;
                            redeem_by: string | null;
                            archived_at: string | null;
                            metadata: {
                                [key: string]: string;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            updated_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createCoupon: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description what customers type: letters, digits, - and _; unique in the environment, case-insensitively
                     * @example SPRING25
                     */
                    code: string;
                    name: string;
                    /**
                     * @description percentage (give percent) or fixed (give amount and currency)
                     * @enum {string}
                     */
                    type: "percentage" | "fixed";
                    /**
                     * @description percent off, more than 0 and at most 100
                     * @example 49.00
                     */
                    percent?: string;
                    /**
                     * @description money off each invoice, more than 0
                     * @example 49.00
                     */
                    amount?: string;
                    /** @description an ISO 4217 code such as USD */
                    currency?: string;
                    /**
                     * @description once (the first invoice), repeating (duration_invoices invoices) or forever
                     * @enum {string}
                     */
                    duration: "once" | "repeating" | "forever";
                    /** @description for repeating: how many invoices */
                    duration_invoices?: number;
                    applies_to?: {
                        /** @description only lines of these plans (any of their versions) */
                        plan_ids?: string[];
                        /** @description only usage lines of these meters */
                        meter_codes?: string[];
                    };
                    /** @description how many times it can ever be redeemed */
                    max_redemptions?: number;
                    /**
                     * Format: date-time
                     * @description the last instant it can be redeemed
                     * @example 2026-02-15T00:00:00Z
                     */
                    redeem_by?: string;
                    /** @description up to 50 keys of your own, each with a string value */
                    metadata?: {
                        [key: string]: string;
                    };
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example cpn_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        /** @enum {string} */
                        type: "percentage" | "fixed";
                        percent: string | null;
                        amount: string | null;
                        currency: string | null;
                        /** @enum {string} */
                        duration: "once" | "repeating" | "forever";
                        duration_invoices: number | null;
                        applies_to: {
                            plan_ids: string[];
                            meter_codes: string[];
                        };
                        max_redemptions: number | null;
                        /** @description every redemption ever made, removed ones included */
                        redemption_count: number;
                        redeem_by: string | null;
                        archived_at: string | null;
                        metadata: {
                            [key: string]: string;
                        };
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getCoupon: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example cpn_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        /** @enum {string} */
                        type: "percentage" | "fixed";
                        percent: string | null;
                        amount: string | null;
                        currency: string | null;
                        /** @enum {string} */
                        duration: "once" | "repeating" | "forever";
                        duration_invoices: number | null;
                        applies_to: {
                            plan_ids: string[];
                            meter_codes: string[];
                        };
                        max_redemptions: number | null;
                        /** @description every redemption ever made, removed ones included */
                        redemption_count: number;
                        redeem_by: string | null;
                        archived_at: string | null;
                        metadata: {
                            [key: string]: string;
                        };
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    archiveCoupon: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example cpn_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        code: string;
                        name: string;
                        /** @enum {string} */
                        type: "percentage" | "fixed";
                        percent: string | null;
                        amount: string | null;
                        currency: string | null;
                        /** @enum {string} */
                        duration: "once" | "repeating" | "forever";
                        duration_invoices: number | null;
                        applies_to: {
                            plan_ids: string[];
                            meter_codes: string[];
                        };
                        max_redemptions: number | null;
                        /** @description every redemption ever made, removed ones included */
                        redemption_count: number;
                        redeem_by: string | null;
                        archived_at: string | null;
                        metadata: {
                            [key: string]: string;
                        };
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listCouponRedemptions: {
        parameters: {
            query?: {
                /** @description also list removed redemptions; default false */
                include_removed?: boolean;
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example rdm_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            coupon_id: string;
                            coupon_code: string;
                            customer_id: string;
                            subscription_id: string | null;
                            /** @description invoices with a positive subtotal it has counted */
                            invoice_count: number;
                            invoices_remaining: number | null;
                            /**
                             * @description active, completed (its invoices are used up) or removed
                             * @enum {string}
                             */
                            status: "active" | "completed" | "removed";
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            redeemed_at: string;
                            removed_at: string | null;
                            removal_reason: string | null;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    redeemCoupon: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description give coupon_code or coupon_id */
        requestBody: {
            content: {
                "application/json": {
                    coupon_code?: string;
                    coupon_id?: string;
                    /** @description limit the coupon to this subscription's invoices */
                    subscription_id?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example rdm_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        coupon_id: string;
                        coupon_code: string;
                        customer_id: string;
                        subscription_id: string | null;
                        /** @description invoices with a positive subtotal it has counted */
                        invoice_count: number;
                        invoices_remaining: number | null;
                        /**
                         * @description active, completed (its invoices are used up) or removed
                         * @enum {string}
                         */
                        status: "active" | "completed" | "removed";
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        redeemed_at: string;
                        removed_at: string | null;
                        removal_reason: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    removeCouponRedemption: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
                redemption_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example rdm_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        coupon_id: string;
                        coupon_code: string;
                        customer_id: string;
                        subscription_id: string | null;
                        /** @description invoices with a positive subtotal it has counted */
                        invoice_count: number;
                        invoices_remaining: number | null;
                        /**
                         * @description active, completed (its invoices are used up) or removed
                         * @enum {string}
                         */
                        status: "active" | "completed" | "removed";
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        redeemed_at: string;
                        removed_at: string | null;
                        removal_reason: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listSubscriptions: {
        parameters: {
            query?: {
                customer_id?: string;
                /** @description subscriptions on this plan now */
                plan_id?: string;
                status?: "scheduled" | "trialing" | "active" | "paused" | "canceling" | "ended";
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Subscription"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createSubscription: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    plan_id: string;
                    /** @description a published version of the plan; the one in effect at start_at when left out */
                    plan_version?: number;
                    /**
                     * Format: date-time
                     * @description now when left out; past and future both allowed
                     * @example 2026-02-15T00:00:00Z
                     */
                    start_at?: string;
                    /**
                     * @description anniversary (the default): periods start on the start date; calendar: on calendar boundaries
                     * @enum {string}
                     */
                    billing?: "anniversary" | "calendar";
                    /** @description the plan version's trial when left out */
                    trial_days?: number;
                    /** @description the customer's currency when left out, else the version's; the version must price it (its own or a price book) */
                    currency?: string;
                    external_id?: string;
                    /** @description up to 50 keys of your own, each with a string value */
                    metadata?: {
                        [key: string]: string;
                    };
                    /**
                     * @description an amount above 0: usage billed early when the period's charges reach it
                     * @example 49.00
                     */
                    progressive_billing_threshold?: string;
                    /** @description each fixed charge's quantity at the start (charge id → whole number, within the charge's min_quantity and max_quantity); a charge not named holds 1 */
                    quantities?: {
                        [key: string]: number;
                    };
                    /** @description the length of the windows in which usage billed in advance is invoiced (60 when left out) */
                    instant_window_minutes?: number;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getSubscription: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    changeSubscriptionPlan: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the same plan (another version) or another plan */
                    plan_id: string;
                    /** @description a published version; the one in effect when the change takes effect when left out */
                    plan_version?: number;
                    /**
                     * @description now, at the end of the current period, or at `at`
                     * @enum {string}
                     */
                    timing: "immediate" | "period_end" | "at";
                    /**
                     * Format: date-time
                     * @description required with timing at, left out otherwise
                     * @example 2026-02-15T00:00:00Z
                     */
                    at?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    changeSubscriptionQuantity: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description a fixed charge of the plan version in force at `at` */
                    charge_id: string;
                    /** @description the new quantity, within the charge's min_quantity and max_quantity */
                    quantity: number;
                    /**
                     * Format: date-time
                     * @description when the quantity changes; now when left out. Inside a period, an in-advance charge bills the difference prorated to the period's end (a decrease is credited only when the charge has credit_on_decrease)
                     * @example 2026-02-15T00:00:00Z
                     */
                    at?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    cancelSubscription: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description immediate: ends at `at`; period_end: at the end of the period `at` falls in
                     * @enum {string}
                     */
                    mode: "immediate" | "period_end";
                    /**
                     * Format: date-time
                     * @description now when left out
                     * @example 2026-02-15T00:00:00Z
                     */
                    at?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    pauseSubscription: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description when the pause starts; now when left out
                     * @example 2026-02-15T00:00:00Z
                     */
                    at?: string;
                    /**
                     * Format: date-time
                     * @description when it ends by itself; open-ended when left out
                     * @example 2026-02-15T00:00:00Z
                     */
                    until?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    resumeSubscription: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * Format: date-time
                     * @description when the pause ends; now when left out
                     * @example 2026-02-15T00:00:00Z
                     */
                    at?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Subscription"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    previewSubscriptionPlanChange: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the same plan (another version) or another plan */
                    plan_id: string;
                    /** @description a published version; the one in effect when the change takes effect when left out */
                    plan_version?: number;
                    /**
                     * @description now, at the end of the current period, or at `at`
                     * @enum {string}
                     */
                    timing: "immediate" | "period_end" | "at";
                    /**
                     * Format: date-time
                     * @description required with timing at, left out otherwise
                     * @example 2026-02-15T00:00:00Z
                     */
                    at?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description the first invoice at or after the change without it (before) and with it (after), and after − before; usage as recorded so far */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        before: {
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            issued_at: string;
                            currency: string;
                            subscription_ids: string[];
                            lines: {
                                subscription_id: string | null;
                                plan_id: string | null;
                                plan_version_id: string | null;
                                charge_id: string | null;
                                /** @description fixed, usage, proration_credit, minimum_true_up, progressive_billing_credit or one_off */
                                kind: string;
                                description: string;
                                period_start: string | null;
                                period_end: string | null;
                                quantity: string;
                                unit_amount: string | null;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                                /** @description the line's explanation: plan and price version, meter, aggregation, event count, tier breakdown, proration; a dimensional charge's combination (dimensions) and priced_by default when no listed price covers it */
                                details: {
                                    [key: string]: unknown;
                                };
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            subtotal: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            discount: string;
                            discounts: {
                                redemption_id: string;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            credits: string;
                            credits_applied: {
                                grant_id: string;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            tax: string;
                            tax_details: {
                                percent: string;
                                inclusive: boolean;
                                reverse_charge: boolean;
                                components: {
                                    name: string;
                                    percent: string;
                                    jurisdiction: string;
                                }[];
                                exemption_reason: string | null;
                                note: string | null;
                            } | null;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            total: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            balance_applied: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            amount_due: string;
                        } | null;
                        after: {
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            issued_at: string;
                            currency: string;
                            subscription_ids: string[];
                            lines: {
                                subscription_id: string | null;
                                plan_id: string | null;
                                plan_version_id: string | null;
                                charge_id: string | null;
                                /** @description fixed, usage, proration_credit, minimum_true_up, progressive_billing_credit or one_off */
                                kind: string;
                                description: string;
                                period_start: string | null;
                                period_end: string | null;
                                quantity: string;
                                unit_amount: string | null;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                                /** @description the line's explanation: plan and price version, meter, aggregation, event count, tier breakdown, proration; a dimensional charge's combination (dimensions) and priced_by default when no listed price covers it */
                                details: {
                                    [key: string]: unknown;
                                };
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            subtotal: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            discount: string;
                            discounts: {
                                redemption_id: string;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            credits: string;
                            credits_applied: {
                                grant_id: string;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            tax: string;
                            tax_details: {
                                percent: string;
                                inclusive: boolean;
                                reverse_charge: boolean;
                                components: {
                                    name: string;
                                    percent: string;
                                    jurisdiction: string;
                                }[];
                                exemption_reason: string | null;
                                note: string | null;
                            } | null;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            total: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            balance_applied: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            amount_due: string;
                        } | null;
                        difference: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    previewSubscriptionQuantityChange: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description a fixed charge of the plan version in force at `at` */
                    charge_id: string;
                    /** @description the new quantity, within the charge's min_quantity and max_quantity */
                    quantity: number;
                    /**
                     * Format: date-time
                     * @description when the quantity changes; now when left out. Inside a period, an in-advance charge bills the difference prorated to the period's end (a decrease is credited only when the charge has credit_on_decrease)
                     * @example 2026-02-15T00:00:00Z
                     */
                    at?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description the first invoice at or after the change without it (before) and with it (after), and after − before; usage as recorded so far */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        before: {
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            issued_at: string;
                            currency: string;
                            subscription_ids: string[];
                            lines: {
                                subscription_id: string | null;
                                plan_id: string | null;
                                plan_version_id: string | null;
                                charge_id: string | null;
                                /** @description fixed, usage, proration_credit, minimum_true_up, progressive_billing_credit or one_off */
                                kind: string;
                                description: string;
                                period_start: string | null;
                                period_end: string | null;
                                quantity: string;
                                unit_amount: string | null;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                                /** @description the line's explanation: plan and price version, meter, aggregation, event count, tier breakdown, proration; a dimensional charge's combination (dimensions) and priced_by default when no listed price covers it */
                                details: {
                                    [key: string]: unknown;
                                };
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            subtotal: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            discount: string;
                            discounts: {
                                redemption_id: string;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            credits: string;
                            credits_applied: {
                                grant_id: string;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            tax: string;
                            tax_details: {
                                percent: string;
                                inclusive: boolean;
                                reverse_charge: boolean;
                                components: {
                                    name: string;
                                    percent: string;
                                    jurisdiction: string;
                                }[];
                                exemption_reason: string | null;
                                note: string | null;
                            } | null;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            total: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            balance_applied: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            amount_due: string;
                        } | null;
                        after: {
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            issued_at: string;
                            currency: string;
                            subscription_ids: string[];
                            lines: {
                                subscription_id: string | null;
                                plan_id: string | null;
                                plan_version_id: string | null;
                                charge_id: string | null;
                                /** @description fixed, usage, proration_credit, minimum_true_up, progressive_billing_credit or one_off */
                                kind: string;
                                description: string;
                                period_start: string | null;
                                period_end: string | null;
                                quantity: string;
                                unit_amount: string | null;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                                /** @description the line's explanation: plan and price version, meter, aggregation, event count, tier breakdown, proration; a dimensional charge's combination (dimensions) and priced_by default when no listed price covers it */
                                details: {
                                    [key: string]: unknown;
                                };
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            subtotal: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            discount: string;
                            discounts: {
                                redemption_id: string;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            credits: string;
                            credits_applied: {
                                grant_id: string;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            tax: string;
                            tax_details: {
                                percent: string;
                                inclusive: boolean;
                                reverse_charge: boolean;
                                components: {
                                    name: string;
                                    percent: string;
                                    jurisdiction: string;
                                }[];
                                exemption_reason: string | null;
                                note: string | null;
                            } | null;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            total: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            balance_applied: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            amount_due: string;
                        } | null;
                        difference: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listPlanMigrations: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string | null;
                            plan_id: string;
                            from_version: number;
                            to_version: number;
                            from_version_id: string;
                            to_version_id: string;
                            /**
                             * @description revert: this migration took back the plan changes of `reverts_migration_id`
                             * @enum {string}
                             */
                            timing: "now" | "next_period" | "at" | "revert";
                            at: string | null;
                            reverts_migration_id: string | null;
                            dry_run: boolean;
                            subscriptions: {
                                subscription_id: string;
                                customer_id: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-02-15T00:00:00Z
                                 */
                                at: string;
                                change_id: string | null;
                                /** @description dry run: the subscription's next invoice without and with the change, and the difference */
                                preview?: {
                                    before: {
                                        /**
                                         * Format: date-time
                                         * @example 2026-02-15T00:00:00Z
                                         */
                                        issued_at: string;
                                        currency: string;
                                        subscription_ids: string[];
                                        lines: {
                                            subscription_id: string | null;
                                            plan_id: string | null;
                                            plan_version_id: string | null;
                                            charge_id: string | null;
                                            /** @description fixed, usage, proration_credit, minimum_true_up, progressive_billing_credit or one_off */
                                            kind: string;
                                            description: string;
                                            period_start: string | null;
                                            period_end: string | null;
                                            quantity: string;
                                            unit_amount: string | null;
                                            /**
                                             * @description a decimal amount in the currency's minor unit
                                             * @example 49.00
                                             */
                                            amount: string;
                                            /** @description the line's explanation: plan and price version, meter, aggregation, event count, tier breakdown, proration; a dimensional charge's combination (dimensions) and priced_by default when no listed price covers it */
                                            details: {
                                                [key: string]: unknown;
                                            };
                                        }[];
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        subtotal: string;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        discount: string;
                                        discounts: {
                                            redemption_id: string;
                                            /**
                                             * @description a decimal amount in the currency's minor unit
                                             * @example 49.00
                                             */
                                            amount: string;
                                        }[];
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        credits: string;
                                        credits_applied: {
                                            grant_id: string;
                                            /**
                                             * @description a decimal amount in the currency's minor unit
                                             * @example 49.00
                                             */
                                            amount: string;
                                        }[];
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        tax: string;
                                        tax_details: {
                                            percent: string;
                                            inclusive: boolean;
                                            reverse_charge: boolean;
                                            components: {
                                                name: string;
                                                percent: string;
                                                jurisdiction: string;
                                            }[];
                                            exemption_reason: string | null;
                                            note: string | null;
                                        } | null;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        total: string;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        balance_applied: string;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        amount_due: string;
                                    } | null;
                                    after: {
                                        /**
                                         * Format: date-time
                                         * @example 2026-02-15T00:00:00Z
                                         */
                                        issued_at: string;
                                        currency: string;
                                        subscription_ids: string[];
                                        lines: {
                                            subscription_id: string | null;
                                            plan_id: string | null;
                                            plan_version_id: string | null;
                                            charge_id: string | null;
                                            /** @description fixed, usage, proration_credit, minimum_true_up, progressive_billing_credit or one_off */
                                            kind: string;
                                            description: string;
                                            period_start: string | null;
                                            period_end: string | null;
                                            quantity: string;
                                            unit_amount: string | null;
                                            /**
                                             * @description a decimal amount in the currency's minor unit
                                             * @example 49.00
                                             */
                                            amount: string;
                                            /** @description the line's explanation: plan and price version, meter, aggregation, event count, tier breakdown, proration; a dimensional charge's combination (dimensions) and priced_by default when no listed price covers it */
                                            details: {
                                                [key: string]: unknown;
                                            };
                                        }[];
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        subtotal: string;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        discount: string;
                                        discounts: {
                                            redemption_id: string;
                                            /**
                                             * @description a decimal amount in the currency's minor unit
                                             * @example 49.00
                                             */
                                            amount: string;
                                        }[];
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        credits: string;
                                        credits_applied: {
                                            grant_id: string;
                                            /**
                                             * @description a decimal amount in the currency's minor unit
                                             * @example 49.00
                                             */
                                            amount: string;
                                        }[];
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        tax: string;
                                        tax_details: {
                                            percent: string;
                                            inclusive: boolean;
                                            reverse_charge: boolean;
                                            components: {
                                                name: string;
                                                percent: string;
                                                jurisdiction: string;
                                            }[];
                                            exemption_reason: string | null;
                                            note: string | null;
                                        } | null;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        total: string;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        balance_applied: string;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        amount_due: string;
                                    } | null;
                                    difference: string;
                                };
                            }[];
                            created_by: string;
                            reason: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createPlanMigration: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the version whose subscribers move */
                    from_version: number;
                    /** @description a published version of the same plan */
                    to_version: number;
                    /**
                     * @description now, at the end of each subscription's current period, or at `at`
                     * @enum {string}
                     */
                    timing: "now" | "next_period" | "at";
                    /**
                     * Format: date-time
                     * @description required with timing at, left out otherwise; not in the past
                     * @example 2026-02-15T00:00:00Z
                     */
                    at?: string;
                    /** @description the subscriptions to move; every subscription now on from_version when left out */
                    subscription_ids?: string[];
                    /** @description true: only preview each subscription's change and invoice difference */
                    dry_run?: boolean;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string | null;
                        plan_id: string;
                        from_version: number;
                        to_version: number;
                        from_version_id: string;
                        to_version_id: string;
                        /**
                         * @description revert: this migration took back the plan changes of `reverts_migration_id`
                         * @enum {string}
                         */
                        timing: "now" | "next_period" | "at" | "revert";
                        at: string | null;
                        reverts_migration_id: string | null;
                        dry_run: boolean;
                        subscriptions: {
                            subscription_id: string;
                            customer_id: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            at: string;
                            change_id: string | null;
                            /** @description dry run: the subscription's next invoice without and with the change, and the difference */
                            preview?: {
                                before: {
                                    /**
                                     * Format: date-time
                                     * @example 2026-02-15T00:00:00Z
                                     */
                                    issued_at: string;
                                    currency: string;
                                    subscription_ids: string[];
                                    lines: {
                                        subscription_id: string | null;
                                        plan_id: string | null;
                                        plan_version_id: string | null;
                                        charge_id: string | null;
                                        /** @description fixed, usage, proration_credit, minimum_true_up, progressive_billing_credit or one_off */
                                        kind: string;
                                        description: string;
                                        period_start: string | null;
                                        period_end: string | null;
                                        quantity: string;
                                        unit_amount: string | null;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        amount: string;
                                        /** @description the line's explanation: plan and price version, meter, aggregation, event count, tier breakdown, proration; a dimensional charge's combination (dimensions) and priced_by default when no listed price covers it */
                                        details: {
                                            [key: string]: unknown;
                                        };
                                    }[];
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    subtotal: string;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    discount: string;
                                    discounts: {
                                        redemption_id: string;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        amount: string;
                                    }[];
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    credits: string;
                                    credits_applied: {
                                        grant_id: string;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        amount: string;
                                    }[];
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    tax: string;
                                    tax_details: {
                                        percent: string;
                                        inclusive: boolean;
                                        reverse_charge: boolean;
                                        components: {
                                            name: string;
                                            percent: string;
                                            jurisdiction: string;
                                        }[];
                                        exemption_reason: string | null;
                                        note: string | null;
                                    } | null;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    total: string;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    balance_applied: string;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    amount_due: string;
                                } | null;
                                after: {
                                    /**
                                     * Format: date-time
                                     * @example 2026-02-15T00:00:00Z
                                     */
                                    issued_at: string;
                                    currency: string;
                                    subscription_ids: string[];
                                    lines: {
                                        subscription_id: string | null;
                                        plan_id: string | null;
                                        plan_version_id: string | null;
                                        charge_id: string | null;
                                        /** @description fixed, usage, proration_credit, minimum_true_up, progressive_billing_credit or one_off */
                                        kind: string;
                                        description: string;
                                        period_start: string | null;
                                        period_end: string | null;
                                        quantity: string;
                                        unit_amount: string | null;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        amount: string;
                                        /** @description the line's explanation: plan and price version, meter, aggregation, event count, tier breakdown, proration; a dimensional charge's combination (dimensions) and priced_by default when no listed price covers it */
                                        details: {
                                            [key: string]: unknown;
                                        };
                                    }[];
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    subtotal: string;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    discount: string;
                                    discounts: {
                                        redemption_id: string;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        amount: string;
                                    }[];
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    credits: string;
                                    credits_applied: {
                                        grant_id: string;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        amount: string;
                                    }[];
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    tax: string;
                                    tax_details: {
                                        percent: string;
                                        inclusive: boolean;
                                        reverse_charge: boolean;
                                        components: {
                                            name: string;
                                            percent: string;
                                            jurisdiction: string;
                                        }[];
                                        exemption_reason: string | null;
                                        note: string | null;
                                    } | null;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    total: string;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    balance_applied: string;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    amount_due: string;
                                } | null;
                                difference: string;
                            };
                        }[];
                        created_by: string;
                        reason: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                    };
                };
            };
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string | null;
                        plan_id: string;
                        from_version: number;
                        to_version: number;
                        from_version_id: string;
                        to_version_id: string;
                        /**
                         * @description revert: this migration took back the plan changes of `reverts_migration_id`
                         * @enum {string}
                         */
                        timing: "now" | "next_period" | "at" | "revert";
                        at: string | null;
                        reverts_migration_id: string | null;
                        dry_run: boolean;
                        subscriptions: {
                            subscription_id: string;
                            customer_id: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            at: string;
                            change_id: string | null;
                            /** @description dry run: the subscription's next invoice without and with the change, and the difference */
                            preview?: {
                                before: {
                                    /**
                                     * Format: date-time
                                     * @example 2026-02-15T00:00:00Z
                                     */
                                    issued_at: string;
                                    currency: string;
                                    subscription_ids: string[];
                                    lines: {
                                        subscription_id: string | null;
                                        plan_id: string | null;
                                        plan_version_id: string | null;
                                        charge_id: string | null;
                                        /** @description fixed, usage, proration_credit, minimum_true_up, progressive_billing_credit or one_off */
                                        kind: string;
                                        description: string;
                                        period_start: string | null;
                                        period_end: string | null;
                                        quantity: string;
                                        unit_amount: string | null;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        amount: string;
                                        /** @description the line's explanation: plan and price version, meter, aggregation, event count, tier breakdown, proration; a dimensional charge's combination (dimensions) and priced_by default when no listed price covers it */
                                        details: {
                                            [key: string]: unknown;
                                        };
                                    }[];
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    subtotal: string;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    discount: string;
                                    discounts: {
                                        redemption_id: string;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        amount: string;
                                    }[];
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    credits: string;
                                    credits_applied: {
                                        grant_id: string;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        amount: string;
                                    }[];
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    tax: string;
                                    tax_details: {
                                        percent: string;
                                        inclusive: boolean;
                                        reverse_charge: boolean;
                                        components: {
                                            name: string;
                                            percent: string;
                                            jurisdiction: string;
                                        }[];
                                        exemption_reason: string | null;
                                        note: string | null;
                                    } | null;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    total: string;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    balance_applied: string;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    amount_due: string;
                                } | null;
                                after: {
                                    /**
                                     * Format: date-time
                                     * @example 2026-02-15T00:00:00Z
                                     */
                                    issued_at: string;
                                    currency: string;
                                    subscription_ids: string[];
                                    lines: {
                                        subscription_id: string | null;
                                        plan_id: string | null;
                                        plan_version_id: string | null;
                                        charge_id: string | null;
                                        /** @description fixed, usage, proration_credit, minimum_true_up, progressive_billing_credit or one_off */
                                        kind: string;
                                        description: string;
                                        period_start: string | null;
                                        period_end: string | null;
                                        quantity: string;
                                        unit_amount: string | null;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        amount: string;
                                        /** @description the line's explanation: plan and price version, meter, aggregation, event count, tier breakdown, proration; a dimensional charge's combination (dimensions) and priced_by default when no listed price covers it */
                                        details: {
                                            [key: string]: unknown;
                                        };
                                    }[];
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    subtotal: string;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    discount: string;
                                    discounts: {
                                        redemption_id: string;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        amount: string;
                                    }[];
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    credits: string;
                                    credits_applied: {
                                        grant_id: string;
                                        /**
                                         * @description a decimal amount in the currency's minor unit
                                         * @example 49.00
                                         */
                                        amount: string;
                                    }[];
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    tax: string;
                                    tax_details: {
                                        percent: string;
                                        inclusive: boolean;
                                        reverse_charge: boolean;
                                        components: {
                                            name: string;
                                            percent: string;
                                            jurisdiction: string;
                                        }[];
                                        exemption_reason: string | null;
                                        note: string | null;
                                    } | null;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    total: string;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    balance_applied: string;
                                    /**
                                     * @description a decimal amount in the currency's minor unit
                                     * @example 49.00
                                     */
                                    amount_due: string;
                                } | null;
                                difference: string;
                            };
                        }[];
                        created_by: string;
                        reason: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listRollouts: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Rollout"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createRollout: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    plan_id: string;
                    /** @description the version whose subscribers are rolled out */
                    from_version: number;
                    /** @description a published version of the same plan */
                    to_version: number;
                    stages: {
                        /**
                         * @description the share of the population on the new version once the stage starts
                         * @example 25
                         */
                        percent: string;
                        /**
                         * @description now (the first stage only), at a date, or once the previous stage's cohort has billed a period cleanly
                         * @enum {string}
                         */
                        start: "now" | "at" | "after_previous_clean";
                        /**
                         * Format: date-time
                         * @description with start at
                         * @example 2026-02-15T00:00:00Z
                         */
                        at?: string;
                    }[];
                    guardrails?: {
                        customer_change_percent?: string | null;
                        /** @description a customer's positive invoice became zero or negative (default true) */
                        zero_or_negative?: boolean;
                        moved_share?: {
                            /**
                             * @description a percentage above zero written as a string, such as "25" or "2.5"
                             * @example 25
                             */
                            change_percent: string;
                            /**
                             * @description a percentage above zero written as a string, such as "25" or "2.5"
                             * @example 25
                             */
                            maximum_share_percent: string;
                        } | null;
                        payment_problems_over_control_points?: string | null;
                    };
                    /** @description previous invoices a customer's draft is compared with (3) */
                    history_invoices?: number;
                    notify_email?: string | null;
                    /** @description hashed with each customer id to choose the stages' cohorts; a new random salt when left out */
                    salt?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rollout"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getRollout: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rollout"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    checkRollout: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Rollout"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listExperiments: {
        parameters: {
            query?: {
                status?: "running" | "promoted" | "stopped";
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Experiment"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createExperiment: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    plan_id: string;
                    /** @description the control arm: the version the population is on */
                    control: {
                        name?: string;
                        /** @description a version of the experiment's plan */
                        version: number;
                        /** @description the arm's share of the hashed population, relative to the other arms' (1) */
                        weight?: string;
                        /** @description with assignment lists: the customers of this arm */
                        customer_ids?: string[];
                    };
                    variants: {
                        name?: string;
                        /** @description a version of the experiment's plan */
                        version: number;
                        /** @description the arm's share of the hashed population, relative to the other arms' (1) */
                        weight?: string;
                        /** @description with assignment lists: the customers of this arm */
                        customer_ids?: string[];
                    }[];
                    /**
                     * @description hash: each customer by a hash of its id with the salt (and its segment), in proportion to the arms' weights; lists: the customers each arm names
                     * @enum {string}
                     */
                    assignment: "hash" | "lists";
                    segment_key?: string | null;
                    /**
                     * @description new_signups: subscriptions to the control version started since the experiment began, moved at once; existing_next_period: the control version's subscribers, moved at the end of their current period
                     * @enum {string}
                     */
                    audience: "new_signups" | "existing_next_period";
                    /**
                     * Format: date-time
                     * @description now when left out
                     * @example 2026-02-15T00:00:00Z
                     */
                    starts_at?: string;
                    /**
                     * Format: date-time
                     * @description after starts_at; no customer is assigned from then on
                     * @example 2026-02-15T00:00:00Z
                     */
                    ends_at: string;
                    /** @description hashed with each customer id; the same salt assigns the same customers; random when left out */
                    salt?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getExperiment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getExperimentAssignments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentAssignments"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    assignExperiment: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentAssignments"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getExperimentMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExperimentMetrics"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    promoteExperiment: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    arm_id: string;
                    /**
                     * @description cohort: the arm's customers keep the variant, the other arms' go back to the control; everyone: every subscriber of the control version and of the other variants moves to it at its next period
                     * @enum {string}
                     */
                    scope: "cohort" | "everyone";
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    stopExperiment: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Experiment"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listBacktests: {
        parameters: {
            query?: {
                plan_id?: string;
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Backtest"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createBacktest: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description price the plan's subscriptions on this version (a draft, pending or published one) */
                    plan_version_id?: string;
                    /** @description with price_overrides: the plan whose subscriptions get them */
                    plan_id?: string;
                    /** @description price the plan's subscriptions with these overrides (give plan_id, not plan_version_id) */
                    price_overrides?: components["schemas"]["BacktestPriceOverride"][];
                    population?: components["schemas"]["BacktestPopulation"];
                    /**
                     * Format: date-time
                     * @description the first issue date of the invoices compared (inclusive)
                     * @example 2026-02-15T00:00:00Z
                     */
                    from: string;
                    /**
                     * Format: date-time
                     * @description the last issue date (exclusive); not after now
                     * @example 2026-02-15T00:00:00Z
                     */
                    to: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description A pricing change priced against invoices already billed: its progress, and once completed its summary */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Backtest"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getBacktest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A pricing change priced against invoices already billed: its progress, and once completed its summary */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Backtest"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listBacktestInvoices: {
        parameters: {
            query?: {
                customer_id?: string;
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["BacktestInvoice"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getBacktestCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/csv */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    cancelBacktest: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description A pricing change priced against invoices already billed: its progress, and once completed its summary */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Backtest"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getTestMatrix: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A plan's saved scenarios, run on every version submitted for approval */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestMatrix"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    putTestMatrix: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    scenarios: components["schemas"]["TestMatrixScenario"][];
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description A plan's saved scenarios, run on every version submitted for approval */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestMatrix"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listTestMatrixRuns: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["TestMatrixRun"][];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    runTestMatrix: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description A plan's test matrix priced with one version: which expected invoices change and by how much */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestMatrixRun"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getPlanVersionApprovalView: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What an approver weighs: the version, its diff, its test matrix run and its latest backtest */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanVersionApprovalView"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listInvoices: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                customer_id?: string;
                subscription_id?: string;
                status?: "draft" | "open" | "paid" | "partially_paid" | "uncollectible" | "void";
                /** @example 2026-02-15T00:00:00Z */
                issued_from?: string;
                /** @example 2026-02-15T00:00:00Z */
                issued_to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Invoice"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createOneOffInvoice: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    customer_id: string;
                    /** @description an ISO 4217 code such as USD */
                    currency: string;
                    lines: {
                        description: string;
                        /**
                         * @description how many units
                         * @example 49.00
                         */
                        quantity: string;
                        /**
                         * @description price per unit; negative for a discount line
                         * @example 49.00
                         */
                        unit_amount: string;
                    }[];
                    memo?: string;
                    /**
                     * @description finalize at once instead of a draft
                     * @default false
                     */
                    finalize?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    finalizeInvoice: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    voidInvoice: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why the invoice is voided */
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getInvoicePdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description application/pdf */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getInvoiceHtml: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/html */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getCreditNotePdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description application/pdf */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getCreditNoteHtml: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/html */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createCreditNote: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    reason: "duplicate" | "fraudulent" | "order_change" | "product_unsatisfactory" | "billing_error" | "other";
                    memo?: string;
                    /** @description credit everything not yet credited */
                    full?: boolean;
                    lines?: {
                        invoice_line_id: string;
                        /**
                         * @description how much of the line to credit, before tax
                         * @example 49.00
                         */
                        amount: string;
                    }[];
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditNote"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listCreditNotes: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
                customer_id?: string;
                invoice_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["CreditNote"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getCreditNote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditNote"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getUpcomingInvoice: {
        parameters: {
            query?: {
                subscription_id?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        issued_at: string;
                        currency: string;
                        subscription_ids: string[];
                        lines: {
                            subscription_id: string | null;
                            plan_id: string | null;
                            plan_version_id: string | null;
                            charge_id: string | null;
                            /** @description fixed, usage, proration_credit, minimum_true_up, progressive_billing_credit or one_off */
                            kind: string;
                            description: string;
                            period_start: string | null;
                            period_end: string | null;
                            quantity: string;
                            unit_amount: string | null;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            amount: string;
                            /** @description the line's explanation: plan and price version, meter, aggregation, event count, tier breakdown, proration; a dimensional charge's combination (dimensions) and priced_by default when no listed price covers it */
                            details: {
                                [key: string]: unknown;
                            };
                        }[];
                        /**
                         * @description a decimal amount in the currency's minor unit
                         * @example 49.00
                         */
                        subtotal: string;
                        /**
                         * @description a decimal amount in the currency's minor unit
                         * @example 49.00
                         */
                        discount: string;
                        discounts: {
                            redemption_id: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            amount: string;
                        }[];
                        /**
                         * @description a decimal amount in the currency's minor unit
                         * @example 49.00
                         */
                        credits: string;
                        credits_applied: {
                            grant_id: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            amount: string;
                        }[];
                        /**
                         * @description a decimal amount in the currency's minor unit
                         * @example 49.00
                         */
                        tax: string;
                        tax_details: {
                            percent: string;
                            inclusive: boolean;
                            reverse_charge: boolean;
                            components: {
                                name: string;
                                percent: string;
                                jurisdiction: string;
                            }[];
                            exemption_reason: string | null;
                            note: string | null;
                        } | null;
                        /**
                         * @description a decimal amount in the currency's minor unit
                         * @example 49.00
                         */
                        total: string;
                        /**
                         * @description a decimal amount in the currency's minor unit
                         * @example 49.00
                         */
                        balance_applied: string;
                        /**
                         * @description a decimal amount in the currency's minor unit
                         * @example 49.00
                         */
                        amount_due: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    billCustomer: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description invoices created (final or draft) */
                        issued: number;
                        finalized: number;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getInvoicingSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        seller: {
                            name: string;
                            email: string | null;
                            address: {
                                line1?: string;
                                line2?: string;
                                city?: string;
                                postal_code?: string;
                                state?: string;
                                country?: string;
                            } | null;
                            country: string | null;
                            region: string | null;
                            tax_id: string | null;
                        };
                        invoice_prefix: string;
                        credit_note_prefix: string;
                        grace_period_hours: number;
                        net_payment_terms_days: number;
                        held_draft_change_percent: string | null;
                        held_draft_history_invoices: number;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateInvoicingSettings: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    seller?: {
                        name?: string;
                        email?: string | null;
                        address?: {
                            line1?: string;
                            line2?: string;
                            city?: string;
                            postal_code?: string;
                            state?: string;
                            country?: string;
                        } | null;
                        country?: string | null;
                        region?: string | null;
                        tax_id?: string | null;
                    };
                    /** @description letters, digits and dashes */
                    invoice_prefix?: string;
                    /** @description letters, digits and dashes */
                    credit_note_prefix?: string;
                    grace_period_hours?: number;
                    net_payment_terms_days?: number;
                    held_draft_change_percent?: string | null;
                    /** @description how many of the customer's previous invoices make the mean the guard compares with */
                    held_draft_history_invoices?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        seller: {
                            name: string;
                            email: string | null;
                            address: {
                                line1?: string;
                                line2?: string;
                                city?: string;
                                postal_code?: string;
                                state?: string;
                                country?: string;
                            } | null;
                            country: string | null;
                            region: string | null;
                            tax_id: string | null;
                        };
                        invoice_prefix: string;
                        credit_note_prefix: string;
                        grace_period_hours: number;
                        net_payment_terms_days: number;
                        held_draft_change_percent: string | null;
                        held_draft_history_invoices: number;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listInvoiceHolds: {
        parameters: {
            query?: {
                status?: "active" | "released" | "discarded";
                customer_id?: string;
                /** @description the rollout that placed the holds */
                source_id?: string;
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["InvoiceHold"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getInvoiceHold: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceHold"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    releaseInvoiceHold: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceHold"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    recomputeHeldDraft: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceHold"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    discardHeldDraft: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceHold"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listWebhookEndpoints: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example whe_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            url: string;
                            description: string | null;
                            event_types: string[];
                            enabled: boolean;
                            previous_secret_expires_at: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            updated_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description an http:// or https:// URL that receives the events as POST requests
                     * @example https://example.com/fairbill/webhooks
                     */
                    url: string;
                    description?: string | null;
                    /** @description the event types the endpoint receives; ["*"] receives them all */
                    event_types: ("*" | "customer.created" | "customer.updated" | "subscription.created" | "subscription.updated" | "subscription.canceled" | "subscription.paused" | "subscription.resumed" | "invoice.created" | "invoice.finalized" | "invoice.voided" | "credit_note.created" | "invoice_hold.created" | "invoice_hold.released" | "invoice_hold.discarded" | "payment.succeeded" | "payment.failed" | "payment.refunded" | "invoice.paid" | "invoice.payment_failed" | "credit.granted" | "alert.triggered" | "usage.threshold_reached" | "credit.balance_low" | "backtest.created" | "backtest.completed" | "backtest.failed" | "backtest.canceled" | "test_matrix.updated" | "test_matrix.run_recorded" | "rollout.created" | "rollout.stage_started" | "rollout.stage_cleared" | "rollout.completed" | "rollout.rolled_back" | "experiment.created" | "experiment.assigned" | "experiment.promoted" | "experiment.stopped" | "approval_request.created" | "approval_request.approved" | "approval_request.rejected")[];
                    /** @description default true */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        endpoint: {
                            /** @example whe_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            url: string;
                            description: string | null;
                            event_types: string[];
                            enabled: boolean;
                            previous_secret_expires_at: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            updated_at: string;
                        };
                        /**
                         * @description the signing secret (whsec_…); shown only in this response
                         * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                         */
                        secret: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example whe_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        url: string;
                        description: string | null;
                        event_types: string[];
                        enabled: boolean;
                        previous_secret_expires_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    deleteWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example whe_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        url: string;
                        description: string | null;
                        event_types: string[];
                        enabled: boolean;
                        previous_secret_expires_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateWebhookEndpoint: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description an http:// or https:// URL that receives the events as POST requests
                     * @example https://example.com/fairbill/webhooks
                     */
                    url?: string;
                    description?: string | null;
                    /** @description the event types the endpoint receives; ["*"] receives them all */
                    event_types?: ("*" | "customer.created" | "customer.updated" | "subscription.created" | "subscription.updated" | "subscription.canceled" | "subscription.paused" | "subscription.resumed" | "invoice.created" | "invoice.finalized" | "invoice.voided" | "credit_note.created" | "invoice_hold.created" | "invoice_hold.released" | "invoice_hold.discarded" | "payment.succeeded" | "payment.failed" | "payment.refunded" | "invoice.paid" | "invoice.payment_failed" | "credit.granted" | "alert.triggered" | "usage.threshold_reached" | "credit.balance_low" | "backtest.created" | "backtest.completed" | "backtest.failed" | "backtest.canceled" | "test_matrix.updated" | "test_matrix.run_recorded" | "rollout.created" | "rollout.stage_started" | "rollout.stage_cleared" | "rollout.completed" | "rollout.rolled_back" | "experiment.created" | "experiment.assigned" | "experiment.promoted" | "experiment.stopped" | "approval_request.created" | "approval_request.approved" | "approval_request.rejected")[];
                    /** @description false stops deliveries to the endpoint */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example whe_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        url: string;
                        description: string | null;
                        event_types: string[];
                        enabled: boolean;
                        previous_secret_expires_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    rotateWebhookEndpointSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description how long events are also signed with the old secret, so receivers can switch; 0 (the default) drops it at once */
                    previous_secret_valid_for_seconds?: number;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        endpoint: {
                            /** @example whe_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            url: string;
                            description: string | null;
                            event_types: string[];
                            enabled: boolean;
                            previous_secret_expires_at: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            updated_at: string;
                        };
                        /**
                         * @description the signing secret (whsec_…); shown only in this response
                         * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                         */
                        secret: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listWebhookEndpointDeliveries: {
        parameters: {
            query?: {
                status?: "pending" | "succeeded" | "failed" | "canceled";
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example whd_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            event_id: string;
                            event_type: string;
                            endpoint_id: string;
                            /**
                             * @description pending: an attempt is due; succeeded; failed: every retry was used up; canceled: the endpoint was disabled or deleted first
                             * @enum {string}
                             */
                            status: "pending" | "succeeded" | "failed" | "canceled";
                            attempt_count: number;
                            next_attempt_at: string | null;
                            last_attempt_at: string | null;
                            last_response_status: number | null;
                            attempts: {
                                attempt_number: number;
                                /** @enum {string} */
                                trigger: "automatic" | "manual";
                                /** @enum {string} */
                                status: "succeeded" | "failed";
                                /**
                                 * Format: date-time
                                 * @example 2026-02-15T00:00:00Z
                                 */
                                started_at: string;
                                latency_ms: number;
                                response_status: number | null;
                                response_body_excerpt: string | null;
                                error: string | null;
                            }[];
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listWebhookEventTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: string[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listWebhookEvents: {
        parameters: {
            query?: {
                type?: "customer.created" | "customer.updated" | "subscription.created" | "subscription.updated" | "subscription.canceled" | "subscription.paused" | "subscription.resumed" | "invoice.created" | "invoice.finalized" | "invoice.voided" | "credit_note.created" | "invoice_hold.created" | "invoice_hold.released" | "invoice_hold.discarded" | "payment.succeeded" | "payment.failed" | "payment.refunded" | "invoice.paid" | "invoice.payment_failed" | "credit.granted" | "alert.triggered" | "usage.threshold_reached" | "credit.balance_low" | "backtest.created" | "backtest.completed" | "backtest.failed" | "backtest.canceled" | "test_matrix.updated" | "test_matrix.run_recorded" | "rollout.created" | "rollout.stage_started" | "rollout.stage_cleared" | "rollout.completed" | "rollout.rolled_back" | "experiment.created" | "experiment.assigned" | "experiment.promoted" | "experiment.stopped" | "approval_request.created" | "approval_request.approved" | "approval_request.rejected";
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            type: string;
                            /** @description the object the event carries; its schema for each type is in the document's webhooks */
                            data: {
                                [key: string]: unknown;
                            };
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getWebhookEvent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        type: string;
                        /** @description the object the event carries; its schema for each type is in the document's webhooks */
                        data: {
                            [key: string]: unknown;
                        };
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        deliveries: {
                            /** @example whd_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            event_id: string;
                            event_type: string;
                            endpoint_id: string;
                            /**
                             * @description pending: an attempt is due; succeeded; failed: every retry was used up; canceled: the endpoint was disabled or deleted first
                             * @enum {string}
                             */
                            status: "pending" | "succeeded" | "failed" | "canceled";
                            attempt_count: number;
                            next_attempt_at: string | null;
                            last_attempt_at: string | null;
                            last_response_status: number | null;
                            attempts: {
                                attempt_number: number;
                                /** @enum {string} */
                                trigger: "automatic" | "manual";
                                /** @enum {string} */
                                status: "succeeded" | "failed";
                                /**
                                 * Format: date-time
                                 * @example 2026-02-15T00:00:00Z
                                 */
                                started_at: string;
                                latency_ms: number;
                                response_status: number | null;
                                response_body_excerpt: string | null;
                                error: string | null;
                            }[];
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    redeliverWebhook: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example whd_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        event_id: string;
                        event_type: string;
                        endpoint_id: string;
                        /**
                         * @description pending: an attempt is due; succeeded; failed: every retry was used up; canceled: the endpoint was disabled or deleted first
                         * @enum {string}
                         */
                        status: "pending" | "succeeded" | "failed" | "canceled";
                        attempt_count: number;
                        next_attempt_at: string | null;
                        last_attempt_at: string | null;
                        last_response_status: number | null;
                        attempts: {
                            attempt_number: number;
                            /** @enum {string} */
                            trigger: "automatic" | "manual";
                            /** @enum {string} */
                            status: "succeeded" | "failed";
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            started_at: string;
                            latency_ms: number;
                            response_status: number | null;
                            response_body_excerpt: string | null;
                            error: string | null;
                        }[];
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listEmailTemplates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string | null;
                            template: string;
                            /** @description 1 for the first edit, 2 for the next, …; 0 for the built-in default */
                            version: number;
                            is_default: boolean;
                            subject: string;
                            html_body: string;
                            text_body: string;
                            created_at: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    saveEmailTemplate: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description which customer email
                     * @enum {string}
                     */
                    template: "invoice_issued" | "payment_receipt" | "payment_failed" | "dunning_reminder" | "statement_of_account" | "dispute_received" | "refund_confirmation" | "credit_balance_low" | "usage_alert" | "account_invitation" | "email_verification" | "password_reset" | "break_glass_publish" | "rollout_rolled_back";
                    /** @description template of the subject line */
                    subject: string;
                    /** @description template of the HTML body */
                    html_body: string;
                    /** @description template of the plain-text body */
                    text_body: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string | null;
                        template: string;
                        /** @description 1 for the first edit, 2 for the next, …; 0 for the built-in default */
                        version: number;
                        is_default: boolean;
                        subject: string;
                        html_body: string;
                        text_body: string;
                        created_at: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listEmailTemplateVersions: {
        parameters: {
            query?: {
                /** @description which customer email */
                template?: "invoice_issued" | "payment_receipt" | "payment_failed" | "dunning_reminder" | "statement_of_account" | "dispute_received" | "refund_confirmation" | "credit_balance_low" | "usage_alert" | "account_invitation" | "email_verification" | "password_reset" | "break_glass_publish" | "rollout_rolled_back";
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string | null;
                            template: string;
                            /** @description 1 for the first edit, 2 for the next, …; 0 for the built-in default */
                            version: number;
                            is_default: boolean;
                            subject: string;
                            html_body: string;
                            text_body: string;
                            created_at: string | null;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    previewEmailTemplate: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description which customer email
                     * @enum {string}
                     */
                    template: "invoice_issued" | "payment_receipt" | "payment_failed" | "dunning_reminder" | "statement_of_account" | "dispute_received" | "refund_confirmation" | "credit_balance_low" | "usage_alert" | "account_invitation" | "email_verification" | "password_reset" | "break_glass_publish" | "rollout_rolled_back";
                    /** @description template of the subject line */
                    subject?: string;
                    /** @description template of the HTML body */
                    html_body?: string;
                    /** @description template of the plain-text body */
                    text_body?: string;
                    /** @description the data to render with; sample data of the template when omitted */
                    data?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        subject: string;
                        /** @description every value HTML-escaped */
                        html_body: string;
                        text_body: string;
                        /** @description names the template uses that the data does not have, such as a misspelt customer.nmae */
                        missing_variables: string[];
                        /** @description the data the preview was rendered with */
                        data: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getEmailTemplateVersion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string | null;
                        template: string;
                        /** @description 1 for the first edit, 2 for the next, …; 0 for the built-in default */
                        version: number;
                        is_default: boolean;
                        subject: string;
                        html_body: string;
                        text_body: string;
                        created_at: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    restoreEmailTemplateVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string | null;
                        template: string;
                        /** @description 1 for the first edit, 2 for the next, …; 0 for the built-in default */
                        version: number;
                        is_default: boolean;
                        subject: string;
                        html_body: string;
                        text_body: string;
                        created_at: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listEmails: {
        parameters: {
            query?: {
                status?: "queued" | "sent" | "failed";
                /** @description which customer email */
                template?: "invoice_issued" | "payment_receipt" | "payment_failed" | "dunning_reminder" | "statement_of_account" | "dispute_received" | "refund_confirmation" | "credit_balance_low" | "usage_alert" | "account_invitation" | "email_verification" | "password_reset" | "break_glass_publish" | "rollout_rolled_back";
                customer_id?: string;
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example eml_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            template: string;
                            /** @description 0 when the built-in default was used */
                            template_version: number;
                            customer_id: string | null;
                            to: string;
                            subject: string;
                            /**
                             * @description queued: waiting to be sent; sent; failed: every retry was used up
                             * @enum {string}
                             */
                            status: "queued" | "sent" | "failed";
                            attempt_count: number;
                            last_error: string | null;
                            transport: ("smtp" | "folder") | null;
                            sent_at: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getEmail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example eml_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        template: string;
                        /** @description 0 when the built-in default was used */
                        template_version: number;
                        customer_id: string | null;
                        to: string;
                        subject: string;
                        /**
                         * @description queued: waiting to be sent; sent; failed: every retry was used up
                         * @enum {string}
                         */
                        status: "queued" | "sent" | "failed";
                        attempt_count: number;
                        last_error: string | null;
                        transport: ("smtp" | "folder") | null;
                        sent_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        html_body: string;
                        text_body: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listTaxRates: {
        parameters: {
            query?: {
                /** @description an ISO 3166-1 alpha-2 code such as DE */
                country?: string;
                /** @description an ISO 3166-2 subdivision code without the country, such as CA (California) or ON (Ontario); matched against the state of the customer's billing address */
                region?: string;
                /** @description true lists archived rates only; default false */
                archived?: boolean;
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example txr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            country: string;
                            region: string | null;
                            name: string;
                            /** @example 19 */
                            percent: string;
                            inclusive: boolean;
                            reverse_charge_eligible: boolean;
                            valid_from: string | null;
                            valid_until: string | null;
                            archived_at: string | null;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createTaxRate: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description an ISO 3166-1 alpha-2 code such as DE */
                    country: string;
                    /** @description an ISO 3166-2 subdivision code without the country, such as CA (California) or ON (Ontario); matched against the state of the customer's billing address */
                    region?: string;
                    /** @description printed on invoices, such as VAT */
                    name: string;
                    /**
                     * @description percent of the taxable amount, 0 to 100 with at most 4 decimals, such as "19" or "8.875"
                     * @example 19
                     */
                    percent: string;
                    /** @description prices already include this tax; default false (added on top) */
                    inclusive?: boolean;
                    /** @description EU VAT only: a business customer in another member state accounts for the VAT itself; default false */
                    reverse_charge_eligible?: boolean;
                    /**
                     * Format: date-time
                     * @description open-ended when left out
                     */
                    valid_from?: string;
                    /**
                     * Format: date-time
                     * @description exclusive; open-ended when left out
                     */
                    valid_until?: string;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example txr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        country: string;
                        region: string | null;
                        name: string;
                        /** @example 19 */
                        percent: string;
                        inclusive: boolean;
                        reverse_charge_eligible: boolean;
                        valid_from: string | null;
                        valid_until: string | null;
                        archived_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getTaxRate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example txr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        country: string;
                        region: string | null;
                        name: string;
                        /** @example 19 */
                        percent: string;
                        inclusive: boolean;
                        reverse_charge_eligible: boolean;
                        valid_from: string | null;
                        valid_until: string | null;
                        archived_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateTaxRate: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @description true takes the rate out of use; false puts it back */
                    archived?: boolean;
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example txr_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        country: string;
                        region: string | null;
                        name: string;
                        /** @example 19 */
                        percent: string;
                        inclusive: boolean;
                        reverse_charge_eligible: boolean;
                        valid_from: string | null;
                        valid_until: string | null;
                        archived_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getTaxExemption: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example txe_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        customer_id: string;
                        reason: string;
                        certificate_id: string | null;
                        valid_until: string | null;
                        /** @description false once valid_until has passed */
                        in_force: boolean;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    setTaxExemption: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description why the customer pays no tax, printed on its invoices, such as 'Registered charity' */
                    reason: string;
                    certificate_id?: string;
                    /**
                     * Format: date-time
                     * @description exclusive, in the future; open-ended when left out
                     */
                    valid_until?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example txe_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        customer_id: string;
                        reason: string;
                        certificate_id: string | null;
                        valid_until: string | null;
                        /** @description false once valid_until has passed */
                        in_force: boolean;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    revokeTaxExemption: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example txe_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        customer_id: string;
                        reason: string;
                        certificate_id: string | null;
                        valid_until: string | null;
                        /** @description false once valid_until has passed */
                        in_force: boolean;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getTaxSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tax_provider: {
                            /**
                             * @description the tax rates of /v1/tax-rates
                             * @enum {string}
                             */
                            type: "built_in";
                        } | {
                            /** @enum {string} */
                            type: "http";
                            url: string;
                            timeout_ms: number;
                            /** @description the secret itself is never returned */
                            secret_set: boolean;
                        };
                        updated_at: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateTaxSettings: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    tax_provider: {
                        /**
                         * @description the tax rates of /v1/tax-rates
                         * @enum {string}
                         */
                        type: "built_in";
                    } | {
                        /**
                         * @description an external calculator answering over HTTP
                         * @enum {string}
                         */
                        type: "http";
                        /** @description an http(s) URL; Fairbill POSTs each tax request there as JSON */
                        url: string;
                        /** @description how long to wait for an answer; default 5000 */
                        timeout_ms?: number;
                        /** @description sent as a bearer token; never shown again */
                        secret: string;
                    };
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        tax_provider: {
                            /**
                             * @description the tax rates of /v1/tax-rates
                             * @enum {string}
                             */
                            type: "built_in";
                        } | {
                            /** @enum {string} */
                            type: "http";
                            url: string;
                            timeout_ms: number;
                            /** @description the secret itself is never returned */
                            secret_set: boolean;
                        };
                        updated_at: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getPaymentSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        provider: "manual" | "stripe";
                        stripe: {
                            /** @description the key's prefix and last four characters */
                            secret_key_hint: string;
                            webhook_secret_hint: string;
                            api_base_url: string | null;
                            /** @description where to point the Stripe webhook endpoint of this environment */
                            webhook_path: string;
                        } | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updatePaymentSettings: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description who collects invoices automatically
                     * @enum {string}
                     */
                    provider: "manual" | "stripe";
                    stripe?: {
                        /** @description a secret or restricted key from the Stripe dashboard */
                        secret_key: string;
                        /** @description the signing secret of the webhook endpoint Stripe sends to */
                        webhook_secret: string;
                        api_base_url?: string | null;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        provider: "manual" | "stripe";
                        stripe: {
                            /** @description the key's prefix and last four characters */
                            secret_key_hint: string;
                            webhook_secret_hint: string;
                            api_base_url: string | null;
                            /** @description where to point the Stripe webhook endpoint of this environment */
                            webhook_path: string;
                        } | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listPaymentMethods: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            customer_id: string;
                            /** @enum {string} */
                            provider: "manual" | "stripe";
                            provider_payment_method_id: string;
                            provider_customer_id: string;
                            type: string;
                            card: {
                                brand: string;
                                last4: string;
                                exp_month: number;
                                exp_year: number;
                            } | null;
                            is_default: boolean;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    attachPaymentMethod: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the provider's payment method id, such as Stripe's pm_… */
                    payment_method: string;
                    /** @description charge this method for the customer's invoices (default true) */
                    default?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        customer_id: string;
                        /** @enum {string} */
                        provider: "manual" | "stripe";
                        provider_payment_method_id: string;
                        provider_customer_id: string;
                        type: string;
                        card: {
                            brand: string;
                            last4: string;
                            exp_month: number;
                            exp_year: number;
                        } | null;
                        is_default: boolean;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    recordPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description what was received, in the invoice's currency
                     * @example 49.00
                     */
                    amount: string;
                    /** @enum {string} */
                    method: "bank_transfer" | "cheque" | "cash" | "other";
                    /** @description the bank reference or cheque number */
                    reference?: string;
                    /**
                     * Format: date-time
                     * @description when the money arrived; now when left out
                     * @example 2026-02-15T00:00:00Z
                     */
                    received_at?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        invoice_id: string;
                        customer_id: string;
                        /** @enum {string} */
                        provider: "manual" | "stripe";
                        /** @enum {string} */
                        method: "card" | "bank_transfer" | "cheque" | "cash" | "other";
                        /** @enum {string} */
                        origin: "manual" | "automatic" | "requested" | "dunning_retry" | "provider";
                        /** @enum {string} */
                        status: "pending" | "succeeded" | "failed";
                        currency: string;
                        /** @description an amount in the invoice's currency, as a decimal string */
                        amount: string;
                        /** @description the part that paid the invoice */
                        amount_applied: string;
                        /** @description an overpayment, owed to the customer on their balance */
                        amount_to_balance: string;
                        /** @description an amount in the invoice's currency, as a decimal string */
                        amount_refunded: string;
                        reference: string | null;
                        payment_method_id: string | null;
                        provider_payment_id: string | null;
                        failure: {
                            code: string | null;
                            decline_code: string | null;
                            message: string | null;
                            /** @description retrying the same payment method cannot succeed */
                            hard_decline: boolean;
                        } | null;
                        received_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        refunds: components["schemas"]["Refund"][];
                        disputes: {
                            id: string;
                            payment_id: string;
                            invoice_id: string;
                            provider_dispute_id: string;
                            currency: string;
                            /** @description an amount in the invoice's currency, as a decimal string */
                            amount: string;
                            reason: string;
                            status: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            opened_at: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    collectInvoice: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        invoice_id: string;
                        customer_id: string;
                        /** @enum {string} */
                        provider: "manual" | "stripe";
                        /** @enum {string} */
                        method: "card" | "bank_transfer" | "cheque" | "cash" | "other";
                        /** @enum {string} */
                        origin: "manual" | "automatic" | "requested" | "dunning_retry" | "provider";
                        /** @enum {string} */
                        status: "pending" | "succeeded" | "failed";
                        currency: string;
                        /** @description an amount in the invoice's currency, as a decimal string */
                        amount: string;
                        /** @description the part that paid the invoice */
                        amount_applied: string;
                        /** @description an overpayment, owed to the customer on their balance */
                        amount_to_balance: string;
                        /** @description an amount in the invoice's currency, as a decimal string */
                        amount_refunded: string;
                        reference: string | null;
                        payment_method_id: string | null;
                        provider_payment_id: string | null;
                        failure: {
                            code: string | null;
                            decline_code: string | null;
                            message: string | null;
                            /** @description retrying the same payment method cannot succeed */
                            hard_decline: boolean;
                        } | null;
                        received_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        refunds: components["schemas"]["Refund"][];
                        disputes: {
                            id: string;
                            payment_id: string;
                            invoice_id: string;
                            provider_dispute_id: string;
                            currency: string;
                            /** @description an amount in the invoice's currency, as a decimal string */
                            amount: string;
                            reason: string;
                            status: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            opened_at: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    markInvoiceUncollectible: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invoice"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listPayments: {
        parameters: {
            query?: {
                invoice_id?: string;
                customer_id?: string;
                status?: "pending" | "succeeded" | "failed";
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Payment"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getPayment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        invoice_id: string;
                        customer_id: string;
                        /** @enum {string} */
                        provider: "manual" | "stripe";
                        /** @enum {string} */
                        method: "card" | "bank_transfer" | "cheque" | "cash" | "other";
                        /** @enum {string} */
                        origin: "manual" | "automatic" | "requested" | "dunning_retry" | "provider";
                        /** @enum {string} */
                        status: "pending" | "succeeded" | "failed";
                        currency: string;
                        /** @description an amount in the invoice's currency, as a decimal string */
                        amount: string;
                        /** @description the part that paid the invoice */
                        amount_applied: string;
                        /** @description an overpayment, owed to the customer on their balance */
                        amount_to_balance: string;
                        /** @description an amount in the invoice's currency, as a decimal string */
                        amount_refunded: string;
                        reference: string | null;
                        payment_method_id: string | null;
                        provider_payment_id: string | null;
                        failure: {
                            code: string | null;
                            decline_code: string | null;
                            message: string | null;
                            /** @description retrying the same payment method cannot succeed */
                            hard_decline: boolean;
                        } | null;
                        received_at: string | null;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        refunds: components["schemas"]["Refund"][];
                        disputes: {
                            id: string;
                            payment_id: string;
                            invoice_id: string;
                            provider_dispute_id: string;
                            currency: string;
                            /** @description an amount in the invoice's currency, as a decimal string */
                            amount: string;
                            reason: string;
                            status: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            opened_at: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    refundPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description how much to give back; everything not yet refunded when left out
                     * @example 49.00
                     */
                    amount?: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Refund"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listDunningCampaigns: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            name: string;
                            /** @description the campaign of every customer given no other (one per environment) */
                            is_default: boolean;
                            /** @description days after the first failed payment on which it is tried again, in increasing order, e.g. [1, 3, 5, 8] */
                            retry_schedule_days: number[];
                            /** @description days before the due date on which the customer is reminded */
                            reminder_days_before_due: number[];
                            /** @description days after the due date on which the customer is reminded (0: on the due date) */
                            reminder_days_after_due: number[];
                            /**
                             * @description what happens at the last retry or reminder after the due date if the invoice is still unpaid
                             * @enum {string}
                             */
                            final_action: "none" | "mark_uncollectible" | "pause_subscription" | "cancel_subscription" | "block_entitlements";
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            updated_at: string;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createDunningCampaign: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** @description the campaign of every customer given no other (one per environment) */
                    is_default?: boolean;
                    /** @description days after the first failed payment on which it is tried again, in increasing order, e.g. [1, 3, 5, 8] */
                    retry_schedule_days: number[];
                    /** @description days before the due date on which the customer is reminded */
                    reminder_days_before_due?: number[];
                    /** @description days after the due date on which the customer is reminded (0: on the due date) */
                    reminder_days_after_due?: number[];
                    /**
                     * @description what happens at the last retry or reminder after the due date if the invoice is still unpaid
                     * @enum {string}
                     */
                    final_action: "none" | "mark_uncollectible" | "pause_subscription" | "cancel_subscription" | "block_entitlements";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description the campaign of every customer given no other (one per environment) */
                        is_default: boolean;
                        /** @description days after the first failed payment on which it is tried again, in increasing order, e.g. [1, 3, 5, 8] */
                        retry_schedule_days: number[];
                        /** @description days before the due date on which the customer is reminded */
                        reminder_days_before_due: number[];
                        /** @description days after the due date on which the customer is reminded (0: on the due date) */
                        reminder_days_after_due: number[];
                        /**
                         * @description what happens at the last retry or reminder after the due date if the invoice is still unpaid
                         * @enum {string}
                         */
                        final_action: "none" | "mark_uncollectible" | "pause_subscription" | "cancel_subscription" | "block_entitlements";
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getDunningCampaign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description the campaign of every customer given no other (one per environment) */
                        is_default: boolean;
                        /** @description days after the first failed payment on which it is tried again, in increasing order, e.g. [1, 3, 5, 8] */
                        retry_schedule_days: number[];
                        /** @description days before the due date on which the customer is reminded */
                        reminder_days_before_due: number[];
                        /** @description days after the due date on which the customer is reminded (0: on the due date) */
                        reminder_days_after_due: number[];
                        /**
                         * @description what happens at the last retry or reminder after the due date if the invoice is still unpaid
                         * @enum {string}
                         */
                        final_action: "none" | "mark_uncollectible" | "pause_subscription" | "cancel_subscription" | "block_entitlements";
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateDunningCampaign: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name?: string;
                    /** @description the campaign of every customer given no other (one per environment) */
                    is_default?: boolean;
                    /** @description days after the first failed payment on which it is tried again, in increasing order, e.g. [1, 3, 5, 8] */
                    retry_schedule_days?: number[];
                    /** @description days before the due date on which the customer is reminded */
                    reminder_days_before_due?: number[];
                    /** @description days after the due date on which the customer is reminded (0: on the due date) */
                    reminder_days_after_due?: number[];
                    /**
                     * @description what happens at the last retry or reminder after the due date if the invoice is still unpaid
                     * @enum {string}
                     */
                    final_action?: "none" | "mark_uncollectible" | "pause_subscription" | "cancel_subscription" | "block_entitlements";
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @description the campaign of every customer given no other (one per environment) */
                        is_default: boolean;
                        /** @description days after the first failed payment on which it is tried again, in increasing order, e.g. [1, 3, 5, 8] */
                        retry_schedule_days: number[];
                        /** @description days before the due date on which the customer is reminded */
                        reminder_days_before_due: number[];
                        /** @description days after the due date on which the customer is reminded (0: on the due date) */
                        reminder_days_after_due: number[];
                        /**
                         * @description what happens at the last retry or reminder after the due date if the invoice is still unpaid
                         * @enum {string}
                         */
                        final_action: "none" | "mark_uncollectible" | "pause_subscription" | "cancel_subscription" | "block_entitlements";
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getCustomerDunning: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        campaign_id: string | null;
                        exempt: boolean;
                        exempt_reason: string | null;
                        /** @description a dunning final action blocks the customer's entitlements */
                        entitlements_blocked: boolean;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateCustomerDunning: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    campaign_id?: string | null;
                    /** @description no reminders, retries or final action for this customer's invoices */
                    exempt: boolean;
                    exempt_reason?: string | null;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        campaign_id: string | null;
                        exempt: boolean;
                        exempt_reason: string | null;
                        /** @description a dunning final action blocks the customer's entitlements */
                        entitlements_blocked: boolean;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getInvoiceDunning: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        invoice_id: string;
                        customer_id: string;
                        campaign_id: string;
                        /** @enum {string} */
                        status: "active" | "recovered" | "ended" | "stopped";
                        /** @enum {string} */
                        final_action: "none" | "mark_uncollectible" | "pause_subscription" | "cancel_subscription" | "block_entitlements";
                        hard_declined: boolean;
                        first_failed_at: string | null;
                        next_step_at: string | null;
                        entitlements_blocked: boolean;
                        ended_reason: string | null;
                        steps: {
                            /** @enum {string} */
                            kind: "reminder_before_due" | "reminder_after_due" | "retry" | "final_action";
                            day_number: number;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            due_at: string;
                            /** @enum {string} */
                            status: "pending" | "done" | "skipped";
                            outcome: string | null;
                            payment_id: string | null;
                            completed_at: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    reconcilePeriod: {
        parameters: {
            query: {
                /**
                 * @description an accounting month, YYYY-MM, in the finance settings' time zone
                 * @example 2026-10
                 */
                period: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        period: string;
                        timezone: string;
                        period_start: string;
                        period_end: string;
                        generated_at: string;
                        /** @description true when no difference of any kind is left */
                        clean: boolean;
                        usage: {
                            /** @description events that occurred in the month, voided ones excepted */
                            events_ingested: number;
                            events_voided: number;
                            /** @description events of a known customer */
                            events_attributed: number;
                            /** @description events at least one meter counts */
                            events_matched: number;
                            /** @description events billed on a finalized invoice under every meter counting them */
                            events_billed: number;
                            events_by_category: {
                                leakage: number;
                                mismatch: number;
                                by_design: number;
                                pending: number;
                            };
                            rows: {
                                customer_external_id: string;
                                customer_id: string | null;
                                meter: string | null;
                                event_name: string | null;
                                events_ingested: number;
                                events_attributed: number;
                                events_matched: number;
                                events_billed: number;
                                events_unbilled: number;
                                /** @description the usage lines of the customer and meter whose period overlaps the month */
                                billed_lines: {
                                    invoice_id: string;
                                    invoice_number: string | null;
                                    invoice_line_id: string;
                                    status: string;
                                    period_start: string;
                                    period_end: string;
                                    quantity: string;
                                    event_count: number;
                                    /** @description an amount in the currency, as a decimal string */
                                    amount: string;
                                    currency: string;
                                }[];
                            }[];
                            differences: {
                                /** @enum {string} */
                                cause: "unknown_customer" | "no_meter" | "no_subscription" | "after_cancellation" | "meter_not_priced" | "late_after_finalization" | "count_mismatch" | "in_trial" | "paused" | "invoice_voided" | "awaiting_finalization" | "not_yet_billed";
                                /**
                                 * @description leakage: revenue lost; mismatch: counts disagree; by_design: not billed by the terms; pending: billed later
                                 * @enum {string}
                                 */
                                category: "leakage" | "mismatch" | "by_design" | "pending";
                                description: string;
                                customer_external_id: string;
                                customer_id: string | null;
                                meter: string | null;
                                event_name: string | null;
                                subscription_id: string | null;
                                invoice_id: string | null;
                                invoice_number: string | null;
                                invoice_line_id: string | null;
                                events: number;
                                first_event_at: string;
                                last_event_at: string;
                                example_event_ids: string[];
                                quantity: string | null;
                                amount: string | null;
                                currency: string | null;
                                /** @description which prices the amount comes from, in words */
                                price_basis: string;
                            }[];
                        };
                        receivables: {
                            /**
                             * @description payments: from the payment records; invoices: from what invoices say was paid
                             * @enum {string}
                             */
                            source: "payments" | "invoices";
                            totals: {
                                currency: string;
                                /** @description an amount in the currency, as a decimal string */
                                invoiced: string;
                                /** @description an amount in the currency, as a decimal string */
                                voided: string;
                                /** @description an amount in the currency, as a decimal string */
                                credit_notes: string;
                                /** @description an amount in the currency, as a decimal string */
                                payments: string;
                                /** @description an amount in the currency, as a decimal string */
                                refunds: string;
                                /** @description disputed by the customer's bank in the month (money at risk) */
                                chargebacks: string;
                                /** @description an amount in the currency, as a decimal string */
                                opening_receivable: string;
                                /** @description an amount in the currency, as a decimal string */
                                closing_receivable: string;
                                /** @description an amount in the currency, as a decimal string */
                                outstanding_now: string;
                            }[];
                            customers: {
                                customer_id: string;
                                currency: string;
                                /** @description an amount in the currency, as a decimal string */
                                invoiced: string;
                                /** @description an amount in the currency, as a decimal string */
                                voided: string;
                                /** @description an amount in the currency, as a decimal string */
                                credit_notes: string;
                                /** @description an amount in the currency, as a decimal string */
                                payments: string;
                                /** @description an amount in the currency, as a decimal string */
                                refunds: string;
                                /** @description disputed by the customer's bank in the month (money at risk) */
                                chargebacks: string;
                                /** @description an amount in the currency, as a decimal string */
                                opening_receivable: string;
                                /** @description an amount in the currency, as a decimal string */
                                closing_receivable: string;
                                /** @description an amount in the currency, as a decimal string */
                                outstanding_now: string;
                            }[];
                            differences: {
                                cause: string;
                                description: string;
                                invoice_id: string;
                                invoice_number: string | null;
                                customer_id: string;
                                currency: string;
                                /** @description an amount in the currency, as a decimal string */
                                recorded: string;
                                /** @description an amount in the currency, as a decimal string */
                                expected: string;
                            }[];
                        };
                        leakage: {
                            /** @description events whose revenue leaked */
                            events: number;
                            /** @description leaking events per 1,000 events ingested */
                            per_thousand_events: string;
                            amounts: {
                                currency: string;
                                /** @description an amount in the currency, as a decimal string */
                                amount: string;
                            }[];
                            amounts_per_thousand_events: {
                                currency: string;
                                /** @description an amount in the currency, as a decimal string */
                                amount: string;
                            }[];
                            /** @description leaking events nothing prices (no meter, or no plan charges it) */
                            unpriced_events: number;
                        };
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getFinanceSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description IANA zone in which accounting months start and end */
                        timezone: string;
                        /** @description the chart of accounts journal entries post to, by role */
                        accounts: {
                            cash: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                            accounts_receivable: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                            unbilled_receivables: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                            customer_credit_balance: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                            tax_payable: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                            deferred_revenue: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                            revenue: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                            breakage_revenue: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                        };
                        updated_at: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateFinanceSettings: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description IANA zone such as Europe/Paris; cannot change once a period is locked */
                    timezone?: string;
                    /** @description code and name of the accounts to change; the others keep theirs */
                    accounts?: {
                        cash?: {
                            code?: string;
                            name?: string;
                        };
                        accounts_receivable?: {
                            code?: string;
                            name?: string;
                        };
                        unbilled_receivables?: {
                            code?: string;
                            name?: string;
                        };
                        customer_credit_balance?: {
                            code?: string;
                            name?: string;
                        };
                        tax_payable?: {
                            code?: string;
                            name?: string;
                        };
                        deferred_revenue?: {
                            code?: string;
                            name?: string;
                        };
                        revenue?: {
                            code?: string;
                            name?: string;
                        };
                        breakage_revenue?: {
                            code?: string;
                            name?: string;
                        };
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description IANA zone in which accounting months start and end */
                        timezone: string;
                        /** @description the chart of accounts journal entries post to, by role */
                        accounts: {
                            cash: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                            accounts_receivable: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                            unbilled_receivables: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                            customer_credit_balance: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                            tax_payable: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                            deferred_revenue: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                            revenue: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                            breakage_revenue: {
                                /** @description the account's number in your general ledger */
                                code: string;
                                name: string;
                            };
                        };
                        updated_at: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listRevenueSchedules: {
        parameters: {
            query?: {
                invoice_id?: string;
                customer_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            invoice_id: string | null;
                            invoice_number: string | null;
                            invoice_line_id: string | null;
                            credit_grant_id: string | null;
                            customer_id: string;
                            currency: string;
                            product: string | null;
                            description: string;
                            kind: string;
                            /** @enum {string} */
                            pattern: "ratable_by_day" | "period_of_use" | "point_in_time" | "prepaid_credits";
                            service_start: string | null;
                            service_end: string | null;
                            /** @description the line's revenue after discounts, credits and tax */
                            amount: string;
                            /** @description revenue and breakage earned by now, net of reversals */
                            recognized_to_date: string;
                            /** @description what the schedule earns after now */
                            recognized_later: string;
                            /** @description prepaid credits: the deferred value invoices have used by now (they earn it) */
                            credits_applied_to_date: string;
                            entries: {
                                /**
                                 * @description revenue earned; reversal by a credit note or a void; credits_applied: prepaid credits used by an invoice, which earns them; breakage: credits lost unused
                                 * @enum {string}
                                 */
                                type: "revenue" | "reversal" | "credits_applied" | "breakage";
                                period: string;
                                /** @description the accounting date, YYYY-MM-DD */
                                date: string;
                                /** @description an amount in the currency, as a decimal string */
                                amount: string;
                                document_type: string;
                                document_id: string;
                                reference: string;
                            }[];
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getRevenueReport: {
        parameters: {
            query: {
                /**
                 * @description an accounting month, YYYY-MM, in the finance settings' time zone
                 * @example 2026-10
                 */
                from: string;
                /**
                 * @description an accounting month, YYYY-MM, in the finance settings' time zone
                 * @example 2026-10
                 */
                to: string;
                /** @description none by default */
                group_by?: "none" | "product" | "customer";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        from: string;
                        to: string;
                        timezone: string;
                        group_by: string;
                        rows: {
                            period: string;
                            currency: string;
                            group: string | null;
                            /** @description an amount in the currency, as a decimal string */
                            recognized: string;
                            /** @description an amount in the currency, as a decimal string */
                            breakage: string;
                            /** @description an amount in the currency, as a decimal string */
                            deferred_balance: string;
                            /** @description an amount in the currency, as a decimal string */
                            unbilled_balance: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getJournal: {
        parameters: {
            query: {
                /**
                 * @description an accounting month, YYYY-MM, in the finance settings' time zone
                 * @example 2026-10
                 */
                period: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        period: string;
                        timezone: string;
                        balanced: boolean;
                        /** @description debits and credits per currency: equal in a balanced journal */
                        totals: {
                            currency: string;
                            /** @description an amount in the currency, as a decimal string */
                            debit: string;
                            /** @description an amount in the currency, as a decimal string */
                            credit: string;
                        }[];
                        /** @description SHA-256 of the lines */
                        digest: string;
                        lines: {
                            entry_id: string;
                            date: string;
                            account: string;
                            account_name: string;
                            /** @enum {string} */
                            account_role: "cash" | "accounts_receivable" | "unbilled_receivables" | "customer_credit_balance" | "tax_payable" | "deferred_revenue" | "revenue" | "breakage_revenue";
                            /** @description empty on a credit line */
                            debit: string;
                            /** @description empty on a debit line */
                            credit: string;
                            currency: string;
                            reference: string;
                            document_type: string;
                            document_id: string;
                            customer_id: string;
                            product: string | null;
                            memo: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getJournalCsv: {
        parameters: {
            query: {
                /**
                 * @description an accounting month, YYYY-MM, in the finance settings' time zone
                 * @example 2026-10
                 */
                period: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/csv */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listJournalExports: {
        parameters: {
            query?: {
                /**
                 * @description an accounting month, YYYY-MM, in the finance settings' time zone
                 * @example 2026-10
                 */
                period?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            period: string;
                            timezone: string;
                            entry_count: number;
                            /** @description debits and credits per currency: equal in a balanced journal */
                            totals: {
                                currency: string;
                                /** @description an amount in the currency, as a decimal string */
                                debit: string;
                                /** @description an amount in the currency, as a decimal string */
                                credit: string;
                            }[];
                            digest: string;
                            /** @description false once the month's books have changed since the export */
                            up_to_date: boolean;
                            created_by: string;
                            created_at: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createJournalExport: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description an accounting month, YYYY-MM, in the finance settings' time zone
                     * @example 2026-10
                     */
                    period: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        period: string;
                        timezone: string;
                        entry_count: number;
                        /** @description debits and credits per currency: equal in a balanced journal */
                        totals: {
                            currency: string;
                            /** @description an amount in the currency, as a decimal string */
                            debit: string;
                            /** @description an amount in the currency, as a decimal string */
                            credit: string;
                        }[];
                        digest: string;
                        /** @description false once the month's books have changed since the export */
                        up_to_date: boolean;
                        created_by: string;
                        created_at: string;
                        lines: {
                            entry_id: string;
                            date: string;
                            account: string;
                            account_name: string;
                            /** @enum {string} */
                            account_role: "cash" | "accounts_receivable" | "unbilled_receivables" | "customer_credit_balance" | "tax_payable" | "deferred_revenue" | "revenue" | "breakage_revenue";
                            /** @description empty on a credit line */
                            debit: string;
                            /** @description empty on a debit line */
                            credit: string;
                            currency: string;
                            reference: string;
                            document_type: string;
                            document_id: string;
                            customer_id: string;
                            product: string | null;
                            memo: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getJournalExport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        period: string;
                        timezone: string;
                        entry_count: number;
                        /** @description debits and credits per currency: equal in a balanced journal */
                        totals: {
                            currency: string;
                            /** @description an amount in the currency, as a decimal string */
                            debit: string;
                            /** @description an amount in the currency, as a decimal string */
                            credit: string;
                        }[];
                        digest: string;
                        /** @description false once the month's books have changed since the export */
                        up_to_date: boolean;
                        created_by: string;
                        created_at: string;
                        lines: {
                            entry_id: string;
                            date: string;
                            account: string;
                            account_name: string;
                            /** @enum {string} */
                            account_role: "cash" | "accounts_receivable" | "unbilled_receivables" | "customer_credit_balance" | "tax_payable" | "deferred_revenue" | "revenue" | "breakage_revenue";
                            /** @description empty on a credit line */
                            debit: string;
                            /** @description empty on a debit line */
                            credit: string;
                            currency: string;
                            reference: string;
                            document_type: string;
                            document_id: string;
                            customer_id: string;
                            product: string | null;
                            memo: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getJournalExportCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/csv */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getCloseChecklist: {
        parameters: {
            query: {
                /**
                 * @description an accounting month, YYYY-MM, in the finance settings' time zone
                 * @example 2026-10
                 */
                period: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        period: string;
                        timezone: string;
                        /** @description a month can be closed once it has ended */
                        ended: boolean;
                        /** @description every item passes */
                        ready: boolean;
                        items: {
                            /** @description bill_runs_done, no_draft_past_grace, no_draft_in_grace, reconciliation_clean, exports_generated */
                            key: string;
                            title: string;
                            passed: boolean;
                            /** @description what is left to do, or why the item passes */
                            detail: string;
                        }[];
                        lock: {
                            id: string;
                            period: string;
                            timezone: string;
                            period_start: string;
                            period_end: string;
                            locked_at: string;
                            locked_by: string;
                            reason: string | null;
                            /** @description the checklist as it stood at the lock */
                            checklist: {
                                /** @description bill_runs_done, no_draft_past_grace, no_draft_in_grace, reconciliation_clean, exports_generated */
                                key: string;
                                title: string;
                                passed: boolean;
                                /** @description what is left to do, or why the item passes */
                                detail: string;
                            }[];
                        } | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listPeriodLocks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            id: string;
                            period: string;
                            timezone: string;
                            period_start: string;
                            period_end: string;
                            locked_at: string;
                            locked_by: string;
                            reason: string | null;
                            /** @description the checklist as it stood at the lock */
                            checklist: {
                                /** @description bill_runs_done, no_draft_past_grace, no_draft_in_grace, reconciliation_clean, exports_generated */
                                key: string;
                                title: string;
                                passed: boolean;
                                /** @description what is left to do, or why the item passes */
                                detail: string;
                            }[];
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    lockPeriod: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description an accounting month, YYYY-MM, in the finance settings' time zone
                     * @example 2026-10
                     */
                    period: string;
                    reason?: string;
                    /** @description lock although checklist items are open; give the reason */
                    override_checklist?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        period: string;
                        timezone: string;
                        period_start: string;
                        period_end: string;
                        locked_at: string;
                        locked_by: string;
                        reason: string | null;
                        /** @description the checklist as it stood at the lock */
                        checklist: {
                            /** @description bill_runs_done, no_draft_past_grace, no_draft_in_grace, reconciliation_clean, exports_generated */
                            key: string;
                            title: string;
                            passed: boolean;
                            /** @description what is left to do, or why the item passes */
                            detail: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    openDispute: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description dispute one line only */
                    invoice_line_id?: string;
                    /**
                     * @description what the customer disputes; the line's amount (or the invoice's total) when left out
                     * @example 49.00
                     */
                    amount?: string;
                    reason: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example bdp_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        customer_id: string;
                        invoice_id: string;
                        invoice_line_id: string | null;
                        currency: string;
                        amount: string;
                        reason: string;
                        /** @enum {string} */
                        status: "open" | "credited" | "rejected";
                        opened_at: string;
                        opened_by: string;
                        resolved_at: string | null;
                        resolved_by: string | null;
                        resolution_note: string | null;
                        credit_note_id: string | null;
                        hours_to_resolve: string | null;
                        notes: {
                            id: string;
                            body: string;
                            created_by: string;
                            created_at: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listDisputes: {
        parameters: {
            query?: {
                status?: "open" | "credited" | "rejected";
                customer_id?: string;
                invoice_id?: string;
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example bdp_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            customer_id: string;
                            invoice_id: string;
                            invoice_line_id: string | null;
                            currency: string;
                            amount: string;
                            reason: string;
                            /** @enum {string} */
                            status: "open" | "credited" | "rejected";
                            opened_at: string;
                            opened_by: string;
                            resolved_at: string | null;
                            resolved_by: string | null;
                            resolution_note: string | null;
                            credit_note_id: string | null;
                            hours_to_resolve: string | null;
                            notes: {
                                id: string;
                                body: string;
                                created_by: string;
                                created_at: string;
                            }[];
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getDispute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example bdp_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        customer_id: string;
                        invoice_id: string;
                        invoice_line_id: string | null;
                        currency: string;
                        amount: string;
                        reason: string;
                        /** @enum {string} */
                        status: "open" | "credited" | "rejected";
                        opened_at: string;
                        opened_by: string;
                        resolved_at: string | null;
                        resolved_by: string | null;
                        resolution_note: string | null;
                        credit_note_id: string | null;
                        hours_to_resolve: string | null;
                        notes: {
                            id: string;
                            body: string;
                            created_by: string;
                            created_at: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    addDisputeNote: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    body: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example bdp_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        customer_id: string;
                        invoice_id: string;
                        invoice_line_id: string | null;
                        currency: string;
                        amount: string;
                        reason: string;
                        /** @enum {string} */
                        status: "open" | "credited" | "rejected";
                        opened_at: string;
                        opened_by: string;
                        resolved_at: string | null;
                        resolved_by: string | null;
                        resolution_note: string | null;
                        credit_note_id: string | null;
                        hours_to_resolve: string | null;
                        notes: {
                            id: string;
                            body: string;
                            created_by: string;
                            created_at: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    resolveDispute: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description credit_note: issue a credit note for the customer; rejected: the charge stands
                     * @enum {string}
                     */
                    resolution: "credit_note" | "rejected";
                    note?: string;
                    credit_note?: {
                        /**
                         * @description billing_error when left out
                         * @enum {string}
                         */
                        reason?: "duplicate" | "fraudulent" | "order_change" | "product_unsatisfactory" | "billing_error" | "other";
                        /**
                         * @description how much to credit (before tax); the disputed amount when left out
                         * @example 49.00
                         */
                        amount?: string;
                    };
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example bdp_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        customer_id: string;
                        invoice_id: string;
                        invoice_line_id: string | null;
                        currency: string;
                        amount: string;
                        reason: string;
                        /** @enum {string} */
                        status: "open" | "credited" | "rejected";
                        opened_at: string;
                        opened_by: string;
                        resolved_at: string | null;
                        resolved_by: string | null;
                        resolution_note: string | null;
                        credit_note_id: string | null;
                        hours_to_resolve: string | null;
                        notes: {
                            id: string;
                            body: string;
                            created_by: string;
                            created_at: string;
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getKpis: {
        parameters: {
            query?: {
                /**
                 * @description first month; eleven months before `to` when left out
                 * @example 2026-10
                 */
                from?: string;
                /**
                 * @description last month; the month before the current one when left out
                 * @example 2026-10
                 */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        from: string;
                        to: string;
                        timezone: string;
                        generated_at: string;
                        /** @description per month and currency: starting + new + expansion + contraction + churn + reactivation = mrr */
                        mrr: {
                            period: string;
                            currency: string;
                            /** @description monthly recurring revenue at the end of the month */
                            mrr: string;
                            /** @description MRR × 12 */
                            arr: string;
                            /** @description customers with MRR */
                            customers: number;
                            /** @description an amount in the currency, as a decimal string */
                            starting_mrr: string;
                            /** @description an amount in the currency, as a decimal string */
                            new: string;
                            /** @description an amount in the currency, as a decimal string */
                            expansion: string;
                            /** @description negative */
                            contraction: string;
                            /** @description negative */
                            churn: string;
                            /** @description an amount in the currency, as a decimal string */
                            reactivation: string;
                        }[];
                        net_revenue_retention: {
                            currency: string;
                            /** @description the month whose customers are followed (the one before `from`) */
                            cohort_period: string;
                            /** @description an amount in the currency, as a decimal string */
                            starting_mrr: string;
                            /** @description their MRR at the end of `to`, expansion included */
                            retained_mrr: string;
                            percent: string | null;
                        }[];
                        dso: {
                            period: string;
                            currency: string;
                            /** @description owed at the end of the month */
                            receivable: string;
                            /** @description invoiced during the month */
                            invoiced: string;
                            days: string | null;
                        }[];
                        billing_failure_rate: {
                            /** @description automatic charges of subscription invoices in the range */
                            payment_attempts: number;
                            failed_attempts: number;
                            attempt_failure_percent: string | null;
                            invoices_charged: number;
                            invoices_first_attempt_failed: number;
                            invoice_failure_percent: string | null;
                            bill_run_customers: number;
                            bill_run_customer_errors: number;
                            bill_run_error_percent: string | null;
                        };
                        disputes: {
                            opened: number;
                            resolved: number;
                            open_now: number;
                            median_hours_to_resolve: string | null;
                            average_hours_to_resolve: string | null;
                            /** @description disputes the payment provider reported */
                            chargebacks: number;
                            chargeback_amounts: {
                                currency: string;
                                /** @description an amount in the currency, as a decimal string */
                                amount: string;
                            }[];
                        };
                        leakage: {
                            events_ingested: number;
                            leaking_events: number;
                            per_thousand_events: string;
                            amounts: {
                                currency: string;
                                /** @description an amount in the currency, as a decimal string */
                                amount: string;
                            }[];
                            amounts_per_thousand_events: {
                                currency: string;
                                /** @description an amount in the currency, as a decimal string */
                                amount: string;
                            }[];
                        };
                        forecast: {
                            /** @description the month after `to` */
                            period: string;
                            customers: {
                                customer_id: string;
                                currency: string;
                                period: string;
                                /** @description an amount in the currency, as a decimal string */
                                recurring: string;
                                usage: {
                                    meter: string;
                                    charge_id: string;
                                    history: {
                                        period: string;
                                        quantity: string;
                                    }[];
                                    forecast_quantity: string;
                                    forecast_amount: string | null;
                                }[];
                                /** @description an amount in the currency, as a decimal string */
                                total: string;
                                method: string;
                            }[];
                        };
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listCustomerAlerts: {
        parameters: {
            query?: {
                kind?: "spend" | "usage" | "credit_balance";
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AlertRule"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createAlert: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description spend: the current billing period's cost so far reaches the threshold; usage: a meter's quantity in the current billing period reaches it; credit_balance: the credits usable now fall below it
                     * @enum {string}
                     */
                    kind: "spend" | "usage" | "credit_balance";
                    /**
                     * @description more than 0: money in the rule's currency (spend, credit_balance, no more digits than the currency has) or a quantity of the meter (usage)
                     * @example 49.00
                     */
                    threshold: string;
                    /** @description spend and credit_balance: the money the threshold is in; the subscription's currency, else the customer's, when left out */
                    currency?: string;
                    /** @description usage: the code of the meter to count */
                    meter?: string;
                    /** @description spend and usage: watch this subscription of the customer only; when left out, the subscription whose current period ends first (spend: every subscription on that upcoming invoice) */
                    subscription_id?: string;
                    /** @description a label of your own */
                    name?: string;
                    /** @description also email the customer when the alert fires; default true */
                    email_customer?: boolean;
                    /** @description default true */
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRule"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getAlert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                alert_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRule"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    deleteAlert: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
                alert_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRule"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateAlert: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
                alert_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description more than 0: money in the rule's currency (spend, credit_balance, no more digits than the currency has) or a quantity of the meter (usage)
                     * @example 49.00
                     */
                    threshold?: string;
                    name?: string | null;
                    email_customer?: boolean;
                    enabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRule"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listAlerts: {
        parameters: {
            query?: {
                customer_id?: string;
                kind?: "spend" | "usage" | "credit_balance";
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AlertRule"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listAlertTriggers: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AlertTrigger"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createPortalLink: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description how long the link works, in seconds: 60 to 604800 (7 days); default 3600 */
                    expires_in_seconds?: number;
                    /** @description an http(s) address of your app that the portal's back link goes to */
                    return_url?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the portal page, with the token in its fragment (#token=…) */
                        url: string;
                        /** @description the token alone, for "Authorization: Portal <token>" on /v1/portal */
                        token: string;
                        customer_id: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        expires_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    rotatePortalSecret: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        rotated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getPortalProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        customer_id: string;
                        name: string | null;
                        email: string | null;
                        currency: string | null;
                        locale: string;
                        timezone: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getPortalUsage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        at: string;
                        meters: {
                            /** @description the meter's code */
                            meter: string;
                            name: string;
                            aggregation: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            period_start: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            period_end: string;
                            /** @description the quantity billed so far this period, exact */
                            quantity: string;
                            /** @description the decimals the meter shows a customer: the quantity is displayed rounded to them */
                            display_decimals: number;
                            /** @description what that quantity costs so far, before discounts and tax */
                            amount: string;
                            currency: string;
                            /** @description the meter's value per day of the customer's time zone, from the period start to now */
                            days: {
                                /**
                                 * Format: date-time
                                 * @example 2026-02-15T00:00:00Z
                                 */
                                start: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-02-15T00:00:00Z
                                 */
                                end: string;
                                /**
                                 * @description a decimal number written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                value: string;
                            }[];
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getPortalUpcomingInvoice: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        at: string;
                        cost_to_date: string | null;
                        currency: string | null;
                        invoice: {
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            issued_at: string;
                            currency: string;
                            subscription_ids: string[];
                            lines: {
                                subscription_id: string | null;
                                plan_id: string | null;
                                plan_version_id: string | null;
                                charge_id: string | null;
                                /** @description fixed, usage, proration_credit, minimum_true_up, progressive_billing_credit or one_off */
                                kind: string;
                                description: string;
                                period_start: string | null;
                                period_end: string | null;
                                quantity: string;
                                unit_amount: string | null;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                                /** @description the line's explanation: plan and price version, meter, aggregation, event count, tier breakdown, proration; a dimensional charge's combination (dimensions) and priced_by default when no listed price covers it */
                                details: {
                                    [key: string]: unknown;
                                };
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            subtotal: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            discount: string;
                            discounts: {
                                redemption_id: string;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            credits: string;
                            credits_applied: {
                                grant_id: string;
                                /**
                                 * @description a decimal amount in the currency's minor unit
                                 * @example 49.00
                                 */
                                amount: string;
                            }[];
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            tax: string;
                            tax_details: {
                                percent: string;
                                inclusive: boolean;
                                reverse_charge: boolean;
                                components: {
                                    name: string;
                                    percent: string;
                                    jurisdiction: string;
                                }[];
                                exemption_reason: string | null;
                                note: string | null;
                            } | null;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            total: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            balance_applied: string;
                            /**
                             * @description a decimal amount in the currency's minor unit
                             * @example 49.00
                             */
                            amount_due: string;
                        } | null;
                        forecast: {
                            /** @enum {string} */
                            method: "linear";
                            description: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            period_start: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            period_end: string;
                            usage_to_date: string;
                            usage_forecast: string;
                            subtotal_to_date: string;
                            subtotal_forecast: string;
                        } | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getPortalCreditBalances: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        at: string;
                        data: {
                            currency: string;
                            /**
                             * @description usable now: effective, not expired, not voided
                             * @example 49.00
                             */
                            available: string;
                            /**
                             * @description in grants that become effective later
                             * @example 49.00
                             */
                            scheduled: string;
                            /**
                             * @description the sum of the ledger; more than available while an expiry is not yet written
                             * @example 49.00
                             */
                            ledger_balance: string;
                            /** @description every grant with something left */
                            grants: {
                                grant_id: string;
                                name: string;
                                /** @enum {string} */
                                type: "promotional" | "purchased";
                                wallet_id: string | null;
                                priority: number;
                                /**
                                 * @description a decimal number written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                amount: string;
                                /**
                                 * @description a decimal number written as a string, such as "49.00"
                                 * @example 49.00
                                 */
                                remaining: string;
                                /**
                                 * Format: date-time
                                 * @example 2026-02-15T00:00:00Z
                                 */
                                effective_at: string;
                                expires_at: string | null;
                                /** @enum {string} */
                                status: "active" | "scheduled" | "used" | "expired" | "voided";
                            }[];
                        }[];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listPortalInvoices: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Invoice"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getPortalInvoicePdf: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description application/pdf */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": string;
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listPortalSpendAlerts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["AlertRule"][];
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createPortalSpendAlert: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description more than 0, in the customer's currency: the period's spend that fires the alert
                     * @example 49.00
                     */
                    threshold: string;
                    name?: string;
                    /** @description email the customer when it fires; default true */
                    email_customer?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRule"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    deletePortalSpendAlert: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRule"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    signIn: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example ada@example.com */
                    email: string;
                    /** @description at least 12 characters */
                    password: string;
                    /** @description the 6-digit code of the authenticator app */
                    totp_code?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        me: components["schemas"]["Me"];
                        /** @description send it in the X-CSRF-Token header with every write made with the session cookie */
                        csrf_token: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        expires_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    requestPasswordReset: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example ada@example.com */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: boolean;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    resetPassword: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the token of the link that was sent */
                    token: string;
                    /** @description at least 12 characters */
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: boolean;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    verifyEmail: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the token of the link that was sent */
                    token: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: boolean;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    acceptInvitation: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the token of the link that was sent */
                    token: string;
                    /** @description at least 12 characters */
                    password: string;
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: boolean;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createFirstAdmin: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the token of the link that was sent */
                    token: string;
                    /** @example ada@example.com */
                    email: string;
                    name: string;
                    /** @description at least 12 characters */
                    password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: boolean;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    signOut: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        signed_out: boolean;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    changePassword: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description at least 12 characters */
                    current_password: string;
                    /** @description at least 12 characters */
                    new_password: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    sendEmailVerification: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accepted: boolean;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    beginSecondFactorEnrolment: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description base32, for typing into an authenticator app */
                        secret: string;
                        /** @description the same secret as an otpauth:// URI, for a QR code */
                        otpauth_uri: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    confirmSecondFactor: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the 6-digit code of the authenticator app */
                    code: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    removeSecondFactor: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description at least 12 characters */
                    password: string;
                    /** @description the 6-digit code of the authenticator app */
                    code: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listSessions: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: {
                            /** @example ses_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                            id: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            created_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            last_seen_at: string;
                            /**
                             * Format: date-time
                             * @example 2026-02-15T00:00:00Z
                             */
                            expires_at: string;
                            user_agent: string | null;
                            ip_address: string | null;
                            /** @description the session of this request */
                            current: boolean;
                        }[];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    revokeSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example ses_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        last_seen_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        expires_at: string;
                        user_agent: string | null;
                        ip_address: string | null;
                        /** @description the session of this request */
                        current: boolean;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listUsers: {
        parameters: {
            query?: {
                kind?: "person" | "service_account";
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["User"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateUser: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    role?: ("admin" | "billing_ops" | "finance" | "viewer" | "ingest") | null;
                    /** @description a disabled person cannot sign in; their sessions end */
                    disabled?: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createServiceAccount: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * @description the role of the service account in this environment
                     * @enum {string}
                     */
                    role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["User"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createServiceAccountApiKey: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /**
                     * @description what the person may do in this environment
                     * @enum {string}
                     */
                    role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
                    /**
                     * Format: date-time
                     * @example 2026-02-15T00:00:00Z
                     */
                    expires_at?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        api_key: {
                            id: string;
                            name: string;
                            role: string;
                            user_id: string;
                        } & {
                            [key: string]: unknown;
                        };
                        /** @description the key itself; shown only in this response */
                        secret: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    listInvitations: {
        parameters: {
            query?: {
                /** @description page size, 1 to 100 */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        data: components["schemas"]["Invitation"][];
                        /** @description pass as cursor to get the next page */
                        next_cursor: string | null;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    createInvitation: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @example ada@example.com */
                    email: string;
                    name: string;
                    /**
                     * @description what the person may do in this environment
                     * @enum {string}
                     */
                    role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
                };
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    revokeInvitation: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Invitation"];
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getSignInSettings: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description every person must sign in with a TOTP code */
                        require_second_factor: boolean;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    updateSignInSettings: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    require_second_factor: boolean;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description every person must sign in with a TOTP code */
                        require_second_factor: boolean;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    getSsoConnection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example sso_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        issuer: string;
                        client_id: string;
                        /** @description the secret's last four characters */
                        client_secret_hint: string;
                        email_domains: string[];
                        scopes: string[];
                        role_claim: string;
                        role_mappings: {
                            /** @description a value of the role claim */
                            claim_value: string;
                            /** @enum {string} */
                            environment: "test" | "live";
                            /** @enum {string} */
                            role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
                        }[];
                        /** @description the redirect URI to register with the provider for this client */
                        redirect_uri: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    saveSsoConnection: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description the provider's issuer URL, whose /.well-known/openid-configuration Fairbill reads (https; http only on this machine) */
                    issuer: string;
                    client_id: string;
                    /** @description required when the organization has no connection yet; kept when left out */
                    client_secret?: string;
                    /** @description sign-in with an address of these domains goes to this provider */
                    email_domains: string[];
                    /** @description what to ask the provider for; openid, email and profile when left out (add "groups" where it needs it) */
                    scopes?: string[];
                    /** @description the claim that holds a person's groups or roles, a dotted path for a nested one; "groups" when left out */
                    role_claim?: string;
                    /** @description which value of the role claim gives which role in which environment; the first that matches wins in each environment */
                    role_mappings: {
                        /** @description a value of the role claim */
                        claim_value: string;
                        /** @enum {string} */
                        environment: "test" | "live";
                        /** @enum {string} */
                        role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
                    }[];
                    /** @description why you make this change; kept in the audit log (the Fairbill-Reason header works too) */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example sso_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        issuer: string;
                        client_id: string;
                        /** @description the secret's last four characters */
                        client_secret_hint: string;
                        email_domains: string[];
                        scopes: string[];
                        role_claim: string;
                        role_mappings: {
                            /** @description a value of the role claim */
                            claim_value: string;
                            /** @enum {string} */
                            environment: "test" | "live";
                            /** @enum {string} */
                            role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
                        }[];
                        /** @description the redirect URI to register with the provider for this client */
                        redirect_uri: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
            422: components["responses"]["Problem"];
        };
    };
    deleteSsoConnection: {
        parameters: {
            query?: never;
            header?: {
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example sso_01JDQ9ZK4M8T2V6XQ3R7B5N1HC */
                        id: string;
                        issuer: string;
                        client_id: string;
                        /** @description the secret's last four characters */
                        client_secret_hint: string;
                        email_domains: string[];
                        scopes: string[];
                        role_claim: string;
                        role_mappings: {
                            /** @description a value of the role claim */
                            claim_value: string;
                            /** @enum {string} */
                            environment: "test" | "live";
                            /** @enum {string} */
                            role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
                        }[];
                        /** @description the redirect URI to register with the provider for this client */
                        redirect_uri: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        created_at: string;
                        /**
                         * Format: date-time
                         * @example 2026-02-15T00:00:00Z
                         */
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            409: components["responses"]["Problem"];
        };
    };
    startSsoSignIn: {
        parameters: {
            query?: never;
            header?: {
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email: string;
                    /** @description the console's path to open once signed in; / when left out */
                    return_to?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description where to send the browser: the provider's sign-in page */
                        authorization_url: string;
                    };
                };
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            502: components["responses"]["Problem"];
        };
    };
    finishSsoSignIn: {
        parameters: {
            query: {
                state: string;
                code?: string;
                iss?: string;
                session_state?: string;
                error?: string;
                error_description?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a redirect to the console */
            303: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problem"];
            401: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
            502: components["responses"]["Problem"];
        };
    };
    receiveStripeWebhook: {
        parameters: {
            query?: never;
            header?: {
                "stripe-signature"?: string;
                /** @description a key of yours: a repeat of the request with the same key returns the first response */
                "idempotency-key"?: string;
                /** @description why you make this change; kept in the audit log */
                "fairbill-reason"?: string;
            };
            path: {
                environment_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id: string;
                    type: string;
                    data: {
                        object: {
                            [key: string]: unknown;
                        };
                    } & {
                        [key: string]: unknown;
                    };
                } & {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        received: boolean;
                        event_id: string;
                        /**
                         * @description ignored: an event type or object Fairbill does not act on
                         * @enum {string}
                         */
                        outcome: "processed" | "duplicate" | "ignored";
                    };
                };
            };
            400: components["responses"]["Problem"];
            403: components["responses"]["Problem"];
            404: components["responses"]["Problem"];
        };
    };
    getConsoleSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        api_key_id: string;
                        /** @enum {string} */
                        role: "admin" | "billing_ops" | "finance" | "viewer" | "ingest";
                        /** @enum {string} */
                        environment: "test" | "live";
                        /** @description every permission the key's role grants */
                        permissions: ("keys:manage" | "people:manage" | "settings:manage" | "webhooks:manage" | "customers:read" | "customers:write" | "events:read" | "events:write" | "events:manage" | "meters:read" | "meters:write" | "catalog:read" | "catalog:write" | "catalog:approve" | "billing:read" | "billing:write" | "finance:read" | "finance:write" | "audit:read" | "simulations:run")[];
                    };
                };
            };
            401: components["responses"]["Problem"];
        };
    };
    webhook_customer_created: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "customer.created";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Customer"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_customer_updated: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "customer.updated";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Customer"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_subscription_created: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "subscription.created";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Subscription"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_subscription_updated: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "subscription.updated";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Subscription"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_subscription_canceled: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "subscription.canceled";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Subscription"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_subscription_paused: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "subscription.paused";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Subscription"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_subscription_resumed: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "subscription.resumed";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Subscription"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_invoice_created: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "invoice.created";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Invoice"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_invoice_finalized: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "invoice.finalized";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Invoice"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_invoice_voided: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "invoice.voided";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Invoice"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_credit_note_created: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "credit_note.created";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["CreditNote"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_invoice_hold_created: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "invoice_hold.created";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["InvoiceHold"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_invoice_hold_released: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "invoice_hold.released";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["InvoiceHold"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_invoice_hold_discarded: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "invoice_hold.discarded";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["InvoiceHold"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_payment_succeeded: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "payment.succeeded";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Payment"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_payment_failed: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "payment.failed";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Payment"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_payment_refunded: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "payment.refunded";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["PaymentRefunded"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_invoice_paid: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "invoice.paid";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Invoice"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_invoice_payment_failed: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "invoice.payment_failed";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["InvoicePaymentFailed"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_credit_granted: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "credit.granted";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["CreditGrant"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_alert_triggered: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "alert.triggered";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["AlertTriggerWithRule"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_usage_threshold_reached: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "usage.threshold_reached";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["AlertTriggerWithRule"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_credit_balance_low: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "credit.balance_low";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["AlertTriggerWithRule"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_backtest_created: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "backtest.created";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Backtest"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_backtest_completed: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "backtest.completed";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Backtest"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_backtest_failed: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "backtest.failed";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Backtest"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_backtest_canceled: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "backtest.canceled";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Backtest"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_test_matrix_updated: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "test_matrix.updated";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["TestMatrix"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_test_matrix_run_recorded: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "test_matrix.run_recorded";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["TestMatrixRun"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_rollout_created: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "rollout.created";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Rollout"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_rollout_stage_started: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "rollout.stage_started";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Rollout"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_rollout_stage_cleared: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "rollout.stage_cleared";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Rollout"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_rollout_completed: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "rollout.completed";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Rollout"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_rollout_rolled_back: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "rollout.rolled_back";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Rollout"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_experiment_created: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "experiment.created";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Experiment"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_experiment_assigned: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "experiment.assigned";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Experiment"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_experiment_promoted: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "experiment.promoted";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Experiment"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_experiment_stopped: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "experiment.stopped";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["Experiment"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_approval_request_created: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "approval_request.created";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["ApprovalRequest"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_approval_request_approved: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "approval_request.approved";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["ApprovalRequest"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    webhook_approval_request_rejected: {
        parameters: {
            query?: never;
            header: {
                /** @description the event's id: the same on every attempt, for receivers to skip a repeat */
                "webhook-id": string;
                /** @description when this attempt was signed, in Unix seconds; refuse one far from your clock */
                "webhook-timestamp": string;
                /** @description Standard Webhooks signatures (v1,<base64 HMAC-SHA256 of id.timestamp.body>) with the endpoint's whsec_ secret, space-separated; two while a rotated secret is still honoured */
                "webhook-signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description the event's id, the same as the webhook-id header and on every attempt
                     * @example wev_01JDQ9ZK4M8T2V6XQ3R7B5N1HC
                     */
                    id: string;
                    /** @constant */
                    type: "approval_request.rejected";
                    /**
                     * Format: date-time
                     * @description when the change happened
                     */
                    timestamp: string;
                    data: components["schemas"]["ApprovalRequest"];
                };
            };
        };
        responses: {
            /** @description Received. Any other answer, or none within 15 seconds, is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; a receiver may get an event more than once and should skip an id it has seen. */
            "2XX": {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
