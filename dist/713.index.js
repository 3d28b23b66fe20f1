export const id = 713;
export const ids = [713];
export const modules = {

/***/ 9587:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ statusLabel)
/* harmony export */ });
/** `running (8)`, `waiting (7): queued, waiting for resources`; without a code just the name. */
function statusLabel(status) {
    const head = status.code === undefined ? status.name : `${status.name} (${status.code})`;
    return status.description === status.name ? head : `${head}: ${status.description}`;
}


/***/ }),

/***/ 856:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   fz: () => (/* binding */ annotate),
/* harmony export */   hD: () => (/* binding */ locationOf)
/* harmony export */ });
/* unused harmony export annotationOf */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6288);
/** Diagnostics become GitHub annotations, drawn on the PR diff at the offending key or value. */

/** Where a problem is, in the words of the log: `jobs/a.yaml:3:5` or `input \`spec_id\``. */
function locationOf(d) {
    if (d.file !== undefined) {
        if (d.line === undefined)
            return d.file;
        return d.column === undefined ? `${d.file}:${d.line}` : `${d.file}:${d.line}:${d.column}`;
    }
    if (d.input !== undefined)
        return `input \`${d.input}\``;
    return 'job definition';
}
function annotationOf(d) {
    const properties = { title: d.rule };
    if (d.file === undefined)
        return properties;
    properties.file = d.file;
    if (d.line === undefined)
        return properties;
    properties.startLine = d.line;
    properties.endLine = d.endLine ?? d.line;
    // GitHub accepts columns only on single-line annotations.
    if (properties.endLine === d.line && d.column !== undefined) {
        properties.startColumn = d.column;
        properties.endColumn = d.endColumn ?? d.column;
    }
    return properties;
}
/** One annotation per problem; problems from inputs have no file, so the input's name leads the message. */
function annotate(d) {
    const message = d.file === undefined ? `${locationOf(d)}: ${d.message}` : d.message;
    if (d.severity === 'error')
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(message, annotationOf(d));
    else
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(message, annotationOf(d));
}


/***/ }),

/***/ 7994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _f: () => (/* binding */ validationSummary),
/* harmony export */   dk: () => (/* binding */ noJobFileSummary),
/* harmony export */   kw: () => (/* binding */ notCreatedSummary),
/* harmony export */   sp: () => (/* binding */ jobSummary)
/* harmony export */ });
/* harmony import */ var _modelarts_api_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9587);
/* harmony import */ var _util_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6518);
/* harmony import */ var _annotations_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(856);
/* harmony import */ var _plural_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1190);




/** Table cells must not break the table. */
const cell = (value) => String(value ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
const code = (value) => (value === undefined || value === '' ? '' : `\`${cell(value)}\``);
const table = (head, rows) => [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.join(' | ')} |`)
].join('\n');
function jobSummary(r) {
    const config = r.definition.config;
    const what = r.kind === 'job'
        ? `Created training job **${cell(r.definition.job_name)}** (version ${r.versionName}).`
        : `Created version **${r.versionName}** of training job **${cell(r.definition.job_name)}** ` +
            `(after version ${r.previousVersionId ?? '?'}).`;
    const rows = [
        ['Job', `${code(r.definition.job_name)} (id ${code(r.jobId)})`],
        ['Version', `${code(r.versionName)} (id ${code(r.versionId)})`],
        ['Status', cell((0,_modelarts_api_js__WEBPACK_IMPORTED_MODULE_2__/* .statusLabel */ .R)(r.status))]
    ];
    if (r.durationMs !== undefined)
        rows.push(['Run time', (0,_util_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(r.durationMs)]);
    if (r.definition.job_desc)
        rows.push(['Description', cell(r.definition.job_desc)]);
    rows.push(['Where', r.region ? `${code(r.region)}, ${code(r.endpoint)}` : code(r.endpoint)]);
    if (r.definition.workspace_id !== undefined)
        rows.push(['Workspace', code(r.definition.workspace_id)]);
    const resources = [(0,_plural_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .L)(config.worker_server_num, 'worker')];
    if (config.spec_id !== undefined)
        resources.push(`public pool, spec ${code(config.spec_id)}`);
    if (config.pool_id !== undefined)
        resources.push(`dedicated pool ${code(config.pool_id)}`);
    rows.push(['Resources', resources.join(', ')]);
    const code_ = [];
    if (config.model_id !== undefined)
        code_.push(`built-in algorithm ${code(config.model_id)}`);
    if (config.boot_file_url !== undefined)
        code_.push(`${code(config.boot_file_url)} in ${code(config.app_url)}`);
    if (config.engine_id !== undefined)
        code_.push(`engine ${code(config.engine_id)}`);
    if (config.user_image_url !== undefined)
        code_.push(`image ${code(config.user_image_url)}`);
    if (code_.length > 0)
        rows.push(['Code', code_.join(', ')]);
    const data = [];
    if (config.data_url !== undefined)
        data.push(code(config.data_url));
    if (config.dataset_id !== undefined)
        data.push(`dataset ${code(config.dataset_id)} / ${code(config.dataset_version_id)}`);
    if (config.data_source !== undefined)
        data.push((0,_plural_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .L)(config.data_source.length, 'data source'));
    if (data.length > 0)
        rows.push(['Data', data.join(', ')]);
    if (config.train_url !== undefined)
        rows.push(['Output', code(config.train_url)]);
    if (config.log_url !== undefined)
        rows.push(['Logs', code(config.log_url)]);
    if (config.parameter !== undefined && config.parameter.length > 0) {
        rows.push(['Parameters', config.parameter.map(p => code(`${p.label}=${p.value}`)).join(' ')]);
    }
    const parts = [`## ModelArts training job`, what, table(['', ''], rows)];
    if (r.jobUrl)
        parts.push(`[Open the training jobs in the ModelArts console](${r.jobUrl})`);
    if (r.outcome === 'timeout') {
        parts.push(`> [!WARNING]\n> Stopped waiting after ${(0,_util_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(r.waitedMs ?? 0)}; the job was ` +
            (r.stopped ? 'stopped.' : 'left running.'));
    }
    if (r.outcome === 'cancelled') {
        parts.push(`> [!WARNING]\n> The workflow was cancelled; the job was ${r.stopped ? 'stopped' : 'left running'}.`);
    }
    if (r.provenance)
        parts.push(r.provenance);
    if (r.timeline && r.timeline.length > 0) {
        parts.push('### Timeline', table(['after', 'status'], r.timeline.map(t => [
            (0,_util_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a)(t.atMs),
            t.status.code === undefined ? code(t.status.name) : `${code(t.status.name)} (${t.status.code})`
        ])));
    }
    return parts.join('\n\n') + '\n';
}
/** When the create itself failed: what was asked for and why nothing came of it. */
function notCreatedSummary(definition, endpoint, reason) {
    return ([
        '## ModelArts training job',
        `Training job **${cell(definition.job_name)}** was not created at ${code(endpoint)}.`,
        `> [!CAUTION]\n> ${cell(reason)}`
    ].join('\n\n') + '\n');
}
const alert = (note) => `> [!${note.level.toUpperCase()}]\n> ${note.text.replace(/\r?\n/g, ' ')}`;
/** blobUrl: `{server}/{owner}/{repo}/blob/{sha}`, so each problem links to its line. */
function validationSummary(files, diagnostics, blobUrl, notes = []) {
    const invalid = files.filter(f => f.errors > 0).length;
    const problems = diagnostics.filter(d => d.severity === 'error').length;
    const headline = invalid === 0
        ? `${files.length === 1 ? 'The job file is' : `All ${files.length} job files are`} valid.`
        : `${invalid} of ${(0,_plural_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .L)(files.length, 'job file')} ${invalid === 1 ? 'has' : 'have'} problems (${(0,_plural_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .L)(problems, 'error')}).`;
    const link = (d) => {
        const where = (0,_annotations_js__WEBPACK_IMPORTED_MODULE_1__/* .locationOf */ .hD)(d);
        if (!blobUrl || d.file === undefined)
            return code(where);
        return `[${cell(where)}](${blobUrl}/${encodeURI(d.file)}#L${d.line ?? 1})`;
    };
    const parts = [
        '## ModelArts job file validation',
        headline,
        ...notes.map(alert),
        table(['file', 'result'], files.map(f => [
            code(f.file),
            f.errors === 0
                ? f.warnings === 0
                    ? 'valid'
                    : `valid, ${(0,_plural_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .L)(f.warnings, 'warning')}`
                : (0,_plural_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .L)(f.errors, 'problem') + (f.warnings > 0 ? `, ${(0,_plural_js__WEBPACK_IMPORTED_MODULE_3__/* .plural */ .L)(f.warnings, 'warning')}` : '')
        ]))
    ];
    if (diagnostics.length > 0) {
        parts.push('### Problems', table(['where', 'severity', 'rule', 'problem'], diagnostics.map(d => [link(d), d.severity, cell(d.rule), cell(d.message)])));
    }
    return parts.join('\n\n') + '\n';
}
/** When `job_file` matches no file at all: the one line, and nothing else to show. */
function noJobFileSummary(message) {
    return ['## ModelArts job file validation', alert({ level: 'caution', text: message })].join('\n\n') + '\n';
}


