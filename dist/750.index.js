export const id = 750;
export const ids = [750];
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

/***/ 3189:
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
        node.items.forEach((pair, index) => noteScalar(value, entries[index]?.[0] ?? '', pair.value, c));
        return value;
    }
    if ((0,dist/* isSeq */.oP)(node)) {
        c.open.add(node);
        const value = node.items.map(item => plainValue(item, c));
        c.open.delete(node);
        c.nodes.set(value, node);
        node.items.forEach((item, index) => noteScalar(value, index, item, c));
        return value;
    }
    if ((0,dist/* isScalar */.jn)(node))
        return scalarValue(node.value, node.source);
    return null;
}
/** Containers whose entries were YAML numbers (kept as source text), and booleans' source text. */
const NUMBER_ENTRIES = new WeakMap();
const BOOLEAN_SOURCES = new WeakMap();
function noteScalar(container, key, node, c) {
    const scalar = (0,dist/* isAlias */.Vj)(node) ? node.resolve(c.doc) : node;
    if (!(0,dist/* isScalar */.jn)(scalar))
        return;
    if (typeof scalar.value === 'number' || typeof scalar.value === 'bigint') {
        const set = NUMBER_ENTRIES.get(container) ?? new Set();
        set.add(key);
        NUMBER_ENTRIES.set(container, set);
    }
    else if (typeof scalar.value === 'boolean' && scalar.source !== undefined) {
        const map = BOOLEAN_SOURCES.get(container) ?? new Map();
        map.set(key, scalar.source);
        BOOLEAN_SOURCES.set(container, map);
    }
}
/** The text a boolean entry was written with (`False` stays "False"), else the value as text. */
function entryText(container, key, value) {
    if (typeof value !== 'boolean')
        return value;
    return BOOLEAN_SOURCES.get(container)?.get(key) ?? String(value);
}
/**
 * The entry as written, for keys sent as they are: numbers that the tree keeps as source text become
 * numbers again (JSON files and YAML alike), containers are copied the same way.
 */
