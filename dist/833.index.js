export const id = 833;
export const ids = [833];
export const modules = {

/***/ 2519:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I7: () => (/* binding */ mayHaveLanded),
/* harmony export */   Yo: () => (/* binding */ readServiceError),
/* harmony export */   cg: () => (/* binding */ serviceError),
/* harmony export */   he: () => (/* binding */ HuaweiCloudError),
/* harmony export */   iq: () => (/* binding */ nonJsonError),
/* harmony export */   r3: () => (/* binding */ isRetryable),
/* harmony export */   vQ: () => (/* binding */ neverSent),
/* harmony export */   w2: () => (/* binding */ timeoutError),
/* harmony export */   x6: () => (/* binding */ networkError)
/* harmony export */ });
/* unused harmony export hintFor */
/* harmony import */ var _util_values_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7656);
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
        this.retryable = fields.retryable ?? retryableByDefault(fields.kind, fields.status);
    }
    /** The same failure, its message prefixed with what was being done (e.g. the OIDC exchange). */
    withContext(context) {
        return new HuaweiCloudError(`${context}: ${this.message}`, this);
    }
}
function retryableByDefault(kind, status) {
    if (kind === 'network' || kind === 'timeout')
        return true;
    return status !== undefined && (status === 429 || status >= 500);
}
/** Fields of a failure as the classifiers read them: a HuaweiCloudError or a fake shaped like one. */
const fieldsOf = (error) => ((0,_util_values_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u)(error) ? error : {});
/** A read that failed this way may succeed if sent again. */
function isRetryable(error) {
    return fieldsOf(error).retryable === true;
}
/** The request may have reached the service, and its answer does not tell whether it took effect. */
function mayHaveLanded(error) {
    const e = fieldsOf(error);
    if (e.requestSent !== true)
        return false;
    return e.kind === 'network' || e.kind === 'timeout' || (e.status !== undefined && e.status >= 500);
}
/** A transient failure before the request left (connection refused): safe to send again as it is. */
function neverSent(error) {
    const e = fieldsOf(error);
    return e.requestSent === false && e.retryable === true;
}
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
function text(value) {
    if (typeof value === 'string' && value.trim() !== '')
        return value;
    if (typeof value === 'number')
        return String(value);
    return undefined;
}
/** Reads `{error_code, error_msg}`, the v1 `{error_code, error_message}` and IAM's `{error: {code, message}}`. */
function readServiceError(body) {
    if (!(0,_util_values_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u)(body))
        return {};
    const nested = (0,_util_values_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u)(body.error) ? body.error : {};
    return {
        code: text(body.error_code) ?? text(nested.code),
        message: text(body.error_message) ?? text(body.error_msg) ?? text(nested.message)
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
    if ((0,_util_values_js__WEBPACK_IMPORTED_MODULE_0__/* .isRecord */ .u)(error) && typeof error.code === 'string')
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


/***/ }),

/***/ 4696:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EY: () => (/* binding */ backoffDelay),
/* harmony export */   bD: () => (/* binding */ withRetry),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   ur: () => (/* binding */ defaultRetryPolicy),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
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
const sleep = (ms, signal) => new Promise((resolve, reject) => {
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
    const wait = options.sleep ?? sleep;
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


/***/ }),

/***/ 4833:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  connect: () => (/* binding */ connect)
});

