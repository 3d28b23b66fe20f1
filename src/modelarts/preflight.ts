/**
 * Pre-flight: a valid definition checked against the service's own lists before anything is created.
 * Read-only. The lists are read in parallel (one round; a second only when the v2 name check is not served
 * and a search stands in). Problems are diagnostics at the value's line and column, or at the input that set
 * it, with the nearest valid values. A list that cannot be read, or answers no entries, never blocks: one
 * warning for all of them.
 * Dedicated pools (`pool_id`) are not checked against the public lists. A read that could not even be signed
 * (kind `credentials`, e.g. a failed OIDC exchange) is thrown: every later request would fail the same way.
 */
import type { Diagnostic } from '../job/diagnostic.js'
import { HuaweiCloudError, isCredentialRejection } from '../huaweicloud/errors.js'
import { errorMessage } from '../util/values.js'
import type { DefinitionPath, LocateInJob, V1JobDefinition, V2JobDefinition } from '../job/index.js'
import type {
  NameCheck,
  ServiceListsV1,
  ServiceListsV2,
  V1Engine,
  V1Spec,
  V2Engine,
  V2Flavor,
  V2Quota
} from './lists.js'
import { nameTakenMessage, type V2Job } from './v2.js'

/** `create` checks everything; `validate` (validate_only) the resources only: not the name, not the quota. */
export type PreflightMode = 'create' | 'validate'

export interface PreflightResult {
  /** Errors: the create must not be sent when there is any. */
  diagnostics: Diagnostic[]
  /** One warning naming every list that could not be read; undefined when all were read. */
  warning?: string
  /** Requests sent, and rounds of them (at most 2). */
  reads: number
  rounds: number
}

interface Common {
  /** From `buildJobDefinition`'s result: places a problem where validation would. */
  locate: LocateInJob
  mode: PreflightMode
}

export interface PreflightV1 extends Common {
  api: 'v1'
  definition: V1JobDefinition
  lists: ServiceListsV1
}

export interface PreflightV2 extends Common {
  api: 'v2'
  definition: V2JobDefinition
  lists: ServiceListsV2
  /**
   * The exact name the create will send, when a taken name is an error (`if_exists: fail`); leave it out with
   * `new_version` (the series picks a free name itself). Checked in `create` mode only.
   */
  name?: string
  /** The name search that stands in when `training-job-names` answers 404 or 403 (TrainingJobsV2.search). */
  search: (nameLike: string, workspaceId?: string) => Promise<V2Job[]>
}

export type PreflightRequest = PreflightV1 | PreflightV2

/** How many nearest values a problem suggests. */
const SUGGESTIONS = 3

/** Runs the pre-flight of either API. Never throws for a failed read. */
export async function runPreflight(request: PreflightRequest): Promise<PreflightResult> {
  return request.api === 'v1' ? preflightV1(request) : preflightV2(request)
}

/** Settles every read of one round; failures are collected as `list: reason`. */
class Round {
  readonly failures: string[] = []
  reads = 0

  /**
   * An empty catalogue (flavors, specs, engines) is taken as unread, not as "nothing exists": a shape the action
   * does not parse (or a service that lists nothing here) must not refuse every create. Answers where empty is
   * the normal answer (a search for a free name, quotas) pass `emptyIsAnswer`.
   */
  async read<T>(list: string, work: () => Promise<T>, emptyIsAnswer = false): Promise<T | undefined> {
    this.reads++
    try {
      const answer = await work()
      if (!emptyIsAnswer && Array.isArray(answer) && answer.length === 0) {
        this.failures.push(`${list} (no entries in the answer)`)
        return undefined
      }
      return answer
    } catch (error) {
      // No credentials to sign with: the create would fail the same way, so that is the answer, not a warning.
      // Credentials refused (401, APIGW.0301, ...): each list would say the same, and so would the create.
      if (error instanceof HuaweiCloudError && error.kind === 'credentials') throw error
      if (isCredentialRejection(error)) throw error
      this.failures.push(`${list} (${errorMessage(error)})`)
      return undefined
    }
  }
}

function warningOf(failures: readonly string[]): string | undefined {
  if (failures.length === 0) return undefined
  return `Pre-flight could not read ${failures.join('; ')}: those checks were skipped and the job is not held back by them.`
}