function writtenEntry(container, key) {
    const value = container[key];
    if (typeof value === 'string' && NUMBER_ENTRIES.get(container)?.has(key)) {
        const number = Number(value);
        return Number.isFinite(number) ? number : value;
    }
    if (Array.isArray(value))
        return value.map((_, index) => writtenEntry(value, index));
    if ((0,values/* isRecord */.u)(value)) {
        const copy = {};
        for (const entry of Object.keys(value))
            setEntry(copy, entry, writtenEntry(value, entry));
        return copy;
    }
    return value;
}
/** Copies an entry from one container to another, keeping what was noted about how it was written. */
function copyEntry(to, toKey, from, fromKey) {
    setEntry(to, toKey, from[fromKey]);
    const numbers = NUMBER_ENTRIES.get(to) ?? new Set();
    if (NUMBER_ENTRIES.get(from)?.has(fromKey))
        numbers.add(toKey);
    else
        numbers.delete(toKey);
    NUMBER_ENTRIES.set(to, numbers);
    const source = BOOLEAN_SOURCES.get(from)?.get(fromKey);
    const booleans = BOOLEAN_SOURCES.get(to) ?? new Map();
    if (source !== undefined)
        booleans.set(toKey, source);
    else
        booleans.delete(toKey);
    BOOLEAN_SOURCES.set(to, booleans);
}
/** Sets an own, enumerable property even for a key like `__proto__`. */
function setEntry(target, key, value) {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
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



const TOP_LEVEL = new Set(input_names/* TOP_LEVEL_INPUT_NAMES */.Fo);
const WRITTEN_AS_YAML = new Set(['parameter', 'data_source', 'volumes']);
const TRUE_OR_FALSE = /^(?:true|false)$/i;
/** The input that carries the deep-merged mapping. */
const OVERRIDES_INPUT = 'overrides';
/** Where v2 takes the inputs it shares with v1 (reference §11). */
const V2_TARGETS = {
    job_name: ['metadata', 'name'],
    job_desc: ['metadata', 'description'],
    workspace_id: ['metadata', 'workspace_id'],
    parameter: ['algorithm', 'parameters']
};
/** The inputs only v1 has: given with no job file, they say the definition is v1. */
const CONFIG_INPUTS_OF_V1 = input_names/* DEFINITION_INPUT_NAMES */.Mr.filter(name => V2_TARGETS[name] === undefined);
/** For a v1-only input given with a v2 definition: the v2 field to set instead (reference §11). */
const V2_FIELD_FOR_V1_INPUT = {
    worker_server_num: 'spec.resource.node_count',
    app_url: 'algorithm.code_dir',
    boot_file_url: 'algorithm.boot_file',
    data_url: 'algorithm.inputs (an item {name: data_url, remote: {obs: {obs_url: ...}}})',
    dataset_id: 'algorithm.inputs (an item with remote: {dataset: {id, version_id}})',
    dataset_version_id: 'algorithm.inputs (an item with remote: {dataset: {id, version_id}})',
    data_source: 'algorithm.inputs (one item per source)',
    spec_id: 'spec.resource.flavor_id',
    pool_id: 'spec.resource.pool_id',
    engine_id: 'algorithm.engine.engine_id (or engine_name with engine_version)',
    model_id: 'algorithm.id (or subscription_id with item_version_id)',
    train_url: 'algorithm.outputs (an item {name: train_url, remote: {obs: {obs_url: ...}}})',
    log_url: 'spec.log_export_path.obs_url',
    user_image_url: 'algorithm.engine.image_url',
    user_command: 'algorithm.command',
    create_version: 'nothing: v2 has no versions, each run is a new job (see if_exists)',
    volumes: 'spec.volumes'
};
/** Where each field of the merged tree came from: the input that set it (or a mapping above it). */
class InputOrigins {
    byPath = new Map();
    order = [];
    set(path, input) {
        this.byPath.set(JSON.stringify(path), input);
        if (!this.order.includes(input))
            this.order.push(input);
    }
    /** The input that set `path` or the nearest mapping or list above it. */
    at(path) {
        for (let length = path.length; length > 0; length--) {
            const input = this.byPath.get(JSON.stringify(path.slice(0, length)));
            if (input !== undefined)
                return input;
        }
        return undefined;
    }
    /** Inputs applied later rank higher. */
    rank(input) {
        return this.order.indexOf(input);
    }
}
/** The input that set the value at `path`, if an input did. */
function inputAt(origins, path) {
    return origins.at(path);
}
function inputProblem(input, rule, message, path) {
    return { severity: 'error', rule, message, input, path: [...path] };
}
/** Each given input replaces its field; `tree` (the job file's top level, or {}) is changed in place. */
function mergeInputs(tree, inputs, api = 'v1', origins = new InputOrigins()) {
    const diagnostics = [];
    for (const name of input_names/* DEFINITION_INPUT_NAMES */.Mr) {
        const raw = inputs[name];
        if (raw === undefined || raw.trim() === '')
            continue;
        const target = api === 'v1' ? (TOP_LEVEL.has(name) ? [name] : ['config', name]) : V2_TARGETS[name];
        if (target === undefined) {
            const instead = V2_FIELD_FOR_V1_INPUT[name] ?? 'the matching v2 field';
            const message = `The ${name} input sets a v1 field, but this is a v2 job definition; set ${instead} instead, in the job file or in the \`overrides\` input.`;
            diagnostics.push(inputProblem(name, 'Input for v1', message, []));
            continue;
        }
        let value = raw;
        if (WRITTEN_AS_YAML.has(name)) {
            const read = readYamlText(raw);
            if (read.problem !== undefined) {
                const message = `The ${name} input is not valid YAML (${read.problem}); write it as a YAML list or mapping.`;
                diagnostics.push(inputProblem(name, 'YAML syntax', message, target));
                continue;
            }
            value = read.value;
        }
        else if (name === 'create_version' && TRUE_OR_FALSE.test(raw)) {
            value = raw.toLowerCase() === 'true';
        }
        const parent = containerAt(tree, target.slice(0, -1));
        // A parent in the job file that is not a mapping is reported by the schema; inputs cannot repair it.
        if (!parent)
            continue;
        setEntry(parent, target[target.length - 1] ?? name, value);
        origins.set(target, name);
    }
    return { tree, origins, diagnostics };
}
/** The mapping at `path`, made where it is missing or empty (an empty `config:` is a place to fill). */
function containerAt(tree, path) {
    let current = tree;
    for (const key of path) {
        const next = current[key];
        if (next === undefined || next === null) {
            const made = {};
            setEntry(current, key, made);
            current = made;
        }
        else if ((0,values/* isRecord */.u)(next))
            current = next;
        else
            return undefined;
    }
    return current;
}
/** Top-level keys that only one API has: they tell the APIs apart. */
const V1_KEYS = new Set(['config', 'job_name', 'job_desc', 'workspace_id']);
const V2_KEYS = new Set(['kind', 'metadata', 'algorithm', 'spec']);
/** Reads the `overrides` input: a YAML mapping, or the problem with it. */
function readOverrides(raw) {
    const read = readYamlText(raw);
    if (read.problem !== undefined) {
        const message = `The overrides input is not valid YAML (${read.problem}); write it as a YAML mapping.`;
        return { diagnostics: [inputProblem(OVERRIDES_INPUT, 'YAML syntax', message, [])] };
    }
    if (read.value === null || read.value === undefined)
        return { diagnostics: [] };
    if (!(0,values/* isRecord */.u)(read.value)) {
        const message = 'The overrides input must be a YAML mapping of the job definition keys to change (e.g. `metadata: {description: ...}`).';
        return { diagnostics: [inputProblem(OVERRIDES_INPUT, 'Overrides', message, [])] };
    }
    return { value: read.value, diagnostics: [] };
}
/**
 * Deep-merges `overrides` over the definition: mappings key by key; lists whose items all have a `name`
 * (parameters, inputs, outputs) item by item on `name`; anything else replaced whole.
 */
function applyOverrides(tree, overrides, api, origins) {
    const foreign = api === 'v1' ? V2_KEYS : V1_KEYS;
    const diagnostics = [];
    for (const key of Object.keys(overrides)) {
        if (!foreign.has(key))
            continue;
        const other = api === 'v1' ? 'v2' : 'v1';
        const message = `The overrides input mixes v1 and v2 keys: \`${key}\` is a ${other} key, but this is a ${api} job definition; write the ${api} field instead.`;
        diagnostics.push(inputProblem(OVERRIDES_INPUT, 'API version', message, [key]));
    }
    if (diagnostics.length > 0)
        return diagnostics;
    mergeMapping(tree, overrides, [], origins);
    return diagnostics;
}
function mergeMapping(target, source, path, origins) {
    for (const key of Object.keys(source)) {
        const from = source[key];
        const into = target[key];
        const here = [...path, key];
        if ((0,values/* isRecord */.u)(from) && (0,values/* isRecord */.u)(into))
            mergeMapping(into, from, here, origins);
        else if (Array.isArray(from) && Array.isArray(into) && allNamed(from) && allNamed(into))
            mergeNamedList(into, from, here, origins);
        else {
            copyEntry(target, key, source, key);
            origins.set(here, OVERRIDES_INPUT);
        }
    }
}
function mergeNamedList(target, source, path, origins) {
    for (const item of source) {
        if (!(0,values/* isRecord */.u)(item))
            continue;
        const index = target.findIndex(existing => (0,values/* isRecord */.u)(existing) && existing.name === item.name);
        const existing = target[index];
        if (index >= 0 && (0,values/* isRecord */.u)(existing)) {
            mergeMapping(existing, item, [...path, index], origins);
        }
        else {
            target.push(item);
            origins.set([...path, target.length - 1], OVERRIDES_INPUT);
        }
    }
}
const allNamed = (list) => list.every(item => (0,values/* isRecord */.u)(item) && typeof item.name === 'string');

;// CONCATENATED MODULE: ./src/job/explain.ts


const NOT_A_NAME_CHARACTER = /[^A-Za-z0-9_-]/;
const LONGEST_QUOTE = 40;
/** Ranks keys set by inputs after any offset in a job file. */
const INPUTS_RANK = 2 ** 40;
const EXPECTED = {
    string: 'text',
    number: 'a whole number such as 1',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping of keys to values'
};
/** Turns issues and warnings about one merged definition into diagnostics. */
class Diagnoser {
    profile;
    tree;
    origins;
    map;
    constructor(profile, tree, origins, map) {
        this.profile = profile;
        this.tree = tree;
        this.origins = origins;
        this.map = map;
    }
    /** Keys no shape declares: an error with the suggestion when misspelt, else a warning; sent either way. */
    fromUnknownKeys(unknown) {
        return unknown.map(({ path, key, known, suggestion }) => {
            const where = this.where(path.slice(0, -1));
            if (suggestion !== undefined) {
                return this.at(path, 'key', 'Unknown key', `unknown key \`${key}\` in ${where}; did you mean \`${suggestion}\`?`);
            }
            const message = `\`${key}\` in ${where} is not in the documented request; sent as it is (known keys: ${known.join(', ')}).`;
            return this.at(path, 'key', 'Unknown key', message, 'warning');
        });
    }
    /** `readAsMeant`: keys read in place of misspelt ones; what is wrong there is the misspelling's to say. */
    fromIssues(issues, readAsMeant = []) {
        const under = (path) => readAsMeant.some(meant => meant.length <= path.length && meant.every((key, i) => path[i] === key));
        const about = (issue) => {
            const path = plainPath(issue.path);
            const later = issue.code === 'custom' ? issue.params?.laterOf : undefined;
            return under(path) || (later ?? []).some(key => under([...path, key]));
        };
        return issues.filter(issue => !about(issue)).flatMap(issue => this.fromIssue(issue));
    }
    fromIssue(issue) {
        const path = plainPath(issue.path);
        const value = valueAt(this.tree, path);
        const name = this.displayPath(path);
        switch (issue.code) {
            case 'unrecognized_keys':
                return [];
            case 'custom':
                return [this.crossField(path, issue.message, issue.params)];
            case 'invalid_type': {
                if (value === undefined || value === null)
                    return [this.missingKey(path)];
                const last = path.at(-1);
                const expected = (typeof last === 'string' ? this.profile.listOrMapping[last] : undefined) ??
                    EXPECTED[issue.expected] ??
                    issue.expected;
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
                const rule = this.valueRule(path);
                if (issue.origin !== 'string') {
                    const message = `\`${name}\` must be at most ${String(issue.maximum)}, not ${describe(value)}.`;
                    return [this.at(path, 'value', rule, message)];
                }
                const length = typeof value === 'string' ? value.length : 0;
                const message = `\`${name}\` is ${length} characters long; shorten it to at most ${String(issue.maximum)}.`;
                return [this.at(path, 'value', rule, message)];
            }
            case 'invalid_format': {
                const message = `\`${name}\` must be 1 to 64 characters, only letters, digits, _ and -; ${nameProblem(value)}.`;
                return [this.at(path, 'value', this.valueRule(path), message)];
            }
            case 'invalid_value': {
                if (value === undefined || value === null)
                    return [this.missingKey(path)];
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
        return this.profile.warnings(this.tree, (path, part, rule, message, severity, laterOf) => laterOf && laterOf.length > 0
            ? this.at([...path, this.laterKey(path, laterOf)], part, rule, message, severity)
            : this.at(path, part, rule, message, severity));
    }
    missingKey(path) {
        const key = String(path.at(-1));
        const parent = path.slice(0, -1);
        const owner = parent.length === 0 ? 'The job' : `\`${this.displayPath(parent)}\``;
        const hint = this.profile.requiredHints[key] ? ` (${this.profile.requiredHints[key]})` : '';
        const input = this.profile.inputFor(path);
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
            const rank = input ? INPUTS_RANK + this.origins.rank(input) : (start ?? -1);
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
            const settable = this.profile.inputFor(path);
            return settable ? { input: settable } : {};
        }
        const spot = nodePath.length === 0 ? undefined : this.map.locate(nodePath);
        const node = (part === 'key' ? (spot?.key ?? spot?.value) : (spot?.value ?? spot?.key)) ?? this.map.documentStart();
        return node ? { file: this.map.file, span: this.map.span(node) } : { file: this.map.file };
    }
    valueRule(path) {
        const key = [...path].reverse().find(segment => typeof segment === 'string');
        return (key !== undefined && this.profile.valueRules[key]) || 'Value';
    }
    /** "the job", "config", "a parameter item". */
    where(path) {
        if (path.length === 0)
            return 'the job';
        const last = path.at(-1);
        if (typeof last === 'number') {
            const list = String(path.at(-2));
            return `${/^[aeiou]/i.test(list) ? 'an' : 'a'} ${list} item`;
        }
        return String(last);
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

// EXTERNAL MODULE: ./node_modules/zod/v4/core/registries.js
var registries = __webpack_require__(9396);
;// CONCATENATED MODULE: ./src/job/rules.ts
/** Pieces both APIs' schemas are made of: lenient readings of YAML scalars and the custom-issue format. */


const DECIMAL_INTEGER = /^-?[0-9]+$/;
// Convenience: a plain YAML boolean where text is expected is sent as its text.
const booleanAsText = (value) => (typeof value === 'boolean' ? String(value) : value);
// Convenience: integers may be written as whole decimal strings ("1"); YAML numbers arrive the same way.
const decimalAsNumber = (value) => {
    if (typeof value !== 'string' || !DECIMAL_INTEGER.test(value))
        return value;
    const number = Number(value);
    return Number.isSafeInteger(number) ? number : value;
};
/** Cross-field rules read only which keys are present, so they also run when some values are wrong. */
function onAnyMapping() {
    return { when: payload => (0,values/* isRecord */.u)(payload.value) };
}
function report(ctx, message, rule, path = [], laterOf) {
    const params = laterOf ? { rule, laterOf } : { rule };
    ctx.addIssue({ code: 'custom', message, path, params });
}
/** A key with a value: null means not given. */
function givenIn(mapping) {
    return key => mapping[key] !== undefined && mapping[key] !== null;
}
/** "a, b and c" */
function listed(names) {
    return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
/** Keys real clients send although the documented request lacks them: placed in the body where written. */
const undocumentedKeys = registries/* registry */.u5();
/** Declares a key real clients send although the documented request lacks it. */
function undocumented(schema) {
    undocumentedKeys.add(schema);
    return schema;
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

;// CONCATENATED MODULE: ./src/job/keys.ts



const defOf = (schema) => schema._zod.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);
/** The schema that reads the value: past optional/default wrappers and preprocessing. */
function unwrap(schema) {
    let current = schema;
    for (let depth = 0; depth < 20; depth++) {
        const def = defOf(current);
        if (WRAPPERS.has(def.type) && def.innerType)
            current = def.innerType;
        else if (def.type === 'pipe' && def.in && def.out)
            current = defOf(def.in).type === 'transform' ? def.out : def.in;
        else if (def.type === 'lazy' && def.getter)
            current = def.getter();
        else
            return current;
    }
    return current;
}
/** The declared keys of the mapping at `path`, or undefined where the schema has no object shape. */
function shapeAt(schema, path) {
    let current = unwrap(schema);
    for (const segment of path) {
        const def = defOf(current);
        if (def.type === 'object' && typeof segment === 'string')
            current = def.shape?.[segment];
        else if (def.type === 'array' && typeof segment === 'number')
            current = def.element;
        else
            return undefined;
        if (current === undefined)
            return undefined;
        current = unwrap(current);
    }
    const def = defOf(current);
    return def.type === 'object' ? def.shape : undefined;
}
function knownKeysAt(schema, path) {
    return Object.keys(shapeAt(schema, path) ?? {});
}
/** Declared keys whose value is not checked: sent as written, like undeclared ones. */
const ANY_VALUE = new Set(['unknown', 'any']);
const isOptional = (schema) => schema._zod.optin === 'optional';
/** Copies `tree` for parsing (dropping nulls at optional keys) and lists the keys no shape declares. */
function prepareTree(tree, schema, otherApiKeys = {}) {
    const w = { unknown: [], otherApiKeys, readAsMeant: [] };
    const value = walk(tree, schema, [], w);
    return { value, unknown: w.unknown, readAsMeant: w.readAsMeant };
}
function walk(value, schema, path, w) {
    const inner = unwrap(schema);
    const def = defOf(inner);
    if (def.type === 'array' && def.element && Array.isArray(value)) {
        const element = def.element;
        return value.map((item, index) => walk(item, element, [...path, index], w));
    }
    if (def.type !== 'object' || !def.shape || !(0,values/* isRecord */.u)(value))
        return value;
    const shape = def.shape;
    const known = Object.keys(shape);
    const copy = {};
    for (const [key, item] of Object.entries(value)) {
        const declared = Object.hasOwn(shape, key) ? shape[key] : undefined;
        if (declared === undefined) {
            const meant = Object.hasOwn(w.otherApiKeys, key) ? w.otherApiKeys[key] : undefined;
            const suggestion = meant !== undefined && known.includes(meant) ? meant : nearestKey(key, known);
            w.unknown.push({ path: [...path, key], key, known, suggestion });
            const meantSchema = suggestion === undefined ? undefined : shape[suggestion];
            if (suggestion !== undefined && meantSchema && !Object.hasOwn(value, suggestion)) {
                setEntry(copy, suggestion, walk(item, meantSchema, [...path, suggestion], w));
                w.readAsMeant.push([...path, suggestion]);
            }
            else
                setEntry(copy, key, writtenEntry(value, key));
        }
        else if (item === null && isOptional(declared)) {
            continue;
        }
        else if (ANY_VALUE.has(defOf(unwrap(declared)).type)) {
            setEntry(copy, key, writtenEntry(value, key));
        }
        else if (typeof item === 'boolean' && defOf(unwrap(declared)).type === 'string') {
            // A text field keeps the boolean's source text: `False` is sent as "False".
            setEntry(copy, key, entryText(value, key, item));
        }
        else {
            setEntry(copy, key, walk(item, declared, [...path, key], w));
        }
    }
    return copy;
}
/**
 * The parsed output with each undeclared (or undocumented) key back in its place: right after the
 * documented key that precedes it in the source (documented keys keep the schema's order, the body's order).
 * With `order: 'source'` every key keeps the order it was written in.
 */
function placeUnknownKeys(output, source, schema, order = 'schema') {
    const inner = unwrap(schema);
    const def = defOf(inner);
    if (def.type === 'array' && def.element && Array.isArray(output) && Array.isArray(source)) {
        const element = def.element;
        return output.map((item, index) => placeUnknownKeys(item, source[index], element, order));
    }
    if (def.type !== 'object' || !def.shape || !(0,values/* isRecord */.u)(output) || !(0,values/* isRecord */.u)(source))
        return output;
    const shape = def.shape;
    const after = new Map();
    let previous;
    const floating = (key) => {
        const declared = Object.hasOwn(shape, key) ? shape[key] : undefined;
        return order === 'source' || declared === undefined || undocumentedKeys.has(declared);
    };
    for (const key of Object.keys(source)) {
        if (!floating(key)) {
            if (Object.hasOwn(output, key))
                previous = key;
        }
        else if (Object.hasOwn(output, key)) {
            const list = after.get(previous) ?? [];
            list.push(key);
            after.set(previous, list);
        }
    }
    const placed = {};
    const put = (key, item) => setEntry(placed, key, item);
    const floatingValue = (key) => {
        const declared = Object.hasOwn(shape, key) ? shape[key] : undefined;
        return declared ? placeUnknownKeys(output[key], source[key], declared, order) : output[key];
    };
    for (const key of after.get(undefined) ?? [])
        put(key, floatingValue(key));
    for (const key of Object.keys(output)) {
        const declared = Object.hasOwn(shape, key) ? shape[key] : undefined;
        if (declared === undefined || floating(key))
            continue;
        put(key, placeUnknownKeys(output[key], source[key], declared, order));
        for (const extra of after.get(key) ?? [])
            put(extra, floatingValue(extra));
    }
    return placed;
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
                if (segment === 'label' || segment === 'name') {
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

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 16 modules
var schemas = __webpack_require__(3603);
;// CONCATENATED MODULE: ./src/job/v1/schema.ts
/**
 * The v1 job definition as one zod schema: the v1 create-job request body (vendor page Tables 2 to 8) and the
 * rules of shared/reference/job-definition.md. It reads the plain tree of a job file merged with the inputs
 * (numbers arrive as their source text) and outputs exactly the body to send. Objects are loose: keys they do
 * not declare are judged by ../keys.ts (warning, or error when misspelt) and sent as they are.
 */



const JOB_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const schema_text = () => schemas/* preprocess */.vkY(booleanAsText, schemas/* string */.YjP());
const wholeNumber = (minimum) => schemas/* preprocess */.vkY(decimalAsNumber, schemas/* number */.aig().min(minimum));
const flag = () => schemas/* boolean */.zMY();
// Convenience: `parameter` as a mapping {label: value}, order and the values' source text kept.
const mappingAsLabelValueList = (value) => (0,values/* isRecord */.u)(value)
    ? Object.entries(value).map(([label, item]) => ({ label, value: entryText(value, label, item) }))
    : value;
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
    nfs: schemas/* looseObject */._H3(NFS_SHAPE).optional(),
    host_path: schemas/* looseObject */._H3(HOST_PATH_SHAPE).optional()
};
/** Table 3, in its order (which is also the order of the body sent). */
const CONFIG_SHAPE = {
    worker_server_num: wholeNumber(1),
    app_url: schema_text().optional(),
    boot_file_url: schema_text().optional(),
    parameter: schemas/* preprocess */.vkY(mappingAsLabelValueList, schemas/* array */.YOg(schemas/* looseObject */._H3(PARAMETER_ITEM_SHAPE))).optional(),
    data_url: schema_text().optional(),
    dataset_id: schema_text().optional(),
    dataset_version_id: schema_text().optional(),
    data_source: schemas/* array */.YOg(schemas/* looseObject */._H3(DATA_SOURCE_ITEM_SHAPE).superRefine(checkDataSourceItem, onAnyMapping()))
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
    volumes: schemas/* array */.YOg(schemas/* looseObject */._H3(VOLUME_SHAPE).superRefine(checkVolume, onAnyMapping())).optional(),
    // Sent by real clients although Table 3 lacks them (the vendor SDK, its TensorFlow walk-through, user code).
    flavor: undocumented(schemas/* looseObject */._H3({ code: schema_text() }).optional()),
    priority: undocumented(schemas/* unknown */.L5J().optional()),
    nas_share_addr: undocumented(schema_text().optional()),
    nas_mount_path: undocumented(schema_text().optional()),
    nas_type: undocumented(schema_text().optional())
};
/** Table 2, with config last as in the vendor samples. */
const DEFINITION_SHAPE = {
    job_name: schemas/* preprocess */.vkY(booleanAsText, schemas/* string */.YjP().regex(JOB_NAME)),
    job_desc: schemas/* preprocess */.vkY(booleanAsText, schemas/* string */.YjP().max(256)).optional(),
    workspace_id: schema_text().optional(),
    config: schemas/* looseObject */._H3(CONFIG_SHAPE).superRefine(checkConfig, onAnyMapping()),
    // Sent by real clients although Table 2 lacks them (the vendor's Python SDK).
    job_type: undocumented(schemas/* unknown */.L5J().optional()),
    autosearch_config: undocumented(schemas/* unknown */.L5J().optional()),
    notification: undocumented(schemas/* unknown */.L5J().optional())
};
const jobDefinitionSchema = schemas/* looseObject */._H3(DEFINITION_SHAPE);
const DATA_CHOICES = 'data_url, dataset_id with dataset_version_id, or data_source';
/** Cross-field rules 1 to 6 of job-definition.md. */
function checkConfig(config, ctx) {
    const given = givenIn(config);
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
    // Rule 3: the job names its resources; spec_id with pool_id is only a warning (see ../v1/warnings.ts).
    const flavor = config.flavor;
    const flavorCode = (0,values/* isRecord */.u)(flavor) && flavor.code !== undefined && flavor.code !== null;
    if (!given('spec_id') && !given('pool_id') && !flavorCode) {
        report(ctx, 'The config names no resources: set spec_id for a public resource pool, pool_id for a dedicated resource pool, or flavor: {code: ...}.', 'Resource pool');
    }
    // Rule 4: something to run.
    if (!given('model_id') && !given('app_url') && !given('boot_file_url') && !given('user_image_url')) {
        const message = 'The config says nothing to run: set model_id (built-in algorithm), app_url with boot_file_url (own code), or user_image_url (custom image).';
        report(ctx, message, 'Code to run');
    }
    // With a custom image, app_url alone is the code directory its boot command runs from.
    const imageCodeDir = given('user_image_url') && given('app_url');
    if (given('app_url') !== given('boot_file_url') && !imageCodeDir) {
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
    const given = givenIn(item);
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
    const given = givenIn(volume);
    if (given('nfs') && given('host_path')) {
        const message = 'A volumes item is either nfs or host_path, not both; split it into two items.';
        report(ctx, message, 'Volume', [], ['nfs', 'host_path']);
    }
    else if (!given('nfs') && !given('host_path')) {
        report(ctx, 'This volumes item names no volume; add nfs (SFS Turbo) or host_path (host directory).', 'Volume');
    }
}

;// CONCATENATED MODULE: ./src/job/v1/profile.ts




const TOP_INPUTS = new Set(input_names/* TOP_LEVEL_INPUT_NAMES */.Fo);
const CONFIG_INPUTS = new Set(input_names/* CONFIG_INPUT_NAMES */.tj);
const v1Profile = {
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
    keyOrder: 'schema',
    otherApiKeys: { name: 'label' },
    inputFor(path) {
        const [first, second] = path;
        if (path.length === 1 && typeof first === 'string' && TOP_INPUTS.has(first))
            return first;
        if (path.length === 2 && first === 'config' && typeof second === 'string' && CONFIG_INPUTS.has(second))
            return second;
        return undefined;
    },
    warnings: v1Warnings
};
/** Only the warnings job-definition.md justifies. */
function v1Warnings(tree, at) {
    const config = tree.config;
    if (!(0,values/* isRecord */.u)(config))
        return [];
    const found = [];
    const given = givenIn(config);
    // Table 3 gives OBS directories for outputs and logs (examples /usr/train/, /usr/log/).
    for (const [key, rule] of [
        ['train_url', 'Output directory'],
        ['log_url', 'Log directory']
    ]) {
        const url = config[key];
        if (typeof url === 'string' && !url.endsWith('/')) {
            const message = `\`config.${key}\` is an OBS directory and should end in "/" (e.g. "${url}/").`;
            found.push(at(['config', key], 'value', rule, message, 'warning'));
        }
    }
    // Rule 3: the table says not together, but the vendor's own samples set both and the service takes them.
    if (given('spec_id') && given('pool_id')) {
        const message = 'spec_id and pool_id are both set, which the parameter table advises against: keep spec_id for a public resource pool, or pool_id (with its flavor) for a dedicated resource pool.';
        found.push(at(['config'], 'key', 'Resource pool', message, 'warning', ['spec_id', 'pool_id']));
    }
    // Table 3: user_command is the boot command of the custom image; without it the image's default runs.
    if (given('user_image_url') && !given('user_command')) {
        const message = '`config.user_image_url` has no user_command; add the command that starts training in the image.';
        found.push(at(['config', 'user_image_url'], 'key', 'Custom image', message, 'warning'));
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
                found.push(at(['config', 'parameter', index, 'label'], 'value', 'Parameter', message, 'warning'));
            }
            seen.add(text);
        });
    }
    return found;
}

;// CONCATENATED MODULE: ./src/job/v2/schema.ts
/**
 * The v2 job definition as one zod schema: the body of `POST /v2/{project_id}/training-jobs` (reference
 * modelarts-v2-api.md §3) and its rules across fields (§4). It reads the plain tree of a job file merged with
 * the inputs (numbers arrive as their source text) and outputs the body to send. Objects are loose: keys
 * they do not declare are judged by ../keys.ts and sent as they are, like v1.
 */



const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const ENVIRONMENT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MOST_ENVIRONMENTS = 100;
const LONGEST_ENVIRONMENT_NAME = 8192;
const LONGEST_ENVIRONMENT_VALUE = 4096;
const DEDICATED_FLAVOR_PREFIX = 'modelarts.pool.visual.';
/** local_code_dir may not be these directories or below them (§3). */
const RESERVED_CODE_DIRS = ['/home/ma-user/modelarts', '/home/ma-user/modelarts-dev', '/home/ma-user/infer'];
const v2_schema_text = () => schemas/* preprocess */.vkY(booleanAsText, schemas/* string */.YjP());
const schema_wholeNumber = (minimum, maximum) => schemas/* preprocess */.vkY(decimalAsNumber, maximum === undefined ? schemas/* int */.Whr().min(minimum) : schemas/* int */.Whr().min(minimum).max(maximum));
const decimalNumber = () => schemas/* preprocess */.vkY(value => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value), schemas/* number */.aig());
const schema_flag = () => schemas/* boolean */.zMY();
/** A map of strings: numbers keep their source text, booleans their text. */
const textMap = () => schemas/* record */.g1P(schemas/* string */.YjP(), v2_schema_text());
// Convenience: `parameters` as a mapping {name: value}, order and the values' source text kept (`1.0`, `False`).
const mappingAsNameValueList = (value) => (0,values/* isRecord */.u)(value)
    ? Object.entries(value).map(([name, item]) => ({ name, value: entryText(value, name, item) }))
    : value;
const schema_PARAMETER_ITEM_SHAPE = {
    name: v2_schema_text(),
    value: v2_schema_text().optional(),
    description: v2_schema_text().optional(),
    constraint: schemas/* unknown */.L5J().optional(),
    i18n_description: schemas/* unknown */.L5J().optional()
};
const OBS_SHAPE = { obs_url: v2_schema_text() };
const DATASET_SHAPE = { id: v2_schema_text(), version_id: v2_schema_text().optional() };
const INPUT_REMOTE_SHAPE = {
    obs: schemas/* looseObject */._H3(OBS_SHAPE).optional(),
    dataset: schemas/* looseObject */._H3(DATASET_SHAPE).optional()
};
const CHANNEL_SHAPE = {
    local_dir: v2_schema_text().optional(),
    access_method: schemas/* enum */.k5n(['parameter', 'env']).optional(),
    description: v2_schema_text().optional()
};
const INPUT_SHAPE = {
    name: v2_schema_text(),
    remote: schemas/* looseObject */._H3(INPUT_REMOTE_SHAPE).superRefine(checkInputRemote, onAnyMapping()),
    ...CHANNEL_SHAPE
};
const OUTPUT_SHAPE = {
    name: v2_schema_text(),
    remote: schemas/* looseObject */._H3({ obs: schemas/* looseObject */._H3(OBS_SHAPE) }),
    ...CHANNEL_SHAPE,
    mode: schemas/* unknown */.L5J().optional(),
    period: schemas/* unknown */.L5J().optional()
};
const ENGINE_SHAPE = {
    engine_id: v2_schema_text().optional(),
    engine_name: v2_schema_text().optional(),
    engine_version: v2_schema_text().optional(),
    image_url: v2_schema_text().optional(),
    install_sys_packages: schema_flag().optional(),
    image_repo_id: v2_schema_text().optional()
};
const ALGORITHM_SHAPE = {
    id: v2_schema_text().optional(),
    subscription_id: v2_schema_text().optional(),
    item_version_id: v2_schema_text().optional(),
    code_dir: v2_schema_text().optional(),
    boot_file: v2_schema_text().optional(),
    command: v2_schema_text().optional(),
    engine: schemas/* looseObject */._H3(ENGINE_SHAPE).superRefine(checkEngine, onAnyMapping()).optional(),
    parameters: schemas/* preprocess */.vkY(mappingAsNameValueList, schemas/* array */.YOg(schemas/* looseObject */._H3(schema_PARAMETER_ITEM_SHAPE))).optional(),
    inputs: schemas/* array */.YOg(schemas/* looseObject */._H3(INPUT_SHAPE)).optional(),
    outputs: schemas/* array */.YOg(schemas/* looseObject */._H3(OUTPUT_SHAPE)).optional(),
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
    local_code_dir: v2_schema_text().optional(),
    working_dir: v2_schema_text().optional(),
    // Hyperparameter search and visualization: passed on as written (§3: "not needed" by the action).
    policies: schemas/* unknown */.L5J().optional(),
    summary: schemas/* unknown */.L5J().optional(),
    autosearch_config_path: schemas/* unknown */.L5J().optional(),
    autosearch_framework_path: schemas/* unknown */.L5J().optional()
};
const METADATA_SHAPE = {
    name: schemas/* preprocess */.vkY(booleanAsText, schemas/* string */.YjP().regex(NAME)),
    description: schemas/* preprocess */.vkY(booleanAsText, schemas/* string */.YjP().max(256)).optional(),
    workspace_id: v2_schema_text().optional(),
    annotations: textMap().optional(),
    training_experiment_reference: schemas/* looseObject */._H3({ id: v2_schema_text().optional(), name: v2_schema_text().optional(), description: v2_schema_text().optional() })
        .optional()
};
const RESOURCE_SHAPE = {
    flavor_id: v2_schema_text().optional(),
    node_count: schema_wholeNumber(1),
    pool_id: v2_schema_text().optional(),
    main_container_customized_flavor: schemas/* looseObject */._H3({
        cpu_core_num: decimalNumber().pipe(schemas/* number */.aig().positive()).optional(),
        mem_size: decimalNumber().pipe(schemas/* number */.aig().positive()).optional(),
        accelerator_num: schema_wholeNumber(0).optional()
    })
        .optional()
};
const schema_VOLUME_SHAPE = {
    nfs: schemas/* looseObject */._H3({ nfs_server_path: v2_schema_text(), local_path: v2_schema_text(), read_only: schema_flag().optional() })
        .optional(),
    pfs: schemas/* looseObject */._H3({ pfs_path: v2_schema_text(), local_path: v2_schema_text() }).optional(),
    obs: schemas/* looseObject */._H3({ obs_path: v2_schema_text(), local_path: v2_schema_text() }).optional()
};
const NOTIFICATION_EVENTS = [
    'JobStarted',
    'JobCompleted',
    'JobFailed',
    'JobTerminated',
    'JobRestarted',
    'JobHanged',
    'JobPreempted'
];
const SPEC_SHAPE = {
    resource: schemas/* looseObject */._H3(RESOURCE_SHAPE).superRefine(checkResource, onAnyMapping()),
    volumes: schemas/* array */.YOg(schemas/* looseObject */._H3(schema_VOLUME_SHAPE).superRefine(schema_checkVolume, onAnyMapping())).optional(),
    log_export_path: schemas/* looseObject */._H3({ obs_url: v2_schema_text().optional(), host_path: v2_schema_text().optional() }).optional(),
    auto_stop: schemas/* looseObject */._H3({ time_unit: schemas/* enum */.k5n(['HOURS']), duration: schema_wholeNumber(1) }).optional(),
    schedule_policy: schemas/* looseObject */._H3({
        priority: schema_wholeNumber(1, 3).optional(),
        preemptible: schema_flag().optional(),
        required_affinity: schemas/* unknown */.L5J().optional()
    })
        .optional(),
    notification: schemas/* looseObject */._H3({ topic_urn: v2_schema_text().optional(), events: schemas/* array */.YOg(schemas/* enum */.k5n(NOTIFICATION_EVENTS)).optional() })
        .optional(),
    log_export_config: schemas/* looseObject */._H3({ version: schemas/* enum */.k5n(['v0', 'v1']).optional(), rotation_enabled: schema_flag().optional() })
        .optional()
};
/** §3, in its order (which is also the order of the body sent). */
const V2_DEFINITION_SHAPE = {
    kind: v2_schema_text().optional(),
    metadata: schemas/* looseObject */._H3(METADATA_SHAPE),
    algorithm: schemas/* looseObject */._H3(ALGORITHM_SHAPE).superRefine(checkAlgorithm, onAnyMapping()),
    spec: schemas/* looseObject */._H3(SPEC_SHAPE),
    // §3: "not implemented; leave out"; sent as written if given.
    tasks: schemas/* unknown */.L5J().optional(),
    endpoints: schemas/* looseObject */._H3({ ssh: schemas/* looseObject */._H3({ key_pair_names: schemas/* array */.YOg(v2_schema_text()) }).optional() }).optional()
};
const v2JobDefinitionSchema = schemas/* looseObject */._H3(V2_DEFINITION_SHAPE)
    .superRefine(checkChannels, onAnyMapping());
/** OBS paths come as `/bucket/dir/` and `obs://bucket/dir/` (§3); compare them without the scheme. */
function withoutObsScheme(path) {
    return path.startsWith('obs://') ? path.slice('obs:/'.length) : path;
}
const RUN_CHOICES = 'id (an algorithm from algorithm management), subscription_id with item_version_id (a subscribed algorithm), code_dir with boot_file and an engine (own code), or engine.image_url with command (custom image)';
/** §4 rules 1 to 3 (what runs, pairs, boot file inside code_dir). */
function checkAlgorithm(algorithm, ctx) {
    const given = givenIn(algorithm);
    const engine = (0,values/* isRecord */.u)(algorithm.engine) ? algorithm.engine : {};
    const engineGiven = givenIn(engine);
    const namedEngine = engineGiven('engine_id') || (engineGiven('engine_name') && engineGiven('engine_version'));
    const customImage = engineGiven('image_url') && !engineGiven('engine_id') && !engineGiven('engine_name');
    let specific = false;
    if (given('id') && given('subscription_id')) {
        const message = 'id and subscription_id cannot be used together: keep id for an algorithm from algorithm management, or subscription_id with item_version_id for a subscribed one.';
        report(ctx, message, 'Algorithm', [], ['id', 'subscription_id']);
        specific = true;
    }
    // Rule 2: pairs.
    if (given('subscription_id') !== given('item_version_id')) {
        const [present, missing] = given('subscription_id')
            ? ['subscription_id', 'item_version_id']
            : ['item_version_id', 'subscription_id'];
        report(ctx, `${present} needs ${missing} as well (a subscribed algorithm); add it.`, 'Algorithm', [
            present
        ]);
        specific = true;
    }
    if (given('boot_file') && !given('code_dir')) {
        const message = 'boot_file needs code_dir (the code directory that holds it); add it or remove boot_file.';
        report(ctx, message, 'Code to run', ['boot_file']);
        specific = true;
    }
    // A custom image runs its command from code_dir, so code_dir alone is right there (§4 rule 1d).
    if (given('code_dir') &&
        !given('boot_file') &&
        !engineGiven('image_url') &&
        !given('id') &&
        !given('subscription_id')) {
        const message = 'code_dir needs boot_file (the file to start, inside code_dir); add it or remove code_dir.';
        report(ctx, message, 'Code to run', ['code_dir']);
        specific = true;
    }
    // Rule 1d: a custom image needs the command that starts it (service error ModelArts.2806).
    if (customImage && !given('command')) {
        const message = 'engine.image_url is a custom image, which needs command (e.g. "python train.py"); add algorithm.command.';
        report(ctx, message, 'Custom image', ['engine', 'image_url']);
        specific = true;
    }
    // Rule 1c: own code runs on an engine.
    const ownCode = given('code_dir') && given('boot_file');
    if (ownCode && !namedEngine && !engineGiven('image_url') && !given('id') && !given('subscription_id')) {
        const message = 'code_dir with boot_file needs an engine: set engine.engine_id, or engine.engine_name with engine.engine_version.';
        report(ctx, message, 'Engine', ['boot_file']);
        specific = true;
    }
    const runs = given('id') ||
        (given('subscription_id') && given('item_version_id')) ||
        (ownCode && (namedEngine || engineGiven('image_url'))) ||
        (engineGiven('image_url') && given('command'));
    if (!runs && !specific)
        report(ctx, `The algorithm says nothing to run: set ${RUN_CHOICES}.`, 'Code to run');
    // Rule 3: the boot file lies inside the code directory, whichever OBS form each is written in.
    const dir = algorithm.code_dir;
    const boot = algorithm.boot_file;
    if (typeof dir === 'string' && typeof boot === 'string') {
        const directory = withoutObsScheme(dir.endsWith('/') ? dir : `${dir}/`);
        const file = withoutObsScheme(boot);
        if (!file.startsWith(directory) || file.length === directory.length) {
            const message = `boot_file "${boot}" is not a file inside code_dir "${dir}"; write its full path inside the code directory (e.g. "${dir.endsWith('/') ? dir : `${dir}/`}train.py").`;
            report(ctx, message, 'Boot file', ['boot_file']);
        }
    }
    for (const key of ['code_dir', 'boot_file']) {
        if (hasDoubleSlash(algorithm[key]))
            reportDoubleSlash(ctx, key, [key]);
    }
    // §3: local_code_dir is under /home, not /home/ma-user itself, nor the platform's own directories.
    const local = algorithm.local_code_dir;
    if (typeof local === 'string') {
        const trimmed = local.replace(/\/+$/, '');
        const reserved = RESERVED_CODE_DIRS.find(dir => trimmed === dir || trimmed.startsWith(`${dir}/`));
        if (!trimmed.startsWith('/home/') || trimmed === '/home/ma-user' || reserved) {
            const message = `local_code_dir "${local}" must be a directory under /home, other than /home/ma-user and ${listed(RESERVED_CODE_DIRS)} or below them (e.g. /home/ma-user/code).`;
            report(ctx, message, 'Code directory', ['local_code_dir']);
        }
    }
}
/** Rule 2: engine_name comes with engine_version; install_sys_packages only with a preset engine on an image. */
function checkEngine(engine, ctx) {
    const given = givenIn(engine);
    if (given('engine_name') !== given('engine_version')) {
        const [present, missing] = given('engine_name')
            ? ['engine_name', 'engine_version']
            : ['engine_version', 'engine_name'];
        report(ctx, `${present} needs ${missing} as well; add it, or name the engine by engine_id.`, 'Engine', [
            present
        ]);
    }
    if (given('install_sys_packages') &&
        !(given('engine_name') && given('engine_version') && given('image_url'))) {
        const message = 'install_sys_packages applies only with engine_name, engine_version and image_url together; add them or remove it.';
        report(ctx, message, 'Engine', ['install_sys_packages']);
    }
}
/** Rule 6: an input reads either OBS or a dataset. */
function checkInputRemote(remote, ctx) {
    const given = givenIn(remote);
    if (given('obs') && given('dataset')) {
        const message = 'An input remote is either obs or dataset, not both; keep one, or split it into two inputs.';
        report(ctx, message, 'Channel', [], ['obs', 'dataset']);
    }
    else if (!given('obs') && !given('dataset')) {
        report(ctx, 'This input remote names no data; add obs: {obs_url: ...} or dataset: {id: ...}.', 'Channel');
    }
    const obs = remote.obs;
    if ((0,values/* isRecord */.u)(obs) && hasDoubleSlash(obs.obs_url))
        reportDoubleSlash(ctx, 'obs_url', ['obs', 'obs_url']);
}
/** Rule 7: environment names, how many, and their values. */
function checkEnvironments(environments, ctx) {
    const names = Object.keys(environments);
    if (names.length > MOST_ENVIRONMENTS) {
        const message = `environments has ${names.length} variables; at most ${MOST_ENVIRONMENTS} are allowed.`;
        report(ctx, message, 'Environment', [names[MOST_ENVIRONMENTS] ?? '']);
    }
    for (const name of names) {
        if (!ENVIRONMENT_NAME.test(name) || name.length > LONGEST_ENVIRONMENT_NAME) {
            const message = `"${name.length > 40 ? `${name.slice(0, 39)}…` : name}" is not an environment variable name: start with a letter or _, then letters, digits or _ only.`;
            report(ctx, message, 'Environment', [name]);
        }
        const value = environments[name] ?? '';
        if (value.length > LONGEST_ENVIRONMENT_VALUE) {
            const message = `The value of ${name} is ${value.length} characters long; shorten it to at most ${LONGEST_ENVIRONMENT_VALUE}.`;
            report(ctx, message, 'Environment', [name]);
        }
        else if (value.includes('$')) {
            const message = `The value of ${name} contains "$": variable references are not expanded; write the value itself.`;
            report(ctx, message, 'Environment', [name]);
        }
    }
}
/** Rule 5: a public pool takes a flavor_id, a dedicated pool a pool_id (with a pool flavor or none). */
function checkResource(resource, ctx) {
    const given = givenIn(resource);
    const flavor = typeof resource.flavor_id === 'string' ? resource.flavor_id : undefined;
    const poolFlavor = flavor?.startsWith(DEDICATED_FLAVOR_PREFIX) === true;
    if (!given('pool_id')) {
        if (!given('flavor_id')) {
            const message = 'spec.resource names no resources: set flavor_id for a public resource pool (e.g. "modelarts.vm.cpu.8u"), or pool_id for a dedicated one.';
            report(ctx, message, 'Resource pool');
        }
        else if (poolFlavor) {
            const message = `flavor_id "${flavor}" is a dedicated-pool flavor; add pool_id, or choose a public flavor from training-job-flavors.`;
            report(ctx, message, 'Resource pool', ['flavor_id']);
        }
        if (given('main_container_customized_flavor')) {
            const message = 'main_container_customized_flavor applies to dedicated pools only; add pool_id or remove it.';
            report(ctx, message, 'Resource pool', ['main_container_customized_flavor']);
        }
    }
    else if (flavor !== undefined && !poolFlavor) {
        const message = `flavor_id "${flavor}" is a public-pool flavor; on a dedicated pool use a ${DEDICATED_FLAVOR_PREFIX}* flavor (GPU/Ascend pools) or leave flavor_id out (CPU pools).`;
        report(ctx, message, 'Resource pool', ['flavor_id']);
    }
}
/** Rule 8: each volume is exactly one of nfs, pfs, obs. */
function schema_checkVolume(volume, ctx) {
    const kinds = ['nfs', 'pfs', 'obs'].filter(givenIn(volume));
    if (kinds.length > 1) {
        const message = `A volumes item is exactly one of nfs, pfs or obs, not ${listed(kinds)}; split it into ${kinds.length} items.`;
        report(ctx, message, 'Volume', [], kinds);
    }
    else if (kinds.length === 0) {
        report(ctx, 'This volumes item names no volume; add nfs, pfs or obs.', 'Volume');
    }
}
/** Rule 6: channel names are unique across inputs and outputs (each becomes --<name>=<dir>). */
function checkChannels(definition, ctx) {
    const algorithm = definition.algorithm;
    if (!(0,values/* isRecord */.u)(algorithm))
        return;
    const seen = new Set();
    for (const list of ['inputs', 'outputs']) {
        const channels = algorithm[list];
        if (!Array.isArray(channels))
            continue;
        channels.forEach((channel, index) => {
            const name = (0,values/* isRecord */.u)(channel) ? channel.name : undefined;
            if (typeof name !== 'string')
                return;
            if (seen.has(name)) {
                const message = `The channel name "${name}" is used twice in algorithm inputs/outputs; give each input and output its own name.`;
                report(ctx, message, 'Channel', ['algorithm', list, index, 'name']);
            }
            seen.add(name);
        });
    }
}
const hasDoubleSlash = (path) => typeof path === 'string' && withoutObsScheme(path).slice(1).includes('//');
function reportDoubleSlash(ctx, key, path) {
    const message = `${key} contains "//", which the service rejects (ModelArts.4315); write single slashes between directories.`;
    report(ctx, message, 'OBS path', path);
}

;// CONCATENATED MODULE: ./src/job/v2/profile.ts



/** The inputs v2 takes, by the field they set. */
const INPUT_FOR_FIELD = {
    'metadata.name': 'job_name',
    'metadata.description': 'job_desc',
    'metadata.workspace_id': 'workspace_id',
    'algorithm.parameters': 'parameter'
};
const v2Profile = {
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
    keyOrder: 'source',
    otherApiKeys: { label: 'name' },
    inputFor(path) {
        return path.length === 2 ? INPUT_FOR_FIELD[path.join('.')] : undefined;
    },
    warnings: v2Warnings
};
/** §4 rule 4 (engine combinations are warned about, not refused) and repeated parameter names. */
function v2Warnings(tree, at) {
    const algorithm = tree.algorithm;
    if (!(0,values/* isRecord */.u)(algorithm))
        return [];
    const found = [];
    const given = givenIn(algorithm);
    const engine = algorithm.engine;
    if ((0,values/* isRecord */.u)(engine)) {
        const engineGiven = givenIn(engine);
        const with_ = ['id', 'subscription_id'].filter(given);
        if (with_.length > 0 && Object.keys(engine).some(engineGiven)) {
            const message = `The docs say to leave engine out with ${listed(with_)}: the algorithm brings its own engine; remove engine unless the service asks for it.`;
            found.push(at(['algorithm', 'engine'], 'key', 'Engine', message, 'warning'));
        }
        const ways = [
            engineGiven('engine_id') && 'engine_id',
            engineGiven('engine_name') && 'engine_name with engine_version',
            engineGiven('image_url') && 'image_url'
        ].filter((way) => typeof way === 'string');
        if (ways.length > 1) {
            const message = `The docs call ${listed(ways)} one of three ways to name the engine; they are given together here, which works for a preset engine on a custom image but is worth checking.`;
            found.push(at(['algorithm', 'engine'], 'key', 'Engine', message, 'warning'));
        }
    }
    const parameters = algorithm.parameters;
    if (Array.isArray(parameters)) {
        const seen = new Set();
        parameters.forEach((item, index) => {
            const name = (0,values/* isRecord */.u)(item) ? item.name : undefined;
            if (typeof name !== 'string')
                return;
            if (seen.has(name)) {
                const message = `The parameter "${name}" is given twice and the later value wins; remove one of them.`;
                found.push(at(['algorithm', 'parameters', index, 'name'], 'value', 'Parameter', message, 'warning'));
            }
            seen.add(name);
        });
    }
    return found;
}

;// CONCATENATED MODULE: ./src/job/build.ts







const PROFILES = { v1: v1Profile, v2: v2Profile };
/**
 * Reads the job file (if any), tells the API, lets each given input and then `overrides` replace their fields,
 * and validates the result. Pure: no file system, no @actions/core. All problems are reported at once, by
 * position in the file, or by the input that set the value.
 */
function buildJobDefinition(source, inputs, options = {}) {
    const apiVersion = options.apiVersion ?? 'auto';
    let tree = {};
    let map;
    if (source) {
        const loaded = loadJobFile(source);
        if (!loaded.tree)
            return { api: apiVersion === 'v2' ? 'v2' : 'v1', diagnostics: loaded.diagnostics };
        tree = loaded.tree;
        map = loaded.map;
    }
    const overrides = readOverrides(options.overrides ?? '');
    const detected = detectApi(tree, map, inputs, overrides.value, apiVersion);
    const api = detected.api;
    if (detected.diagnostics.length > 0 || overrides.diagnostics.length > 0) {
        return { api, diagnostics: [...detected.diagnostics, ...overrides.diagnostics] };
    }
    const origins = new InputOrigins();
    const merged = mergeInputs(tree, inputs, api, origins);
    const problems = [...merged.diagnostics];
    if (overrides.value)
        problems.push(...applyOverrides(tree, overrides.value, api, origins));
    if (problems.length > 0)
        return { api, diagnostics: problems };
    // Without a job file every field comes from an input, so a missing config field names its input.
    if (!source && api === 'v1' && !(0,values/* isRecord */.u)(tree.config))
        tree.config = {};
    const profile = PROFILES[api];
    const prepared = prepareTree(tree, profile.schema, profile.otherApiKeys);
    const result = profile.schema.safeParse(prepared.value);
    const diagnoser = new Diagnoser(profile, tree, origins, map);
    const diagnostics = byPosition([
        ...diagnoser.fromUnknownKeys(prepared.unknown),
        ...(result.success ? [] : diagnoser.fromIssues(result.error.issues, prepared.readAsMeant)),
        ...diagnoser.warnings()
    ]);
    if (!result.success || diagnostics.some(d => d.severity === 'error'))
        return { api, diagnostics };
    const definition = placeUnknownKeys(result.data, prepared.value, profile.schema, profile.keyOrder);
    return api === 'v1'
        ? { api, definition: definition, diagnostics }
        : { api, definition: definition, diagnostics };
}
/**
 * Which API a definition is for: a file's top-level keys decide (config → v1; kind, metadata, algorithm,
 * spec → v2); a file with both is an error at each key of the API its first deciding key is not; an explicit
 * api_version that the file contradicts is an error. With no deciding key, the inputs decide, then v1.
 */
function detectApi(tree, map, inputs, overrides, apiVersion) {
    const keys = Object.keys(tree);
    const first = keys.find(key => key === 'config' || V2_KEYS.has(key));
    if (first !== undefined && map) {
        const fileApi = first === 'config' ? 'v1' : 'v2';
        const foreign = fileApi === 'v1' ? V2_KEYS : V1_KEYS;
        const mixed = keys.filter(key => foreign.has(key));
        if (mixed.length > 0) {
            const diagnostics = mixed.map(key => {
                const other = fileApi === 'v1' ? 'v2' : 'v1';
                const message = `This job file mixes v1 and v2 keys: \`${key}\` is a ${other} key, but \`${first}\` makes it a ${fileApi} file; write the whole file for one API (README: "Moving a v1 job file to v2").`;
                return atKey(map, key, 'API version', message);
            });
            return { api: fileApi, diagnostics };
        }
        if (apiVersion !== 'auto' && apiVersion !== fileApi) {
            const message = `The api_version input is ${apiVersion}, but this is a ${fileApi} job file (it has \`${first}\`); set api_version to ${fileApi} or auto, or write the file for ${apiVersion}.`;
            return { api: apiVersion, diagnostics: [atKey(map, first, 'API version', message)] };
        }
        return { api: fileApi, diagnostics: [] };
    }
    if (apiVersion !== 'auto')
        return { api: apiVersion, diagnostics: [] };
    const overrideKeys = Object.keys(overrides ?? {});
    if (overrideKeys.some(key => V2_KEYS.has(key)))
        return { api: 'v2', diagnostics: [] };
    const v1Input = CONFIG_INPUTS_OF_V1.some(name => (inputs[name] ?? '').trim() !== '');
    if (v1Input || overrideKeys.includes('config'))
        return { api: 'v1', diagnostics: [] };
    return { api: 'v1', diagnostics: [] };
}
function atKey(map, key, rule, message) {
    const node = map.locate([key])?.key ?? map.documentStart();
    const diagnostic = { severity: 'error', rule, message, file: map.file, path: [key] };
    if (node)
        Object.assign(diagnostic, map.span(node));
    return diagnostic;
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
/** The job definition: load a job file with positions, tell the API, merge inputs/overrides, validate, explain. */



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
function checkJobFile(file, inputs, options = {}) {
    if (file === undefined)
        return buildJobDefinition(undefined, inputs, options);
    const shown = relativeToWorkspace(file);
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(external_node_path_.resolve(workspaceDir(), file), 'utf8');
    }
    catch (error) {
        const reason = error.code === 'ENOENT' ? 'does not exist' : 'cannot be read';
        return {
            api: 'v1',
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
    return buildJobDefinition({ file: shown, text }, inputs, options);
}
class DefinitionError extends Error {
    constructor(message) {
        super(message);
        this.name = 'DefinitionError';
    }
}
/** The definition to send, or a DefinitionError after every problem was annotated. */
async function readJobDefinition(file, inputs, options = {}) {
    const result = checkJobFile(file, inputs, options);
    result.diagnostics.forEach(annotations/* annotate */.fz);
    // Placeholder until the steps create v2 jobs (issue #10): a v2 definition is validated, never sent.
    if (result.api === 'v2' && result.definition) {
        const what = file === undefined ? 'The inputs describe' : `Job file ${relativeToWorkspace(file)} is`;
        throw new DefinitionError(`${what} a valid v2 job definition, but this version of the action creates v1 jobs only; nothing was sent to ModelArts (validate_only checks v2 files).`);
    }
    if (result.api === 'v1' && result.definition)
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