/***/ }),

/***/ 7186:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  mY: () => (/* binding */ checkJobFile),
  Jc: () => (/* binding */ readJobDefinition),
  Tv: () => (/* binding */ relativeToWorkspace),
  zf: () => (/* binding */ workspaceDir)
});

// UNUSED EXPORTS: DefinitionError

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/util/values.ts
var values = __webpack_require__(7656);
;// CONCATENATED MODULE: ./src/job/yaml.ts
/** YAML nodes to plain values, keeping the link from each mapping and list back to its node. */

/** More alias expansions than any job file needs: guards against "billion laughs" documents. */
const MAX_ALIAS_EXPANSIONS = 1000;
const TRAILING_PUNCTUATION = /[.:]\s*$/;
/**
 * Plain value of a document: mappings become objects (key order kept), lists arrays, numbers their
 * source text (so `0.10` stays "0.10"; integer fields parse it later), booleans, strings and null as is.
 */
function plainTree(doc, text) {
    const conversion = { doc, text, nodes: new WeakMap(), expanded: 0, open: new Set() };
    const value = plainValue(doc.contents, conversion);
    const tree = { value, nodes: conversion.nodes };
    if (conversion.problem)
        tree.problem = conversion.problem;
    return tree;
}
function plainValue(node, c) {
    if ((0,dist/* isAlias */.Vj)(node)) {
        const target = node.resolve(c.doc);
        if (target === undefined)
            return fail(c, node, `alias *${node.source} names no anchor; define &${node.source} first`);
        if (c.open.has(target))
            return fail(c, node, `alias *${node.source} refers to a node that contains it`);
        if (++c.expanded > MAX_ALIAS_EXPANSIONS)
            return fail(c, node, 'too many aliases are expanded');
        return plainValue(target, c);
    }
    if ((0,dist/* isMap */.jh)(node)) {
        c.open.add(node);
        const entries = node.items.map(pair => [keyText(pair.key, c.text), plainValue(pair.value, c)]);
        c.open.delete(node);
        // fromEntries defines keys as own properties, so even a `__proto__` key stays plain data.
        const value = Object.fromEntries(entries);
        c.nodes.set(value, node);
        return value;
    }
    if ((0,dist/* isSeq */.oP)(node)) {
        c.open.add(node);
        const value = node.items.map(item => plainValue(item, c));
        c.open.delete(node);
        c.nodes.set(value, node);
        return value;
    }
    if ((0,dist/* isScalar */.jn)(node))
        return scalarValue(node.value, node.source);
    return null;
}
function scalarValue(value, source) {
    if (typeof value === 'number' || typeof value === 'bigint')
        return source ?? String(value);
    if (typeof value === 'string' || typeof value === 'boolean' || value === null)
        return value;
    return String(value);
}
function fail(c, node, message) {
    c.problem ??= { node, message };
    return null;
}
/** A YAML mapping read as a plain object (not a list, not null): the one isRecord, under the name job/ reads best. */

/** The text of a mapping key as the plain object uses it. */
function keyText(key, text) {
    if ((0,dist/* isScalar */.jn)(key)) {
        if (typeof key.value === 'string')
            return key.value;
        if (key.value === null || key.value === undefined)
            return '';
        return key.source ?? String(key.value);
    }
    if ((0,dist/* isPair */.tO)(key))
        return '';
    const range = key?.range;
    return range ? text.slice(range[0], range[1]) : '';
}
/** A structured input (parameter, data_source, volumes) read on its own; `problem` says why it is not YAML. */
function readYamlText(text) {
    const doc = (0,dist/* parseDocument */.Tp)(text, { prettyErrors: false });
    const error = doc.errors[0];
    if (error)
        return { problem: firstLine(error.message) };
    const tree = plainTree(doc, text);
    if (tree.problem)
        return { problem: tree.problem.message };
    return { value: tree.value };
}
function firstLine(message) {
    const end = message.indexOf('\n');
    return (end === -1 ? message : message.slice(0, end)).replace(TRAILING_PUNCTUATION, '');
}

