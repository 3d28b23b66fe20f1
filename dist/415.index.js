export const id = 415;
export const ids = [415];
export const modules = {

/***/ 8415:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createTrainingJob: () => (/* binding */ createTrainingJob)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6288);
// EXTERNAL MODULE: ./src/steps/definition.ts + 13 modules
var steps_definition = __webpack_require__(3189);
// EXTERNAL MODULE: ./src/steps/connect.ts + 8 modules
var connect = __webpack_require__(4833);
// EXTERNAL MODULE: ./src/modelarts/api.ts
var api = __webpack_require__(9587);
// EXTERNAL MODULE: ./src/steps/cancel.ts
var steps_cancel = __webpack_require__(5665);
// EXTERNAL MODULE: ./src/huaweicloud/errors.ts
var errors = __webpack_require__(2519);
// EXTERNAL MODULE: ./src/huaweicloud/retry.ts
var retry = __webpack_require__(4696);
// EXTERNAL MODULE: ./src/util/values.ts
var values = __webpack_require__(7656);
;// CONCATENATED MODULE: ./src/modelarts/wait.ts



const defaultMaxFailureMs = 10 * 60_000;
// Never poll in a tight loop, whatever interval was asked for.
const minimumPollIntervalMs = 100;
// After failed reads the next poll comes later (doubling), but never later than this unless the interval is longer.
const maximumBackoffMs = 60_000;
/** Thrown inside the loop when the signal aborts; turned into the 'cancelled' outcome. */
class Cancelled extends Error {
}
async function waitForTerminalStatus(options) {
    const { api, ref, callbacks, signal } = options;
    const now = options.now ?? Date.now;
    const sleep = options.sleep ?? retry/* sleep */.yy;
    const maxFailureMs = options.maxFailureMs ?? defaultMaxFailureMs;
    const pollIntervalMs = Math.max(options.pollIntervalMs, minimumPollIntervalMs);
    const startedAt = now();
    const elapsed = () => now() - startedAt;
    let status = options.initialStatus;
    const timeline = status ? [{ status, atMs: 0 }] : [];
    let failingSince;
    let failuresInARow = 0;
    /** The name of a terminal status seen once that needs one more poll to be final (`confirm`). */
    let unconfirmed;
    const logs = options.streamLogs
        ? new LogFollower(api.logReader(ref), callbacks, now, maxFailureMs)
        : undefined;
    const untilAborted = (work) => raceAbort(work, signal);
    const ended = (outcome) => ({
        outcome,
        status,
        waitedMs: elapsed(),
        timeline
    });
    try {
        for (;;) {
            if (signal?.aborted)
                return ended('cancelled');
            if (elapsed() >= options.timeoutMs)
                return ended('timeout');
            let detail;
            try {
                detail = await untilAborted(api.getRun(ref));
                failingSince = undefined;
                failuresInARow = 0;
            }
            catch (error) {
                if (error instanceof Cancelled || !(0,errors/* isRetryable */.r3)(error))
                    throw error;
                failingSince ??= now();
                failuresInARow++;
                const failingForMs = now() - failingSince;
                if (failingForMs > maxFailureMs)
                    throw error;
                callbacks.transientFailure(`Reading the job status failed, retrying: ${(0,values/* errorMessage */.g)(error)}`, failingForMs);
            }
            if (detail) {
                const seen = detail.status;
                const atMs = elapsed();
                // A status that may still change back is reported at once, but ends the wait only when seen twice in a row.
                const final = seen.terminal && (seen.confirm !== true || unconfirmed === seen.name);
                unconfirmed = seen.terminal && seen.confirm === true ? seen.name : undefined;
                if (final) {
                    // The last lines often reach the log service after the status changes: read them all before
                    // announcing the end, so the log reads in order.
                    await logs?.drain(untilAborted, true, detail).catch(ignoreCancelled);
                }
                // Names are unique per code, and also compare equal for undocumented non-numeric codes.
                if (seen.name !== status?.name) {
                    const previous = status;
                    status = seen;
                    timeline.push({ status: seen, atMs });
                    callbacks.statusChanged(seen, atMs, previous);
                }
                if (final) {
                    return {
                        outcome: 'terminal',
                        status: seen,
                        waitedMs: elapsed(),
                        timeline,
                        durationMs: detail.durationMs
                    };
                }
            }
            await logs?.drain(untilAborted, false, detail);
            const backoffMs = Math.min(pollIntervalMs * 2 ** failuresInARow, Math.max(pollIntervalMs, maximumBackoffMs));
            const untilTimeoutMs = options.timeoutMs - elapsed();
            if (untilTimeoutMs <= 0)
                continue;
            await untilAborted(sleep(Math.min(backoffMs, untilTimeoutMs), signal).catch(ignoreAbortRejection));
        }
    }
    catch (error) {
        if (error instanceof Cancelled)
            return ended('cancelled');
        throw error;
    }
}
/** Drives the API's log reader; its failures never end the wait: transient ones are retried at the next poll, others stop the streaming. */
class LogFollower {
    reader;
    callbacks;
    now;
    maxFailureMs;
    stopped = false;
    failingSince;
    constructor(reader, callbacks, now, maxFailureMs) {
        this.reader = reader;
        this.callbacks = callbacks;
        this.now = now;
        this.maxFailureMs = maxFailureMs;
    }
    async drain(untilAborted, final, run) {
        if (this.stopped)
            return;
        try {
            await this.reader.read((line, worker) => this.callbacks.logLine(line, worker), untilAborted, final, {
                run,
                notice: message => this.callbacks.logNotice(message)
            });
            this.failingSince = undefined;
        }
        catch (error) {
            if (error instanceof Cancelled)
                throw error;
            this.failed(error);
        }
    }
    failed(error) {
        this.failingSince ??= this.now();
        const failingForMs = this.now() - this.failingSince;
        if ((0,errors/* isRetryable */.r3)(error) && failingForMs <= this.maxFailureMs) {
            this.callbacks.transientFailure(`Reading the training log failed, retrying: ${(0,values/* errorMessage */.g)(error)}`, failingForMs);
            return;
        }
        this.stopped = true;
        this.callbacks.transientFailure(`Reading the training log failed, log streaming stopped (still waiting for the job): ${(0,values/* errorMessage */.g)(error)}`, failingForMs);
    }
}
function ignoreCancelled(error) {
    if (!(error instanceof Cancelled))
        throw error;
}
// An injected sleep may reject when aborted; the loop checks the signal itself.
function ignoreAbortRejection() { }
/** Settles like `work`, or rejects with Cancelled as soon as the signal aborts. */
function raceAbort(work, signal) {
    if (!signal)
        return work;
    if (signal.aborted) {
        work.catch(() => undefined);
        return Promise.reject(new Cancelled());
    }
    return new Promise((resolve, reject) => {
        const onAbort = () => {
            // The abandoned call may still fail later: that must not become an unhandled rejection.
            work.catch(() => undefined);
            reject(new Cancelled());
        };
        signal.addEventListener('abort', onAbort, { once: true });
        work.then(value => {
            signal.removeEventListener('abort', onAbort);
            resolve(value);
        }, (error) => {
            signal.removeEventListener('abort', onAbort);
            reject(error);
        });
    });
}

// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(6518);
// EXTERNAL MODULE: ./src/report/outputs.ts
var outputs = __webpack_require__(5468);
;// CONCATENATED MODULE: ./src/steps/follow.ts
/** `wait: true`: follows the run to a terminal status, prints its log, stops it on timeout or cancel. */







/** The runner kills the step 7.5 s after SIGINT: the stop must be sent well within that. */
const STOP_ON_CANCEL_BUDGET_MS = 5000;
async function followJob(service, settings, submitted, cancel) {
    const { ref } = submitted;
    const url = service.jobUrl ? ` (${service.jobUrl})` : '';
    core/* info */.pq(`Waiting for ${shownName(submitted)} to end: every ${(0,duration/* formatDuration */.a)(settings.pollIntervalMs)}, ` +
        `at most ${(0,duration/* formatDuration */.a)(settings.timeoutMs)}${url}.`);
    // On cancel, stop at once from the signal handler: the poll may be in the middle of a request.
    let stopping;
    cancel.onCancel(() => {
        stopping = Promise.race([
            (0,steps_cancel/* stopRun */.KV)(service, settings, ref).catch((error) => {
                core/* error */.z3(`Could not stop ${(0,steps_cancel/* runName */.rt)(ref)}: ${(0,values/* errorMessage */.g)(error)}`);
                return undefined;
            }),
            new Promise(resolve => setTimeout(() => resolve(undefined), STOP_ON_CANCEL_BUDGET_MS).unref())
        ]);
    });
    const result = await waitForTerminalStatus({
        api: service.api,
        ref,
        pollIntervalMs: settings.pollIntervalMs,
        timeoutMs: settings.timeoutMs,
        streamLogs: settings.streamLogs,
        signal: cancel.signal,
        initialStatus: submitted.status,
        callbacks: {
            statusChanged(status, elapsedMs) {
                core/* info */.pq(`[${(0,duration/* formatDuration */.a)(elapsedMs)}] status: ${(0,api/* statusLabel */.R)(status)}${url}`);
                (0,outputs/* setStatus */.Lx)(status);
            },
            logLine(line, worker) {
                core/* info */.pq(worker ? `[${worker}] ${line}` : line);
            },
            transientFailure(message, failingForMs) {
                core/* warning */.$e(`${message} (failing for ${(0,duration/* formatDuration */.a)(failingForMs)})`);
            },
            logNotice(message) {
                // Lines are missing from the log (v2 preview window): worth a warning, not an error.
                core/* warning */.$e(message);
            }
        }
    });
    const common = {
        status: result.status ?? submitted.status,
        timeline: result.timeline,
        waitedMs: result.waitedMs
    };
    if (result.outcome === 'cancelled') {
        // The wait returned at once; the stop the signal handler sent decides what to say.
        return { ...common, outcome: 'cancelled', durationMs: undefined, stopped: await stopping };
    }
    if (result.outcome === 'timeout') {
        return {
            ...common,
            outcome: 'timeout',
            durationMs: undefined,
            stopped: await (0,steps_cancel/* stopRun */.KV)(service, settings, ref)
        };
    }
    (0,outputs/* markFinished */.UI)('ended');
    if (result.durationMs !== undefined)
        (0,outputs/* setDuration */.rU)(result.durationMs);
    (0,outputs/* setStatus */.Lx)(result.status);
    return { ...common, outcome: 'terminal', durationMs: result.durationMs, stopped: undefined };
}
/** `job 12 version V0001`: the run as the log names it once created. */
const shownName = (submitted) => submitted.versionName
    ? `job ${submitted.ref.jobId} version ${submitted.versionName}`
    : `job ${submitted.ref.jobId}`;

