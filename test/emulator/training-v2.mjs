// ModelArts v2 training jobs on the emulator (modelarts-v2-api.md sections 2, 5-8): create, get, search,
// terminate, delete and the per-task log preview. Jobs walk a script of phases over real time; everything is
// derived from creation time, stop time and now(), so reads never change state.
import { randomUUID } from 'node:crypto'

const JSON_TYPE = 'application/json;charset=UTF-8'
// Same split as the action's v2 table: a job in one of these phases never changes again.
export const TERMINAL_PHASES = new Set(['Completed', 'Failed', 'Abnormal', 'Terminated'])
// Stop is allowed only while creating, queued or running (section 7).
const TERMINABLE = new Set(['Creating', 'Pending', 'Running'])
const NAME = /^[A-Za-z0-9_-]{1,64}$/
const FILTER_KEYS = new Set(['name', 'id', 'phase'])

/**
 * @typedef {{ phase: string, forMs?: number }} PhaseStep
 * @typedef {{ task?: string, exitCode?: number, message?: string, endReason?: string, events?: string[] }} FailureV2
 *   how a Failed or Abnormal job explains itself (task_statuses, running_records[].end_reason, Error events)
 * @typedef {{ phases: PhaseStep[], logLinesPerTick?: number, tickMs?: number, partialTail?: boolean,
 *   failure?: FailureV2, metrics?: Record<string, number[]>, lines?: string[] }} ScriptV2
 *   lines: each task's log text, repeated as it grows (default: loss lines)
 * @typedef {{ phase: string, from: number, to: number }} Segment  times relative to creation
 * @typedef {{ id: string, name: string, description: string, workspace_id: string, create_time: number,
 *   body: Record<string, any>, tasks: string[], script: ScriptV2, segments: Segment[], stoppedAt: number | null,
 *   deleted: boolean }} JobV2
 * @typedef {{ status: number, headers?: Record<string, string>, body?: string }} Reply
 */

/** @param {number} status @param {unknown} value @returns {Reply} */
function json(status, value) {
  return { status, headers: { 'content-type': JSON_TYPE }, body: JSON.stringify(value) }
}

/** The v2 failure envelope. @param {number} status @param {string} code @param {string} message */
export function v2Error(status, code, message) {
  return json(status, { error_code: code, error_msg: message })
}

/** @param {string} what */
const invalid = what => v2Error(400, 'ModelArts.2788', `Invalid parameter (${what})`)
/** @param {string} id */
const notFound = id => v2Error(400, 'ModelArts.2775', `Training job not found (id ${id})`)

/** @param {ScriptV2} script */
export function checkScriptV2(script) {
  const steps = script?.phases
  if (!Array.isArray(steps) || steps.length === 0) throw new Error('a v2 script needs at least one phase')
  steps.forEach((step, i) => {
    // Any string: an undocumented phase tests that clients keep waiting.
    if (typeof step.phase !== 'string' || step.phase === '') {
      throw new Error(`v2 script step ${i}: phase must be a string`)
    }
    if (i < steps.length - 1 && !(typeof step.forMs === 'number' && step.forMs >= 0)) {
      throw new Error(`v2 script step ${i}: every step but the last needs forMs >= 0`)
    }
  })
  for (const key of /** @type {const} */ (['logLinesPerTick', 'tickMs'])) {
    const value = script[key]
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new Error(`v2 script ${key} must be a positive integer`)
    }
  }
  return script
}

/** @param {ScriptV2} script @returns {Segment[]} */
function segmentsOf(script) {
  let from = 0
  return script.phases.map((step, i) => {
    const to = i === script.phases.length - 1 ? Infinity : from + (step.forMs ?? 0)
    const segment = { phase: step.phase, from, to }
    from = to
    return segment
  })
}

