// A ModelArts v1 training-job service and the IAM calls the action makes, on loopback, for tests and `npm start`.
// It follows the vendor's v1 API reference (create, list, versions, stop, logs) and records every request.
import { createServer } from 'node:http'
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { verifySignature } from './aksk.mjs'
import { createTrainingStore, TERMINAL_STATUSES } from './training.mjs'
import { createTrainingV2, TERMINAL_PHASES } from './training-v2.mjs'
import { createInsight } from './insight.mjs'
import { findProblem } from './validate.mjs'

export { TERMINAL_STATUSES, TERMINAL_PHASES }

const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'
const JSON_TYPE = 'application/json;charset=UTF-8'

/**
 * @typedef {import('./training.mjs').Script} Script
 * @typedef {{ status: number, headers?: Record<string, string>, body?: string }} Reply
 * @typedef {{ method: string, path: string, query: Record<string, string[]>,
 *   headers: Record<string, string | string[] | undefined>, body: Buffer, text: string }} Incoming
 * @typedef {{ method?: string, path?: RegExp | string, times?: number,
 *   kind: 'status' | 'reset' | 'hang' | 'delay' | 'flood', commit?: boolean, status?: number, code?: string,
 *   retryAfter?: number | string, delayMs?: number, body?: string }} Fault
 *   'flood': a 200 answer whose body never ends; `body`: the injected status's body, as given
 */

/** @param {number} status @param {unknown} value @param {Record<string, string>} [headers] @returns {Reply} */
function json(status, value, headers = {}) {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) }
}

/** The v1 failure envelope. @param {number} status @param {string} code @param {string} message */
function v1Error(status, code, message) {
  return json(status, { is_success: false, error_code: code, error_message: message })
}

/** The API gateway's failure body. @param {number} status @param {string} code @param {string} message */
function gatewayError(status, code, message) {
  return json(status, { error_msg: message, error_code: code, request_id: randomBytes(16).toString('hex') })
}

const badSignature = (reason = 'verify aksk signature fail') =>
  gatewayError(401, 'APIGW.0301', `Incorrect IAM authentication information: ${reason}`)
const notFound = () =>
  gatewayError(404, 'APIGW.0101', 'The API does not exist or has not been published in the environment')
const wrongProject = () =>
  v1Error(403, 'ModelArts.0210', 'The project ID in the URL does not match the project of the credentials.')
/** @param {string} message */
const invalid = message => v1Error(400, 'ModelArts.0101', message)
/** @param {string} what */
const trainingJobNotFound = what => v1Error(400, 'ModelArts.2775', `Training job not found: ${what}`)

/** `2024-01-02T03:04:05.678000Z`: IAM writes six fractional digits. @param {number} ms */
function iamTime(ms) {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z')
}

/** @param {string | string[] | undefined} value */
const first = value => (Array.isArray(value) ? value[0] : value)

/**
 * Reads an integer query parameter. @param {Record<string, string[]>} query @param {string} name
 * @param {number} fallback @param {number} min @param {number} max @returns {number | string} a problem as string
 */
function intParam(query, name, fallback, min, max) {
  const raw = query[name]?.[0]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!/^\d+$/.test(raw) || value < min || value > max) return `Invalid parameter ${name}: ${min} to ${max}`
  return value
}