// EXTERNAL MODULE: ./src/job/input-names.ts
var input_names = __webpack_require__(3582);
;// CONCATENATED MODULE: ./src/job/merge.ts



const TOP_LEVEL = new Set(input_names/* TOP_LEVEL_INPUT_NAMES */.F);
const WRITTEN_AS_YAML = new Set(['parameter', 'data_source', 'volumes']);
const TRUE_OR_FALSE = /^(?:true|false)$/i;
/** The input that set the value at `path`, if an input did. */
function inputAt(origins, path) {
    const [first, second] = path;
    if (typeof first !== 'string')
        return undefined;
    if (first === 'config' && typeof second === 'string')
        return origins.get(`config.${second}`);
    return first === 'config' ? undefined : origins.get(first);
}
/** Each given input replaces its field; `tree` (the job file's top level, or {}) is changed in place. */
function mergeInputs(tree, inputs) {
    const origins = new Map();
    const diagnostics = [];
    for (const name of input_names/* DEFINITION_INPUT_NAMES */.M) {
        const raw = inputs[name];
        if (raw === undefined || raw.trim() === '')
            continue;
        let value = raw;
        if (WRITTEN_AS_YAML.has(name)) {
            const read = readYamlText(raw);
            if (read.problem !== undefined) {
                diagnostics.push({
                    severity: 'error',
                    rule: 'YAML syntax',
                    message: `The ${name} input is not valid YAML (${read.problem}); write it as a YAML list or mapping.`,
                    input: name,
                    path: ['config', name]
                });
                continue;
            }
            value = read.value;
        }
        else if (name === 'create_version' && TRUE_OR_FALSE.test(raw)) {
            value = raw.toLowerCase() === 'true';
        }
        if (TOP_LEVEL.has(name)) {
            tree[name] = value;
            origins.set(name, name);
            continue;
        }
        // An empty `config:` in the file is a place for the inputs to fill.
        if (tree.config === undefined || tree.config === null)
            tree.config = {};
        const config = tree.config;
        // A job-file config that is not a mapping is reported by the schema; inputs cannot repair it.
        if (!(0,values/* isRecord */.u)(config))
            continue;
        config[name] = value;
        origins.set(`config.${name}`, name);
    }
    return { tree, origins, diagnostics };
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
;// CONCATENATED MODULE: ./src/job/v1/schema.ts
/**
 * The job definition as one zod schema: the v1 create-job request body (vendor page Tables 2 to 8) and the
 * rules of shared/reference/job-definition.md. It reads the plain tree of a job file merged with the inputs
 * (numbers arrive as their source text) and outputs exactly the body to send.
 */


const DECIMAL_INTEGER = /^-?[0-9]+$/;
const JOB_NAME = /^[A-Za-z0-9_-]{1,64}$/;
// Convenience: a plain YAML boolean where text is expected is sent as its text.
const booleanAsText = (value) => (typeof value === 'boolean' ? String(value) : value);
// Convenience: integers may be written as whole decimal strings ("1"); YAML numbers arrive the same way.
const decimalAsNumber = (value) => {
    if (typeof value !== 'string' || !DECIMAL_INTEGER.test(value))
        return value;
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : value;
};
const schema_text = () => schemas/* preprocess */.vkY(booleanAsText, schemas/* string */.YjP());
const wholeNumber = (minimum) => schemas/* preprocess */.vkY(decimalAsNumber, schemas/* number */.aig().min(minimum));
const flag = () => schemas/* boolean */.zMY();
// Convenience: `parameter` as a mapping {label: value}, order kept.
const mappingAsLabelValueList = (value) => (0,values/* isRecord */.u)(value) ? Object.entries(value).map(([label, item]) => ({ label, value: item })) : value;
const PARAMETER_ITEM_SHAPE = { label: schema_text().optional(), value: schema_text().optional() };
const DATA_SOURCE_ITEM_SHAPE = {
    dataset_id: schema_text().optional(),
    dataset_version: schema_text().optional(),
    type: schemas/* enum */.k5n(['obs', 'dataset']).optional(),
    data_url: schema_text().optional()
};
const NFS_SHAPE = { id: schema_text(), src_path: schema_text(), dest_path: schema_text(), read_only: flag().optional() };
const HOST_PATH_SHAPE = { src_path: schema_text(), dest_path: schema_text(), read_only: flag().optional() };
const VOLUME_SHAPE = {
    nfs: schemas/* strictObject */.rej(NFS_SHAPE).optional(),
    host_path: schemas/* strictObject */.rej(HOST_PATH_SHAPE).optional()
};
/** Table 3, in its order (which is also the order of the body sent). */
const CONFIG_SHAPE = {
    worker_server_num: wholeNumber(1),
    app_url: schema_text().optional(),
    boot_file_url: schema_text().optional(),
    parameter: schemas/* preprocess */.vkY(mappingAsLabelValueList, schemas/* array */.YOg(schemas/* strictObject */.rej(PARAMETER_ITEM_SHAPE))).optional(),
    data_url: schema_text().optional(),
    dataset_id: schema_text().optional(),
    dataset_version_id: schema_text().optional(),
    data_source: schemas/* array */.YOg(schemas/* strictObject */.rej(DATA_SOURCE_ITEM_SHAPE).superRefine(checkDataSourceItem, onAnyMapping()))
        .min(1)
        .optional(),
    spec_id: wholeNumber(0).optional(),
    pool_id: schema_text().optional(),
    engine_id: wholeNumber(0).optional(),
    model_id: wholeNumber(0).optional(),
    train_url: schema_text().optional(),
    log_url: schema_text().optional(),
    user_image_url: schema_text().optional(),
    user_command: schema_text().optional(),
    create_version: flag().optional(),
    volumes: schemas/* array */.YOg(schemas/* strictObject */.rej(VOLUME_SHAPE).superRefine(checkVolume, onAnyMapping())).optional()
};
/** Table 2, with config last as in the vendor samples. */
const DEFINITION_SHAPE = {
    job_name: schemas/* preprocess */.vkY(booleanAsText, schemas/* string */.YjP().regex(JOB_NAME)),
    job_desc: schemas/* preprocess */.vkY(booleanAsText, schemas/* string */.YjP().max(256)).optional(),
    workspace_id: schema_text().optional(),
    config: schemas/* strictObject */.rej(CONFIG_SHAPE).superRefine(checkConfig, onAnyMapping())
};
const jobDefinitionSchema = schemas/* strictObject */.rej(DEFINITION_SHAPE);
/** Cross-field rules read only which keys are present, so they also run when some values are wrong. */
function onAnyMapping() {
    return { when: payload => (0,values/* isRecord */.u)(payload.value) };
}
function report(ctx, message, rule, path = [], laterOf) {
    const params = laterOf ? { rule, laterOf } : { rule };
    ctx.addIssue({ code: 'custom', message, path, params });
}
const DATA_CHOICES = 'data_url, dataset_id with dataset_version_id, or data_source';
/** Cross-field rules 1 to 6 of job-definition.md. */
function checkConfig(config, ctx) {
    const given = (key) => config[key] !== undefined && config[key] !== null;
    // Rule 1: exactly one source of training data.
    const dataGroups = [['data_url'], ['dataset_id', 'dataset_version_id'], ['data_source']]
        .map(group => group.filter(given))
        .filter(group => group.length > 0);
    if (dataGroups.length === 0) {
        report(ctx, `The config names no training data; add one of ${DATA_CHOICES}.`, 'Data source');
    }
    else if (dataGroups.length > 1) {
        const names = listed(dataGroups.map(group => group.join(' with ')));
        report(ctx, `Use only one source of training data: ${names} cannot be used together.`, 'Data source', [], dataGroups.flat());
    }
    // Rule 2: a dataset is named by its id and its version together.
    if (given('dataset_id') !== given('dataset_version_id')) {
        const [present, missing] = given('dataset_id')
            ? ['dataset_id', 'dataset_version_id']
            : ['dataset_version_id', 'dataset_id'];
        report(ctx, `${present} needs ${missing} as well; add it, or use data_url instead.`, 'Dataset', [present]);
    }
    // Rule 3: one resource pool; the parameter table wins over the vendor samples that set both.
    const keepPoolHint = 'keep spec_id for a public resource pool, or pool_id for a dedicated resource pool';
    if (given('spec_id') && given('pool_id')) {
        const message = `spec_id and pool_id cannot be used together: ${keepPoolHint}.`;
        report(ctx, message, 'Resource pool', [], ['spec_id', 'pool_id']);
    }
    else if (!given('spec_id') && !given('pool_id')) {
        report(ctx, `The config names no resources: set spec_id for a public resource pool, or pool_id for a dedicated resource pool.`, 'Resource pool');
    }
    // Rule 4: something to run.
    if (!given('model_id') && !given('app_url') && !given('boot_file_url') && !given('user_image_url')) {
        const message = 'The config says nothing to run: set model_id (built-in algorithm), app_url with boot_file_url (own code), or user_image_url (custom image).';
        report(ctx, message, 'Code to run');
    }
    if (given('app_url') !== given('boot_file_url')) {
        const message = given('app_url')
            ? 'app_url needs boot_file_url (the file to start, inside app_url); add it or remove app_url.'
            : 'boot_file_url needs app_url (the code directory that holds it); add it or remove boot_file_url.';
        report(ctx, message, 'Code to run', [given('app_url') ? 'app_url' : 'boot_file_url']);
    }
    // Rule 5: app_url is a directory, so the boot file lies below it.
    const app = config.app_url;
    const boot = config.boot_file_url;
    if (typeof app === 'string' && typeof boot === 'string') {
        const directory = app.endsWith('/') ? app : `${app}/`;
        if (!boot.startsWith(directory) || boot.length === directory.length) {
            const message = `boot_file_url "${boot}" is not a file inside app_url "${directory}"; move the boot file into the code directory or correct either path.`;
            report(ctx, message, 'Boot file', ['boot_file_url']);
        }
    }
    // Rule 6: user_command is the boot command of a custom image.
    if (given('user_command') && !given('user_image_url')) {
        const message = 'user_command is the boot command of a custom image, but user_image_url is not set; add user_image_url or remove user_command.';
        report(ctx, message, 'Custom image', ['user_command']);
    }
}
/** Table 4: an item reads either OBS (data_url) or a dataset (dataset_id with dataset_version). */
function checkDataSourceItem(item, ctx) {
    const given = (key) => item[key] !== undefined && item[key] !== null;
    const dataset = ['dataset_id', 'dataset_version'].filter(given);
    if (given('data_url') && dataset.length > 0) {
        const message = `data_url and ${dataset.join(' with ')} cannot be used together in one data_source item; keep data_url for OBS data, or the dataset for a dataset.`;
        report(ctx, message, 'Data source', [], ['data_url', ...dataset]);
    }
    else if (!given('data_url') && dataset.length === 0) {
        report(ctx, 'This data_source item names no data; add data_url, or dataset_id with dataset_version.', 'Data source');
    }
    if (dataset.length === 1) {
        const [present, missing] = given('dataset_id')
            ? ['dataset_id', 'dataset_version']
            : ['dataset_version', 'dataset_id'];
        report(ctx, `${present} needs ${missing} as well in this data_source item; add it.`, 'Dataset', [present]);
    }
    if (item.type === 'obs' && dataset.length > 0 && !given('data_url')) {
        const message = 'type obs reads data_url, but this item names a dataset; set type: dataset, or use data_url.';
        report(ctx, message, 'Data source', ['type']);
    }
    if (item.type === 'dataset' && given('data_url') && dataset.length === 0) {
        const message = 'type dataset reads dataset_id with dataset_version, but this item has data_url; set type: obs, or name the dataset.';
        report(ctx, message, 'Data source', ['type']);
    }
}
/** Tables 5 to 7: each volume is either an nfs or a host_path volume. */
function checkVolume(volume, ctx) {
    const given = (key) => volume[key] !== undefined && volume[key] !== null;
    if (given('nfs') && given('host_path')) {
        const message = 'A volumes item is either nfs or host_path, not both; split it into two items.';
        report(ctx, message, 'Volume', [], ['nfs', 'host_path']);
    }
    else if (!given('nfs') && !given('host_path')) {
        report(ctx, 'This volumes item names no volume; add nfs (SFS Turbo) or host_path (host directory).', 'Volume');
    }
}
/** "a, b and c" */
function listed(names) {
    return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

;// CONCATENATED MODULE: ./src/job/suggest.ts
/** The known key a mistyped key most likely meant. */
const SEPARATORS = /[-\s.]+/g;
/**
 * Nearest of `known` to `unknown`, or undefined when none is close: same words in another case or with
 * `-`, a small edit distance (`readonly`), a prefix (`spec`, `boot_file`), or all words found (`worker_num`).
 */
function nearestKey(unknown, known) {
    const wanted = normalize(unknown);
    const wantedWords = wanted.split('_').filter(Boolean);
    let best;
    let bestScore = Number.POSITIVE_INFINITY;
    for (const candidate of known) {
        const score = closeness(wanted, wantedWords, candidate);
        if (score < bestScore) {
            best = candidate;
            bestScore = score;
        }
    }
    return best;
}
/** Lower is closer; infinity is not close at all. */
function closeness(wanted, wantedWords, candidate) {
    if (wanted === candidate)
        return 0;
    const limit = wanted.length <= 4 ? 1 : wanted.length <= 10 ? 2 : 3;
    const distance = editDistance(wanted, candidate, limit);
    if (distance <= limit)
        return distance;
    const shorter = Math.min(wanted.length, candidate.length);
    if (shorter >= 3 && (candidate.startsWith(wanted) || wanted.startsWith(candidate)))
        return 4;
    const candidateWords = candidate.split('_');
    if (wantedWords.length >= 2 && wantedWords.every(word => candidateWords.includes(word)))
        return 5;
    return Number.POSITIVE_INFINITY;
}
function normalize(key) {
    return key.trim().toLowerCase().replace(SEPARATORS, '_');
}
/** Optimal string alignment distance (adjacent swaps count once), giving up above `limit`. */
function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit)
        return limit + 1;
    let beforePrevious = [];
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        let rowMinimum = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                value = Math.min(value, (beforePrevious[j - 2] ?? 0) + 1);
            }
            current[j] = value;
            rowMinimum = Math.min(rowMinimum, value);
        }
        if (rowMinimum > limit)
            return limit + 1;
        beforePrevious = previous;
        previous = current;
    }
    return previous[b.length] ?? limit + 1;
}

