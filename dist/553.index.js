export const id = 553;
export const ids = [553];
export const modules = {

/***/ 6553:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createTrainingJob: () => (/* binding */ createTrainingJob)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6288);
// EXTERNAL MODULE: ./src/definition.ts + 8 modules
var src_definition = __webpack_require__(5295);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(4942);
;// CONCATENATED MODULE: ./src/huaweicloud/errors.ts
/**
 * The one place that turns a failed call into a one-line message: what failed, where, and how to fix it.
 * Messages name the method and path only: never the query, headers or request body.
 */
class HuaweiCloudError extends Error {
    code;
    status;
    kind;
    requestSent;
    retryable;
    retryAfterMs;
    systemCode;
    constructor(message, fields) {
        super(message);
        this.name = 'HuaweiCloudError';
        this.kind = fields.kind;
        this.requestSent = fields.requestSent;
        this.code = fields.code;
        this.status = fields.status;
        this.retryAfterMs = fields.retryAfterMs;
        this.systemCode = fields.systemCode;
        this.retryable = fields.retryable ?? isRetryable(fields.kind, fields.status);
    }
    /** The same failure, its message prefixed with what was being done (e.g. the OIDC exchange). */
    withContext(context) {
        return new HuaweiCloudError(`${context}: ${this.message}`, this);
    }
}
function isRetryable(kind, status) {
    if (kind === 'network' || kind === 'timeout')
        return true;
    return status !== undefined && (status === 429 || status >= 500);
}
/** Codes that mean an IAM token has expired or is not accepted, so a fresh one may help. */
const TOKEN_REJECTED_CODES = new Set(['ModelArts.0201', 'ModelArts.0202', 'ModelArts.0203']);
const CREDENTIALS_HINT = 'check access_key and secret_key, that the runner clock is right, and the region or endpoint';
const HINTS = {
    'ModelArts.0103': 'the job name is taken: choose another job_name or set `if_exists: new_version`',
    'APIGW.0301': `the gateway rejected the AK/SK signature: ${CREDENTIALS_HINT}`,
    'APIG.0301': `the gateway rejected the credentials: ${CREDENTIALS_HINT}`,
    'APIGW.0101': `the gateway does not serve this API here: check region and endpoint (ModelArts v1 training was retired on Huawei Cloud's public regions in 2023)`,
    'APIG.0101': `the gateway does not serve this API here: check region and endpoint (ModelArts v1 training was retired on Huawei Cloud's public regions in 2023)`,
    'ModelArts.0201': 'no IAM token was accepted: set auth_token, or use access_key/secret_key or idp_id',
    'ModelArts.0202': 'the IAM token has expired (tokens last 24 h): pass a fresh auth_token',
    'ModelArts.0203': 'the IAM token is invalid: pass a project-scoped token for this region as auth_token',
    'ModelArts.0206': 'the AK/SK is invalid: check access_key and secret_key (and security_token for temporary keys)',
    'ModelArts.0207': 'the IAM token is not scoped to a project: request a project-scoped token',
    'ModelArts.0212': 'the IAM token is not scoped to a project: request a project-scoped token',
    'ModelArts.0210': 'project_id does not belong to these credentials or this region: check project_id and region',
    'ModelArts.0104': 'a parameter was rejected, often workspace_id: check workspace_id and the job fields',
    'ModelArts.0108': 'not authorized: give the IAM user ModelArts permissions, and grant ModelArts access (console: Settings > Access Authorization)',
    'ModelArts.2785': 'ModelArts has no agency authorization in this region: grant it in the ModelArts console (Settings > Access Authorization)',
    'ModelArts.2775': 'the training job does not exist (deleted, or in another project or region): check job ids and project_id',
    'ModelArts.2815': 'a ModelArts quota is exhausted: delete old jobs or ask for a higher quota',
    'ModelArts.0106': 'a ModelArts quota is exhausted: delete old jobs or ask for a higher quota',
    'ModelArts.4310': 'ModelArts may not use the OBS path: check the bucket policy and the ModelArts agency'
};
/** How to fix a failure, by service error code first, then by HTTP status. */
function hintFor(code, status) {
    if (code !== undefined && HINTS[code] !== undefined)
        return HINTS[code];
    if (status === 429)
        return 'requests are being throttled: wait, or poll less often (poll_interval)';
    if (status === 401)
        return `the credentials were not accepted: ${CREDENTIALS_HINT}`;
    if (status === 403)
        return 'the credentials lack permission for this call: check the IAM policies of the user';
    if (status !== undefined && status >= 500)
        return 'the service had an internal error: try again later';
    return undefined;
}
function describe(request) {
    try {
        const url = new URL(request.url);
        return `${request.method} ${url.pathname}`;
    }
    catch {
        return request.method;
    }
}
function hostOf(request) {
    try {
        return new URL(request.url).host;
    }
    catch {
        return 'the service';
    }
}
function collapse(text, max) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > max ? `${line.slice(0, max)}…` : line;
}
function withHint(message, hint) {
    return hint ? `${message}. Hint: ${hint}` : message;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function errors_text(value) {
    if (typeof value === 'string' && value.trim() !== '')
        return value;
    if (typeof value === 'number')
        return String(value);
    return undefined;
}
/** Reads `{error_code, error_msg}`, the v1 `{error_code, error_message}` and IAM's `{error: {code, message}}`. */
function readServiceError(body) {
    if (!isRecord(body))
        return {};
    const nested = isRecord(body.error) ? body.error : {};
    return {
        code: errors_text(body.error_code) ?? errors_text(nested.code),
        message: errors_text(body.error_message) ?? errors_text(body.error_msg) ?? errors_text(nested.message)
    };
}
function serviceError(request, status, body, extra = {}) {
    const { code, message } = readServiceError(body);
    const what = [code, message ? collapse(message, 500) : undefined].filter(Boolean).join(': ') || 'no error details';
    const requestId = extra.requestId ? ` (request id ${extra.requestId})` : '';
    return new HuaweiCloudError(withHint(`${describe(request)} failed with HTTP ${status}: ${what}${requestId}`, hintFor(code, status)), { kind: 'service', requestSent: true, code, status, retryAfterMs: extra.retryAfterMs });
}
function nonJsonError(request, status, body, retryAfterMs) {
    const shown = body.trim() === '' ? 'an empty body' : `"${collapse(body, 200)}"`;
    return new HuaweiCloudError(withHint(`${describe(request)} returned HTTP ${status} with a body that is not JSON: ${shown}`, status >= 200 && status < 300
        ? 'check that endpoint points at the ModelArts API'
        : hintFor(undefined, status)), { kind: 'protocol', requestSent: true, status, retryAfterMs });
}
/** System error codes that prove nothing reached the server. */
const NOT_SENT_CODES = new Set([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ERR_INVALID_URL'
]);
function systemCode(error) {
    if (isRecord(error) && typeof error.code === 'string')
        return error.code;
    return undefined;
}
function networkError(request, error) {
    const code = systemCode(error);
    const host = hostOf(request);
    const reason = code ?? (error instanceof Error ? collapse(error.message, 200) : 'unknown error');
    const hint = code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'the host name does not resolve: check region and endpoint'
        : code === 'ECONNREFUSED'
            ? 'nothing listens there: check endpoint'
            : code?.startsWith('CERT_') || code?.includes('CERT')
                ? 'TLS certificate problem: check endpoint (and NODE_EXTRA_CA_CERTS for a private CA)'
                : undefined;
    return new HuaweiCloudError(withHint(`${describe(request)}: cannot reach ${host} (${reason})`, hint), {
        kind: 'network',
        requestSent: code === undefined || !NOT_SENT_CODES.has(code),
        systemCode: code
    });
}
function timeoutError(request, timeoutMs) {
    return new HuaweiCloudError(`${describe(request)}: no answer from ${hostOf(request)} within ${Math.round(timeoutMs / 100) / 10} s`, { kind: 'timeout', requestSent: true });
}

;// CONCATENATED MODULE: ./src/huaweicloud/retry.ts
/**
 * The one retry helper: full-jitter exponential backoff, bounded in attempts and in total time,
 * honouring a delay the server asked for, and stopping early when aborted.
 */
const defaultRetryPolicy = {
    maxAttempts: 5,
    baseDelayMs: 1000,
    maxDelayMs: 20_000,
    maxElapsedMs: 120_000,
    maxServerDelayMs: 60_000
};
function abortReason(signal) {
    return signal.reason ?? new Error('The operation was aborted');
}
/** A timer-based sleep that ends early (rejecting) when `signal` aborts. */
const retry_sleep = (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted)
        return reject(abortReason(signal));
    const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
});
/** Full jitter: uniform in [0, min(max, base * 2^(retry-1))]; `retry` counts from 1. */
function backoffDelay(retry, policy, random = Math.random) {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
    return Math.floor(random() * ceiling);
}
/**
 * Retry-After as milliseconds: delay-seconds or an HTTP date (relative to `nowMs`).
 * Undefined when absent or unreadable; never negative.
 */
