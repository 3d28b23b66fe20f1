// A stand-in for the GitHub REST API's check runs on loopback (the toolkit's GITHUB_API_URL points at it). It
// records every request, keeps the check runs, and refuses what the real API refuses: a wrong token (401), a token
// without `checks: write` (403), more than 50 annotations per request or an annotation the API rejects (422).
import { createServer } from 'node:http'

const JSON_TYPE = 'application/json; charset=utf-8'
const DOCS = 'https://docs.github.com/rest/checks/runs'
export const ANNOTATIONS_PER_REQUEST = 50

/**
 * @typedef {{ path: string, start_line: number, end_line: number, start_column?: number, end_column?: number,
 *   annotation_level: string, message: string, title?: string, raw_details?: string }} Annotation
 * @typedef {{ id: number, owner: string, repo: string, name: string, head_sha: string, status: string,
 *   conclusion: string | null, title?: string, summary?: string, annotations: Annotation[] }} CheckRun
 * @typedef {{ method: string, path: string, authorization: string | undefined, body: unknown, status: number }}
 *   GitHubRequest
 */

/** @param {unknown} value */
const isObject = value => typeof value === 'object' && value !== null && !Array.isArray(value)
/** @param {unknown} value */
const isLine = value => Number.isInteger(value) && /** @type {number} */ (value) >= 1

/**
 * Why the Checks API would refuse this output, or undefined.
 * @param {unknown} output
 */
function outputProblem(output) {
  if (output === undefined) return undefined
  if (!isObject(output)) return 'output must be an object'
  const o = /** @type {Record<string, unknown>} */ (output)
  if (typeof o.title !== 'string' || o.title === '') return 'output.title is required'
  if (typeof o.summary !== 'string' || o.summary === '') return 'output.summary is required'
  if (o.summary.length > 65535) return 'output.summary is longer than 65535 characters'
  if (o.annotations === undefined) return undefined
  if (!Array.isArray(o.annotations)) return 'output.annotations must be an array'
  if (o.annotations.length > ANNOTATIONS_PER_REQUEST) {
    return `output.annotations has ${o.annotations.length} items; at most ${ANNOTATIONS_PER_REQUEST} per request`
  }
  for (const [i, a] of o.annotations.entries()) {
    const where = `output.annotations[${i}]`
    if (!isObject(a)) return `${where} must be an object`
    if (typeof a.path !== 'string' || a.path === '') return `${where}.path is required`
    if (!isLine(a.start_line) || !isLine(a.end_line)) return `${where}: start_line and end_line are required`
    if (a.end_line < a.start_line) return `${where}: end_line is before start_line`
    if (!['notice', 'warning', 'failure'].includes(a.annotation_level)) {
      return `${where}.annotation_level must be notice, warning or failure`
    }
    if (typeof a.message !== 'string' || a.message === '') return `${where}.message is required`
    if (a.title !== undefined && (typeof a.title !== 'string' || a.title.length > 255)) {
      return `${where}.title is longer than 255 characters`
    }
    const columns = a.start_column !== undefined || a.end_column !== undefined
    if (columns && a.start_line !== a.end_line) {
      return `${where}: start_column and end_column only on a single line`
    }
    if (columns && (!isLine(a.start_column) || !isLine(a.end_column ?? a.start_column))) {
      return `${where}: columns start at 1`
    }
  }
  return undefined
}

/**
 * @param {{ port?: number, token?: string, checksWrite?: boolean,
 *   fault?: { method: 'POST' | 'PATCH', status: number, times?: number } }} [options]
 */
