import {
  IdTokenError,
  MAX_ID_TOKEN_ANSWER_BYTES,
  MISSING_PERMISSION,
  readIdTokenAnswer,
  requestGithubIdToken
} from '../../src/huaweicloud/github-id-token.js'

type Answer = { status: number; text: string } | Error
const fake = (answers: Answer[]) => {
  const urls: string[] = []
  return {
    urls,
    send: async (url: string) => {
      urls.push(url)
      const answer = answers[Math.min(urls.length - 1, answers.length - 1)]!
      if (answer instanceof Error) throw answer
      return answer
    }
  }
}
const base = {
  requestUrl: 'https://runner.example/token?api-version=2.0',
  requestToken: 'request-token',
  userAgent: 'test/1',
  timeoutMs: 1000,
  sleep: async () => undefined,
  random: () => 0
}
const ok = { status: 200, text: JSON.stringify({ value: 'id-token' }) }
const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })

describe('requestGithubIdToken', () => {
  test('asks with the audience and returns the token', async () => {
    const f = fake([ok])
    await expect(requestGithubIdToken({ ...base, audience: 'a b', send: f.send })).resolves.toBe('id-token')
    expect(f.urls).toEqual(['https://runner.example/token?api-version=2.0&audience=a%20b'])
  })

  test.each([
    ['HTTP 500', { status: 500, text: '' }],
    ['HTTP 429', { status: 429, text: '' }],
    ['a reset connection', reset],
    ['a timeout', Object.assign(new Error('no answer within 1 s'), { code: 'ETIMEDOUT' })]
  ])('%s is retried', async (_name, first) => {
    const f = fake([first, ok])
    await expect(requestGithubIdToken({ ...base, send: f.send })).resolves.toBe('id-token')
    expect(f.urls).toHaveLength(2)
  })

  test('retries are bounded and the message tells what happened, not a permission hint', async () => {
    const f = fake([{ status: 503, text: '' }])
    const failure = requestGithubIdToken({ ...base, maxAttempts: 3, send: f.send })
    await expect(failure).rejects.toThrow(
      "Could not get the workflow's OIDC token: the runner's token service answered HTTP 503."
    )
    await expect(failure).rejects.not.toThrow(/id-token: write/)
    expect(f.urls).toHaveLength(3)
  })

  test('without the runner variables: the permission hint, nothing sent', async () => {
    const f = fake([ok])
    await expect(requestGithubIdToken({ ...base, requestUrl: undefined, send: f.send })).rejects.toThrow(
      MISSING_PERMISSION
    )
    expect(f.urls).toHaveLength(0)
  })

  test('a refusal is not retried', async () => {
    const f = fake([{ status: 403, text: '' }, ok])
    await expect(requestGithubIdToken({ ...base, send: f.send })).rejects.toThrow(/HTTP 403/)
    expect(f.urls).toHaveLength(1)
  })

  test('the real client gives up on a hanging service after the timeout', async () => {
    const { createServer } = await import('node:http')
    const server = createServer(() => undefined)
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as { port: number }).port
    try {
      const failure = requestGithubIdToken({
        ...base,
        requestUrl: `http://127.0.0.1:${port}/token?x=1`,
        timeoutMs: 200,
        maxAttempts: 2
      })
      await expect(failure).rejects.toThrow(/could not be reached/)
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})

describe('the size of the answer', () => {
  test('an answer that never ends is cut at MAX_ID_TOKEN_ANSWER_BYTES, with one clear message, not retried', async () => {
    const { createServer } = await import('node:http')
    let requests = 0
    let written = 0
    const chunk = Buffer.alloc(16 * 1024, 'a')
    const server = createServer((_req, res) => {
      requests++
      res.writeHead(200, { 'Content-Type': 'application/json' })
      const more = (): void => {
        while (!res.destroyed && res.write(chunk)) written += chunk.length
        if (!res.destroyed) res.once('drain', more)
      }
      res.write('{"value":"')
      more()
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const port = (server.address() as { port: number }).port
    try {
      const failure = requestGithubIdToken({
        ...base,
        requestUrl: `http://127.0.0.1:${port}/token?x=1`,
        timeoutMs: 5000,
        maxAttempts: 3
      })
      await expect(failure).rejects.toThrow(
        `Could not get the workflow's OIDC token: the runner's token service answered with more than ${MAX_ID_TOKEN_ANSWER_BYTES / 1024} KiB (a token is a few kB).`
      )
      expect(requests).toBe(1)
      // Stopped near the cap, not read to the timeout (socket buffers hold a little more).
      expect(written).toBeLessThan(MAX_ID_TOKEN_ANSWER_BYTES + 8 * 1024 * 1024)
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })

  test('a token under the cap is read whole', () => {
    const token = 'x'.repeat(8 * 1024)
    expect(readIdTokenAnswer(200, JSON.stringify({ value: token }))).toBe(token)
    expect(MAX_ID_TOKEN_ANSWER_BYTES).toBeGreaterThanOrEqual(16 * 1024)
  })
})

describe('readIdTokenAnswer', () => {
  test('a 200 without a token is an error that is not retried', () => {
    expect(() => readIdTokenAnswer(200, '{}')).toThrow(IdTokenError)
    try {
      readIdTokenAnswer(200, 'not json')
    } catch (error) {
      expect((error as IdTokenError).retryable).toBe(false)
    }
  })
})
