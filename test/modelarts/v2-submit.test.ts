/** Exactly-once v2 creation on a fake service: names, series, the marker, and every lost or raced answer. */
import {
  submitTrainingJobV2,
  describeWithMarker,
  hasMarker,
  highestInSeries,
  findMarkedJob,
  SubmitError,
  type V2SubmitOptions
} from '../../src/modelarts/v2-submit.js'
import { HuaweiCloudError } from '../../src/huaweicloud/errors.js'
import type { TrainingJobsV2, V2Job, V2JobBody } from '../../src/modelarts/v2.js'

const run = { repository: 'octo/repo', runId: '123456', attempt: '2' }
const MARKER = 'gha:octo/repo:123456:2:0badcafe'

const lost = () => new HuaweiCloudError('connection reset', { kind: 'network', requestSent: true })
const serverError = () =>
  new HuaweiCloudError('HTTP 502', { kind: 'service', status: 502, requestSent: true })
const refused = () => new HuaweiCloudError('ECONNREFUSED', { kind: 'network', requestSent: false })
const badBody = () =>
  new HuaweiCloudError('HTTP 400 ModelArts.2788', {
    kind: 'service',
    status: 400,
    code: 'ModelArts.2788',
    requestSent: true
  })
const nameTaken = (name: string) =>
  new HuaweiCloudError(`Duplicate training job (name ${name})`, {
    kind: 'service',
    status: 400,
    code: 'ModelArts.2751',
    requestSent: true
  })

interface Fault {
  error: () => Error
  /** The service makes the job before the answer is lost. */
  commit: boolean
  /** A job committed this way shows in searches only after this many searches. */
  hiddenForSearches?: number
  /** Before this create is handled, another run takes this name. */
  stolenBy?: string
}

/** A fake service with unique names, a search that matches substrings, and scripted faults per create. */
function fakeService(existing: Array<Pick<V2Job, 'name'> & Partial<V2Job>> = []) {
  let nextId = 1
  const jobs: Array<V2Job & { hiddenFor: number }> = existing.map(job => ({
    id: `old-${nextId++}`,
    description: '',
    workspaceId: '0',
    phase: 'Completed',
    tasks: [],
    raw: {},
    hiddenFor: 0,
    ...job
  }))
  const faults: Fault[] = []
  const calls: string[] = []
  const make = (name: string, description: string, hiddenFor = 0): V2Job => {
    const job = {
      id: `job-${nextId++}`,
      name,
      description,
      workspaceId: '0',
      phase: 'Creating',
      tasks: ['worker-0'],
      raw: {},
      hiddenFor
    }
    jobs.push(job)
    return job
  }
  const api: Pick<TrainingJobsV2, 'create' | 'search'> = {
    async create(body: V2JobBody) {
      const { name, description = '' } = body.metadata
      calls.push(`create ${name}`)
      const fault = faults.shift()
      if (fault?.stolenBy) make(fault.stolenBy, 'gha:other/run:9:1:ffffffff')
      const commit = (): V2Job => {
        if (jobs.some(job => job.name === name)) throw nameTaken(name)
        return make(name, description, fault?.hiddenForSearches)
      }
      if (!fault || fault.stolenBy) return commit()
      if (fault.commit) commit()
      throw fault.error()
    },
    async search(like: string, workspace?: string) {
      calls.push(`search ${like} ${workspace ?? '-'}`)
      const visible = jobs.filter(job => {
        if (job.hiddenFor > 0) {
          job.hiddenFor--
          return false
        }
        return job.name.includes(like)
      })
      return visible.map(({ hiddenFor: _, ...job }) => job)
    }
  }
  return { api, jobs, faults, calls }
}

const unexpected = (): Error => {
  throw new Error('expected a failure')
}

const body = (over: Partial<V2JobBody['metadata']> = {}): V2JobBody => ({
  kind: 'job',
  metadata: { name: 'nightly', description: 'my run', ...over },
  spec: { resource: { flavor_id: 'f', node_count: 1 } }
})

function options(over: Partial<V2SubmitOptions> = {}) {
  const logs: string[] = []
  const sleeps: number[] = []
  const opts: V2SubmitOptions = {
    ifExists: 'fail',
    run,
    nonce: '0badcafe',
    log: message => logs.push(message),
    sleep: async ms => void sleeps.push(ms),
    settleMs: 30_000,
    ...over
  }
  return { opts, logs, sleeps }
}

