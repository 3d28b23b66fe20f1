export const id = 182;
export const ids = [182];
export const modules = {

/***/ 2158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $_: () => (/* binding */ checkRunName),
/* harmony export */   KB: () => (/* binding */ postedNote),
/* harmony export */   NH: () => (/* binding */ fallbackReason),
/* harmony export */   Or: () => (/* binding */ undrawnNote),
/* harmony export */   UM: () => (/* binding */ checkRunRequests),
/* harmony export */   Z2: () => (/* binding */ undrawnCount),
/* harmony export */   kq: () => (/* binding */ headShaOf)
/* harmony export */ });
/* unused harmony exports RUNNER_ANNOTATION_LIMIT, ANNOTATIONS_PER_REQUEST, checkRunAnnotationOf, batches, conclusionLine */
/* harmony import */ var _plural_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1190);

/** The runner draws at most this many error annotations, and as many warnings, per step. */
const RUNNER_ANNOTATION_LIMIT = 10;
/** The Checks API takes at most this many annotations per request. */
const ANNOTATIONS_PER_REQUEST = 50;
/** The Checks API's sizes: message 64 KB, title 255 characters, output summary 65535 characters. */
const MESSAGE_MAX = 64 * 1024;
const TITLE_MAX = 255;
const clip = (text, max) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
/** How many error and warning annotations the runner would leave undrawn. */
function undrawnCount(diagnostics) {
    const errors = diagnostics.filter(d => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    return Math.max(0, errors - RUNNER_ANNOTATION_LIMIT) + Math.max(0, warnings - RUNNER_ANNOTATION_LIMIT);
}
/**
 * A diagnostic as a check-run annotation; undefined for problems outside any file (inputs), which the Checks API
 * cannot place. A problem with no position (a file that cannot be read) marks the file's first line.
 */
function checkRunAnnotationOf(d) {
    if (d.file === undefined)
        return undefined;
    const startLine = d.line ?? 1;
    const endLine = Math.max(d.endLine ?? startLine, startLine);
    const annotation = {
        path: d.file,
        start_line: startLine,
        end_line: endLine,
        annotation_level: d.severity === 'error' ? 'failure' : 'warning',
        message: clip(d.message, MESSAGE_MAX),
        title: clip(d.rule, TITLE_MAX)
    };
    if (endLine === startLine && d.line !== undefined && d.column !== undefined) {
        annotation.start_column = d.column;
        annotation.end_column = Math.max(d.endColumn ?? d.column, d.column);
    }
    return annotation;
}
/** Consecutive batches of at most `size`, in order. */
function batches(items, size = ANNOTATIONS_PER_REQUEST) {
    if (!Number.isInteger(size) || size < 1)
        throw new RangeError(`batch size ${size}`);
    const out = [];
    for (let at = 0; at < items.length; at += size)
        out.push(items.slice(at, at + size));
    return out;
}
/** Named after the job that runs the step, so a workflow with several validating jobs tells them apart. */
function checkRunName(job) {
    return job ? `ModelArts job files (${job})` : 'ModelArts job files';
}
/** The one-line conclusion: the check run's title. */
function conclusionLine(diagnostics) {
    const errors = diagnostics.filter(d => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    const files = new Set(diagnostics.map(d => d.file ?? '')).size;
    return `${(0,_plural_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .L)(errors, 'error')} and ${(0,_plural_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .L)(warnings, 'warning')} in ${(0,_plural_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .L)(files, 'job file')}`;
}
/**
 * The commit to attach the check run to: on a pull request the head of the branch (GITHUB_SHA is then a merge
 * commit the PR does not show), else GITHUB_SHA.
 */
function headShaOf(payload, sha) {
    const head = payload?.pull_request?.head
        ?.sha;
    if (typeof head === 'string' && head !== '')
        return head;
    return sha || undefined;
}
/**
 * The requests that put every file problem on a check run: one create, then updates of at most 50 annotations
 * each (the API appends them); the last request completes the run with its conclusion.
 */
function checkRunRequests(options) {
    const annotations = options.diagnostics.flatMap(d => checkRunAnnotationOf(d) ?? []);
    const title = conclusionLine(options.diagnostics);
    const conclusion = options.diagnostics.some(d => d.severity === 'error') ? 'failure' : 'success';
    const summary = `${title}. GitHub draws ${RUNNER_ANNOTATION_LIMIT} errors and ${RUNNER_ANNOTATION_LIMIT} warnings per step; ` +
        `this check run carries all ${annotations.length}` +
        (options.detailsUrl
            ? `, and [the workflow run](${options.detailsUrl}) lists them in its job summary.`
            : '.');
    const chunks = batches(annotations);
    if (chunks.length === 0)
        chunks.push([]);
    return chunks.map((chunk, index) => {
        const output = { title, summary, annotations: chunk };
        const last = index === chunks.length - 1;
        const done = last ? { status: 'completed', conclusion } : {};
        if (index === 0) {
            return {
                kind: 'create',
                body: { name: options.name, head_sha: options.headSha, status: 'in_progress', ...done, output }
            };
        }
        return { kind: 'update', body: { ...done, output } };
    });
}
/** Why the problems stayed on workflow-command annotations, as the end of a sentence. */
function fallbackReason(failure) {
    if ('noToken' in failure)
        return 'no `github_token` was given to post them through a check run';
    if (failure.status === 403 || failure.status === 404) {
        return ('the token may not create check runs (give the job `permissions: checks: write`; ' +
            'pull requests from forks get a read-only token)');
    }
    const status = failure.status === undefined ? '' : `HTTP ${failure.status}: `;
    return `posting them through a check run failed (${status}${failure.message.replace(/\s+/g, ' ').trim()})`;
}
/** The one note, for the log and the job summary, when not every problem is drawn on the PR. */
function undrawnNote(options) {
    const where = options.summaryRows >= options.total
        ? `the job summary lists all of them (Problems table), and so does the log group "${options.logGroup}"`
        : `the job summary lists the first ${options.summaryRows} (Problems table), the log group "${options.logGroup}" all of them`;
    return (`${(0,_plural_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .L)(options.undrawn, 'problem')} of ${options.total} ${options.undrawn === 1 ? 'is' : 'are'} not drawn on the PR: ` +
        `GitHub draws ${RUNNER_ANNOTATION_LIMIT} errors and ${RUNNER_ANNOTATION_LIMIT} warnings per step, and ` +
        `${options.reason}; ${where}.`);
}
/** The line for the log and the job summary once the check run carries every file problem. */
function postedNote(count, name, url, markdown) {
    const where = markdown ? `[${name}](${url})` : `"${name}": ${url}`;
    return (`All ${(0,_plural_js__WEBPACK_IMPORTED_MODULE_0__/* .plural */ .L)(count, 'problem')} in job files are annotated on the check run ${where} ` +
        `(GitHub draws ${RUNNER_ANNOTATION_LIMIT} errors and ${RUNNER_ANNOTATION_LIMIT} warnings per step).`);
}


/***/ }),

