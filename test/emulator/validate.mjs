// Request-body checks of the emulated ModelArts v1 create calls. Like the service, it answers with the first
// problem only; numbers must be JSON numbers, as in every request sample of the vendor page.

const JOB_NAME = /^[A-Za-z0-9_-]{1,64}$/
const STRING_FIELDS = [
  'app_url',
  'boot_file_url',
  'data_url',
  'dataset_id',
  'dataset_version_id',
  'pool_id',
  'train_url',
  'log_url',
  'user_image_url',
  'user_command'
]
const INTEGER_FIELDS = ['worker_server_num', 'spec_id', 'engine_id', 'model_id']
const CONFIG_FIELDS = new Set([
  ...STRING_FIELDS,
  ...INTEGER_FIELDS,
  'parameter',
  'data_source',
  'create_version',
  'volumes'
])

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** @param {unknown} value */
const isInteger = value => typeof value === 'number' && Number.isSafeInteger(value)
/** @param {unknown} value */
const given = value => value !== undefined && value !== null

/**
 * @param {Record<string, unknown>} object
 * @param {Set<string> | string[]} allowed
 * @param {string} where prefix for the message, e.g. 'config.'
 */
function unknownKey(object, allowed, where) {
  const known = allowed instanceof Set ? allowed : new Set(allowed)
  const extra = Object.keys(object).find(key => !known.has(key))
  return extra === undefined ? undefined : `Invalid parameter ${where}${extra}: unknown field`
}

/** @param {unknown} list @returns {string | undefined} */
function checkParameters(list) {
  if (!Array.isArray(list)) return 'Invalid parameter config.parameter: must be an array'
  for (const [i, item] of list.entries()) {
    if (!isObject(item)) return `Invalid parameter config.parameter[${i}]: must be an object`
    const extra = unknownKey(item, ['label', 'value'], `config.parameter[${i}].`)
    if (extra) return extra
    for (const key of ['label', 'value']) {
      if (given(item[key]) && typeof item[key] !== 'string') {
        return `Invalid parameter config.parameter[${i}].${key}: must be a string`
      }
    }
  }
  return undefined
}

/** @param {unknown} list @returns {string | undefined} */
function checkDataSource(list) {
  if (!Array.isArray(list) || list.length === 0) {
    return 'Invalid parameter config.data_source: must be a non-empty array'
  }
  for (const [i, item] of list.entries()) {
    const at = `config.data_source[${i}]`
    if (!isObject(item)) return `Invalid parameter ${at}: must be an object`
    const extra = unknownKey(item, ['dataset_id', 'dataset_version', 'type', 'data_url'], `${at}.`)
    if (extra) return extra
    if (given(item.type) && item.type !== 'obs' && item.type !== 'dataset') {
      return `Invalid parameter ${at}.type: must be obs or dataset`
    }
    const hasUrl = given(item.data_url)
    const hasDataset = given(item.dataset_id) || given(item.dataset_version)
    if (hasUrl === hasDataset) {
      return `Invalid parameter ${at}: give either data_url or dataset_id with dataset_version`
    }
    if (hasDataset && !(given(item.dataset_id) && given(item.dataset_version))) {
      return `Invalid parameter ${at}: dataset_id and dataset_version go together`
    }
  }
  return undefined
}

/** @param {unknown} list @returns {string | undefined} */
function checkVolumes(list) {
  if (!Array.isArray(list)) return 'Invalid parameter config.volumes: must be an array'
  for (const [i, item] of list.entries()) {
    const at = `config.volumes[${i}]`
    if (!isObject(item)) return `Invalid parameter ${at}: must be an object`
    const kinds = Object.keys(item)
    if (kinds.length !== 1 || (kinds[0] !== 'nfs' && kinds[0] !== 'host_path')) {
      return `Invalid parameter ${at}: must have exactly one of nfs or host_path`
    }
    const kind = kinds[0]
    const volume = item[kind]
    if (!isObject(volume)) return `Invalid parameter ${at}.${kind}: must be an object`
    const required = kind === 'nfs' ? ['id', 'src_path', 'dest_path'] : ['src_path', 'dest_path']
    const extra = unknownKey(volume, [...required, 'read_only'], `${at}.${kind}.`)
    if (extra) return extra
    const missing = required.find(key => typeof volume[key] !== 'string')
    if (missing) return `Invalid parameter ${at}.${kind}.${missing}: required string`
    if (given(volume.read_only) && typeof volume.read_only !== 'boolean') {
      return `Invalid parameter ${at}.${kind}.read_only: must be a boolean`
    }
  }
  return undefined
}