function parseRetryAfter(value, nowMs) {
    if (value === undefined)
        return undefined;
    const text = value.trim();
    if (text === '')
        return undefined;
    if (/^\d+(\.\d+)?$/.test(text))
        return Math.round(Number(text) * 1000);
    const date = Date.parse(text);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - nowMs);
}
/** Runs `operation` until it succeeds, the error is not retryable, or a bound is reached; rethrows the last error. */
async function withRetry(operation, options) {
    const policy = { ...defaultRetryPolicy, ...options.policy };
    const wait = options.sleep ?? retry_sleep;
    const random = options.random ?? Math.random;
    const now = options.now ?? Date.now;
    const { signal } = options;
    const started = now();
    for (let attempt = 1;; attempt++) {
        if (signal?.aborted)
            throw abortReason(signal);
        try {
            return await operation(attempt);
        }
        catch (error) {
            if (signal?.aborted)
                throw abortReason(signal);
            const decision = options.classify(error);
            if (!decision.retry || attempt >= policy.maxAttempts)
                throw error;
            const backoff = backoffDelay(attempt, policy, random);
            // A server-requested delay wins over the jittered one, within a sane cap.
            const delayMs = decision.serverDelayMs !== undefined
                ? Math.min(Math.max(decision.serverDelayMs, backoff), policy.maxServerDelayMs)
                : backoff;
            if (now() - started + delayMs > policy.maxElapsedMs)
                throw error;
            options.onRetry?.({ attempt, delayMs, error });
            await wait(delayMs, signal);
        }
    }
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/huaweicloud/signer.ts
/**
 * SDK-HMAC-SHA256 request signing, as Huawei Cloud's API gateway checks it.
 * Pure: no I/O, no clock (the caller passes `now`).
 */

const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
/** Headers signed when present, besides `host` and `x-sdk-date` (which are always signed). */
const OPTIONAL_SIGNED_HEADERS = ['content-type', 'x-project-id', 'x-security-token'];
/** `20191115T033655Z`: UTC, basic ISO 8601, no fraction. */
function formatSdkDate(date) {
    return date
        .toISOString()
        .replace(/\.\d{3}Z$/, 'Z')
        .replace(/[-:]/g, '');
}
function sha256Hex(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text, 'utf8').digest('hex');
}
function isUnreserved(byte) {
    return ((byte >= 0x41 && byte <= 0x5a) || // A-Z
        (byte >= 0x61 && byte <= 0x7a) || // a-z
        (byte >= 0x30 && byte <= 0x39) || // 0-9
        byte === 0x2d || // -
        byte === 0x2e || // .
        byte === 0x5f || // _
        byte === 0x7e // ~
    );
}
function percentEncodeBytes(bytes) {
    let out = '';
    for (const byte of bytes) {
        out += isUnreserved(byte)
            ? String.fromCharCode(byte)
            : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
    }
    return out;
}
/** Percent-encodes the UTF-8 bytes of `text`, keeping only `A-Z a-z 0-9 - _ . ~`. */
function signerEncode(text) {
    return percentEncodeBytes(Buffer.from(text, 'utf8'));
}
/** Decodes `%XX` escapes to bytes; anything else (including a malformed `%`) stays as its UTF-8 bytes. */
function percentDecodeToBytes(text) {
    const bytes = [];
    for (let i = 0; i < text.length;) {
        if (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
            bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
            i += 3;
            continue;
        }
        const codePoint = text.codePointAt(i) ?? 0;
        const char = String.fromCodePoint(codePoint);
        bytes.push(...Buffer.from(char, 'utf8'));
        i += char.length;
    }
    return Uint8Array.from(bytes);
}
/**
 * The URL path as the gateway canonicalises it: decode, split on `/`, encode each segment,
 * and end with `/`. `pathname` is the path as it appears in the URL (percent-encoded or not).
 */
function canonicalUri(pathname) {
    const bytes = percentDecodeToBytes(pathname);
    const segments = [];
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
        if (i === bytes.length || bytes[i] === 0x2f) {
            segments.push(percentEncodeBytes(bytes.subarray(start, i)));
            start = i + 1;
        }
    }
    const uri = segments.join('/');
    return uri.endsWith('/') ? uri : uri + '/';
}
// Plain UTF-16 order, the order of JavaScript's default sort used by the official Node.js signer.
function compareStrings(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** Keys sorted, repeated keys' values sorted, key and value encoded, joined with `&`. */
function canonicalQueryString(search) {
    const valuesByKey = new Map();
    for (const [key, value] of search) {
        const values = valuesByKey.get(key);
        if (values)
            values.push(value);
        else
            valuesByKey.set(key, [value]);
    }
    const pairs = [];
    for (const key of [...valuesByKey.keys()].sort(compareStrings)) {
        for (const value of (valuesByKey.get(key) ?? []).sort(compareStrings)) {
            pairs.push(`${signerEncode(key)}=${signerEncode(value)}`);
        }
    }
    return pairs.join('&');
}
function headerValue(headers, lowerName) {
    for (const [name, value] of Object.entries(headers)) {
        if (name.toLowerCase() === lowerName)
            return value;
    }
    return undefined;
}
/**
 * The six canonical parts joined with `\n`. `signedHeaders` are lower-case names; their values come
 * from `req.headers` (any case), except `host`, which defaults to the URL's host (with a non-default port).
 */
function canonicalRequest(req, signedHeaders) {
    const url = new URL(req.url);
    const names = signedHeaders.map(name => name.toLowerCase()).sort(compareStrings);
    const canonicalHeaders = names
        .map(name => {
        const value = headerValue(req.headers, name) ?? (name === 'host' ? url.host : '');
        return `${name}:${value.trim()}\n`;
    })
        .join('');
    return [
        req.method.toUpperCase(),
        canonicalUri(url.pathname),
        canonicalQueryString(url.searchParams),
        canonicalHeaders,
        names.join(';'),
        sha256Hex(req.body)
    ].join('\n');
}
function stringToSign(sdkDate, canonical) {
    return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}
function signature(secretKey, toSign) {
    return (0,external_node_crypto_.createHmac)('sha256', Buffer.from(secretKey, 'utf8')).update(toSign, 'utf8').digest('hex');
}
/** The names `signRequest` signs for this request: host, x-sdk-date and the optional headers present. */
function headersToSign(req) {
    const present = new Set(Object.keys(req.headers).map(name => name.toLowerCase()));
    return ['host', 'x-sdk-date', ...OPTIONAL_SIGNED_HEADERS.filter(name => present.has(name))].sort(compareStrings);
}
/** Returns the headers to add to `req`: `X-Sdk-Date` and `Authorization`. */
function signRequest(req, keys, now) {
    const sdkDate = formatSdkDate(now);
    const withoutDate = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name.toLowerCase() !== 'x-sdk-date'));
    const dated = { ...req, headers: { ...withoutDate, 'X-Sdk-Date': sdkDate } };
    const signed = headersToSign(dated);
    const toSign = stringToSign(sdkDate, canonicalRequest(dated, signed));
    return {
        'X-Sdk-Date': sdkDate,
        Authorization: `${SIGNING_ALGORITHM} Access=${keys.accessKey}, SignedHeaders=${signed.join(';')}, Signature=${signature(keys.secretKey, toSign)}`
    };
}