// EXTERNAL MODULE: ./src/report/summary.ts
var summary = __webpack_require__(7994);
;// CONCATENATED MODULE: ./src/report/provenance.ts
/** Which workflow run made the job: the link back from a training job summary to its commit and run. */
/**
 * A Markdown line, or undefined outside a runner. @actions/github is loaded here only, after the job
 * exists: it is large, and neither start-up nor validate_only needs it.
 */
async function runProvenance() {
    if (!process.env.GITHUB_REPOSITORY || !process.env.GITHUB_RUN_ID)
        return undefined;
    const { context } = await __webpack_require__.e(/* import() */ 157).then(__webpack_require__.bind(__webpack_require__, 157));
    const { owner, repo } = context.repo;
    const repository = `${context.serverUrl}/${owner}/${repo}`;
    const run = Number.isFinite(context.runNumber) ? `run #${context.runNumber}` : `run ${context.runId}`;
    const parts = [`Created by [${run}](${repository}/actions/runs/${context.runId})`];
    if (context.workflow)
        parts.push(`of workflow \`${context.workflow}\``);
    if (context.sha)
        parts.push(`for commit [\`${context.sha.slice(0, 7)}\`](${repository}/commit/${context.sha})`);
    if (context.actor)
        parts.push(`by @${context.actor}`);
    return `${parts.join(' ')}.`;
}

// EXTERNAL MODULE: ./src/report/plural.ts
var plural = __webpack_require__(1190);
;// CONCATENATED MODULE: ./src/steps/create.ts
/** Without validate_only: create the job (or the next run of it), then optionally follow it. */












