// Requests to the emulator signed by Huawei's own Node SDK, so the tests prove the emulator agrees with it.
import basicCredentialsModule from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js'
import type { HcClient } from '@huaweicloud/huaweicloud-sdk-core/HcClient.js'
import type { Emulator } from '../emulator/server.mjs'

const { BasicCredentials } = basicCredentialsModule

export type Query = Record<string, string | string[]>

export interface SignedCall {
  url: string
  method: string
  headers: Record<string, string>
  body: string | undefined
}

export interface SignOptions {
  query?: Query
  /** JSON body; the SDK signs JSON.stringify(data), so that is what is sent. */
  data?: object
  headers?: Record<string, string>
  accessKey?: string
  secretKey?: string
  securityToken?: string
  /** Fills `{project_id}` in the path and the X-Project-Id header. */
  projectId?: string
}

/** Query string with the same encoding the signer assumes (decoded values are signed). */
export function queryString(query: Query = {}): string {
  const pairs = Object.entries(query).flatMap(([key, value]) =>
    (Array.isArray(value) ? value : [value]).map(v => `${encodeURIComponent(key)}=${encodeURIComponent(v)}`)
  )
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`
}

/** Signs a call the way the SDK's BasicCredentials do (X-Project-Id, X-Security-Token, then AKSKSigner). */
export async function signCall(
  emulator: Emulator,
  method: string,
  path: string,
  options: SignOptions = {}
): Promise<SignedCall> {
  const credentials = new BasicCredentials()
    .withAk(options.accessKey ?? emulator.accessKey)
    .withSk(options.secretKey ?? emulator.secretKey)
    .withProjectId(options.projectId ?? emulator.projectId)
  if (options.securityToken) credentials.withSecurityToken(options.securityToken)
  const request = {
    endpoint: emulator.url,
    url: path,
    method,
    // Exactly application/json: for any other type the SDK sends X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD.
    headers: { 'Content-Type': 'application/json', ...options.headers },
    queryParams: { ...options.query },
    data: options.data
  }
  // The client is only used to renew federated tokens, which BasicCredentials with AK/SK never do.
  const signed = await credentials.processAuthRequest(undefined as unknown as HcClient, request)
  return {
    url: `${emulator.url}${String(signed.url)}${queryString(options.query)}`,
    method,
    headers: signed.headers as Record<string, string>,
    body: options.data === undefined ? undefined : JSON.stringify(options.data)
  }
}

export interface Reply {
  status: number
  headers: Headers
  text: string
  /** The parsed body, or undefined when it is empty. */
  json: Record<string, unknown> | undefined
}

export async function send(call: SignedCall, init: { signal?: AbortSignal } = {}): Promise<Reply> {
  const response = await fetch(call.url, {
    method: call.method,
    headers: call.headers,
    body: call.body,
    ...init
  })
  const text = await response.text()
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>)
  }
}

/** Signs and sends in one go. */
export async function call(
  emulator: Emulator,
  method: string,
  path: string,
  options: SignOptions = {}
): Promise<Reply> {
  return send(await signCall(emulator, method, path, options))
}
