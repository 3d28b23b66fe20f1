// State of the emulated training jobs: versions follow a script over real time, and their logs grow while
// they run. Everything is derived from creation time, stop time and now(), so reads never mutate state.

import { metricSamples } from './insight.mjs'

const RUNNING = 8
const KILLING = 9
const KILLED = 12
// Same split as the action's status table: a version in one of these never changes again.
export const TERMINAL_STATUSES = new Set([3, 5, 6, 10, 11, 12, 13, 14, 16, 17, 21])

/** First position of every log file; big enough that a client turning positions into JS numbers loses lines. */
const FIRST_POSITION = 1700000000000000000n

const ENGINES = new Map([
  [1, { engine_type: 1, engine_name: 'TensorFlow', engine_version: 'TF-1.8.0-python3.6' }],
  [2, { engine_type: 2, engine_name: 'MXNet', engine_version: 'MXNet-1.2.1-python3.6' }],
  [10, { engine_type: 10, engine_name: 'PyTorch', engine_version: 'PyTorch-1.0.0-python3.6' }]
])
const SPECS = new Map([
  [1, { core: '2', cpu: '8', gpu_num: 0, gpu_type: '', spec_code: 'modelarts.vm.cpu.2u' }],
  [2, { core: '8', cpu: '64', gpu_num: 1, gpu_type: 'v100', spec_code: 'modelarts.vm.gpu.v100' }]
])

/**
 * @typedef {{ status: number, forMs?: number }} ScriptStep
 * @typedef {{ statuses: ScriptStep[], logLinesPerTick?: number, tickMs?: number, lines?: string[] }} Script
 *   lines: the log's text, repeated as it grows (default: generated loss lines)
 * @typedef {{ status: number, from: number, to: number }} Segment  times relative to the version's creation
 * @typedef {{ version_id: number, version_name: string, pre_version_id: number | null, job_desc: string,
 *   config: Record<string, unknown>, create_time: number, resource_id: string, script: Script,
 *   segments: Segment[], stoppedAt: number | null }} Version
 * @typedef {{ job_id: number, job_name: string, job_desc: string, workspace_id: string, create_time: number,
 *   versions: Version[] }} Job
 */

/**
 * v1's system_metric_list: one sample per tick of running time, gpuUtil only on a GPU spec (empty otherwise).
 * @param {number} runningMs @param {boolean} gpu @param {number} tick
 */
function systemMetrics(runningMs, gpu, tick) {
  const count = Math.floor(runningMs / tick)
  return {
    cpuUsage: metricSamples('cpuUsage', count, 0),
    memUsage: metricSamples('memUsage', count, 0),
    gpuUtil: gpu ? metricSamples('gpuUtil', count, 0) : []
  }
}

/** @param {Script} script */
export function checkScript(script) {
  const steps = script?.statuses
  if (!Array.isArray(steps) || steps.length === 0) throw new Error('a script needs at least one status')
  steps.forEach((step, i) => {
    if (!Number.isInteger(step.status)) throw new Error(`script step ${i}: status must be an integer`)
    const last = i === steps.length - 1
    if (!last && !(typeof step.forMs === 'number' && step.forMs >= 0)) {
      throw new Error(`script step ${i}: every step but the last needs forMs >= 0`)
    }
  })
  for (const key of /** @type {const} */ (['logLinesPerTick', 'tickMs'])) {
    const value = script[key]
    if (value !== undefined && !(Number.isInteger(value) && value > 0)) {
      throw new Error(`script ${key} must be a positive integer`)
    }
  }
  return script
}

/** @param {Script} script @returns {Segment[]} */
function segmentsOf(script) {
  let from = 0
  return script.statuses.map((step, i) => {
    const to = i === script.statuses.length - 1 ? Infinity : from + (step.forMs ?? 0)
    const segment = { status: step.status, from, to }
    from = to
    return segment
  })
}

/** @param {Segment[]} segments @param {number} at relative ms */
function segmentAt(segments, at) {
  return segments.find(s => at >= s.from && at < s.to) ?? /** @type {Segment} */ (segments.at(-1))
}