;// CONCATENATED MODULE: ./src/huaweicloud/http.ts




const DEFAULT_TIMEOUT_MS = 30_000;
const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8';
/** ModelArts' "logs not ready yet" comes as an error code with HTTP 204: the caller asks again later. */
const NOT_READY_CODE = 'ModelArts.2776';
// http-client passes URL.hostname on, whose IPv6 brackets ([::1]) Node's resolver rejects.
const unbracketIpv6 = {
    prepareRequest: options => {
        if (typeof options.host === 'string' && options.host.startsWith('['))
            options.host = options.host.slice(1, -1);
    },
    canHandleAuthentication: () => false,
    handleAuthentication: () => Promise.reject(new Error('no authentication handler'))
};
/** `url` with `query` appended, encoded the way the signer canonicalises it. */
function buildUrl(url, query) {
    const pairs = Object.entries(query ?? {})
        .filter((entry) => entry[1] !== undefined)
        .map(([key, value]) => `${signerEncode(key)}=${signerEncode(String(value))}`);
    if (pairs.length === 0)
        return url;
    const hashless = url.split('#')[0] ?? url;
    const separator = !hashless.includes('?')
        ? '?'
        : hashless.endsWith('?') || hashless.endsWith('&')
            ? ''
            : '&';
    return `${hashless}${separator}${pairs.join('&')}`;
}
function flattenHeaders(headers) {
    const flat = {};
    for (const [name, value] of Object.entries(headers)) {
        flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
    return flat;
}
function http_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function pathOf(url) {
    return new URL(url).pathname;
}
function createHttpClient(options) {
    const { authorizer } = options;
    const now = options.now ?? Date.now;
    const debug = options.debug ?? (() => undefined);
    // http-client takes its socket timeout per client, so there is one (keep-alive) client per timeout.
    const clients = new Map();
    function clientFor(timeoutMs) {
        let client = clients.get(timeoutMs);
        if (!client) {
            client = new lib/* HttpClient */.Qq(options.userAgent, [unbracketIpv6], {
                keepAlive: true,
                socketTimeout: timeoutMs,
                allowRetries: false,
                allowRedirects: false
            });
            clients.set(timeoutMs, client);
        }
        return client;
    }
    function send(label, body, headers, timeoutMs) {
        return new Promise((resolve, reject) => {
            let settled = false;
            let destroyBody;
            const finish = (settle) => {
                if (settled)
                    return;
                settled = true;
                clearTimeout(deadline);
                settle();
            };
            // The socket timeout only covers idle time before the response; this bounds the whole exchange.
            const deadline = setTimeout(() => {
                finish(() => reject(timeoutError(label, timeoutMs)));
                destroyBody?.();
            }, timeoutMs);
            clientFor(timeoutMs)
                .request(label.method, label.url, body === '' ? null : body, headers)
                .then(response => {
                const { message } = response;
                if (settled) {
                    message.destroy();
                    return;
                }
                destroyBody = () => message.destroy();
                const chunks = [];
                message.on('data', (chunk) => chunks.push(chunk));
                message.on('end', () => finish(() => resolve({
                    status: message.statusCode ?? 0,
                    headers: flattenHeaders(message.headers),
                    text: Buffer.concat(chunks).toString('utf8')
                })));
                message.on('error', error => finish(() => reject(networkError(label, error))));
                message.on('close', () => {
                    if (!message.complete) {
                        const cut = Object.assign(new Error('connection closed during the response'), {
                            code: 'ECONNRESET'
                        });
                        finish(() => reject(networkError(label, cut)));
                    }
                });
            }, (error) => {
                const timedOut = error instanceof Error && error.message.startsWith('Request timeout');
                finish(() => reject(timedOut ? timeoutError(label, timeoutMs) : networkError(label, error)));
            });
        });
    }
    function interpret(label, raw) {
        const { status, headers, text } = raw;
        const ok = status >= 200 && status < 300;
        const retryAfterMs = parseRetryAfter(headers['retry-after'], now());
        const requestId = headers['x-request-id'];
        if (text.trim() === '') {
            if (ok)
                return { status, headers, body: undefined };
            throw serviceError(label, status, undefined, { requestId, retryAfterMs });
        }
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch {
            throw nonJsonError(label, status, text, retryAfterMs);
        }
        if (readServiceError(parsed).code === NOT_READY_CODE)
            return { status, headers, body: parsed };
        // v1 reports failures with is_success: false under any HTTP status, even 200.
        if (!ok || (http_isRecord(parsed) && parsed.is_success === false)) {
            throw serviceError(label, status, parsed, { requestId, retryAfterMs });
        }
        return { status, headers, body: parsed };
    }
    async function request(req) {
        const url = buildUrl(req.url, req.query);
        const label = { method: req.method, url };
        const path = pathOf(url);
        const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        const body = req.body === undefined ? '' : JSON.stringify(req.body);
        const baseHeaders = { Accept: 'application/json', ...req.headers };
        if (body !== '')
            baseHeaders['Content-Type'] = JSON_CONTENT_TYPE;
        else if (req.method === 'POST' || req.method === 'PUT')
            baseHeaders['Content-Length'] = '0';
        const attempt = async () => {
            const outgoing = { method: req.method, url, headers: { ...baseHeaders }, body };
            // Authorized on every attempt, so each carries a fresh X-Sdk-Date or a renewed token.
            const auth = req.anonymous ? {} : await authorizer.authorize(outgoing);
            const started = now();
            try {
                const response = interpret(label, await send(label, body, { ...outgoing.headers, ...auth }, timeoutMs));
                debug(`${req.method} ${path}: HTTP ${response.status} in ${now() - started} ms`);
                return response;
            }
            catch (error) {
                if (error instanceof HuaweiCloudError) {
                    const outcome = error.status !== undefined ? `HTTP ${error.status}` : error.kind;
                    debug(`${req.method} ${path}: ${outcome} after ${now() - started} ms`);
                }
                throw error;
            }
        };
        const attemptWithRenewal = async () => {
            try {
                return await attempt();
            }
            catch (error) {
                if (error instanceof HuaweiCloudError &&
                    error.status === 401 &&
                    !req.anonymous &&
                    authorizer.invalidate) {
                    // The gateway reports expired tokens under several codes: renew once and see.
                    debug(`${req.method} ${path}: credentials rejected, renewing them once`);
                    authorizer.invalidate();
                    return await attempt();
                }
                throw error;
            }
        };
        if (!req.idempotent)
            return attemptWithRenewal();
        return withRetry(attemptWithRenewal, {
            policy: options.retry,
            sleep: options.sleep,
            random: options.random,
            now,
            signal: req.signal,
            classify: error => error instanceof HuaweiCloudError && error.retryable
                ? { retry: true, serverDelayMs: error.retryAfterMs }
                : { retry: false },
            onRetry: ({ attempt, delayMs }) => debug(`${req.method} ${path}: retrying (attempt ${attempt + 1}) in ${delayMs} ms`)
        });
    }
    return {
        request,
        dispose: () => {
            for (const client of clients.values())
                client.dispose();
            clients.clear();
        }
    };
}

;// CONCATENATED MODULE: ./src/huaweicloud/credentials.ts
/**
 * The three ways to authenticate (AK/SK, IAM token, GitHub OIDC) behind one Authorizer interface,
 * plus the two IAM calls they need. No @actions/core: the caller masks what `secretsOf` lists and
 * what `onToken` receives.
 */


/** Renew an OIDC-exchanged token this long before it expires. */
const TOKEN_RENEWAL_MARGIN_MS = 5 * 60_000;
/** Assumed lifetime when IAM's answer has no readable expiry. */
const FALLBACK_TOKEN_LIFETIME_MS = 60 * 60_000;
/** The values that must be masked in logs; empty and undefined ones are left out. */
function secretsOf(credentials) {
    return [credentials.secretKey, credentials.securityToken, credentials.authToken].filter((value) => typeof value === 'string' && value !== '');
}
function accessKeyAuthorizer(options) {
    const now = options.now ?? (() => new Date());
    const keys = { accessKey: options.accessKey, secretKey: options.secretKey };
    return {
        description: 'AK/SK (signed requests)',
        async authorize(request) {
            const extra = {};
            if (options.projectId)
                extra['X-Project-Id'] = options.projectId;
            if (options.securityToken)
                extra['X-Security-Token'] = options.securityToken;
            const signed = signRequest({ ...request, headers: { ...request.headers, ...extra } }, keys, now());
            return { ...extra, ...signed };
        }
    };
}
function tokenAuthorizer(token) {
    return {
        description: 'IAM token',
        async authorize() {
            return { 'X-Auth-Token': token };
        }
    };
}
function oidcAuthorizer(options) {
    const now = options.now ?? (() => new Date());
    let current;
    let pending;
    async function renew() {
        const idToken = await options.getIdToken();
        options.onToken?.(idToken);
        const obtainedAt = now().getTime();
        const fresh = await options.exchange(idToken);
        options.onToken?.(fresh.token);
        // Renew ahead of expiry; a short-lived token keeps three quarters of its life.
        const lifetime = fresh.expiresAt.getTime() - obtainedAt;
        return { ...fresh, renewAt: fresh.expiresAt.getTime() - Math.min(TOKEN_RENEWAL_MARGIN_MS, lifetime / 4) };
    }
    function isFresh(token) {
        return token !== undefined && now().getTime() < token.renewAt;
    }
    return {
        description: `GitHub OIDC via identity provider ${options.idpId}`,
        async authorize() {
            if (!isFresh(current)) {
                // Concurrent requests share one exchange; a failed one is not cached.
                pending ??= renew().finally(() => {
                    pending = undefined;
                });
                current = await pending;
            }
            return { 'X-Auth-Token': current.token };
        },
        invalidate() {
            current = undefined;
        }
    };
}
function credentials_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function trimSlash(url) {
    return url.replace(/\/+$/, '');
}
/** Reads IAM's `expires_at` (`2024-01-01T00:00:00.000000Z`, microseconds allowed). */
function parseIamExpiry(value) {
    if (typeof value !== 'string')
        return undefined;
    const time = Date.parse(value.replace(/(\.\d{3})\d+/, '$1'));
    return Number.isNaN(time) ? undefined : new Date(time);
}
/** Trades a GitHub OIDC ID token for a project-scoped IAM token through identity provider `idpId`. */
async function exchangeIdToken(http, iamEndpoint, idpId, projectId, idToken, now = () => new Date()) {
    const context = `Exchanging the GitHub OIDC token at IAM (identity provider ${idpId}) failed`;
    const fix = 'check idp_id, oidc_audience and the identity provider (issuer https://token.actions.githubusercontent.com, client id = audience, mapping rules)';
    try {
        const response = await http.request({
            method: 'POST',
            url: `${trimSlash(iamEndpoint)}/v3.0/OS-AUTH/id-token/tokens`,
            headers: { 'X-Idp-Id': idpId },
            body: { auth: { id_token: { id: idToken }, scope: { project: { id: projectId } } } },
            // Nothing is created: a repeated exchange only mints another token.
            idempotent: true,
            anonymous: true
        });
        const token = response.headers['x-subject-token'];
        if (!token) {
            throw new HuaweiCloudError(`${context}: IAM answered without an X-Subject-Token header`, {
                kind: 'protocol',
                requestSent: true,
                status: response.status
            });
        }
        const body = credentials_isRecord(response.body) ? response.body : {};
        const expiresAt = parseIamExpiry(credentials_isRecord(body.token) ? body.token.expires_at : undefined) ??
            new Date(now().getTime() + FALLBACK_TOKEN_LIFETIME_MS);
        return { token, expiresAt };
    }
    catch (error) {
        if (error instanceof HuaweiCloudError && !error.message.startsWith(context)) {
            const status = error.status;
            const hinted = status === 400 || status === 401 || status === 403 ? `${error.message}. Also ${fix}` : error.message;
            throw new HuaweiCloudError(`${context}: ${hinted}`, error);
        }
        throw error;
    }
}
/** The id of the project named after `region`, e.g. cn-north-4: exactly one must exist. */
async function lookupProjectId(http, iamEndpoint, region) {
    const response = await http.request({
        method: 'GET',
        url: `${trimSlash(iamEndpoint)}/v3/projects`,
        query: { name: region },
        idempotent: true
    });
    const body = credentials_isRecord(response.body) ? response.body : {};
    const projects = Array.isArray(body.projects) ? body.projects.filter(credentials_isRecord) : [];
    const ids = projects
        .map(project => project.id)
        .filter((id) => typeof id === 'string' && id !== '');
    if (ids.length === 1 && ids[0] !== undefined)
        return ids[0];
    const problem = ids.length === 0
        ? `IAM lists no project named "${region}" for these credentials`
        : `IAM lists ${ids.length} projects named "${region}"`;
    throw new HuaweiCloudError(`${problem}: set project_id (console: My Credentials > Projects), or check region`, {
        kind: 'service',
        requestSent: true,
        status: response.status,
        retryable: false
    });
}

// EXTERNAL MODULE: ./src/huaweicloud/endpoints.ts
var endpoints = __webpack_require__(4636);
;// CONCATENATED MODULE: ./src/modelarts/v1.ts

/** The service sends ids and numbers sometimes as strings ("10"), sometimes as numbers. */
const idOf = (value) => (value === undefined || value === null ? '' : String(value));
const numberOf = (value) => {
    if (typeof value === 'number')
        return value;
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
        return Number(value);
    return undefined;
};
function created(body) {
    const result = {
        jobId: idOf(body.job_id),
        jobName: idOf(body.job_name),
        versionId: idOf(body.version_id),
        versionName: idOf(body.version_name),
        statusCode: numberOf(body.status) ?? 0
    };
    const createTime = numberOf(body.create_time);
    if (createTime !== undefined)
        result.createTime = createTime;
    if (!result.jobId || !result.versionId) {
        throw new HuaweiCloudError('ModelArts answered the create call without a job_id or version_id; check the job list in the console.', { kind: 'protocol', requestSent: true, retryable: false });
    }
    return result;
}
const PAGE_SIZE = 1000; // the largest per_page the list APIs accept
const MAX_PAGES = 100;
const LOG_PAGE_LINES = 500; // the largest `lines` aom-log accepts
function trainingJobsV1(http, endpoint, projectId) {
    const base = `${endpoint}/v1/${encodeURIComponent(projectId)}/training-jobs`;
    const versionUrl = (jobId, versionId) => `${base}/${encodeURIComponent(jobId)}/versions/${encodeURIComponent(versionId)}`;
    const read = async (url, query) => http.request({ method: 'GET', url, query, idempotent: true });
    return {
        async createJob(definition) {
            const response = await http.request({
                method: 'POST',
                url: base,
                body: definition,
                idempotent: false
            });
            return created(response.body ?? {});
        },
        async createVersion(jobId, preVersionId, definition) {
            const preVersion = numberOf(preVersionId) ?? preVersionId;
            const body = { config: { ...definition.config, pre_version_id: preVersion } };
            if (definition.job_desc !== undefined)
                body.job_desc = definition.job_desc;
            const response = await http.request({
                method: 'POST',
                url: `${base}/${encodeURIComponent(jobId)}/versions`,
                body,
                idempotent: false
            });
            // The versions call may omit the job name: it is the job we asked for.
            return created({ job_id: jobId, job_name: definition.job_name, ...(response.body ?? {}) });
        },
        async findJobs(search, workspaceId) {
            const jobs = [];
            for (let page = 1; page <= MAX_PAGES; page++) {
                const { body } = await read(base, {
                    search_content: search,
                    per_page: PAGE_SIZE,
                    page,
                    workspace_id: workspaceId
                });
                const items = Array.isArray(body?.jobs) ? body.jobs : [];
                for (const item of items) {
                    const job = {
                        jobId: idOf(item.job_id),
                        jobName: idOf(item.job_name),
                        versionId: idOf(item.version_id),
                        statusCode: numberOf(item.status) ?? 0
                    };
                    const versionCount = numberOf(item.version_count);
                    if (versionCount !== undefined)
                        job.versionCount = versionCount;
                    const createTime = numberOf(item.create_time);
                    if (createTime !== undefined)
                        job.createTime = createTime;
                    jobs.push(job);
                }
                const total = numberOf(body?.job_total_count);
                if (items.length < PAGE_SIZE || (total !== undefined && page * PAGE_SIZE >= total))
                    break;
            }
            return jobs;
        },
        async listVersions(jobId) {
            const versions = [];
            for (let page = 1; page <= MAX_PAGES; page++) {
                const { body } = await read(`${base}/${encodeURIComponent(jobId)}/versions`, {
                    per_page: PAGE_SIZE,
                    page
                });
                const items = Array.isArray(body?.versions) ? body.versions : [];
                for (const item of items) {
                    const version = {
                        versionId: idOf(item.version_id),
                        versionName: idOf(item.version_name),
                        statusCode: numberOf(item.status) ?? 0
                    };
                    const createTime = numberOf(item.create_time);
                    if (createTime !== undefined)
                        version.createTime = createTime;
                    versions.push(version);
                }
                if (items.length < PAGE_SIZE)
                    break;
            }
            // Newest first, whatever order the service used: version ids grow.
            return versions.sort((a, b) => compareIds(b.versionId, a.versionId));
        },
        async getVersion(jobId, versionId) {
            const { body = {} } = await read(versionUrl(jobId, versionId));
            const detail = {
                jobId: idOf(body.job_id) || jobId,
                jobName: idOf(body.job_name),
                versionId: idOf(body.version_id) || versionId,
                versionName: idOf(body.version_name),
                statusCode: numberOf(body.status) ?? 0,
                raw: body
            };
            const durationMs = numberOf(body.duration);
            if (durationMs !== undefined)
                detail.durationMs = durationMs;
            const startTime = numberOf(body.start_time);
            if (startTime !== undefined)
                detail.startTime = startTime;
            const createTime = numberOf(body.create_time);
            if (createTime !== undefined)
                detail.createTime = createTime;
            return detail;
        },
        async stopVersion(jobId, versionId) {
            // Stopping twice is harmless, so the call may be retried like a read.
            await http.request({ method: 'POST', url: `${versionUrl(jobId, versionId)}/stop`, idempotent: true });
        },
        async logFileNames(jobId, versionId) {
            const { status, body } = await read(`${versionUrl(jobId, versionId)}/log/file-names`);
            if (status === 204 || !Array.isArray(body?.log_file_list))
                return [];
            return body.log_file_list.map(idOf).filter(name => name !== '');
        },
        async logLines(jobId, versionId, file, cursor) {
            // order=desc means "the records after base_line"; an empty base_line gives the newest lines.
            const { status, body } = await read(`${versionUrl(jobId, versionId)}/aom-log`, {
                log_file: file,
                lines: LOG_PAGE_LINES,
                base_line: cursor ?? '',
                order: 'desc'
            });
            if (status === 204 || body === undefined)
                return { lines: [], cursor };
            const content = typeof body.content === 'string' ? body.content : '';
            const count = numberOf(body.lines);
            if (content === '' || count === 0)
                return { lines: [], cursor };
            const end = idOf(body.end_line);
            return { lines: content.replace(/\n$/, '').split('\n'), cursor: end || cursor };
        }
    };
}
/** Compares decimal id strings numerically, whatever their length. */
function compareIds(a, b) {
    if (a.length !== b.length && /^\d+$/.test(a) && /^\d+$/.test(b))
        return a.length - b.length;
    return a < b ? -1 : a > b ? 1 : 0;
}

;// CONCATENATED MODULE: ./src/service.ts
/** From Settings to a ready TrainingJobsApi: endpoint, project, credentials, the HTTP client. */





const USER_AGENT = 'modelarts-training-job-action/1';
function authorizerFor(credentials, projectId, iam, track) {
    switch (credentials.kind) {
        case 'aksk':
            return accessKeyAuthorizer({ ...credentials, ...(projectId ? { projectId } : {}) });
        case 'token':
            return tokenAuthorizer(credentials.token);
        case 'oidc': {
            if (!projectId)
                throw new Error('Keyless OIDC needs a project: set input `project_id`.');
            const exchanger = createHttpClient({ authorizer: noAuthorizer, userAgent: USER_AGENT });
            track(exchanger);
            return oidcAuthorizer({
                idpId: credentials.idpId,
                iamEndpoint: iam(),
                projectId,
                getIdToken: async () => {
                    try {
                        return await core/* getIDToken */.V9(credentials.audience);
                    }
                    catch (error) {
                        throw new Error(`Could not get the workflow's OIDC token (${error.message}): ` +
                            'add `permissions: id-token: write` to the job.');
                    }
                },
                exchange: async (idToken) => {
                    const token = await exchangeIdToken(exchanger, iam(), credentials.idpId, projectId, idToken);
                    core/* setSecret */.Pq(token.token);
                    return token;
                }
            });
        }
    }
}
const noAuthorizer = { description: 'none', authorize: async () => ({}) };
async function connect(settings) {
    const credentials = settings.credentials;
    if (!credentials)
        throw new Error('No credentials.');
    const endpoint = settings.endpoint ?? (0,endpoints/* modelartsEndpoint */.lA)(settings.region ?? '');
    const iam = () => settings.iamEndpoint ?? (0,endpoints/* iamEndpoint */.rW)(settings.region ?? '');
    const clients = [];
    const withTimeout = (http) => {
        clients.push(http);
        return {
            request: (req) => http.request({ timeoutMs: settings.requestTimeoutMs, ...req })
        };
    };
    let projectId = settings.projectId;
    if (!projectId) {
        // Only AK/SK and token credentials can ask IAM; OIDC needs the project to get its token at all.
        const lookup = withTimeout(createHttpClient({
            authorizer: authorizerFor(credentials, undefined, iam, withTimeout),
            userAgent: USER_AGENT
        }));
        projectId = await lookupProjectId(lookup, iam(), settings.region ?? '');
        core/* info */.pq(`Project ${projectId} (looked up for region ${settings.region}).`);
    }
    const authorizer = authorizerFor(credentials, projectId, iam, withTimeout);
    core/* info */.pq(`Credentials: ${authorizer.description}.`);
    const http = withTimeout(createHttpClient({ authorizer, userAgent: USER_AGENT, debug: message => core/* debug */.Yz(message) }));
    return {
        api: trainingJobsV1(http, endpoint, projectId),
        endpoint,
        projectId,
        ...(settings.region ? { region: settings.region } : {}),
        jobUrl: settings.endpoint || !settings.region ? '' : (0,endpoints/* consoleJobsUrl */.nk)(settings.region),
        dispose: () => clients.forEach(client => client.dispose())
    };
}

;// CONCATENATED MODULE: ./src/modelarts/submit.ts

const NAME_TAKEN = 'ModelArts.0103';
const asError = (error) => typeof error === 'object' && error !== null ? error : {};
/** The request may have reached the service, and its answer does not tell whether it took effect. */
function isAmbiguous(error) {
    const e = asError(error);
    if (e.requestSent !== true)
        return false;
    return e.kind === 'network' || e.kind === 'timeout' || (e.status !== undefined && e.status >= 500);
}
/** A transient failure before the request left (connection refused): safe to send again as it is. */
const neverSent = (error) => {
    const e = asError(error);
    return e.requestSent === false && e.retryable === true;
};
/** Clock skew tolerated between the runner and the service when deciding "created by this attempt". */
const SKEW_MS = 5 * 60 * 1000;
async function submitTrainingJob(api, definition, options) {
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? ((ms) => retry_sleep(ms));
    const maxAttempts = options.maxAttempts ?? 3;
    const name = definition.job_name;
    const workspace = definition.workspace_id;
    const findExact = async () => (await api.findJobs(name, workspace)).find(job => job.jobName === name);
    // Try the create first: one call in the common case, and the service alone decides whether the name is taken.
    for (let attempt = 1;; attempt++) {
        const startedAt = now();
        try {
            return { created: await api.createJob(definition), kind: 'job', adopted: false };
        }
        catch (error) {
            if (asError(error).code === NAME_TAKEN) {
                if (options.ifExists !== 'new_version')
                    throw error;
                break;
            }
            if (neverSent(error) && attempt < maxAttempts) {
                await sleep(backoffDelay(attempt, defaultRetryPolicy));
                continue;
            }
            if (!isAmbiguous(error))
                throw error;
            options.log(`The create call for job "${name}" ended without an answer; checking whether the job was made.`);
            const existing = await findExact();
            if (existing && (existing.createTime === undefined || existing.createTime >= startedAt - SKEW_MS)) {
                options.log(`Job "${name}" (id ${existing.jobId}) exists and is new: adopting it instead of creating it again.`);
                const first = (await api.listVersions(existing.jobId)).at(-1);
                return { created: fromSummary(existing, name, first), kind: 'job', adopted: true };
            }
            if (existing) {
                // The name belonged to an older job all along.
                if (options.ifExists !== 'new_version')
                    throw error;
                break;
            }
            if (attempt >= maxAttempts)
                throw error;
            await sleep(backoffDelay(attempt, defaultRetryPolicy));
        }
    }
    return createNewVersion(api, definition, options, findExact, { now, sleep, maxAttempts });
}
async function createNewVersion(api, definition, options, findExact, { now, sleep, maxAttempts }) {
    const name = definition.job_name;
    const job = await findExact();
    if (!job) {
        throw new Error(`ModelArts says job name "${name}" is taken, but no job of that exact name is visible in workspace ` +
            `${definition.workspace_id ?? '0'}: check the workspace_id and the credentials' permissions.`);
    }
    const versions = await api.listVersions(job.jobId);
    const previous = versions[0]?.versionId ?? job.versionId;
    options.log(`Job "${name}" exists (id ${job.jobId}); creating a new version after version ${previous}.`);
    for (let attempt = 1;; attempt++) {
        const startedAt = now();
        try {
            const created = await api.createVersion(job.jobId, previous, definition);
            return { created, kind: 'version', previousVersionId: previous, adopted: false };
        }
        catch (error) {
            if (neverSent(error) && attempt < maxAttempts) {
                await sleep(backoffDelay(attempt, defaultRetryPolicy));
                continue;
            }
            if (!isAmbiguous(error))
                throw error;
            options.log(`The create call for a new version of job ${job.jobId} ended without an answer; checking the versions.`);
            const latest = (await api.listVersions(job.jobId))[0];
            if (latest &&
                latest.versionId !== previous &&
                (latest.createTime === undefined || latest.createTime >= startedAt - SKEW_MS)) {
                options.log(`Version ${latest.versionName} (id ${latest.versionId}) exists and is new: adopting it.`);
                return {
                    created: { ...latest, jobId: job.jobId, jobName: name },
                    kind: 'version',
                    previousVersionId: previous,
                    adopted: true
                };
            }
            if (attempt >= maxAttempts)
                throw error;
            await sleep(backoffDelay(attempt, defaultRetryPolicy));
        }
    }
}
function fromSummary(job, name, first) {
    const created = {
        jobId: job.jobId,
        jobName: name,
        versionId: first?.versionId ?? job.versionId,
        versionName: first?.versionName ?? 'V0001',
        statusCode: first?.statusCode ?? job.statusCode
    };
    if (job.createTime !== undefined)
        created.createTime = job.createTime;
    return created;
}

// EXTERNAL MODULE: ./src/modelarts/status.ts
var modelarts_status = __webpack_require__(4609);
// EXTERNAL MODULE: ./src/cancel.ts
var src_cancel = __webpack_require__(833);
;// CONCATENATED MODULE: ./src/modelarts/wait.ts

const defaultMaxFailureMs = 10 * 60_000;
// Never poll in a tight loop, whatever interval was asked for.
const minimumPollIntervalMs = 100;
// After failed reads the next poll comes later (doubling), but never later than this unless the interval is longer.
const maximumBackoffMs = 60_000;
const refreshLogFilesEveryPolls = 10;
const logPagesPerPoll = 20;
const logPagesFinalDrain = 200;
/** Thrown inside the loop when the signal aborts; turned into the 'cancelled' outcome. */
class Cancelled extends Error {
}
async function waitForTerminalStatus(options) {
    const { api, jobId, versionId, callbacks, signal } = options;
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? sleepUnlessAborted;
    const maxFailureMs = options.maxFailureMs ?? defaultMaxFailureMs;
    const pollIntervalMs = Math.max(options.pollIntervalMs, minimumPollIntervalMs);
    const startedAt = now();
    const elapsed = () => now() - startedAt;
    let status = options.initialStatus;
    const timeline = status ? [{ status, atMs: 0 }] : [];
    let failingSince;
    let failuresInARow = 0;
    const logs = options.streamLogs ? new LogFollower(options, now, maxFailureMs) : undefined;
    const untilAborted = (work) => raceAbort(work, signal);
    const ended = (outcome) => ({
        outcome,
        status,
        waitedMs: elapsed(),
        timeline
    });
    try {
        for (;;) {
            if (signal?.aborted)
                return ended('cancelled');
            if (elapsed() >= options.timeoutMs)
                return ended('timeout');
            let detail;
            try {
                detail = await untilAborted(api.getVersion(jobId, versionId));
                failingSince = undefined;
                failuresInARow = 0;
            }
            catch (error) {
                if (error instanceof Cancelled || !wait_isRetryable(error))
                    throw error;
                failingSince ??= now();
                failuresInARow++;
                const failingForMs = now() - failingSince;
                if (failingForMs > maxFailureMs)
                    throw error;
                callbacks.transientFailure(`Reading the job status failed, retrying: ${messageOf(error)}`, failingForMs);
            }
            if (detail) {
                const seen = (0,modelarts_status/* jobStatus */.W)(detail.statusCode);
                const atMs = elapsed();
                if (seen.terminal) {
                    // The last lines often reach the log service after the status changes: read them all before
                    // announcing the end, so the log reads in order.
                    await logs?.drain(untilAborted, true).catch(ignoreCancelled);
                }
                // Names are unique per code, and also compare equal for undocumented non-numeric codes.
                if (seen.name !== status?.name) {
                    const previous = status;
                    status = seen;
                    timeline.push({ status: seen, atMs });
                    callbacks.statusChanged(seen, atMs, previous);
                }
                if (seen.terminal) {
                    return {
                        outcome: 'terminal',
                        status: seen,
                        detail,
                        waitedMs: elapsed(),
                        timeline,
                        ...(detail.durationMs !== undefined && { durationMs: detail.durationMs })
                    };
                }
            }
            await logs?.drain(untilAborted, false);
            const backoffMs = Math.min(pollIntervalMs * 2 ** failuresInARow, Math.max(pollIntervalMs, maximumBackoffMs));
            const untilTimeoutMs = options.timeoutMs - elapsed();
            if (untilTimeoutMs <= 0)
                continue;
            await untilAborted(sleep(Math.min(backoffMs, untilTimeoutMs), signal).catch(ignoreAbortRejection));
        }
    }
    catch (error) {
        if (error instanceof Cancelled)
            return ended('cancelled');
        throw error;
    }
}
/**
 * Prints each log line once, in order, keeping only a cursor per file (never the log itself).
 * Its failures never end the wait: transient ones are retried at the next poll, others stop the streaming.
 */
class LogFollower {
    options;
    now;
    maxFailureMs;
    files = [];
    cursors = new Map();
    pollsSinceRefresh = 0;
    stopped = false;
    failingSince;
    constructor(options, now, maxFailureMs) {
        this.options = options;
        this.now = now;
        this.maxFailureMs = maxFailureMs;
    }
    async drain(untilAborted, final) {
        if (this.stopped)
            return;
        const { api, jobId, versionId } = this.options;
        try {
            if (final || this.files.length === 0 || this.pollsSinceRefresh >= refreshLogFilesEveryPolls) {
                this.addFiles(await untilAborted(api.logFileNames(jobId, versionId)));
                this.pollsSinceRefresh = 0;
            }
            this.pollsSinceRefresh++;
            const workers = workerNames(this.files);
            for (const file of this.files) {
                await this.drainFile(file, workers.get(file), untilAborted, final ? logPagesFinalDrain : logPagesPerPoll);
            }
            this.failingSince = undefined;
        }
        catch (error) {
            if (error instanceof Cancelled)
                throw error;
            this.failed(error);
        }
    }
    addFiles(names) {
        for (const name of names) {
            if (!this.cursors.has(name)) {
                this.cursors.set(name, undefined);
                this.files.push(name);
            }
        }
    }
    async drainFile(file, worker, untilAborted, maxPages) {
        const { api, jobId, versionId, callbacks } = this.options;
        for (let page = 0; page < maxPages; page++) {
            const before = this.cursors.get(file);
            const chunk = await untilAborted(api.logLines(jobId, versionId, file, before));
            const after = chunk.cursor ?? before;
            // Lines without a moved cursor would come back again next time: print nothing rather than twice.
            if (chunk.lines.length === 0 || after === before)
                return;
            this.cursors.set(file, after);
            for (const line of chunk.lines)
                callbacks.logLine(line, worker);
        }
    }
    failed(error) {
        const { callbacks } = this.options;
        this.failingSince ??= this.now();
        const failingForMs = this.now() - this.failingSince;
        if (wait_isRetryable(error) && failingForMs <= this.maxFailureMs) {
            callbacks.transientFailure(`Reading the training log failed, retrying: ${messageOf(error)}`, failingForMs);
            return;
        }
        this.stopped = true;
        callbacks.transientFailure(`Reading the training log failed, log streaming stopped (still waiting for the job): ${messageOf(error)}`, failingForMs);
    }
}
/** Worker names for the log prefix: only when there are several files, and only if they stay distinct. */
function workerNames(files) {
    const names = new Map();
    if (files.length < 2) {
        for (const file of files)
            names.set(file, undefined);
        return names;
    }
    // Strip a word extension such as `.log`, but keep numeric suffixes like `job.0` that tell workers apart.
    const short = files.map(file => (file.split('/').pop() ?? file).replace(/\.[A-Za-z]+$/, ''));
    const distinct = new Set(short).size === files.length && short.every(name => name !== '');
    files.forEach((file, index) => names.set(file, distinct ? short[index] : file));
    return names;
}
function wait_isRetryable(error) {
    return typeof error === 'object' && error !== null && error.retryable === true;
}
function messageOf(error) {
    return error instanceof Error ? error.message : String(error);
}
function ignoreCancelled(error) {
    if (!(error instanceof Cancelled))
        throw error;
}
// An injected sleep may reject when aborted; the loop checks the signal itself.
function ignoreAbortRejection() { }
/** Settles like `work`, or rejects with Cancelled as soon as the signal aborts. */
function raceAbort(work, signal) {
    if (!signal)
        return work;
    if (signal.aborted) {
        work.catch(() => undefined);
        return Promise.reject(new Cancelled());
    }
    return new Promise((resolve, reject) => {
        const onAbort = () => {
            // The abandoned call may still fail later: that must not become an unhandled rejection.
            work.catch(() => undefined);
            reject(new Cancelled());
        };
        signal.addEventListener('abort', onAbort, { once: true });
        work.then(value => {
            signal.removeEventListener('abort', onAbort);
            resolve(value);
        }, (error) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
        });
    });
}
/** Resolves after `ms`, or at once when the signal aborts. */
function sleepUnlessAborted(ms, signal) {
    return new Promise(resolve => {
        if (signal?.aborted)
            return resolve();
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
    });
}

