import {
  HuaweiCloudError,
  hintFor,
  isCredentialRejection,
  networkError,
  nonJsonError,
  readServiceError,
  serviceError,
  timeoutError
} from '../../src/huaweicloud/errors.js'

const request = {
  method: 'GET',
  url: 'https://modelarts.cn-north-4.myhuaweicloud.com/v1/p/training-jobs?token=x'
}

describe('hintFor', () => {
  it.each([
    ['ModelArts.0103', undefined, /job_name.*if_exists: new_version/],
    ['APIGW.0301', 401, /access_key.*secret_key.*clock.*region/],
    ['APIG.0301', 401, /access_key.*secret_key.*clock.*region/],
    ['APIGW.0101', 404, /region and endpoint/],
    ['ModelArts.0201', 401, /auth_token/],
    ['ModelArts.0202', 401, /expired/],
    ['ModelArts.0203', 401, /invalid/],
    ['ModelArts.0206', 403, /access_key/],
    ['ModelArts.0210', 403, /project_id/],
    ['ModelArts.0104', 400, /workspace_id/],
    ['ModelArts.0108', 403, /permissions/],
    ['ModelArts.2785', 403, /Access Authorization/],
    ['ModelArts.2763', 400, /flavor_id.*training-job-flavors/],
    ['ModelArts.2781', 400, /flavor_id.*training-job-flavors/],
    ['ModelArts.2784', 401, /auth_token.*identity provider/],
    ['ModelArts.2775', 400, /does not exist/],
    ['ModelArts.2815', 400, /quota/],
    ['ModelArts.0106', 400, /quota/],
    [undefined, 429, /throttled/],
    [undefined, 503, /try again later/],
    ['Unknown.1', 502, /try again later/]
  ])('%s / %s', (code, status, hint) => {
    expect(hintFor(code, status)).toMatch(hint)
  })

  it.each([
    ['APIGW.0301', 401],
    ['APIG.0301', 401],
    [undefined, 401],
    ['APIGW.0307', 401]
  ])('a rejected auth_token (%s / %s) is about the token, never about access keys', (code, status) => {
    const hint = hintFor(code, status, 'token')
    expect(hint).toMatch(/auth_token/)
    expect(hint).toMatch(/project-scoped/)
    expect(hint).not.toMatch(/access_key|secret_key|signature/)
  })

  it('a token from the OIDC exchange that is refused points at the identity provider, not at keys', () => {
    const hint = hintFor('APIGW.0301', 401, 'oidc')
    expect(hint).toMatch(/identity provider/)
    expect(hint).not.toMatch(/access_key|secret_key/)
  })

  it('AK/SK keeps its hint about the keys and the clock', () => {
    expect(hintFor('APIGW.0301', 401, 'aksk')).toMatch(/access_key.*secret_key.*clock/)
  })

  it('has nothing to say about an unknown 4xx code', () => {
    expect(hintFor('Other.0001', 400)).toBeUndefined()
  })
})

describe('isCredentialRejection', () => {
  const failed = (status: number, code?: string) =>
    new HuaweiCloudError('x', { kind: 'service', status, code, requestSent: true })
  test('HTTP 401, the gateway refusing a signature or token, ModelArts token and AK/SK codes', () => {
    for (const error of [
      failed(401),
      failed(401, 'ModelArts.0000'),
      failed(403, 'APIGW.0301'),
      failed(401, 'APIG.0307'),
      failed(403, 'ModelArts.0201'),
      failed(403, 'ModelArts.0206'),
      failed(403, 'ModelArts.0212'),
      failed(403, 'ModelArts.2784')
    ]) {
      expect([error.status, error.code, isCredentialRejection(error)]).toEqual([
        error.status,
        error.code,
        true
      ])
    }
  })
  test('not a permission, a name, a quota or a transport failure', () => {
    for (const error of [
      failed(403),
      failed(403, 'ModelArts.0108'),
      failed(403, 'ModelArts.0213'),
      failed(400, 'ModelArts.0103'),
      failed(404, 'ModelArts.2775'),
      failed(503),
      new Error('socket hang up'),
      undefined
    ]) {
      expect(isCredentialRejection(error)).toBe(false)
    }
  })
})

describe('readServiceError', () => {
  it.each([
    [{ is_success: false, error_code: 'ModelArts.0105', error_message: 'no' }, 'ModelArts.0105', 'no'],
    [{ error_code: 'APIG.0301', error_msg: 'bad sig' }, 'APIG.0301', 'bad sig'],
    [{ error: { code: 401, message: 'needs auth' } }, '401', 'needs auth'],
    ['plain', undefined, undefined]
  ])('%j', (body, code, message) => {
    expect(readServiceError(body)).toEqual({ code, message })
  })
})

describe('messages', () => {
  it('service errors: one line with status, code, message, request id and hint, no query', () => {
    const error = serviceError(
      request,
      400,
      { error_code: 'ModelArts.2815', error_msg: 'Exceed\nquota' },
      { requestId: 'req-1' }
    )
    expect(error).toBeInstanceOf(HuaweiCloudError)
    expect(error.message).toBe(
      `GET /v1/p/training-jobs failed with HTTP 400: ModelArts.2815: Exceed quota (request id req-1). Hint: ${hintFor('ModelArts.2815')}`
    )
    expect(error.kind).toBe('service')
    expect(error.retryable).toBe(false)
  })

  it('retryable follows the status: 429 and 5xx yes, 4xx no', () => {
    expect(serviceError(request, 429, {}).retryable).toBe(true)
    expect(serviceError(request, 500, {}).retryable).toBe(true)
    expect(serviceError(request, 404, {}).retryable).toBe(false)
  })

  it('non-JSON bodies are shown collapsed and cut at 200 characters', () => {
    const error = nonJsonError(request, 200, `a\n\n${'x'.repeat(300)}`)
    expect(error.message).toContain(`"a ${'x'.repeat(198)}…"`)
    expect(error.retryable).toBe(false)
  })

  it('network errors name host and system code, and whether the request may have been sent', () => {
    const refused = networkError(
      request,
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    )
    expect(refused.message).toContain('modelarts.cn-north-4.myhuaweicloud.com (ECONNREFUSED)')
    expect(refused.requestSent).toBe(false)
    expect(refused.retryable).toBe(true)
    const reset = networkError(request, Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
    expect(reset.requestSent).toBe(true)
    const dns = networkError(request, Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }))
    expect(dns.message).toMatch(/check region and endpoint/)
  })

  it('timeouts say how long was waited', () => {
    const error = timeoutError(request, 30_000)
    expect(error.message).toContain('within 30 s')
    expect(error.kind).toBe('timeout')
  })

  it('withContext keeps every field', () => {
    const error = serviceError(request, 503, { error_code: 'X.1' }).withContext('Doing something')
    expect(error.message.startsWith('Doing something: GET /v1/p/training-jobs')).toBe(true)
    expect([error.code, error.status, error.retryable, error.requestSent]).toEqual(['X.1', 503, true, true])
  })
})
