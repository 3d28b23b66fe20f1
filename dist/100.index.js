export const id = 100;
export const ids = [100];
export const modules = {

/***/ 100:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   postCheckRun: () => (/* binding */ postCheckRun)
/* harmony export */ });
/* unused harmony export CheckRunError */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(157);
/* harmony import */ var _check_run_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2158);
/**
 * Sends the check-run requests through @actions/github (GITHUB_API_URL, proxies). Loaded only when a step has
 * more problems than the runner draws: the toolkit is large.
 */


/** Why the check run could not carry the problems; status is the HTTP status when GitHub answered. */
class CheckRunError extends Error {
    status;
    constructor(message, status) {
        super(message);
        this.status = status;
        this.name = 'CheckRunError';
    }
}
/** Creates the check run and appends every batch; throws CheckRunError at the first request that fails. */
async function postCheckRun(options) {
    const repository = process.env.GITHUB_REPOSITORY ?? '';
    const [owner, repo] = repository.split('/');
    const headSha = (0,_check_run_js__WEBPACK_IMPORTED_MODULE_1__/* .headShaOf */ .kq)(_actions_github__WEBPACK_IMPORTED_MODULE_0__.context.payload, process.env.GITHUB_SHA);
    if (!owner || !repo || !headSha) {
        throw new CheckRunError('the repository or commit is unknown (GITHUB_REPOSITORY, GITHUB_SHA)');
    }
    const server = process.env.GITHUB_SERVER_URL;
    const runId = process.env.GITHUB_RUN_ID;
    const requests = (0,_check_run_js__WEBPACK_IMPORTED_MODULE_1__/* .checkRunRequests */ .UM)({
        name: options.name,
        headSha,
        diagnostics: options.diagnostics,
        detailsUrl: server && runId ? `${server}/${repository}/actions/runs/${runId}` : undefined
    });
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(options.token);
    const send = async (request, id) => {
        const common = { owner, repo, request: { signal: AbortSignal.timeout(options.timeoutMs) } };
        return request.kind === 'create'
            ? (await octokit.rest.checks.create({ ...common, ...request.body })).data
            : (await octokit.rest.checks.update({ ...common, check_run_id: id ?? 0, ...request.body })).data;
    };
    let id;
    let url = '';
    let sent = 0;
    for (const request of requests) {
        try {
            const data = await send(request, id);
            id = data.id;
            url = data.html_url ?? url;
            sent += request.body.output.annotations.length;
        }
        catch (error) {
            if (id !== undefined)
                await closeQuietly(octokit, { owner, repo, id, sent, timeoutMs: options.timeoutMs });
            throw asCheckRunError(error);
        }
    }
    return { url, annotations: sent };
}
/** A run left in progress would show as pending on the PR forever: complete it, saying it is partial. */
async function closeQuietly(octokit, o) {
    try {
        await octokit.rest.checks.update({
            owner: o.owner,
            repo: o.repo,
            check_run_id: o.id,
            status: 'completed',
            conclusion: 'neutral',
            output: {
                title: 'Incomplete: see the workflow run',
                summary: `Only ${o.sent} annotations could be posted; the job summary of the workflow run lists every problem.`
            },
            request: { signal: AbortSignal.timeout(o.timeoutMs) }
        });
    }
    catch {
        // The first failure is what the user needs to hear about.
    }
}
function asCheckRunError(error) {
    const status = error.status;
    const message = error instanceof Error ? error.message : String(error);
    return new CheckRunError(message, typeof status === 'number' ? status : undefined);
}


/***/ })

};
