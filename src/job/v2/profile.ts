/** The v2 API as the diagnoser sees it: names, hints, the inputs that set fields, and the warnings. */
import type { Diagnostic } from '../diagnostic.js'
import type { DefinitionPath } from '../load.js'
import type { ApiProfile, Reporter } from '../profile.js'
import { givenIn, listed } from '../rules.js'
import { isPlainMapping } from '../yaml.js'
import { v2JobDefinitionSchema } from './schema.js'

/** The inputs v2 takes, by the field they set. */
const INPUT_FOR_FIELD: Readonly<Record<string, string>> = {
  'metadata.name': 'job_name',
  'metadata.description': 'job_desc',
  'metadata.workspace_id': 'workspace_id',
  'algorithm.parameters': 'parameter'
}

export const v2Profile: ApiProfile = {
  api: 'v2',
  schema: v2JobDefinitionSchema,
  valueRules: {
    name: 'Job name',
    description: 'Job description',
    node_count: 'Workers',
    environments: 'Environment',
    priority: 'Schedule policy',
    access_method: 'Channel'
  },
  requiredHints: {
    metadata: 'the job name and description: metadata: {name: ...}',
    name: 'a name: 1 to 64 letters, digits, _ or -',
    algorithm: 'what to run: id, code_dir with boot_file and an engine, or engine.image_url with command',
    spec: 'the resources: spec: {resource: {flavor_id: ..., node_count: 1}}',
    resource: 'flavor_id (or pool_id) and node_count',
    node_count: 'the number of nodes, 1 or more',
    remote: 'where the data is: {obs: {obs_url: ...}}',
    obs: 'the OBS location: {obs_url: ...}',
    obs_url: 'an OBS path such as /bucket/dir/',
    id: 'the id',
    local_path: 'the path inside the training job',
    nfs_server_path: 'the NFS export, e.g. "10.10.10.10:/path"',
    pfs_path: 'the PFS path, e.g. /bucket/path',
    obs_path: 'the OBS path, e.g. /bucket/path',
    time_unit: '"HOURS"',
    duration: 'how many hours, 1 or more'
  },
  listOrMapping: { parameters: 'a list of name/value items, or a mapping of names to values' },
  listLimits: {
    'algorithm.parameters': 1000,
    'algorithm.inputs': 100,
    'algorithm.outputs': 100,
    'spec.volumes': 100
  },
  keyOrder: 'source',
  otherApiKeys: { label: 'name' },
  inputFor(path: DefinitionPath): string | undefined {
    return path.length === 2 ? INPUT_FOR_FIELD[path.join('.')] : undefined
  },
  warnings: v2Warnings
}

/** §4 rule 4 (engine combinations are warned about, not refused) and repeated parameter names. */
function v2Warnings(tree: Record<string, unknown>, at: Reporter): Diagnostic[] {
  const algorithm = tree.algorithm
  if (!isPlainMapping(algorithm)) return []
  const found: Diagnostic[] = []
  const given = givenIn(algorithm)
  const engine = algorithm.engine
  if (isPlainMapping(engine)) {
    const engineGiven = givenIn(engine)
    const with_ = ['id', 'subscription_id'].filter(given)
    if (with_.length > 0 && Object.keys(engine).some(engineGiven)) {
      const message = `The docs say to leave engine out with ${listed(with_)}: the algorithm brings its own engine; remove engine unless the service asks for it.`
      found.push(at(['algorithm', 'engine'], 'key', 'Engine', message, 'warning'))
    }
    const ways = [
      engineGiven('engine_id') && 'engine_id',
      engineGiven('engine_name') && 'engine_name with engine_version',
      engineGiven('image_url') && 'image_url'
    ].filter((way): way is string => typeof way === 'string')
    if (ways.length > 1) {
      const message = `The docs call ${listed(ways)} one of three ways to name the engine; they are given together here, which works for a preset engine on a custom image but is worth checking.`
      found.push(at(['algorithm', 'engine'], 'key', 'Engine', message, 'warning'))
    }
  }
  const parameters = algorithm.parameters
  if (Array.isArray(parameters)) {
    const seen = new Set<string>()
    parameters.forEach((item: unknown, index) => {
      const name = isPlainMapping(item) ? item.name : undefined
      if (typeof name !== 'string') return
      if (seen.has(name)) {
        const message = `The parameter "${name}" is given twice and the later value wins; remove one of them.`
        found.push(at(['algorithm', 'parameters', index, 'name'], 'value', 'Parameter', message, 'warning'))
      }
      seen.add(name)
    })
  }
  return found
}
