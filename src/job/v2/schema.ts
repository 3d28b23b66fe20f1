/**
 * The v2 job definition as one zod schema: the body of `POST /v2/{project_id}/training-jobs` (reference
 * modelarts-v2-api.md §3) and its rules across fields (§4). It reads the plain tree of a job file merged with
 * the inputs (numbers arrive as their source text) and outputs the body to send. Objects are loose: keys
 * they do not declare are judged by ../keys.ts and sent as they are, like v1.
 */
import { z } from 'zod'
import {
  booleanAsText,
  decimalAsNumber,
  givenIn,
  listed,
  onAnyMapping,
  report,
  type Context
} from '../rules.js'
import { entryText, isPlainMapping } from '../yaml.js'

const NAME = /^[A-Za-z0-9_-]{1,64}$/
const ENVIRONMENT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const MOST_ENVIRONMENTS = 100
const LONGEST_ENVIRONMENT_NAME = 8192
const LONGEST_ENVIRONMENT_VALUE = 4096
const DEDICATED_FLAVOR_PREFIX = 'modelarts.pool.visual.'
/** local_code_dir may not be these directories or below them (§3). */
const RESERVED_CODE_DIRS = ['/home/ma-user/modelarts', '/home/ma-user/modelarts-dev', '/home/ma-user/infer']

const text = () => z.preprocess(booleanAsText, z.string())
const wholeNumber = (minimum: number, maximum?: number) =>
  z.preprocess(
    decimalAsNumber,
    maximum === undefined ? z.int().min(minimum) : z.int().min(minimum).max(maximum)
  )
const decimalNumber = () =>
  z.preprocess(
    value => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
    z.number()
  )
const flag = () => z.boolean()
/** A map of strings: numbers keep their source text, booleans their text. */
const textMap = () => z.record(z.string(), text())

// Convenience: `parameters` as a mapping {name: value}, order and the values' source text kept (`1.0`, `False`).
const mappingAsNameValueList = (value: unknown): unknown =>
  isPlainMapping(value)
    ? Object.entries(value).map(([name, item]) => ({ name, value: entryText(value, name, item) }))
    : value

export const PARAMETER_ITEM_SHAPE = {
  name: text(),
  value: text().optional(),
  description: text().optional(),
  constraint: z.unknown().optional(),
  i18n_description: z.unknown().optional()
}

const OBS_SHAPE = { obs_url: text() }
const DATASET_SHAPE = { id: text(), version_id: text().optional() }

const INPUT_REMOTE_SHAPE = {
  obs: z.looseObject(OBS_SHAPE).optional(),
  dataset: z.looseObject(DATASET_SHAPE).optional()
}

const CHANNEL_SHAPE = {
  local_dir: text().optional(),
  access_method: z.enum(['parameter', 'env']).optional(),
  description: text().optional()
}

export const INPUT_SHAPE = {
  name: text(),
  remote: z.looseObject(INPUT_REMOTE_SHAPE).superRefine(checkInputRemote, onAnyMapping()),
  ...CHANNEL_SHAPE
}

export const OUTPUT_SHAPE = {
  name: text(),
  remote: z.looseObject({ obs: z.looseObject(OBS_SHAPE) }),
  ...CHANNEL_SHAPE,
  mode: z.unknown().optional(),
  period: z.unknown().optional()
}

export const ENGINE_SHAPE = {
  engine_id: text().optional(),
  engine_name: text().optional(),
  engine_version: text().optional(),
  image_url: text().optional(),
  install_sys_packages: flag().optional(),
  image_repo_id: text().optional()
}

