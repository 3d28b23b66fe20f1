/** Provenance on the ModelArts side: a job without a description says which run and commit made it. */
import {
  describeOrigin,
  originDescription,
  runOriginOf,
  DESCRIPTION_MAX,
  type RunOrigin
} from '../../src/job/origin.js'
import type { JobDefinition, V2JobDefinition } from '../../src/job/index.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const origin: RunOrigin = {
  serverUrl: 'https://github.com',
  repository: 'octo-org/octo-repo',
  runId: '4242',
  runAttempt: '1',
  sha: SHA,
  workflow: 'train'
}

const v1: JobDefinition = {
  job_name: 'nightly',
  config: { worker_server_num: 1, data_url: '/d/', spec_id: 1, model_id: 3 }
} as JobDefinition
const v2 = {
  kind: 'job',
  metadata: { name: 'nightly' },
  algorithm: { code_dir: '/b/code/', boot_file: '/b/code/train.py' },
  spec: { resource: { flavor_id: 'modelarts.vm.cpu.2u', node_count: 1 } }
} as unknown as V2JobDefinition

describe('originDescription', () => {
  test('names the repository, the workflow, the run (with a link) and the commit', () => {
    expect(originDescription(origin)).toBe(
      `Created by GitHub Actions: octo-org/octo-repo, workflow train, commit ${SHA}, ` +
        'run https://github.com/octo-org/octo-repo/actions/runs/4242'
    )
  })

  test('a rerun links its attempt', () => {
    expect(originDescription({ ...origin, runAttempt: '3' })).toMatch(/actions\/runs\/4242\/attempts\/3$/)
  })

  test('never longer than allowed: the workflow name goes first, then the commit is shortened, then the text is cut', () => {
    const long = { ...origin, workflow: 'w'.repeat(300) }
    const text = originDescription(long)
    expect(text.length).toBeLessThanOrEqual(DESCRIPTION_MAX)
    expect(text).not.toContain('www')
    expect(text).toContain(SHA)

    const tight = originDescription(origin, 120)
    expect(tight.length).toBeLessThanOrEqual(120)
    expect(tight).toContain('octo-org/octo-repo')
    expect(tight).toContain(SHA.slice(0, 12))

    const huge = originDescription({ ...origin, repository: `o/${'r'.repeat(250)}` })
    expect(huge.length).toBe(DESCRIPTION_MAX)
    expect(huge.endsWith('…')).toBe(true)
  })
})

describe('runOriginOf', () => {
  test('reads the variables the runner sets; outside a runner there is no origin', () => {
    expect(
      runOriginOf({
        GITHUB_SERVER_URL: 'https://ghe.example',
        GITHUB_REPOSITORY: 'a/b',
        GITHUB_RUN_ID: '7',
        GITHUB_RUN_ATTEMPT: '2',
        GITHUB_SHA: SHA,
        GITHUB_WORKFLOW: 'ci'
      })
    ).toEqual({
      serverUrl: 'https://ghe.example',
      repository: 'a/b',
      runId: '7',
      runAttempt: '2',
      sha: SHA,
      workflow: 'ci'
    })
    expect(runOriginOf({ GITHUB_REPOSITORY: 'a/b' })).toBeUndefined()
  })
})

describe('describeOrigin', () => {
  test('v1: sets job_desc when the definition has none, and leaves the user’s own alone', () => {
    const described = describeOrigin({ api: 'v1', definition: v1 }, origin)
    expect(described.definition).toEqual({ ...v1, job_desc: originDescription(origin) })
    const own = { ...v1, job_desc: 'mine' }
    expect(describeOrigin({ api: 'v1', definition: own }, origin).definition).toBe(own)
  })

  test('v2: sets metadata.description, leaving room for the run marker the v2 create appends', () => {
    const described = describeOrigin({ api: 'v2', definition: v2 }, { ...origin, workflow: 'w'.repeat(300) })
    const description = (described.definition as { metadata: { description?: string } }).metadata.description
    expect(description).toContain('octo-org/octo-repo')
    // The short marker `gha:{run_id}:{attempt}:{nonce}` and a space must still fit in 256.
    expect((description ?? '').length + 1 + 'gha:99999999999:99:0123abcd'.length).toBeLessThanOrEqual(256)
    const own = { ...v2, metadata: { name: 'nightly', description: 'mine' } } as unknown as V2JobDefinition
    expect(describeOrigin({ api: 'v2', definition: own }, origin).definition).toBe(own)
  })

  test('nothing to say outside a runner', () => {
    expect(describeOrigin({ api: 'v1', definition: v1 }, undefined).definition).toBe(v1)
  })
})