describe('the description marker', () => {
  test('comes after the whole user text, one space apart', () => {
    expect(describeWithMarker('my run', run, '0badcafe')).toEqual({
      description: `my run ${MARKER}`,
      marker: MARKER
    })
    expect(describeWithMarker('', run, '0badcafe').description).toBe(MARKER)
  })

  test('falls back to the short form, then to none, to stay within 256 characters', () => {
    const roomForLong = 256 - MARKER.length - 1
    expect(describeWithMarker('x'.repeat(roomForLong), run, '0badcafe').description).toHaveLength(256)
    const short = describeWithMarker('x'.repeat(roomForLong + 1), run, '0badcafe')
    expect(short.marker).toBe('gha:123456:2:0badcafe')
    expect(short.description.startsWith('x'.repeat(roomForLong + 1))).toBe(true)
    expect(short.description.length).toBeLessThanOrEqual(256)
    const roomForShort = 256 - 'gha:123456:2:0badcafe'.length - 1
    expect(describeWithMarker('x'.repeat(roomForShort), run, '0badcafe').marker).toBe('gha:123456:2:0badcafe')
    // A description the service accepts is sent as it is when not even the short marker fits.
    for (const length of [roomForShort + 1, 250, 256]) {
      expect(describeWithMarker('x'.repeat(length), run, '0badcafe')).toEqual({
        description: 'x'.repeat(length),
        marker: ''
      })
    }
  })

  test('is recognised only whole and at the end', () => {
    expect(hasMarker(`my run ${MARKER}`, MARKER)).toBe(true)
    expect(hasMarker(`${MARKER}  `, MARKER)).toBe(true)
    expect(hasMarker(`my run x${MARKER}`, MARKER)).toBe(false)
    expect(hasMarker(`my run ${MARKER}1`, MARKER)).toBe(false)
    expect(hasMarker(`my run ${MARKER} more`, MARKER)).toBe(false)
    expect(hasMarker('gha:octo/repo:123456:2:0badcafd', MARKER)).toBe(false)
    // No marker (the description had no room for one) is never found, not even in an empty description.
    expect(hasMarker('', '')).toBe(false)
    expect(hasMarker('my run ', '')).toBe(false)
  })
})

describe('series members', () => {
  test('are exactly base-V and four digits', () => {
    const names = [
      'nightly-V0003',
      'nightly-V12345',
      'nightly-V0009x',
      'nightly-v0010',
      'other-nightly-V0020',
      'nightly-V0002'
    ]
    expect(highestInSeries('nightly', names)).toBe(3)
    expect(highestInSeries('nightly', [])).toBe(0)
    expect(highestInSeries('a.b', ['aXb-V0005', 'a.b-V0001'])).toBe(1)
  })
})

