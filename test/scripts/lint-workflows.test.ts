/** scripts/lint-workflows.mjs: which README blocks are workflows, how a snippet is wrapped, this action's own rules. */
import { parse } from 'yaml'
import { actionProblems, asWorkflow, workflowExamples } from '../../scripts/lint-workflows.mjs'

const fence = '```'

describe('workflowExamples', () => {
  const markdown = [
    '# Title', // 1
    '', // 2
    `${fence}yaml`, // 3
    '# jobs/a.yaml', // 4: a job file, no step
    'kind: job', // 5
    fence, // 6
    '', // 7
    `${fence}yml`, // 8
    '- uses: actions/checkout@v6', // 9
    fence, // 10
    `${fence}json`, // 11
    '{ "uses": "x" }', // 12
    fence, // 13
    `${fence}yaml`, // 14
    'steps:', // 15
    '  - name: a', // 16
    '    uses: some/action@v1', // 17
    fence // 18
  ].join('\n')

  test('only YAML blocks with a step, each with the line its code starts on', () => {
    expect(workflowExamples(markdown)).toEqual([
      { line: 9, text: '- uses: actions/checkout@v6' },
      { line: 15, text: 'steps:\n  - name: a\n    uses: some/action@v1' }
    ])
  })
  test('an unclosed block ends the scan', () => {
    expect(workflowExamples(`${fence}yaml\n- uses: a/b@v1\n`)).toEqual([])
  })
})

describe('asWorkflow', () => {
  test('a whole workflow stays as it is', () => {
    const text = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: true'
    expect(asWorkflow(text)).toEqual({ workflow: text, offset: 0 })
  })
  test('a list of steps becomes the steps of one job; offset counts the lines put before it', () => {
    const { workflow, offset } = asWorkflow('- uses: actions/checkout@v6\n\n- run: echo hi')
    const doc = parse(workflow) as { jobs: Record<string, { steps: unknown[] }> }
    expect(Object.values(doc.jobs)[0]?.steps).toEqual([{ uses: 'actions/checkout@v6' }, { run: 'echo hi' }])
    expect(workflow.split('\n')[offset]).toBe('      - uses: actions/checkout@v6')
    expect(workflow).not.toMatch(/^ +$/m) // empty lines stay empty
  })
  test('a job body (steps:) becomes one job', () => {
    const { workflow, offset } = asWorkflow('steps:\n  - run: echo ok')
    const doc = parse(workflow) as { jobs: Record<string, { steps: unknown[]; 'runs-on': string }> }
    expect(Object.values(doc.jobs)[0]).toEqual({ 'runs-on': 'ubuntu-latest', steps: [{ run: 'echo ok' }] })
    expect(workflow.split('\n')[offset]).toBe('    steps:')
  })
})

describe('actionProblems', () => {
  const inputs = new Set(['job_file', 'region', 'wait'])
  const workflow = (steps: string): string => asWorkflow(steps).workflow

  test('a checkout before the step, inputs of action.yml: no problem', () => {
    const steps =
      '- uses: actions/checkout@v6\n- uses: me/modelarts-training-job-action@v1\n  with: { job_file: a.yaml, wait: true }'
    expect(actionProblems(workflow(steps), inputs)).toEqual([])
  })
  test('an input action.yml does not have', () => {
    const steps =
      '- uses: actions/checkout@v6\n- uses: me/modelarts-training-job-action@v1\n  with: { job_file: a.yaml, train_url: /b/ }'
    expect(actionProblems(workflow(steps), inputs)).toEqual([
      'job example: input `train_url` is not in action.yml'
    ])
  })
  test('a job file read before any checkout, or with the checkout after it', () => {
    const steps =
      '- uses: me/modelarts-training-job-action@v1\n  with: { job_file: a.yaml }\n- uses: actions/checkout@v6'
    expect(actionProblems(workflow(steps), inputs)).toEqual([
      'job example: the step reads `job_file` but no actions/checkout step comes before it'
    ])
  })
  test('other actions are not checked against action.yml, and a step without job_file needs no checkout', () => {
    const steps =
      '- uses: huaweicloud/auth-action@v1.1.0\n  with: { access_key_id: x }\n- uses: me/modelarts-training-job-action@v1\n  with: { region: eu-de }'
    expect(actionProblems(workflow(steps), inputs)).toEqual([])
  })
})
