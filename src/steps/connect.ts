/** From settings to a ready TrainingJobsApi: endpoint, project, credentials, the HTTP client. */
import * as core from '@actions/core'
import type { CreateSettings, Credentials } from '../settings.js'
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
import type { JobRef, SentCreate, SubmitOptions, Submitted, TrainingJobsApi } from '../modelarts/api.js'
import type { JobDefinition, V2JobDefinition } from '../job/index.js'
import type {
  ExplainOptions,
  JobInsight,
  PreflightChecker,
  PreflightJobOptions,
  PreflightSubject
} from '../modelarts/insight.js'
import type { JobEnd } from '../modelarts/postmortem.js'
import type { PreflightResult } from '../modelarts/preflight.js'

const USER_AGENT = 'modelarts-training-job-action/1'

/** Which API the run is on; for a create, the definition it sends (job/'s BuildResult narrows to one of these). */
export type ApiChoice =
  { api: 'v1'; definition?: JobDefinition } | { api: 'v2'; definition?: V2JobDefinition }

export interface ConnectHooks {
  /** Before each create goes out, for an API that can find it again (v2): save it for the post step. */
  sending?: (sent: SentCreate) => void
}

export interface Service {
  /** The run's API: read, stop, follow, find a create. The same whichever API answers. */
  api: Omit<TrainingJobsApi<unknown>, 'submit'>
  /** Creates the run from the definition given to connect, exactly once. */
  submit(options: SubmitOptions): Promise<Submitted>
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
export type ConnectSettings = Pick<CreateSettings, 'target' | 'credentials' | 'requestTimeoutMs'> &
  Partial<Pick<CreateSettings, 'run'>>

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

/**
 * The checks a create must pass before anything is sent, the IAM project lookup included: for v2 a series
 * base with room for `-V0001`. Throws the one line to fail with.
 */
export async function checkBeforeSending(settings: CreateSettings, choice: ApiChoice): Promise<void> {
  if (choice.api !== 'v2' || !choice.definition) return
  const { checkSubmit } = await import('../modelarts/v2-submit.js')
  checkSubmit(choice.definition, { ifExists: settings.ifExists })
}

/** The one place that picks the API: v1Api or v2Api by `choice.api`; v2's modules load only when it is chosen. */
export async function connect(
  settings: ConnectSettings,
  choice: ApiChoice,
  hooks: ConnectHooks = {}
): Promise<Service> {
  const { credentials, target } = settings
  const endpoint = target.endpoint ?? modelartsEndpoint(target.region ?? '')
  const iam = (): string => target.iamEndpoint ?? iamEndpoint(target.region ?? '')
  const clients: HuaweiCloudHttp[] = []
  // Masked in server messages before they are cut to length; OIDC tokens join as they are minted.
  const secrets = new Set(credentialSecrets(credentials))
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
  const noDefinition = (): Promise<Submitted> =>
    Promise.reject(new Error('connect was given no definition: this step creates no run.'))
  let api: Omit<TrainingJobsApi<unknown>, 'submit'>
  let submit: (options: SubmitOptions) => Promise<Submitted>
  if (choice.api === 'v1') {
    const v1 = v1Api(trainingJobsV1(http, endpoint, projectId))
    const { definition } = choice
    api = v1
    submit = definition ? options => v1.submit(definition, options) : noDefinition
  } else {
    const [{ trainingJobsV2 }, { v2Api }] = await Promise.all([
      import('../modelarts/v2.js'),
      import('../modelarts/v2-api.js')
    ])
    const { definition } = choice
    const workspaceId = definition?.metadata.workspace_id
    const v2 = v2Api(trainingJobsV2(http, endpoint, projectId), {
      // Only a create writes the run into its marker; validate_only connects without one.
      run: settings.run ?? { repository: 'local', runId: '0', attempt: '1' },
      sending: (name, marker) => hooks.sending?.({ name, marker, workspaceId })
    })
    api = v2
    submit = definition ? options => v2.submit(definition, options) : noDefinition
  }
  const reach = { http, endpoint, projectId }
  // The pre-flight and the post-mortem load only on the paths that take them.
  const insight = async (): Promise<typeof import('../modelarts/insight.js')> =>
    import('../modelarts/insight.js')
  // One checker for the whole step: validate_only reads each list once for all its files.
  let checker: PreflightChecker | undefined
  let credentialsReady: Promise<unknown> | undefined
  return {
    api,
    submit,
    preflight: async (build, options) => {
      // Credentials first (an OIDC exchange): failing, they are the step's answer, not a list to skip with
      // a warning, and the create does not try them again.
      await (credentialsReady ??= authorizer.authorize({
        method: 'GET',
        url: endpoint,
        headers: {},
        body: ''
      }))
      checker ??= (await insight()).preflightChecker(reach)
      return checker(build, options)
    },
    // Service text may echo a secret the job was given: masked before the post-mortem cuts it to one line.
    explain: async (ref, end, options) =>
      (await insight()).explainRun(reach, choice.api, ref, end, { ...options, redact }),
    endpoint,
    projectId,
    region: target.region,
    jobUrl: target.endpoint || !target.region ? '' : consoleJobsUrl(target.region),
    dispose: () => clients.forEach(client => client.dispose())
  }
}

/** The values of these credentials that nothing may print (OIDC has none before its tokens are minted). */
export function credentialSecrets(credentials: Credentials): string[] {
  if (credentials.kind === 'aksk') return secretsOf(credentials)
  if (credentials.kind === 'token') return secretsOf({ authToken: credentials.token })
  return []
}