const given = (value: unknown): boolean => value !== undefined && value !== null && value !== ''

function problem(locate: LocateInJob, path: DefinitionPath, rule: string, message: string): Diagnostic {
  return { severity: 'error', rule, message, ...locate(path), path: [...path] }
}

async function preflightV1(request: PreflightV1): Promise<PreflightResult> {
  const config = request.definition.config
  const round = new Round()
  const dedicated = given(config.pool_id)
  const flavorCode = typeof config.flavor?.code === 'string' ? config.flavor.code : undefined
  const checkSpec = !dedicated && (given(config.spec_id) || flavorCode !== undefined)
  const checkEngine = given(config.engine_id)
  const [specs, engines] = await Promise.all([
    checkSpec ? round.read('resource-specs', () => request.lists.resourceSpecs()) : undefined,
    checkEngine ? round.read('ai-engines', () => request.lists.aiEngines()) : undefined
  ])
  const diagnostics: Diagnostic[] = []
  if (specs) diagnostics.push(...checkV1Spec(request, specs, flavorCode))
  if (engines) diagnostics.push(...checkV1Engine(request, engines))
  return finish(diagnostics, round.failures, round.reads, round.reads > 0 ? 1 : 0)
}

function finish(
  diagnostics: Diagnostic[],
  failures: string[],
  reads: number,
  rounds: number
): PreflightResult {
  const result: PreflightResult = { diagnostics, reads, rounds }
  const warning = warningOf(failures)
  if (warning) result.warning = warning
  return result
}

function describeSpec(spec: V1Spec): string {
  const parts = [
    spec.core && `${spec.core} cores`,
    spec.gpuNum > 0 && `${spec.gpuNum}× ${spec.gpuType || 'GPU'}`,
    spec.cpu && `${spec.cpu} GB`
  ].filter(Boolean)
  return `${spec.specId} (${spec.specCode}${parts.length > 0 ? `: ${parts.join(', ')}` : ''})`
}

function checkV1Spec(request: PreflightV1, specs: V1Spec[], flavorCode: string | undefined): Diagnostic[] {
  const config = request.definition.config
  const specId = config.spec_id
  let spec: V1Spec | undefined
  if (specId !== undefined) {
    spec = specs.find(s => s.specId === specId)
    if (!spec) {
      const nearest = nearestBy(specs, s => Math.abs(s.specId - specId)).map(describeSpec)
      return [
        problem(
          request.locate,
          ['config', 'spec_id'],
          'Resource spec',
          `spec_id ${specId} is not a training resource spec of this project; ${suggest(nearest, 'use one of')}.`
        )
      ]
    }
  } else if (flavorCode !== undefined) {
    spec = specs.find(s => s.specCode === flavorCode)
    if (!spec) {
      const nearest = nearestText(specs, flavorCode, s => s.specCode).map(describeSpec)
      return [
        problem(
          request.locate,
          ['config', 'flavor', 'code'],
          'Resource spec',
          `flavor code "${flavorCode}" is not a training resource spec of this project; ${suggest(nearest, 'use one of')}.`
        )
      ]
    }
  }
  const nodes = config.worker_server_num
  if (spec?.maxNum !== undefined && nodes > spec.maxNum) {
    return [
      problem(
        request.locate,
        ['config', 'worker_server_num'],
        'Node count',
        `worker_server_num is ${nodes}, but spec ${spec.specCode || spec.specId} runs at most ${spec.maxNum} ${spec.maxNum === 1 ? 'node' : 'nodes'}; lower it, or choose a spec with a larger max_num.`
      )
    ]
  }
  return []
}

function checkV1Engine(request: PreflightV1, engines: V1Engine[]): Diagnostic[] {
  const engineId = request.definition.config.engine_id
  if (engineId === undefined || engines.some(e => e.engineId === engineId)) return []
  const nearest = nearestBy(engines, e => Math.abs(e.engineId - engineId)).map(
    e => `${e.engineId} (${e.engineName} ${e.engineVersion})`
  )
  return [
    problem(
      request.locate,
      ['config', 'engine_id'],
      'Engine',
      `engine_id ${engineId} is not an engine of this project; ${suggest(nearest, 'use one of')}.`
    )
  ]
}

