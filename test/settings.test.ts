/** Settings: raw inputs and environment to typed settings or problems, as plain function calls. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { INPUT_NAMES, gatherInputs, parseSettings, type RawInputs } from '../src/settings.js'
import { buildJobDefinition } from '../src/job/index.js'
import { REPO_ROOT } from './emulator/run-action.mjs'

const create: RawInputs = { region: 'cn-north-4', access_key: 'AK', secret_key: 'SK', job_name: 'nightly' }

function settingsOf(raw: RawInputs, env: Record<string, string> = {}) {
  const parsed = parseSettings(raw, env)
  if (parsed.settings === undefined) throw new Error(`unexpected problems: ${parsed.problems.join(' | ')}`)
  return parsed.settings
}
function createSettingsOf(raw: RawInputs, env: Record<string, string> = {}) {
  const settings = settingsOf(raw, env)
  if (settings.validateOnly) throw new Error('expected create settings')
  return settings
}
const problemsOf = (raw: RawInputs, env: Record<string, string> = {}): string[] =>
  parseSettings(raw, env).problems

describe('gathering', () => {
  test('every input action.yml declares is read, once, and nothing else', () => {
    const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: object }
    expect([...INPUT_NAMES].sort()).toEqual(Object.keys(action.inputs).sort())
    const read: string[] = []
    const raw = gatherInputs(name => {
      read.push(name)
      return `value of ${name}`
    })
    expect(read).toEqual([...INPUT_NAMES])
    expect(raw.job_name).toBe('value of job_name')
  })
})

describe('the two kinds of settings', () => {
  test('validate_only needs no credentials and no region', () => {
    expect(settingsOf({ validate_only: 'true', job_file: ' jobs/a.yaml \n\n jobs/*.yml ' })).toEqual({
      validateOnly: true,
      jobFiles: ['jobs/a.yaml', 'jobs/*.yml'],
      definitionInputs: {},
      requestTimeoutMs: 30_000,
      githubToken: undefined,
      definitionOptions: { apiVersion: 'auto', overrides: '' },
      preflight: true,
      service: undefined,
      preflightSkipped: undefined
    })
  })

  test('validate_only with credentials and a whole target carries them for the pre-flight', () => {
    const full = {
      validate_only: 'true',
      region: 'cn-north-4',
      project_id: 'p1',
      access_key: 'AK',
      secret_key: 'SK'
    }
    expect(settingsOf(full)).toMatchObject({
      preflight: true,
      preflightSkipped: undefined,
      service: {
        target: { region: 'cn-north-4', projectId: 'p1', endpoint: undefined, iamEndpoint: undefined },
        credentials: { kind: 'aksk', accessKey: 'AK', secretKey: 'SK' }
      }
    })
    // An endpoint stands in for the region; credentials may come from the environment.
    const env = { HUAWEI_CLOUD_ACCESS_KEY_ID: 'AK', HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'SK' }
    expect(
      settingsOf({ validate_only: 'true', endpoint: 'http://127.0.0.1:9', project_id: 'p1' }, env)
    ).toHaveProperty('service.target.endpoint', 'http://127.0.0.1:9')
    // preflight: false sends nothing even with everything given.
    expect(settingsOf({ ...full, preflight: 'false' })).toMatchObject({
      preflight: false,
      service: undefined
    })
  })

  test('validate_only with credentials but no whole target sends nothing and says why', () => {
    const keys = { validate_only: 'true', access_key: 'AK', secret_key: 'SK' }
    expect(settingsOf({ ...keys, region: 'cn-north-4' })).toMatchObject({
      service: undefined,
      preflightSkipped: 'no `project_id`'
    })
    expect(settingsOf({ ...keys, project_id: 'p1' })).toMatchObject({
      service: undefined,
      preflightSkipped: 'no `region` or `endpoint`'
    })
    // A target without credentials is the old validate_only: nothing to say.
    expect(settingsOf({ validate_only: 'true', region: 'cn-north-4', project_id: 'p1' })).toMatchObject({
      service: undefined,
      preflightSkipped: undefined
    })
  })

  test('validate_only still reports half-given credentials and a malformed target it would use', () => {
    expect(problemsOf({ validate_only: 'true', access_key: 'AK' })).toEqual([
      'Input `secret_key` is empty: AK/SK credentials need both keys.'
    ])
    const wrongRegion = problemsOf({
      validate_only: 'true',
      region: 'Beijing 4',
      project_id: 'p1',
      auth_token: 'token'
    })
    expect(wrongRegion).toHaveLength(1)
    expect(wrongRegion[0]).toMatch(/^Input `region`/)
  })

  test('validate_only carries the GitHub token for the check run; create has no use for it', () => {
    const validate = settingsOf(
      { validate_only: 'true', github_token: ' ghs_abc \n' },
      {
        MODELARTS_HTTP_TIMEOUT: '5s'
      }
    )
    expect(validate).toMatchObject({ validateOnly: true, githubToken: 'ghs_abc', requestTimeoutMs: 5_000 })
    expect(settingsOf({ validate_only: 'true', github_token: '  ' })).toHaveProperty('githubToken', undefined)
    expect(createSettingsOf({ ...create, github_token: 'ghs_abc' })).not.toHaveProperty('githubToken')
  })

  test('create carries the target, the credentials and the behaviour defaults', () => {
    expect(createSettingsOf({ ...create, job_file: 'jobs/a.yaml' })).toEqual({
      validateOnly: false,
      jobFiles: ['jobs/a.yaml'],
      jobFile: 'jobs/a.yaml',
      definitionInputs: { job_name: 'nightly' },
      definitionOptions: { apiVersion: 'auto', overrides: '' },
      ifExists: 'fail',
      wait: false,
      timeoutMs: (5 * 60 + 50) * 60_000,
      pollIntervalMs: 30_000,
      failOnJobFailure: true,
      stopOnCancel: true,
      streamLogs: true,
      describeOrigin: true,
      preflight: true,
      target: { region: 'cn-north-4', projectId: undefined, endpoint: undefined, iamEndpoint: undefined },
      credentials: { kind: 'aksk', accessKey: 'AK', secretKey: 'SK', securityToken: undefined },
      requestTimeoutMs: 30_000,
      // Outside a runner: the v2 run marker still has every part.
      run: { repository: 'local', runId: '0', attempt: '1' }
    })
  })

  test("the run identity for v2's marker comes from the runner's variables", () => {
    const parsed = parseSettings(
      { region: 'cn-north-4', access_key: 'AK', secret_key: 'SK' },
      { GITHUB_REPOSITORY: 'octo/repo', GITHUB_RUN_ID: '77', GITHUB_RUN_ATTEMPT: '3' }
    )
    expect(parsed.settings?.validateOnly === false && parsed.settings.run).toEqual({
      repository: 'octo/repo',
      runId: '77',
      attempt: '3'
    })
  })

  test('describe_origin: false keeps a definition without a description as it is', () => {
    expect(createSettingsOf({ ...create, describe_origin: 'false' }).describeOrigin).toBe(false)
  })

  test('create without credentials is refused, with how to give them', () => {
    const parsed = parseSettings({ region: 'cn-north-4' }, {})
    expect(parsed.settings).toBeUndefined()
    expect(parsed.problems).toEqual([
      'No credentials: set `idp_id` for keyless GitHub OIDC (recommended), `access_key` and `secret_key` (or run huaweicloud/auth-action first), or `auth_token`.'
    ])
  })

  test('behaviour inputs are read and checked on the validate_only path too', () => {
    expect(problemsOf({ validate_only: 'true', wait: 'yes' })).toEqual([
      'Input `wait` is "yes": write true or false.'
    ])
  })
})

describe('structured inputs keep their indentation', () => {
  test('an input whose first line is indented is YAML as written', () => {
    const parameter = '  - label: lr\n    value: "0.1"\n  - label: epochs\n    value: "3"\n'
    const settings = settingsOf({ validate_only: 'true', parameter, job_name: '  padded  ' })
    expect(settings.definitionInputs.parameter).toBe(parameter)
    expect(settings.definitionInputs.job_name).toBe('padded')
    const built = buildJobDefinition(undefined, {
      ...settings.definitionInputs,
      data_url: '/b/d/',
      spec_id: '1',
      model_id: '3',
      worker_server_num: '1'
    })
    expect(built.diagnostics).toEqual([])
    expect(built.api).toBe('v1')
    const definition = built.api === 'v1' ? built.definition : undefined
    expect(definition?.config.parameter).toEqual([
      { label: 'lr', value: '0.1' },
      { label: 'epochs', value: '3' }
    ])
  })

  test('overrides is read untrimmed, and reaches the definition with api_version on either path', () => {
    // Indented from the first line, as a YAML block in a workflow may be.
    const overrides =
      '  algorithm: {id: algo-1}\n  spec:\n    resource: {flavor_id: modelarts.vm.cpu.8u, node_count: 1}\n'
    for (const extra of [{ validate_only: 'true' }, create]) {
      const settings = settingsOf({ ...extra, api_version: ' v2 ', overrides })
      expect(settings.definitionOptions).toEqual({ apiVersion: 'v2', overrides })
    }
    const settings = settingsOf({
      validate_only: 'true',
      api_version: 'v2',
      overrides,
      job_name: 'from-input'
    })
    const built = buildJobDefinition(undefined, settings.definitionInputs, settings.definitionOptions)
    expect(built.diagnostics).toEqual([])
    expect(built.api).toBe('v2')
    expect(built.definition).toEqual({
      kind: 'job',
      metadata: { name: 'from-input' },
      algorithm: { id: 'algo-1' },
      spec: { resource: { flavor_id: 'modelarts.vm.cpu.8u', node_count: 1 } }
    })
    const asV1 = settingsOf({ validate_only: 'true', api_version: 'v1', overrides, job_name: 'from-input' })
    const refused = buildJobDefinition(undefined, asV1.definitionInputs, asV1.definitionOptions)
    expect(refused.api).toBe('v1')
    expect(refused.diagnostics.some(d => d.input === 'overrides' && d.severity === 'error')).toBe(true)
  })

  test('blank overrides are no overrides', () => {
    expect(settingsOf({ validate_only: 'true', overrides: ' \n ' }).definitionOptions.overrides).toBe('')
  })

  test('blank structured inputs are not set', () => {
    expect(settingsOf({ validate_only: 'true', volumes: '  \n ', data_source: '' }).definitionInputs).toEqual(
      {}
    )
  })
})

describe('every input message', () => {
  test.each([
    [{ wait: 'maybe' }, 'Input `wait` is "maybe": write true or false.'],
    [{ validate_only: 'on' }, 'Input `validate_only` is "on": write true or false.'],
    [{ fail_on_job_failure: '1' }, 'Input `fail_on_job_failure` is "1": write true or false.'],
    [{ stop_on_cancel: 'no' }, 'Input `stop_on_cancel` is "no": write true or false.'],
    [{ stream_logs: 'y' }, 'Input `stream_logs` is "y": write true or false.'],
    [{ describe_origin: 'no' }, 'Input `describe_origin` is "no": write true or false.'],
    [{ if_exists: 'replace' }, 'Input `if_exists` is "replace": write fail or new_version.'],
    [
      { api_version: 'v3' },
      'Input `api_version` is "v3": write auto (the job file\'s keys decide), v1 or v2.'
    ],
    [
      { timeout: '500ms' },
      'Input `timeout`: "500ms" uses milliseconds, which are not allowed here: write e.g. 90m, 2h, 5h50m, 1h30m15s, 45s, or a whole number of seconds such as 3600'
    ],
    [
      { poll_interval: 'soon' },
      'Input `poll_interval`: "soon" is not a duration: write e.g. 90m, 2h, 5h50m, 1h30m15s, 45s, 500ms, or a whole number of seconds such as 3600'
    ],
    [
      { job_file: 'a.yaml\nb.yaml' },
      'Input `job_file` names several files: a job is created from one file (several only with `validate_only`).'
    ],
    [
      { region: 'CN-North-4' },
      'Input `region`: region "CN-North-4" is not a region id such as cn-north-4 or ap-southeast-3: use the id from the console\'s region list; did you mean "cn-north-4"?'
    ],
    [
      { project_id: 'not a project' },
      'Input `project_id` is not a project id (letters and digits, as in the console under My Credentials).'
    ],
    [
      { access_key: 'AK', secret_key: '', auth_token: 'T' },
      'Credentials: access_key/secret_key and auth_token are both set; keep exactly one kind.'
    ],
    [{ access_key: 'AK', secret_key: '' }, 'Input `secret_key` is empty: AK/SK credentials need both keys.'],
    [{ access_key: '', secret_key: 'SK' }, 'Input `access_key` is empty: AK/SK credentials need both keys.']
  ] as Array<[RawInputs, string]>)('%j → one message', (raw, message) => {
    expect(problemsOf({ ...create, ...raw })).toEqual([message])
  })

  test('an endpoint that is not https names its input', () => {
    const problems = problemsOf({ ...create, endpoint: 'http://modelarts.example.com' })
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/`endpoint`/)
    expect(problemsOf({ ...create, iam_endpoint: 'ftp://iam' })[0]).toMatch(/`iam_endpoint`/)
  })

  test('no region and no endpoint: both the region and the project are asked for', () => {
    expect(problemsOf({ access_key: 'AK', secret_key: 'SK' })).toEqual([
      'No region: set input `region` (e.g. cn-north-4), or env HUAWEI_CLOUD_REGION (huaweicloud/auth-action sets it), or input `endpoint`.',
      'No project: set input `project_id` (it can only be looked up from a `region`).'
    ])
  })

  test('a bad MODELARTS_HTTP_TIMEOUT names the variable', () => {
    expect(problemsOf(create, { MODELARTS_HTTP_TIMEOUT: 'fast' })[0]).toMatch(
      /^Environment variable MODELARTS_HTTP_TIMEOUT: "fast" is not a duration/
    )
  })

  test('all problems come at once', () => {
    const problems = problemsOf({ wait: 'x', timeout: 'y', if_exists: 'z' })
    expect(problems.map(p => /^(?:Input `(\w+)`|No (\w+))/.exec(p)?.slice(1).join(''))).toEqual([
      'if_exists',
      'wait',
      'timeout',
      'region',
      'project',
      'credentials'
    ])
  })
})

describe('environment fallbacks', () => {
  test('region, project and keys from huaweicloud/auth-action, then the SDK variables', () => {
    const settings = createSettingsOf(
      {},
      {
        HUAWEI_CLOUD_REGION: 'ap-southeast-3',
        HUAWEICLOUD_SDK_PROJECT_ID: 'p1',
        HUAWEI_CLOUD_ACCESS_KEY_ID: 'EAK',
        HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'ESK',
        HUAWEICLOUD_SDK_AK: 'SDKAK',
        HUAWEICLOUD_SDK_SK: 'SDKSK',
        HUAWEICLOUD_SDK_SECURITY_TOKEN: 'STS'
      }
    )
    expect(settings.target).toMatchObject({ region: 'ap-southeast-3', projectId: 'p1' })
    expect(settings.credentials).toEqual({
      kind: 'aksk',
      accessKey: 'EAK',
      secretKey: 'ESK',
      securityToken: 'STS'
    })
    expect(
      createSettingsOf({ region: 'cn-north-4' }, { HUAWEICLOUD_SDK_AK: 'A', HUAWEICLOUD_SDK_SK: 'S' })
        .credentials
    ).toEqual({ kind: 'aksk', accessKey: 'A', secretKey: 'S', securityToken: undefined })
  })

  test('token and keyless OIDC credentials', () => {
    expect(createSettingsOf({ region: 'cn-north-4', auth_token: 'TOKEN' }).credentials).toEqual({
      kind: 'token',
      token: 'TOKEN'
    })
    expect(
      createSettingsOf({ region: 'cn-north-4', idp_id: 'github', oidc_audience: 'aud' }).credentials
    ).toEqual({ kind: 'oidc', idpId: 'github', audience: 'aud' })
  })

  test('every secret is listed for masking, on the validate_only path too; access keys as well', () => {
    const parsed = parseSettings(
      {
        validate_only: 'true',
        secret_key: 'SK',
        security_token: 'ST',
        auth_token: 'TOKEN',
        access_key: 'AK',
        github_token: 'GHS'
      },
      {
        HUAWEI_CLOUD_ACCESS_KEY_ID: 'EAK',
        HUAWEI_CLOUD_SECRET_ACCESS_KEY: 'ESK',
        HUAWEICLOUD_SDK_AK: 'SDKAK',
        HUAWEICLOUD_SDK_SK: 'SDKSK'
      }
    )
    // An access key is not secret alone, but a service message echoing it names the account.
    expect(parsed.secrets.sort()).toEqual(['AK', 'EAK', 'ESK', 'GHS', 'SDKAK', 'SDKSK', 'SK', 'ST', 'TOKEN'])
  })

  test('the GitHub token is listed for masking on the create path and when the inputs have problems', () => {
    expect(parseSettings({ ...create, github_token: 'GHS' }).secrets).toEqual(['AK', 'SK', 'GHS'])
    const refused = parseSettings({ validate_only: 'true', wait: 'maybe', github_token: 'GHS' })
    expect(refused.settings).toBeUndefined()
    expect(refused.secrets).toEqual(['GHS'])
  })
})
