/**
 * The v1 job definition as one zod schema: the v1 create-job request body (vendor page Tables 2 to 8) and the
 * rules of shared/reference/job-definition.md. It reads the plain tree of a job file merged with the inputs
 * (numbers arrive as their source text) and outputs exactly the body to send. Objects are loose: keys they do
 * not declare are judged by ../keys.ts (warning, or error when misspelt) and sent as they are.
 */
import { z } from 'zod'
import {
  booleanAsText,
  decimalAsNumber,
  givenIn,
  listed,
  onAnyMapping,
  report,
  undocumented,
  type Context
} from '../rules.js'
import { entryText, isPlainMapping } from '../yaml.js'

export type { RuleParams } from '../rules.js'

const JOB_NAME = /^[A-Za-z0-9_-]{1,64}$/

const text = () => z.preprocess(booleanAsText, z.string())
const wholeNumber = (minimum: number) => z.preprocess(decimalAsNumber, z.number().min(minimum))
const flag = () => z.boolean()

// Convenience: `parameter` as a mapping {label: value}, order and the values' source text kept.
const mappingAsLabelValueList = (value: unknown): unknown =>
  isPlainMapping(value)
    ? Object.entries(value).map(([label, item]) => ({ label, value: entryText(value, label, item) }))
    : value

export const PARAMETER_ITEM_SHAPE = { label: text().optional(), value: text().optional() }

export const DATA_SOURCE_ITEM_SHAPE = {
  dataset_id: text().optional(),
  dataset_version: text().optional(),
  type: z.enum(['obs', 'dataset']).optional(),
  data_url: text().optional()
}

export const NFS_SHAPE = { id: text(), src_path: text(), dest_path: text(), read_only: flag().optional() }
export const HOST_PATH_SHAPE = { src_path: text(), dest_path: text(), read_only: flag().optional() }

export const VOLUME_SHAPE = {
  nfs: z.looseObject(NFS_SHAPE).optional(),
  host_path: z.looseObject(HOST_PATH_SHAPE).optional()
}

/** Table 3, in its order (which is also the order of the body sent). */
export const CONFIG_SHAPE = {
  worker_server_num: wholeNumber(1),
  app_url: text().optional(),
  boot_file_url: text().optional(),
  parameter: z.preprocess(mappingAsLabelValueList, z.array(z.looseObject(PARAMETER_ITEM_SHAPE))).optional(),
  data_url: text().optional(),
  dataset_id: text().optional(),
  dataset_version_id: text().optional(),
  data_source: z
    .array(z.looseObject(DATA_SOURCE_ITEM_SHAPE).superRefine(checkDataSourceItem, onAnyMapping()))
    .min(1)
    .optional(),
  spec_id: wholeNumber(0).optional(),
  pool_id: text().optional(),
  engine_id: wholeNumber(0).optional(),
  model_id: wholeNumber(0).optional(),
  train_url: text().optional(),
  log_url: text().optional(),
  user_image_url: text().optional(),
  user_command: text().optional(),
  create_version: flag().optional(),
  volumes: z.array(z.looseObject(VOLUME_SHAPE).superRefine(checkVolume, onAnyMapping())).optional(),
  // Sent by real clients although Table 3 lacks them (the vendor SDK, its TensorFlow walk-through, user code).
  flavor: undocumented(z.looseObject({ code: text() }).optional()),
  priority: undocumented(z.unknown().optional()),
  nas_share_addr: undocumented(text().optional()),
  nas_mount_path: undocumented(text().optional()),
  nas_type: undocumented(text().optional())
}

/** Table 2, with config last as in the vendor samples. */
export const DEFINITION_SHAPE = {
  job_name: z.preprocess(booleanAsText, z.string().regex(JOB_NAME)),
  job_desc: z.preprocess(booleanAsText, z.string().max(256)).optional(),
  workspace_id: text().optional(),
  config: z.looseObject(CONFIG_SHAPE).superRefine(checkConfig, onAnyMapping()),
  // Sent by real clients although Table 2 lacks them (the vendor's Python SDK).
  job_type: undocumented(z.unknown().optional()),
  autosearch_config: undocumented(z.unknown().optional()),
  notification: undocumented(z.unknown().optional())
}

export const jobDefinitionSchema = z.looseObject(DEFINITION_SHAPE)

/** Exactly the v1 create-job request body. */
export type V1JobDefinition = z.output<typeof jobDefinitionSchema>
export type JobDefinition = V1JobDefinition
export type JobConfig = JobDefinition['config']

const DATA_CHOICES = 'data_url, dataset_id with dataset_version_id, or data_source'

