/** Huawei Cloud access: endpoints, credentials, signing, the one HTTP function, errors and retries. */
export * from './types.js'
export * from './signer.js'
export * from './endpoints.js'
export * from './retry.js'
export * from './errors.js'
export * from './http.js'
export * from './credentials.js'