/***/ 182:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  validateJobFiles: () => (/* binding */ validateJobFiles)
});

// UNUSED EXPORTS: expandJobFiles

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6288);
// EXTERNAL MODULE: ./src/steps/definition.ts + 13 modules
var definition = __webpack_require__(3189);
// EXTERNAL MODULE: ./src/report/annotations.ts
var annotations = __webpack_require__(856);
// EXTERNAL MODULE: ./src/report/check-run.ts
var check_run = __webpack_require__(2158);
// EXTERNAL MODULE: ./src/report/plural.ts
var plural = __webpack_require__(1190);
;// CONCATENATED MODULE: ./src/report/problems.ts
/**
 * Puts every problem on the PR. Workflow-command annotations when the runner draws them all; beyond its limit,
 * one check run that carries every file problem (the token permitting), else the annotations and a note saying
 * how many are not drawn and where they are listed.
 */




async function annotateProblems(diagnostics, options) {
    const undrawn = (0,check_run/* undrawnCount */.Z2)(diagnostics);
    if (undrawn === 0) {
        diagnostics.forEach(annotations/* annotate */.fz);
        return {};
    }
    const logGroup = `All ${(0,plural/* plural */.L)(diagnostics.length, 'problem')}`;
    core/* startGroup */.Oh(logGroup);
    for (const d of diagnostics)
        printText(`${(0,annotations/* locationOf */.hD)(d)}: ${d.severity}: ${d.rule}: ${d.message}`);
    core/* endGroup */.N4();
    const inFiles = diagnostics.filter(d => d.file !== undefined);
    let reason;
    if (!options.githubToken) {
        reason = (0,check_run/* fallbackReason */.NH)({ noToken: true });
    }
    else {
        const name = (0,check_run/* checkRunName */.$_)(process.env.GITHUB_JOB);
        try {
            // Large, and only this path needs it.
            const { postCheckRun } = await Promise.all(/* import() */[__webpack_require__.e(157), __webpack_require__.e(100)]).then(__webpack_require__.bind(__webpack_require__, 100));
            const posted = await postCheckRun({
                token: options.githubToken,
                name,
                diagnostics: inFiles,
                timeoutMs: options.timeoutMs
            });
            // Problems of the inputs have no file for the check run to point at.
            diagnostics.filter(d => d.file === undefined).forEach(annotations/* annotate */.fz);
            core/* info */.pq((0,check_run/* postedNote */.KB)(posted.annotations, name, posted.url, false));
            return {
                note: (0,check_run/* postedNote */.KB)(posted.annotations, name, posted.url, true),
                checkRun: { name, url: posted.url }
            };
        }
        catch (error) {
            const failure = error;
            reason = (0,check_run/* fallbackReason */.NH)({
                message: String(failure.message ?? error),
                status: typeof failure.status === 'number' ? failure.status : undefined
            });
        }
    }
    diagnostics.forEach(annotations/* annotate */.fz);
    const note = (0,check_run/* undrawnNote */.Or)({
        undrawn,
        total: diagnostics.length,
        reason,
        summaryRows: Math.min(options.summaryRows, diagnostics.length),
        logGroup
    });
    core/* notice */.lm(note);
    return { note };
}
/**
 * Job-file text (keys, values, file names) printed as plain log text: one line, never a workflow command.
 * TODO(merge): switch to the shared function for printing text the action did not write once it lands.
 */
