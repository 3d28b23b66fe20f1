export const id = 765;
export const ids = [765];
export const modules = {

/***/ 765:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   validateJobFiles: () => (/* binding */ validateJobFiles)
/* harmony export */ });
/* unused harmony export expandJobFiles */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6288);
/* harmony import */ var _definition_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7186);
/* harmony import */ var _report_annotations_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(856);
/* harmony import */ var _report_summary_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7994);
/* harmony import */ var _report_outputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5468);
/* harmony import */ var _report_plural_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1190);
/** `validate_only`: checks every matched job file; no credentials, no network. */







/** The summary has a size limit (1 MiB); the log and the annotations keep every problem. */
const SUMMARY_PROBLEM_ROWS = 300;
async function validateJobFiles(settings) {
    const { files, unmatched } = await expandJobFiles(settings.jobFiles);
    const results = [];
    const shownProblems = [];
    let errors = 0;
    const record = (file, diagnostics) => {
        diagnostics.forEach(_report_annotations_js__WEBPACK_IMPORTED_MODULE_3__/* .annotate */ .fz);
        const fileErrors = diagnostics.filter(d => d.severity === 'error').length;
        errors += fileErrors;
        results.push({ file, errors: fileErrors, warnings: diagnostics.length - fileErrors });
        for (const d of diagnostics)
            if (shownProblems.length < SUMMARY_PROBLEM_ROWS)
                shownProblems.push(d);
    };
    for (const pattern of unmatched) {
        record(pattern, [
            {
                severity: 'error',
                rule: 'Job file',
                message: `\`job_file\` pattern "${pattern}" matches no file under ${(0,_definition_js__WEBPACK_IMPORTED_MODULE_2__/* .workspaceDir */ .zf)()}; check the path and the glob.`,
                path: []
            }
        ]);
    }
    const targets = settings.jobFiles.length === 0 ? [undefined] : files;
    for (const file of targets) {
        const result = (0,_definition_js__WEBPACK_IMPORTED_MODULE_2__/* .checkJobFile */ .mY)(file, settings.definitionInputs);
        const shown = file === undefined ? 'inputs' : (0,_definition_js__WEBPACK_IMPORTED_MODULE_2__/* .relativeToWorkspace */ .Tv)(file);
        record(shown, result.diagnostics);
        if (result.definition) {
            // Collapsed: a reviewer opens it to see exactly what would be sent.
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .startGroup */ .Oh(`✓ ${shown}: request body that would be sent`);
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(JSON.stringify(result.definition, null, 2));
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .endGroup */ .N4();
        }
        else {
            const count = result.diagnostics.filter(d => d.severity === 'error').length;
            _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`✗ ${shown}: ${(0,_report_plural_js__WEBPACK_IMPORTED_MODULE_6__/* .plural */ .L)(count, 'problem')}`);
        }
    }
    const invalid = results.filter(r => r.errors > 0).length;
    const result = {
        valid: invalid === 0,
        filesChecked: files.length,
        problems: errors,
        failure: undefined
    };
    (0,_report_outputs_js__WEBPACK_IMPORTED_MODULE_5__/* .setValidation */ ._C)(result);
    const server = process.env.GITHUB_SERVER_URL;
    const repo = process.env.GITHUB_REPOSITORY;
    const sha = process.env.GITHUB_SHA;
    await (0,_report_outputs_js__WEBPACK_IMPORTED_MODULE_5__/* .writeSummary */ .Sy)((0,_report_summary_js__WEBPACK_IMPORTED_MODULE_4__/* .validationSummary */ ._f)(results, shownProblems, server && repo && sha ? `${server}/${repo}/blob/${sha}` : undefined));
    if (invalid === 0) {
        _actions_core__WEBPACK_IMPORTED_MODULE_1__/* .info */ .pq(`${(0,_report_plural_js__WEBPACK_IMPORTED_MODULE_6__/* .plural */ .L)(files.length, 'job file')} valid; nothing was sent anywhere.`);
        return result;
    }
    result.failure = `${invalid} of ${(0,_report_plural_js__WEBPACK_IMPORTED_MODULE_6__/* .plural */ .L)(results.length, 'job file')} ${invalid === 1 ? 'has' : 'have'} problems (${(0,_report_plural_js__WEBPACK_IMPORTED_MODULE_6__/* .plural */ .L)(errors, 'error')}), annotated above; nothing was sent anywhere.`;
    return result;
}
const GLOB_CHARS = /[*?[\]{}]/;
/** Paths and globs, relative to the workspace; each one that matches nothing is reported. */
async function expandJobFiles(patterns) {
    const root = (0,_definition_js__WEBPACK_IMPORTED_MODULE_2__/* .workspaceDir */ .zf)();
    const files = new Set();
    const unmatched = [];
    const globs = [];
    for (const pattern of patterns) {
        if (pattern.startsWith('!') || GLOB_CHARS.test(pattern)) {
            globs.push(pattern);
            continue;
        }
        // A plain path that does not exist is reported by checkJobFile at the file itself.
        files.add(node_path__WEBPACK_IMPORTED_MODULE_0__.resolve(root, pattern));
    }
    const positive = globs.filter(g => !g.startsWith('!'));
    if (positive.length > 0) {
        const glob = await __webpack_require__.e(/* import() */ 377).then(__webpack_require__.bind(__webpack_require__, 2377));
        const absolute = (g) => g.startsWith('!') ? `!${node_path__WEBPACK_IMPORTED_MODULE_0__.resolve(root, g.slice(1))}` : node_path__WEBPACK_IMPORTED_MODULE_0__.resolve(root, g);
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
