/** The action inputs that carry job-definition fields: no dependencies, so every entry can read them cheaply. */

/** Top-level fields of the request body that an input can set. */
export const TOP_LEVEL_INPUT_NAMES = ['job_name', 'job_desc', 'workspace_id'] as const

/** `config` fields that an input can set, in the order of the vendor page's Table 3. */
export const CONFIG_INPUT_NAMES = [
  'worker_server_num',
  'app_url',
  'boot_file_url',
  'data_url',
  'dataset_id',
  'dataset_version_id',
  'spec_id',
  'pool_id',
  'engine_id',
  'model_id',
  'train_url',
  'log_url',
  'user_image_url',
  'user_command',
  'create_version',
  'parameter',
  'data_source',
  'volumes'
] as const

export const DEFINITION_INPUT_NAMES = [...TOP_LEVEL_INPUT_NAMES, ...CONFIG_INPUT_NAMES] as const

export type DefinitionInputName = (typeof DEFINITION_INPUT_NAMES)[number]

/** Raw input strings as the runner passes them; '' (or only spaces) means not given. */
export type DefinitionInputs = Partial<Record<DefinitionInputName, string>>