async function preflightV2(request: PreflightV2): Promise<PreflightResult> {
  const { definition, mode } = request
  const resource = definition.spec.resource
  const engine = definition.algorithm?.engine
  const dedicated = given(resource.pool_id)
  const checkFlavor = !dedicated && given(resource.flavor_id)
  const checkEngine =
    given(engine?.engine_id) || (given(engine?.engine_name) && given(engine?.engine_version))
  const checkName = mode === 'create' && request.name !== undefined
  const checkQuota = mode === 'create'
  const workspaceId = definition.metadata.workspace_id
  const round = new Round()
  const [flavors, engines, quotas, nameCheck] = await Promise.all([
    checkFlavor ? round.read('training-job-flavors', () => request.lists.flavors()) : undefined,
    checkEngine ? round.read('training-job-engines', () => request.lists.engines()) : undefined,
    checkQuota ? round.read('training-quotas', () => request.lists.quotas(), true) : undefined,
    checkName
      ? round.read('training-job-names', () => request.lists.nameCheck(request.name ?? '', workspaceId))
      : undefined
  ])
  let rounds = round.reads > 0 ? 1 : 0
  let reads = round.reads
  const failures = [...round.failures]
  let taken: boolean | undefined = nameCheck === undefined ? undefined : nameCheck === 'taken'
  if (checkName && nameCheck === ('unavailable' satisfies NameCheck)) {
    const second = new Round()
    const name = request.name ?? ''
    const found = await second.read('training-job-searches', () => request.search(name, workspaceId), true)
    rounds++
    reads += second.reads
    failures.push(...second.failures)
    taken = found === undefined ? undefined : found.some(job => job.name === name)
  }
  const diagnostics: Diagnostic[] = []
  if (flavors) diagnostics.push(...checkV2Flavor(request, flavors))
  if (engines) diagnostics.push(...checkV2Engine(request, engines))
  if (taken) {
    diagnostics.push(
      problem(
        request.locate,
        ['metadata', 'name'],
        'Job name',
        nameTakenMessage(request.name ?? '', workspaceId)
      )
    )
  }
  if (quotas) diagnostics.push(...checkV2Quota(request, quotas))
  return finish(diagnostics, failures, reads, rounds)
}

function describeFlavor(flavor: V2Flavor): string {
  const parts: string[] = []
  if (flavor.cpuCores !== undefined) parts.push(`${flavor.cpuCores} vCPUs`)
  if (flavor.gpuCount !== undefined && flavor.gpuCount > 0) {
    parts.push(
      `${flavor.gpuCount}× ${flavor.gpuProduct ?? 'GPU'}${flavor.gpuMemory ? ` ${flavor.gpuMemory}` : ''}`
    )
  }
  if (flavor.npuCount !== undefined && flavor.npuCount > 0) {
    parts.push(`${flavor.npuCount}× ${flavor.npuProduct ?? 'NPU'}`)
  }
  if (flavor.memory) parts.push(flavor.memory)
  return `${flavor.flavorId}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`
}

function checkV2Flavor(request: PreflightV2, flavors: V2Flavor[]): Diagnostic[] {
  const resource = request.definition.spec.resource
  const flavorId = resource.flavor_id ?? ''
  const flavor = flavors.find(f => f.flavorId === flavorId)
  if (!flavor) {
    const nearest = nearestText(flavors, flavorId, f => f.flavorId).map(describeFlavor)
    return [
      problem(
        request.locate,
        ['spec', 'resource', 'flavor_id'],
        'Flavor',
        `flavor_id "${flavorId}" is not a public training flavor here; ${suggest(nearest, 'the nearest are')} (a dedicated pool's flavor needs pool_id).`
      )
    ]
  }
  const nodes = resource.node_count
  if (flavor.maxNum !== undefined && nodes > flavor.maxNum) {
    const larger = flavors
      .filter(f => f.flavorType === flavor.flavorType && (f.maxNum ?? 0) >= nodes)
      .slice(0, SUGGESTIONS)
      .map(describeFlavor)
    const instead = larger.length > 0 ? `, or choose a flavor that allows ${nodes}: ${larger.join('; ')}` : ''
    return [
      problem(
        request.locate,
        ['spec', 'resource', 'node_count'],
        'Node count',
        `node_count is ${nodes}, but flavor ${flavor.flavorId} runs at most ${flavor.maxNum} ${flavor.maxNum === 1 ? 'node' : 'nodes'}; lower node_count${instead}.`
      )
    ]
  }
  return []
}