;// CONCATENATED MODULE: ./src/job/explain.ts




const INPUT_NAMES = new Set(input_names/* DEFINITION_INPUT_NAMES */.M);
const NOT_A_NAME_CHARACTER = /[^A-Za-z0-9_-]/;
const LONGEST_QUOTE = 40;
/** Ranks keys set by inputs after any offset in a job file. */
const INPUTS_RANK = 2 ** 40;
/** Known keys of each kind of mapping, for "did you mean". */
const KEYS = {
    definition: Object.keys(DEFINITION_SHAPE),
    config: Object.keys(CONFIG_SHAPE),
    parameter: Object.keys(PARAMETER_ITEM_SHAPE),
    dataSource: Object.keys(DATA_SOURCE_ITEM_SHAPE),
    volume: Object.keys(VOLUME_SHAPE),
    nfs: Object.keys(NFS_SHAPE),
    hostPath: Object.keys(HOST_PATH_SHAPE)
};
/** Rule titles of keys whose value rules have a name of their own. */
const VALUE_RULES = {
    job_name: 'Job name',
    job_desc: 'Job description',
    worker_server_num: 'Workers',
    data_source: 'Data source',
    type: 'Data source'
};
/** What a required key holds, said when it is missing. */
const REQUIRED_HINTS = {
    job_name: 'the job name: 1 to 64 letters, digits, _ or -',
    config: 'the training settings',
    worker_server_num: 'the number of workers, 1 or more',
    id: 'the SFS Turbo file system id',
    src_path: 'the path to mount',
    dest_path: 'the path inside the training job'
};
const EXPECTED = {
    string: 'text',
    number: 'a whole number such as 1',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping of keys to values'
};
/** Turns issues and warnings about one merged definition into diagnostics. */
class Diagnoser {
    tree;
    origins;
    map;
    constructor(tree, origins, map) {
        this.tree = tree;
        this.origins = origins;
        this.map = map;
    }
    fromIssues(issues) {
        // A misspelt required key is reported once: as the unknown key that suggests it, not also as missing.
        const suggested = new Set();
        for (const issue of issues) {
            if (issue.code !== 'unrecognized_keys')
                continue;
            const path = plainPath(issue.path);
            const known = keysAt(path).keys;
            for (const key of issue.keys)
                suggested.add(JSON.stringify([...path, nearestKey(key, known)]));
        }
        return issues
            .filter(issue => !(issue.code === 'invalid_type' && this.isMissing(issue.path, suggested)))
            .flatMap(issue => this.fromIssue(issue));
    }
    isMissing(path, among) {
        const plain = plainPath(path);
        return among.has(JSON.stringify(plain)) && valueAt(this.tree, plain) === undefined;
    }
    fromIssue(issue) {
        const path = plainPath(issue.path);
        const value = valueAt(this.tree, path);
        const name = this.displayPath(path);
        switch (issue.code) {
            case 'unrecognized_keys':
                return issue.keys.map(key => this.unknownKey(path, key));
            case 'custom':
                return [this.crossField(path, issue.message, issue.params)];
            case 'invalid_type': {
                if (value === undefined)
                    return [this.missingKey(path)];
                const expected = path.at(-1) === 'parameter'
                    ? 'a list of label/value items, or a mapping of names to values'
                    : (EXPECTED[issue.expected] ?? issue.expected);
                return [this.at(path, 'value', 'Type', `\`${name}\` must be ${expected}, not ${describe(value)}.`)];
            }
            case 'too_small': {
                const rule = this.valueRule(path);
                if (issue.origin === 'array') {
                    return [
                        this.at(path, 'value', rule, `\`${name}\` is an empty list; add at least one item, or remove the key.`)
                    ];
                }
                const message = `\`${name}\` must be at least ${String(issue.minimum)}, not ${String(value)}.`;
                return [this.at(path, 'value', rule, message)];
            }
            case 'too_big': {
                const length = typeof value === 'string' ? value.length : 0;
                const message = `\`${name}\` is ${length} characters long; shorten it to at most ${String(issue.maximum)}.`;
                return [this.at(path, 'value', this.valueRule(path), message)];
            }
            case 'invalid_format': {
                const message = `\`${name}\` must be 1 to 64 characters, only letters, digits, _ and -; ${nameProblem(value)}.`;
                return [this.at(path, 'value', this.valueRule(path), message)];
            }
            case 'invalid_value': {
                const allowed = issue.values.map(String).join(' or ');
                return [
                    this.at(path, 'value', this.valueRule(path), `\`${name}\` must be ${allowed}, not ${describe(value)}.`)
                ];
            }
            default:
                return [this.at(path, 'value', this.valueRule(path), `\`${name}\`: ${issue.message}.`)];
        }
    }
    /** Only the warnings the reference justifies; they never block. */
    warnings() {
        const config = this.tree.config;
        if (!(0,values/* isRecord */.u)(config))
            return [];
        const found = [];
        const given = (key) => config[key] !== undefined && config[key] !== null;
        // Table 3 gives OBS directories for outputs and logs (examples /usr/train/, /usr/log/).
        for (const [key, rule] of [
            ['train_url', 'Output directory'],
            ['log_url', 'Log directory']
        ]) {
            const url = config[key];
            if (typeof url === 'string' && !url.endsWith('/')) {
                const message = `\`config.${key}\` is an OBS directory and should end in "/" (e.g. "${url}/").`;
                found.push(this.at(['config', key], 'value', rule, message, 'warning'));
            }
        }
        // Table 3: user_command is the boot command of the custom image; without it the image's default runs.
        if (given('user_image_url') && !given('user_command')) {
            const message = '`config.user_image_url` has no user_command; add the command that starts training in the image.';
            found.push(this.at(['config', 'user_image_url'], 'key', 'Custom image', message, 'warning'));
        }
        // Table 8: parameters become environment variables or arguments, so a repeated label silently overrides.
        const parameter = config.parameter;
        if (Array.isArray(parameter)) {
            const seen = new Set();
            parameter.forEach((item, index) => {
                const label = (0,values/* isRecord */.u)(item) ? item.label : undefined;
                if (typeof label !== 'string' && typeof label !== 'boolean')
                    return;
                const text = String(label);
                if (seen.has(text)) {
                    const message = `The parameter label "${text}" is given twice and the later value wins; remove one of them.`;
                    found.push(this.at(['config', 'parameter', index, 'label'], 'value', 'Parameter', message, 'warning'));
                }
                seen.add(text);
            });
        }
        return found;
    }
    unknownKey(path, key) {
        const level = keysAt(path);
        const suggestion = nearestKey(key, level.keys);
        const message = suggestion
            ? `unknown key \`${key}\` in ${level.where}; did you mean \`${suggestion}\`?`
            : `unknown key \`${key}\` in ${level.where}; remove it (known keys: ${level.keys.join(', ')}).`;
        return this.at([...path, key], 'key', 'Unknown key', message);
    }
    missingKey(path) {
        const key = String(path.at(-1));
        const parent = path.slice(0, -1);
        const owner = parent.length === 0 ? 'The job' : `\`${this.displayPath(parent)}\``;
        const hint = REQUIRED_HINTS[key] ? ` (${REQUIRED_HINTS[key]})` : '';
        const input = settableBy(path);
        const how = input ? `add it, or set the \`${input}\` input` : 'add it';
        const place = this.place(path, parent, 'key');
        return this.diagnostic(place, 'Missing key', `${owner} needs \`${key}\`${hint}; ${how}.`, path, 'error');
    }
    /** A cross-field rule: at the offending key, or the later of two keys that cannot be used together. */
    crossField(path, message, params) {
        const rule = params?.rule ?? 'Value';
        if (params?.laterOf && params.laterOf.length > 0) {
            const later = this.laterKey(path, params.laterOf);
            return this.at([...path, later], 'key', rule, message);
        }
        return this.at(path, 'key', rule, message);
    }
    /** Which of `keys` is written last: file keys by position, then keys set by inputs (they are applied last). */
    laterKey(path, keys) {
        let later = keys[0] ?? '';
        let laterRank = Number.NEGATIVE_INFINITY;
        for (const key of keys) {
            const input = inputAt(this.origins, [...path, key]);
            const start = input ? undefined : this.map?.locate([...path, key])?.key?.range?.[0];
            const rank = input ? INPUTS_RANK + input_names/* DEFINITION_INPUT_NAMES */.M.indexOf(input) : (start ?? -1);
            if (rank > laterRank) {
                later = key;
                laterRank = rank;
            }
        }
        return later;
    }
    at(path, part, rule, message, severity = 'error') {
        return this.diagnostic(this.place(path, path, part), rule, message, path, severity);
    }
    diagnostic(place, rule, message, path, severity) {
        const diagnostic = { severity, rule, message, path: [...path] };
        if (place.input)
            diagnostic.input = place.input;
        if (place.file)
            diagnostic.file = place.file;
        if (place.span)
            Object.assign(diagnostic, place.span);
        return diagnostic;
    }
    /**
     * Where to report: the input that set `path`, else the node at `nodePath` in the job file (the top level's
     * first key for the whole document or a place the file does not have), else, with no job file, the input
     * that could set `path`.
     */
    place(path, nodePath, part) {
        const input = inputAt(this.origins, path);
        if (input)
            return { input };
        if (!this.map) {
            const settable = settableBy(path);
            return settable ? { input: settable } : {};
        }
        const spot = nodePath.length === 0 ? undefined : this.map.locate(nodePath);
        const node = (part === 'key' ? (spot?.key ?? spot?.value) : (spot?.value ?? spot?.key)) ?? this.map.documentStart();
        return node ? { file: this.map.file, span: this.map.span(node) } : { file: this.map.file };
    }
    valueRule(path) {
        const key = [...path].reverse().find(segment => typeof segment === 'string');
        return (key !== undefined && VALUE_RULES[key]) || 'Value';
    }
    /** `config.data_source[0].type`; a parameter written as a mapping shows its name: `config.parameter.lr`. */
    displayPath(path) {
        let shown = '';
        path.forEach((segment, index) => {
            if (typeof segment === 'number') {
                const container = valueAt(this.tree, path.slice(0, index));
                const entry = (0,values/* isRecord */.u)(container) ? Object.keys(container)[segment] : undefined;
                shown += entry !== undefined ? `.${entry}` : `[${segment}]`;
                return;
            }
            const previous = path[index - 1];
            if (segment === 'value' &&
                typeof previous === 'number' &&
                (0,values/* isRecord */.u)(valueAt(this.tree, path.slice(0, index - 1)))) {
                return;
            }
            shown += shown === '' ? segment : `.${segment}`;
        });
        return shown;
    }
}
/** The value at `path`; a mapping indexed by number gives its i-th entry as {label, value}. */
function valueAt(tree, path) {
    let value = tree;
    for (const segment of path) {
        if (Array.isArray(value)) {
            value = typeof segment === 'number' ? value[segment] : undefined;
        }
        else if ((0,values/* isRecord */.u)(value)) {
            if (typeof segment === 'number') {
                const entry = Object.entries(value)[segment];
                value = entry && { label: entry[0], value: entry[1] };
            }
            else {
                value = Object.hasOwn(value, segment) ? value[segment] : undefined;
            }
        }
        else
            return undefined;
    }
    return value;
}
function keysAt(path) {
    const last = path.at(-1);
    const parent = path.at(-2);
    if (path.length === 0)
        return { keys: KEYS.definition, where: 'the job' };
    if (path.length === 1 && last === 'config')
        return { keys: KEYS.config, where: 'config' };
    if (typeof last === 'number' && parent === 'parameter')
        return { keys: KEYS.parameter, where: 'a parameter item' };
    if (typeof last === 'number' && parent === 'data_source')
        return { keys: KEYS.dataSource, where: 'a data_source item' };
    if (typeof last === 'number' && parent === 'volumes')
        return { keys: KEYS.volume, where: 'a volumes item' };
    if (last === 'nfs')
        return { keys: KEYS.nfs, where: 'nfs' };
    if (last === 'host_path')
        return { keys: KEYS.hostPath, where: 'host_path' };
    return { keys: [], where: String(last) };
}
/** The input that sets the whole field at `path`, if there is one. */
function settableBy(path) {
    const [first, second] = path;
    if (path.length === 1 && typeof first === 'string' && INPUT_NAMES.has(first))
        return first;
    if (path.length === 2 && first === 'config' && typeof second === 'string' && INPUT_NAMES.has(second))
        return second;
    return undefined;
}
function plainPath(path) {
    return path.filter((segment) => typeof segment !== 'symbol');
}
function describe(value) {
    if (value === null)
        return 'an empty value';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'a mapping';
    if (typeof value === 'string') {
        const shown = value.length > LONGEST_QUOTE ? `${value.slice(0, LONGEST_QUOTE - 1)}…` : value;
        return JSON.stringify(shown);
    }
    return String(value);
}
function nameProblem(value) {
    if (typeof value !== 'string')
        return `not ${describe(value)}`;
    if (value.length === 0)
        return 'it is empty';
    if (value.length > 64)
        return `it is ${value.length} characters long`;
    const bad = NOT_A_NAME_CHARACTER.exec(value)?.[0] ?? '';
    return `it contains ${JSON.stringify(bad)}`;
}