export const ALGORITHM_SHAPE = {
  id: text().optional(),
  subscription_id: text().optional(),
  item_version_id: text().optional(),
  code_dir: text().optional(),
  boot_file: text().optional(),
  command: text().optional(),
  engine: z.looseObject(ENGINE_SHAPE).superRefine(checkEngine, onAnyMapping()).optional(),
  parameters: z.preprocess(mappingAsNameValueList, z.array(z.looseObject(PARAMETER_ITEM_SHAPE))).optional(),
  inputs: z.array(z.looseObject(INPUT_SHAPE)).optional(),
  outputs: z.array(z.looseObject(OUTPUT_SHAPE)).optional(),
  environments: textMap()
    .superRefine(checkEnvironments)
    // Rule 7 as far as a JSON Schema can say it, for editors.
    .meta({
      propertyNames: { pattern: ENVIRONMENT_NAME.source, maxLength: LONGEST_ENVIRONMENT_NAME },
      maxProperties: MOST_ENVIRONMENTS,
      additionalProperties: {
        type: ['string', 'number', 'boolean'],
        maxLength: LONGEST_ENVIRONMENT_VALUE,
        pattern: '^[^$]*$'
      }
    })
    .optional(),
  local_code_dir: text().optional(),
  working_dir: text().optional(),
  // Hyperparameter search and visualization: passed on as written (§3: "not needed" by the action).
  policies: z.unknown().optional(),
  summary: z.unknown().optional(),
  autosearch_config_path: z.unknown().optional(),
  autosearch_framework_path: z.unknown().optional()
}

export const METADATA_SHAPE = {
  name: z.preprocess(booleanAsText, z.string().regex(NAME)),
  description: z.preprocess(booleanAsText, z.string().max(256)).optional(),
  workspace_id: text().optional(),
  annotations: textMap().optional(),
  training_experiment_reference: z
    .looseObject({ id: text().optional(), name: text().optional(), description: text().optional() })
    .optional()
}

export const RESOURCE_SHAPE = {
  flavor_id: text().optional(),
  node_count: wholeNumber(1),
  pool_id: text().optional(),
  main_container_customized_flavor: z
    .looseObject({
      cpu_core_num: decimalNumber().pipe(z.number().positive()).optional(),
      mem_size: decimalNumber().pipe(z.number().positive()).optional(),
      accelerator_num: wholeNumber(0).optional()
    })
    .optional()
}

export const VOLUME_SHAPE = {
  nfs: z
    .looseObject({ nfs_server_path: text(), local_path: text(), read_only: flag().optional() })
    .optional(),
  pfs: z.looseObject({ pfs_path: text(), local_path: text() }).optional(),
  obs: z.looseObject({ obs_path: text(), local_path: text() }).optional()
}

const NOTIFICATION_EVENTS = [
  'JobStarted',
  'JobCompleted',
  'JobFailed',
  'JobTerminated',
  'JobRestarted',
  'JobHanged',
  'JobPreempted'
] as const

export const SPEC_SHAPE = {
  resource: z.looseObject(RESOURCE_SHAPE).superRefine(checkResource, onAnyMapping()),
  volumes: z.array(z.looseObject(VOLUME_SHAPE).superRefine(checkVolume, onAnyMapping())).optional(),
  log_export_path: z.looseObject({ obs_url: text().optional(), host_path: text().optional() }).optional(),
  auto_stop: z.looseObject({ time_unit: z.enum(['HOURS']), duration: wholeNumber(1) }).optional(),
  schedule_policy: z
    .looseObject({
      priority: wholeNumber(1, 3).optional(),
      preemptible: flag().optional(),
      required_affinity: z.unknown().optional()
    })
    .optional(),
  notification: z
    .looseObject({ topic_urn: text().optional(), events: z.array(z.enum(NOTIFICATION_EVENTS)).optional() })
    .optional(),
  log_export_config: z
    .looseObject({ version: z.enum(['v0', 'v1']).optional(), rotation_enabled: flag().optional() })
    .optional()
}

/** §3, in its order (which is also the order of the body sent). */
export const V2_DEFINITION_SHAPE = {
  kind: text().optional(),
  metadata: z.looseObject(METADATA_SHAPE),
  algorithm: z.looseObject(ALGORITHM_SHAPE).superRefine(checkAlgorithm, onAnyMapping()),
  spec: z.looseObject(SPEC_SHAPE),
  // §3: "not implemented; leave out"; sent as written if given.
  tasks: z.unknown().optional(),
  endpoints: z.looseObject({ ssh: z.looseObject({ key_pair_names: z.array(text()) }).optional() }).optional()
}

