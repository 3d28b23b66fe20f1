/** Log reads never hold up status polls: a log read that hangs delays only the log. */
import type { TrainingJobsV1, VersionDetail } from '../../src/modelarts/v1.js'
import { v1Api } from '../../src/modelarts/v1-api.js'
import { waitForTerminalStatus } from '../../src/modelarts/wait.js'

test('status polls go on at the interval while a log read hangs', async () => {
  const statuses = [8, 8, 8, 8, 8, 8, 10]
  let statusReads = 0
  let time = 0
  const sleeps: number[] = []
  let releaseLog: () => void = () => undefined
  let readsWhileLogHung = 0
  let logHanging = false
  const calls: TrainingJobsV1 = {
    async getVersion(): Promise<VersionDetail> {
      const code = statuses[Math.min(statusReads, statuses.length - 1)] ?? 10
      statusReads++
      if (logHanging) readsWhileLogHung++
      // The job ends: the hanging read finally answers (as a timed-out read would fail).
      if (code === 10) releaseLog()
      return { jobId: '1', jobName: 'j', versionId: '2', versionName: 'V0001', statusCode: code, raw: {} }
    },
    logFileNames: async () => ['job.log'],
    logLines: async (_job, _version, _file, cursor) => {
      if (cursor === undefined && !logHanging && readsWhileLogHung === 0) {
        logHanging = true
        await new Promise<void>(resolve => {
          releaseLog = resolve
        })
        logHanging = false
        return { lines: ['first line'], cursor: '1' }
      }
      return { lines: [], cursor }
    },
    createJob: async () => {
      throw new Error('unused')
    },
    createVersion: async () => {
      throw new Error('unused')
    },
    findJobs: async () => [],
    listVersions: async () => [],
    stopVersion: async () => undefined
  }
  const lines: string[] = []
  const result = await waitForTerminalStatus({
    api: v1Api(calls),
    ref: { jobId: '1', versionId: '2' },
    pollIntervalMs: 1000,
    timeoutMs: 3600_000,
    streamLogs: true,
    now: () => time,
    sleep: async ms => {
      sleeps.push(ms)
      time += ms
    },
    callbacks: {
      statusChanged: () => undefined,
      logLine: line => lines.push(line),
      transientFailure: () => undefined,
      logNotice: () => undefined
    }
  })
  expect(result.outcome).toBe('terminal')
  // Every poll after the first happened while the first log read was still hanging, each one interval apart.
  expect(readsWhileLogHung).toBe(statuses.length - 1)
  expect(sleeps.every(ms => ms === 1000)).toBe(true)
  // The line the hanging read brought is still printed, before the end.
  expect(lines).toEqual(['first line'])
})
