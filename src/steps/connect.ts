/** From settings to a ready TrainingJobsApi: endpoint, project, credentials, the HTTP client. */
import * as core from '@actions/core'
import type { CreateSettings, Credentials } from '../settings.js'
import type { Api } from '../job/index.js'
import type { Authorizer } from '../huaweicloud/types.js'
import { printText } from '../report/untrusted.js'
import {
  createHttpClient,
  type ApiRequest,
  type HuaweiCloudHttp,
  type Requester
} from '../huaweicloud/http.js'
import {
  accessKeyAuthorizer,
  exchangeIdToken,
  lookupProjectId,
  redactSecrets,
  secretsOf,
  oidcAuthorizer,
  tokenAuthorizer
} from '../huaweicloud/credentials.js'
import { requestGithubIdToken } from '../huaweicloud/github-id-token.js'
import { consoleJobsUrl, iamEndpoint, modelartsEndpoint } from '../huaweicloud/endpoints.js'
import { trainingJobsV1 } from '../modelarts/v1.js'
import { v1Api } from '../modelarts/v1-api.js'
import type { JobRef, TrainingJobsApi } from '../modelarts/api.js'
import type {
  ExplainOptions,
  JobInsight,
  PreflightChecker,
  PreflightJobOptions,
  PreflightSubject
} from '../modelarts/insight.js'
import type { JobEnd } from '../modelarts/postmortem.js'
import type { PreflightResult } from '../modelarts/preflight.js'

export const USER_AGENT = 'modelarts-training-job-action/1'

export interface Service {
  api: TrainingJobsApi
  endpoint: string
  projectId: string
  region: string | undefined
  /** Console page of the region's training jobs; empty with a custom endpoint. */
  jobUrl: string
  /**
   * Read-only checks of a valid definition (either API) against the service's lists, before the create or
   * under validate_only. Never throws for a list it cannot read: the result's `warning` says so.
   */
  preflight(
    build: PreflightSubject,
    options: Pick<PreflightJobOptions, 'mode' | 'ifExists'>
  ): Promise<PreflightResult>
  /** When the wait is over: why the run did not complete, and its metrics. Never throws. */
  explain(ref: JobRef, end: JobEnd, options?: ExplainOptions): Promise<JobInsight>
  /** Closes kept-alive connections, so the process can end. */
  dispose(): void
}

/** What connect needs: where, as whom, how long a request may take. */
export type ConnectSettings = Pick<CreateSettings, 'target' | 'credentials' | 'requestTimeoutMs'>

function authorizerFor(
  credentials: Credentials,
  projectId: string | undefined,
  iam: () => string,
  wrap: (http: HuaweiCloudHttp) => Requester,
  requestTimeoutMs: number,
  secrets: Set<string>
): Authorizer {
  switch (credentials.kind) {
    case 'aksk':
      return accessKeyAuthorizer({ ...credentials, projectId })
    case 'token':
      return tokenAuthorizer(credentials.token)
    case 'oidc': {
      if (!projectId) throw new Error('Keyless OIDC needs a project: set input `project_id`.')
      // The exchange sends no credentials of its own (anonymous), so its client needs no authorizer.
      const exchanger = wrap(
        createHttpClient({
          authorizer: noAuthorizer,
          userAgent: USER_AGENT,
          redact: text => redactSecrets(text, secrets)
        })
      )
      return oidcAuthorizer({
        idpId: credentials.idpId,
        iamEndpoint: iam(),
        projectId,
        getIdToken: () =>
          requestGithubIdToken({
            requestUrl: process.env.ACTIONS_ID_TOKEN_REQUEST_URL,
            requestToken: process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
            audience: credentials.audience,
            userAgent: USER_AGENT,
            // GitHub answers in well under a second: a hang is cut short, then retried.
            timeoutMs: Math.min(requestTimeoutMs, 10_000)
          }),
        exchange: idToken => exchangeIdToken(exchanger, iam(), credentials.idpId, projectId, idToken),
        onToken: secret => {
          core.setSecret(secret)
          secrets.add(secret)
        }
      })
    }
  }
}

const noAuthorizer: Authorizer = { description: 'none', authorize: async () => ({}) }

export async function connect(settings: ConnectSettings): Promise<Service> {
  const { credentials, target } = settings
  const endpoint = target.endpoint ?? modelartsEndpoint(target.region ?? '')
  const iam = (): string => target.iamEndpoint ?? iamEndpoint(target.region ?? '')
  const clients: HuaweiCloudHttp[] = []
  // Masked in server messages before they are cut to length; OIDC tokens join as they are minted.
  const secrets = new Set(
    secretsOf(
      credentials.kind === 'aksk'
        ? credentials
        : credentials.kind === 'token'
          ? { authToken: credentials.token }
          : {}
    )
  )
  const redact = (text: string): string => redactSecrets(text, secrets)
  const withTimeout = (http: HuaweiCloudHttp): Requester => {
    clients.push(http)
    return {
      request: <T>(req: ApiRequest) => http.request<T>({ timeoutMs: settings.requestTimeoutMs, ...req })
    }
  }

  let projectId = target.projectId
  if (!projectId) {
    // Only AK/SK and token credentials can ask IAM; OIDC needs the project to get its token at all.
    const lookup = withTimeout(
      createHttpClient({
        authorizer: authorizerFor(
          credentials,
          undefined,
          iam,
          withTimeout,
          settings.requestTimeoutMs,
          secrets
        ),
        userAgent: USER_AGENT,
        redact
      })
    )
    projectId = await lookupProjectId(lookup, iam(), target.region ?? '')
    printText(`Project ${projectId} (looked up for region ${target.region}).`)
  }
  const authorizer = authorizerFor(
    credentials,
    projectId,
    iam,
    withTimeout,
    settings.requestTimeoutMs,
    secrets
  )
  printText(`Credentials: ${authorizer.description}.`)
  const http = withTimeout(
    createHttpClient({ authorizer, userAgent: USER_AGENT, redact, debug: message => core.debug(message) })
  )
  const reach = { http, endpoint, projectId }
  const apiName: Api = 'v1'
  // The pre-flight and the post-mortem load only on the paths that take them.
  const insight = async (): Promise<typeof import('../modelarts/insight.js')> =>
    import('../modelarts/insight.js')
  // One checker for the whole step: validate_only reads each list once for all its files.
  let checker: PreflightChecker | undefined
  return {
    api: v1Api(trainingJobsV1(http, endpoint, projectId)),
    preflight: async (build, options) => {
      checker ??= (await insight()).preflightChecker(reach)
      return checker(build, options)
    },
    explain: async (ref, end, options) => (await insight()).explainRun(reach, apiName, ref, end, options),
    endpoint,
    projectId,
    region: target.region,
    jobUrl: target.endpoint || !target.region ? '' : consoleJobsUrl(target.region),
    dispose: () => clients.forEach(client => client.dispose())
  }
}