export const v2JobDefinitionSchema = z
  .looseObject(V2_DEFINITION_SHAPE)
  .superRefine(checkChannels, onAnyMapping())

/** The v2 create-job request body. */
export type V2JobDefinition = z.output<typeof v2JobDefinitionSchema>

/** OBS paths come as `/bucket/dir/` and `obs://bucket/dir/` (§3); compare them without the scheme. */
export function withoutObsScheme(path: string): string {
  return path.startsWith('obs://') ? path.slice('obs:/'.length) : path
}

const RUN_CHOICES =
  'id (an algorithm from algorithm management), subscription_id with item_version_id (a subscribed algorithm), code_dir with boot_file and an engine (own code), or engine.image_url with command (custom image)'

/** §4 rules 1 to 3 (what runs, pairs, boot file inside code_dir). */
function checkAlgorithm(algorithm: Record<string, unknown>, ctx: Context): void {
  const given = givenIn(algorithm)
  const engine = isPlainMapping(algorithm.engine) ? algorithm.engine : {}
  const engineGiven = givenIn(engine)
  const namedEngine =
    engineGiven('engine_id') || (engineGiven('engine_name') && engineGiven('engine_version'))
  const customImage = engineGiven('image_url') && !engineGiven('engine_id') && !engineGiven('engine_name')
  let specific = false

  if (given('id') && given('subscription_id')) {
    const message =
      'id and subscription_id cannot be used together: keep id for an algorithm from algorithm management, or subscription_id with item_version_id for a subscribed one.'
    report(ctx, message, 'Algorithm', [], ['id', 'subscription_id'])
    specific = true
  }
  // Rule 2: pairs.
  if (given('subscription_id') !== given('item_version_id')) {
    const [present, missing] = given('subscription_id')
      ? ['subscription_id', 'item_version_id']
      : ['item_version_id', 'subscription_id']
    report(ctx, `${present} needs ${missing} as well (a subscribed algorithm); add it.`, 'Algorithm', [
      present
    ])
    specific = true
  }
  if (given('boot_file') && !given('code_dir')) {
    const message = 'boot_file needs code_dir (the code directory that holds it); add it or remove boot_file.'
    report(ctx, message, 'Code to run', ['boot_file'])
    specific = true
  }
  // A custom image runs its command from code_dir, so code_dir alone is right there (§4 rule 1d).
  if (
    given('code_dir') &&
    !given('boot_file') &&
    !engineGiven('image_url') &&
    !given('id') &&
    !given('subscription_id')
  ) {
    const message =
      'code_dir needs boot_file (the file to start, inside code_dir); add it or remove code_dir.'
    report(ctx, message, 'Code to run', ['code_dir'])
    specific = true
  }
  // Rule 1d: a custom image needs the command that starts it (service error ModelArts.2806).
  if (customImage && !given('command')) {
    const message =
      'engine.image_url is a custom image, which needs command (e.g. "python train.py"); add algorithm.command.'
    report(ctx, message, 'Custom image', ['engine', 'image_url'])
    specific = true
  }
  // Rule 1c: own code runs on an engine.
  const ownCode = given('code_dir') && given('boot_file')
  if (ownCode && !namedEngine && !engineGiven('image_url') && !given('id') && !given('subscription_id')) {
    const message =
      'code_dir with boot_file needs an engine: set engine.engine_id, or engine.engine_name with engine.engine_version.'
    report(ctx, message, 'Engine', ['boot_file'])
    specific = true
  }
  const runs =
    given('id') ||
    (given('subscription_id') && given('item_version_id')) ||
    (ownCode && (namedEngine || engineGiven('image_url'))) ||
    (engineGiven('image_url') && given('command'))
  if (!runs && !specific) report(ctx, `The algorithm says nothing to run: set ${RUN_CHOICES}.`, 'Code to run')

  // Rule 3: the boot file lies inside the code directory, whichever OBS form each is written in.
  const dir = algorithm.code_dir
  const boot = algorithm.boot_file
  if (typeof dir === 'string' && typeof boot === 'string') {
    const directory = withoutObsScheme(dir.endsWith('/') ? dir : `${dir}/`)
    const file = withoutObsScheme(boot)
    if (!file.startsWith(directory) || file.length === directory.length) {
      const message = `boot_file "${boot}" is not a file inside code_dir "${dir}"; write its full path inside the code directory (e.g. "${dir.endsWith('/') ? dir : `${dir}/`}train.py").`
      report(ctx, message, 'Boot file', ['boot_file'])
    }
  }
  for (const key of ['code_dir', 'boot_file'] as const) {
    if (hasDoubleSlash(algorithm[key])) reportDoubleSlash(ctx, key, [key])
  }

  // §3: local_code_dir is under /home, not /home/ma-user itself, nor the platform's own directories.
  const local = algorithm.local_code_dir
  if (typeof local === 'string') {
    const trimmed = local.replace(/\/+$/, '')
    const reserved = RESERVED_CODE_DIRS.find(dir => trimmed === dir || trimmed.startsWith(`${dir}/`))
    if (!trimmed.startsWith('/home/') || trimmed === '/home/ma-user' || reserved) {
      const message = `local_code_dir "${local}" must be a directory under /home, other than /home/ma-user and ${listed(RESERVED_CODE_DIRS)} or below them (e.g. /home/ma-user/code).`
      report(ctx, message, 'Code directory', ['local_code_dir'])
    }
  }
}

