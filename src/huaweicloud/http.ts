/**
 * The one function that touches the network: builds the exact bytes, authorizes them, sends them
 * (proxy-aware, keep-alive, per-request timeout), turns failures into HuaweiCloudError and retries reads.
 */
import { isRecord } from '../util/values.js'
import type { IncomingHttpHeaders } from 'node:http'
import { HttpClient } from '@actions/http-client'
import {
  HuaweiCloudError,
  networkError,
  credentialsError,
  nonJsonError,
  readServiceError,
  serviceError,
  timeoutError,
  tooLargeError,
  type RequestLabel
} from './errors.js'
import { parseRetryAfter, withRetry, type Random, type RetryPolicy, type Sleep } from './retry.js'
import { signerEncode } from './signer.js'
import type { Authorizer, CredentialKind, HttpMethod, OutgoingRequest } from './types.js'

export interface ApiRequest {
  method: HttpMethod
  /** Absolute URL; `query` is appended to it. */
  url: string
  /** Undefined entries are dropped. */
  query?: Record<string, string | number | undefined>
  /** Serialised to JSON once: the same bytes are signed and sent. */
  body?: unknown
  /** Reads are retried; creates and stops are sent once. */
  idempotent: boolean
  /** Per attempt; default 30 s. */
  timeoutMs?: number
  headers?: Record<string, string>
  /** Send without credentials (the IAM token exchange authenticates with its body). */
  anonymous?: boolean
  /** Stops retrying (not an attempt already on the wire) when aborted. */
  signal?: AbortSignal
}

export interface ApiResponse<T> {
  status: number
  /** Lower-case names. */
  headers: Record<string, string | undefined>
  /** Parsed JSON; undefined for 204 or an empty body. */
  body: T
}

export interface HttpOptions {
  authorizer: Authorizer
  userAgent: string
  retry?: Partial<RetryPolicy>
  /** Receives one line per attempt and retry: method, path, status; never headers or bodies. */
  debug?: (message: string) => void
  sleep?: Sleep
  random?: Random
  /** Milliseconds clock for Retry-After dates and the retry time budget. */
  now?: () => number
  /** Largest response body read; default MAX_RESPONSE_BYTES. */
  maxResponseBytes?: number
  /**
   * Applied to a failed call's body before any of it enters an error message, so secrets echoed by the
   * service are masked before the message is cut to length (a cut secret would escape the runner's mask).
   */
  redact?: (text: string) => string
}

/** What callers need of the client: one request at a time. */
export interface Requester {
  request<T>(req: ApiRequest): Promise<ApiResponse<T>>
}

export interface HuaweiCloudHttp extends Requester {
  /** Closes kept-alive connections. */
  dispose(): void
}

export const DEFAULT_TIMEOUT_MS = 30_000
/** No answer the action reads is near this: a body that goes on is cut off, not buffered. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024
export const JSON_CONTENT_TYPE = 'application/json;charset=UTF-8'
/** ModelArts' "logs not ready yet" comes as an error code with HTTP 204: the caller asks again later. */
const NOT_READY_CODE = 'ModelArts.2776'

type RequestHandler = NonNullable<ConstructorParameters<typeof HttpClient>[1]>[number]

// http-client passes URL.hostname on, whose IPv6 brackets ([::1]) Node's resolver rejects.
const unbracketIpv6: RequestHandler = {
  prepareRequest: options => {
    if (typeof options.host === 'string' && options.host.startsWith('['))
      options.host = options.host.slice(1, -1)
  },
  canHandleAuthentication: () => false,
  handleAuthentication: () => Promise.reject(new Error('no authentication handler'))
}