function printText(text) {
    const line = text.replace(/\r?\n|\r/g, ' ⏎ ').replace(/##\[/g, '##\u200b[');
    core/* info */.pq(line.trimStart().startsWith('::') ? `\u200b${line}` : line);
}

// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
;// CONCATENATED MODULE: ./src/steps/validate.ts
/**
 * `validate_only`: checks every matched job file; no credentials, nothing sent to Huawei Cloud. Beyond what the
 * runner draws, the problems go to GitHub through a check run (report/problems.ts).
 */







/** The summary has a size limit (1 MiB); the log and the annotations keep every problem. */
const SUMMARY_PROBLEM_ROWS = 300;
async function validateJobFiles(settings) {
    const { files, unmatched } = await expandJobFiles(settings.jobFiles);
    if (settings.jobFiles.length > 0 && files.length === 0)
        return noJobFile(settings.jobFiles);
    const results = [];
    const problems = [];
    const shownProblems = [];
    const notes = unmatched.map(unmatchedPattern);
    let errors = 0;
    const record = (file, diagnostics) => {
        problems.push(...diagnostics);
        const fileErrors = diagnostics.filter(d => d.severity === 'error').length;
        errors += fileErrors;
        results.push({ file, errors: fileErrors, warnings: diagnostics.length - fileErrors });
        for (const d of diagnostics)
            if (shownProblems.length < SUMMARY_PROBLEM_ROWS)
                shownProblems.push(d);
    };
    const targets = settings.jobFiles.length === 0 ? [undefined] : files;
    for (const file of targets) {
        const result = (0,definition/* checkJobFile */.mY)(file, settings.definitionInputs, settings.definitionOptions);
        const shown = file === undefined ? 'inputs' : (0,definition/* relativeToWorkspace */.Tv)(file);
        record(shown, result.diagnostics);
        if (result.definition) {
            // Collapsed: a reviewer opens it to see exactly what would be sent.
            core/* startGroup */.Oh(`✓ ${shown}: ${result.api} request body that would be sent`);
            core/* info */.pq(JSON.stringify(result.definition, null, 2));
            core/* endGroup */.N4();
        }
        else {
            const count = result.diagnostics.filter(d => d.severity === 'error').length;
            core/* info */.pq(`✗ ${shown}: ${(0,plural/* plural */.L)(count, 'problem')}`);
        }
    }
    const invalid = results.filter(r => r.errors > 0).length;
    const result = {
        valid: invalid === 0,
        filesChecked: files.length,
        problems: errors,
        failure: undefined
    };
    (0,outputs/* setValidation */._C)(result);
    // Annotated once every file is checked: only then is it known whether the runner can draw them all.
    const delivery = await annotateProblems(problems, {
        githubToken: settings.githubToken,
        timeoutMs: settings.requestTimeoutMs,
        summaryRows: SUMMARY_PROBLEM_ROWS
    });
    if (delivery.note)
        notes.push({ level: 'note', text: delivery.note });
    const server = process.env.GITHUB_SERVER_URL;
    const repo = process.env.GITHUB_REPOSITORY;
    const sha = process.env.GITHUB_SHA;
    await (0,outputs/* writeSummary */.Sy)((0,summary/* validationSummary */._f)(results, shownProblems, server && repo && sha ? `${server}/${repo}/blob/${sha}` : undefined, notes));
    if (invalid === 0) {
        core/* info */.pq(`${(0,plural/* plural */.L)(files.length, 'job file')} valid; nothing was sent to Huawei Cloud.`);
        return result;
    }
    result.failure = `${invalid} of ${(0,plural/* plural */.L)(results.length, 'job file')} ${invalid === 1 ? 'has' : 'have'} problems (${(0,plural/* plural */.L)(errors, 'error')}), ${whereAnnotated(delivery, problems)}; nothing was sent to Huawei Cloud.`;
    return result;
}
/** Where the failure line sends the reader: the check run when it carries the file problems, else the log. */
function whereAnnotated(delivery, problems) {
    if (delivery.checkRun === undefined)
        return 'annotated above';
    const { name, url } = delivery.checkRun;
    // Problems of the inputs have no file for a check run: they stay workflow-command annotations.
    const inputs = problems.some(d => d.file === undefined) ? ' (those of the inputs above)' : '';
    return `annotated on the check run "${name}"${url ? `: ${url}` : ''}${inputs}`;
}
/** A pattern that matches nothing is a warning: one line per kind of file is common, not every kind exists. */
function unmatchedPattern(pattern) {
    const message = `\`job_file\` pattern \`${pattern}\` matches no file; skipped.`;
    core/* warning */.$e(message);
    return { level: 'warning', text: message };
}
/** Together the patterns match nothing: most likely a wrong path, so the step fails with one line. */
async function noJobFile(patterns) {
    const list = patterns.map(p => `\`${p}\``).join(', ');
    const failure = `No job file matches \`job_file\` (${list}) under ${(0,definition/* workspaceDir */.zf)()}; check the paths and globs.`;
    const result = { valid: false, filesChecked: 0, problems: 0, failure };
    (0,outputs/* setValidation */._C)(result);
    await (0,outputs/* writeSummary */.Sy)((0,summary/* noJobFileSummary */.dk)(failure));
    return result;
}
const GLOB_CHARS = /[*?[\]{}]/;
/** Paths and globs, relative to the workspace; each one that matches nothing is reported. */
async function expandJobFiles(patterns) {
    const root = (0,definition/* workspaceDir */.zf)();
    const files = new Set();
    const unmatched = [];
    const globs = [];
    for (const pattern of patterns) {
        if (pattern.startsWith('!') || GLOB_CHARS.test(pattern)) {
            globs.push(pattern);
            continue;
        }
        // A plain path that does not exist is reported by checkJobFile at the file itself.
        files.add(external_node_path_.resolve(root, pattern));
    }
    const positive = globs.filter(g => !g.startsWith('!'));
    if (positive.length > 0) {
        const glob = await __webpack_require__.e(/* import() */ 377).then(__webpack_require__.bind(__webpack_require__, 2377));
        const absolute = (g) => g.startsWith('!') ? `!${external_node_path_.resolve(root, g.slice(1))}` : external_node_path_.resolve(root, g);
        const excludes = globs.filter(g => g.startsWith('!')).map(absolute);
        for (const pattern of positive) {
            const globber = await glob.create([absolute(pattern), ...excludes].join('\n'), {
                matchDirectories: false,
                implicitDescendants: false
            });
            const found = await globber.glob();
            if (found.length === 0)
                unmatched.push(pattern);
            found.forEach(f => files.add(f));
        }
    }
    return { files: [...files].sort(), unmatched };
}


/***/ })

};