/**
 * @param {{ now: () => number, stopDelayMs: number, logLinesPerTick: number, tickMs: number,
 *   defaultScript: Script }} options
 */
export function createTrainingStore({ now, stopDelayMs, logLinesPerTick, tickMs, defaultScript }) {
  /** @type {Job[]} */
  const jobs = []
  /** @type {Map<string, Script>} */
  const scripts = new Map([['*', checkScript(defaultScript)]])
  /** @type {{ job_id: number, version_id: number, at: number, changed: boolean }[]} */
  const stops = []
  // Job ids and version ids share one counter, as the vendor sample's first ids suggest.
  let nextId = 10

  /** @param {Job} job @param {{ job_desc?: string, config: Record<string, unknown> }} body */
  function addVersion(job, body) {
    const script = scripts.get(job.job_name) ?? /** @type {Script} */ (scripts.get('*'))
    const { pre_version_id: pre, ...config } = body.config
    /** @type {Version} */
    const version = {
      version_id: nextId++,
      version_name: `V${String(job.versions.length + 1).padStart(4, '0')}`,
      pre_version_id: typeof pre === 'number' ? pre : null,
      job_desc: body.job_desc ?? job.job_desc,
      config,
      create_time: now(),
      resource_id: `job${Math.random().toString(16).slice(2, 10).padEnd(8, '0')}`,
      script,
      segments: segmentsOf(script),
      stoppedAt: null
    }
    job.versions.push(version)
    return version
  }

  /** @param {Version} version @param {number} [at] */
  function timeline(version, at = now()) {
    const elapsed = at - version.create_time
    const { segments } = version
    const current = segmentAt(segments, elapsed)
    const firstRun = segments.find(s => s.status === RUNNING && s.from <= elapsed)
    const end = segments.find(s => TERMINAL_STATUSES.has(s.status) && s.from <= elapsed)
    let runningMs = 0
    for (const s of segments) {
      if (s.status === RUNNING) runningMs += Math.max(0, Math.min(s.to, elapsed) - s.from)
    }
    const startTime = firstRun ? version.create_time + firstRun.from : null
    const endTime = end ? version.create_time + end.from : null
    return {
      status: current.status,
      startTime,
      endTime,
      duration: startTime === null ? 0 : (endTime ?? at) - startTime,
      runningMs,
      logStarted: firstRun !== undefined
    }
  }

  /** @param {Version} version */
  function logFileNames(version) {
    if (!timeline(version).logStarted) return []
    const prefix = `${jobOf(version).job_name}-${version.version_name}`
    return Array.from(
      { length: Number(version.config.worker_server_num) },
      (_, i) => `${prefix}-worker-${i}.log`
    )
  }

  /** @param {Version} version */
  function jobOf(version) {
    return /** @type {Job} */ (jobs.find(job => job.versions.includes(version)))
  }

  return {
    jobs,
    stops,
    /** @param {string} jobNameOrDefault @param {Script} script */
    setScript(jobNameOrDefault, script) {
      scripts.set(jobNameOrDefault, checkScript(script))
    },
    /** @param {string} name @param {string} workspaceId */
    findJobByName: (name, workspaceId) =>
      jobs.find(job => job.job_name === name && job.workspace_id === workspaceId),
    /** @param {string} jobId */
    findJob: jobId => jobs.find(job => String(job.job_id) === jobId),
    /** @param {Job} job @param {string} versionId */
    findVersion: (job, versionId) => job.versions.find(v => String(v.version_id) === versionId),
    /** @param {{ job_name: string, job_desc?: string, workspace_id?: string, config: Record<string, unknown> }} body */
    createJob(body) {
      /** @type {Job} */
      const job = {
        job_id: nextId++,
        job_name: body.job_name,
        job_desc: body.job_desc ?? '',
        workspace_id: body.workspace_id ?? '0',
        create_time: now(),
        versions: []
      }
      jobs.push(job)
      return { job, version: addVersion(job, body) }
    },
    addVersion,
    timeline,
    logFileNames,
    /** Stops a version that is still going; a finished one stays as it is. @param {Version} version */
    stop(version) {
      const at = now()
      const elapsed = at - version.create_time
      // A second stop while killing changes nothing, like one after the end.
      const changed = version.stoppedAt === null && !TERMINAL_STATUSES.has(timeline(version, at).status)
      if (changed) {
        version.stoppedAt = at
        version.segments = [
          ...version.segments.filter(s => s.from < elapsed).map(s => ({ ...s, to: Math.min(s.to, elapsed) })),
          { status: KILLING, from: elapsed, to: elapsed + stopDelayMs },
          { status: KILLED, from: elapsed + stopDelayMs, to: Infinity }
        ]
      }
      stops.push({ job_id: jobOf(version).job_id, version_id: version.version_id, at, changed })
      return changed
    },
    /**
     * Every line of one log file so far, with its position (a decimal string).
     * @param {Version} version @param {string} file
     * @returns {{ position: bigint, text: string }[] | undefined} undefined for an unknown file
     */
    logLines(version, file) {
      const worker = logFileNames(version).indexOf(file)
      if (worker < 0) return undefined
      const perTick = version.script.logLinesPerTick ?? logLinesPerTick
      const tick = version.script.tickMs ?? tickMs
      const count = Math.floor(timeline(version).runningMs / tick) * perTick
      const given = version.script.lines
      return Array.from({ length: count }, (_, i) => ({
        position: FIRST_POSITION + BigInt(i),
        text: given?.length
          ? /** @type {string} */ (given[i % given.length])
          : `[worker-${worker}] step ${i + 1} loss=${(2.5 / Math.sqrt(i + 1) + worker / 100).toFixed(4)}`
      }))
    },
    /** The fields of a version as the detail and versions-list calls return them. @param {Version} version */
    describeVersion(version) {
      const job = jobOf(version)
      const { config } = version
      const t = timeline(version)
      const engine = ENGINES.get(Number(config.engine_id ?? 1)) ?? ENGINES.get(1)
      const spec = SPECS.get(Number(config.spec_id)) ?? SPECS.get(1)
      return {
        job_id: job.job_id,
        job_name: job.job_name,
        job_desc: version.job_desc,
        version_id: version.version_id,
        version_name: version.version_name,
        pre_version_id: version.pre_version_id,
        engine_id: Number(config.engine_id ?? 1),
        ...engine,
        status: t.status,
        create_time: version.create_time,
        duration: t.duration,
        start_time: t.startTime ?? 0,
        app_url: config.app_url ?? '',
        boot_file_url: config.boot_file_url ?? '',
        parameter: config.parameter ?? [],
        spec_id: config.spec_id ?? null,
        ...(config.pool_id ? { core: '', cpu: '', gpu_num: 0, gpu_type: '', spec_code: '' } : spec),
        worker_server_num: config.worker_server_num,
        data_url: config.data_url ?? '',
        train_url: config.train_url ?? '',
        log_url: config.log_url ?? '',
        dataset_id: config.dataset_id ?? '',
        dataset_version_id: config.dataset_version_id ?? '',
        data_source: config.data_source ?? [],
        dataset_name: '',
        dataset_version_name: '',
        model_id: config.model_id ?? null,
        model_metric_list: '[]',
        system_metric_list: systemMetrics(
          t.runningMs,
          Number(spec?.gpu_num ?? 0) > 0 && !config.pool_id,
          version.script.tickMs ?? tickMs
        ),
        user_image_url: config.user_image_url ?? '',
        user_command: config.user_command ?? '',
        resource_id: version.resource_id,
        volumes: config.volumes ?? [],
        pool_id: config.pool_id ?? '',
        pool_name: config.pool_id ? `pool-${config.pool_id}` : '',
        nas_mount_path: '',
        nas_share_addr: '',
        nas_type: 'nfs'
      }
    }
  }
}