async function createTrainingJob(settings) {
    const definition = await (0,steps_definition/* readJobDefinition */.Jc)(settings.jobFile, settings.definitionInputs, settings.definitionOptions);
    const service = await (0,connect.connect)(settings);
    try {
        await submitAndFollow(settings, definition, service);
    }
    finally {
        service.dispose();
    }
}
async function submitAndFollow(settings, definition, service) {
    const cancel = (0,steps_cancel/* watchForCancel */.rZ)();
    try {
        core/* info */.pq(`Creating training job "${definition.job_name}" at ${service.endpoint}.`);
        let submitted;
        try {
            submitted = await service.api.submit(definition, {
                ifExists: settings.ifExists,
                log: message => core/* info */.pq(message)
            });
        }
        catch (error) {
            await (0,outputs/* writeSummary */.Sy)((0,summary/* notCreatedSummary */.kw)(definition, service.endpoint, (0,values/* errorMessage */.g)(error)));
            throw error;
        }
        // Loaded while the job starts; only the summary at the end needs it.
        const provenance = runProvenance().catch(() => undefined);
        (0,outputs/* saveCreated */.W8)(submitted, service.jobUrl);
        announce(submitted, definition, service);
        let followed;
        let failure;
        try {
            if (cancel.requested) {
                const stopped = await (0,steps_cancel/* stopRun */.KV)(service, settings, submitted.ref);
                followed = {
                    outcome: 'cancelled',
                    status: submitted.status,
                    timeline: [],
                    waitedMs: 0,
                    durationMs: undefined,
                    stopped
                };
                failure = new steps_cancel/* CancelledError */.cc(`The workflow was cancelled while the job was being created; ${shownName(submitted)} was ` +
                    `${stopped ? 'stopped' : 'left running'}.`);
            }
            else if (settings.wait) {
                followed = await followJob(service, settings, submitted, cancel);
                failure = verdict(followed, submitted, settings, service.jobUrl);
            }
            else {
                (0,outputs/* markFinished */.UI)('created');
            }
        }
        catch (error) {
            // The summary still tells what was created before the step fails.
            failure = error;
        }
        await (0,outputs/* writeSummary */.Sy)((0,summary/* jobSummary */.sp)(reportOf(definition, submitted, service, followed, await provenance)));
        if (failure !== undefined)
            throw failure;
    }
    finally {
        cancel.dispose();
    }
}
function announce(submitted, definition, service) {
    const { ref, versionName, status } = submitted;
    core/* info */.pq(submitted.kind === 'job'
        ? `Created job "${definition.job_name}": job id ${ref.jobId}, version ${versionName} (id ${ref.versionId}), status ${status.name}.`
        : `Created version ${versionName} (id ${ref.versionId}) of job "${definition.job_name}" (id ${ref.jobId}), after version ${submitted.previousVersionId}; status ${status.name}.`);
    if (service.jobUrl)
        core/* info */.pq(`Console: ${service.jobUrl}`);
}
/** What the wait means for the step: nothing (it succeeded, or failures are tolerated) or the error to fail with. */
function verdict(result, submitted, settings, jobUrl) {
    const name = shownName(submitted);
    const how = result.stopped ? 'stopped' : 'left running';
    if (result.outcome === 'cancelled') {
        return new steps_cancel/* CancelledError */.cc(`The workflow was cancelled; ${name} was ${how}.`);
    }
    if (result.outcome === 'timeout') {
        const last = result.status.code === undefined ? result.status.name : `${result.status.name} (${result.status.code})`;
        return new Error(`Timed out after waiting ${(0,duration/* formatDuration */.a)(result.waitedMs)}; last status ${last}. The job was ${how}. Raise \`timeout\` to wait longer.`);
    }
    if (result.status.phase === 'succeeded') {
        core/* info */.pq(`${(0,plural/* capitalized */.l)(name)} completed.`);
        return undefined;
    }
    const message = `${(0,plural/* capitalized */.l)(name)} ended ${(0,api/* statusLabel */.R)(result.status)}.` +
        (jobUrl ? ` See the log in the console: ${jobUrl}` : '');
    if (settings.failOnJobFailure)
        return new Error(message);
    core/* warning */.$e(`${message} (fail_on_job_failure is false)`);
    return undefined;
}
/** The job summary's facts, gathered once from the results. */
function reportOf(definition, submitted, service, followed, provenance) {
    return {
        definition,
        kind: submitted.kind,
        jobId: submitted.ref.jobId,
        versionId: submitted.ref.versionId,
        versionName: submitted.versionName,
        previousVersionId: submitted.previousVersionId,
        status: followed?.status ?? submitted.status,
        jobUrl: service.jobUrl,
        region: service.region,
        endpoint: service.endpoint,
        outcome: followed?.outcome,
        durationMs: followed?.durationMs,
        waitedMs: followed?.waitedMs,
        timeline: followed?.timeline,
        stopped: followed?.stopped,
        provenance
    };
}


/***/ })

};