describe('submitTrainingJobV2: if_exists fail', () => {
  test('creates the job named job_name with the marker in the description', async () => {
    const service = fakeService()
    const { opts } = options()
    const result = await submitTrainingJobV2(service.api, body(), opts)
    expect(result).toMatchObject({ name: 'nightly', versionName: '', marker: MARKER, adopted: false })
    expect(result.job.description).toBe(`my run ${MARKER}`)
    expect(service.calls).toEqual(['create nightly'])
  })

  test('a taken name fails with one line that says what to do, after one create', async () => {
    const service = fakeService([{ name: 'nightly' }])
    const { opts } = options()
    const error = await submitTrainingJobV2(service.api, body({ workspace_id: 'ws1' }), opts).then(
      unexpected,
      (e: unknown) => e as Error
    )
    expect(error).toBeInstanceOf(SubmitError)
    expect(error.message).toBe(
      'A training job named "nightly" already exists in workspace ws1 (ModelArts.2751): set if_exists: new_version ' +
        "to name each run's job nightly-V0001, nightly-V0002, ..., choose another job_name, or delete the old job."
    )
    expect(error.message).not.toContain('\n')
    expect(service.calls).toEqual(['create nightly'])
  })

  test('other create errors pass through untouched, without a search', async () => {
    const service = fakeService()
    service.faults.push({ error: badBody, commit: false })
    await expect(submitTrainingJobV2(service.api, body(), options().opts)).rejects.toMatchObject({
      code: 'ModelArts.2788'
    })
    expect(service.calls).toEqual(['create nightly'])
  })

  test('a description with no room for the marker is sent as it is, with one warning', async () => {
    const service = fakeService()
    const description = 'd'.repeat(256)
    const { opts, logs } = options()
    const result = await submitTrainingJobV2(service.api, body({ description }), opts)
    expect(result).toMatchObject({ name: 'nightly', marker: '', adopted: false })
    expect(service.jobs.map(job => job.description)).toEqual([description])
    expect(service.calls).toEqual(['create nightly'])
    expect(logs).toEqual([
      'job_desc (metadata.description) is 256 characters: no room is left for the 21-character run marker ' +
        '(at most 234 characters leave room), so it is sent without one. Should the answer to the create be ' +
        "lost, the action cannot tell this run's job from another and stops rather than adopt or create one."
    ])
  })

  test('without a marker a lost answer stops with the name: no search, no adoption, no second create', async () => {
    for (const commit of [true, false]) {
      const service = fakeService()
      service.faults.push({ error: lost, commit })
      const error = await submitTrainingJobV2(
        service.api,
        body({ description: 'd'.repeat(250) }),
        options({ ifExists: 'new_version' }).opts
      ).then(unexpected, (e: unknown) => e as Error)
      expect(error).toBeInstanceOf(SubmitError)
      expect(error.message).toBe(
        'The create call for "nightly-V0001" ended without an answer, and with no run marker ' +
          'in its description the action cannot tell whether it made the job: look for "nightly-V0001" among ' +
          'the training jobs before running again, and keep job_desc to at most 234 characters so that the ' +
          'action can find its job by itself.'
      )
      expect(service.calls).toEqual(['search nightly-V -', 'create nightly-V0001'])
      expect(service.jobs).toHaveLength(commit ? 1 : 0)
    }
  })

  test('without a marker a create that never left (connection refused) is still sent again', async () => {
    const service = fakeService()
    service.faults.push({ error: refused, commit: false })
    const result = await submitTrainingJobV2(
      service.api,
      body({ description: 'd'.repeat(256) }),
      options().opts
    )
    expect(result.adopted).toBe(false)
    expect(service.calls).toEqual(['create nightly', 'create nightly'])
    expect(service.jobs).toHaveLength(1)
  })

  test('a 429 was refused, not taken: sent again after Retry-After, without a search, one job', async () => {
    const service = fakeService()
    const throttled = () =>
      new HuaweiCloudError('HTTP 429', {
        kind: 'service',
        status: 429,
        retryAfterMs: 2000,
        requestSent: true
      })
    service.faults.push({ error: throttled, commit: false })
    const { opts, logs, sleeps } = options()
    const result = await submitTrainingJobV2(service.api, body(), opts)
    expect(result.adopted).toBe(false)
    expect(service.calls).toEqual(['create nightly', 'create nightly'])
    expect(service.jobs).toHaveLength(1)
    expect(sleeps).toEqual([2000])
    expect(logs).toEqual(['The create call was throttled (HTTP 429); sending it again in 2 s.'])
  })

  test('a 429 every time ends with the 429 after maxCreates, the wait capped at a minute', async () => {
    const service = fakeService()
    const throttled = () =>
      new HuaweiCloudError('HTTP 429', {
        kind: 'service',
        status: 429,
        retryAfterMs: 600_000,
        requestSent: true
      })
    for (let i = 0; i < 3; i++) service.faults.push({ error: throttled, commit: false })
    const { opts, sleeps } = options({ maxCreates: 3 })
    await expect(submitTrainingJobV2(service.api, body(), opts)).rejects.toThrow('HTTP 429')
    expect(service.jobs).toHaveLength(0)
    expect(sleeps).toEqual([60_000, 60_000])
  })

  test('a connection refused before sending is sent again', async () => {
    const service = fakeService()
    service.faults.push({ error: refused, commit: false })
    const result = await submitTrainingJobV2(service.api, body(), options().opts)
    expect(result.adopted).toBe(false)
    expect(service.calls).toEqual(['create nightly', 'create nightly'])
    expect(service.jobs).toHaveLength(1)
  })
})

