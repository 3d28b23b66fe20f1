/** The v1 API as the diagnoser sees it: names, hints, the inputs that set fields, and the warnings. */
import type { Diagnostic } from '../diagnostic.js'
import { CONFIG_INPUT_NAMES, TOP_LEVEL_INPUT_NAMES } from '../input-names.js'
import type { DefinitionPath } from '../load.js'
import type { ApiProfile, Reporter } from '../profile.js'
import { givenIn } from '../rules.js'
import { isPlainMapping } from '../yaml.js'
import { jobDefinitionSchema } from './schema.js'

const TOP_INPUTS = new Set<string>(TOP_LEVEL_INPUT_NAMES)
const CONFIG_INPUTS = new Set<string>(CONFIG_INPUT_NAMES)

export const v1Profile: ApiProfile = {
  api: 'v1',
  schema: jobDefinitionSchema,
  valueRules: {
    job_name: 'Job name',
    job_desc: 'Job description',
    worker_server_num: 'Workers',
    data_source: 'Data source',
    type: 'Data source'
  },
  requiredHints: {
    job_name: 'the job name: 1 to 64 letters, digits, _ or -',
    config: 'the training settings',
    worker_server_num: 'the number of workers, 1 or more',
    id: 'the SFS Turbo file system id',
    src_path: 'the path to mount',
    dest_path: 'the path inside the training job',
    code: 'the flavor code'
  },
  listOrMapping: { parameter: 'a list of label/value items, or a mapping of names to values' },
  listLimits: { 'config.parameter': 1000, 'config.data_source': 100, 'config.volumes': 100 },
  keyOrder: 'schema',
  otherApiKeys: { name: 'label' },
  inputFor(path: DefinitionPath): string | undefined {
    const [first, second] = path
    if (path.length === 1 && typeof first === 'string' && TOP_INPUTS.has(first)) return first
    if (path.length === 2 && first === 'config' && typeof second === 'string' && CONFIG_INPUTS.has(second))
      return second
    return undefined
  },
  warnings: v1Warnings
}

/** Only the warnings job-definition.md justifies. */
function v1Warnings(tree: Record<string, unknown>, at: Reporter): Diagnostic[] {
  const config = tree.config
  if (!isPlainMapping(config)) return []
  const found: Diagnostic[] = []
  const given = givenIn(config)
  // Table 3 gives OBS directories for outputs and logs (examples /usr/train/, /usr/log/).
  for (const [key, rule] of [
    ['train_url', 'Output directory'],
    ['log_url', 'Log directory']
  ] as const) {
    const url = config[key]
    if (typeof url === 'string' && !url.endsWith('/')) {
      const message = `\`config.${key}\` is an OBS directory and should end in "/" (e.g. "${url}/").`
      found.push(at(['config', key], 'value', rule, message, 'warning'))
    }
  }
  // Rule 3: the table says not together, but the vendor's own samples set both and the service takes them.
  if (given('spec_id') && given('pool_id')) {
    const message =
      'spec_id and pool_id are both set, which the parameter table advises against: keep spec_id for a public resource pool, or pool_id (with its flavor) for a dedicated resource pool.'
    found.push(at(['config'], 'key', 'Resource pool', message, 'warning', ['spec_id', 'pool_id']))
  }
  // Table 3: user_command is the boot command of the custom image; without it the image's default runs.
  if (given('user_image_url') && !given('user_command')) {
    const message =
      '`config.user_image_url` has no user_command; add the command that starts training in the image.'
    found.push(at(['config', 'user_image_url'], 'key', 'Custom image', message, 'warning'))
  }
  // Table 8: parameters become environment variables or arguments, so a repeated label silently overrides.
  const parameter = config.parameter
  if (Array.isArray(parameter)) {
    const seen = new Set<string>()
    parameter.forEach((item: unknown, index) => {
      const label = isPlainMapping(item) ? item.label : undefined
      if (typeof label !== 'string' && typeof label !== 'boolean') return
      const text = String(label)
      if (seen.has(text)) {
        const message = `The parameter label "${text}" is given twice and the later value wins; remove one of them.`
        found.push(at(['config', 'parameter', index, 'label'], 'value', 'Parameter', message, 'warning'))
      }
      seen.add(text)
    })
  }
  return found
}
