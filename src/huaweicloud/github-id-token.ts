/**
 * The workflow's GitHub OIDC ID token, asked of the runner's token service (what core.getIDToken does), but
 * with a per-attempt timeout and bounded retries on 429, 5xx and network failures. The permission hint is
 * given only when the runner offered no token service at all, which is what a missing permission looks like.
 */
import { HttpClient } from '@actions/http-client'
import { withRetry, type Random, type Sleep } from './retry.js'
import { errorMessage } from '../util/values.js'

export interface IdTokenRequest {
  /** ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN; absent without `id-token: write`. */
  requestUrl: string | undefined
  requestToken: string | undefined
  audience?: string
  userAgent: string
  /** Per attempt. */
  timeoutMs: number
  maxAttempts?: number
  sleep?: Sleep
  random?: Random
  /** One request: status and body text; tests pass a fake. */
  send?: (url: string, bearer: string, timeoutMs: number) => Promise<{ status: number; text: string }>
}

/** A failed attempt: whether another one may help. */
export class IdTokenError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean
  ) {
    super(message)
    this.name = 'IdTokenError'
  }
}

export const MISSING_PERMISSION =
  "The workflow's OIDC token is not available (the runner set no ACTIONS_ID_TOKEN_REQUEST_URL): add " +
  '`permissions: id-token: write` to the job (pull requests from forks never get a token).'

/** A token is a few kB: more than this is no token answer, and is not read further. */
export const MAX_ID_TOKEN_ANSWER_BYTES = 64 * 1024

const TOO_LARGE = `the runner's token service answered with more than ${MAX_ID_TOKEN_ANSWER_BYTES / 1024} KiB (a token is a few kB)`

/** The body of `message`, at most MAX_ID_TOKEN_ANSWER_BYTES: past that the answer is dropped and refused. */
function readCapped(message: NodeJS.ReadableStream & { destroy(): void }): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    message.on('data', (chunk: Buffer | string) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
      size += bytes.length
      if (size > MAX_ID_TOKEN_ANSWER_BYTES) {
        message.removeAllListeners('data')
        message.destroy()
        reject(new IdTokenError(TOO_LARGE, false))
        return
      }
      chunks.push(bytes)
    })
    message.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    message.once('error', reject)
  })
}

const RETRY_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND'])

/** What an attempt's outcome means: a token, or an IdTokenError saying whether to try again. */
export function readIdTokenAnswer(status: number, text: string): string {
  if (status === 429 || status >= 500) {
    throw new IdTokenError(`the runner's token service answered HTTP ${status}`, true)
  }
  if (status < 200 || status >= 300) {
    throw new IdTokenError(
      `the runner's token service refused the request with HTTP ${status}; check the job's \`permissions\``,
      false
    )
  }
  let value: unknown
  try {
    value = (JSON.parse(text) as { value?: unknown }).value
  } catch {
    value = undefined
  }
  if (typeof value !== 'string' || value === '') {
    throw new IdTokenError("the runner's token service answered without a token", false)
  }
  return value
}

function sendWithHttpClient(userAgent: string) {
  return async (
    url: string,
    bearer: string,
    timeoutMs: number
  ): Promise<{ status: number; text: string }> => {
    const client = new HttpClient(userAgent, [], { socketTimeout: timeoutMs, allowRetries: false })
    let timer: NodeJS.Timeout | undefined
    try {
      // The socket timeout covers idle time only: this bounds the whole exchange.
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(Object.assign(new Error(`no answer within ${timeoutMs / 1000} s`), { code: 'ETIMEDOUT' })),
          timeoutMs
        )
      })
      const exchange = (async () => {
        const response = await client.get(url, {
          Authorization: `Bearer ${bearer}`,
          Accept: 'application/json'
        })
        return { status: response.message.statusCode ?? 0, text: await readCapped(response.message) }
      })()
      return await Promise.race([exchange, deadline])
    } finally {
      clearTimeout(timer)
      client.dispose()
    }
  }
}

export async function requestGithubIdToken(options: IdTokenRequest): Promise<string> {
  const { requestUrl, requestToken } = options
  if (!requestUrl || !requestToken) throw new Error(MISSING_PERMISSION)
  const url = options.audience
    ? `${requestUrl}${requestUrl.includes('?') ? '&' : '?'}audience=${encodeURIComponent(options.audience)}`
    : requestUrl
  const send = options.send ?? sendWithHttpClient(options.userAgent)
  try {
    return await withRetry(
      async () => {
        let answer: { status: number; text: string }
        try {
          answer = await send(url, requestToken, options.timeoutMs)
        } catch (error) {
          if (error instanceof IdTokenError) throw error
          const code = (error as NodeJS.ErrnoException).code
          throw new IdTokenError(
            `the runner's token service could not be reached (${code ?? errorMessage(error)})`,
            code === undefined || RETRY_CODES.has(code)
          )
        }
        return readIdTokenAnswer(answer.status, answer.text)
      },
      {
        policy: { maxAttempts: options.maxAttempts ?? 4, baseDelayMs: 1000, maxElapsedMs: 60_000 },
        classify: error => ({ retry: error instanceof IdTokenError && error.retryable }),
        sleep: options.sleep,
        random: options.random
      }
    )
  } catch (error) {
    throw new Error(`Could not get the workflow's OIDC token: ${errorMessage(error)}.`)
  }
}