/** Cross-field rules 1 to 6 of job-definition.md. */
function checkConfig(config: Record<string, unknown>, ctx: Context): void {
  const given = givenIn(config)

  // Rule 1: exactly one source of training data.
  const dataGroups = [['data_url'], ['dataset_id', 'dataset_version_id'], ['data_source']]
    .map(group => group.filter(given))
    .filter(group => group.length > 0)
  if (dataGroups.length === 0) {
    report(ctx, `The config names no training data; add one of ${DATA_CHOICES}.`, 'Data source')
  } else if (dataGroups.length > 1) {
    const names = listed(dataGroups.map(group => group.join(' with ')))
    report(
      ctx,
      `Use only one source of training data: ${names} cannot be used together.`,
      'Data source',
      [],
      dataGroups.flat()
    )
  }

  // Rule 2: a dataset is named by its id and its version together.
  if (given('dataset_id') !== given('dataset_version_id')) {
    const [present, missing] = given('dataset_id')
      ? ['dataset_id', 'dataset_version_id']
      : ['dataset_version_id', 'dataset_id']
    report(ctx, `${present} needs ${missing} as well; add it, or use data_url instead.`, 'Dataset', [present])
  }

  // Rule 3: the job names its resources; spec_id with pool_id is only a warning (in ./profile.ts).
  const flavor = config.flavor
  const flavorCode = isPlainMapping(flavor) && flavor.code !== undefined && flavor.code !== null
  if (!given('spec_id') && !given('pool_id') && !flavorCode) {
    report(
      ctx,
      'The config names no resources: set spec_id for a public resource pool, pool_id for a dedicated resource pool, or flavor: {code: ...}.',
      'Resource pool'
    )
  }

  // Rule 4: something to run.
  if (!given('model_id') && !given('app_url') && !given('boot_file_url') && !given('user_image_url')) {
    const message =
      'The config says nothing to run: set model_id (built-in algorithm), app_url with boot_file_url (own code), or user_image_url (custom image).'
    report(ctx, message, 'Code to run')
  }
  // With a custom image, app_url alone is the code directory its boot command runs from.
  const imageCodeDir = given('user_image_url') && given('app_url')
  if (given('app_url') !== given('boot_file_url') && !imageCodeDir) {
    const message = given('app_url')
      ? 'app_url needs boot_file_url (the file to start, inside app_url); add it or remove app_url.'
      : 'boot_file_url needs app_url (the code directory that holds it); add it or remove boot_file_url.'
    report(ctx, message, 'Code to run', [given('app_url') ? 'app_url' : 'boot_file_url'])
  }

  // Rule 5: app_url is a directory, so the boot file lies below it.
  const app = config.app_url
  const boot = config.boot_file_url
  if (typeof app === 'string' && typeof boot === 'string') {
    const directory = app.endsWith('/') ? app : `${app}/`
    if (!boot.startsWith(directory) || boot.length === directory.length) {
      const message = `boot_file_url "${boot}" is not a file inside app_url "${directory}"; move the boot file into the code directory or correct either path.`
      report(ctx, message, 'Boot file', ['boot_file_url'])
    }
  }

  // Rule 6: user_command is the boot command of a custom image.
  if (given('user_command') && !given('user_image_url')) {
    const message =
      'user_command is the boot command of a custom image, but user_image_url is not set; add user_image_url or remove user_command.'
    report(ctx, message, 'Custom image', ['user_command'])
  }
}

/** Table 4: an item reads either OBS (data_url) or a dataset (dataset_id with dataset_version). */
function checkDataSourceItem(item: Record<string, unknown>, ctx: Context): void {
  const given = givenIn(item)
  const dataset = ['dataset_id', 'dataset_version'].filter(given)
  if (given('data_url') && dataset.length > 0) {
    const message = `data_url and ${dataset.join(' with ')} cannot be used together in one data_source item; keep data_url for OBS data, or the dataset for a dataset.`
    report(ctx, message, 'Data source', [], ['data_url', ...dataset])
  } else if (!given('data_url') && dataset.length === 0) {
    report(
      ctx,
      'This data_source item names no data; add data_url, or dataset_id with dataset_version.',
      'Data source'
    )
  }
  if (dataset.length === 1) {
    const [present, missing] = given('dataset_id')
      ? ['dataset_id', 'dataset_version']
      : ['dataset_version', 'dataset_id']
    report(ctx, `${present} needs ${missing} as well in this data_source item; add it.`, 'Dataset', [present])
  }
  if (item.type === 'obs' && dataset.length > 0 && !given('data_url')) {
    const message =
      'type obs reads data_url, but this item names a dataset; set type: dataset, or use data_url.'
    report(ctx, message, 'Data source', ['type'])
  }
  if (item.type === 'dataset' && given('data_url') && dataset.length === 0) {
    const message =
      'type dataset reads dataset_id with dataset_version, but this item has data_url; set type: obs, or name the dataset.'
    report(ctx, message, 'Data source', ['type'])
  }
}

/** Tables 5 to 7: each volume is either an nfs or a host_path volume. */
function checkVolume(volume: Record<string, unknown>, ctx: Context): void {
  const given = givenIn(volume)
  if (given('nfs') && given('host_path')) {
    const message = 'A volumes item is either nfs or host_path, not both; split it into two items.'
    report(ctx, message, 'Volume', [], ['nfs', 'host_path'])
  } else if (!given('nfs') && !given('host_path')) {
    report(
      ctx,
      'This volumes item names no volume; add nfs (SFS Turbo) or host_path (host directory).',
      'Volume'
    )
  }
}
