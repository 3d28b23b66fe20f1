/** Shapes shared by the signer, the credentials and the one HTTP function. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

/** A request as it will go on the wire: what the signer signs and what http sends. */
export interface OutgoingRequest {
  method: HttpMethod
  /** Absolute URL including the query string. */
  url: string
  headers: Record<string, string>
  /** Exact body bytes as a string ('' when none). */
  body: string
}

/** Adds authentication headers to a request (AK/SK signature, X-Auth-Token, ...). */
/** Which kind of credentials signs a request: the hint for a refusal depends on it. */
export type CredentialKind = 'aksk' | 'token' | 'oidc'

export interface Authorizer {
  /** What kind of credentials, for the log: never a value. */
  readonly description: string
  /** For the hint when the service refuses them; undefined for none (anonymous calls). */
  readonly kind?: CredentialKind
  authorize(request: OutgoingRequest): Promise<Record<string, string>>
  /** Called when the service said the token is expired or invalid: next authorize() must renew. */
  invalidate?(): void
}