/** What the create body breaks, as the service's error; undefined when it is fine. @param {unknown} body */
function findProblem(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'body'
  const b = /** @type {Record<string, any>} */ (body)
  if (b.kind !== undefined && typeof b.kind !== 'string') return 'kind'
  const m = b.metadata
  if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'metadata'
  if (typeof m.name !== 'string' || !NAME.test(m.name)) return 'metadata.name'
  if (m.description !== undefined && (typeof m.description !== 'string' || m.description.length > 256)) {
    return 'metadata.description'
  }
  if (m.workspace_id !== undefined && typeof m.workspace_id !== 'string') return 'metadata.workspace_id'
  if (b.algorithm !== undefined && (typeof b.algorithm !== 'object' || b.algorithm === null))
    return 'algorithm'
  const nodes = b.spec?.resource?.node_count
  if (!Number.isInteger(nodes) || nodes < 1) return 'spec.resource.node_count'
  return undefined
}

/**
 * @param {{ now: () => number, stopDelayMs: number, logLinesPerTick: number, tickMs: number,
 *   previewCapBytes: number, defaultScriptV2: ScriptV2 }} options
 */
export function createTrainingV2({
  now,
  stopDelayMs,
  logLinesPerTick,
  tickMs,
  previewCapBytes,
  defaultScriptV2
}) {
  /** @type {JobV2[]} */
  const jobs = []
  /** @type {Map<string, ScriptV2>} */
  const scripts = new Map([['*', checkScriptV2(defaultScriptV2)]])
  /** @type {{ id: string, at: number, changed: boolean }[]} */
  const terminations = []

  /** By exact name, then by the series base (`name-V0003` → `name`), then the default. @param {string} name */
  function scriptFor(name) {
    const base = /^(.*)-V\d{4}$/.exec(name)?.[1]
    return scripts.get(name) ?? (base !== undefined ? scripts.get(base) : undefined) ?? scripts.get('*')
  }

  /** @param {JobV2} job @param {number} [at] */
  function timeline(job, at = now()) {
    const elapsed = at - job.create_time
    const current = job.segments.find(s => elapsed >= s.from && elapsed < s.to) ?? job.segments.at(-1)
    const firstRun = job.segments.find(s => s.phase === 'Running' && s.from <= elapsed)
    const end = job.segments.find(s => TERMINAL_PHASES.has(s.phase) && s.from <= elapsed)
    let runningMs = 0
    for (const s of job.segments) {
      if (s.phase === 'Running') runningMs += Math.max(0, Math.min(s.to, elapsed) - s.from)
    }
    const startTime = firstRun ? job.create_time + firstRun.from : 0
    const endTime = end ? job.create_time + end.from : null
    return {
      phase: /** @type {Segment} */ (current).phase,
      startTime,
      duration: startTime === 0 ? 0 : (endTime ?? at) - startTime,
      runningMs,
      ended: end !== undefined,
      logStarted: firstRun !== undefined
    }
  }

  /** The whole log of one task so far. @param {JobV2} job @param {number} worker */
  function logText(job, worker) {
    const t = timeline(job)
    const perTick = job.script.logLinesPerTick ?? logLinesPerTick
    const tick = job.script.tickMs ?? tickMs
    const count = Math.floor(t.runningMs / tick) * perTick
    const given = job.script.lines
    const line = (/** @type {number} */ i) =>
      given?.length
        ? /** @type {string} */ (given[i % given.length])
        : // No task prefix: ModelArts' log preview is the program's own output; the action names the task.
          `step ${i + 1} loss=${(2.5 / Math.sqrt(i + 1) + worker / 100).toFixed(4)}`
    let text = ''
    for (let i = 0; i < count; i++) text += `${line(i)}\n`
    if (job.script.partialTail && !t.ended && count > 0) text += line(count).slice(0, 12)
    return text
  }

  /** The failing task, when the job ended Failed or Abnormal. @param {JobV2} job @param {string} phase */
  function failingTask(job, phase) {
    if (phase !== 'Failed' && phase !== 'Abnormal') return undefined
    return job.script.failure?.task ?? job.tasks[0]
  }

  /** @param {JobV2} job @param {string} phase */
  function taskStatuses(job, phase) {
    const failure = job.script.failure
    const failing = failingTask(job, phase)
    return job.tasks.map(task => {
      if (phase === 'Completed') return { task, exit_code: 0, message: '' }
      // A scripted failure is one task's: the others ended cleanly.
      if (failure && failing !== undefined) {
        return task === failing
          ? {
              task,
              exit_code: failure.exitCode ?? 1,
              message: failure.message ?? `Training ${phase.toLowerCase()}.`
            }
          : { task, exit_code: 0, message: '' }
      }
      return { task, exit_code: 1, message: `Training ${phase.toLowerCase()}.` }
    })
  }

  /** One record per Running segment so far; times in seconds. @param {JobV2} job @param {ReturnType<typeof timeline>} t */
  function runningRecords(job, t) {
    const elapsed = now() - job.create_time
    const runs = job.segments.filter(s => s.phase === 'Running' && s.from <= elapsed)
    return runs.map((s, i) => {
      const last = i === runs.length - 1
      const open = last && !t.ended && s.to > elapsed
      const endReason = open
        ? ''
        : last && failingTask(job, t.phase)
          ? (job.script.failure?.endReason ?? `exit with ${job.script.failure?.exitCode ?? 1}`)
          : last && t.phase === 'Completed'
            ? 'exit with 0'
            : last
              ? t.phase.toLowerCase()
              : 'restarted'
      return {
        start_at: Math.floor((job.create_time + s.from) / 1000),
        end_at: open ? 0 : Math.floor((job.create_time + Math.min(s.to, elapsed)) / 1000),
        start_type: i === 0 ? 'init_or_rescheduled' : 'fault_tolerance',
        end_reason: endReason,
        end_related_task: endReason && failingTask(job, t.phase) ? failingTask(job, t.phase) : '',
        end_recover: ''
      }
    })
  }

  /**
   * The job's events so far: one per phase entered (Error for Failed and Abnormal), then a failure's own
   * Error events. `at` and `seq` order them. @param {JobV2} job
   */
  function eventsOf(job) {
    const elapsed = now() - job.create_time
    const messages = /** @type {Record<string, string>} */ ({
      Creating: 'Training job created.',
      Pending: 'Training job is queuing.',
      Running: 'Training job started.',
      Completed: 'Training job completed.',
      Failed: 'Training job failed.',
      Abnormal: 'Training job abnormal.',
      Terminating: 'Training job is being terminated.',
      Terminated: 'Training job terminated.'
    })
    /** @type {{ at: number, seq: number, time: string, level: string, message: string, source: string }[]} */
    const out = []
    const add = (
      /** @type {number} */ at,
      /** @type {string} */ level,
      /** @type {string} */ message,
      source = 'Job'
    ) =>
      out.push({
        at,
        seq: out.length,
        time: new Date(at).toISOString().replace('Z', '+00:00'),
        level,
        message,
        source
      })
    for (const s of job.segments) {
      if (s.from > elapsed) break
      const at = job.create_time + s.from
      const failing = failingTask(job, s.phase)
      if (failing !== undefined) {
        const code = job.script.failure?.exitCode ?? 1
        add(at, 'Error', `[${failing}] Training finished. Exit code ${code}.`, 'Task')
        for (const message of job.script.failure?.events ?? []) add(at, 'Error', message, 'K8S')
      }
      add(at, failing !== undefined ? 'Error' : 'Info', messages[s.phase] ?? `Phase ${s.phase}.`)
    }
    return out
  }

  /** The job object of section 5. @param {JobV2} job */
  function describe(job) {
    const t = timeline(job)
    const { body } = job
    const resource = body.spec?.resource ?? {}
    return {
      kind: body.kind ?? 'job',
      metadata: {
        id: job.id,
        name: job.name,
        workspace_id: job.workspace_id,
        description: job.description,
        create_time: job.create_time,
        user_name: 'emulator',
        annotations: { job_template: 'Template DL', key_task: 'worker', ...(body.metadata.annotations ?? {}) }
      },
      status: {
        phase: t.phase,
        secondary_phase: t.phase,
        duration: t.duration,
        start_time: t.startTime,
        node_count_metrics: null,
        tasks: job.tasks,
        ...(t.ended ? { task_statuses: taskStatuses(job, t.phase) } : {}),
        ...(t.logStarted ? { running_records: runningRecords(job, t) } : {})
      },
      algorithm: {
        ...(body.algorithm ?? {}),
        // Responses document environments as an array of maps.
        ...(body.algorithm?.environments ? { environments: [body.algorithm.environments] } : {})
      },
      spec: {
        ...(body.spec ?? {}),
        resource: { policy: 'regular', flavor_name: String(resource.flavor_id ?? ''), ...resource }
      }
    }
  }

  /** @param {string} id */
  const find = id => jobs.find(job => job.id === id && !job.deleted)

  /** @param {string} text */
  function parse(text) {
    try {
      return { value: /** @type {unknown} */ (JSON.parse(text)) }
    } catch {
      return undefined
    }
  }

  /** @param {{ text: string }} request */
  function create(request) {
    const parsed = parse(request.text)
    if (!parsed) return v2Error(400, 'ModelArts.2787', 'Invalid JSON body')
    const problem = findProblem(parsed.value)
    if (problem) return invalid(problem)
    const body = /** @type {Record<string, any>} */ (parsed.value)
    const workspace = body.metadata.workspace_id ?? '0'
    if (jobs.some(job => !job.deleted && job.name === body.metadata.name && job.workspace_id === workspace)) {
      return v2Error(400, 'ModelArts.2751', `Duplicate training job (name ${body.metadata.name})`)
    }
    const script = /** @type {ScriptV2} */ (scriptFor(body.metadata.name))
    /** @type {JobV2} */
    const job = {
      id: randomUUID(),
      name: body.metadata.name,
      description: body.metadata.description ?? '',
      workspace_id: workspace,
      create_time: now(),
      body,
      tasks: Array.from({ length: body.spec.resource.node_count }, (_, i) => `worker-${i}`),
      script,
      segments: segmentsOf(script),
      stoppedAt: null,
      deleted: false
    }
    jobs.push(job)
    return json(201, describe(job))
  }

  /** @param {{ text: string }} request */
  function search(request) {
    const parsed = parse(request.text || '{}')
    if (!parsed || typeof parsed.value !== 'object' || parsed.value === null) {
      return v2Error(400, 'ModelArts.2787', 'Invalid JSON body')
    }
    const q = /** @type {Record<string, any>} */ (parsed.value)
    const limit = q.limit ?? 10
    const offset = q.offset ?? 0
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) return invalid('limit')
    if (!Number.isInteger(offset) || offset < 0) return invalid('offset')
    const order = q.order ?? 'desc'
    if (order !== 'asc' && order !== 'desc') return invalid('order')
    const sortBy = q.sort_by ?? 'create_time'
    if (sortBy !== 'create_time' && sortBy !== 'name') return invalid('sort_by')
    const workspace = q.workspace_id ?? '0'
    const filters = q.filters ?? []
    if (!Array.isArray(filters)) return invalid('filters')
    /** @type {((job: JobV2) => boolean)[]} */
    const tests = []
    for (const filter of filters) {
      const values = filter?.value
      if (
        !FILTER_KEYS.has(filter?.key) ||
        !Array.isArray(values) ||
        values.some(v => typeof v !== 'string')
      ) {
        return invalid('filters')
      }
      const field = (/** @type {JobV2} */ job) =>
        filter.key === 'name' ? job.name : filter.key === 'id' ? job.id : timeline(job).phase
      if (filter.operator === 'like') tests.push(job => values.some(v => field(job).includes(v)))
      else if (filter.operator === 'in') tests.push(job => values.includes(field(job)))
      else if (filter.operator === 'not') tests.push(job => !values.includes(field(job)))
      else return invalid('filters.operator')
    }
    const rows = jobs
      .filter(job => !job.deleted && job.workspace_id === workspace && tests.every(test => test(job)))
      .sort((a, b) => {
        const byKey = sortBy === 'name' ? a.name.localeCompare(b.name) : a.create_time - b.create_time
        return order === 'desc' ? -byKey : byKey
      })
    // Whether the service counts offset in pages or records is unconfirmed: the emulator counts records.
    const items = rows.slice(offset, offset + limit).map(describe)
    return json(200, {
      total: rows.length,
      count: items.length,
      limit,
      offset,
      sort_by: sortBy,
      order,
      group_by: '',
      workspace_id: workspace,
      ai_project: 'default-ai-project',
      items
    })
  }

  /** @param {JobV2} job */
  function terminate(job) {
    const at = now()
    const phase = timeline(job, at).phase
    if (!TERMINABLE.has(phase)) {
      terminations.push({ id: job.id, at, changed: false })
      return v2Error(409, 'ModelArts.2796', `Training job (phase ${phase}) is not allowed to terminate`)
    }
    const elapsed = at - job.create_time
    job.stoppedAt = at
    job.segments = [
      ...job.segments.filter(s => s.from < elapsed).map(s => ({ ...s, to: Math.min(s.to, elapsed) })),
      { phase: 'Terminating', from: elapsed, to: elapsed + stopDelayMs },
      { phase: 'Terminated', from: elapsed + stopDelayMs, to: Infinity }
    ]
    terminations.push({ id: job.id, at, changed: true })
    return json(202, describe(job))
  }

  /** @param {{ text: string }} request @param {string} id */
  function action(request, id) {
    const job = find(id)
    if (!job) return notFound(id)
    const parsed = parse(request.text)
    const type = /** @type {Record<string, any> | undefined} */ (parsed?.value)?.action_type
    if (type !== 'terminate') return v2Error(400, 'ModelArts.2812', `Unsupported action type ${String(type)}`)
    return terminate(job)
  }

  /**
   * The newest part of a task's log, at most previewCapBytes: 204 before the job ran, 400 2818 when it ended
   * without running. @param {string} id @param {string} task
   */
  function preview(id, task) {
    const job = find(id)
    if (!job) return notFound(id)
    const worker = job.tasks.indexOf(task)
    if (worker < 0) return invalid(`task_id ${task}`)
    const t = timeline(job)
    if (!t.logStarted) {
      return t.ended
        ? v2Error(400, 'ModelArts.2818', 'Log file has not been generated')
        : { status: 204, headers: {} }
    }
    const bytes = Buffer.from(logText(job, worker), 'utf8')
    const shown = bytes.subarray(Math.max(0, bytes.length - previewCapBytes))
    return json(200, { content: shown.toString('utf8'), current_size: shown.length, full_size: bytes.length })
  }

  const P = '/v2/([^/]+)/training-jobs'
  /**
   * Routes in server.mjs's form; the first capture is the project id (checked by the server).
   * @type {{ method: string, pattern: RegExp, handler: (request: any, ...ids: string[]) => Reply, auth: boolean,
   *   v1: boolean }[]}
   */
  const routes = [
    { method: 'POST', pattern: new RegExp(`^${P}/?$`), handler: create },
    { method: 'POST', pattern: /^\/v2\/([^/]+)\/training-job-searches\/?$/, handler: search },
    {
      method: 'GET',
      pattern: new RegExp(`^${P}/([^/]+)/?$`),
      handler: (/** @type {unknown} */ _request, /** @type {string} */ id) => {
        const job = find(id)
        return job ? json(200, describe(job)) : notFound(id)
      }
    },
    {
      method: 'DELETE',
      pattern: new RegExp(`^${P}/([^/]+)/?$`),
      handler: (/** @type {unknown} */ _request, /** @type {string} */ id) => {
        const job = find(id)
        if (!job) return notFound(id)
        job.deleted = true
        return { status: 202, headers: {} }
      }
    },
    { method: 'POST', pattern: new RegExp(`^${P}/([^/]+)/actions/?$`), handler: action },
    {
      method: 'GET',
      pattern: new RegExp(`^${P}/([^/]+)/tasks/([^/]+)/logs/preview/?$`),
      handler: (/** @type {unknown} */ _request, /** @type {string} */ id, /** @type {string} */ task) =>
        preview(id, task)
    }
  ].map(route => ({ ...route, auth: true, v1: true }))

  return {
    routes,
    jobs,
    terminations,
    /** @param {string} nameOrDefault @param {ScriptV2} script */
    setScript(nameOrDefault, script) {
      scripts.set(nameOrDefault, checkScriptV2(script))
    },
    find,
    /** @param {JobV2} job */
    timelineOf: job => timeline(job),
    eventsOf,
    /** @param {string} id */
    phaseOf: id => {
      const job = find(id)
      return job ? timeline(job).phase : undefined
    },
    /** Every complete or partial line of one task's log so far. @param {string} id @param {string} task */
    logOf(id, task) {
      const job = find(id)
      const worker = job ? job.tasks.indexOf(task) : -1
      if (!job || worker < 0) return []
      return logText(job, worker)
        .split('\n')
        .filter(line => line !== '')
    }
  }
}