function checkV2Engine(request: PreflightV2, engines: V2Engine[]): Diagnostic[] {
  const engine = request.definition.algorithm?.engine
  if (!engine) return []
  const base = ['algorithm', 'engine'] as const
  const show = (e: V2Engine) =>
    e.engineId && e.engineId !== e.engineVersion
      ? `${e.engineId} (${e.engineName} ${e.engineVersion})`
      : `${e.engineName} ${e.engineVersion}`
  if (given(engine.engine_id)) {
    const id = engine.engine_id ?? ''
    if (engines.some(e => e.engineId === id)) return []
    const nearest = nearestText(engines, id, e => e.engineId).map(e => e.engineId)
    return [
      problem(
        request.locate,
        [...base, 'engine_id'],
        'Engine',
        `engine_id "${id}" is not a training engine here; ${suggest(nearest, 'the nearest are')}.`
      )
    ]
  }
  const name = engine.engine_name ?? ''
  const version = engine.engine_version ?? ''
  if (engines.some(e => e.engineName === name && e.engineVersion === version)) return []
  const sameName = engines.filter(e => e.engineName === name)
  if (sameName.length > 0) {
    const nearest = nearestText(sameName, version, e => e.engineVersion).map(e => e.engineVersion)
    return [
      problem(
        request.locate,
        [...base, 'engine_version'],
        'Engine',
        `${name} has no engine_version "${version}" here; ${suggest(nearest, 'the nearest are')}.`
      )
    ]
  }
  const nearest = nearestText(engines, `${name} ${version}`, e => `${e.engineName} ${e.engineVersion}`).map(
    show
  )
  return [
    problem(
      request.locate,
      [...base, 'engine_name'],
      'Engine',
      `engine_name "${name}" is not a training engine here; ${suggest(nearest, 'the nearest are')}.`
    )
  ]
}

function checkV2Quota(request: PreflightV2, quotas: V2Quota[]): Diagnostic[] {
  return (
    quotas
      // A negative quota (-1) conventionally means unlimited.
      .filter(q => q.resource === 'job-num' && q.quota >= 0 && q.used >= q.quota)
      .map(q =>
        problem(
          request.locate,
          [],
          'Quota',
          `The training job quota is used up: ${q.resource} ${q.used} of ${q.quota} used; delete finished jobs or ask for a higher quota (training-quotas).`
        )
      )
  )
}

function suggest(values: readonly string[], lead: string): string {
  return values.length > 0 ? `${lead} ${values.join('; ')}` : 'the service lists none'
}

/** The `SUGGESTIONS` items of least `distance`, in list order when tied. */
function nearestBy<T>(items: readonly T[], distance: (item: T) => number): T[] {
  return items
    .map((item, index) => ({ item, index, d: distance(item) }))
    .sort((a, b) => a.d - b.d || a.index - b.index)
    .slice(0, SUGGESTIONS)
    .map(({ item }) => item)
}

/** The leading letters of a value, its family: `pytorch` of `pytorch_1.8.0-cuda…`, `tf` of `tf-1.8.0`. */
const familyOf = (text: string): string => /^[a-z]*/.exec(text)?.[0] ?? ''

/**
 * Nearest by edit distance of the text, case ignored; values of the same family first, so that a version
 * nobody has (`pytorch_9.9`) suggests the other versions of its engine before a short unrelated id.
 */
function nearestText<T>(items: readonly T[], wanted: string, textOf: (item: T) => string): T[] {
  const target = wanted.toLowerCase()
  const family = familyOf(target)
  // Any edit distance is below this: a family match always ranks first.
  const apart = target.length + Math.max(0, ...items.map(item => textOf(item).length)) + 1
  return nearestBy(items, item => {
    const text = textOf(item).toLowerCase()
    const other = family !== '' && familyOf(text) !== family ? apart : 0
    return other + levenshtein(target, text)
  })
}

/** Edit distance in O(|a|·|b|) time and O(|b|) memory: list entries are short. */
export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