;// CONCATENATED MODULE: ./src/job/load.ts
/** Reading a job file: YAML (or JSON) text to a plain tree, with a map back to line and column. */


const WHITESPACE = new Set([' ', '\t', '\r', '\n']);
const SYNTAX_HINTS = {
    TAB_AS_INDENT: 'indent with spaces, not tabs',
    BAD_INDENT: 'line the key up with the other keys of its mapping',
    MULTILINE_IMPLICIT_KEY: 'line the key up with the other keys of its mapping',
    BLOCK_AS_IMPLICIT_KEY: 'put quotes around a value that contains ": "',
    MISSING_CHAR: 'close the quote or bracket opened before this point',
    UNEXPECTED_TOKEN: 'remove or quote the unexpected text'
};
/** Positions of a loaded job file's keys and values. */
class JobFileMap {
    file;
    root;
    nodes;
    lines;
    text;
    constructor(file, text, root, nodes, lines) {
        this.file = file;
        this.text = text;
        this.root = root;
        this.nodes = nodes;
        this.lines = lines;
    }
    /**
     * The nodes at `path` in the tree. Besides mappings and lists, it follows a `parameter` written as a
     * mapping the way the schema reads it: item i is the i-th pair, its `label` the key, its `value` the value.
     */
    locate(path) {
        let value = this.root;
        let spot = {};
        let pairAsItem;
        for (const segment of path) {
            if (pairAsItem) {
                if (segment === 'label') {
                    spot = pairAsItem.label ? { value: pairAsItem.label } : {};
                    value = pairAsItem.entry[0];
                }
                else if (segment === 'value') {
                    spot = { key: pairAsItem.label, value: pairAsItem.value };
                    value = pairAsItem.entry[1];
                }
                else
                    return undefined;
                pairAsItem = undefined;
                continue;
            }
            if (typeof value !== 'object' || value === null)
                return undefined;
            const node = this.nodes.get(value);
            if (node === undefined)
                return undefined;
            if (Array.isArray(value) && typeof segment === 'number' && (0,dist/* isSeq */.oP)(node)) {
                const item = node.items[segment];
                spot = isNodeLike(item) ? { value: item } : {};
                value = value[segment];
            }
            else if (!Array.isArray(value) && (0,dist/* isMap */.jh)(node)) {
                const entries = Object.entries(value);
                const index = typeof segment === 'number' ? segment : entries.findIndex(([key]) => key === segment);
                const pair = node.items[index];
                const entry = entries[index];
                if (!(0,dist/* isPair */.tO)(pair) || entry === undefined)
                    return undefined;
                const key = isNodeLike(pair.key) ? pair.key : undefined;
                const nodeValue = isNodeLike(pair.value) ? pair.value : undefined;
                if (typeof segment === 'number') {
                    pairAsItem = { label: key, value: nodeValue, entry };
                    spot = { value: nodeValue };
                    continue;
                }
                spot = { key, value: nodeValue };
                value = entry[1];
            }
            else
                return undefined;
        }
        return spot;
    }
    /** Where a job file's top level starts: its first key (comment headers skipped). */
    documentStart() {
        const node = this.nodes.get(this.root);
        const first = node?.items[0];
        if ((0,dist/* isPair */.tO)(first) && isNodeLike(first.key))
            return first.key;
        return node;
    }
    span(node) {
        const start = node.range?.[0] ?? 0;
        let end = endOffset(node);
        // Block scalars (| and >) include their last line break; the span ends on the last line of text.
        while (end > start && WHITESPACE.has(this.text.charAt(end - 1)))
            end--;
        return this.spanOf(start, end);
    }
    spanOf(start, end) {
        const from = this.lines.linePos(start);
        const to = this.lines.linePos(end);
        return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
    }
}
/** Parse a job file. Any YAML problem is reported here, and then the file is not validated further. */
function loadJobFile(source) {
    const lines = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(source.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const tree = plainTree(doc, source.text);
    const root = (0,values/* isRecord */.u)(tree.value) ? tree.value : {};
    const map = new JobFileMap(source.file, source.text, root, tree.nodes, lines);
    const problem = (rule, message, span) => ({
        severity: 'error',
        rule,
        message,
        file: source.file,
        ...span,
        path: []
    });
    if (doc.errors.length > 0) {
        return {
            diagnostics: doc.errors.map(error => yamlErrorDiagnostic(error, doc, source.text, map, problem))
        };
    }
    if (tree.problem) {
        return {
            diagnostics: [
                problem('YAML syntax', `${capitalize(tree.problem.message)}.`, map.span(tree.problem.node))
            ]
        };
    }
    const contents = doc.contents;
    if (contents === null || ((0,dist/* isScalar */.jn)(contents) && contents.value === null)) {
        const message = 'The job file is empty; write the job as a YAML mapping with job_name and config (see the vendor sample request).';
        return { diagnostics: [problem('Empty file', message, map.spanOf(0, 0))] };
    }
    if (!(0,values/* isRecord */.u)(tree.value)) {
        const kind = (0,dist/* isSeq */.oP)(contents) ? 'a list' : 'a single value';
        const message = `The top level of a job file must be a mapping with job_name and config, not ${kind}.`;
        return { diagnostics: [problem('Not a mapping', message, map.span(contents))] };
    }
    return { tree: tree.value, map, diagnostics: [] };
}
function yamlErrorDiagnostic(error, doc, text, map, problem) {
    const [start, end] = error.pos;
    if (error.code === 'DUPLICATE_KEY') {
        const key = keyNodeAt(doc, start);
        const name = key ? keyText(key, text) : text.slice(start, end);
        const message = `The key \`${name}\` appears twice in this mapping; keep only one of them (YAML does not allow repeated keys).`;
        return problem('Duplicate key', message, key ? map.span(key) : map.spanOf(start, end));
    }
    if (error.code === 'MULTIPLE_DOCS') {
        const lineEnd = text.indexOf('\n', start);
        const message = 'The job file holds more than one YAML document (a `---` line); keep one job per file.';
        return problem('Multiple documents', message, map.spanOf(start, lineEnd === -1 ? text.length : lineEnd));
    }
    const hint = SYNTAX_HINTS[error.code] ?? 'fix the YAML syntax here';
    return problem('YAML syntax', `${capitalize(firstLine(error.message))}; ${hint}.`, map.spanOf(start, end));
}
/** The mapping key that starts at `offset`: yaml reports a duplicate key by its start only. */
function keyNodeAt(doc, offset) {
    let found;
    (0,dist/* visit */.YR)(doc, {
        Pair(_, pair) {
            if (isNodeLike(pair.key) && pair.key.range?.[0] === offset) {
                found = pair.key;
                return dist/* visit */.YR.BREAK;
            }
            return undefined;
        }
    });
    return found;
}
/** End of a node's text: a block mapping or list ends with its last value, not on the next line. */
function endOffset(node) {
    if (((0,dist/* isMap */.jh)(node) || (0,dist/* isSeq */.oP)(node)) && !node.flow) {
        const last = node.items[node.items.length - 1];
        const inner = (0,dist/* isPair */.tO)(last) ? (isNodeLike(last.value) ? last.value : last.key) : last;
        if (isNodeLike(inner))
            return endOffset(inner);
    }
    return node.range?.[1] ?? 0;
}
function isNodeLike(value) {
    return typeof value === 'object' && value !== null && 'range' in value;
}
function capitalize(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
}

;// CONCATENATED MODULE: ./src/job/build.ts





/**
 * Reads the job file (if any), lets each given input replace its field, and validates the result.
 * Pure: no file system, no @actions/core. All problems of a file are reported at once, by position.
 */
function buildJobDefinition(source, inputs) {
    let tree = {};
    let map;
    if (source) {
        const loaded = loadJobFile(source);
        if (!loaded.tree)
            return { diagnostics: loaded.diagnostics };
        tree = loaded.tree;
        map = loaded.map;
    }
    const merged = mergeInputs(tree, inputs);
    if (merged.diagnostics.length > 0)
        return { diagnostics: merged.diagnostics };
    // Without a job file every field comes from an input, so a missing config field names its input.
    if (!source && !(0,values/* isRecord */.u)(tree.config))
        tree.config = {};
    const result = jobDefinitionSchema.safeParse(tree);
    const diagnoser = new Diagnoser(tree, merged.origins, map);
    const diagnostics = byPosition([
        ...(result.success ? [] : diagnoser.fromIssues(result.error.issues)),
        ...diagnoser.warnings()
    ]);
    return result.success ? { definition: result.data, diagnostics } : { diagnostics };
}
/** File positions in reading order first, then the diagnostics about inputs in the order found. */
function byPosition(diagnostics) {
    const rank = (d) => d.line === undefined ? Number.MAX_SAFE_INTEGER : d.line * 1e6 + (d.column ?? 0);
    return diagnostics
        .map((diagnostic, index) => ({ diagnostic, index }))
        .sort((a, b) => rank(a.diagnostic) - rank(b.diagnostic) || a.index - b.index)
        .map(({ diagnostic }) => diagnostic);
}

;// CONCATENATED MODULE: ./src/job/index.ts
/** The job definition: load a job file with positions, merge inputs over it, validate, and explain problems. */



// EXTERNAL MODULE: ./src/report/annotations.ts
var annotations = __webpack_require__(856);
// EXTERNAL MODULE: ./src/report/plural.ts
var plural = __webpack_require__(1190);
;// CONCATENATED MODULE: ./src/steps/definition.ts
/** Reads a job file from the workspace and builds the definition; problems become annotations. */





const workspaceDir = () => process.env.GITHUB_WORKSPACE || process.cwd();
/** Path as annotations need it: relative to the workspace, with forward slashes. */
function relativeToWorkspace(file) {
    const absolute = external_node_path_.resolve(workspaceDir(), file);
    return external_node_path_.relative(workspaceDir(), absolute).split(external_node_path_.sep).join('/');
}
/**
 * Reads and checks one job file (or none); never throws on bad input, the result carries the problems.
 * Synchronous on purpose: for thousands of small files a plain read beats a trip through the thread pool.
 */
function checkJobFile(file, inputs) {
    if (file === undefined)
        return buildJobDefinition(undefined, inputs);
    const shown = relativeToWorkspace(file);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(external_node_path_.resolve(workspaceDir(), file), 'utf8');
    }
    catch (error) {
        const reason = error.code === 'ENOENT' ? 'does not exist' : 'cannot be read';
        return {
            diagnostics: [
                {
                    severity: 'error',
                    rule: 'Job file',
                    message: `Job file ${shown} ${reason} (paths are relative to the repository root, ${workspaceDir()}); check \`job_file\`.`,
                    file: shown,
                    path: []
                }
            ]
        };
    }
    return buildJobDefinition({ file: shown, text }, inputs);
}
class DefinitionError extends Error {
    constructor(message) {
        super(message);
        this.name = 'DefinitionError';
    }
}
/** The definition to send, or a DefinitionError after every problem was annotated. */
async function readJobDefinition(file, inputs) {
    const result = checkJobFile(file, inputs);
    result.diagnostics.forEach(annotations/* annotate */.fz);
    if (result.definition)
        return result.definition;
    const errors = result.diagnostics.filter(d => d.severity === 'error');
    const inFile = errors.some(d => d.file !== undefined);
    const inInputs = errors.some(d => d.file === undefined);
    const source = file === undefined || !inFile
        ? 'The job definition inputs have'
        : `Job file ${relativeToWorkspace(file)}${inInputs ? ' and the inputs have' : ' has'}`;
    throw new DefinitionError(`${source} ${(0,plural/* plural */.L)(errors.length, 'problem')}, listed above; nothing was sent to ModelArts.`);
}


/***/ })

};
