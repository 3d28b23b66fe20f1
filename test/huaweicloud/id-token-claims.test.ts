/** What a refused OIDC exchange shows of the token: its iss, aud and sub claims, never the token. */
import { idTokenClaims, describeIdTokenClaims } from '../../src/huaweicloud/id-token-claims.js'

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')
const jwt = (claims: unknown): string =>
  [base64url({ alg: 'RS256' }), base64url(claims), 'c2lnbmF0dXJl'].join('.')

const GITHUB = {
  iss: 'https://token.actions.githubusercontent.com',
  aud: 'huaweicloud-modelarts-acme',
  sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
  repository: 'octo-org/octo-repo'
}

describe('idTokenClaims', () => {
  test('reads iss, aud and sub from the payload', () => {
    expect(idTokenClaims(jwt(GITHUB))).toEqual({ iss: GITHUB.iss, aud: GITHUB.aud, sub: GITHUB.sub })
  })

  test('several audiences are listed', () => {
    expect(idTokenClaims(jwt({ ...GITHUB, aud: ['a', 'b'] }))?.aud).toBe('a, b')
  })

  test('not a JWT, or a payload that is not JSON: nothing', () => {
    expect(idTokenClaims('not-a-token')).toBeUndefined()
    expect(idTokenClaims(`x.${Buffer.from('{oops').toString('base64url')}.y`)).toBeUndefined()
    expect(idTokenClaims(`x.${base64url(['array'])}.y`)).toBeUndefined()
  })

  test('claims cannot break the line or run on: control characters go, long values are cut', () => {
    const claims = idTokenClaims(jwt({ ...GITHUB, sub: `a\nb${'x'.repeat(500)}` }))
    expect(claims?.sub).not.toMatch(/\n/)
    expect(claims?.sub?.length).toBeLessThanOrEqual(201)
  })
})

describe('describeIdTokenClaims', () => {
  test('one clause naming each claim, and never the token itself', () => {
    const token = jwt(GITHUB)
    const text = describeIdTokenClaims(token)
    expect(text).toBe(
      `the token GitHub issued has iss "${GITHUB.iss}", aud "${GITHUB.aud}", sub "${GITHUB.sub}"`
    )
    expect(text).not.toContain(token.split('.')[1])
  })

  test('a missing claim is said to be missing', () => {
    expect(describeIdTokenClaims(jwt({ iss: GITHUB.iss }))).toBe(
      `the token GitHub issued has iss "${GITHUB.iss}", no aud, no sub`
    )
  })

  test('an unreadable token says so', () => {
    expect(describeIdTokenClaims('garbage')).toBe('the token GitHub issued could not be read as a JWT')
  })
})