/** Rule 2: engine_name comes with engine_version; install_sys_packages only with a preset engine on an image. */
function checkEngine(engine: Record<string, unknown>, ctx: Context): void {
  const given = givenIn(engine)
  if (given('engine_name') !== given('engine_version')) {
    const [present, missing] = given('engine_name')
      ? ['engine_name', 'engine_version']
      : ['engine_version', 'engine_name']
    report(ctx, `${present} needs ${missing} as well; add it, or name the engine by engine_id.`, 'Engine', [
      present
    ])
  }
  if (
    given('install_sys_packages') &&
    !(given('engine_name') && given('engine_version') && given('image_url'))
  ) {
    const message =
      'install_sys_packages applies only with engine_name, engine_version and image_url together; add them or remove it.'
    report(ctx, message, 'Engine', ['install_sys_packages'])
  }
}

/** Rule 6: an input reads either OBS or a dataset. */
function checkInputRemote(remote: Record<string, unknown>, ctx: Context): void {
  const given = givenIn(remote)
  if (given('obs') && given('dataset')) {
    const message =
      'An input remote is either obs or dataset, not both; keep one, or split it into two inputs.'
    report(ctx, message, 'Channel', [], ['obs', 'dataset'])
  } else if (!given('obs') && !given('dataset')) {
    report(ctx, 'This input remote names no data; add obs: {obs_url: ...} or dataset: {id: ...}.', 'Channel')
  }
  const obs = remote.obs
  if (isPlainMapping(obs) && hasDoubleSlash(obs.obs_url))
    reportDoubleSlash(ctx, 'obs_url', ['obs', 'obs_url'])
}

/** Rule 7: environment names, how many, and their values. */
function checkEnvironments(environments: Record<string, string>, ctx: Context): void {
  const names = Object.keys(environments)
  if (names.length > MOST_ENVIRONMENTS) {
    const message = `environments has ${names.length} variables; at most ${MOST_ENVIRONMENTS} are allowed.`
    report(ctx, message, 'Environment', [names[MOST_ENVIRONMENTS] ?? ''])
  }
  for (const name of names) {
    if (!ENVIRONMENT_NAME.test(name) || name.length > LONGEST_ENVIRONMENT_NAME) {
      const message = `"${name.length > 40 ? `${name.slice(0, 39)}…` : name}" is not an environment variable name: start with a letter or _, then letters, digits or _ only.`
      report(ctx, message, 'Environment', [name])
    }
    const value = environments[name] ?? ''
    if (value.length > LONGEST_ENVIRONMENT_VALUE) {
      const message = `The value of ${name} is ${value.length} characters long; shorten it to at most ${LONGEST_ENVIRONMENT_VALUE}.`
      report(ctx, message, 'Environment', [name])
    } else if (value.includes('$')) {
      const message = `The value of ${name} contains "$": variable references are not expanded; write the value itself.`
      report(ctx, message, 'Environment', [name])
    }
  }
}