describe('submitTrainingJobV2: lost answers', () => {
  test.each([
    ['a reset', lost],
    ['a 5xx', serverError]
  ])('%s after the service committed: the job is adopted, not made twice', async (_what, error) => {
    const service = fakeService()
    service.faults.push({ error, commit: true })
    const { opts, logs } = options()
    const result = await submitTrainingJobV2(service.api, body(), opts)
    expect(result.adopted).toBe(true)
    expect(result.job.id).toBe(service.jobs[0]?.id)
    expect(service.jobs).toHaveLength(1)
    expect(service.calls).toEqual(['create nightly', 'search nightly -'])
    expect(logs.join('\n')).toMatch(/adopting it/)
  })

  test('a committed job that shows in the search late is found by the second search', async () => {
    const service = fakeService()
    service.faults.push({ error: lost, commit: true, hiddenForSearches: 1 })
    const { opts, sleeps } = options()
    const result = await submitTrainingJobV2(service.api, body(), opts)
    expect(result.adopted).toBe(true)
    expect(service.jobs).toHaveLength(1)
    expect(sleeps).toEqual([30_000])
    expect(service.calls).toEqual(['create nightly', 'search nightly -', 'search nightly -'])
  })

  test('nothing committed: after two empty searches the same name is sent again', async () => {
    const service = fakeService()
    service.faults.push({ error: lost, commit: false })
    const result = await submitTrainingJobV2(service.api, body(), options().opts)
    expect(result.adopted).toBe(false)
    expect(service.jobs).toHaveLength(1)
    expect(service.calls).toEqual([
      'create nightly',
      'search nightly -',
      'search nightly -',
      'create nightly'
    ])
  })

  test('the re-send answers 2751 because the first landed late: adopted by its marker', async () => {
    const service = fakeService()
    // Committed but invisible to both searches; visible to the third.
    service.faults.push({ error: lost, commit: true, hiddenForSearches: 2 })
    const result = await submitTrainingJobV2(service.api, body(), options().opts)
    expect(result.adopted).toBe(true)
    expect(service.jobs).toHaveLength(1)
    expect(service.calls.filter(c => c.startsWith('create'))).toHaveLength(2)
  })

  test("a same-named job without this attempt's marker is never adopted", async () => {
    // Another run's job of the same name, made while our answer was lost.
    const service = fakeService()
    service.faults.push({ error: lost, commit: false, stolenBy: undefined })
    service.jobs.push({
      id: 'theirs',
      name: 'nightly',
      description: `my run gha:octo/repo:123456:2:ffffffff`,
      workspaceId: '0',
      phase: 'Running',
      tasks: [],
      raw: {},
      hiddenFor: 0
    })
    const error = await submitTrainingJobV2(service.api, body(), options().opts).then(
      unexpected,
      (e: unknown) => e as Error
    )
    expect(error).toBeInstanceOf(SubmitError)
    expect(error.message).toMatch(/already exists/)
    expect(service.jobs.map(j => j.id)).toEqual(['theirs'])
  })

  test('the name is taken but its holder stays invisible: stop rather than risk a second job', async () => {
    const service = fakeService()
    service.faults.push({ error: lost, commit: true, hiddenForSearches: 99 })
    const error = await submitTrainingJobV2(
      service.api,
      body(),
      options({ ifExists: 'new_version' }).opts
    ).then(unexpected, (e: unknown) => e as Error)
    expect(error.message).toMatch(/no job of that name is visible/)
    expect(service.jobs).toHaveLength(1)
  })

  test('bounded: a service that never answers ends in the last error', async () => {
    const service = fakeService()
    for (let i = 0; i < 10; i++) service.faults.push({ error: lost, commit: false })
    await expect(
      submitTrainingJobV2(service.api, body(), options({ maxCreates: 3 }).opts)
    ).rejects.toMatchObject({
      kind: 'network'
    })
    expect(service.calls.filter(c => c.startsWith('create'))).toHaveLength(3)
    expect(service.jobs).toHaveLength(0)
  })
})

