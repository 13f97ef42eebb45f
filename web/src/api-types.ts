/**
 * GENERATED from vtrguard's OpenAPI document by openapi-typescript: do not edit. After an API change run
 * `npm run api-types` (test/api-types.test.ts fails until this file matches the API).
 */
export interface paths {
    "/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the server and its database answer */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** VTR (overall, per category, per carrier), LSR, CR and OTDR; one object with ?marketplace, else an array */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/defects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Defect packages (VTR, OTDR, SFP VTR and OTDR) or orders (LSR, CR, SFP on-time shipment and cancels) with their reasons; paged JSON, or the whole list with ?format=csv */
        get: operations["getDefects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/forecast": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** VTR per category on each of the next 14 days, when defects leave the window, packages needed to recover */
        get: operations["getForecast"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Amazon's GET_V2_SELLER_PERFORMANCE_REPORT JSON in the body; its figures beside ours with the difference */
        post: operations["postReconcile"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/marketplaces": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The seller's marketplaces, with each one's time zone and today's local date */
        get: operations["getMarketplaces"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/trend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** VTR per day of the last N days (each day: its 30-day window), overall and per category */
        get: operations["getTrend"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scorecard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per carrier: VTR, median hours from confirmation to first scan, on-time delivery */
        get: operations["getScorecard"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/watch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Packages still waiting for their first carrier scan
         * @description `hours` overrides the threshold for every carrier (default 24, configurable per carrier). `marketplace` narrows the list to one marketplace; with it, `asOf` (a past local day there) lists the packages that were waiting at the end of that day.
         */
        get: operations["getWatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Validate tracking numbers against carrier formats and check digits */
        post: operations["postValidate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/track": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Poll the carrier APIs once for this seller's packages that still need a scan or a delivery */
        post: operations["postTrack"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a file: shipments CSV, events JSONL, Amazon All Orders report or shipping confirmations
         * @description Send the file as the request body (e.g. `curl --data-binary @file`), or as the one file part of a `multipart/form-data` body (a browser form, `curl -F file=@file`; the part's file name then names it unless `fileName` is given). Gzip-compressed or not. The format is sniffed from the first line unless `format` is given. All or nothing: a bad row answers IMPORT_BAD_ROW with its line and column and keeps nothing, unless `skipInvalid` is set, which imports the good rows and returns the rejected ones. Importing the same content again changes nothing.
         */
        post: operations["postImports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/sku-categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the seller's SKU → product category list (CSV sku,category); it wins over the catalog — vtrguard amazon categories
         * @description Send the file as the request body (e.g. `curl --data-binary @file`), or as the one file part of a `multipart/form-data` body (a browser form, `curl -F file=@file`; the part's file name then names it unless `fileName` is given). All or nothing: a bad row answers IMPORT_BAD_ROW with its line and field and changes nothing.
         */
        post: operations["postImportsSkuCategories"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Current alerts, worst first */
        get: operations["getAlerts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/evaluate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Evaluate the rules now and send what changed */
        post: operations["postAlertsEvaluate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Alert rules and their parameters for this seller */
        get: operations["getAlertsRules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/rules/{ruleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Enable, disable or tune a rule */
        patch: operations["patchAlertsRulesByRuleId"];
        trace?: never;
    };
    "/v1/alerts/channels": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Where alerts are sent */
        get: operations["getAlertsChannels"];
        put?: never;
        /**
         * Add a webhook, Slack or e-mail channel
         * @description webhook: {kind, url, secret} — bodies are signed with HMAC-SHA256 in `x-vtrguard-signature: sha256=<hex>`. slack: {kind, url}. email: {kind, smtpUrl, from, to: [addresses]}.
         */
        post: operations["postAlertsChannels"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/alerts/channels/{channelId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change a channel; a secret field left out (url, secret, smtpUrl) keeps the stored one, which is never shown */
        put: operations["putAlertsChannelsByChannelId"];
        post?: never;
        /** Remove a channel */
        delete: operations["deleteAlertsChannelsByChannelId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{provider}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a tracking webhook from an aggregator
         * @description Providers: aftership, easypost, shippo, 17track. The signature is checked on the raw body before anything is parsed; the answer is 200 only after the events are stored. Re-deliveries are harmless. See docs/tracking.md.
         */
        post: operations["postWebhooksByProvider"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/amazon/connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Connect the seller to the SP-API: credentials are tried, then stored encrypted; never returned — vtrguard amazon connect */
        post: operations["postAmazonConnection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/amazon/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Connected marketplaces, last sync and its lag, held and refused confirmations, packages that differ, Amazon's latest report — vtrguard amazon status */
        get: operations["getAmazonStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/amazon/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Read the seller's merchant-fulfilled orders since the last run now — vtrguard amazon sync */
        post: operations["postAmazonSync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/amazon/hold-policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Hold confirmations until the first carrier scan, never past the latest ship date minus the margin — vtrguard amazon hold */
        put: operations["putAmazonHoldPolicy"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/amazon/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Fetch Amazon's seller performance report now and reconcile it (takes minutes while Amazon builds it) — vtrguard amazon report */
        post: operations["postAmazonReports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/confirmations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Confirmations in one state (held by default), oldest first */
        get: operations["getConfirmations"];
        put?: never;
        /**
         * Confirm packages to Amazon through the gateway: a VTR defect is refused with its fix and never sent — vtrguard confirm
         * @description One confirmShipment call per package answers 200 with each outcome. By the feed the answer is 202 as soon as Amazon has the feed: its packages are `sending`; follow GET /v1/amazon/feeds/{feedId} (or GET /v1/confirmations?state=sending) until the feed has `finishedAt`, each package then sent, partial or failed. Sending the same confirmation again (a retry) is safe: one the gateway is holding, sending or has sent is answered with its outcome (and its open feed), not sent twice. State `sending` from a single call with a reason: Amazon took the package and the next orders sync records it.
         */
        post: operations["postConfirmations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/amazon/feeds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest confirmation feeds, newest first (those without finishedAt Amazon still processes) — vtrguard amazon feeds */
        get: operations["getAmazonFeeds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/amazon/feeds/{feedId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One confirmation feed and its packages' outcomes: follow it after POST /v1/confirmations answered 202 */
        get: operations["getAmazonFeedsByFeedId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/confirmations/{confirmationId}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a held confirmation now — vtrguard amazon release */
        post: operations["postConfirmationsByConfirmationIdRelease"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/attention": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What needs attention now in every marketplace: flagged metrics (live and amazon view), defects by the day they enter Amazon's figures, packages and orders about to become defects */
        get: operations["getAttention"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who this key is: the seller it acts for, and the operator of an operator (3PL) key (null for a seller's own key) */
        get: operations["getSession"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/operator/sellers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every seller of the operator key: its worst metric, defects in today's windows and held confirmations, worst first. Act for one with the x-vtrguard-seller header */
        get: operations["getOperatorSellers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the seller's carrier API credentials and Amazon connection are set, and when each last changed; never the credentials */
        get: operations["getCredentials"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credentials/carriers/{carrier}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set the seller's own API account of a carrier (stored encrypted with VTRGUARD_SECRET_KEY, never returned); it wins over the environment's */
        put: operations["putCredentialsCarriersByCarrier"];
        post?: never;
        /** Forget the seller's stored account of a carrier (the environment's applies again, if any) */
        delete: operations["deleteCredentialsCarriersByCarrier"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credentials/amazon": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Enter or replace the seller's SP-API app credentials: tried against Amazon first, then stored encrypted; never returned — vtrguard amazon connect */
        put: operations["putCredentialsAmazon"];
        post?: never;
        /** Forget the seller's Amazon credentials (what was synced stays; connecting again resumes) */
        delete: operations["deleteCredentialsAmazon"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/credentials/amazon/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Try the seller's stored Amazon credentials now (an LWA token and the marketplace list) and say whether Amazon accepts them */
        post: operations["postCredentialsAmazonTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** ErrorResponse */
        "def-0": {
            error: {
                /** @enum {string} */
                code: "BAD_REQUEST" | "VALIDATION_FAILED" | "UNAUTHORIZED" | "FORBIDDEN" | "LOCAL_ACCESS_REFUSED" | "NOT_FOUND" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "IMPORT_BAD_ROW" | "IMPORT_BAD_HEADER" | "IMPORT_UNKNOWN_FORMAT" | "IMPORT_UNREADABLE" | "FILE_NOT_FOUND" | "DB_UNREACHABLE" | "DB_BUSY" | "CONFIG_INVALID" | "CARRIER_AUTH_FAILED" | "CARRIER_UNAVAILABLE" | "CARRIER_BAD_RESPONSE" | "CARRIER_NOT_CONFIGURED" | "AMAZON_NOT_CONNECTED" | "AMAZON_AUTH_FAILED" | "AMAZON_UNAVAILABLE" | "AMAZON_REJECTED" | "AMAZON_BAD_RESPONSE" | "CONFIRMATION_REFUSED" | "WEBHOOK_UNKNOWN_PROVIDER" | "WEBHOOK_BAD_SIGNATURE" | "WEBHOOK_UNKNOWN_SELLER" | "WEBHOOK_BAD_PAYLOAD" | "WEBHOOK_WRITER_RESTARTING" | "ALERT_TARGET_INTERNAL" | "INTERNAL";
                message: string;
                details?: {
                    [key: string]: unknown;
                };
            };
        };
    };
    responses: never;
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
                        /** @enum {string} */
                        status: "ok";
                        /** @enum {string} */
                        database: "sqlite" | "postgres";
                        /** Format: date-time */
                        time: string;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: {
                /** @description marketplace code, e.g. US (default: every marketplace) */
                marketplace?: string;
                /** @description local day YYYY-MM-DD (default: today in the marketplace zone) */
                asOf?: string;
                /** @description live: windows end on as-of (what Amazon will show); amazon: VTR lagged as Seller Central shows it today (default 14 days) */
                view?: "live" | "amazon";
                recompute?: boolean;
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
                    "application/json": ({
                        /** @description local day YYYY-MM-DD */
                        asOf: string;
                        marketplace: string;
                        /** @enum {string} */
                        source: "rollups" | "raw";
                        /** @enum {string} */
                        view: "live" | "amazon";
                        vtr: {
                            window: {
                                /** @description local day YYYY-MM-DD */
                                from: string;
                                /** @description local day YYYY-MM-DD */
                                to: string;
                            };
                            target: number;
                            /** @enum {string} */
                            attribution: "promised_delivery" | "ship_confirm";
                            lagDays: number;
                            overall: {
                                valid: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                            };
                            /** @description The 7 days ending where the 30-day window ends, overall */
                            d7: {
                                valid: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                            };
                            byCategory: {
                                category: string;
                                valid: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                                neededToRecover: number;
                            }[];
                            byCarrier: {
                                carrier: string;
                                valid: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                            }[];
                        };
                        lsr: {
                            target: number;
                            d10: {
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                                late: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                            };
                            d30: {
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                                late: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                            };
                        };
                        cr: {
                            window: {
                                /** @description local day YYYY-MM-DD */
                                from: string;
                                /** @description local day YYYY-MM-DD */
                                to: string;
                            };
                            target: number;
                            cancelled: number;
                            total: number;
                            rate: number | null;
                            /** @enum {string} */
                            status: "good" | "bad" | "at_risk" | "none";
                        };
                        otdr: {
                            window: {
                                /** @description local day YYYY-MM-DD */
                                from: string;
                                /** @description local day YYYY-MM-DD */
                                to: string;
                            };
                            target: number;
                            /** @enum {string} */
                            unit: "package" | "unit";
                            onTime: number;
                            total: number;
                            rate: number | null;
                            /** @enum {string} */
                            status: "good" | "bad" | "at_risk" | "none";
                        };
                        /** @description Seller Fulfilled Prime; null when no Prime order falls in any of its windows */
                        sfp: {
                            onTimeShipment: {
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                                target: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                                onTime: number;
                            };
                            cancelRate: {
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                                target: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                                cancelled: number;
                            };
                            otdr: {
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                                target: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                                onTime: number;
                            };
                            /** @description Prime packages' VTR: VTR's rules, 30-day window, attribution and lag, overall */
                            vtr: {
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                                target: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                                valid: number;
                            };
                        } | null;
                    } | null) | {
                        /** @description local day YYYY-MM-DD */
                        asOf: string;
                        marketplace: string;
                        /** @enum {string} */
                        source: "rollups" | "raw";
                        /** @enum {string} */
                        view: "live" | "amazon";
                        vtr: {
                            window: {
                                /** @description local day YYYY-MM-DD */
                                from: string;
                                /** @description local day YYYY-MM-DD */
                                to: string;
                            };
                            target: number;
                            /** @enum {string} */
                            attribution: "promised_delivery" | "ship_confirm";
                            lagDays: number;
                            overall: {
                                valid: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                            };
                            /** @description The 7 days ending where the 30-day window ends, overall */
                            d7: {
                                valid: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                            };
                            byCategory: {
                                category: string;
                                valid: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                                neededToRecover: number;
                            }[];
                            byCarrier: {
                                carrier: string;
                                valid: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                            }[];
                        };
                        lsr: {
                            target: number;
                            d10: {
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                                late: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                            };
                            d30: {
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                                late: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                            };
                        };
                        cr: {
                            window: {
                                /** @description local day YYYY-MM-DD */
                                from: string;
                                /** @description local day YYYY-MM-DD */
                                to: string;
                            };
                            target: number;
                            cancelled: number;
                            total: number;
                            rate: number | null;
                            /** @enum {string} */
                            status: "good" | "bad" | "at_risk" | "none";
                        };
                        otdr: {
                            window: {
                                /** @description local day YYYY-MM-DD */
                                from: string;
                                /** @description local day YYYY-MM-DD */
                                to: string;
                            };
                            target: number;
                            /** @enum {string} */
                            unit: "package" | "unit";
                            onTime: number;
                            total: number;
                            rate: number | null;
                            /** @enum {string} */
                            status: "good" | "bad" | "at_risk" | "none";
                        };
                        /** @description Seller Fulfilled Prime; null when no Prime order falls in any of its windows */
                        sfp: {
                            onTimeShipment: {
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                                target: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                                onTime: number;
                            };
                            cancelRate: {
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                                target: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                                cancelled: number;
                            };
                            otdr: {
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                                target: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                                onTime: number;
                            };
                            /** @description Prime packages' VTR: VTR's rules, 30-day window, attribution and lag, overall */
                            vtr: {
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                                target: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                                valid: number;
                            };
                        } | null;
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getDefects: {
        parameters: {
            query: {
                /** @description marketplace code, e.g. US (default: every marketplace) */
                marketplace?: string;
                /** @description local day YYYY-MM-DD (default: today in the marketplace zone) */
                asOf?: string;
                /** @description live: windows end on as-of (what Amazon will show); amazon: VTR lagged as Seller Central shows it today (default 14 days) */
                view?: "live" | "amazon";
                /** @description sfp_vtr, sfp_otdr: the VTR and OTDR defects of Prime packages; sfp_ship: Prime orders not scanned by their ship-by date; sfp_cancel: Prime orders the seller cancelled */
                metric: "vtr" | "lsr" | "cr" | "otdr" | "sfp_vtr" | "sfp_ship" | "sfp_cancel" | "sfp_otdr";
                carrier?: string;
                category?: string;
                format?: "json" | "csv";
                offset?: number;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of defects as JSON; with ?format=csv every defect of the filter as text/csv (the same columns) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        marketplace: string;
                        /** @enum {string} */
                        metric: "vtr" | "lsr" | "cr" | "otdr" | "sfp_vtr" | "sfp_ship" | "sfp_cancel" | "sfp_otdr";
                        /** @description local day YYYY-MM-DD */
                        asOf: string;
                        /** @description Defects of the filter; items holds offset … offset + limit */
                        total: number;
                        /**
                         * @description rollups: the kept defect rows (as of a past day, their later steps taken back); raw: classified from raw rows (the kept figures are not current)
                         * @enum {string}
                         */
                        source: "rollups" | "raw";
                        offset: number;
                        limit: number;
                        items: {
                            orderId: string;
                            packageRef: string | null;
                            carrierCode: string | null;
                            carrierName: string | null;
                            trackingNumber: string | null;
                            shippingMethod: string | null;
                            categories: string[];
                            promisedDeliveryDate: string | null;
                            /** @description ISO 8601 instant */
                            shipDate: string | null;
                            /** @description ISO 8601 instant */
                            confirmedAt: string | null;
                            /** @description ISO 8601 instant */
                            firstScanAt: string | null;
                            /** @description ISO 8601 instant */
                            deliveredAt: string | null;
                            reasons: string[];
                            /** @description The carrier's tracking page for the number, when the carrier is known */
                            trackingUrl: string | null;
                        }[];
                    };
                    "text/csv": string;
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getForecast: {
        parameters: {
            query?: {
                /** @description marketplace code, e.g. US (default: every marketplace) */
                marketplace?: string;
                /** @description local day YYYY-MM-DD (default: today in the marketplace zone) */
                asOf?: string;
                /** @description live: windows end on as-of (what Amazon will show); amazon: VTR lagged as Seller Central shows it today (default 14 days) */
                view?: "live" | "amazon";
                category?: string;
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
                    "application/json": ({
                        /** @description local day YYYY-MM-DD */
                        asOf: string;
                        marketplace: string;
                        target: number;
                        window: {
                            /** @description local day YYYY-MM-DD */
                            from: string;
                            /** @description local day YYYY-MM-DD */
                            to: string;
                        };
                        overall: {
                            valid: number;
                            total: number;
                            rate: number | null;
                            /** @enum {string} */
                            status: "good" | "bad" | "at_risk" | "none";
                            neededToRecover: number;
                            days: {
                                /** @description local day YYYY-MM-DD */
                                date: string;
                                valid: number;
                                total: number;
                                rate: number | null;
                            }[];
                            defectExits: {
                                /** @description local day YYYY-MM-DD */
                                date: string;
                                count: number;
                            }[];
                        };
                        categories: {
                            category: string;
                            valid: number;
                            total: number;
                            rate: number | null;
                            /** @enum {string} */
                            status: "good" | "bad" | "at_risk" | "none";
                            neededToRecover: number;
                            days: {
                                /** @description local day YYYY-MM-DD */
                                date: string;
                                valid: number;
                                total: number;
                                rate: number | null;
                            }[];
                            defectExits: {
                                /** @description local day YYYY-MM-DD */
                                date: string;
                                count: number;
                            }[];
                        }[];
                    } | null) | {
                        /** @description local day YYYY-MM-DD */
                        asOf: string;
                        marketplace: string;
                        target: number;
                        window: {
                            /** @description local day YYYY-MM-DD */
                            from: string;
                            /** @description local day YYYY-MM-DD */
                            to: string;
                        };
                        overall: {
                            valid: number;
                            total: number;
                            rate: number | null;
                            /** @enum {string} */
                            status: "good" | "bad" | "at_risk" | "none";
                            neededToRecover: number;
                            days: {
                                /** @description local day YYYY-MM-DD */
                                date: string;
                                valid: number;
                                total: number;
                                rate: number | null;
                            }[];
                            defectExits: {
                                /** @description local day YYYY-MM-DD */
                                date: string;
                                count: number;
                            }[];
                        };
                        categories: {
                            category: string;
                            valid: number;
                            total: number;
                            rate: number | null;
                            /** @enum {string} */
                            status: "good" | "bad" | "at_risk" | "none";
                            neededToRecover: number;
                            days: {
                                /** @description local day YYYY-MM-DD */
                                date: string;
                                valid: number;
                                total: number;
                                rate: number | null;
                            }[];
                            defectExits: {
                                /** @description local day YYYY-MM-DD */
                                date: string;
                                count: number;
                            }[];
                        }[];
                    }[];
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postReconcile: {
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
                        rows: {
                            marketplace: string;
                            metric: string;
                            window: {
                                /** @description local day YYYY-MM-DD */
                                from: string;
                                /** @description local day YYYY-MM-DD */
                                to: string;
                            } | null;
                            amazon: {
                                total: number | null;
                                hits: number | null;
                                rate: number | null;
                                status: string | null;
                            };
                            ours: {
                                total: number;
                                hits: number;
                                rate: number | null;
                                status: string;
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                };
                                /** @description local day YYYY-MM-DD */
                                asOf: string;
                            } | null;
                            diff: {
                                total: number | null;
                                hits: number | null;
                                rate: number | null;
                            };
                        }[];
                        warnings: string[];
                        accountStatuses: {
                            marketplaceId: string;
                            marketplace: string | null;
                            status: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getMarketplaces: {
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
                        marketplaces: {
                            code: string;
                            timeZone: string;
                            today: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getTrend: {
        parameters: {
            query: {
                /** @description Marketplace code, e.g. US */
                marketplace: string;
                /** @description Local date in the marketplace; default: today there */
                asOf?: string;
                days?: number;
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
                        marketplace: string;
                        asOf: string;
                        /**
                         * @description rollups: the kept figures (as of a past day with what arrived after it taken back); raw: raw rows, where the kept figures lag a write or were counted with another configuration
                         * @enum {string}
                         */
                        source: "rollups" | "raw";
                        days: number;
                        target: number;
                        overall: {
                            date: string;
                            valid: number;
                            total: number;
                            rate: number | null;
                        }[];
                        byCategory: {
                            category: string;
                            points: {
                                date: string;
                                valid: number;
                                total: number;
                                rate: number | null;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getScorecard: {
        parameters: {
            query: {
                /** @description Marketplace code, e.g. US */
                marketplace: string;
                /** @description Local date in the marketplace; default: today there */
                asOf?: string;
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
                        marketplace: string;
                        asOf: string;
                        /**
                         * @description Where the VTR and on-time figures and the medians came from, as for the trend
                         * @enum {string}
                         */
                        source: "rollups" | "raw";
                        /** @description The VTR target the statuses are judged against */
                        target: number;
                        window: {
                            from: string;
                            to: string;
                        };
                        otdrWindow: {
                            from: string;
                            to: string;
                        };
                        carriers: {
                            carrier: string;
                            packages: number;
                            vtr: {
                                valid: number;
                                total: number;
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                            };
                            medianHoursToFirstScan: number | null;
                            onTime: {
                                onTime: number;
                                total: number;
                                rate: number | null;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getWatch: {
        parameters: {
            query?: {
                hours?: number;
                limit?: number;
                /** @description Marketplace code, e.g. US */
                marketplace?: string;
                /** @description Local date in the marketplace; default: now */
                asOf?: string;
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
                        /** Format: date-time */
                        asOf: string;
                        items: {
                            orderId: string;
                            marketplace: string;
                            packageRef: string;
                            carrierKey?: string | null;
                            carrierCode?: string | null;
                            trackingNumber: string;
                            /** Format: date-time */
                            confirmedAt: string;
                            hoursWaiting: number;
                            thresholdHours: number;
                            lastStatus?: string | null;
                            /** @description Local day the buyer was promised delivery by */
                            promisedDay: string | null;
                            nextStep: {
                                /** @enum {string} */
                                code: "check_handover" | "contact_carrier" | "replace_tracking" | "reship";
                                text: string;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postValidate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    items: {
                        trackingNumber: string;
                        carrier?: string | null;
                        /** @description the order being confirmed: its own earlier confirmations are not reuse */
                        orderId?: string;
                    }[];
                    /** @enum {string} */
                    mode?: "lenient" | "strict";
                    /** @enum {string} */
                    marketplace?: "US" | "CA" | "MX" | "BR" | "UK" | "DE" | "FR" | "IT" | "ES" | "NL" | "SE" | "PL" | "BE" | "JP" | "AU" | "IN" | "AE" | "SG";
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
                        results: {
                            input: string;
                            normalized: string;
                            valid: boolean;
                            /** @description Amazon carrier code to send */
                            carrier: string | null;
                            /** @description The CarrierName to send with it when it is Other; else null */
                            carrierName: string | null;
                            /** @description vtrguard carrier id */
                            carrierKey: string | null;
                            candidates: {
                                carrier: string;
                                carrierName: string;
                                amazonCode: string;
                                issuer?: string;
                                family: string;
                                familyName: string;
                                /** @enum {string} */
                                role: "owner" | "partner";
                                /** @enum {string} */
                                checkDigit: "pass" | "fail" | "none";
                                expectedCheckDigit?: string;
                                confidence: number;
                            }[];
                            problems: {
                                /** @enum {string} */
                                code: "NO_TRACKING_NUMBER" | "UNKNOWN_FORMAT" | "CHECK_DIGIT_MISMATCH" | "CARRIER_MISMATCH" | "AMBIGUOUS_CARRIER" | "CARRIER_UNCERTAIN" | "NO_CHECK_DIGIT" | "NO_CARRIER" | "OTHER_HIDES_INTEGRATED_CARRIER" | "OTHER_NOT_ALLOWED" | "CARRIER_CODE_NOT_ACCEPTED" | "CARRIER_CODE_NOT_EXACT" | "REUSED_TRACKING_NUMBER";
                                /** @enum {string} */
                                severity: "error" | "warning";
                                message: string;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postTrack: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    carriers?: ("ups" | "fedex" | "usps" | "dhl")[];
                    /** @description stop after this many packages */
                    max?: number;
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
                        polled: number;
                        events: number;
                        inserted: number;
                        notFound: number;
                        failed: number;
                        /** @description carriers without (accepted) credentials */
                        skipped: string[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postImports: {
        parameters: {
            query?: {
                format?: "shipments" | "events" | "amazon-orders" | "amazon-confirmations";
                /** @description For files that carry none (Amazon confirmations); default US. */
                marketplace?: string;
                /** @description Shown in messages; default "upload". */
                fileName?: string;
                skipInvalid?: boolean;
                /** @description auto (a byte-order mark, else UTF-8) or an encoding label: windows-1252 (Amazon flat files outside Japan), shift_jis (Amazon.co.jp), utf-16le, … */
                encoding?: string;
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
                        fileName: string;
                        /** @enum {string} */
                        format: "shipments" | "events" | "amazon-orders" | "amazon-confirmations";
                        rowsRead: number;
                        rowsImported: number;
                        rowsRejected: number;
                        /** @description Rows left out on purpose, per reason (the All Orders report's Multi-Channel Fulfillment orders) */
                        skipped: {
                            [key: string]: number;
                        };
                        alreadyImported: boolean;
                        seconds: number;
                        /** @description With skipInvalid: the rejected rows with reasons (first MiB). */
                        rejectedCsv?: string;
                        /** @description Alerts whose level changed after this import. */
                        alertChanges: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postImportsSkuCategories: {
        parameters: {
            query?: {
                /** @description Shown in messages; default "upload". */
                fileName?: string;
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
                        fileName: string;
                        /** @description SKUs mapped; the next Amazon sync applies them. */
                        skus: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getAlerts: {
        parameters: {
            query?: {
                /** @description Include resolved (ok) subjects. */
                all?: boolean;
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
                        alerts: {
                            key: string;
                            ruleId: string;
                            /** @enum {string} */
                            level: "ok" | "warning" | "critical";
                            title: string;
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                            /** @description The dashboard view that shows the subject. */
                            url: string;
                            changeNo?: number;
                            /** Format: date-time */
                            changedAt: string;
                            /** Format: date-time */
                            evaluatedAt?: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAlertsEvaluate: {
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
                        changes: {
                            key: string;
                            ruleId: string;
                            /** @enum {string} */
                            level: "ok" | "warning" | "critical";
                            title: string;
                            message: string;
                            details?: {
                                [key: string]: unknown;
                            };
                            /** @description The dashboard view that shows the subject. */
                            url: string;
                            changeNo?: number;
                            /** Format: date-time */
                            changedAt: string;
                            /** Format: date-time */
                            evaluatedAt?: string;
                        }[];
                        sent: number;
                        failed: number;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getAlertsRules: {
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
                        rules: {
                            ruleId: string;
                            description?: string;
                            enabled: boolean;
                            params: {
                                [key: string]: number;
                            };
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    patchAlertsRulesByRuleId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ruleId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    enabled?: boolean;
                    params?: {
                        [key: string]: number;
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
                        ruleId: string;
                        description?: string;
                        enabled: boolean;
                        params: {
                            [key: string]: number;
                        };
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getAlertsChannels: {
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
                        channels: {
                            channelId: string;
                            /** @enum {string} */
                            kind: "webhook" | "slack" | "email";
                            /** @description Secrets and SMTP passwords are masked. */
                            config?: {
                                [key: string]: unknown;
                            };
                            /** Format: date-time */
                            createdAt?: string;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAlertsChannels: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind: "webhook" | "slack" | "email";
                    url?: string;
                    secret?: string;
                    smtpUrl?: string;
                    from?: string;
                    to?: string[];
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
                        channelId: string;
                        /** @enum {string} */
                        kind: "webhook" | "slack" | "email";
                        /** @description Secrets and SMTP passwords are masked. */
                        config?: {
                            [key: string]: unknown;
                        };
                        /** Format: date-time */
                        createdAt?: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    putAlertsChannelsByChannelId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channelId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    kind?: "webhook" | "slack" | "email";
                    url?: string;
                    secret?: string;
                    smtpUrl?: string;
                    from?: string;
                    to?: string[];
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
                        channelId: string;
                        /** @enum {string} */
                        kind: "webhook" | "slack" | "email";
                        /** @description Secrets and SMTP passwords are masked. */
                        config?: {
                            [key: string]: unknown;
                        };
                        /** Format: date-time */
                        createdAt?: string;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    deleteAlertsChannelsByChannelId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channelId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postWebhooksByProvider: {
        parameters: {
            query?: {
                seller?: string;
                token?: string;
            };
            header?: never;
            path: {
                provider: string;
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
                        events: number;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAmazonConnection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    clientId: string;
                    clientSecret: string;
                    refreshToken: string;
                    /** @enum {string} */
                    region: "na" | "eu" | "fe";
                    /**
                     * Format: date
                     * @description when the LWA client secret was created (180-day rotation)
                     */
                    secretCreatedAt?: string;
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
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getAmazonStatus: {
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
                        sellerId: string;
                        connected: boolean;
                        region: string | null;
                        marketplaces: {
                            id: string;
                            marketplace: string | null;
                            name: string;
                        }[];
                        rotation: {
                            dueAt: number;
                            daysLeft: number;
                            warn: boolean;
                        } | null;
                        holdPolicy: {
                            untilFirstScan: boolean;
                            marginMinutes: number;
                        } | null;
                        sync: {
                            /** @description epoch milliseconds */
                            lastSuccessAt: number | null;
                            /** @description minutes since the last complete sync */
                            lagMinutes: number | null;
                            ordersSynced: number;
                            resumable: boolean;
                            lastError: string | null;
                            /** @description epoch milliseconds */
                            lastErrorAt: number | null;
                        };
                        confirmations: {
                            counts: {
                                held: number;
                                sending: number;
                                sent: number;
                                partial: number;
                                refused: number;
                                failed: number;
                                skipped: number;
                            };
                            held: {
                                confirmationId: string;
                                orderId: string;
                                packageRef: string;
                                /** @enum {string} */
                                state: "held" | "sending" | "sent" | "partial" | "refused" | "failed" | "skipped";
                                /** @description refused: each problem with its fix; partial: each item Amazon refused, with the fix */
                                problems: {
                                    code: string;
                                    message: string;
                                    fix: string;
                                }[];
                                holdUntil: number | null;
                                reason: string | null;
                            }[];
                            /** @description the latest refusals, failures and partly refused feed packages with their reasons */
                            refused: {
                                confirmationId: string;
                                orderId: string;
                                packageRef: string;
                                /** @enum {string} */
                                state: "held" | "sending" | "sent" | "partial" | "refused" | "failed" | "skipped";
                                /** @description refused: each problem with its fix; partial: each item Amazon refused, with the fix */
                                problems: {
                                    code: string;
                                    message: string;
                                    fix: string;
                                }[];
                                holdUntil: number | null;
                                reason: string | null;
                            }[];
                        };
                        /** @description the latest confirmation feeds, newest first */
                        feeds: {
                            /** @description Amazon's feed id; null when it never got one */
                            feedId: string | null;
                            marketplace: string;
                            /** @description Amazon's processingStatus: IN_QUEUE, IN_PROGRESS (its packages `sending`), DONE, CANCELLED, FATAL; SUBMITTING, NOT_SUBMITTED, ABANDONED (vtrguard stopped before Amazon named it) */
                            state: string;
                            packages: number;
                            rows: number;
                            processed: number | null;
                            successful: number | null;
                            /** @description why a feed ended without confirming its packages */
                            reason: string | null;
                            /** @description epoch milliseconds */
                            createdAt: number;
                            /** @description when its outcome was applied; null while Amazon works on it */
                            finishedAt: number | null;
                        }[];
                        /** @description packages Amazon holds differently from what the seller meant to send */
                        differences: {
                            orderId: string;
                            packageRef: string;
                            amazon: {
                                carrier: string | null;
                                trackingNumber: string | null;
                            };
                            meant: {
                                carrierCode: string | null;
                                trackingNumber: string | null;
                            };
                            /** @description where Amazon holds another number: what the carriers said of it (polled too); its scans decide the defect */
                            amazonScans: {
                                /** @description epoch milliseconds */
                                firstCarrierScanAt: number | null;
                                lastStatus: string | null;
                                /** @description epoch milliseconds */
                                lastEventAt: number | null;
                                /** @description epoch milliseconds */
                                lastPolledAt: number | null;
                            } | null;
                            /** @enum {string|null} */
                            becomes: "no_tracking" | "carrier_not_accepted" | "carrier_mismatch" | "no_carrier_scan" | null;
                            message: string;
                        }[];
                        report: {
                            reportId: string;
                            state: string;
                            requestedAt: number;
                            /** @description epoch milliseconds */
                            finishedAt: number | null;
                            /** @description each of Amazon's figures beside vtrguard's `amazon` view, with the difference */
                            reconciliation: {
                                marketplace: string;
                                metric: string;
                                window: {
                                    /** @description local day YYYY-MM-DD */
                                    from: string;
                                    /** @description local day YYYY-MM-DD */
                                    to: string;
                                } | null;
                                amazon: {
                                    total: number | null;
                                    hits: number | null;
                                    rate: number | null;
                                    status: string | null;
                                };
                                ours: {
                                    total: number;
                                    hits: number;
                                    rate: number | null;
                                    status: string;
                                    window: {
                                        /** @description local day YYYY-MM-DD */
                                        from: string;
                                        /** @description local day YYYY-MM-DD */
                                        to: string;
                                    };
                                    /** @description local day YYYY-MM-DD */
                                    asOf: string;
                                } | null;
                                diff: {
                                    total: number | null;
                                    hits: number | null;
                                    rate: number | null;
                                };
                                /** @description |ours − Amazon's| rate in percentage points */
                                gapPoints: number | null;
                                beyondTolerance: boolean;
                                likelyReason: string | null;
                            }[] | null;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAmazonSync: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    maxPages?: number;
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
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    putAmazonHoldPolicy: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    untilFirstScan: boolean;
                    /** @default 120 */
                    marginMinutes?: number;
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
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postAmazonReports: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    tolerancePoints?: number;
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
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getConfirmations: {
        parameters: {
            query?: {
                state?: "held" | "sending" | "sent" | "partial" | "refused" | "failed" | "skipped";
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
                        confirmations?: {
                            confirmationId: string;
                            orderId: string;
                            packageRef: string;
                            /** @enum {string} */
                            state: "held" | "sending" | "sent" | "partial" | "refused" | "failed" | "skipped";
                            /** @description refused: each problem with its fix; partial: each item Amazon refused, with the fix */
                            problems: {
                                code: string;
                                message: string;
                                fix: string;
                            }[];
                            holdUntil: number | null;
                            reason: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postConfirmations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    confirmations: {
                        orderId: string;
                        /** @description Amazon packageReferenceId (1, 2, …); the same one again edits that package */
                        packageRef?: string | null;
                        /** @description exactly as Amazon lists it */
                        carrierCode: string;
                        /** @description required with carrier code Other */
                        carrierName?: string | null;
                        shippingMethod?: string | null;
                        trackingNumber: string;
                        /** Format: date-time */
                        shipDate: string;
                        items?: {
                            orderItemId: string;
                            quantity: number;
                        }[] | null;
                        /** @description a Buy Shipping label: Amazon confirms it itself */
                        buyShipping?: boolean;
                    }[];
                    /** @description false: send now even when the seller's policy holds confirmations */
                    hold?: boolean;
                    /** @description true: one POST_FLAT_FILE_FULFILLMENT_DATA feed per marketplace, answered 202 once Amazon has it; false: one confirmShipment call per package; by default the feed from 500 packages */
                    feed?: boolean;
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
                        feeds: {
                            /** @description Amazon's feed id; null when it never got one */
                            feedId: string | null;
                            marketplace: string;
                            /** @description Amazon's processingStatus: IN_QUEUE, IN_PROGRESS (its packages `sending`), DONE, CANCELLED, FATAL; SUBMITTING, NOT_SUBMITTED, ABANDONED (vtrguard stopped before Amazon named it) */
                            state: string;
                            packages: number;
                            rows: number;
                            processed: number | null;
                            successful: number | null;
                            /** @description why a feed ended without confirming its packages */
                            reason: string | null;
                            /** @description epoch milliseconds */
                            createdAt: number;
                            /** @description when its outcome was applied; null while Amazon works on it */
                            finishedAt: number | null;
                        }[];
                        outcomes: {
                            confirmationId: string;
                            orderId: string;
                            packageRef: string;
                            /** @enum {string} */
                            state: "held" | "sending" | "sent" | "partial" | "refused" | "failed" | "skipped";
                            /** @description refused: each problem with its fix; partial: each item Amazon refused, with the fix */
                            problems: {
                                code: string;
                                message: string;
                                fix: string;
                            }[];
                            holdUntil: number | null;
                            reason: string | null;
                        }[];
                    };
                };
            };
            /** @description feeds submitted, Amazon processing them: their packages are `sending` */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        feeds: {
                            /** @description Amazon's feed id; null when it never got one */
                            feedId: string | null;
                            marketplace: string;
                            /** @description Amazon's processingStatus: IN_QUEUE, IN_PROGRESS (its packages `sending`), DONE, CANCELLED, FATAL; SUBMITTING, NOT_SUBMITTED, ABANDONED (vtrguard stopped before Amazon named it) */
                            state: string;
                            packages: number;
                            rows: number;
                            processed: number | null;
                            successful: number | null;
                            /** @description why a feed ended without confirming its packages */
                            reason: string | null;
                            /** @description epoch milliseconds */
                            createdAt: number;
                            /** @description when its outcome was applied; null while Amazon works on it */
                            finishedAt: number | null;
                        }[];
                        outcomes: {
                            confirmationId: string;
                            orderId: string;
                            packageRef: string;
                            /** @enum {string} */
                            state: "held" | "sending" | "sent" | "partial" | "refused" | "failed" | "skipped";
                            /** @description refused: each problem with its fix; partial: each item Amazon refused, with the fix */
                            problems: {
                                code: string;
                                message: string;
                                fix: string;
                            }[];
                            holdUntil: number | null;
                            reason: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getAmazonFeeds: {
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
                        feeds: {
                            /** @description Amazon's feed id; null when it never got one */
                            feedId: string | null;
                            marketplace: string;
                            /** @description Amazon's processingStatus: IN_QUEUE, IN_PROGRESS (its packages `sending`), DONE, CANCELLED, FATAL; SUBMITTING, NOT_SUBMITTED, ABANDONED (vtrguard stopped before Amazon named it) */
                            state: string;
                            packages: number;
                            rows: number;
                            processed: number | null;
                            successful: number | null;
                            /** @description why a feed ended without confirming its packages */
                            reason: string | null;
                            /** @description epoch milliseconds */
                            createdAt: number;
                            /** @description when its outcome was applied; null while Amazon works on it */
                            finishedAt: number | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getAmazonFeedsByFeedId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                feedId: string;
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
                        feed: {
                            /** @description Amazon's feed id; null when it never got one */
                            feedId: string | null;
                            marketplace: string;
                            /** @description Amazon's processingStatus: IN_QUEUE, IN_PROGRESS (its packages `sending`), DONE, CANCELLED, FATAL; SUBMITTING, NOT_SUBMITTED, ABANDONED (vtrguard stopped before Amazon named it) */
                            state: string;
                            packages: number;
                            rows: number;
                            processed: number | null;
                            successful: number | null;
                            /** @description why a feed ended without confirming its packages */
                            reason: string | null;
                            /** @description epoch milliseconds */
                            createdAt: number;
                            /** @description when its outcome was applied; null while Amazon works on it */
                            finishedAt: number | null;
                        };
                        outcomes: {
                            confirmationId: string;
                            orderId: string;
                            packageRef: string;
                            /** @enum {string} */
                            state: "held" | "sending" | "sent" | "partial" | "refused" | "failed" | "skipped";
                            /** @description refused: each problem with its fix; partial: each item Amazon refused, with the fix */
                            problems: {
                                code: string;
                                message: string;
                                fix: string;
                            }[];
                            holdUntil: number | null;
                            reason: string | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postConfirmationsByConfirmationIdRelease: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                confirmationId: string;
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
                        confirmationId: string;
                        orderId: string;
                        packageRef: string;
                        /** @enum {string} */
                        state: "held" | "sending" | "sent" | "partial" | "refused" | "failed" | "skipped";
                        /** @description refused: each problem with its fix; partial: each item Amazon refused, with the fix */
                        problems: {
                            code: string;
                            message: string;
                            fix: string;
                        }[];
                        holdUntil: number | null;
                        reason: string | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getAttention: {
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
                         * @description The instant the figures are of
                         */
                        generatedAt: string;
                        marketplaces: {
                            marketplace: string;
                            /** @description local day YYYY-MM-DD */
                            today: string;
                            live: {
                                /** @description local day YYYY-MM-DD */
                                asOf: string;
                                marketplace: string;
                                /** @enum {string} */
                                source: "rollups" | "raw";
                                /** @enum {string} */
                                view: "live" | "amazon";
                                vtr: {
                                    window: {
                                        /** @description local day YYYY-MM-DD */
                                        from: string;
                                        /** @description local day YYYY-MM-DD */
                                        to: string;
                                    };
                                    target: number;
                                    /** @enum {string} */
                                    attribution: "promised_delivery" | "ship_confirm";
                                    lagDays: number;
                                    overall: {
                                        valid: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                    };
                                    /** @description The 7 days ending where the 30-day window ends, overall */
                                    d7: {
                                        valid: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                        window: {
                                            /** @description local day YYYY-MM-DD */
                                            from: string;
                                            /** @description local day YYYY-MM-DD */
                                            to: string;
                                        };
                                    };
                                    byCategory: {
                                        category: string;
                                        valid: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                        neededToRecover: number;
                                    }[];
                                    byCarrier: {
                                        carrier: string;
                                        valid: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                    }[];
                                };
                                lsr: {
                                    target: number;
                                    d10: {
                                        window: {
                                            /** @description local day YYYY-MM-DD */
                                            from: string;
                                            /** @description local day YYYY-MM-DD */
                                            to: string;
                                        };
                                        late: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                    };
                                    d30: {
                                        window: {
                                            /** @description local day YYYY-MM-DD */
                                            from: string;
                                            /** @description local day YYYY-MM-DD */
                                            to: string;
                                        };
                                        late: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                    };
                                };
                                cr: {
                                    window: {
                                        /** @description local day YYYY-MM-DD */
                                        from: string;
                                        /** @description local day YYYY-MM-DD */
                                        to: string;
                                    };
                                    target: number;
                                    cancelled: number;
                                    total: number;
                                    rate: number | null;
                                    /** @enum {string} */
                                    status: "good" | "bad" | "at_risk" | "none";
                                };
                                otdr: {
                                    window: {
                                        /** @description local day YYYY-MM-DD */
                                        from: string;
                                        /** @description local day YYYY-MM-DD */
                                        to: string;
                                    };
                                    target: number;
                                    /** @enum {string} */
                                    unit: "package" | "unit";
                                    onTime: number;
                                    total: number;
                                    rate: number | null;
                                    /** @enum {string} */
                                    status: "good" | "bad" | "at_risk" | "none";
                                };
                                /** @description Seller Fulfilled Prime; null when no Prime order falls in any of its windows */
                                sfp: {
                                    onTimeShipment: {
                                        window: {
                                            /** @description local day YYYY-MM-DD */
                                            from: string;
                                            /** @description local day YYYY-MM-DD */
                                            to: string;
                                        };
                                        target: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                        onTime: number;
                                    };
                                    cancelRate: {
                                        window: {
                                            /** @description local day YYYY-MM-DD */
                                            from: string;
                                            /** @description local day YYYY-MM-DD */
                                            to: string;
                                        };
                                        target: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                        cancelled: number;
                                    };
                                    otdr: {
                                        window: {
                                            /** @description local day YYYY-MM-DD */
                                            from: string;
                                            /** @description local day YYYY-MM-DD */
                                            to: string;
                                        };
                                        target: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                        onTime: number;
                                    };
                                    /** @description Prime packages' VTR: VTR's rules, 30-day window, attribution and lag, overall */
                                    vtr: {
                                        window: {
                                            /** @description local day YYYY-MM-DD */
                                            from: string;
                                            /** @description local day YYYY-MM-DD */
                                            to: string;
                                        };
                                        target: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                        valid: number;
                                    };
                                } | null;
                            };
                            amazon: {
                                /** @description local day YYYY-MM-DD */
                                asOf: string;
                                marketplace: string;
                                /** @enum {string} */
                                source: "rollups" | "raw";
                                /** @enum {string} */
                                view: "live" | "amazon";
                                vtr: {
                                    window: {
                                        /** @description local day YYYY-MM-DD */
                                        from: string;
                                        /** @description local day YYYY-MM-DD */
                                        to: string;
                                    };
                                    target: number;
                                    /** @enum {string} */
                                    attribution: "promised_delivery" | "ship_confirm";
                                    lagDays: number;
                                    overall: {
                                        valid: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                    };
                                    /** @description The 7 days ending where the 30-day window ends, overall */
                                    d7: {
                                        valid: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                        window: {
                                            /** @description local day YYYY-MM-DD */
                                            from: string;
                                            /** @description local day YYYY-MM-DD */
                                            to: string;
                                        };
                                    };
                                    byCategory: {
                                        category: string;
                                        valid: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                        neededToRecover: number;
                                    }[];
                                    byCarrier: {
                                        carrier: string;
                                        valid: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                    }[];
                                };
                                lsr: {
                                    target: number;
                                    d10: {
                                        window: {
                                            /** @description local day YYYY-MM-DD */
                                            from: string;
                                            /** @description local day YYYY-MM-DD */
                                            to: string;
                                        };
                                        late: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                    };
                                    d30: {
                                        window: {
                                            /** @description local day YYYY-MM-DD */
                                            from: string;
                                            /** @description local day YYYY-MM-DD */
                                            to: string;
                                        };
                                        late: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                    };
                                };
                                cr: {
                                    window: {
                                        /** @description local day YYYY-MM-DD */
                                        from: string;
                                        /** @description local day YYYY-MM-DD */
                                        to: string;
                                    };
                                    target: number;
                                    cancelled: number;
                                    total: number;
                                    rate: number | null;
                                    /** @enum {string} */
                                    status: "good" | "bad" | "at_risk" | "none";
                                };
                                otdr: {
                                    window: {
                                        /** @description local day YYYY-MM-DD */
                                        from: string;
                                        /** @description local day YYYY-MM-DD */
                                        to: string;
                                    };
                                    target: number;
                                    /** @enum {string} */
                                    unit: "package" | "unit";
                                    onTime: number;
                                    total: number;
                                    rate: number | null;
                                    /** @enum {string} */
                                    status: "good" | "bad" | "at_risk" | "none";
                                };
                                /** @description Seller Fulfilled Prime; null when no Prime order falls in any of its windows */
                                sfp: {
                                    onTimeShipment: {
                                        window: {
                                            /** @description local day YYYY-MM-DD */
                                            from: string;
                                            /** @description local day YYYY-MM-DD */
                                            to: string;
                                        };
                                        target: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                        onTime: number;
                                    };
                                    cancelRate: {
                                        window: {
                                            /** @description local day YYYY-MM-DD */
                                            from: string;
                                            /** @description local day YYYY-MM-DD */
                                            to: string;
                                        };
                                        target: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                        cancelled: number;
                                    };
                                    otdr: {
                                        window: {
                                            /** @description local day YYYY-MM-DD */
                                            from: string;
                                            /** @description local day YYYY-MM-DD */
                                            to: string;
                                        };
                                        target: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                        onTime: number;
                                    };
                                    /** @description Prime packages' VTR: VTR's rules, 30-day window, attribution and lag, overall */
                                    vtr: {
                                        window: {
                                            /** @description local day YYYY-MM-DD */
                                            from: string;
                                            /** @description local day YYYY-MM-DD */
                                            to: string;
                                        };
                                        target: number;
                                        total: number;
                                        rate: number | null;
                                        /** @enum {string} */
                                        status: "good" | "bad" | "at_risk" | "none";
                                        valid: number;
                                    };
                                } | null;
                            };
                        }[];
                        /** @description Below target first, then at risk */
                        metrics: {
                            marketplace: string;
                            /** @description Unique within the marketplace: vtr-<category>, vtr7, lsr10, lsr30, cr, otdr, sfp_ship, sfp_cancel, sfp_otdr, sfp_vtr */
                            key: string;
                            /** @enum {string} */
                            metric: "vtr_category" | "vtr7" | "lsr10" | "lsr30" | "cr" | "otdr" | "sfp_ship" | "sfp_cancel" | "sfp_otdr" | "sfp_vtr";
                            category: string | null;
                            /**
                             * @description The ?metric= of GET /v1/defects behind the figure; null where there is none
                             * @enum {string|null}
                             */
                            defects: "vtr" | "lsr" | "cr" | "otdr" | "sfp_vtr" | "sfp_ship" | "sfp_cancel" | "sfp_otdr" | null;
                            target: number;
                            /** @enum {string} */
                            direction: "at_least" | "below" | "at_most";
                            live: {
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                            };
                            /** @description Amazon's lagged view (definitions v2); null when it has no such line */
                            amazon: {
                                rate: number | null;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                            } | null;
                            defectCount: number;
                            total: number;
                            neededToRecover: number | null;
                        }[];
                        upcomingDefects: {
                            total: number;
                            /** @description The first 50 defects not yet in Amazon's figures, by the day they enter them */
                            items: {
                                marketplace: string;
                                /** @enum {string} */
                                metric: "vtr" | "otdr";
                                /** @description local day YYYY-MM-DD */
                                entersOn: string;
                                row: {
                                    orderId: string;
                                    packageRef: string | null;
                                    carrierCode: string | null;
                                    carrierName: string | null;
                                    trackingNumber: string | null;
                                    shippingMethod: string | null;
                                    categories: string[];
                                    promisedDeliveryDate: string | null;
                                    /** @description ISO 8601 instant */
                                    shipDate: string | null;
                                    /** @description ISO 8601 instant */
                                    confirmedAt: string | null;
                                    /** @description ISO 8601 instant */
                                    firstScanAt: string | null;
                                    /** @description ISO 8601 instant */
                                    deliveredAt: string | null;
                                    reasons: string[];
                                    /** @description The carrier's tracking page for the number, when the carrier is known */
                                    trackingUrl: string | null;
                                };
                            }[];
                        };
                        noFirstScan: {
                            items: {
                                orderId: string;
                                marketplace: string;
                                packageRef: string;
                                carrierKey?: string | null;
                                carrierCode?: string | null;
                                trackingNumber: string;
                                /** Format: date-time */
                                confirmedAt: string;
                                hoursWaiting: number;
                                thresholdHours: number;
                                lastStatus?: string | null;
                                /** @description Local day the buyer was promised delivery by */
                                promisedDay: string | null;
                                nextStep: {
                                    /** @enum {string} */
                                    code: "check_handover" | "contact_carrier" | "replace_tracking" | "reship";
                                    text: string;
                                };
                            }[];
                        };
                        dueToShip: {
                            /** @description Orders with nothing confirmed whose latest ship date is within 48 hours */
                            items: {
                                marketplace: string;
                                orderId: string;
                                /** Format: date-time */
                                latestShipDate: string;
                                hoursLeft: number;
                                isPrime: boolean;
                                categories: string[];
                            }[];
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getSession: {
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
                        /** @description null for an operator key whose request names no seller */
                        sellerId: string | null;
                        operatorId: string | null;
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getOperatorSellers: {
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
                        operatorId: string;
                        sellers: {
                            sellerId: string;
                            marketplaces: string[];
                            worst: {
                                marketplace: string;
                                /** @enum {string} */
                                metric: "vtr" | "lsr" | "cr" | "otdr" | "sfp_ship" | "sfp_cancel" | "sfp_otdr" | "sfp_vtr";
                                rate: number;
                                target: number;
                                /** @enum {string} */
                                status: "good" | "bad" | "at_risk" | "none";
                            } | null;
                            /** @description VTR defects, late shipments (30 days), cancels and late deliveries in today's windows */
                            defects: number;
                            heldConfirmations: number;
                            /** @description when the defects Amazon's figures do not hold yet enter them (as GET /v1/attention lists them), counted per day, marketplace and metric; soonest first */
                            defectsDue: {
                                /**
                                 * Format: date
                                 * @description the marketplace's local day
                                 */
                                entersOn: string;
                                marketplace: string;
                                /** @enum {string} */
                                metric: "vtr" | "otdr";
                                count: number;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    getCredentials: {
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
                        credentials: {
                            /** @description a carrier API (ups, fedex, usps, dhl) or amazon */
                            name: string;
                            set: boolean;
                            /**
                             * Format: date-time
                             * @description when it was last set or changed
                             */
                            updatedAt: string | null;
                            /** @description Amazon's, once connected (null for carriers) */
                            connection: {
                                marketplaces: string[];
                                /** @description the LWA client secret must be rotated every 180 days */
                                rotation: {
                                    /** Format: date-time */
                                    dueAt: string;
                                    daysLeft: number;
                                    /** @description due within 14 days, or past */
                                    warn: boolean;
                                };
                                /** @description the last call made with the credentials: whether Amazon accepted them */
                                lastCheck: {
                                    ok: boolean;
                                    message: string | null;
                                    /** Format: date-time */
                                    checkedAt: string;
                                    /**
                                     * Format: date-time
                                     * @description since when it has been so
                                     */
                                    since: string;
                                } | null;
                            } | null;
                        }[];
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    putCredentialsCarriersByCarrier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                carrier: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    clientId?: string;
                    clientSecret?: string;
                    apiKey?: string;
                    merchantId?: string;
                    baseUrl?: string;
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
                        /** @description a carrier API (ups, fedex, usps, dhl) or amazon */
                        name: string;
                        set: boolean;
                        /**
                         * Format: date-time
                         * @description when it was last set or changed
                         */
                        updatedAt: string | null;
                        /** @description Amazon's, once connected (null for carriers) */
                        connection: {
                            marketplaces: string[];
                            /** @description the LWA client secret must be rotated every 180 days */
                            rotation: {
                                /** Format: date-time */
                                dueAt: string;
                                daysLeft: number;
                                /** @description due within 14 days, or past */
                                warn: boolean;
                            };
                            /** @description the last call made with the credentials: whether Amazon accepted them */
                            lastCheck: {
                                ok: boolean;
                                message: string | null;
                                /** Format: date-time */
                                checkedAt: string;
                                /**
                                 * Format: date-time
                                 * @description since when it has been so
                                 */
                                since: string;
                            } | null;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    deleteCredentialsCarriersByCarrier: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                carrier: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    putCredentialsAmazon: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    clientId: string;
                    clientSecret: string;
                    refreshToken: string;
                    /** @enum {string} */
                    region: "na" | "eu" | "fe";
                    /**
                     * Format: date
                     * @description when the LWA client secret was created (180-day rotation)
                     */
                    secretCreatedAt?: string;
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
                        /** @description a carrier API (ups, fedex, usps, dhl) or amazon */
                        name: string;
                        set: boolean;
                        /**
                         * Format: date-time
                         * @description when it was last set or changed
                         */
                        updatedAt: string | null;
                        /** @description Amazon's, once connected (null for carriers) */
                        connection: {
                            marketplaces: string[];
                            /** @description the LWA client secret must be rotated every 180 days */
                            rotation: {
                                /** Format: date-time */
                                dueAt: string;
                                daysLeft: number;
                                /** @description due within 14 days, or past */
                                warn: boolean;
                            };
                            /** @description the last call made with the credentials: whether Amazon accepted them */
                            lastCheck: {
                                ok: boolean;
                                message: string | null;
                                /** Format: date-time */
                                checkedAt: string;
                                /**
                                 * Format: date-time
                                 * @description since when it has been so
                                 */
                                since: string;
                            } | null;
                        } | null;
                    };
                };
            };
            /** @description Default Response */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    deleteCredentialsAmazon: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
    postCredentialsAmazonTest: {
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
                        /** @description why Amazon refused or did not answer */
                        message: string | null;
                        credential: {
                            /** @description a carrier API (ups, fedex, usps, dhl) or amazon */
                            name: string;
                            set: boolean;
                            /**
                             * Format: date-time
                             * @description when it was last set or changed
                             */
                            updatedAt: string | null;
                            /** @description Amazon's, once connected (null for carriers) */
                            connection: {
                                marketplaces: string[];
                                /** @description the LWA client secret must be rotated every 180 days */
                                rotation: {
                                    /** Format: date-time */
                                    dueAt: string;
                                    daysLeft: number;
                                    /** @description due within 14 days, or past */
                                    warn: boolean;
                                };
                                /** @description the last call made with the credentials: whether Amazon accepted them */
                                lastCheck: {
                                    ok: boolean;
                                    message: string | null;
                                    /** Format: date-time */
                                    checkedAt: string;
                                    /**
                                     * Format: date-time
                                     * @description since when it has been so
                                     */
                                    since: string;
                                } | null;
                            } | null;
                        };
                    };
                };
            };
            /** @description Default Response */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["def-0"];
                };
            };
        };
    };
}