/** Rule 5: a public pool takes a flavor_id, a dedicated pool a pool_id (with a pool flavor or none). */
function checkResource(resource: Record<string, unknown>, ctx: Context): void {
  const given = givenIn(resource)
  const flavor = typeof resource.flavor_id === 'string' ? resource.flavor_id : undefined
  const poolFlavor = flavor?.startsWith(DEDICATED_FLAVOR_PREFIX) === true
  if (!given('pool_id')) {
    if (!given('flavor_id')) {
      const message =
        'spec.resource names no resources: set flavor_id for a public resource pool (e.g. "modelarts.vm.cpu.8u"), or pool_id for a dedicated one.'
      report(ctx, message, 'Resource pool')
    } else if (poolFlavor) {
      const message = `flavor_id "${flavor}" is a dedicated-pool flavor; add pool_id, or choose a public flavor from training-job-flavors.`
      report(ctx, message, 'Resource pool', ['flavor_id'])
    }
    if (given('main_container_customized_flavor')) {
      const message =
        'main_container_customized_flavor applies to dedicated pools only; add pool_id or remove it.'
      report(ctx, message, 'Resource pool', ['main_container_customized_flavor'])
    }
  } else if (flavor !== undefined && !poolFlavor) {
    const message = `flavor_id "${flavor}" is a public-pool flavor; on a dedicated pool use a ${DEDICATED_FLAVOR_PREFIX}* flavor (GPU/Ascend pools) or leave flavor_id out (CPU pools).`
    report(ctx, message, 'Resource pool', ['flavor_id'])
  }
}

/** Rule 8: each volume is exactly one of nfs, pfs, obs. */
function checkVolume(volume: Record<string, unknown>, ctx: Context): void {
  const kinds = ['nfs', 'pfs', 'obs'].filter(givenIn(volume))
  if (kinds.length > 1) {
    const message = `A volumes item is exactly one of nfs, pfs or obs, not ${listed(kinds)}; split it into ${kinds.length} items.`
    report(ctx, message, 'Volume', [], kinds)
  } else if (kinds.length === 0) {
    report(ctx, 'This volumes item names no volume; add nfs, pfs or obs.', 'Volume')
  }
}

/** Rule 6: channel names are unique across inputs and outputs (each becomes --<name>=<dir>). */
function checkChannels(definition: Record<string, unknown>, ctx: Context): void {
  const algorithm = definition.algorithm
  if (!isPlainMapping(algorithm)) return
  const seen = new Set<string>()
  for (const list of ['inputs', 'outputs'] as const) {
    const channels = algorithm[list]
    if (!Array.isArray(channels)) continue
    channels.forEach((channel: unknown, index) => {
      const name = isPlainMapping(channel) ? channel.name : undefined
      if (typeof name !== 'string') return
      if (seen.has(name)) {
        const message = `The channel name "${name}" is used twice in algorithm inputs/outputs; give each input and output its own name.`
        report(ctx, message, 'Channel', ['algorithm', list, index, 'name'])
      }
      seen.add(name)
    })
  }
}

const hasDoubleSlash = (path: unknown): boolean =>
  typeof path === 'string' && withoutObsScheme(path).slice(1).includes('//')

function reportDoubleSlash(ctx: Context, key: string, path: string[]): void {
  const message = `${key} contains "//", which the service rejects (ModelArts.4315); write single slashes between directories.`
  report(ctx, message, 'OBS path', path)
}