describe('submitTrainingJobV2: if_exists new_version (a series)', () => {
  test('the first member is -V0001 with version_name V0001', async () => {
    const service = fakeService([{ name: 'nightly' }, { name: 'nightly-old' }])
    const result = await submitTrainingJobV2(service.api, body(), options({ ifExists: 'new_version' }).opts)
    expect(result).toMatchObject({ name: 'nightly-V0001', versionName: 'V0001', adopted: false })
    expect(service.calls).toEqual(['search nightly-V -', 'create nightly-V0001'])
  })

  test('the next number follows the highest member, ignoring look-alikes', async () => {
    const service = fakeService([
      { name: 'nightly-V0001' },
      { name: 'nightly-V0007' },
      { name: 'nightly-V00099' },
      { name: 'nightly-V9999-copy' },
      { name: 'x-nightly-V0050' }
    ])
    const result = await submitTrainingJobV2(
      service.api,
      body({ workspace_id: 'ws' }),
      options({ ifExists: 'new_version' }).opts
    )
    expect(result).toMatchObject({ name: 'nightly-V0008', versionName: 'V0008' })
    expect(service.calls).toEqual(['search nightly-V ws', 'create nightly-V0008'])
  })

  test('a concurrent run takes the number first: this run makes a different, new job', async () => {
    const service = fakeService([{ name: 'nightly-V0001' }])
    service.faults.push({ error: lost, commit: false, stolenBy: 'nightly-V0002' })
    const { opts, logs } = options({ ifExists: 'new_version' })
    const result = await submitTrainingJobV2(service.api, body(), opts)
    expect(result).toMatchObject({ name: 'nightly-V0003', versionName: 'V0003', adopted: false })
    expect(result.job.description).toBe(`my run ${MARKER}`)
    expect(service.jobs.map(j => j.name)).toEqual(['nightly-V0001', 'nightly-V0002', 'nightly-V0003'])
    expect(logs.join('\n')).toMatch(
      /"nightly-V0002" was taken by another run meanwhile; trying "nightly-V0003"/
    )
  })

  test('a reset after commit in a series adopts the member, with its version name', async () => {
    const service = fakeService([{ name: 'nightly-V0004' }])
    service.faults.push({ error: lost, commit: true })
    const result = await submitTrainingJobV2(service.api, body(), options({ ifExists: 'new_version' }).opts)
    expect(result).toMatchObject({ name: 'nightly-V0005', versionName: 'V0005', adopted: true })
    expect(service.jobs).toHaveLength(2)
  })

  test('a lost answer, then another run takes that name before the re-send: a new number, one job of ours', async () => {
    const service = fakeService()
    service.faults.push({ error: lost, commit: false })
    service.faults.push({ error: lost, commit: false, stolenBy: 'nightly-V0001' })
    const result = await submitTrainingJobV2(service.api, body(), options({ ifExists: 'new_version' }).opts)
    expect(result).toMatchObject({ name: 'nightly-V0002', adopted: false })
    expect(service.jobs.filter(j => j.description.endsWith(MARKER))).toHaveLength(1)
  })

  test('job_name must leave room for the suffix', async () => {
    const service = fakeService()
    const name = 'n'.repeat(59)
    await expect(
      submitTrainingJobV2(service.api, body({ name }), options({ ifExists: 'new_version' }).opts)
    ).rejects.toThrow(/59 characters.*at most 58/)
    expect(service.calls).toEqual([])
    const ok = await submitTrainingJobV2(
      service.api,
      body({ name: 'n'.repeat(58) }),
      options({ ifExists: 'new_version' }).opts
    )
    expect(ok.name).toHaveLength(64)
  })

  test('runs that keep taking the next name end in a clear error after maxCreates', async () => {
    const service = fakeService()
    for (let i = 1; i <= 5; i++)
      service.faults.push({ error: lost, commit: false, stolenBy: `nightly-V000${i}` })
    const error = await submitTrainingJobV2(
      service.api,
      body(),
      options({ ifExists: 'new_version', maxCreates: 3 }).opts
    ).then(unexpected, (e: unknown) => e as Error)
    expect(error).toBeInstanceOf(SubmitError)
    expect(error.message).toMatch(/Gave up after 3 creates/)
    expect(service.jobs.filter(j => j.description.endsWith(MARKER))).toHaveLength(0)
  })

  test('a full series is an error', async () => {
    const service = fakeService([{ name: 'nightly-V9999' }])
    await expect(
      submitTrainingJobV2(service.api, body(), options({ ifExists: 'new_version' }).opts)
    ).rejects.toThrow(/is full/)
  })
})

describe('finding a marked job later (the post step after a killed main step)', () => {
  test('every create is announced first with its name and marker', async () => {
    const service = fakeService([{ name: 'nightly-V0001' }])
    service.faults.push({ error: lost, commit: false, stolenBy: 'nightly-V0002' })
    const sent: string[] = []
    await submitTrainingJobV2(
      service.api,
      body(),
      options({ ifExists: 'new_version', sending: (name, marker) => sent.push(`${name} ${marker}`) }).opts
    )
    expect(sent).toEqual([`nightly-V0002 ${MARKER}`, `nightly-V0003 ${MARKER}`])
  })

  test('findMarkedJob finds only the exact name with the exact marker', async () => {
    const service = fakeService()
    await submitTrainingJobV2(service.api, body(), options().opts)
    service.jobs.push({
      id: 'look-alike',
      name: 'nightly-2',
      description: `my run ${MARKER}`,
      workspaceId: '0',
      phase: 'Running',
      tasks: [],
      raw: {},
      hiddenFor: 0
    })
    expect((await findMarkedJob(service.api, 'nightly', MARKER))?.id).toBe(service.jobs[0]?.id)
    expect(await findMarkedJob(service.api, 'nightly', 'gha:octo/repo:123456:2:00000000')).toBeUndefined()
    expect(await findMarkedJob(service.api, 'nightly-3', MARKER)).toBeUndefined()
  })
})