/** @param {Record<string, unknown>} config @param {boolean} forVersion @returns {string | undefined} */
function checkConfig(config, forVersion) {
  const allowed = forVersion ? new Set([...CONFIG_FIELDS, 'pre_version_id']) : CONFIG_FIELDS
  const extra = unknownKey(config, allowed, 'config.')
  if (extra) return extra
  for (const key of STRING_FIELDS) {
    if (given(config[key]) && typeof config[key] !== 'string') {
      return `Invalid parameter config.${key}: must be a string`
    }
  }
  for (const key of forVersion ? [...INTEGER_FIELDS, 'pre_version_id'] : INTEGER_FIELDS) {
    if (given(config[key]) && !isInteger(config[key]))
      return `Invalid parameter config.${key}: must be an integer`
  }
  if (!given(config.worker_server_num)) return 'Invalid parameter config.worker_server_num: required'
  if (/** @type {number} */ (config.worker_server_num) < 1) {
    return 'Invalid parameter config.worker_server_num: must be at least 1'
  }
  if (forVersion && !given(config.pre_version_id)) return 'Invalid parameter config.pre_version_id: required'
  if (given(config.create_version) && typeof config.create_version !== 'boolean') {
    return 'Invalid parameter config.create_version: must be a boolean'
  }
  if (given(config.spec_id) === given(config.pool_id)) {
    return 'Invalid parameter config.spec_id/config.pool_id: give exactly one (spec_id for a public pool, pool_id for a dedicated pool)'
  }
  const hasDatasetPair = given(config.dataset_id) || given(config.dataset_version_id)
  if (hasDatasetPair && !(given(config.dataset_id) && given(config.dataset_version_id))) {
    return 'Invalid parameter config.dataset_id/config.dataset_version_id: they go together'
  }
  const dataKinds = [given(config.data_url), hasDatasetPair, given(config.data_source)].filter(Boolean).length
  if (dataKinds !== 1) {
    return 'Invalid parameter config.data_url/config.dataset_id/config.data_source: exactly one of them must be given'
  }
  if (given(config.app_url) !== given(config.boot_file_url)) {
    return 'Invalid parameter config.app_url/config.boot_file_url: they go together'
  }
  if (given(config.app_url) && !String(config.boot_file_url).startsWith(String(config.app_url))) {
    return 'Invalid parameter config.boot_file_url: must lie inside config.app_url'
  }
  if (!given(config.model_id) && !given(config.app_url) && !given(config.user_image_url)) {
    return 'Invalid parameter config: one of model_id, app_url with boot_file_url, or user_image_url is required'
  }
  if (given(config.user_command) && !given(config.user_image_url)) {
    return 'Invalid parameter config.user_command: needs config.user_image_url'
  }
  if (given(config.parameter)) {
    const problem = checkParameters(config.parameter)
    if (problem) return problem
  }
  if (given(config.data_source)) {
    const problem = checkDataSource(config.data_source)
    if (problem) return problem
  }
  if (given(config.volumes)) return checkVolumes(config.volumes)
  return undefined
}

/**
 * First problem of a create-job body (`forVersion` false) or a create-version body, or undefined.
 * @param {unknown} body
 * @param {{ forVersion: boolean }} kind
 * @returns {string | undefined}
 */
export function findProblem(body, { forVersion }) {
  if (!isObject(body)) return 'Invalid request body: must be a JSON object'
  const top = forVersion ? ['job_desc', 'config'] : ['job_name', 'job_desc', 'config', 'workspace_id']
  const extra = unknownKey(body, top, '')
  if (extra) return extra
  if (!forVersion && (typeof body.job_name !== 'string' || !JOB_NAME.test(body.job_name))) {
    return 'Invalid parameter job_name: 1 to 64 characters, only letters, digits, _ and -'
  }
  if (given(body.job_desc) && (typeof body.job_desc !== 'string' || body.job_desc.length > 256)) {
    return 'Invalid parameter job_desc: a string of at most 256 characters'
  }
  if (given(body.workspace_id) && typeof body.workspace_id !== 'string') {
    return 'Invalid parameter workspace_id: must be a string'
  }
  if (!isObject(body.config)) return 'Invalid parameter config: required object'
  return checkConfig(body.config, forVersion)
}