// EXTERNAL MODULE: ./src/duration.ts
var duration = __webpack_require__(7607);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
// EXTERNAL MODULE: ./src/report/messages.ts
var messages = __webpack_require__(3020);
;// CONCATENATED MODULE: ./src/follow.ts
/** `wait: true`: follows the version to a terminal status, prints its log, stops it on timeout or cancel. */







/** The runner kills the step 7.5 s after SIGINT: the stop must be sent well within that. */
const STOP_ON_CANCEL_BUDGET_MS = 5000;
async function followJob(service, settings, report, cancel) {
    const { jobId, versionId } = report;
    const url = service.jobUrl ? ` (${service.jobUrl})` : '';
    core/* info */.pq(`Waiting for job ${jobId} version ${report.versionName} to end: every ${(0,duration/* formatDuration */.a)(settings.pollIntervalMs)}, ` +
        `at most ${(0,duration/* formatDuration */.a)(settings.timeoutMs)}${url}.`);
    // On cancel, stop at once from the signal handler: the poll may be in the middle of a request.
    let stopping;
    cancel.onCancel(() => {
        report.outcome = 'cancelled';
        stopping = Promise.race([
            (0,src_cancel/* stopJobVersion */.qi)(service, settings, jobId, versionId).then(stopped => {
                report.stopped = stopped;
            }, error => {
                core/* error */.z3(`Could not stop job ${jobId} version ${versionId}: ${(0,messages/* errorMessage */.g)(error)}`);
            }),
            new Promise(resolve => setTimeout(resolve, STOP_ON_CANCEL_BUDGET_MS).unref())
        ]);
    });
    const result = await waitForTerminalStatus({
        api: service.api,
        jobId,
        versionId,
        pollIntervalMs: settings.pollIntervalMs,
        timeoutMs: settings.timeoutMs,
        streamLogs: settings.streamLogs,
        signal: cancel.signal,
        initialStatus: report.status,
        callbacks: {
            statusChanged(status, elapsedMs) {
                core/* info */.pq(`[${(0,duration/* formatDuration */.a)(elapsedMs)}] status: ${(0,modelarts_status/* statusLabel */.R)(status)}${url}`);
                core/* setOutput */.uH('status', status.name);
                core/* setOutput */.uH('status_code', String(status.code));
            },
            logLine(line, worker) {
                core/* info */.pq(worker ? `[${worker}] ${line}` : line);
            },
            transientFailure(message, failingForMs) {
                core/* warning */.$e(`${message} (failing for ${(0,duration/* formatDuration */.a)(failingForMs)})`);
            }
        }
    });
    report.timeline = result.timeline;
    report.waitedMs = result.waitedMs;
    if (result.status)
        report.status = result.status;
    if (result.outcome === 'cancelled') {
        // The wait returned at once; the stop the signal handler sent decides what to say.
        await stopping;
        throw new src_cancel/* CancelledError */.cc(`The workflow was cancelled; job ${jobId} version ${report.versionName} was ` +
            `${report.stopped ? 'stopped' : 'left running'}.`);
    }
    if (result.outcome === 'timeout') {
        report.outcome = 'timeout';
        const last = result.status ? `${result.status.name} (${result.status.code})` : 'unknown';
        report.stopped = await (0,src_cancel/* stopJobVersion */.qi)(service, settings, jobId, versionId);
        throw new Error(`Timed out after waiting ${(0,duration/* formatDuration */.a)(result.waitedMs)}; last status ${last}. The job was ${report.stopped ? 'stopped' : 'left running'}. Raise \`timeout\` to wait longer.`);
    }
    core/* saveState */.LZ(outputs/* STATE */.c.finished, 'ended');
    report.outcome = 'terminal';
    const status = result.status;
    const durationMs = result.durationMs ?? result.detail.durationMs;
    if (durationMs !== undefined) {
        report.durationMs = durationMs;
        core/* setOutput */.uH('duration', String(Math.floor(durationMs / 1000)));
    }
    core/* setOutput */.uH('status', status.name);
    core/* setOutput */.uH('status_code', String(status.code));
    if (status.phase === 'succeeded') {
        core/* info */.pq(`Job ${jobId} version ${report.versionName} completed.`);
        return;
    }
    const message = `Job ${jobId} version ${report.versionName} ended ${(0,modelarts_status/* statusLabel */.R)(status)}.` +
        (service.jobUrl ? ` See the log in the console: ${service.jobUrl}` : '');
    if (settings.failOnJobFailure)
        throw new Error(message);
    core/* warning */.$e(`${message} (fail_on_job_failure is false)`);
}

// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
;// CONCATENATED MODULE: ./src/report/provenance.ts
/** Which workflow run made the job: the link back from a training job summary to its commit and run. */
/**
 * A Markdown line, or undefined outside a runner. @actions/github is loaded here only, after the job
 * exists: it is large, and neither start-up nor validate_only needs it.
 */
async function runProvenance() {
    if (!process.env.GITHUB_REPOSITORY || !process.env.GITHUB_RUN_ID)
        return undefined;
    const { context } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    const { owner, repo } = context.repo;
    const repository = `${context.serverUrl}/${owner}/${repo}`;
    const run = Number.isFinite(context.runNumber) ? `run #${context.runNumber}` : `run ${context.runId}`;
    const parts = [`Created by [${run}](${repository}/actions/runs/${context.runId})`];
    if (context.workflow)
        parts.push(`of workflow \`${context.workflow}\``);
    if (context.sha)
        parts.push(`for commit [\`${context.sha.slice(0, 7)}\`](${repository}/commit/${context.sha})`);
    if (context.actor)
        parts.push(`by @${context.actor}`);
    return `${parts.join(' ')}.`;
}

;// CONCATENATED MODULE: ./src/create.ts
/** Without validate_only: create the job (or a new version), then optionally follow it. */











async function createTrainingJob(settings) {
    const definition = await (0,src_definition/* readJobDefinition */.Jc)(settings.jobFiles[0], settings.definitionInputs);
    const service = await connect(settings);
    try {
        await submitAndFollow(settings, definition, service);
    }
    finally {
        service.dispose();
    }
}
async function submitAndFollow(settings, definition, service) {
    const cancel = (0,src_cancel/* watchForCancel */.rZ)();
    core/* info */.pq(`Creating training job "${definition.job_name}" at ${service.endpoint}.`);
    let submitted;
    try {
        submitted = await submitTrainingJob(service.api, definition, {
            ifExists: settings.ifExists,
            log: message => core/* info */.pq(message)
        });
    }
    catch (error) {
        cancel.dispose();
        await (0,outputs/* writeSummary */.S)((0,summary/* notCreatedSummary */.kw)(definition, service.endpoint, (0,messages/* errorMessage */.g)(error)));
        throw error;
    }
    const { created } = submitted;
    // Loaded while the job starts; only the summary at the end needs it.
    const provenance = runProvenance().catch(() => undefined);
    // Outputs and state first: they must survive any later failure or a kill.
    core/* saveState */.LZ(outputs/* STATE */.c.jobId, created.jobId);
    core/* saveState */.LZ(outputs/* STATE */.c.versionId, created.versionId);
    const status = (0,modelarts_status/* jobStatus */.W)(created.statusCode);
    core/* setOutput */.uH('job_id', created.jobId);
    core/* setOutput */.uH('version_id', created.versionId);
    core/* setOutput */.uH('version_name', created.versionName);
    core/* setOutput */.uH('status', status.name);
    core/* setOutput */.uH('status_code', String(status.code));
    core/* setOutput */.uH('job_url', service.jobUrl);
    core/* setOutput */.uH('created', submitted.kind);
    core/* info */.pq(submitted.kind === 'job'
        ? `Created job "${definition.job_name}": job id ${created.jobId}, version ${created.versionName} (id ${created.versionId}), status ${status.name}.`
        : `Created version ${created.versionName} (id ${created.versionId}) of job "${definition.job_name}" (id ${created.jobId}), after version ${submitted.previousVersionId}; status ${status.name}.`);
    if (service.jobUrl)
        core/* info */.pq(`Console: ${service.jobUrl}`);
    const report = {
        definition,
        kind: submitted.kind,
        jobId: created.jobId,
        versionId: created.versionId,
        versionName: created.versionName,
        ...(submitted.previousVersionId ? { previousVersionId: submitted.previousVersionId } : {}),
        status,
        jobUrl: service.jobUrl,
        ...(service.region ? { region: service.region } : {}),
        endpoint: service.endpoint
    };
    try {
        if (cancel.requested) {
            report.outcome = 'cancelled';
            report.stopped = await (0,src_cancel/* stopJobVersion */.qi)(service, settings, created.jobId, created.versionId);
            throw new src_cancel/* CancelledError */.cc(`The workflow was cancelled while the job was being created; job ${created.jobId} version ` +
                `${created.versionName} was ${report.stopped ? 'stopped' : 'left running'}.`);
        }
        if (settings.wait) {
            await followJob(service, settings, report, cancel);
        }
        else {
            core/* saveState */.LZ(outputs/* STATE */.c.finished, 'created');
        }
    }
    finally {
        cancel.dispose();
        const made = await provenance;
        if (made)
            report.provenance = made;
        await (0,outputs/* writeSummary */.S)((0,summary/* jobSummary */.sp)(report));
    }
}


/***/ })

};