// UNUSED EXPORTS: USER_AGENT

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6288);
// EXTERNAL MODULE: ./src/util/values.ts
var values = __webpack_require__(7656);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(4942);
// EXTERNAL MODULE: ./src/huaweicloud/errors.ts
var errors = __webpack_require__(2519);
// EXTERNAL MODULE: ./src/huaweicloud/retry.ts
var retry = __webpack_require__(4696);
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
/**
 * The one function that touches the network: builds the exact bytes, authorizes them, sends them
 * (proxy-aware, keep-alive, per-request timeout), turns failures into HuaweiCloudError and retries reads.
 */





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
                finish(() => reject((0,errors/* timeoutError */.w2)(label, timeoutMs)));
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
                message.on('error', error => finish(() => reject((0,errors/* networkError */.x6)(label, error))));
                message.on('close', () => {
                    if (!message.complete) {
                        const cut = Object.assign(new Error('connection closed during the response'), {
                            code: 'ECONNRESET'
                        });
                        finish(() => reject((0,errors/* networkError */.x6)(label, cut)));
                    }
                });
            }, (error) => {
                const timedOut = error instanceof Error && error.message.startsWith('Request timeout');
                finish(() => reject(timedOut ? (0,errors/* timeoutError */.w2)(label, timeoutMs) : (0,errors/* networkError */.x6)(label, error)));
            });
        });
    }
    function interpret(label, raw) {
        const { status, headers, text } = raw;
        const ok = status >= 200 && status < 300;
        const retryAfterMs = (0,retry/* parseRetryAfter */.mu)(headers['retry-after'], now());
        const requestId = headers['x-request-id'];
        if (text.trim() === '') {
            if (ok)
                return { status, headers, body: undefined };
            throw (0,errors/* serviceError */.cg)(label, status, undefined, { requestId, retryAfterMs });
        }
        let parsed;
        try {
            parsed = JSON.parse(text);
        }
        catch {
            throw (0,errors/* nonJsonError */.iq)(label, status, text, retryAfterMs);
        }
        if ((0,errors/* readServiceError */.Yo)(parsed).code === NOT_READY_CODE)
            return { status, headers, body: parsed };
        // v1 reports failures with is_success: false under any HTTP status, even 200.
        if (!ok || ((0,values/* isRecord */.u)(parsed) && parsed.is_success === false)) {
            throw (0,errors/* serviceError */.cg)(label, status, parsed, { requestId, retryAfterMs });
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
                if (error instanceof errors/* HuaweiCloudError */.he) {
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
                if (error instanceof errors/* HuaweiCloudError */.he &&
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
        return (0,retry/* withRetry */.bD)(attemptWithRenewal, {
            policy: options.retry,
            sleep: options.sleep,
            random: options.random,
            now,
            signal: req.signal,
            classify: error => error instanceof errors/* HuaweiCloudError */.he && error.retryable
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
            throw new errors/* HuaweiCloudError */.he(`${context}: IAM answered without an X-Subject-Token header`, {
                kind: 'protocol',
                requestSent: true,
                status: response.status
            });
        }
        const body = (0,values/* isRecord */.u)(response.body) ? response.body : {};
        const expiresAt = parseIamExpiry((0,values/* isRecord */.u)(body.token) ? body.token.expires_at : undefined) ??
            new Date(now().getTime() + FALLBACK_TOKEN_LIFETIME_MS);
        return { token, expiresAt };
    }
    catch (error) {
        if (error instanceof errors/* HuaweiCloudError */.he && !error.message.startsWith(context)) {
            const status = error.status;
            const hinted = status === 400 || status === 401 || status === 403 ? `${error.message}. Also ${fix}` : error.message;
            throw new errors/* HuaweiCloudError */.he(`${context}: ${hinted}`, error);
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
    const body = (0,values/* isRecord */.u)(response.body) ? response.body : {};
    const projects = Array.isArray(body.projects) ? body.projects.filter(values/* isRecord */.u) : [];
    const ids = projects
        .map(project => project.id)
        .filter((id) => typeof id === 'string' && id !== '');
    if (ids.length === 1 && ids[0] !== undefined)
        return ids[0];
    const problem = ids.length === 0
        ? `IAM lists no project named "${region}" for these credentials`
        : `IAM lists ${ids.length} projects named "${region}"`;
    throw new errors/* HuaweiCloudError */.he(`${problem}: set project_id (console: My Credentials > Projects), or check region`, {
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
/** The one mapper of a version record: list items, create answers and version details share these fields. */
const versionOf = (item) => ({
    versionId: idOf(item.version_id),
    versionName: idOf(item.version_name),
    statusCode: numberOf(item.status) ?? 0,
    createTime: numberOf(item.create_time)
});
function created(body) {
    const result = {
        jobId: idOf(body.job_id),
        jobName: idOf(body.job_name),
        ...versionOf(body)
    };
    if (!result.jobId || !result.versionId) {
        throw new errors/* HuaweiCloudError */.he('ModelArts answered the create call without a job_id or version_id; check the job list in the console.', { kind: 'protocol', requestSent: true, retryable: false });
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
                    jobs.push({
                        jobId: idOf(item.job_id),
                        jobName: idOf(item.job_name),
                        versionId: idOf(item.version_id),
                        statusCode: numberOf(item.status) ?? 0,
                        versionCount: numberOf(item.version_count),
                        createTime: numberOf(item.create_time)
                    });
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
                versions.push(...items.map(versionOf));
                if (items.length < PAGE_SIZE)
                    break;
            }
            // Newest first, whatever order the service used: version ids grow.
            return versions.sort((a, b) => compareIds(b.versionId, a.versionId));
        },
        async getVersion(jobId, versionId) {
            const { body = {} } = await read(versionUrl(jobId, versionId));
            return {
                ...versionOf(body),
                jobId: idOf(body.job_id) || jobId,
                jobName: idOf(body.job_name),
                versionId: idOf(body.version_id) || versionId,
                durationMs: numberOf(body.duration),
                startTime: numberOf(body.start_time),
                raw: body
            };
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

;// CONCATENATED MODULE: ./src/modelarts/v1-status.ts
/**
 * The v1 training-job status table (modelarts_03_0074) and the action's classification of it.
 * Pure: no I/O, no @actions/core.
 */
// The service documents no terminal/failure split: this one is the project's decision (see the API reference).
const documentedStatuses = new Map([
    [0, { name: 'unknown', phase: 'running', description: 'status unknown' }],
    [1, { name: 'init', phase: 'running', description: 'initializing' }],
    [2, { name: 'image_creating', phase: 'running', description: 'building the job image' }],
    [3, { name: 'image_failed', phase: 'failed', description: 'the job image could not be built' }],
    [4, { name: 'submit_trying', phase: 'running', description: 'submitting' }],
    [5, { name: 'submit_failed', phase: 'failed', description: 'submission failed' }],
    [6, { name: 'delete_failed', phase: 'failed', description: 'deletion failed' }],
    [7, { name: 'waiting', phase: 'running', description: 'queued, waiting for resources' }],
    [8, { name: 'running', phase: 'running', description: 'running' }],
    [9, { name: 'killing', phase: 'running', description: 'being stopped' }],
    [10, { name: 'completed', phase: 'succeeded', description: 'completed' }],
    [11, { name: 'failed', phase: 'failed', description: 'the run failed' }],
    [12, { name: 'killed', phase: 'stopped', description: 'stopped' }],
    [13, { name: 'canceled', phase: 'stopped', description: 'cancelled' }],
    [14, { name: 'lost', phase: 'failed', description: 'lost' }],
    [15, { name: 'scaling', phase: 'running', description: 'scaling' }],
    [16, { name: 'submit_model_failed', phase: 'failed', description: 'the model could not be submitted' }],
    [17, { name: 'deploy_service_failed', phase: 'failed', description: 'the service could not be deployed' }],
    [18, { name: 'check_init', phase: 'running', description: 'review initializing' }],
    [19, { name: 'check_running', phase: 'running', description: 'under review' }],
    [20, { name: 'check_running_completed', phase: 'running', description: 'review completed' }],
    [21, { name: 'check_failed', phase: 'failed', description: 'review failed' }]
]);
/** The status for a code as the service sent it (a number, or a decimal string such as `"10"`). */
function jobStatus(code) {
    const text = String(code).trim();
    const numeric = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
    const documented = documentedStatuses.get(numeric);
    if (documented)
        return { code: numeric, ...documented, terminal: documented.phase !== 'running' };
    // Undocumented codes may be new intermediate states: keep waiting rather than end the job early.
    return {
        code: numeric,
        name: `status_${text}`,
        phase: 'running',
        terminal: false,
        description: `undocumented status ${text}`
    };
}

;// CONCATENATED MODULE: ./src/modelarts/v1-submit.ts


const NAME_TAKEN = 'ModelArts.0103';
const codeOf = (error) => error?.code;
/** Clock skew tolerated between the runner and the service when deciding "created by this attempt". */
const SKEW_MS = 5 * 60 * 1000;
async function submitTrainingJob(api, definition, options) {
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? ((ms) => (0,retry/* sleep */.yy)(ms));
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
            if (codeOf(error) === NAME_TAKEN) {
                if (options.ifExists !== 'new_version')
                    throw error;
                break;
            }
            if ((0,errors/* neverSent */.vQ)(error) && attempt < maxAttempts) {
                await sleep((0,retry/* backoffDelay */.EY)(attempt, retry/* defaultRetryPolicy */.ur));
                continue;
            }
            if (!(0,errors/* mayHaveLanded */.I7)(error))
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
            await sleep((0,retry/* backoffDelay */.EY)(attempt, retry/* defaultRetryPolicy */.ur));
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
            if ((0,errors/* neverSent */.vQ)(error) && attempt < maxAttempts) {
                await sleep((0,retry/* backoffDelay */.EY)(attempt, retry/* defaultRetryPolicy */.ur));
                continue;
            }
            if (!(0,errors/* mayHaveLanded */.I7)(error))
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
            await sleep((0,retry/* backoffDelay */.EY)(attempt, retry/* defaultRetryPolicy */.ur));
        }
    }
}
function fromSummary(job, name, first) {
    return {
        jobId: job.jobId,
        jobName: name,
        versionId: first?.versionId ?? job.versionId,
        versionName: first?.versionName ?? 'V0001',
        statusCode: first?.statusCode ?? job.statusCode,
        createTime: job.createTime
    };
}

;// CONCATENATED MODULE: ./src/modelarts/v1-logs.ts
const refreshLogFilesEveryReads = 10;
const logPagesPerRead = 20;
const logPagesFinalRead = 200;
/** Prints each line once, in order, keeping only a cursor per file (never the log itself). */
function v1LogReader(api, jobId, versionId) {
    const files = [];
    const cursors = new Map();
    let readsSinceRefresh = 0;
    const addFiles = (names) => {
        for (const name of names) {
            if (cursors.has(name))
                continue;
            cursors.set(name, undefined);
            files.push(name);
        }
    };
    return {
        async read(line, untilAborted, final) {
            if (final || files.length === 0 || readsSinceRefresh >= refreshLogFilesEveryReads) {
                addFiles(await untilAborted(api.logFileNames(jobId, versionId)));
                readsSinceRefresh = 0;
            }
            readsSinceRefresh++;
            const workers = workerNames(files);
            const maxPages = final ? logPagesFinalRead : logPagesPerRead;
            for (const file of files) {
                for (let page = 0; page < maxPages; page++) {
                    const before = cursors.get(file);
                    const chunk = await untilAborted(api.logLines(jobId, versionId, file, before));
                    const after = chunk.cursor ?? before;
                    // Lines without a moved cursor would come back again next time: print nothing rather than twice.
                    if (chunk.lines.length === 0 || after === before)
                        break;
                    cursors.set(file, after);
                    for (const text of chunk.lines)
                        line(text, workers.get(file));
                }
            }
        }
    };
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

;// CONCATENATED MODULE: ./src/modelarts/v1-api.ts



/** v1 runs always have a version; a reference without one is a bug in the caller. */
function v1_api_versionOf(ref) {
    if (ref.versionId === undefined)
        throw new Error(`ModelArts v1 needs a version id for job ${ref.jobId}.`);
    return ref.versionId;
}
function v1Api(calls) {
    return {
        async submit(definition, options) {
            const submitted = await submitTrainingJob(calls, definition, options);
            const { created } = submitted;
            return {
                ref: { jobId: created.jobId, versionId: created.versionId },
                jobName: created.jobName || definition.job_name,
                versionName: created.versionName,
                status: jobStatus(created.statusCode),
                kind: submitted.kind,
                previousVersionId: submitted.previousVersionId,
                adopted: submitted.adopted
            };
        },
        async getRun(ref) {
            const detail = await calls.getVersion(ref.jobId, v1_api_versionOf(ref));
            return { status: jobStatus(detail.statusCode), durationMs: detail.durationMs };
        },
        async stop(ref) {
            await calls.stopVersion(ref.jobId, v1_api_versionOf(ref));
        },
        logReader: ref => v1LogReader(calls, ref.jobId, v1_api_versionOf(ref))
    };
}

;// CONCATENATED MODULE: ./src/steps/connect.ts
/** From settings to a ready TrainingJobsApi: endpoint, project, credentials, the HTTP client. */







const USER_AGENT = 'modelarts-training-job-action/1';
function authorizerFor(credentials, projectId, iam, wrap) {
    switch (credentials.kind) {
        case 'aksk':
            return accessKeyAuthorizer({ ...credentials, projectId });
        case 'token':
            return tokenAuthorizer(credentials.token);
        case 'oidc': {
            if (!projectId)
                throw new Error('Keyless OIDC needs a project: set input `project_id`.');
            // The exchange sends no credentials of its own (anonymous), so its client needs no authorizer.
            const exchanger = wrap(createHttpClient({ authorizer: noAuthorizer, userAgent: USER_AGENT }));
            return oidcAuthorizer({
                idpId: credentials.idpId,
                iamEndpoint: iam(),
                projectId,
                getIdToken: async () => {
                    try {
                        return await core/* getIDToken */.V9(credentials.audience);
                    }
                    catch (error) {
                        throw new Error(`Could not get the workflow's OIDC token (${(0,values/* errorMessage */.g)(error)}): ` +
                            'add `permissions: id-token: write` to the job.');
                    }
                },
                exchange: idToken => exchangeIdToken(exchanger, iam(), credentials.idpId, projectId, idToken),
                onToken: secret => core/* setSecret */.Pq(secret)
            });
        }
    }
}
const noAuthorizer = { description: 'none', authorize: async () => ({}) };
async function connect(settings) {
    const { credentials, target } = settings;
    const endpoint = target.endpoint ?? (0,endpoints/* modelartsEndpoint */.lA)(target.region ?? '');
    const iam = () => target.iamEndpoint ?? (0,endpoints/* iamEndpoint */.rW)(target.region ?? '');
    const clients = [];
    const withTimeout = (http) => {
        clients.push(http);
        return {
            request: (req) => http.request({ timeoutMs: settings.requestTimeoutMs, ...req })
        };
    };
    let projectId = target.projectId;
    if (!projectId) {
        // Only AK/SK and token credentials can ask IAM; OIDC needs the project to get its token at all.
        const lookup = withTimeout(createHttpClient({
            authorizer: authorizerFor(credentials, undefined, iam, withTimeout),
            userAgent: USER_AGENT
        }));
        projectId = await lookupProjectId(lookup, iam(), target.region ?? '');
        core/* info */.pq(`Project ${projectId} (looked up for region ${target.region}).`);
    }
    const authorizer = authorizerFor(credentials, projectId, iam, withTimeout);
    core/* info */.pq(`Credentials: ${authorizer.description}.`);
    const http = withTimeout(createHttpClient({ authorizer, userAgent: USER_AGENT, debug: message => core/* debug */.Yz(message) }));
    return {
        api: v1Api(trainingJobsV1(http, endpoint, projectId)),
        endpoint,
        projectId,
        region: target.region,
        jobUrl: target.endpoint || !target.region ? '' : (0,endpoints/* consoleJobsUrl */.nk)(target.region),
        dispose: () => clients.forEach(client => client.dispose())
    };
}


/***/ })

};