/** @param {Record<string, unknown>} options */
export async function startEmulator(options = {}) {
  const settings = {
    port: 0,
    accessKey: 'EMULATORACCESSKEY0001',
    secretKey: 'EmulatorSecretKey0000000000000000000001',
    projectId: '0123456789abcdef0123456789abcdef',
    region: 'cn-north-4',
    idpId: 'github-actions',
    clockSkewMs: 15 * 60 * 1000,
    tokenTtlMs: 60 * 60 * 1000,
    stopDelayMs: 50,
    logLinesPerTick: 2,
    tickMs: 50,
    /** @type {Script} */
    defaultScript: {
      statuses: [{ status: 1, forMs: 100 }, { status: 8, forMs: 500 }, { status: 10 }]
    },
    /** @type {import('./training-v2.mjs').ScriptV2} */
    defaultScriptV2: {
      phases: [
        { phase: 'Creating', forMs: 50 },
        { phase: 'Pending', forMs: 50 },
        { phase: 'Running', forMs: 500 },
        { phase: 'Completed' }
      ]
    },
    /** The v2 log preview shows at most this many of the newest bytes (the service: about 5 MB). */
    previewCapBytes: 5 * 1024 * 1024,
    now: () => Date.now(),
    ...options
  }
  const { now } = settings
  const domainId = 'd0123456789abcdef0123456789abcd'
  const store = createTrainingStore(settings)
  const v2 = createTrainingV2(settings)
  const insight = createInsight(settings, v2)
  /** @type {Record<string, unknown>[]} */
  const requests = []
  /** @type {(Fault & { remaining: number })[]} */
  const faults = []
  /** @type {Map<string, { kind: 'auth' | 'security', projectId: string | null, expiresAt: number }>} */
  const tokens = new Map()
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()

  /** @param {{ kind?: 'auth' | 'security', ttlMs?: number, projectId?: string | null }} [opts] */
  function issueToken({ kind = 'auth', ttlMs = settings.tokenTtlMs, projectId = settings.projectId } = {}) {
    const token = `MII${randomBytes(48).toString('base64url')}`
    tokens.set(token, { kind, projectId, expiresAt: now() + ttlMs })
    return token
  }

  /**
   * Checks credentials; returns the failure to send, or the token's project for token calls.
   * @param {Incoming} request @param {Record<string, unknown>} record
   * @returns {Reply | { projectId: string | null }}
   */
  function authenticate(request, record) {
    const authorization = first(request.headers['authorization'])
    if (authorization !== undefined) {
      record.auth = 'aksk'
      const verdict = verifySignature(request, {
        accessKey: settings.accessKey,
        secretKey: settings.secretKey,
        nowMs: now(),
        clockSkewMs: settings.clockSkewMs
      })
      record.signatureValid = verdict.ok
      if (!verdict.ok) {
        record.authProblem = verdict.reason
        return badSignature(verdict.reason === 'signature expired' ? verdict.reason : undefined)
      }
      const securityToken = first(request.headers['x-security-token'])
      if (securityToken !== undefined) {
        const known = tokens.get(securityToken)
        if (known?.kind !== 'security' || known.expiresAt <= now()) return badSignature()
      }
      return { projectId: settings.projectId }
    }
    const token = first(request.headers['x-auth-token'])
    if (token === undefined) return badSignature('x-auth-token not found')
    record.auth = 'token'
    const known = tokens.get(token)
    if (known?.kind !== 'auth') return badSignature('decrypt token fail')
    if (known.expiresAt <= now())
      return json(401, { error_msg: 'The token expires.', error_code: 'APIGW.0307' })
    return { projectId: known.projectId }
  }

  // ---- IAM ----

  /** @param {Incoming} request */
  function listProjects(request) {
    const name = request.query.name?.[0]
    const project = {
      id: settings.projectId,
      name: settings.region,
      domain_id: domainId,
      parent_id: domainId,
      description: '',
      enabled: true,
      is_domain: false,
      links: { self: `https://iam.myhuaweicloud.com/v3/projects/${settings.projectId}` }
    }
    const projects = name === undefined || name === settings.region ? [project] : []
    return json(200, { projects, links: { self: 'https://iam.myhuaweicloud.com/v3/projects' } })
  }

  /** @param {Incoming} request */
  function tokenFromIdToken(request) {
    const iamError = (/** @type {number} */ status, /** @type {string} */ message) =>
      json(status, { error_msg: message, error_code: 'IAM.0001' })
    if (first(request.headers['x-idp-id']) !== settings.idpId) {
      return iamError(400, `The identity provider in X-Idp-Id does not exist; expected ${settings.idpId}.`)
    }
    let body
    try {
      body = JSON.parse(request.text)
    } catch {
      return iamError(400, 'The request body is not valid JSON.')
    }
    const jwt = body?.auth?.id_token?.id
    if (typeof jwt !== 'string') return iamError(400, 'auth.id_token.id is required.')
    // Only the shape and the claims are checked: the emulator has no GitHub signing keys to verify against.
    const parts = jwt.split('.')
    let claims
    try {
      if (parts.length !== 3 || parts.some(part => !/^[A-Za-z0-9_-]+$/.test(part))) throw new Error('shape')
      claims = JSON.parse(Buffer.from(/** @type {string} */ (parts[1]), 'base64url').toString('utf8'))
    } catch {
      return iamError(400, 'The id_token is not a JWT.')
    }
    if (claims?.iss !== GITHUB_ISSUER) return iamError(401, `The id_token issuer must be ${GITHUB_ISSUER}.`)
    if (claims.aud === undefined || claims.aud === '') return iamError(401, 'The id_token has no audience.')
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= now())
      return iamError(401, 'The id_token expired.')
    const scope = body.auth.scope?.project
    let projectId = null
    if (scope !== undefined) {
      if (scope.id !== settings.projectId && scope.name !== settings.region) {
        return iamError(400, 'The project in scope does not exist.')
      }
      projectId = settings.projectId
    }
    const token = issueToken({ projectId })
    const issuedAt = now()
    return json(
      201,
      {
        token: {
          expires_at: iamTime(/** @type {{ expiresAt: number }} */ (tokens.get(token)).expiresAt),
          issued_at: iamTime(issuedAt),
          methods: ['mapped'],
          ...(projectId
            ? { project: { id: projectId, name: settings.region, domain: { id: domainId } } }
            : {}),
          user: {
            id: randomBytes(16).toString('hex'),
            name: String(claims.sub ?? 'github'),
            domain: { id: domainId, name: 'emulator' },
            'OS-FEDERATION': {
              identity_provider: { id: settings.idpId },
              protocol: { id: 'oidc' },
              groups: []
            }
          },
          catalog: []
        }
      },
      { 'x-subject-token': token }
    )
  }

  // ---- ModelArts v1 ----

  /** @param {string} text */
  function parseBody(text) {
    try {
      return { value: /** @type {unknown} */ (JSON.parse(text)) }
    } catch {
      return undefined
    }
  }

  /** @param {import('./training.mjs').Job} job @param {import('./training.mjs').Version} version */
  function created(job, version) {
    // Numbers as strings, exactly like the vendor's create sample.
    return json(200, {
      is_success: true,
      job_id: String(job.job_id),
      job_name: job.job_name,
      status: String(store.timeline(version).status),
      create_time: String(version.create_time),
      version_id: String(version.version_id),
      version_name: version.version_name,
      resource_id: version.resource_id
    })
  }

  /** @param {Incoming} request */
  function createJob(request) {
    const parsed = parseBody(request.text)
    if (!parsed) return invalid('The request body is not valid JSON.')
    const problem = findProblem(parsed.value, { forVersion: false })
    if (problem) return invalid(problem)
    const body = /** @type {{ job_name: string, workspace_id?: string, config: Record<string, unknown> }} */ (
      parsed.value
    )
    if (store.findJobByName(body.job_name, body.workspace_id ?? '0')) {
      return v1Error(400, 'ModelArts.0103', `Job name:${body.job_name} is existed`)
    }
    const { job, version } = store.createJob(body)
    return created(job, version)
  }

  /** @param {Incoming} request @param {string} jobId */
  function createVersion(request, jobId) {
    const job = store.findJob(jobId)
    if (!job) return trainingJobNotFound(`job_id ${jobId}`)
    const parsed = parseBody(request.text)
    if (!parsed) return invalid('The request body is not valid JSON.')
    const problem = findProblem(parsed.value, { forVersion: true })
    if (problem) return invalid(problem)
    const body = /** @type {{ job_desc?: string, config: Record<string, unknown> }} */ (parsed.value)
    const pre = String(body.config.pre_version_id)
    if (!store.findVersion(job, pre)) {
      return invalid(`Invalid parameter config.pre_version_id: ${pre} is not a version of job ${jobId}`)
    }
    return created(job, store.addVersion(job, body))
  }

  /** @param {Incoming} request */
  function listJobs(request) {
    const { query } = request
    const perPage = intParam(query, 'per_page', 10, 1, 1000)
    const page = intParam(query, 'page', 1, 1, 65535)
    if (typeof perPage === 'string') return invalid(perPage)
    if (typeof page === 'string') return invalid(page)
    const sortBy = query.sortBy?.[0] || 'job_name'
    const order = query.order?.[0] || 'asc'
    const sortable = ['job_name', 'job_desc', 'status', 'duration', 'version_count', 'create_time']
    if (!sortable.includes(sortBy)) return invalid(`Invalid parameter sortBy: one of ${sortable.join(', ')}`)
    if (order !== 'asc' && order !== 'desc') return invalid('Invalid parameter order: asc or desc')
    const search = query.search_content?.[0] ?? ''
    if (search.length > 64) return invalid('Invalid parameter search_content: at most 64 characters')
    const workspace = query.workspace_id?.[0] || '0'
    const status = query.status?.[0]
    const rows = store.jobs
      .filter(job => job.workspace_id === workspace && job.job_name.includes(search))
      .map(job => {
        const latest = /** @type {import('./training.mjs').Version} */ (job.versions.at(-1))
        const t = store.timeline(latest)
        return {
          job_id: job.job_id,
          job_name: job.job_name,
          version_id: latest.version_id,
          status: t.status,
          create_time: job.create_time,
          duration: t.duration,
          job_desc: job.job_desc,
          version_count: job.versions.length
        }
      })
      .filter(row => status === undefined || status === '' || String(row.status) === status)
    const key = /** @type {keyof (typeof rows)[number]} */ (sortBy)
    rows.sort((a, b) => {
      const x = a[key]
      const y = b[key]
      const byKey =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
      return (order === 'desc' ? -byKey : byKey) || a.job_id - b.job_id
    })
    const quotas = 100
    return json(200, {
      is_success: true,
      job_total_count: rows.length,
      job_count_limit: Math.max(0, quotas - store.jobs.length),
      quotas,
      jobs: rows.slice((page - 1) * perPage, page * perPage)
    })
  }

  /** @param {Incoming} request @param {string} jobId */
  function listVersions(request, jobId) {
    const job = store.findJob(jobId)
    if (!job) return trainingJobNotFound(`job_id ${jobId}`)
    const perPage = intParam(request.query, 'per_page', 10, 1, 1000)
    const page = intParam(request.query, 'page', 0, 0, 65535)
    if (typeof perPage === 'string') return invalid(perPage)
    if (typeof page === 'string') return invalid(page)
    const newestFirst = [...job.versions].reverse()
    const shown = page === 0 ? newestFirst : newestFirst.slice((page - 1) * perPage, page * perPage)
    return json(200, {
      is_success: true,
      job_id: job.job_id,
      job_name: job.job_name,
      job_desc: job.job_desc,
      version_count: job.versions.length,
      versions: shown.map(version => {
        const detail = store.describeVersion(version)
        // The list writes the metrics as a JSON string where the detail call writes an object.
        return {
          ...detail,
          gpu: Number(detail.gpu_num) > 0,
          system_metric_list: JSON.stringify(detail.system_metric_list)
        }
      })
    })
  }

  /** @param {string} jobId @param {string} versionId */
  function versionOf(jobId, versionId) {
    const job = store.findJob(jobId)
    if (!job) return { error: trainingJobNotFound(`job_id ${jobId}`) }
    const version = store.findVersion(job, versionId)
    if (!version) return { error: trainingJobNotFound(`version_id ${versionId} of job ${jobId}`) }
    return { job, version }
  }

  /**
   * Log lines of one worker's file, paged by position. Semantics the action's client relies on:
   * - every line has a position, a decimal string of 19 digits growing by one per line;
   * - no base_line: the newest `lines` lines;
   * - base_line with order=desc (the default): the lines strictly after base_line, oldest first, at most `lines`
   *   (so base_line=0 reads a file from its beginning);
   * - base_line with order=asc: the at most `lines` lines just before base_line, oldest first;
   * - reply: content = the lines joined with \n, lines = their count as a string, start_line = position of the
   *   first as a bare JSON number (too big for a JS number, as in the vendor sample), end_line = position of the
   *   last as a string; with nothing to return, content "", lines "0" and start_line/end_line echo base_line;
   * - before the version has run there is no log: HTTP 204 with an empty body (ModelArts.2776 NotReadyToFetchLog).
   * @param {Incoming} request @param {import('./training.mjs').Version} version
   */
  function aomLog(request, version) {
    const file = request.query.log_file?.[0]
    if (!file) return invalid('Invalid parameter log_file: required')
    const count = intParam(request.query, 'lines', 50, 0, 500)
    if (typeof count === 'string') return invalid(count)
    const base = request.query.base_line?.[0] ?? ''
    if (base !== '' && !/^\d+$/.test(base))
      return invalid('Invalid parameter base_line: a position from an earlier reply')
    const order = request.query.order?.[0] || 'desc'
    if (order !== 'asc' && order !== 'desc') return invalid('Invalid parameter order: asc or desc')
    if (!store.timeline(version).logStarted) return { status: 204 }
    const all = store.logLines(version, file)
    if (!all) return invalid(`Invalid parameter log_file: ${file} is not a log file of this version`)
    /** @type {{ position: bigint, text: string }[]} */
    let picked = []
    if (count > 0) {
      if (base === '') picked = all.slice(-count)
      else if (order === 'desc') picked = all.filter(line => line.position > BigInt(base)).slice(0, count)
      else picked = all.filter(line => line.position < BigInt(base)).slice(-count)
    }
    const start = picked.length > 0 ? String(picked[0]?.position) : base || '0'
    const end = picked.length > 0 ? String(picked.at(-1)?.position) : base
    const text =
      `{"is_success":true,"content":${JSON.stringify(picked.map(line => line.text).join('\n'))},` +
      `"lines":"${picked.length}","start_line":${start},"end_line":"${end}"}`
    return { status: 200, headers: { 'content-type': JSON_TYPE }, body: text }
  }

  /**
   * @typedef {(request: Incoming, ...ids: string[]) => Reply} Handler
   * @type {{ method: string, pattern: RegExp, handler: Handler, auth: boolean, v1: boolean }[]}
   */
  const routes = [
    { method: 'GET', pattern: /^\/v3\/projects\/?$/, handler: listProjects, auth: true, v1: false },
    {
      method: 'POST',
      pattern: /^\/v3\.0\/OS-AUTH\/id-token\/tokens\/?$/,
      handler: tokenFromIdToken,
      auth: false,
      v1: false
    },
    {
      method: 'POST',
      pattern: /^\/v1\/([^/]+)\/training-jobs\/?$/,
      handler: createJob,
      auth: true,
      v1: true
    },
    { method: 'GET', pattern: /^\/v1\/([^/]+)\/training-jobs\/?$/, handler: listJobs, auth: true, v1: true },
    {
      method: 'POST',
      pattern: /^\/v1\/([^/]+)\/training-jobs\/([^/]+)\/versions\/?$/,
      handler: createVersion,
      auth: true,
      v1: true
    },
    {
      method: 'GET',
      pattern: /^\/v1\/([^/]+)\/training-jobs\/([^/]+)\/versions\/?$/,
      handler: listVersions,
      auth: true,
      v1: true
    },
    {
      method: 'GET',
      pattern: /^\/v1\/([^/]+)\/training-jobs\/([^/]+)\/versions\/([^/]+)\/?$/,
      handler: (_request, jobId, versionId) => {
        const found = versionOf(jobId, versionId)
        return found.error ?? json(200, { is_success: true, ...store.describeVersion(found.version) })
      },
      auth: true,
      v1: true
    },
    {
      method: 'POST',
      pattern: /^\/v1\/([^/]+)\/training-jobs\/([^/]+)\/versions\/([^/]+)\/stop\/?$/,
      handler: (_request, jobId, versionId) => {
        const found = versionOf(jobId, versionId)
        if (found.error) return found.error
        store.stop(found.version)
        return json(200, { is_success: true })
      },
      auth: true,
      v1: true
    },
    {
      method: 'GET',
      pattern: /^\/v1\/([^/]+)\/training-jobs\/([^/]+)\/versions\/([^/]+)\/log\/file-names\/?$/,
      handler: (_request, jobId, versionId) => {
        const found = versionOf(jobId, versionId)
        return (
          found.error ?? json(200, { is_success: true, log_file_list: store.logFileNames(found.version) })
        )
      },
      auth: true,
      v1: true
    },
    {
      method: 'GET',
      pattern: /^\/v1\/([^/]+)\/training-jobs\/([^/]+)\/versions\/([^/]+)\/aom-log\/?$/,
      handler: (request, jobId, versionId) => {
        const found = versionOf(jobId, versionId)
        return found.error ?? aomLog(request, found.version)
      },
      auth: true,
      v1: true
    },
    // v2 training jobs; `v1: true` there too: the path starts with the project id, checked the same way.
    ...v2.routes,
    // Lists, events and metrics for the pre-flight and the post-mortem (insight.mjs).
    ...insight.routes
  ]

  /** Authentication first, then the route. @param {Incoming} request @param {Record<string, unknown>} record */
  function answer(request, record) {
    const route = routes.find(r => r.method === request.method && r.pattern.test(request.path))
    let identity = { projectId: /** @type {string | null} */ (null) }
    if (route?.auth !== false) {
      const result = authenticate(request, record)
      if ('status' in result) return result
      identity = result
    }
    if (!route) return notFound()
    const [, ...ids] = /** @type {RegExpExecArray} */ (route.pattern.exec(request.path))
    if (route.v1) {
      const [projectId] = ids
      const headerProject = first(request.headers['x-project-id'])
      if (headerProject !== undefined && headerProject !== projectId) return wrongProject()
      if (projectId !== settings.projectId || identity.projectId !== projectId) return wrongProject()
      ids.shift()
    }
    return route.handler(request, ...ids.map(id => decodeURIComponent(id)))
  }

  /** @param {string} method @param {string} path */
  function takeFault(method, path) {
    const fault = faults.find(
      f =>
        f.remaining > 0 &&
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (f.path === undefined || (typeof f.path === 'string' ? f.path === path : f.path.test(path)))
    )
    if (fault) fault.remaining -= 1
    return fault
  }

  /** A body that fits the injected status. @param {Fault} fault @returns {Reply} */
  function faultReply(fault) {
    const status = fault.status ?? 503
    if (fault.code !== undefined) {
      return json(status, { error_code: fault.code, error_msg: `Injected ${fault.code}` })
    }
    const reply =
      status === 429
        ? gatewayError(
            429,
            'APIGW.0308',
            'The throttling threshold has been reached: policy user over ratelimit'
          )
        : status > 500
          ? gatewayError(status, status === 504 ? 'APIGW.0202' : 'APIGW.0201', 'Backend unavailable')
          : v1Error(status, 'ModelArts.0010', 'Internal error')
    if (fault.body !== undefined) {
      reply.body = fault.body
      reply.headers = { ...reply.headers, 'content-type': JSON_TYPE }
    }
    if (fault.retryAfter !== undefined) {
      reply.headers = { ...reply.headers, 'retry-after': String(fault.retryAfter) }
    }
    return reply
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function handle(req, res) {
    const chunks = []
    for await (const chunk of req) chunks.push(chunk)
    const body = Buffer.concat(chunks)
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    /** @type {Record<string, string[]>} */
    const query = {}
    for (const [key, value] of url.searchParams) (query[key] ??= []).push(value)
    const method = (req.method ?? 'GET').toUpperCase()
    /** @type {Incoming} */
    const request = {
      method,
      path: url.pathname,
      query,
      headers: req.headers,
      body,
      text: body.toString('utf8')
    }
    /** @type {Record<string, unknown>} */
    const record = {
      method,
      path: url.pathname,
      query,
      headers: { ...req.headers },
      body: request.text,
      auth: 'none',
      signatureValid: undefined,
      status: 0,
      at: now()
    }
    requests.push(record)
    const fault = takeFault(method, url.pathname)
    if (fault) record.fault = fault.kind
    if (fault?.delayMs) await sleep(fault.delayMs)
    const reply = !fault || fault.commit || fault.kind === 'delay' ? answer(request, record) : undefined
    if (fault && fault.kind !== 'delay') {
      if (fault.kind === 'reset') req.socket.destroy()
      if (fault.kind === 'status') send(res, record, faultReply(fault))
      if (fault.kind === 'flood') flood(res, record)
      // 'hang': no answer; close() destroys the socket.
      return
    }
    send(res, record, /** @type {Reply} */ (reply))
  }

  /** 1 MiB chunks for as long as the client reads. @param {import('node:http').ServerResponse} res @param {Record<string, unknown>} record */
  function flood(res, record) {
    record.status = 200
    res.writeHead(200, { 'content-type': JSON_TYPE })
    const chunk = Buffer.alloc(1024 * 1024, 'x')
    res.write('{"padding":"')
    const more = () => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', more)
    }
    res.on('close', () => res.removeAllListeners('drain'))
    more()
  }

  /** @param {import('node:http').ServerResponse} res @param {Record<string, unknown>} record @param {Reply} reply */
  function send(res, record, reply) {
    record.status = reply.status
    if (res.destroyed) return
    res.writeHead(reply.status, { 'x-request-id': randomBytes(16).toString('hex'), ...reply.headers })
    res.end(reply.body)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(error => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': JSON_TYPE })
        res.end(
          JSON.stringify({ is_success: false, error_code: 'ModelArts.0010', error_message: String(error) })
        )
      }
    })
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(Number(settings.port), '127.0.0.1', () => resolve(undefined))
  })
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    accessKey: settings.accessKey,
    secretKey: settings.secretKey,
    projectId: settings.projectId,
    region: settings.region,
    idpId: settings.idpId,
    requests,
    jobs: store.jobs,
    stops: store.stops,
    /** @param {string} jobNameOrDefault @param {Script} script */
    setScript: (jobNameOrDefault, script) => store.setScript(jobNameOrDefault, script),
    jobsV2: v2.jobs,
    terminations: v2.terminations,
    /** @param {string} nameOrDefault @param {import('./training-v2.mjs').ScriptV2} script */
    setScriptV2: (nameOrDefault, script) => v2.setScript(nameOrDefault, script),
    phaseOf: v2.phaseOf,
    logOfV2: v2.logOf,
    setLists: insight.setLists,
    setJobQuota: insight.setJobQuota,
    setNameCheck: insight.setNameCheck,
    /** @param {Fault} fault */
    inject(fault) {
      const entry = { ...fault, remaining: fault.times ?? 1 }
      faults.push(entry)
      return entry
    },
    issueToken,
    /** @param {number | string} jobId @param {number | string} versionId */
    statusOf(jobId, versionId) {
      const found = versionOf(String(jobId), String(versionId))
      return found.version ? store.timeline(found.version).status : undefined
    },
    /** @param {number | string} jobId @param {number | string} versionId @param {string} file */
    logOf(jobId, versionId, file) {
      const found = versionOf(String(jobId), String(versionId))
      return (found.version && store.logLines(found.version, file)?.map(line => line.text)) ?? []
    },
    close() {
      return new Promise(resolve => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve(undefined))
      })
    }
  }
}
