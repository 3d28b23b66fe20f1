export const id = 363;
export const ids = [363];
export const modules = {

/***/ 363:
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
// EXTERNAL MODULE: ./src/huaweicloud/errors.ts
var errors = __webpack_require__(2519);
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

// EXTERNAL MODULE: ./src/huaweicloud/signer.ts
var signer = __webpack_require__(226);
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
        .map(([key, value]) => `${(0,signer/* signerEncode */.Lf)(key)}=${(0,signer/* signerEncode */.Lf)(String(value))}`);
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
function isRecord(value) {
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
        const retryAfterMs = parseRetryAfter(headers['retry-after'], now());
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
        if (!ok || (isRecord(parsed) && parsed.is_success === false)) {
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
        return withRetry(attemptWithRenewal, {
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

// EXTERNAL MODULE: ./src/huaweicloud/credentials.ts
var huaweicloud_credentials = __webpack_require__(8544);
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
function authorizerFor(credentials, projectId, iam, wrap) {
    switch (credentials.kind) {
        case 'aksk':
            return (0,huaweicloud_credentials/* accessKeyAuthorizer */.BY)({ ...credentials, ...(projectId ? { projectId } : {}) });
        case 'token':
            return (0,huaweicloud_credentials/* tokenAuthorizer */.BI)(credentials.token);
        case 'oidc': {
            if (!projectId)
                throw new Error('Keyless OIDC needs a project: set input `project_id`.');
            // The exchange sends no credentials of its own (anonymous), so its client needs no authorizer.
            const exchanger = wrap(createHttpClient({ authorizer: noAuthorizer, userAgent: USER_AGENT }));
            return (0,huaweicloud_credentials/* oidcAuthorizer */.dn)({
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
                exchange: idToken => (0,huaweicloud_credentials/* exchangeIdToken */.aL)(exchanger, iam(), credentials.idpId, projectId, idToken),
                onToken: secret => core/* setSecret */.Pq(secret)
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
        projectId = await (0,huaweicloud_credentials/* lookupProjectId */.lg)(lookup, iam(), settings.region ?? '');
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
                if (error instanceof Cancelled || !isRetryable(error))
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
        if (isRetryable(error) && failingForMs <= this.maxFailureMs) {
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
function isRetryable(error) {
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