/** `url` with `query` appended, encoded the way the signer canonicalises it. */
export function buildUrl(url: string, query: ApiRequest['query']): string {
  const pairs = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${signerEncode(key)}=${signerEncode(String(value))}`)
  if (pairs.length === 0) return url
  const hashless = url.split('#')[0] ?? url
  const separator = !hashless.includes('?')
    ? '?'
    : hashless.endsWith('?') || hashless.endsWith('&')
      ? ''
      : '&'
  return `${hashless}${separator}${pairs.join('&')}`
}

interface RawResponse {
  status: number
  headers: Record<string, string | undefined>
  text: string
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {}
  for (const [name, value] of Object.entries(headers)) {
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

function parseOr(text: string, fallback: unknown): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return fallback
  }
}

function pathOf(url: string): string {
  return new URL(url).pathname
}

export function createHttpClient(options: HttpOptions): HuaweiCloudHttp {
  const { authorizer } = options
  const now = options.now ?? Date.now
  const debug = options.debug ?? ((): void => undefined)
  const maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES
  const redact = options.redact ?? ((text: string): string => text)
  // http-client takes its socket timeout per client, so there is one (keep-alive) client per timeout.
  const clients = new Map<number, HttpClient>()

  function clientFor(timeoutMs: number): HttpClient {
    let client = clients.get(timeoutMs)
    if (!client) {
      client = new HttpClient(options.userAgent, [unbracketIpv6], {
        keepAlive: true,
        socketTimeout: timeoutMs,
        allowRetries: false,
        allowRedirects: false
      })
      clients.set(timeoutMs, client)
    }
    return client
  }

  function send(
    label: RequestLabel,
    body: string,
    headers: Record<string, string>,
    timeoutMs: number
  ): Promise<RawResponse> {
    return new Promise<RawResponse>((resolve, reject) => {
      let settled = false
      let destroyBody: (() => void) | undefined
      const finish = (settle: () => void): void => {
        if (settled) return
        settled = true
        clearTimeout(deadline)
        settle()
      }
      // The socket timeout only covers idle time before the response; this bounds the whole exchange.
      const deadline = setTimeout(() => {
        finish(() => reject(timeoutError(label, timeoutMs)))
        destroyBody?.()
      }, timeoutMs)
      clientFor(timeoutMs)
        .request(label.method, label.url, body === '' ? null : body, headers)
        .then(
          response => {
            const { message } = response
            if (settled) {
              message.destroy()
              return
            }
            destroyBody = () => message.destroy()
            const chunks: Buffer[] = []
            let received = 0
            message.on('data', (chunk: Buffer) => {
              received += chunk.length
              if (received > maxResponseBytes) {
                chunks.length = 0
                finish(() => reject(tooLargeError(label, maxResponseBytes)))
                message.destroy()
                return
              }
              chunks.push(chunk)
            })
            message.on('end', () =>
              finish(() =>
                resolve({
                  status: message.statusCode ?? 0,
                  headers: flattenHeaders(message.headers),
                  text: Buffer.concat(chunks).toString('utf8')
                })
              )
            )
            message.on('error', error => finish(() => reject(networkError(label, error))))
            message.on('close', () => {
              if (!message.complete) {
                const cut = Object.assign(new Error('connection closed during the response'), {
                  code: 'ECONNRESET'
                })
                finish(() => reject(networkError(label, cut)))
              }
            })
          },
          (error: unknown) => {
            const timedOut = error instanceof Error && error.message.startsWith('Request timeout')
            finish(() => reject(timedOut ? timeoutError(label, timeoutMs) : networkError(label, error)))
          }
        )
    })
  }

  /** `credentials`: the kind that signed the request (undefined when anonymous), for the hint of a refusal. */
  function interpret<T>(
    label: RequestLabel,
    raw: RawResponse,
    credentials: CredentialKind | undefined
  ): ApiResponse<T> {
    const { status, headers } = raw
    const ok = status >= 200 && status < 300
    // Error bodies are masked before they are read for a message; a success body is data, kept as sent.
    const text = ok ? raw.text : redact(raw.text)
    const retryAfterMs = parseRetryAfter(headers['retry-after'], now())
    const requestId = headers['x-request-id']
    if (text.trim() === '') {
      if (ok) return { status, headers, body: undefined as T }
      throw serviceError(label, status, undefined, { requestId, retryAfterMs, credentials, redact })
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw nonJsonError(label, status, text, retryAfterMs, redact)
    }
    if (readServiceError(parsed).code === NOT_READY_CODE) return { status, headers, body: parsed as T }
    // v1 reports failures with is_success: false under any HTTP status, even 200.
    if (!ok || (isRecord(parsed) && parsed.is_success === false)) {
      const shown = ok ? parseOr(redact(text), parsed) : parsed
      throw serviceError(label, status, shown, { requestId, retryAfterMs, credentials, redact })
    }
    return { status, headers, body: parsed as T }
  }

  async function request<T>(req: ApiRequest): Promise<ApiResponse<T>> {
    const url = buildUrl(req.url, req.query)
    const label: RequestLabel = { method: req.method, url }
    const path = pathOf(url)
    const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS
    const body = req.body === undefined ? '' : JSON.stringify(req.body)
    const baseHeaders: Record<string, string> = { Accept: 'application/json', ...req.headers }
    if (body !== '') baseHeaders['Content-Type'] = JSON_CONTENT_TYPE
    else if (req.method === 'POST' || req.method === 'PUT') baseHeaders['Content-Length'] = '0'

    const attempt = async (): Promise<ApiResponse<T>> => {
      const outgoing: OutgoingRequest = { method: req.method, url, headers: { ...baseHeaders }, body }
      // Authorized on every attempt, so each carries a fresh X-Sdk-Date or a renewed token.
      let auth: Record<string, string> = {}
      try {
        if (!req.anonymous) auth = await authorizer.authorize(outgoing)
      } catch (error) {
        // Nothing was sent: whatever went wrong getting credentials, this call is not ambiguous.
        throw credentialsError(error)
      }
      const started = now()
      try {
        const response = interpret<T>(
          label,
          await send(label, body, { ...outgoing.headers, ...auth }, timeoutMs),
          req.anonymous ? undefined : authorizer.kind
        )
        debug(`${req.method} ${path}: HTTP ${response.status} in ${now() - started} ms`)
        return response
      } catch (error) {
        if (error instanceof HuaweiCloudError) {
          const outcome = error.status !== undefined ? `HTTP ${error.status}` : error.kind
          debug(`${req.method} ${path}: ${outcome} after ${now() - started} ms`)
        }
        throw error
      }
    }

    const attemptWithRenewal = async (): Promise<ApiResponse<T>> => {
      try {
        return await attempt()
      } catch (error) {
        if (
          error instanceof HuaweiCloudError &&
          error.status === 401 &&
          !req.anonymous &&
          authorizer.invalidate
        ) {
          // The gateway reports expired tokens under several codes: renew once and see.
          debug(`${req.method} ${path}: credentials rejected, renewing them once`)
          authorizer.invalidate()
          return await attempt()
        }
        throw error
      }
    }

    if (!req.idempotent) return attemptWithRenewal()
    return withRetry(attemptWithRenewal, {
      policy: options.retry,
      sleep: options.sleep,
      random: options.random,
      now,
      signal: req.signal,
      classify: error =>
        error instanceof HuaweiCloudError && error.retryable
          ? { retry: true, serverDelayMs: error.retryAfterMs }
          : { retry: false },
      onRetry: ({ attempt, delayMs }) =>
        debug(`${req.method} ${path}: retrying (attempt ${attempt + 1}) in ${delayMs} ms`)
    })
  }

  return {
    request,
    dispose: () => {
      for (const client of clients.values()) client.dispose()
      clients.clear()
    }
  }
}