export async function startGitHubApi(options = {}) {
  const { port = 0, token = 'ghs_emulatedInstallationToken0000000001', checksWrite = true, fault } = options
  /** @type {GitHubRequest[]} */
  const requests = []
  /** @type {Map<number, CheckRun>} */
  const checkRuns = new Map()
  let nextId = 4_000_000_001
  let faultsLeft = fault?.times ?? Infinity
  let base = ''

  /**
   * @param {string} method @param {string} path @param {string | undefined} authorization @param {unknown} body
   * @returns {{ status: number, body: unknown }}
   */
  function answer(method, path, authorization, body) {
    if (authorization !== `token ${token}` && authorization !== `Bearer ${token}`) {
      return {
        status: 401,
        body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' }
      }
    }
    const create = /^\/repos\/([^/]+)\/([^/]+)\/check-runs$/.exec(path)
    const update = /^\/repos\/([^/]+)\/([^/]+)\/check-runs\/(\d+)$/.exec(path)
    if (!(create && method === 'POST') && !(update && method === 'PATCH')) {
      return {
        status: 404,
        body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }
      }
    }
    if (!checksWrite) {
      return {
        status: 403,
        body: { message: 'Resource not accessible by integration', documentation_url: DOCS }
      }
    }
    if (fault && fault.method === method && faultsLeft > 0) {
      faultsLeft--
      return { status: fault.status, body: { message: 'Server Error' } }
    }
    if (!isObject(body)) return invalid('the body must be a JSON object')
    const b = /** @type {Record<string, unknown>} */ (body)
    const problem = outputProblem(b.output)
    if (problem) return invalid(problem)
    if (b.conclusion !== undefined && b.conclusion !== null) {
      const allowed = [
        'action_required',
        'cancelled',
        'failure',
        'neutral',
        'success',
        'skipped',
        'timed_out'
      ]
      if (!allowed.includes(/** @type {string} */ (b.conclusion)))
        return invalid('conclusion is not one of the allowed')
    }
    const output =
      /** @type {{ title?: string, summary?: string, annotations?: Annotation[] } | undefined} */ (b.output)

    /** @type {CheckRun} */
    let run
    if (create) {
      if (typeof b.name !== 'string' || b.name === '') return invalid('name is required')
      if (typeof b.head_sha !== 'string' || !/^[0-9a-f]{40}$/.test(b.head_sha))
        return invalid('head_sha is invalid')
      const [, owner, repo] = /** @type {[string, string, string]} */ (/** @type {unknown} */ (create))
      run = {
        id: nextId++,
        owner,
        repo,
        name: b.name,
        head_sha: b.head_sha,
        status: 'queued',
        conclusion: null,
        annotations: []
      }
      checkRuns.set(run.id, run)
    } else {
      const found = checkRuns.get(Number(/** @type {string[]} */ (update)[3]))
      if (!found) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS } }
      run = found
    }
    if (typeof b.status === 'string') run.status = b.status
    if (typeof b.conclusion === 'string') {
      run.conclusion = b.conclusion
      run.status = 'completed'
    }
    if (output) {
      run.title = output.title
      run.summary = output.summary
      // The API appends the annotations of every request to those the run already has.
      run.annotations.push(...(output.annotations ?? []))
    }
    return {
      status: create ? 201 : 200,
      body: {
        id: run.id,
        name: run.name,
        head_sha: run.head_sha,
        status: run.status,
        conclusion: run.conclusion,
        html_url: `${base}/html/${run.owner}/${run.repo}/runs/${run.id}`,
        output: {
          title: run.title ?? null,
          summary: run.summary ?? null,
          annotations_count: run.annotations.length
        }
      }
    }
  }

  /** @param {string} message */
  function invalid(message) {
    return { status: 422, body: { message: `Invalid request.\n\n${message}`, documentation_url: DOCS } }
  }

  const server = createServer((req, res) => {
    const chunks = /** @type {Buffer[]} */ ([])
    req.on('data', chunk => chunks.push(chunk))
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8')
      /** @type {unknown} */
      let body
      try {
        body = text === '' ? undefined : JSON.parse(text)
      } catch {
        body = text
      }
      const path = new URL(req.url ?? '/', 'http://localhost').pathname
      const method = req.method ?? 'GET'
      const authorization = req.headers.authorization
      const reply =
        typeof body === 'string'
          ? { status: 400, body: { message: 'Problems parsing JSON' } }
          : answer(method, path, authorization, body)
      requests.push({ method, path, authorization, body, status: reply.status })
      res.writeHead(reply.status, { 'content-type': JSON_TYPE })
      res.end(JSON.stringify(reply.body))
    })
  })
  await new Promise(resolve => server.listen(port, '127.0.0.1', () => resolve(undefined)))
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  base = `http://127.0.0.1:${address.port}`
  return {
    url: base,
    token,
    requests,
    checkRuns,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections()
        server.close(() => resolve(undefined))
      })
  }
}
